//! The `device_codes` table (RFC 8628): device authorization requests, by the
//! hashes of their device code and user code. Every change of state is one
//! conditional `UPDATE`, so two tabs, two polls or two instances cannot both win.

use super::{Store, StoreResult, on_pool};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DeviceCode {
    pub client_id: String,
    pub scope: String,
    pub expires_at: i64,
    /// Seconds the device must wait between polls (grows with `slow_down`).
    pub poll_interval: i64,
    /// Set when the person allowed: the grant the tokens hang off.
    pub grant_id: Option<String>,
    pub denied_at: Option<i64>,
    pub redeemed_at: Option<i64>,
}

pub struct NewDeviceCode<'a> {
    pub device_code_hash: &'a str,
    pub user_code_hash: &'a str,
    pub client_id: &'a str,
    pub scope: &'a str,
    pub expires_at: i64,
    pub poll_interval: i64,
}

/// What the person answered on `/device`.
pub enum DeviceDecision<'a> {
    /// "Allow": the grant made for the device.
    Allow(&'a str),
    Deny,
}

macro_rules! columns {
    () => {
        "client_id, scope, expires_at, poll_interval, grant_id, denied_at, redeemed_at"
    };
}

/// The condition of a request still waiting for its answer: `$2` is its user
/// code's hash, `$3` now.
macro_rules! pending {
    () => {
        " WHERE user_code_hash = $2 AND grant_id IS NULL AND denied_at IS NULL AND expires_at > $3"
    };
}

impl Store {
    pub async fn create_device_code(&self, d: &NewDeviceCode<'_>, now: i64) -> StoreResult<()> {
        on_pool!(self, p => sqlx::query(
            "INSERT INTO device_codes (device_code_hash, user_code_hash, client_id, scope, created_at, expires_at, poll_interval) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(d.device_code_hash).bind(d.user_code_hash).bind(d.client_id).bind(d.scope)
            .bind(now).bind(d.expires_at).bind(d.poll_interval)
            .execute(p).await?.rows_affected());
        Ok(())
    }

    /// The request a device polls for, by its device code's hash.
    pub async fn device_code(&self, device_code_hash: &str) -> StoreResult<Option<DeviceCode>> {
        const SQL: &str = concat!(
            "SELECT ",
            columns!(),
            " FROM device_codes WHERE device_code_hash = $1"
        );
        Ok(on_pool!(self, p => sqlx::query_as::<_, DeviceCode>(SQL)
            .bind(device_code_hash).fetch_optional(p).await?))
    }

    /// A request still waiting for the person's answer, by its user code's hash.
    pub async fn pending_device_code(
        &self,
        user_code_hash: &str,
        now: i64,
    ) -> StoreResult<Option<DeviceCode>> {
        const SQL: &str = concat!(
            "SELECT ",
            columns!(),
            " FROM device_codes WHERE user_code_hash = $1 \
             AND grant_id IS NULL AND denied_at IS NULL AND expires_at > $2"
        );
        Ok(on_pool!(self, p => sqlx::query_as::<_, DeviceCode>(SQL)
            .bind(user_code_hash).bind(now).fetch_optional(p).await?))
    }

    /// Records the person's answer; false when the request was answered already,
    /// or expired, in the meantime.
    pub async fn decide_device_code(
        &self,
        user_code_hash: &str,
        decision: DeviceDecision<'_>,
        now: i64,
    ) -> StoreResult<bool> {
        const ALLOW: &str = concat!("UPDATE device_codes SET grant_id = $1", pending!());
        const DENY: &str = concat!("UPDATE device_codes SET denied_at = $1", pending!());
        let n = match decision {
            DeviceDecision::Allow(grant_id) => {
                on_pool!(self, p => sqlx::query(ALLOW).bind(grant_id).bind(user_code_hash).bind(now)
                    .execute(p).await?.rows_affected())
            }
            DeviceDecision::Deny => {
                on_pool!(self, p => sqlx::query(DENY).bind(now).bind(user_code_hash).bind(now)
                    .execute(p).await?.rows_affected())
            }
        };
        Ok(n == 1)
    }

    /// Counts a poll of the device. False when it came sooner than its interval
    /// allows (a second of slack for clocks and rounding): the interval then grows
    /// by 5 s, as RFC 8628 §3.5 `slow_down` asks.
    pub async fn device_poll(&self, device_code_hash: &str, now: i64) -> StoreResult<bool> {
        let on_time = on_pool!(self, p => sqlx::query(
            "UPDATE device_codes SET last_polled_at = $1 WHERE device_code_hash = $2 \
             AND (last_polled_at IS NULL OR last_polled_at <= $1 - poll_interval + 1)")
            .bind(now).bind(device_code_hash).execute(p).await?.rows_affected());
        if on_time == 1 {
            return Ok(true);
        }
        on_pool!(self, p => sqlx::query(
            "UPDATE device_codes SET last_polled_at = $1, poll_interval = poll_interval + 5 \
             WHERE device_code_hash = $2")
            .bind(now).bind(device_code_hash).execute(p).await?.rows_affected());
        Ok(false)
    }

    /// Marks an allowed request redeemed; false when it was already (a replay).
    pub async fn redeem_device_code(&self, device_code_hash: &str, now: i64) -> StoreResult<bool> {
        let n = on_pool!(self, p => sqlx::query(
            "UPDATE device_codes SET redeemed_at = $1 WHERE device_code_hash = $2 \
             AND grant_id IS NOT NULL AND redeemed_at IS NULL")
            .bind(now).bind(device_code_hash).execute(p).await?.rows_affected());
        Ok(n == 1)
    }
}
