//! The `teams`, `team_members` and `team_invites` tables.

use super::{Store, StoreResult, on_pool};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TeamMembership {
    pub id: String,
    pub name: String,
    pub owner_id: String,
    pub role: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Member {
    pub user_id: String,
    pub username: String,
    pub email: String,
    pub name: Option<String>,
    pub role: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Invite {
    pub team_id: String,
    pub team_name: String,
    pub email: String,
}

/// An invitation that expired unaccepted, and who sent it (still in the team).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ExpiredInvite {
    pub team_id: String,
    pub team_name: String,
    pub email: String,
    pub inviter_id: String,
    pub expired_at: i64,
    /// When a new one was asked for ("Ask for a new invitation"), if it was.
    pub renewal_asked_at: Option<i64>,
}

impl Store {
    /// Creates a team owned by `owner_id`, who becomes its first member.
    pub async fn create_team(
        &self,
        id: &str,
        name: &str,
        owner_id: &str,
        now: i64,
    ) -> StoreResult<()> {
        on_pool!(self, p => {
            let mut tx = p.begin().await?;
            sqlx::query("INSERT INTO teams (id, name, owner_id, created_at) VALUES ($1, $2, $3, $4)")
                .bind(id).bind(name).bind(owner_id).bind(now).execute(&mut *tx).await?;
            sqlx::query("INSERT INTO team_members (team_id, user_id, role, joined_at) VALUES ($1, $2, 'owner', $3)")
                .bind(id).bind(owner_id).bind(now).execute(&mut *tx).await?;
            tx.commit().await?;
        });
        Ok(())
    }

    /// The teams a person belongs to.
    pub async fn user_teams(&self, user_id: &str) -> StoreResult<Vec<TeamMembership>> {
        Ok(on_pool!(self, p => sqlx::query_as::<_, TeamMembership>(
            "SELECT t.id, t.name, t.owner_id, m.role FROM team_members m JOIN teams t ON t.id = m.team_id \
             WHERE m.user_id = $1 ORDER BY t.name, t.id")
            .bind(user_id).fetch_all(p).await?))
    }

    /// The teams `user_id` owns, with how many members each has (the owner too):
    /// deleting the account deletes them.
    pub async fn owned_teams(&self, user_id: &str) -> StoreResult<Vec<(String, String, i64)>> {
        Ok(
            on_pool!(self, p => sqlx::query_as::<_, (String, String, i64)>(
            "SELECT t.id, t.name, (SELECT COUNT(*) FROM team_members m WHERE m.team_id = t.id) \
             FROM teams t WHERE t.owner_id = $1 ORDER BY t.name, t.id")
            .bind(user_id).fetch_all(p).await?),
        )
    }

    /// The team, if `user_id` is a member of it.
    pub async fn team_for_member(
        &self,
        team_id: &str,
        user_id: &str,
    ) -> StoreResult<Option<TeamMembership>> {
        Ok(on_pool!(self, p => sqlx::query_as::<_, TeamMembership>(
            "SELECT t.id, t.name, t.owner_id, m.role FROM team_members m JOIN teams t ON t.id = m.team_id \
             WHERE m.team_id = $1 AND m.user_id = $2")
            .bind(team_id).bind(user_id).fetch_optional(p).await?))
    }

    pub async fn team_members(&self, team_id: &str) -> StoreResult<Vec<Member>> {
        Ok(on_pool!(self, p => sqlx::query_as::<_, Member>(
            "SELECT u.id AS user_id, u.username, u.email, u.name, m.role FROM team_members m JOIN users u ON u.id = m.user_id \
             WHERE m.team_id = $1 ORDER BY m.role DESC, u.username")
            .bind(team_id).fetch_all(p).await?))
    }

    /// Removes a member (leaving, or removed by the owner). The owner cannot leave.
    pub async fn remove_member(&self, team_id: &str, user_id: &str) -> StoreResult<bool> {
        let n = on_pool!(self, p => sqlx::query("DELETE FROM team_members WHERE team_id = $1 AND user_id = $2 AND role <> 'owner'")
            .bind(team_id).bind(user_id).execute(p).await?.rows_affected());
        Ok(n == 1)
    }

    pub async fn create_invite(
        &self,
        token_hash: &str,
        team_id: &str,
        email: &str,
        invited_by: &str,
        now: i64,
        expires_at: i64,
    ) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query(
            "INSERT INTO team_invites (token_hash, team_id, email, invited_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(token_hash).bind(team_id).bind(email).bind(invited_by).bind(now).bind(expires_at)
            .execute(p).await?.rows_affected());
        Ok(())
    }

    /// A live, unaccepted invitation.
    pub async fn invite(&self, token_hash: &str, now: i64) -> StoreResult<Option<Invite>> {
        Ok(on_pool!(self, p => sqlx::query_as::<_, Invite>(
            "SELECT i.team_id, t.name AS team_name, i.email FROM team_invites i JOIN teams t ON t.id = i.team_id \
             WHERE i.token_hash = $1 AND i.accepted_at IS NULL AND i.expires_at > $2")
            .bind(token_hash).bind(now).fetch_optional(p).await?))
    }

    /// An invitation that expired before it was accepted, while its sender is still
    /// in the team.
    pub async fn expired_invite(
        &self,
        token_hash: &str,
        now: i64,
    ) -> StoreResult<Option<ExpiredInvite>> {
        Ok(on_pool!(self, p => sqlx::query_as::<_, ExpiredInvite>(
            "SELECT i.team_id, t.name AS team_name, i.email, i.invited_by AS inviter_id, \
                    i.expires_at AS expired_at, i.renewal_asked_at \
             FROM team_invites i JOIN teams t ON t.id = i.team_id \
             JOIN team_members m ON m.team_id = i.team_id AND m.user_id = i.invited_by \
             WHERE i.token_hash = $1 AND i.accepted_at IS NULL AND i.expires_at <= $2")
            .bind(token_hash).bind(now).fetch_optional(p).await?))
    }

    /// Notes that a new invitation was asked for in place of an expired one; false
    /// when one was asked for already (once per invitation) or it is not expired.
    pub async fn ask_invite_renewal(&self, token_hash: &str, now: i64) -> StoreResult<bool> {
        let n = on_pool!(self, p => sqlx::query(
            "UPDATE team_invites SET renewal_asked_at = $1 \
             WHERE token_hash = $2 AND renewal_asked_at IS NULL AND accepted_at IS NULL AND expires_at <= $1")
            .bind(now).bind(token_hash).execute(p).await?.rows_affected());
        Ok(n == 1)
    }

    /// Accepts an invitation once: the person joins the team (if not in it already).
    pub async fn accept_invite(
        &self,
        token_hash: &str,
        user_id: &str,
        now: i64,
    ) -> StoreResult<Option<String>> {
        on_pool!(self, p => {
            let mut tx = p.begin().await?;
            let team: Option<String> = sqlx::query_scalar(
                "UPDATE team_invites SET accepted_at = $1 WHERE token_hash = $2 AND accepted_at IS NULL AND expires_at > $1 RETURNING team_id")
                .bind(now).bind(token_hash).fetch_optional(&mut *tx).await?;
            if let Some(team_id) = &team {
                sqlx::query("INSERT INTO team_members (team_id, user_id, role, joined_at) VALUES ($1, $2, 'member', $3) \
                             ON CONFLICT (team_id, user_id) DO NOTHING")
                    .bind(team_id).bind(user_id).bind(now).execute(&mut *tx).await?;
            }
            tx.commit().await?;
            Ok(team)
        })
    }
}
