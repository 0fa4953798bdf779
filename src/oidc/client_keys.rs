//! The public keys of `private_key_jwt` clients (RFC 7523, OIDC Core §9): a JWK Set
//! in the config (`jwks`) or at the client's `jwks_uri`, fetched with a timeout
//! and kept a few minutes; and checking a JWS signature with one of them.
//!
//! Verification uses aws-lc-rs, as Lanyard's own tokens do (`keys.rs`): the JWK
//! members map straight onto its public-key types, so no second JOSE stack is
//! needed for three algorithms.

use crate::config::ClientConfig;
use aws_lc_rs::signature::{self, UnparsedPublicKey};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD as B64};
use serde_json::Value;
use std::{
    collections::HashMap,
    sync::Mutex,
    time::{Duration, Instant},
};

/// Where a client's keys are.
#[derive(Debug, Clone)]
pub enum ClientKeys {
    Inline(Vec<Value>),
    Remote(String),
}

impl ClientKeys {
    pub fn from_config(c: &ClientConfig) -> anyhow::Result<Option<ClientKeys>> {
        Ok(match (&c.jwks, &c.jwks_uri) {
            (Some(set), _) => Some(ClientKeys::Inline(
                parse_set(set.as_bytes())
                    .map_err(|e| anyhow::anyhow!("clients.{}.jwks: {e}", c.id))?,
            )),
            (None, Some(uri)) => Some(ClientKeys::Remote(uri.clone())),
            (None, None) => None,
        })
    }
}

/// The keys of a JWK Set document (`{"keys": [...]}`).
pub fn parse_set(bytes: &[u8]) -> Result<Vec<Value>, String> {
    let v: Value = serde_json::from_slice(bytes)
        .map_err(|e| format!("is not a JWK Set in JSON ({{\"keys\": [...]}}): {e}"))?;
    let keys = v
        .get("keys")
        .and_then(Value::as_array)
        .ok_or("is not a JWK Set: it has no \"keys\" array")?;
    if keys.is_empty() || keys.len() > 20 {
        return Err("must hold between 1 and 20 keys".into());
    }
    if !keys
        .iter()
        .all(|k| k.get("kty").and_then(Value::as_str).is_some())
    {
        return Err("every key needs a \"kty\"".into());
    }
    Ok(keys.clone())
}

/// Whether `sig` over `signed` verifies with `jwk` for the JWS `alg` (RFC 7518
/// §3.3, §3.4; RFC 8037 for EdDSA). Keys of another type, curve or algorithm
/// never verify.
pub fn verifies(jwk: &Value, alg: &str, signed: &[u8], sig: &[u8]) -> bool {
    let member = |name: &str| {
        jwk.get(name)
            .and_then(Value::as_str)
            .and_then(|v| B64.decode(v).ok())
    };
    if jwk
        .get("alg")
        .and_then(Value::as_str)
        .is_some_and(|a| a != alg)
    {
        return false;
    }
    let kty = jwk.get("kty").and_then(Value::as_str);
    let crv = jwk.get("crv").and_then(Value::as_str);
    match (alg, kty, crv) {
        ("RS256", Some("RSA"), _) => {
            let (Some(n), Some(e)) = (member("n"), member("e")) else {
                return false;
            };
            signature::RsaPublicKeyComponents { n, e }
                .verify(&signature::RSA_PKCS1_2048_8192_SHA256, signed, sig)
                .is_ok()
        }
        ("ES256", Some("EC"), Some("P-256")) => {
            let (Some(x), Some(y)) = (member("x"), member("y")) else {
                return false;
            };
            if x.len() != 32 || y.len() != 32 {
                return false;
            }
            let point = [&[4u8][..], &x, &y].concat();
            UnparsedPublicKey::new(&signature::ECDSA_P256_SHA256_FIXED, point)
                .verify(signed, sig)
                .is_ok()
        }
        ("EdDSA", Some("OKP"), Some("Ed25519")) => member("x").is_some_and(|x| {
            UnparsedPublicKey::new(&signature::ED25519, x)
                .verify(signed, sig)
                .is_ok()
        }),
        _ => false,
    }
}

/// How long fetched keys are kept.
const KEEP: Duration = Duration::from_secs(300);
/// A set is fetched again for an unknown `kid` (the client rotated) at most this often.
const REFETCH_AFTER: Duration = Duration::from_secs(30);
/// Largest JWK Set accepted from a `jwks_uri`.
const MAX_SET: usize = 64 * 1024;

/// Fetched `jwks_uri` sets, by URI.
pub struct KeyCache {
    http: reqwest::Client,
    sets: Mutex<HashMap<String, (Instant, Vec<Value>)>>,
}

impl Default for KeyCache {
    fn default() -> Self {
        KeyCache {
            http: crate::net::outbound_http(Duration::from_secs(5)),
            sets: Mutex::new(HashMap::new()),
        }
    }
}

impl KeyCache {
    /// The client's keys: inline ones, or the fetched set (from the cache while it
    /// is fresh; fetched again when `stale_ok` is false and the copy is older
    /// than [`REFETCH_AFTER`]).
    pub async fn keys(&self, keys: &ClientKeys, stale_ok: bool) -> Result<Vec<Value>, String> {
        let uri = match keys {
            ClientKeys::Inline(k) => return Ok(k.clone()),
            ClientKeys::Remote(uri) => uri,
        };
        let cached = {
            let sets = self.sets.lock().unwrap_or_else(|e| e.into_inner());
            sets.get(uri).cloned()
        };
        if let Some((at, set)) = cached {
            let fresh = at.elapsed() < KEEP;
            if fresh && (stale_ok || at.elapsed() < REFETCH_AFTER) {
                return Ok(set);
            }
        }
        let set = self.fetch(uri).await?;
        let mut sets = self.sets.lock().unwrap_or_else(|e| e.into_inner());
        if sets.len() > 1000 {
            sets.clear();
        }
        sets.insert(uri.clone(), (Instant::now(), set.clone()));
        Ok(set)
    }

    async fn fetch(&self, uri: &str) -> Result<Vec<Value>, String> {
        let fail = |e: String| format!("fetching the client's jwks_uri {uri} failed: {e}");
        let answer = self
            .http
            .get(uri)
            .send()
            .await
            .map_err(|e| fail(e.to_string()))?;
        if !answer.status().is_success() {
            return Err(fail(format!("it answered {}", answer.status())));
        }
        if answer
            .content_length()
            .is_some_and(|n| n as usize > MAX_SET)
        {
            return Err(fail("the set is larger than 64 KiB".into()));
        }
        let body = answer.bytes().await.map_err(|e| fail(e.to_string()))?;
        if body.len() > MAX_SET {
            return Err(fail("the set is larger than 64 KiB".into()));
        }
        parse_set(&body).map_err(fail)
    }
}
