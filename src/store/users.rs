//! The `users` table.

use super::{Store, StoreResult, on_pool};

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
        "id, username, email, email_verified, name, password_hash, disabled, created_at, updated_at"
    };
}

impl Store {
    /// Creates an account; `Conflict` when the username or email is taken.
    pub async fn create_user(&self, new: &NewUser<'_>, now: i64) -> StoreResult<User> {
        let id = uuid::Uuid::new_v4().to_string();
        const SQL: &str = concat!(
            "INSERT INTO users (id, username, email, email_verified, name, password_hash, disabled, created_at, updated_at) ",
            "VALUES ($1, $2, $3, $4, $5, $6, FALSE, $7, $7) RETURNING ",
            columns!()
        );
        Ok(on_pool!(self, p => sqlx::query_as::<_, User>(SQL)
            .bind(&id)
            .bind(new.username.to_lowercase())
            .bind(new.email.to_lowercase())
            .bind(new.email_verified)
            .bind(new.name)
            .bind(new.password_hash)
            .bind(now)
            .fetch_one(p)
            .await?))
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

    pub async fn set_password_hash(&self, id: &str, hash: &str, now: i64) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query("UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3")
            .bind(hash).bind(now).bind(id).execute(p).await?.rows_affected());
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
}
