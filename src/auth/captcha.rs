//! "I'm not a robot". The built-in provider is proof of work in the open ALTCHA
//! format (SPEC §6): the server hands out an HMAC-signed challenge, the browser finds
//! the number `n` with SHA-256(salt + n) = challenge in a Web Worker and submits a
//! base64 JSON payload in the form field `altcha`. A payload is accepted once
//! (the replay guard is a database table shared by every instance) and before the
//! expiry written into its salt.
//!
//! The ALTCHA signature covers only `challenge = SHA-256(salt ‖ number)`, and the
//! boundary between salt and number is not part of the hash: digits moved from the
//! number to the end of the salt keep hash and signature valid. So the salt carries
//! its own HMAC over its exact bytes (`<nonce>?expires=<t>&sig=<hmac>`), is parsed
//! strictly, and its expiry may not lie further ahead than a fresh challenge's.
//!
//! reCAPTCHA, hCaptcha and Turnstile are verified through their siteverify APIs.

use crate::{config::CaptchaConfig, crypto, store::Store};
use base64::{Engine, engine::general_purpose::STANDARD};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// How long a challenge may be solved and submitted.
pub const CHALLENGE_TTL: i64 = 600;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CaptchaError {
    #[error("Tick \"I'm not a robot\" and wait until it is checked.")]
    Missing,
    #[error("The robot check could not be read. Reload the page and try again.")]
    Malformed,
    #[error("The robot check was not issued by this server.")]
    Forged,
    #[error("The robot check was not solved.")]
    Unsolved,
    #[error("The robot check expired. Tick \"I'm not a robot\" again.")]
    Expired,
    #[error("The robot check was already used. Tick \"I'm not a robot\" again.")]
    Replayed,
    #[error("The robot check service did not accept the answer.")]
    Rejected,
    #[error("The robot check service could not be reached. Try again in a moment.")]
    Unavailable,
}

impl CaptchaError {
    /// The catalog message that tells the person (the `Display` text is English,
    /// for logs).
    pub fn message_id(&self) -> &'static str {
        match self {
            CaptchaError::Missing => "captcha-missing",
            CaptchaError::Malformed => "captcha-malformed",
            CaptchaError::Forged => "captcha-forged",
            CaptchaError::Unsolved => "captcha-unsolved",
            CaptchaError::Expired => "captcha-expired",
            CaptchaError::Replayed => "captcha-replayed",
            CaptchaError::Rejected => "captcha-rejected",
            CaptchaError::Unavailable => "captcha-unavailable",
        }
    }
}

/// The payload the widget submits (ALTCHA v1).
#[derive(Debug, Serialize, Deserialize)]
pub struct Solution {
    pub algorithm: String,
    pub challenge: String,
    pub number: u64,
    pub salt: String,
    pub signature: String,
}

pub enum Captcha {
    Pow {
        key: Box<aws_lc_rs::hmac::Key>,
        max: u64,
    },
    Remote(Remote),
}

pub struct Remote {
    pub provider: String,
    pub site_key: String,
    secret: String,
    verify_url: String,
    http: reqwest::Client,
}

impl Remote {
    /// The origins the provider's widget loads scripts and frames from (for the CSP).
    pub fn origins(&self) -> &'static str {
        match self.provider.as_str() {
            "recaptcha" => "https://www.google.com https://www.gstatic.com",
            "hcaptcha" => "https://hcaptcha.com https://*.hcaptcha.com",
            _ => "https://challenges.cloudflare.com",
        }
    }

    /// The form field the provider's widget fills, and its script.
    pub fn field_and_script(&self) -> (&'static str, &'static str, &'static str) {
        match self.provider.as_str() {
            "recaptcha" => (
                "g-recaptcha-response",
                "https://www.google.com/recaptcha/api.js",
                "g-recaptcha",
            ),
            "hcaptcha" => (
                "h-captcha-response",
                "https://js.hcaptcha.com/1/api.js",
                "h-captcha",
            ),
            _ => (
                "cf-turnstile-response",
                "https://challenges.cloudflare.com/turnstile/v0/api.js",
                "cf-turnstile",
            ),
        }
    }
}

