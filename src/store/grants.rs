//! The `grants`, `refresh_tokens` and `revoked_tokens` tables.

use super::{Store, StoreResult, on_pool};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Grant {
    pub id: String,
    pub client_id: String,
    pub user_id: String,
    pub sid: Option<String>,
    pub scope: String,
    pub auth_time: i64,
    pub amr: String,
    pub expires_at: i64,
    pub revoked_at: Option<i64>,
    /// The authorization request's `IdTokenRequest` as JSON, when it made one.
    pub claims: Option<String>,
}

/// What a refresh token lookup finds: the token's state and its grant.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RefreshRow {
    pub token_expires_at: i64,
    pub rotated_at: Option<i64>,
    #[sqlx(flatten)]
    pub grant: Grant,
}

macro_rules! grant_columns {
    () => {
        "g.id, g.client_id, g.user_id, g.sid, g.scope, g.auth_time, g.amr, g.expires_at, g.revoked_at, g.claims"
    };
}

impl Store {
    pub async fn create_grant(&self, g: &Grant, now: i64) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query(
            "INSERT INTO grants (id, client_id, user_id, sid, scope, auth_time, amr, created_at, expires_at, claims) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
            .bind(&g.id).bind(&g.client_id).bind(&g.user_id).bind(&g.sid).bind(&g.scope)
            .bind(g.auth_time).bind(&g.amr).bind(now).bind(g.expires_at).bind(&g.claims)
            .execute(p).await?.rows_affected());
        Ok(())
    }

    pub async fn grant(&self, id: &str) -> StoreResult<Option<Grant>> {
        const SQL: &str = concat!(
            "SELECT ",
            grant_columns!(),
            " FROM grants g WHERE g.id = $1"
        );
        Ok(on_pool!(self, p => sqlx::query_as::<_, Grant>(SQL).bind(id).fetch_optional(p).await?))
    }

    /// Revokes a grant: every token hanging off it stops working.
    pub async fn revoke_grant(&self, id: &str, now: i64) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query("UPDATE grants SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
            .bind(now).bind(id).execute(p).await?.rows_affected());
        Ok(())
    }

    /// Revokes every grant of an account (password reset, disable).
    pub async fn revoke_user_grants(&self, user_id: &str, now: i64) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query("UPDATE grants SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL")
            .bind(now).bind(user_id).execute(p).await?.rows_affected());
        Ok(())
    }

    pub async fn extend_grant(&self, id: &str, expires_at: i64) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query("UPDATE grants SET expires_at = $1 WHERE id = $2 AND expires_at < $1")
            .bind(expires_at).bind(id).execute(p).await?.rows_affected());
        Ok(())
    }

    pub async fn create_refresh_token(
        &self,
        token_hash: &str,
        grant_id: &str,
        now: i64,
        expires_at: i64,
    ) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query(
            "INSERT INTO refresh_tokens (token_hash, grant_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(token_hash).bind(grant_id).bind(now).bind(expires_at).execute(p).await?.rows_affected());
        Ok(())
    }

    pub async fn refresh_token(&self, token_hash: &str) -> StoreResult<Option<RefreshRow>> {
        const SQL: &str = concat!(
            "SELECT r.expires_at AS token_expires_at, r.rotated_at, ",
            grant_columns!(),
            " FROM refresh_tokens r JOIN grants g ON g.id = r.grant_id WHERE r.token_hash = $1"
        );
        Ok(
            on_pool!(self, p => sqlx::query_as::<_, RefreshRow>(SQL).bind(token_hash).fetch_optional(p).await?),
        )
    }

    /// Marks a refresh token exchanged; false when another request already did (a reuse).
    pub async fn rotate_refresh_token(&self, token_hash: &str, now: i64) -> StoreResult<bool> {
        let n = on_pool!(self, p => sqlx::query(
            "UPDATE refresh_tokens SET rotated_at = $1 WHERE token_hash = $2 AND rotated_at IS NULL")
            .bind(now).bind(token_hash).execute(p).await?.rows_affected());
        Ok(n == 1)
    }

    /// Puts an access token's `jti` on the deny list until it would have expired anyway.
    pub async fn revoke_access_token(&self, jti: &str, expires_at: i64) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query("INSERT INTO revoked_tokens (jti, expires_at) VALUES ($1, $2) ON CONFLICT (jti) DO NOTHING")
            .bind(jti).bind(expires_at).execute(p).await?.rows_affected());
        Ok(())
    }

    /// Whether an access token is still good server-side: jti not revoked and, for
    /// tokens issued to a person, the grant still there, live and its account
    /// enabled. One round trip.
    pub async fn access_token_live(
        &self,
        jti: &str,
        grant_id: Option<&str>,
        now: i64,
    ) -> StoreResult<bool> {
        const SQL: &str = "SELECT \
            (SELECT COUNT(*) FROM revoked_tokens WHERE jti = $1) + \
            (CASE WHEN $2 = '' THEN 0 ELSE 1 - (SELECT COUNT(*) FROM grants g JOIN users u ON u.id = g.user_id \
               WHERE g.id = $2 AND g.revoked_at IS NULL AND g.expires_at > $3 AND NOT u.disabled) END)";
        let dead: i64 = on_pool!(self, p => sqlx::query_scalar::<_, i64>(SQL)
            .bind(jti).bind(grant_id.unwrap_or("")).bind(now).fetch_one(p).await?);
        Ok(dead == 0)
    }
}
