//! The `password_resets` table: single-use set-password links, stored hashed.
//!
//! One rule keeps them short-lived: issuing or using a link ends the account's
//! other links, and so does any change of password or email (`END_RESETS`, run in
//! the transaction of that change). An ended link has `used_at` set.

use super::{Store, StoreResult, on_pool};

/// Ends every outstanding link of account `$2` at time `$1`.
pub(crate) const END_RESETS: &str =
    "UPDATE password_resets SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL";

impl Store {
    /// Stores a new link; the account's earlier links end.
    pub async fn create_password_reset(
        &self,
        token_hash: &str,
        user_id: &str,
        now: i64,
        expires_at: i64,
    ) -> StoreResult<()> {
        on_pool!(self, p => {
            let mut tx = p.begin().await?;
            sqlx::query(END_RESETS).bind(now).bind(user_id).execute(&mut *tx).await?;
            sqlx::query(
                "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
                .bind(token_hash).bind(user_id).bind(now).bind(expires_at).execute(&mut *tx).await?;
            tx.commit().await?;
        });
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

    /// Uses a live link once to set the password (`None`: a passkey was added
    /// through it instead, and the password stays): the link, the account's other
    /// links and the new password are written in one transaction, so a link ended
    /// meanwhile (by another use, a newer link, or a change of email or password)
    /// sets nothing. Returns the account, or `None` when the link was not live.
    pub async fn reset_password(
        &self,
        token_hash: &str,
        password_hash: Option<&str>,
        now: i64,
    ) -> StoreResult<Option<String>> {
        on_pool!(self, p => {
            let mut tx = p.begin().await?;
            let user: Option<String> = sqlx::query_scalar(
                "UPDATE password_resets SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 RETURNING user_id")
                .bind(now).bind(token_hash).fetch_optional(&mut *tx).await?;
            let Some(user_id) = user else {
                return Ok(None);
            };
            sqlx::query("UPDATE users SET password_hash = COALESCE($1, password_hash), updated_at = $2 WHERE id = $3")
                .bind(password_hash).bind(now).bind(&user_id).execute(&mut *tx).await?;
            sqlx::query(END_RESETS).bind(now).bind(&user_id).execute(&mut *tx).await?;
            tx.commit().await?;
            Ok(Some(user_id))
        })
    }
}