fn default_verify_url(provider: &str) -> &'static str {
    match provider {
        "recaptcha" => "https://www.google.com/recaptcha/api/siteverify",
        "hcaptcha" => "https://api.hcaptcha.com/siteverify",
        _ => "https://challenges.cloudflare.com/turnstile/v0/siteverify",
    }
}

impl Captcha {
    pub fn new(config: &CaptchaConfig, key: aws_lc_rs::hmac::Key) -> anyhow::Result<Captcha> {
        if config.provider == "pow" {
            return Ok(Captcha::Pow {
                key: Box::new(key),
                max: config.difficulty,
            });
        }
        Ok(Captcha::Remote(Remote {
            provider: config.provider.clone(),
            site_key: config.site_key.clone().unwrap_or_default(),
            secret: config.secret.clone().unwrap_or_default(),
            verify_url: config
                .verify_url
                .clone()
                .unwrap_or_else(|| default_verify_url(&config.provider).to_string()),
            http: reqwest::Client::builder()
                .timeout(std::time::Duration::from_secs(10))
                .build()?,
        }))
    }

    /// A fresh signed challenge (built-in provider), `scale` times the configured
    /// difficulty, but growing no further than [`CaptchaConfig::SLOW_PHONE_MAX`]
    /// (an operator's own larger difficulty stays as set; `lanyard check` warns).
    pub fn challenge(&self, now: i64, scale: u64) -> Option<Value> {
        let Captcha::Pow { key, max } = self else {
            return None;
        };
        let max = &scaled_max(*max, scale);
        let salt = signed_salt(
            key,
            &crypto::hex_encode(&crypto::random_bytes::<NONCE_BYTES>()),
            now + CHALLENGE_TTL,
        );
        let number = random_below(*max + 1);
        let challenge = crypto::hex_encode(&crypto::sha256(format!("{salt}{number}").as_bytes()));
        let signature = crypto::hex_encode(&crypto::hmac_sign(key, challenge.as_bytes()));
        Some(json!({
            "algorithm": "SHA-256",
            "challenge": challenge,
            "maxnumber": max,
            "salt": salt,
            "signature": signature,
        }))
    }

    /// Checks the captcha answer of a submitted form.
    /// The throttle counter of an address's puzzles and failures: the more, the
    /// harder its next puzzle.
    pub fn throttle_key(ip: std::net::IpAddr) -> crate::auth::throttle::Key {
        use crate::auth::throttle::{Key, Kind};
        Key::ip(Kind::IpRequests, "captcha", ip)
    }

    /// The form field that carries the answer.
    pub fn field(&self) -> &'static str {
        match self {
            Captcha::Pow { .. } => "altcha",
            Captcha::Remote(r) => r.field_and_script().0,
        }
    }

    /// Checks `answer`, the value of the form's [`Self::field`].
    pub async fn verify(
        &self,
        store: &Store,
        answer: Option<&str>,
        remote_ip: Option<&str>,
        now: i64,
    ) -> Result<(), CaptchaError> {
        match self {
            Captcha::Pow { key, .. } => {
                let payload = answer.ok_or(CaptchaError::Missing)?;
                let expires = check_solution(key, payload, now)?;
                match store
                    .use_captcha_challenge(&challenge_of(payload), expires)
                    .await
                {
                    Ok(true) => Ok(()),
                    Ok(false) => Err(CaptchaError::Replayed),
                    Err(e) => {
                        tracing::error!(error = %e, "captcha replay guard failed");
                        Err(CaptchaError::Unavailable)
                    }
                }
            }
            Captcha::Remote(r) => {
                let token = answer.ok_or(CaptchaError::Missing)?;
                let mut params = vec![("secret", r.secret.as_str()), ("response", token)];
                if let Some(ip) = remote_ip {
                    params.push(("remoteip", ip));
                }
                let resp = r.http.post(&r.verify_url).form(&params).send().await.map_err(|e| {
                    tracing::warn!(error = %e, provider = %r.provider, "captcha siteverify unreachable");
                    CaptchaError::Unavailable
                })?;
                let body: Value = resp.json().await.map_err(|_| CaptchaError::Unavailable)?;
                if body.get("success").and_then(Value::as_bool) == Some(true) {
                    Ok(())
                } else {
                    Err(CaptchaError::Rejected)
                }
            }
        }
    }
}

