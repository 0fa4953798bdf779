//! Throttling of guessable actions (sign-in, signup, recovery, captcha, client
//! authentication), per client IP and per account, shared through the database so
//! every instance sees the same counters.
//!
//! After `free` hits within the window, each further try must wait 1 s, 2 s, 4 s…
//! up to `max_delay`, answered with 429 and `Retry-After`. The wait is bounded, so
//! an attacker can slow a victim's account down but never lock its owner out, and
//! a correct password from the owner clears the account's counter.

use crate::{config::RateLimitConfig, store::Store};
use std::{collections::HashMap, net::IpAddr, sync::Mutex};

/// What is being limited; each has its own free allowance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Failed sign-ins (password or second factor) of one account.
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
    /// Keys that failed recently on this instance, until when. Hot endpoints (the
    /// token endpoint) read the shared counter only for these, so a well-behaved
    /// client costs no extra query.
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
            suspects: Mutex::new(HashMap::new()),
        }
    }

    fn free(&self, kind: Kind) -> i64 {
        i64::from(match kind {
            Kind::AccountFailures => self.cfg.account_failures,
            Kind::IpFailures => self.cfg.ip_failures,
            Kind::IpRequests => self.cfg.ip_requests,
            Kind::ClientFailures => self.cfg.client_failures,
        })
    }

    fn window(&self) -> i64 {
        self.cfg.window.as_secs() as i64
    }

    /// The wait after `hits` hits with `free` allowed: 0, then 1, 2, 4… capped.
    pub fn delay(&self, hits: i64, free: i64) -> i64 {
        if hits < free {
            return 0;
        }
        let doublings = (hits - free).min(30) as u32;
        (1i64 << doublings).min(self.cfg.max_delay.as_secs() as i64)
    }

    /// How long the client must still wait before trying any of `keys`.
    pub async fn check(&self, store: &Store, keys: &[Key], now: i64) -> Result<(), RetryAfter> {
        if !self.cfg.enabled {
            return Ok(());
        }
        let mut wait = 0;
        for Key(kind, key) in keys {
            let (hits, last) = match store.rate_counter(key).await {
                Ok(Some(c)) => c,
                Ok(None) => continue,
                // Fail open: a database hiccup must not stop every sign-in; the
                // request itself will fail on the same database if it is down.
                Err(e) => {
                    tracing::warn!(error = %e, "reading a rate limit failed");
                    continue;
                }
            };
            if now - last > self.window() {
                continue;
            }
            wait = wait.max(self.delay(hits, self.free(*kind)) - (now - last));
        }
        if wait > 0 {
            Err(RetryAfter(wait as u64))
        } else {
            Ok(())
        }
    }

    /// Counts a failure (or a request) on each key.
    pub async fn hit(&self, store: &Store, keys: &[Key], now: i64) {
        if !self.cfg.enabled {
            return;
        }
        for Key(_, key) in keys {
            if let Err(e) = store.rate_hit(key, now, now - self.window()).await {
                tracing::warn!(error = %e, "counting a rate limit hit failed");
            }
        }
    }

    /// `check`, then count the request: for actions limited by volume, not failures.
    pub async fn request(&self, store: &Store, keys: &[Key], now: i64) -> Result<(), RetryAfter> {
        self.check(store, keys, now).await?;
        self.hit(store, keys, now).await;
        Ok(())
    }

    /// Marks `key` as failing lately on this instance (see `suspects`).
    pub fn suspect(&self, key: &Key, now: i64) {
        let mut m = self.suspects.lock().unwrap_or_else(|e| e.into_inner());
        if m.len() >= MAX_SUSPECTS {
            m.clear();
        }
        m.insert(key.1.clone(), now + self.window());
    }

    /// Whether `key` failed lately on this instance.
    pub fn is_suspect(&self, key: &Key, now: i64) -> bool {
        let m = self.suspects.lock().unwrap_or_else(|e| e.into_inner());
        m.get(&key.1).is_some_and(|until| *until > now)
    }

    /// Forgets a counter (the account's owner proved the password).
    pub async fn clear(&self, store: &Store, key: &Key) {
        if let Err(e) = store.rate_clear(&key.1).await {
            tracing::warn!(error = %e, "clearing a rate limit failed");
        }
    }

    /// Hits on a counter within the window (the captcha's difficulty grows with it).
    pub async fn hits(&self, store: &Store, key: &Key, now: i64) -> i64 {
        match store.rate_counter(&key.1).await {
            Ok(Some((hits, last))) if now - last <= self.window() => hits,
            _ => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_and_are_capped() {
        let t = Throttle::new(&RateLimitConfig::default());
        assert_eq!(t.delay(4, 5), 0);
        assert_eq!(t.delay(5, 5), 1);
        assert_eq!(t.delay(7, 5), 4);
        assert_eq!(t.delay(1000, 5), 300);
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
