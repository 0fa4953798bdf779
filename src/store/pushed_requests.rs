//! The `pushed_requests` table (RFC 9126): authorization requests a client pushed
//! to `/par`, by the hash of their `request_uri`, taken once.

use super::{Store, StoreResult, on_pool};

impl Store {
    pub async fn push_request(
        &self,
        uri_hash: &str,
        client_id: &str,
        params: &str,
        expires_at: i64,
    ) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query(
            "INSERT INTO pushed_requests (uri_hash, client_id, params, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(uri_hash).bind(client_id).bind(params).bind(expires_at)
            .execute(p).await?.rows_affected());
        Ok(())
    }

    /// Takes a live pushed request: (client id, parameters). Of two takes, one
    /// gets it; an expired one is gone.
    pub async fn take_pushed_request(
        &self,
        uri_hash: &str,
        now: i64,
    ) -> StoreResult<Option<(String, String)>> {
        let row: Option<(String, String)> = on_pool!(self, p => sqlx::query_as(
            "SELECT client_id, params FROM pushed_requests WHERE uri_hash = $1 AND expires_at > $2")
            .bind(uri_hash).bind(now).fetch_optional(p).await?);
        let Some(row) = row else {
            return Ok(None);
        };
        let taken = on_pool!(self, p => sqlx::query("DELETE FROM pushed_requests WHERE uri_hash = $1")
            .bind(uri_hash).execute(p).await?.rows_affected());
        Ok((taken == 1).then_some(row))
    }
}
