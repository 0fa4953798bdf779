//! Two-step verification: the sealed TOTP secret on `users`, its last used step,
//! and the `recovery_codes` table.

use super::{Store, StoreResult, on_pool};

impl Store {
    /// Starts (or restarts) an enrollment: a new sealed secret, not yet enabled.
    /// Does nothing when two-step verification is already on.
    pub async fn set_pending_totp(&self, user_id: &str, sealed: &[u8]) -> StoreResult<bool> {
        let n = on_pool!(self, p => sqlx::query(
            "UPDATE users SET totp_secret = $2, totp_last_step = NULL WHERE id = $1 AND totp_enabled_at IS NULL")
            .bind(user_id).bind(sealed).execute(p).await?.rows_affected());
        Ok(n == 1)
    }

    /// Turns two-step verification on with its first accepted step and a fresh set of
    /// recovery codes (hashes), replacing any earlier ones.
    pub async fn enable_totp(
        &self,
        user_id: &str,
        step: i64,
        code_hashes: &[String],
        now: i64,
    ) -> StoreResult<bool> {
        on_pool!(self, p => {
            let mut tx = p.begin().await?;
            let n = sqlx::query(
                "UPDATE users SET totp_enabled_at = $2, totp_last_step = $3, updated_at = $2 \
                 WHERE id = $1 AND totp_enabled_at IS NULL AND totp_secret IS NOT NULL")
                .bind(user_id).bind(now).bind(step).execute(&mut *tx).await?.rows_affected();
            if n != 1 {
                return Ok(false);
            }
            sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1")
                .bind(user_id).execute(&mut *tx).await?;
            for h in code_hashes {
                sqlx::query("INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)")
                    .bind(user_id).bind(h).execute(&mut *tx).await?;
            }
            tx.commit().await?;
        });
        Ok(true)
    }

    /// Replaces every recovery code of an account that has two-step verification on
    /// (false, and nothing written, when it is off).
    pub async fn replace_recovery_codes(
        &self,
        user_id: &str,
        code_hashes: &[String],
    ) -> StoreResult<bool> {
        on_pool!(self, p => {
            let mut tx = p.begin().await?;
            let on: Option<i64> = sqlx::query_scalar(
                "SELECT totp_enabled_at FROM users WHERE id = $1 AND totp_enabled_at IS NOT NULL")
                .bind(user_id).fetch_optional(&mut *tx).await?;
            if on.is_none() {
                return Ok(false);
            }
            sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1")
                .bind(user_id).execute(&mut *tx).await?;
            for h in code_hashes {
                sqlx::query("INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)")
                    .bind(user_id).bind(h).execute(&mut *tx).await?;
            }
            tx.commit().await?;
        });
        Ok(true)
    }

    /// Turns two-step verification off and forgets the secret and recovery codes.
    pub async fn disable_totp(&self, user_id: &str, now: i64) -> StoreResult<()> {
        on_pool!(self, p => {
            let mut tx = p.begin().await?;
            sqlx::query("UPDATE users SET totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL, updated_at = $2 WHERE id = $1")
                .bind(user_id).bind(now).execute(&mut *tx).await?;
            sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1")
                .bind(user_id).execute(&mut *tx).await?;
            tx.commit().await?;
        });
        Ok(())
    }

    /// The sealed TOTP secret of an account (enabled or pending).
    pub async fn totp_secret(&self, user_id: &str) -> StoreResult<Option<Vec<u8>>> {
        Ok(
            on_pool!(self, p => sqlx::query_scalar::<_, Option<Vec<u8>>>(
            "SELECT totp_secret FROM users WHERE id = $1")
            .bind(user_id).fetch_optional(p).await?)
            .flatten(),
        )
    }

    /// Accepts time step `step` for an account once: false when it, or a later step,
    /// was already used (RFC 6238 §5.2: a code is not accepted twice).
    pub async fn use_totp_step(&self, user_id: &str, step: i64) -> StoreResult<bool> {
        let n = on_pool!(self, p => sqlx::query(
            "UPDATE users SET totp_last_step = $2 WHERE id = $1 AND totp_enabled_at IS NOT NULL \
             AND (totp_last_step IS NULL OR totp_last_step < $2)")
            .bind(user_id).bind(step).execute(p).await?.rows_affected());
        Ok(n == 1)
    }

    /// Uses up one recovery code; false when it is unknown or already used.
    pub async fn use_recovery_code(
        &self,
        user_id: &str,
        hash: &str,
        now: i64,
    ) -> StoreResult<bool> {
        let n = on_pool!(self, p => sqlx::query(
            "UPDATE recovery_codes SET used_at = $3 WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL")
            .bind(user_id).bind(hash).bind(now).execute(p).await?.rows_affected());
        Ok(n == 1)
    }

    pub async fn recovery_codes_left(&self, user_id: &str) -> StoreResult<i64> {
        Ok(on_pool!(self, p => sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL")
            .bind(user_id).fetch_one(p).await?))
    }
}
