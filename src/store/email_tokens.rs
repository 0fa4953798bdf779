//! The `email_tokens` table: single-use links that confirm an email address.

use super::{Store, StoreResult, on_pool};

pub const CONFIRM: &str = "confirm";
pub const CHANGE_EMAIL: &str = "change_email";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EmailToken {
    pub user_id: String,
    pub purpose: String,
    pub email: String,
}

impl Store {
    pub async fn create_email_token(
        &self,
        token_hash: &str,
        user_id: &str,
        purpose: &str,
        email: &str,
        now: i64,
        expires_at: i64,
    ) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query(
            "INSERT INTO email_tokens (token_hash, user_id, purpose, email, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(token_hash).bind(user_id).bind(purpose).bind(email).bind(now).bind(expires_at)
            .execute(p).await?.rows_affected());
        Ok(())
    }

    /// Uses a live link once: marks it used and returns what it confirms.
    pub async fn consume_email_token(
        &self,
        token_hash: &str,
        now: i64,
    ) -> StoreResult<Option<EmailToken>> {
        let n = on_pool!(self, p => sqlx::query(
            "UPDATE email_tokens SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1")
            .bind(now).bind(token_hash).execute(p).await?.rows_affected());
        if n != 1 {
            return Ok(None);
        }
        Ok(on_pool!(self, p => sqlx::query_as::<_, EmailToken>(
            "SELECT user_id, purpose, email FROM email_tokens WHERE token_hash = $1")
            .bind(token_hash).fetch_optional(p).await?))
    }
}
