//! Throttling of guessable actions (sign-in, second factor, signup, recovery,
//! captcha, client authentication), per client IP and per account or identifier,
//! shared through the database so every instance sees the same counters.
//!
//! After `free` attempts within the window, each further try must wait 1 s, 2 s,
//! 4 s… up to `max_delay`, answered with 429 and `Retry-After`. An attempt at a
//! secret is counted *before* the secret is checked, in one atomic statement that
//! also decides (see `Store::rate_attempt`), so a burst of parallel guesses gets no
//! more checks than sequential ones. A refused attempt is not counted, so the wait
//! is bounded: an attacker can slow an account down but never lock its owner out;
//! the owner's success clears the account's counter.
//!
//! Time here is Unix *milliseconds*, read from the throttle's own [`Clock`]: in whole
//! seconds a wait of 1 s could end a moment after it began (at the next tick of the
//! second), so whether a try right after another was refused depended on where in
//! the second they fell. `Retry-After` is the rest of the wait in whole seconds,
//! rounded up. Tests stop the clock ([`Clock::set`]) and move it by hand.

use crate::{
    config::RateLimitConfig,
    store::{Store, throttle::Allowance},
};
use std::{
    collections::HashMap,
    net::IpAddr,
    sync::{
        Mutex,
        atomic::{AtomicI64, Ordering},
    },
};

/// The first wait after the free attempts, in milliseconds; each further one doubles.
pub const FIRST_WAIT_MS: i64 = 1000;

/// The throttle's clock, in Unix milliseconds: the system's, or one set by hand.
#[derive(Debug, Default)]
pub struct Clock {
    /// The time it was set to and stays at; `i64::MIN` for the system's clock.
    manual: AtomicI64,
}

impl Clock {
    const SYSTEM: i64 = i64::MIN;

    pub fn system() -> Clock {
        Clock {
            manual: AtomicI64::new(Self::SYSTEM),
        }
    }

    /// Unix milliseconds now.
    pub fn now_ms(&self) -> i64 {
        match self.manual.load(Ordering::Acquire) {
            Self::SYSTEM => {
                (time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000) as i64
            }
            t => t,
        }
    }

    /// Stops the clock at `ms` (for tests): it stays there until set or moved again.
    pub fn set(&self, ms: i64) {
        assert_ne!(ms, Self::SYSTEM);
        self.manual.store(ms, Ordering::Release);
    }

    /// Moves a stopped clock on by `ms` (it stops first, at the present, if it ran).
    pub fn advance(&self, ms: i64) {
        let now = self.now_ms();
        self.set(now + ms);
    }

    /// Lets the clock run with the system's again.
    pub fn resume(&self) {
        self.manual.store(Self::SYSTEM, Ordering::Release);
    }
}

/// What is being limited; each has its own free allowance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Failed sign-ins of one typed identifier, failed second-factor codes of one
    /// account, failed "current password" checks of one account.
    AccountFailures,
    /// Failed sign-ins from one IP, whatever the account.
    IpFailures,
    /// Signup, recovery and captcha requests from one IP.
    IpRequests,
    /// Failed client authentication at the token endpoint (per client IP).
    ClientFailures,
}

/// One counter: its kind and its key, e.g. (`IpFailures`, "login:ip:203.0.113.9").
#[derive(Debug, Clone)]
pub struct Key(pub Kind, pub String);

impl Key {
    /// A per-client counter. An IPv6 client is counted by its /64, the smallest
    /// block a host is usually given, so that it cannot get fresh counters by
    /// stepping through the addresses of its own network.
    pub fn ip(kind: Kind, action: &str, ip: IpAddr) -> Key {
        Key(kind, format!("{action}:ip:{}", client_block(ip)))
    }
    pub fn account(action: &str, id: &str) -> Key {
        Key(Kind::AccountFailures, format!("{action}:account:{id}"))
    }
    /// A counter of what was typed (an email or username, known or not), so that
    /// its answers tell nothing about which identifiers share an account.
    pub fn identifier(action: &str, typed: &str) -> Key {
        let typed = typed.trim().to_lowercase();
        Key(
            Kind::AccountFailures,
            format!("{action}:identifier:{typed}"),
        )
    }
}

/// The unit an IP counter counts: the address for IPv4 (IPv4-mapped IPv6 included),
/// the /64 for IPv6.
fn client_block(ip: IpAddr) -> String {
    match ip {
        IpAddr::V6(v6) if v6.to_ipv4_mapped().is_none() => {
            let net = u128::from(v6) & !((1u128 << 64) - 1);
            format!("{}/64", std::net::Ipv6Addr::from(net))
        }
        IpAddr::V6(v6) => v6.to_canonical().to_string(),
        IpAddr::V4(v4) => v4.to_string(),
    }
}

