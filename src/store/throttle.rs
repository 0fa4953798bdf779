//! The `rate_limits` table: hit counters shared by every instance on the database.
//!
//! Times here (`now`, `stale_before`, the last hit `last_ms` and the allowance's
//! waits) are all in one unit, the caller's: `auth::throttle` uses Unix
//! milliseconds.

use super::{Store, StoreResult, on_pool};

/// The rule a counter admits attempts by (see `auth::throttle`): `free` attempts,
/// then one per wait of `first_wait`, twice that, four times… up to `max_delay` since
/// the last one.
#[derive(Debug, Clone, Copy)]
pub struct Allowance {
    pub free: i64,
    pub first_wait: i64,
    pub max_delay: i64,
}

impl Allowance {
    /// The smallest `k` with `first_wait * 2^k >= max_delay` (at most 30): from
    /// `free + k` hits on, the wait is `max_delay`, so the shift and the product in
    /// SQL never overflow.
    fn cap_exponent(self) -> i64 {
        (0..30)
            .find(|k| self.first_wait.saturating_mul(1i64 << k) >= self.max_delay)
            .unwrap_or(30)
    }
}

impl Store {
    /// Counts one hit on `key`; a counter quiet since `stale_before` starts over.
    pub async fn rate_hit(&self, key: &str, now: i64, stale_before: i64) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query(
            "INSERT INTO rate_limits (key, hits, last_ms) VALUES ($1, 1, $2) \
             ON CONFLICT (key) DO UPDATE SET \
               hits = CASE WHEN rate_limits.last_ms < $3 THEN 1 ELSE rate_limits.hits + 1 END, \
               last_ms = $2")
            .bind(key).bind(now).bind(stale_before).execute(p).await?.rows_affected());
        Ok(())
    }

    /// Counts one attempt on `key` if `allowance` admits it now, deciding and counting
    /// in one statement: the row is locked for the upsert (PostgreSQL) or the database
    /// for the write (SQLite), so concurrent attempts see each other's counts and no
    /// burst can pass on one stale reading. `Some((hits, last_ms))` after counting an
    /// admitted attempt; `None` when refused (a refused attempt is not counted, so
    /// retrying during a wait does not prolong it: the owner is slowed, never locked out).
    pub async fn rate_attempt(
        &self,
        key: &str,
        now: i64,
        stale_before: i64,
        allowance: Allowance,
    ) -> StoreResult<Option<(i64, i64)>> {
        // DO UPDATE … WHERE leaves the row alone when the wait is not over, and then
        // RETURNING gives no row (SQLite ≥ 3.35 and PostgreSQL alike).
        Ok(on_pool!(self, p => sqlx::query_as::<_, (i64, i64)>(
            "INSERT INTO rate_limits (key, hits, last_ms) VALUES ($1, 1, $2) \
             ON CONFLICT (key) DO UPDATE SET \
               hits = CASE WHEN rate_limits.last_ms < $3 THEN 1 ELSE rate_limits.hits + 1 END, \
               last_ms = $2 \
             WHERE rate_limits.last_ms < $3 \
               OR rate_limits.hits < $4 \
               OR $2 - rate_limits.last_ms >= CASE \
                    WHEN rate_limits.hits < $4 THEN 0 \
                    WHEN rate_limits.hits - $4 >= $5 THEN $6 \
                    ELSE $7 * (CAST(1 AS BIGINT) << CAST(rate_limits.hits - $4 AS INTEGER)) END \
             RETURNING hits, last_ms")
            .bind(key)
            .bind(now)
            .bind(stale_before)
            .bind(allowance.free)
            .bind(allowance.cap_exponent())
            .bind(allowance.max_delay)
            .bind(allowance.first_wait)
            .fetch_optional(p)
            .await?))
    }

    /// Takes back one counted attempt (it turned out not to be a failure).
    pub async fn rate_refund(&self, key: &str) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query(
            "UPDATE rate_limits SET hits = hits - 1 WHERE key = $1 AND hits > 0")
            .bind(key).execute(p).await?.rows_affected());
        Ok(())
    }

    /// (hits, time of the last hit) of a counter, if it has any.
    pub async fn rate_counter(&self, key: &str) -> StoreResult<Option<(i64, i64)>> {
        Ok(on_pool!(self, p => sqlx::query_as::<_, (i64, i64)>(
            "SELECT hits, last_ms FROM rate_limits WHERE key = $1")
            .bind(key).fetch_optional(p).await?))
    }

    pub async fn rate_clear(&self, key: &str) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query("DELETE FROM rate_limits WHERE key = $1")
            .bind(key).execute(p).await?.rows_affected());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::Allowance;

    #[test]
    fn the_wait_is_capped_before_the_shift_could_overflow() {
        let cap = |first_wait, max_delay| {
            Allowance {
                free: 5,
                first_wait,
                max_delay,
            }
            .cap_exponent()
        };
        assert_eq!(cap(1000, 300_000), 9); // 1 s * 2^9 = 512 s >= 300 s > 256 s
        assert_eq!(cap(1000, 256_000), 8);
        assert_eq!(cap(1, 300), 9);
        assert_eq!(cap(1000, 1000), 0);
        assert_eq!(cap(1000, 0), 0);
        assert_eq!(cap(1000, i64::MAX), 30);
        assert_eq!(cap(i64::MAX, i64::MAX), 0);
    }
}
