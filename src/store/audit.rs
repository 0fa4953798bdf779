//! The `audit_log` table and the `known_browsers` table behind new-browser notices.

use super::{Store, StoreResult, on_pool};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AuditRecord {
    pub id: i64,
    pub at: i64,
    pub event: String,
    pub user_id: Option<String>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub detail: Option<String>,
}

pub struct NewAuditRecord<'a> {
    pub event: &'a str,
    pub user_id: Option<&'a str>,
    pub ip: Option<&'a str>,
    pub user_agent: Option<&'a str>,
    pub detail: Option<&'a str>,
}

impl Store {
    /// Deletes the records from before `before` (the retention limit).
    pub async fn prune_audit(&self, before: i64) -> StoreResult<u64> {
        Ok(
            on_pool!(self, p => sqlx::query("DELETE FROM audit_log WHERE at < $1")
            .bind(before).execute(p).await?.rows_affected()),
        )
    }

    pub async fn append_audit(&self, r: &NewAuditRecord<'_>, now: i64) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query(
            "INSERT INTO audit_log (at, event, user_id, ip, user_agent, detail) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(now).bind(r.event).bind(r.user_id).bind(r.ip).bind(r.user_agent).bind(r.detail)
            .execute(p).await?.rows_affected());
        Ok(())
    }

    /// Records since `since` (unix seconds), oldest first, optionally of one account.
    pub async fn audit_records(
        &self,
        user_id: Option<&str>,
        since: i64,
        limit: i64,
    ) -> StoreResult<Vec<AuditRecord>> {
        Ok(on_pool!(self, p => sqlx::query_as::<_, AuditRecord>(
            "SELECT id, at, event, user_id, ip, user_agent, detail FROM audit_log \
             WHERE at >= $1 AND ($2 IS NULL OR user_id = $2) ORDER BY id LIMIT $3")
            .bind(since).bind(user_id).bind(limit).fetch_all(p).await?))
    }

    /// Remembers that an account signed in from a browser. Returns whether the browser
    /// is new to the account and whether the account had any known browser before.
    pub async fn note_browser(
        &self,
        user_id: &str,
        device_hash: &str,
        now: i64,
    ) -> StoreResult<(bool, bool)> {
        let had_any = on_pool!(self, p => sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM known_browsers WHERE user_id = $1")
            .bind(user_id).fetch_one(p).await?)
            > 0;
        let updated = on_pool!(self, p => sqlx::query(
            "UPDATE known_browsers SET last_seen = $3 WHERE user_id = $1 AND device_hash = $2")
            .bind(user_id).bind(device_hash).bind(now).execute(p).await?.rows_affected());
        if updated == 1 {
            return Ok((false, had_any));
        }
        on_pool!(self, p => sqlx::query(
            "INSERT INTO known_browsers (user_id, device_hash, last_seen) VALUES ($1, $2, $3) \
             ON CONFLICT (user_id, device_hash) DO UPDATE SET last_seen = $3")
            .bind(user_id).bind(device_hash).bind(now).execute(p).await?.rows_affected());
        Ok((true, had_any))
    }
}