pub struct Throttle {
    cfg: RateLimitConfig,
    clock: Clock,
    /// Keys that failed recently on this instance, until when (ms). Hot endpoints
    /// (the token endpoint) read the shared counter only for these, so a
    /// well-behaved client costs no extra query.
    suspects: Mutex<HashMap<String, i64>>,
}

/// Bound on remembered suspects; beyond it the map starts over (counters stay in
/// the database, so nothing is forgotten, only re-learned at the next failure).
const MAX_SUSPECTS: usize = 10_000;

/// The client must wait this many seconds (the `Retry-After` value).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryAfter(pub u64);

impl Throttle {
    pub fn new(cfg: &RateLimitConfig) -> Throttle {
        Throttle {
            cfg: cfg.clone(),
            clock: Clock::system(),
            suspects: Mutex::new(HashMap::new()),
        }
    }

    /// The clock every counter is read and written by (tests set it).
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    fn free(&self, kind: Kind) -> i64 {
        i64::from(match kind {
            Kind::AccountFailures => self.cfg.account_failures,
            Kind::IpFailures => self.cfg.ip_failures,
            Kind::IpRequests => self.cfg.ip_requests,
            Kind::ClientFailures => self.cfg.client_failures,
        })
    }

    /// The window in milliseconds.
    fn window(&self) -> i64 {
        i64::try_from(self.cfg.window.as_millis()).unwrap_or(i64::MAX / 2)
    }

    /// The longest wait in milliseconds.
    fn max_delay(&self) -> i64 {
        i64::try_from(self.cfg.max_delay.as_millis()).unwrap_or(i64::MAX / 2)
    }

    /// The wait in milliseconds after `hits` hits with `free` allowed: 0, then 1 s,
    /// 2 s, 4 s… capped at `max_delay`.
    pub fn delay(&self, hits: i64, free: i64) -> i64 {
        if hits < free {
            return 0;
        }
        let doublings = (hits - free).min(30) as u32;
        FIRST_WAIT_MS
            .saturating_mul(1i64 << doublings)
            .min(self.max_delay())
    }

    fn allowance(&self, kind: Kind) -> Allowance {
        Allowance {
            free: self.free(kind),
            first_wait: FIRST_WAIT_MS,
            max_delay: self.max_delay(),
        }
    }

    /// Counts an attempt on every key, before the secret is checked, or refuses it
    /// with the wait of the counter that refused. An attempt refused by one key is
    /// taken back from the keys that had counted it. At most `free` attempts per key
    /// pass in a burst, however many are in flight (then one per wait).
    pub async fn attempt(&self, store: &Store, keys: &[Key]) -> Result<(), RetryAfter> {
        if !self.cfg.enabled {
            return Ok(());
        }
        let now = self.clock.now_ms();
        for (i, Key(kind, key)) in keys.iter().enumerate() {
            let admitted = store
                .rate_attempt(key, now, now - self.window(), self.allowance(*kind))
                .await;
            match admitted {
                Ok(Some(_)) => {}
                Ok(None) => {
                    for k in &keys[..i] {
                        self.refund(store, k).await;
                    }
                    return Err(RetryAfter(self.wait(store, *kind, key, now).await));
                }
                // Fail open: a database hiccup must not stop every sign-in; the
                // request itself will fail on the same database if it is down.
                Err(e) => tracing::warn!(error = %e, "counting a rate limit attempt failed"),
            }
        }
        Ok(())
    }

    /// What `Retry-After` says for a refused attempt: the rest of the current wait in
    /// whole seconds, rounded up (at least 1 s, as the counter may have moved since
    /// it refused).
    async fn wait(&self, store: &Store, kind: Kind, key: &str, now: i64) -> u64 {
        let left_ms = match store.rate_counter(key).await {
            Ok(Some((hits, last))) => self.delay(hits, self.free(kind)) - (now - last),
            _ => 0,
        };
        retry_after_secs(left_ms)
    }

    /// Takes back an attempt counted by `attempt` that turned out to be no failure
    /// (a correct password on the shared per-IP counter), so that counter keeps
    /// counting failures only.
    pub async fn refund(&self, store: &Store, key: &Key) {
        if !self.cfg.enabled {
            return;
        }
        if let Err(e) = store.rate_refund(&key.1).await {
            tracing::warn!(error = %e, "taking back a rate limit attempt failed");
        }
    }

