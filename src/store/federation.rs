//! The `federated_identities` and `federation_states` tables.

use super::{Store, StoreResult, on_pool};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Identity {
    pub issuer: String,
    pub subject: String,
    pub user_id: String,
    pub upstream_id: String,
    pub email: Option<String>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FederationState {
    pub upstream_id: String,
    pub browser_hash: String,
    pub secrets: Vec<u8>,
    pub uid: String,
    pub next: String,
}

pub struct NewState<'a> {
    pub state_hash: &'a str,
    pub upstream_id: &'a str,
    pub browser_hash: &'a str,
    pub secrets: &'a [u8],
    pub uid: &'a str,
    pub next: &'a str,
}

impl Store {
    pub async fn create_federation_state(
        &self,
        s: &NewState<'_>,
        now: i64,
        expires_at: i64,
    ) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query(
            "INSERT INTO federation_states (state_hash, upstream_id, browser_hash, secrets, uid, next, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
            .bind(s.state_hash).bind(s.upstream_id).bind(s.browser_hash).bind(s.secrets).bind(s.uid).bind(s.next)
            .bind(now).bind(expires_at).execute(p).await?.rows_affected());
        Ok(())
    }

    /// Takes a pending upstream request once (deleting it), if it has not expired.
    pub async fn take_federation_state(
        &self,
        state_hash: &str,
        now: i64,
    ) -> StoreResult<Option<FederationState>> {
        Ok(on_pool!(self, p => sqlx::query_as::<_, FederationState>(
            "DELETE FROM federation_states WHERE state_hash = $1 AND expires_at > $2 \
             RETURNING upstream_id, browser_hash, secrets, uid, next")
            .bind(state_hash).bind(now).fetch_optional(p).await?))
    }

    pub async fn identity(&self, issuer: &str, subject: &str) -> StoreResult<Option<Identity>> {
        Ok(on_pool!(self, p => sqlx::query_as::<_, Identity>(
            "SELECT issuer, subject, user_id, upstream_id, email FROM federated_identities WHERE issuer = $1 AND subject = $2")
            .bind(issuer).bind(subject).fetch_optional(p).await?))
    }

    pub async fn user_identities(&self, user_id: &str) -> StoreResult<Vec<Identity>> {
        Ok(on_pool!(self, p => sqlx::query_as::<_, Identity>(
            "SELECT issuer, subject, user_id, upstream_id, email FROM federated_identities WHERE user_id = $1 ORDER BY created_at")
            .bind(user_id).fetch_all(p).await?))
    }

    pub async fn link_identity(&self, id: &Identity, now: i64) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query(
            "INSERT INTO federated_identities (issuer, subject, user_id, upstream_id, email, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(&id.issuer).bind(&id.subject).bind(&id.user_id).bind(&id.upstream_id).bind(&id.email).bind(now)
            .execute(p).await?.rows_affected());
        Ok(())
    }

    pub async fn unlink_identity(
        &self,
        user_id: &str,
        issuer: &str,
        subject: &str,
    ) -> StoreResult<bool> {
        let n = on_pool!(self, p => sqlx::query(
            "DELETE FROM federated_identities WHERE user_id = $1 AND issuer = $2 AND subject = $3")
            .bind(user_id).bind(issuer).bind(subject).execute(p).await?.rows_affected());
        Ok(n == 1)
    }

    /// Creates an account that signs in through an upstream, with its identity, atomically.
    pub async fn create_federated_user(
        &self,
        user: &super::users::NewUser<'_>,
        id: &Identity,
        now: i64,
    ) -> StoreResult<super::users::User> {
        let created = self.create_user(user, now).await?;
        let identity = Identity {
            user_id: created.id.clone(),
            ..id.clone()
        };
        if let Err(e) = self.link_identity(&identity, now).await {
            // Undo, so a failure leaves nothing behind.
            let _ = self.delete_user(&created.id).await;
            return Err(e);
        }
        Ok(created)
    }
}
