//! The `users` table.

use super::{Store, StoreResult, on_pool};
use crate::account::rules::skeleton;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct User {
    pub id: String,
    pub username: String,
    pub email: String,
    pub email_verified: bool,
    pub name: Option<String>,
    pub password_hash: Option<String>,
    pub disabled: bool,
    pub created_at: i64,
    pub updated_at: i64,
    /// When the person finished (or skipped) onboarding; `None` sends them there.
    pub onboarded_at: Option<i64>,
    /// Bumped at every photo change, so the photo's URL changes with it.
    pub picture_version: Option<i64>,
    /// When two-step verification was turned on; `None`: off.
    pub totp_enabled_at: Option<i64>,
    /// The language tag the person last used (their mail's language).
    pub locale: Option<String>,
    /// When "Sign in faster next time" (a passkey) was offered; it is offered once.
    pub passkey_offered_at: Option<i64>,
}

impl User {
    pub fn two_step(&self) -> bool {
        self.totp_enabled_at.is_some()
    }
}

pub struct NewUser<'a> {
    pub username: &'a str,
    pub email: &'a str,
    pub email_verified: bool,
    pub name: Option<&'a str>,
    pub password_hash: Option<&'a str>,
}

macro_rules! columns {
    () => {
        "id, username, email, email_verified, name, password_hash, disabled, created_at, updated_at, onboarded_at, picture_version, totp_enabled_at, locale, passkey_offered_at"
    };
}

impl Store {
    /// Creates an account; `Conflict` when the username or email is taken, or looks
    /// like one that is (same confusable skeleton, enforced by a unique index).
    pub async fn create_user(&self, new: &NewUser<'_>, now: i64) -> StoreResult<User> {
        let id = uuid::Uuid::new_v4().to_string();
        const SQL: &str = concat!(
            "INSERT INTO users (id, username, email, email_verified, name, password_hash, disabled, created_at, updated_at, username_skeleton, email_skeleton) ",
            "VALUES ($1, $2, $3, $4, $5, $6, FALSE, $7, $7, $8, $9) RETURNING ",
            columns!()
        );
        let (username, email) = (new.username.to_lowercase(), new.email.to_lowercase());
        Ok(on_pool!(self, p => sqlx::query_as::<_, User>(SQL)
            .bind(&id)
            .bind(&username)
            .bind(&email)
            .bind(new.email_verified)
            .bind(new.name)
            .bind(new.password_hash)
            .bind(now)
            .bind(skeleton(&username))
            .bind(skeleton(&email))
            .fetch_one(p)
            .await?))
    }

    /// Whether `login` (an email when it contains '@', else a username) belongs to
    /// an account, or looks like one that does (same confusable skeleton).
    pub async fn identifier_in_use(&self, login: &str) -> StoreResult<bool> {
        let sql = if login.contains('@') {
            "SELECT 1 FROM users WHERE email = $1 OR email_skeleton = $2 LIMIT 1"
        } else {
            "SELECT 1 FROM users WHERE username = $1 OR username_skeleton = $2 LIMIT 1"
        };
        let login = login.trim().to_lowercase();
        Ok(on_pool!(self, p => sqlx::query(sql)
            .bind(&login).bind(skeleton(&login)).fetch_optional(p).await?.is_some()))
    }

    /// Fills in the skeletons of accounts that predate them (migration 0007), oldest
    /// first. A pair of look-alikes that both existed before keeps the older one's
    /// skeleton; the newer stays NULL (it is tried again at the next start, in
    /// case the older account is gone by then).
    pub async fn backfill_skeletons(&self) -> StoreResult<u64> {
        let rows = on_pool!(self, p => sqlx::query_as::<_, (String, String, String)>(
            "SELECT id, username, email FROM users WHERE username_skeleton IS NULL OR email_skeleton IS NULL \
             ORDER BY created_at, id")
            .fetch_all(p).await?);
        let mut filled = 0;
        for (id, username, email) in rows {
            for (sql, value) in [
                (
                    "UPDATE users SET username_skeleton = $1 WHERE id = $2 AND username_skeleton IS NULL",
                    skeleton(&username),
                ),
                (
                    "UPDATE users SET email_skeleton = $1 WHERE id = $2 AND email_skeleton IS NULL",
                    skeleton(&email),
                ),
            ] {
                let done = on_pool!(self, p => sqlx::query(sql).bind(&value).bind(&id).execute(p).await.map(|r| r.rows_affected()));
                match done.map_err(super::StoreError::from) {
                    Ok(n) => filled += n,
                    Err(super::StoreError::Conflict(_)) => {
                        tracing::warn!(user = %id, "an older account looks like this one; its skeleton stays unset");
                    }
                    Err(e) => return Err(e),
                }
            }
        }
        Ok(filled)
    }

    pub async fn user_by_id(&self, id: &str) -> StoreResult<Option<User>> {
        const SQL: &str = concat!("SELECT ", columns!(), " FROM users WHERE id = $1");
        Ok(on_pool!(self, p => sqlx::query_as::<_, User>(SQL).bind(id).fetch_optional(p).await?))
    }

