//! Two-step verification codes: RFC 6238 TOTP (6 digits, 30 s steps, HMAC-SHA-1,
//! which every authenticator app reads from an `otpauth://` URI) through totp-rs,
//! and single-use recovery codes.

use crate::crypto;
use totp_rs::{Builder, Totp};

/// A TOTP secret: 160 bits, as RFC 4226 §4 recommends.
pub fn new_secret() -> Vec<u8> {
    crypto::random_bytes::<20>().to_vec()
}

fn totp(secret: &[u8], issuer: &str, account: &str) -> Option<Totp> {
    Builder::new()
        .with_secret(secret.to_vec())
        .with_issuer(Some(issuer))
        .with_account_name(account)
        .build()
        .ok()
}

/// What the enrollment page shows: the QR code (PNG, base64), the URI and the
/// secret as base32 text for typing in by hand.
pub struct Enrollment {
    pub qr_png_base64: String,
    pub uri: String,
    pub secret_base32: String,
}

pub fn enrollment(secret: &[u8], issuer: &str, account: &str) -> Option<Enrollment> {
    let t = totp(secret, issuer, account)?;
    Some(Enrollment {
        qr_png_base64: t.to_qr_base64().ok()?,
        uri: t.to_url().ok()?,
        secret_base32: t.secret().to_base32(),
    })
}

/// The time step `code` is valid for (the current one or one either side, for clock
/// drift). The caller accepts a step at most once (RFC 6238 §5.2).
pub fn matching_step(secret: &[u8], code: &str, now: i64) -> Option<i64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    let t = totp(secret, "x", "x")?;
    t.check(&code, u64::try_from(now).ok()?)
        .and_then(|s| i64::try_from(s).ok())
}

/// The code of a secret at a time (for tests and tools).
pub fn code_at(secret: &[u8], now: i64) -> String {
    totp(secret, "x", "x")
        .map(|t| t.generate(now.max(0) as u64).to_string())
        .unwrap_or_default()
}

/// Characters of recovery codes: no 0/o, 1/l/i, so they read back unambiguously.
const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// Ten recovery codes like `k3fq-9xzt-m2pa-w7hc` (80 bits each, so a plain SHA-256
/// hash is safe to store: there is nothing to brute-force).
pub fn recovery_codes() -> Vec<String> {
    (0..10)
        .map(|_| {
            let bytes = crypto::random_bytes::<16>();
            let chars: Vec<char> = bytes
                .iter()
                .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
                .collect();
            chars
                .chunks(4)
                .map(|c| c.iter().collect::<String>())
                .collect::<Vec<_>>()
                .join("-")
        })
        .collect()
}

/// Whether an answer looks like a recovery code rather than a 6-digit code.
pub fn is_recovery_code(answer: &str) -> bool {
    normalize_recovery(answer).len() == 16
}

fn normalize_recovery(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// How a recovery code is stored.
/// Whether `code` has the shape [`recovery_codes`] gives: four groups of four of
/// its letters and digits, joined by `-`.
pub fn looks_like_recovery_code(code: &str) -> bool {
    let groups: Vec<&str> = code.split('-').collect();
    groups.len() == 4
        && groups
            .iter()
            .all(|g| g.len() == 4 && g.bytes().all(|b| ALPHABET.contains(&b)))
}

pub fn recovery_hash(code: &str) -> String {
    crypto::token_hash(&normalize_recovery(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The secret of RFC 6238 Appendix B (SHA-1). Tests pin the secret and the time,
    /// so which steps lie "either side" never depends on when they run.
    const RFC_SECRET: &[u8] = b"12345678901234567890";

    #[test]
    fn codes_are_the_rfc_6238_ones() {
        // Appendix B's 8-digit values, last 6 digits.
        for (t, code) in [
            (59, "287082"),
            (1_111_111_109, "081804"),
            (1_111_111_111, "050471"),
            (1_234_567_890, "005924"),
            (2_000_000_000, "279037"),
        ] {
            assert_eq!(code_at(RFC_SECRET, t), code, "at {t}");
            assert_eq!(matching_step(RFC_SECRET, code, t), Some(t / 30));
        }
    }

    #[test]
    fn codes_match_their_step_and_one_either_side() {
        let start = 1_800_000_000; // the first second of a step
        assert_eq!(start % 30, 0);
        let step = start / 30;
        let code = code_at(RFC_SECRET, start);
        let at = |t: i64| matching_step(RFC_SECRET, &code, t);
        // Its own step, first second to last.
        assert_eq!(at(start), Some(step));
        assert_eq!(at(start + 29), Some(step));
        // One step either side (clock drift): the device ahead, or behind.
        assert_eq!(at(start - 1), Some(step));
        assert_eq!(at(start - 30), Some(step));
        assert_eq!(at(start + 30), Some(step));
        assert_eq!(at(start + 59), Some(step));
        // Two steps away: refused.
        assert_eq!(at(start - 31), None);
        assert_eq!(at(start + 60), None);
        assert_eq!(at(start + 120), None);
        // Typed with spaces, as apps show it; not six digits.
        let spaced = format!("{} {}", &code[..3], &code[3..]);
        assert_eq!(matching_step(RFC_SECRET, &spaced, start), Some(step));
        assert_eq!(matching_step(RFC_SECRET, "12345", start), None);
        assert_eq!(matching_step(RFC_SECRET, "abcdef", start), None);
    }

    #[test]
    fn recovery_codes_are_distinct_and_normalized() {
        let codes = recovery_codes();
        assert!(codes.iter().all(|c| looks_like_recovery_code(c)));
        for bad in [
            "",
            "k3fq-9xzt-m2pa",
            "k3fq-9xzt-m2pa-w7hcx",
            "K3FQ-9XZT-M2PA-W7HC",
            "<a>-aaaa-aaaa-aaaa",
        ] {
            assert!(!looks_like_recovery_code(bad), "{bad}");
        }
        assert_eq!(codes.len(), 10);
        assert_eq!(codes[0].len(), 19);
        assert!(is_recovery_code(&codes[0]));
        assert!(!is_recovery_code("123456"));
        assert_eq!(
            recovery_hash(&codes[0]),
            recovery_hash(&codes[0].to_uppercase().replace('-', " "))
        );
        let set: std::collections::HashSet<_> = codes.iter().collect();
        assert_eq!(set.len(), 10);
    }

    #[test]
    fn enrollment_has_uri_qr_and_secret() {
        let e = enrollment(&new_secret(), "Lanyard", "ada@example.com").unwrap();
        assert!(e.uri.starts_with("otpauth://totp/"));
        assert!(!e.qr_png_base64.is_empty());
        assert_eq!(e.secret_base32.len(), 32);
    }
}