    /// Counts a failure (or a request) on each key, unconditionally (the captcha's
    /// difficulty, which grows with it).
    pub async fn hit(&self, store: &Store, keys: &[Key]) {
        if !self.cfg.enabled {
            return;
        }
        let now = self.clock.now_ms();
        for Key(_, key) in keys {
            if let Err(e) = store.rate_hit(key, now, now - self.window()).await {
                tracing::warn!(error = %e, "counting a rate limit hit failed");
            }
        }
    }

    /// For actions limited by volume, not failures: every admitted request counts.
    pub async fn request(&self, store: &Store, keys: &[Key]) -> Result<(), RetryAfter> {
        self.attempt(store, keys).await
    }

    /// Marks `key` as failing lately on this instance (see `suspects`).
    pub fn suspect(&self, key: &Key) {
        let until = self.clock.now_ms() + self.window();
        let mut m = self.suspects.lock().unwrap_or_else(|e| e.into_inner());
        if m.len() >= MAX_SUSPECTS {
            m.clear();
        }
        m.insert(key.1.clone(), until);
    }

    /// Whether `key` failed lately on this instance.
    pub fn is_suspect(&self, key: &Key) -> bool {
        let now = self.clock.now_ms();
        let m = self.suspects.lock().unwrap_or_else(|e| e.into_inner());
        m.get(&key.1).is_some_and(|until| *until > now)
    }

    /// Forgets a counter (the owner proved the password or the code).
    pub async fn clear(&self, store: &Store, key: &Key) {
        if let Err(e) = store.rate_clear(&key.1).await {
            tracing::warn!(error = %e, "clearing a rate limit failed");
        }
    }

    /// Hits on a counter within the window (the captcha's difficulty grows with it).
    pub async fn hits(&self, store: &Store, key: &Key) -> i64 {
        let now = self.clock.now_ms();
        match store.rate_counter(&key.1).await {
            Ok(Some((hits, last))) if now - last <= self.window() => hits,
            _ => 0,
        }
    }
}

/// A wait left, in milliseconds, as `Retry-After` seconds: rounded up, so a client
/// that waits as told is not refused again; at least 1.
fn retry_after_secs(left_ms: i64) -> u64 {
    u64::try_from(left_ms.max(1)).unwrap_or(1).div_ceil(1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_and_are_capped() {
        let t = Throttle::new(&RateLimitConfig::default());
        assert_eq!(t.delay(4, 5), 0);
        assert_eq!(t.delay(5, 5), 1000);
        assert_eq!(t.delay(7, 5), 4000);
        assert_eq!(t.delay(1000, 5), 300_000);
    }

    #[test]
    fn retry_after_is_the_wait_left_rounded_up() {
        assert_eq!(retry_after_secs(1000), 1);
        assert_eq!(retry_after_secs(1001), 2);
        assert_eq!(retry_after_secs(3999), 4);
        assert_eq!(retry_after_secs(1), 1);
        assert_eq!(retry_after_secs(0), 1, "the counter moved: at least 1 s");
        assert_eq!(retry_after_secs(-5000), 1);
    }

    #[test]
    fn a_set_clock_stays_until_moved() {
        let c = Clock::system();
        let real = c.now_ms();
        assert!(real > 1_700_000_000_000, "milliseconds: {real}");
        c.set(5_000);
        assert_eq!(c.now_ms(), 5_000);
        c.advance(999);
        assert_eq!(c.now_ms(), 5_999);
        c.resume();
        assert!(c.now_ms() >= real);
    }

    #[test]
    fn identifiers_are_counted_as_typed_after_normalising() {
        let key = |typed: &str| Key::identifier("login", typed).1;
        assert_eq!(key(" Ivy@Example.com "), "login:identifier:ivy@example.com");
        assert_eq!(key("IVY"), key("ivy"));
        assert_ne!(key("ivy"), key("ivy@example.com"));
    }

    #[test]
    fn ipv6_clients_are_counted_by_their_64() {
        let key = |ip: &str| Key::ip(Kind::IpFailures, "login", ip.parse().unwrap()).1;
        assert_eq!(key("2001:db8:1:2::1"), key("2001:db8:1:2:ffff:1:2:3"));
        assert_eq!(key("2001:db8:1:2::1"), "login:ip:2001:db8:1:2::/64");
        assert_ne!(key("2001:db8:1:2::1"), key("2001:db8:1:3::1"));
        assert_eq!(key("203.0.113.9"), "login:ip:203.0.113.9");
        assert_eq!(key("::ffff:203.0.113.9"), key("203.0.113.9"));
        assert_ne!(key("203.0.113.9"), key("203.0.113.10"));
    }
}