    /// Finds an account by email (when `login` contains '@') or username, case-insensitively.
    pub async fn user_by_login(&self, login: &str) -> StoreResult<Option<User>> {
        const BY_EMAIL: &str = concat!("SELECT ", columns!(), " FROM users WHERE email = $1");
        const BY_USERNAME: &str = concat!("SELECT ", columns!(), " FROM users WHERE username = $1");
        let sql = if login.contains('@') {
            BY_EMAIL
        } else {
            BY_USERNAME
        };
        let login = login.trim().to_lowercase();
        Ok(
            on_pool!(self, p => sqlx::query_as::<_, User>(sql).bind(&login).fetch_optional(p).await?),
        )
    }

    pub async fn list_users(&self) -> StoreResult<Vec<User>> {
        const SQL: &str = concat!(
            "SELECT ",
            columns!(),
            " FROM users ORDER BY created_at, username"
        );
        Ok(on_pool!(self, p => sqlx::query_as::<_, User>(SQL).fetch_all(p).await?))
    }

    pub async fn set_user_disabled(&self, id: &str, disabled: bool, now: i64) -> StoreResult<()> {
        let n = on_pool!(self, p => sqlx::query("UPDATE users SET disabled = $1, updated_at = $2 WHERE id = $3")
            .bind(disabled).bind(now).bind(id).execute(p).await?.rows_affected());
        if n == 0 {
            return Err(super::StoreError::NotFound);
        }
        Ok(())
    }

    /// Sets a new password. Every outstanding reset link of the account ends with
    /// it, in the same transaction.
    pub async fn set_password_hash(&self, id: &str, hash: &str, now: i64) -> StoreResult<()> {
        on_pool!(self, p => {
            let mut tx = p.begin().await?;
            sqlx::query("UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3")
                .bind(hash).bind(now).bind(id).execute(&mut *tx).await?;
            sqlx::query(super::resets::END_RESETS)
                .bind(now).bind(id).execute(&mut *tx).await?;
            tx.commit().await?;
        });
        Ok(())
    }

    /// Deletes the account; sessions, grants, codes and tokens go with it (ON DELETE CASCADE).
    pub async fn delete_user(&self, id: &str) -> StoreResult<()> {
        let n = on_pool!(self, p => sqlx::query("DELETE FROM users WHERE id = $1")
            .bind(id).execute(p).await?.rows_affected());
        if n == 0 {
            return Err(super::StoreError::NotFound);
        }
        Ok(())
    }

    pub async fn set_name(&self, id: &str, name: Option<&str>, now: i64) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query("UPDATE users SET name = $1, updated_at = $2 WHERE id = $3")
            .bind(name).bind(now).bind(id).execute(p).await?.rows_affected());
        Ok(())
    }

    /// Remembers the language the person uses (only when it changed, so a sign-in
    /// in the same language writes nothing).
    pub async fn set_locale(&self, id: &str, locale: &str) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query("UPDATE users SET locale = $1 WHERE id = $2 AND (locale IS NULL OR locale <> $1)")
            .bind(locale).bind(id).execute(p).await?.rows_affected());
        Ok(())
    }

    /// Records the end of onboarding, once: false when it had already ended (so
    /// of concurrent "Continue" presses, exactly one goes on to act).
    pub async fn set_onboarded(&self, id: &str, now: i64) -> StoreResult<bool> {
        let n = on_pool!(self, p => sqlx::query("UPDATE users SET onboarded_at = $1 WHERE id = $2 AND onboarded_at IS NULL")
            .bind(now).bind(id).execute(p).await?.rows_affected());
        Ok(n == 1)
    }

    /// Stores a re-encoded photo and bumps the account's picture version, atomically.
    pub async fn set_avatar(&self, id: &str, png: &[u8], now: i64) -> StoreResult<()> {
        on_pool!(self, p => {
            let mut tx = p.begin().await?;
            sqlx::query("INSERT INTO avatars (user_id, png, updated_at) VALUES ($1, $2, $3) \
                         ON CONFLICT (user_id) DO UPDATE SET png = excluded.png, updated_at = excluded.updated_at")
                .bind(id).bind(png).bind(now).execute(&mut *tx).await?;
            sqlx::query("UPDATE users SET picture_version = COALESCE(picture_version, 0) + 1, updated_at = $1 WHERE id = $2")
                .bind(now).bind(id).execute(&mut *tx).await?;
            tx.commit().await?;
        });
        Ok(())
    }

    pub async fn avatar(&self, id: &str) -> StoreResult<Option<(Vec<u8>, i64)>> {
        Ok(
            on_pool!(self, p => sqlx::query_as::<_, (Vec<u8>, i64)>("SELECT png, updated_at FROM avatars WHERE user_id = $1")
            .bind(id).fetch_optional(p).await?),
        )
    }
}