/// Verifies a payload's signature, solution and expiry; returns the expiry.
pub fn check_solution(
    key: &aws_lc_rs::hmac::Key,
    payload: &str,
    now: i64,
) -> Result<i64, CaptchaError> {
    if payload.len() > 2048 {
        return Err(CaptchaError::Malformed);
    }
    let json = STANDARD
        .decode(payload.trim())
        .map_err(|_| CaptchaError::Malformed)?;
    let s: Solution = serde_json::from_slice(&json).map_err(|_| CaptchaError::Malformed)?;
    if s.algorithm != "SHA-256" {
        return Err(CaptchaError::Malformed);
    }
    let sig = crypto::hex_decode(&s.signature).map_err(|_| CaptchaError::Forged)?;
    if !crypto::hmac_verify(key, s.challenge.as_bytes(), &sig) {
        return Err(CaptchaError::Forged);
    }
    // The salt must be exactly one this server issued (its own HMAC), so its expiry
    // is the server's and not a splice of salt and number.
    let expires = verify_salt(key, &s.salt).ok_or(CaptchaError::Forged)?;
    let computed = crypto::hex_encode(&crypto::sha256(
        format!("{}{}", s.salt, s.number).as_bytes(),
    ));
    if !crypto::ct_eq(computed.as_bytes(), s.challenge.as_bytes()) {
        return Err(CaptchaError::Unsolved);
    }
    // Never later than a challenge issued now could say (a clock set back elsewhere).
    if expires <= now || expires > now + CHALLENGE_TTL {
        return Err(CaptchaError::Expired);
    }
    Ok(expires)
}

/// Random bytes in a salt's nonce (hex in the salt).
const NONCE_BYTES: usize = 12;
/// Separates the salt's HMAC input from the challenge's (same key, other purpose).
const SALT_CONTEXT: &str = "altcha-salt\0";

/// `<nonce>?expires=<t>&sig=<HMAC(nonce?expires=t)>`: the ALTCHA salt with its
/// query-style expiry, plus a signature over exactly those bytes.
fn signed_salt(key: &aws_lc_rs::hmac::Key, nonce: &str, expires: i64) -> String {
    let unsigned = format!("{nonce}?expires={expires}");
    let sig = crypto::hmac_sign(key, format!("{SALT_CONTEXT}{unsigned}").as_bytes());
    format!("{unsigned}&sig={}", crypto::hex_encode(&sig))
}

/// The expiry of a salt this server issued, parsed strictly (the exact issued
/// shape, lowercase hex, no leading zeros); `None` for anything else.
fn verify_salt(key: &aws_lc_rs::hmac::Key, salt: &str) -> Option<i64> {
    let (nonce, rest) = salt.split_once("?expires=")?;
    let (expires, sig) = rest.split_once("&sig=")?;
    let lower_hex = |s: &str, len: usize| {
        s.len() == len && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    };
    let decimal = !expires.is_empty()
        && expires.len() <= 18
        && !expires.starts_with('0')
        && expires.bytes().all(|b| b.is_ascii_digit());
    if !lower_hex(nonce, 2 * NONCE_BYTES) || !decimal || !lower_hex(sig, 64) {
        return None;
    }
    let expires: i64 = expires.parse().ok()?;
    let tag = crypto::hex_decode(sig).ok()?;
    let unsigned = format!("{nonce}?expires={expires}");
    crypto::hmac_verify(key, format!("{SALT_CONTEXT}{unsigned}").as_bytes(), &tag)
        .then_some(expires)
}

fn challenge_of(payload: &str) -> String {
    STANDARD
        .decode(payload.trim())
        .ok()
        .and_then(|j| serde_json::from_slice::<Solution>(&j).ok())
        .map(|s| s.challenge)
        .unwrap_or_default()
}

/// The configured `maxnumber` times `scale`, capped at what a slow phone solves in
/// about 5 s; never below the configured value.
pub fn scaled_max(configured: u64, scale: u64) -> u64 {
    configured
        .saturating_mul(scale.max(1))
        .min(CaptchaConfig::SLOW_PHONE_MAX)
        .max(configured)
}

