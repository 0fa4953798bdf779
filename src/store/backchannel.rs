//! Back-channel logout (OIDC Back-Channel Logout 1.0): which apps hold grants of a
//! session, and the `backchannel_outbox` their logout tokens wait in until the app
//! accepts them (claimed with a lease, so one instance sends each).

use super::{Store, StoreResult, on_pool};

/// An app that holds a grant of the signed-out session: its id and the session.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct LogoutTarget {
    pub client_id: String,
    pub sid: Option<String>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LogoutRow {
    pub id: String,
    pub client_id: String,
    pub uri: String,
    /// The logout token's claims without `iat` and `exp`: it is signed afresh
    /// for each attempt, so a retry hours later is not an expired token.
    pub claims: String,
    pub attempts: i64,
}

impl Store {
    /// The apps with a grant of `user_id` that has not expired, from the session
    /// `sid` (`None`: from any session), one row per app and session. Revoked
    /// grants count: a password reset revokes them before the apps are told.
    pub async fn logout_targets(
        &self,
        user_id: &str,
        sid: Option<&str>,
        now: i64,
    ) -> StoreResult<Vec<LogoutTarget>> {
        Ok(on_pool!(self, p => sqlx::query_as::<_, LogoutTarget>(
            "SELECT DISTINCT client_id, sid FROM grants \
             WHERE user_id = $1 AND ($2 = '' OR sid = $2) AND expires_at > $3 ORDER BY client_id, sid")
            .bind(user_id).bind(sid.unwrap_or("")).bind(now).fetch_all(p).await?))
    }

    pub async fn queue_logout(
        &self,
        id: &str,
        client_id: &str,
        uri: &str,
        claims: &str,
        now: i64,
    ) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query(
            "INSERT INTO backchannel_outbox (id, client_id, uri, claims, next_attempt_at, created_at) \
             VALUES ($1, $2, $3, $4, $5, $5)")
            .bind(id).bind(client_id).bind(uri).bind(claims).bind(now)
            .execute(p).await?.rows_affected());
        Ok(())
    }

    /// Claims up to `limit` due logout tokens for `lease` seconds.
    pub async fn claim_logouts(
        &self,
        now: i64,
        lease: i64,
        limit: i64,
    ) -> StoreResult<Vec<LogoutRow>> {
        let due = on_pool!(self, p => sqlx::query_as::<_, LogoutRow>(
            "SELECT id, client_id, uri, claims, attempts FROM backchannel_outbox \
             WHERE sent_at IS NULL AND next_attempt_at <= $1 AND locked_until < $1 ORDER BY next_attempt_at LIMIT $2")
            .bind(now).bind(limit).fetch_all(p).await?);
        let mut claimed = Vec::with_capacity(due.len());
        for row in due {
            let n = on_pool!(self, p => sqlx::query(
                "UPDATE backchannel_outbox SET locked_until = $1 WHERE id = $2 AND locked_until < $3 AND sent_at IS NULL")
                .bind(now + lease).bind(&row.id).bind(now).execute(p).await?.rows_affected());
            if n == 1 {
                claimed.push(row);
            }
        }
        Ok(claimed)
    }

    /// The app accepted it; its claims are dropped.
    pub async fn logout_delivered(&self, id: &str, now: i64) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query(
            "UPDATE backchannel_outbox SET sent_at = $1, claims = '' WHERE id = $2")
            .bind(now).bind(id).execute(p).await?.rows_affected());
        Ok(())
    }

    pub async fn logout_failed(
        &self,
        id: &str,
        error: &str,
        next_attempt_at: i64,
    ) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query(
            "UPDATE backchannel_outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2, locked_until = 0 WHERE id = $3")
            .bind(error).bind(next_attempt_at).bind(id).execute(p).await?.rows_affected());
        Ok(())
    }
}
