//! The `auth_codes` table, and the `client_assertions` seen (both single use):
//! stored as hashes and used atomically.

use super::{Store, StoreResult, on_pool};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AuthCode {
    pub grant_id: String,
    pub client_id: String,
    pub redirect_uri: String,
    pub nonce: Option<String>,
    pub code_challenge: Option<String>,
    pub expires_at: i64,
    pub consumed_at: Option<i64>,
}

impl Store {
    pub async fn create_code(&self, code_hash: &str, c: &AuthCode) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query(
            "INSERT INTO auth_codes (code_hash, grant_id, client_id, redirect_uri, nonce, code_challenge, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(code_hash).bind(&c.grant_id).bind(&c.client_id).bind(&c.redirect_uri)
            .bind(&c.nonce).bind(&c.code_challenge).bind(c.expires_at)
            .execute(p).await?.rows_affected());
        Ok(())
    }

    pub async fn code(&self, code_hash: &str) -> StoreResult<Option<AuthCode>> {
        Ok(on_pool!(self, p => sqlx::query_as::<_, AuthCode>(
            "SELECT grant_id, client_id, redirect_uri, nonce, code_challenge, expires_at, consumed_at \
             FROM auth_codes WHERE code_hash = $1")
            .bind(code_hash).fetch_optional(p).await?))
    }

    /// Notes the `jti` of a client assertion (its hash) until it expires; false
    /// when it was noted already (a replayed assertion, RFC 7523 §3).
    pub async fn use_client_assertion(&self, jti_hash: &str, expires_at: i64) -> StoreResult<bool> {
        let n = on_pool!(self, p => sqlx::query(
            "INSERT INTO client_assertions (jti_hash, expires_at) VALUES ($1, $2) ON CONFLICT (jti_hash) DO NOTHING")
            .bind(jti_hash).bind(expires_at).execute(p).await?.rows_affected());
        Ok(n == 1)
    }

    /// Consumes a code; false when it was consumed already (a replay).
    pub async fn consume_code(&self, code_hash: &str, now: i64) -> StoreResult<bool> {
        let n = on_pool!(self, p => sqlx::query(
            "UPDATE auth_codes SET consumed_at = $1 WHERE code_hash = $2 AND consumed_at IS NULL")
            .bind(now).bind(code_hash).execute(p).await?.rows_affected());
        Ok(n == 1)
    }
}
