//! The `rate_limits` table: hit counters shared by every instance on the database.

use super::{Store, StoreResult, on_pool};

impl Store {
    /// Counts one hit on `key`; a counter quiet since `stale_before` starts over.
    pub async fn rate_hit(&self, key: &str, now: i64, stale_before: i64) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query(
            "INSERT INTO rate_limits (key, hits, last_at) VALUES ($1, 1, $2) \
             ON CONFLICT (key) DO UPDATE SET \
               hits = CASE WHEN rate_limits.last_at < $3 THEN 1 ELSE rate_limits.hits + 1 END, \
               last_at = $2")
            .bind(key).bind(now).bind(stale_before).execute(p).await?.rows_affected());
        Ok(())
    }

    /// (hits, last hit) of a counter, if it has any.
    pub async fn rate_counter(&self, key: &str) -> StoreResult<Option<(i64, i64)>> {
        Ok(on_pool!(self, p => sqlx::query_as::<_, (i64, i64)>(
            "SELECT hits, last_at FROM rate_limits WHERE key = $1")
            .bind(key).fetch_optional(p).await?))
    }

    pub async fn rate_clear(&self, key: &str) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query("DELETE FROM rate_limits WHERE key = $1")
            .bind(key).execute(p).await?.rows_affected());
        Ok(())
    }
}
