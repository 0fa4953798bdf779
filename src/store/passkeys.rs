//! The `passkeys` and `passkey_ceremonies` tables.

use super::{Store, StoreResult, on_pool};

/// A stored passkey.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PasskeyRow {
    pub cred_id: String,
    pub user_id: String,
    pub name: String,
    /// webauthn-rs's JSON of the credential.
    pub passkey: String,
    pub backup_eligible: bool,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
}

/// What a ceremony is for; the same kind and owner must end it.
pub mod kind {
    pub const REGISTER: &str = "register";
    pub const SIGN_IN: &str = "sign_in";
    pub const SECOND_STEP: &str = "second_step";
    pub const RESET: &str = "reset";
}

macro_rules! columns {
    () => {
        "cred_id, user_id, name, passkey, backup_eligible, created_at, last_used_at"
    };
}

impl Store {
    /// Adds a passkey; `Conflict` when its credential id is stored already (for
    /// any account).
    pub async fn add_passkey(&self, row: &PasskeyRow) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query(
            "INSERT INTO passkeys (cred_id, user_id, name, passkey, backup_eligible, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(&row.cred_id).bind(&row.user_id).bind(&row.name).bind(&row.passkey)
            .bind(row.backup_eligible).bind(row.created_at)
            .execute(p).await?.rows_affected());
        Ok(())
    }

    /// An account's passkeys, oldest first.
    pub async fn user_passkeys(&self, user_id: &str) -> StoreResult<Vec<PasskeyRow>> {
        Ok(on_pool!(self, p => sqlx::query_as::<_, PasskeyRow>(concat!(
            "SELECT ", columns!(), " FROM passkeys WHERE user_id = $1 ORDER BY created_at, cred_id"))
            .bind(user_id).fetch_all(p).await?))
    }

    pub async fn passkey(&self, cred_id: &str) -> StoreResult<Option<PasskeyRow>> {
        Ok(on_pool!(self, p => sqlx::query_as::<_, PasskeyRow>(concat!(
            "SELECT ", columns!(), " FROM passkeys WHERE cred_id = $1"))
            .bind(cred_id).fetch_optional(p).await?))
    }

    /// Notes a sign-in with a passkey: when, and its updated JSON (counter, backup
    /// state) when it changed.
    pub async fn passkey_used(
        &self,
        cred_id: &str,
        updated: Option<&str>,
        now: i64,
    ) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query(
            "UPDATE passkeys SET last_used_at = $2, passkey = COALESCE($3, passkey) WHERE cred_id = $1")
            .bind(cred_id).bind(now).bind(updated).execute(p).await?.rows_affected());
        Ok(())
    }

    /// Renames one of the account's passkeys; false when it has no such passkey.
    pub async fn rename_passkey(
        &self,
        user_id: &str,
        cred_id: &str,
        name: &str,
    ) -> StoreResult<bool> {
        let n = on_pool!(self, p => sqlx::query(
            "UPDATE passkeys SET name = $3 WHERE user_id = $1 AND cred_id = $2")
            .bind(user_id).bind(cred_id).bind(name).execute(p).await?.rows_affected());
        Ok(n == 1)
    }

    /// Removes one of the account's passkeys; false when it has no such passkey.
    pub async fn delete_passkey(&self, user_id: &str, cred_id: &str) -> StoreResult<bool> {
        let n = on_pool!(self, p => sqlx::query(
            "DELETE FROM passkeys WHERE user_id = $1 AND cred_id = $2")
            .bind(user_id).bind(cred_id).execute(p).await?.rows_affected());
        Ok(n == 1)
    }

    /// Starts a ceremony (its state kept until `expires_at`).
    pub async fn create_ceremony(
        &self,
        id_hash: &str,
        kind: &str,
        owner: &str,
        state: &str,
        expires_at: i64,
    ) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query(
            "INSERT INTO passkey_ceremonies (id_hash, kind, owner, state, expires_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(id_hash).bind(kind).bind(owner).bind(state).bind(expires_at)
            .execute(p).await?.rows_affected());
        Ok(())
    }

    /// Ends a ceremony once (deleting it): its state, when it is of `kind`, for
    /// `owner` and not expired. A replayed answer finds nothing.
    pub async fn take_ceremony(
        &self,
        id_hash: &str,
        kind: &str,
        owner: &str,
        now: i64,
    ) -> StoreResult<Option<String>> {
        Ok(on_pool!(self, p => sqlx::query_scalar::<_, String>(
            "DELETE FROM passkey_ceremonies WHERE id_hash = $1 AND kind = $2 AND owner = $3 AND expires_at > $4 \
             RETURNING state")
            .bind(id_hash).bind(kind).bind(owner).bind(now).fetch_optional(p).await?))
    }

    /// Notes that "Sign in faster next time" was offered; false when it had been.
    pub async fn mark_passkey_offered(&self, user_id: &str, now: i64) -> StoreResult<bool> {
        let n = on_pool!(self, p => sqlx::query(
            "UPDATE users SET passkey_offered_at = $2 WHERE id = $1 AND passkey_offered_at IS NULL")
            .bind(user_id).bind(now).execute(p).await?.rows_affected());
        Ok(n == 1)
    }
}
