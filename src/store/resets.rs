//! The `password_resets` table: single-use set-password links, stored hashed.

use super::{Store, StoreResult, on_pool};

impl Store {
    pub async fn create_password_reset(
        &self,
        token_hash: &str,
        user_id: &str,
        now: i64,
        expires_at: i64,
    ) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query(
            "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(token_hash).bind(user_id).bind(now).bind(expires_at).execute(p).await?.rows_affected());
        Ok(())
    }

    /// The account a live, unused link belongs to.
    pub async fn password_reset_user(
        &self,
        token_hash: &str,
        now: i64,
    ) -> StoreResult<Option<String>> {
        Ok(on_pool!(self, p => sqlx::query_scalar::<_, String>(
            "SELECT user_id FROM password_resets WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2")
            .bind(token_hash).bind(now).fetch_optional(p).await?))
    }

    /// Marks the link used; false when it was already used (or expired) meanwhile.
    pub async fn consume_password_reset(&self, token_hash: &str, now: i64) -> StoreResult<bool> {
        let n = on_pool!(self, p => sqlx::query(
            "UPDATE password_resets SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1")
            .bind(now).bind(token_hash).execute(p).await?.rows_affected());
        Ok(n == 1)
    }
}
