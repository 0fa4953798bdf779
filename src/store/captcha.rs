//! The `captcha_used` table: the replay guard of the built-in captcha.

use super::{Store, StoreResult, on_pool};

impl Store {
    /// Records a solved challenge; false when it was used before (a replay).
    pub async fn use_captcha_challenge(
        &self,
        challenge: &str,
        expires_at: i64,
    ) -> StoreResult<bool> {
        let n = on_pool!(self, p => sqlx::query(
            "INSERT INTO captcha_used (challenge, expires_at) VALUES ($1, $2) ON CONFLICT (challenge) DO NOTHING")
            .bind(challenge).bind(expires_at).execute(p).await?.rows_affected());
        Ok(n == 1)
    }
}