fn random_below(n: u64) -> u64 {
    u64::from_le_bytes(crypto::random_bytes::<8>()) % n.max(1)
}

/// Solves a challenge the way the widget does (for tests and tools).
pub fn solve(challenge: &Value) -> Option<String> {
    let salt = challenge["salt"].as_str()?;
    let target = challenge["challenge"].as_str()?;
    let max = challenge["maxnumber"].as_u64()?;
    let number = (0..=max)
        .find(|n| crypto::hex_encode(&crypto::sha256(format!("{salt}{n}").as_bytes())) == target)?;
    let payload = json!({
        "algorithm": "SHA-256", "challenge": target, "number": number, "salt": salt,
        "signature": challenge["signature"], "took": 0,
    });
    Some(STANDARD.encode(payload.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pow() -> Captcha {
        Captcha::Pow {
            key: Box::new(aws_lc_rs::hmac::Key::new(
                aws_lc_rs::hmac::HMAC_SHA256,
                b"k",
            )),
            max: 2000,
        }
    }

    #[test]
    fn growth_stops_where_a_slow_phone_needs_five_seconds() {
        assert_eq!(scaled_max(100_000, 1), 100_000);
        assert_eq!(scaled_max(100_000, 8), 800_000);
        assert_eq!(scaled_max(1_000_000, 1), 1_000_000);
        assert_eq!(scaled_max(100_000, 16), CaptchaConfig::SLOW_PHONE_MAX);
        assert_eq!(scaled_max(3_000_000, 16), 3_000_000, "the operator's own");
        assert_eq!(scaled_max(u64::MAX, 16), u64::MAX);
    }

    #[test]
    fn solved_forged_expired() {
        let c = pow();
        let Captcha::Pow { key, .. } = &c else {
            unreachable!()
        };
        let ch = c.challenge(1000, 1).unwrap();
        let payload = solve(&ch).unwrap();
        assert!(check_solution(key, &payload, 1000).is_ok());
        assert_eq!(
            check_solution(key, &payload, 1000 + CHALLENGE_TTL),
            Err(CaptchaError::Expired)
        );
        let other = aws_lc_rs::hmac::Key::new(aws_lc_rs::hmac::HMAC_SHA256, b"other");
        assert_eq!(
            check_solution(&other, &payload, 1000),
            Err(CaptchaError::Forged)
        );
        // A wrong number.
        let mut v: Value = serde_json::from_slice(&STANDARD.decode(&payload).unwrap()).unwrap();
        v["number"] = json!(v["number"].as_u64().unwrap() + 1);
        let wrong = STANDARD.encode(v.to_string());
        assert_eq!(
            check_solution(key, &wrong, 1000),
            Err(CaptchaError::Unsolved)
        );
        // Digits moved from the number into the salt: same hash, same signature,
        // a later "expiry" — refused, the salt is not one this server signed.
        let mut ch = c.challenge(1000, 1).unwrap();
        while ch["maxnumber"].as_u64().is_some() {
            let v: Value =
                serde_json::from_slice(&STANDARD.decode(solve(&ch).unwrap()).unwrap()).unwrap();
            let n = v["number"].as_u64().unwrap().to_string();
            if n.len() >= 2 && !n[1..].starts_with('0') {
                let mut spliced = v.clone();
                spliced["salt"] = json!(format!("{}{}", v["salt"].as_str().unwrap(), &n[..1]));
                spliced["number"] = json!(n[1..].parse::<u64>().unwrap());
                let spliced = STANDARD.encode(spliced.to_string());
                assert_eq!(
                    check_solution(key, &spliced, 1000),
                    Err(CaptchaError::Forged)
                );
                break;
            }
            ch = c.challenge(1000, 1).unwrap();
        }
        // A salt from the future (a clock set back): never more than one lifetime ahead.
        let ahead = solve(&c.challenge(1000 + CHALLENGE_TTL, 1).unwrap()).unwrap();
        assert_eq!(check_solution(key, &ahead, 999), Err(CaptchaError::Expired));
        for junk in ["", "!!!", "e30=", &STANDARD.encode("[1,2]")] {
            assert_eq!(
                check_solution(key, junk, 1000),
                Err(CaptchaError::Malformed),
                "{junk}"
            );
        }
    }
}
