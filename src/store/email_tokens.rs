//! The `email_tokens` table: single-use links that confirm an email address.
//!
//! Issuing or using a link ends the account's other links of the same purpose, and
//! a link applies only while its address is still the one the account waits to
//! confirm: its current (unconfirmed) email for a signup confirmation, its
//! `pending_email` (the latest change asked for) for an email change.

use super::{Store, StoreError, StoreResult, on_pool, resets::END_RESETS};
use crate::account::rules::skeleton;

pub const CONFIRM: &str = "confirm";
pub const CHANGE_EMAIL: &str = "change_email";

/// Ends the live links of account `$2` for purpose `$3` at time `$1`.
const END_LINKS: &str =
    "UPDATE email_tokens SET used_at = $1 WHERE user_id = $2 AND purpose = $3 AND used_at IS NULL";

/// Makes `$1` the pending address of account `$2`, asked for at `$3`.
const SET_PENDING: &str =
    "UPDATE users SET pending_email = $1, pending_email_at = $3 WHERE id = $2";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EmailToken {
    pub user_id: String,
    pub purpose: String,
    pub email: String,
}

/// What opening a link did.
#[derive(Debug)]
pub enum LinkUse {
    /// Unknown, used, ended by a newer link, or expired.
    Dead,
    /// The address is no longer the one the account waits to confirm (a newer
    /// change was asked for, or the account's address changed since).
    Superseded,
    /// Another account has this address, or a look-alike of it, by now.
    Taken,
    /// Confirmed; `previous` is the account's address before.
    Applied { token: EmailToken, previous: String },
}

impl Store {
    /// Stores a new link; the account's earlier links of the same purpose end. An
    /// email-change link also makes its address the account's pending one.
    pub async fn create_email_token(
        &self,
        token_hash: &str,
        user_id: &str,
        purpose: &str,
        email: &str,
        now: i64,
        expires_at: i64,
    ) -> StoreResult<()> {
        on_pool!(self, p => {
            let mut tx = p.begin().await?;
            sqlx::query(END_LINKS).bind(now).bind(user_id).bind(purpose).execute(&mut *tx).await?;
            sqlx::query(
                "INSERT INTO email_tokens (token_hash, user_id, purpose, email, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)")
                .bind(token_hash).bind(user_id).bind(purpose).bind(email).bind(now).bind(expires_at)
                .execute(&mut *tx).await?;
            if purpose == CHANGE_EMAIL {
                sqlx::query(SET_PENDING).bind(email).bind(user_id).bind(now).execute(&mut *tx).await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// A change to `email` was asked for but gets no link (the address is taken):
    /// the account's earlier change links end all the same, so the answer looks the
    /// same and a superseded (mistyped) address can no longer be confirmed.
    pub async fn supersede_email_changes(
        &self,
        user_id: &str,
        email: &str,
        now: i64,
    ) -> StoreResult<()> {
        on_pool!(self, p => {
            let mut tx = p.begin().await?;
            sqlx::query(END_LINKS).bind(now).bind(user_id).bind(CHANGE_EMAIL).execute(&mut *tx).await?;
            sqlx::query(SET_PENDING).bind(email).bind(user_id).bind(now).execute(&mut *tx).await?;
            tx.commit().await?;
        });
        Ok(())
    }

    /// The address a change was last asked for and when, while it waits for its
    /// link (cleared when a change is confirmed).
    pub async fn pending_email(&self, user_id: &str) -> StoreResult<Option<(String, i64)>> {
        Ok(on_pool!(self, p => sqlx::query_as::<_, (String, i64)>(
            "SELECT pending_email, pending_email_at FROM users \
             WHERE id = $1 AND pending_email IS NOT NULL AND pending_email_at IS NOT NULL")
            .bind(user_id).fetch_optional(p).await?))
    }

    /// Uses a live link once, in one transaction: marks it used, ends the
    /// account's other links of its purpose, and confirms the address if it is
    /// still the one waiting. A change of address also ends every outstanding
    /// password reset link.
    pub async fn use_email_token(&self, token_hash: &str, now: i64) -> StoreResult<LinkUse> {
        on_pool!(self, p => {
            let mut tx = p.begin().await?;
            let token: Option<EmailToken> = sqlx::query_as(
                "UPDATE email_tokens SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 \
                 RETURNING user_id, purpose, email")
                .bind(now).bind(token_hash).fetch_optional(&mut *tx).await?;
            let Some(token) = token else {
                return Ok(LinkUse::Dead);
            };
            sqlx::query(END_LINKS).bind(now).bind(&token.user_id).bind(&token.purpose)
                .execute(&mut *tx).await?;
            let previous: Option<String> = sqlx::query_scalar("SELECT email FROM users WHERE id = $1")
                .bind(&token.user_id).fetch_optional(&mut *tx).await?;
            let Some(previous) = previous else {
                return Ok(LinkUse::Dead);
            };
            let changing = token.purpose == CHANGE_EMAIL;
            let applied = if changing {
                sqlx::query(
                    "UPDATE users SET email = $1, email_skeleton = $2, email_verified = TRUE, pending_email = NULL, pending_email_at = NULL, updated_at = $3 \
                     WHERE id = $4 AND pending_email = $1")
                    .bind(&token.email).bind(skeleton(&token.email)).bind(now).bind(&token.user_id)
                    .execute(&mut *tx).await
            } else {
                sqlx::query("UPDATE users SET email_verified = TRUE, updated_at = $1 WHERE id = $2 AND email = $3")
                    .bind(now).bind(&token.user_id).bind(&token.email)
                    .execute(&mut *tx).await
            };
            // A taken address rolls everything back: the link stays usable, should
            // the address become free while it lives.
            let applied = match applied.map_err(StoreError::from) {
                Ok(r) => r.rows_affected() == 1,
                Err(StoreError::Conflict(_)) => return Ok(LinkUse::Taken),
                Err(e) => return Err(e),
            };
            if applied && changing {
                sqlx::query(END_RESETS).bind(now).bind(&token.user_id).execute(&mut *tx).await?;
            }
            tx.commit().await?;
            Ok(if applied {
                LinkUse::Applied { token, previous }
            } else {
                LinkUse::Superseded
            })
        })
    }
}
