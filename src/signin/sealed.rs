//! One format for state the sign-in flow hands to the browser and reads back (the
//! pending two-step sign-in cookie, the link-offer cookie, the "Confirm your email
//! first" reference): a [`SealedState`] type names its purpose and lifetime; the
//! value and its expiry are JSON, sealed with AES-256-GCM under the master key with
//! the purpose as associated data, then base64url. The browser can neither read nor
//! forge it, a value sealed for one purpose opens for no other, and an expired one
//! does not open.

use crate::crypto::MasterKey;
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use serde::{Deserialize, Serialize, de::DeserializeOwned};

#[derive(Serialize, Deserialize)]
struct Envelope<T> {
    /// Unix time after which the value is refused.
    exp: i64,
    value: T,
}

/// State that travels sealed through the browser.
pub trait SealedState: Serialize + DeserializeOwned {
    /// What it is for; a value sealed for one purpose opens for no other.
    const PURPOSE: &'static str;
    /// How long it opens, in seconds.
    const TTL: i64;

    fn seal(&self, master: &MasterKey, now: i64) -> anyhow::Result<String> {
        seal(master, Self::PURPOSE, self, now, Self::TTL)
    }

    fn open(master: &MasterKey, text: &str, now: i64) -> Option<Self> {
        open(master, Self::PURPOSE, text, now)
    }
}

/// Seals `value` for `purpose`, valid for `ttl` seconds from `now`.
fn seal<T: Serialize>(
    master: &MasterKey,
    purpose: &str,
    value: &T,
    now: i64,
    ttl: i64,
) -> anyhow::Result<String> {
    let json = serde_json::to_vec(&Envelope {
        exp: now + ttl,
        value,
    })?;
    Ok(URL_SAFE_NO_PAD.encode(master.seal(purpose, &json)))
}

/// The value sealed for `purpose`, if `text` is one and has not expired at `now`.
fn open<T: DeserializeOwned>(master: &MasterKey, purpose: &str, text: &str, now: i64) -> Option<T> {
    let sealed = URL_SAFE_NO_PAD.decode(text).ok()?;
    let plain = master.open(purpose, &sealed).ok()?;
    let envelope: Envelope<T> = serde_json::from_slice(&plain).ok()?;
    (envelope.exp > now).then_some(envelope.value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn master() -> MasterKey {
        MasterKey::from_bytes([7u8; 32])
    }

    #[test]
    fn opens_for_its_purpose_until_it_expires() {
        let m = master();
        let text = seal(&m, "a", &"hello".to_string(), 1000, 60).unwrap();
        assert_eq!(
            open::<String>(&m, "a", &text, 1059).as_deref(),
            Some("hello")
        );
        assert_eq!(open::<String>(&m, "a", &text, 1060), None, "expired");
        assert_eq!(open::<String>(&m, "b", &text, 1000), None, "other purpose");
        let mut bytes = URL_SAFE_NO_PAD.decode(&text).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        let forged = URL_SAFE_NO_PAD.encode(bytes);
        assert_eq!(open::<String>(&m, "a", &forged, 1000), None, "tampered");
        assert_eq!(open::<String>(&m, "a", "not base64!", 1000), None);
    }
}
