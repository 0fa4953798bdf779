//! Small cryptographic building blocks on aws-lc-rs (already in the tree via rustls):
//! random tokens, token hashing, HMAC, and sealing secrets at rest under the master key.

use aws_lc_rs::{aead, digest, hmac, rand as awsrand};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use std::path::Path;

/// `n` random bytes from the OS CSPRNG.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut out = [0u8; N];
    awsrand::fill(&mut out).expect("the system random number generator failed");
    out
}

/// A fresh 256-bit bearer secret, base64url (43 characters).
pub fn random_token() -> String {
    URL_SAFE_NO_PAD.encode(random_bytes::<32>())
}

/// A random identifier (128 bits), base64url.
pub fn random_id() -> String {
    URL_SAFE_NO_PAD.encode(random_bytes::<16>())
}

/// How an opaque token is stored: its SHA-256, base64url. Tokens are 256-bit random,
/// so a fast hash suffices (no password stretching needed) and lookups stay indexed.
pub fn token_hash(token: &str) -> String {
    URL_SAFE_NO_PAD.encode(digest::digest(&digest::SHA256, token.as_bytes()))
}

pub fn sha256(data: &[u8]) -> [u8; 32] {
    let d = digest::digest(&digest::SHA256, data);
    let mut out = [0u8; 32];
    out.copy_from_slice(d.as_ref());
    out
}

/// Constant-time equality for secrets.
pub fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.ct_eq(b))
}

/// The master key: seals secrets at rest (AES-256-GCM) and derives purpose keys.
pub struct MasterKey {
    aead: aead::LessSafeKey,
    raw: [u8; 32],
}

const SEAL_VERSION: u8 = 1;

#[derive(Debug, thiserror::Error)]
pub enum SealError {
    #[error("sealed value is malformed or was sealed under another master key")]
    Open,
}

impl MasterKey {
    pub fn from_bytes(raw: [u8; 32]) -> MasterKey {
        let unbound = aead::UnboundKey::new(&aead::AES_256_GCM, &raw).expect("32-byte key");
        MasterKey {
            aead: aead::LessSafeKey::new(unbound),
            raw,
        }
    }

    /// Reads the key file (64 hex characters), creating it with mode 0600 on first start.
    pub fn load_or_create(path: &Path) -> anyhow::Result<MasterKey> {
        use anyhow::Context;
        if path.exists() {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading master key {}", path.display()))?;
            let bytes = hex_decode(text.trim()).with_context(|| {
                format!(
                    "secrets.master_key_file {}: expected 64 hex characters",
                    path.display()
                )
            })?;
            let raw: [u8; 32] = bytes.try_into().map_err(|_| {
                anyhow::anyhow!(
                    "secrets.master_key_file {}: expected 32 bytes (64 hex characters)",
                    path.display()
                )
            })?;
            return Ok(MasterKey::from_bytes(raw));
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("creating directory {}", dir.display()))?;
        }
        let raw = random_bytes::<32>();
        write_private_file(path, hex_encode(&raw).as_bytes())
            .with_context(|| format!("creating master key {}", path.display()))?;
        tracing::info!(path = %path.display(), "created a new master key");
        Ok(MasterKey::from_bytes(raw))
    }

    /// Seals `plain`; `context` binds the ciphertext to where it is stored
    /// (e.g. "signing_key:<kid>") so a sealed value cannot be moved to another row.
    pub fn seal(&self, context: &str, plain: &[u8]) -> Vec<u8> {
        let nonce_bytes = random_bytes::<12>();
        let mut buf = plain.to_vec();
        self.aead
            .seal_in_place_append_tag(
                aead::Nonce::assume_unique_for_key(nonce_bytes),
                aead::Aad::from(context.as_bytes()),
                &mut buf,
            )
            .expect("AES-GCM sealing cannot fail for in-memory buffers");
        let mut out = Vec::with_capacity(1 + 12 + buf.len());
        out.push(SEAL_VERSION);
        out.extend_from_slice(&nonce_bytes);
        out.extend_from_slice(&buf);
        out
    }

    pub fn open(&self, context: &str, sealed: &[u8]) -> Result<Vec<u8>, SealError> {
        if sealed.len() < 1 + 12 + 16 || sealed[0] != SEAL_VERSION {
            return Err(SealError::Open);
        }
        let nonce =
            aead::Nonce::try_assume_unique_for_key(&sealed[1..13]).map_err(|_| SealError::Open)?;
        let mut buf = sealed[13..].to_vec();
        let plain = self
            .aead
            .open_in_place(nonce, aead::Aad::from(context.as_bytes()), &mut buf)
            .map_err(|_| SealError::Open)?;
        Ok(plain.to_vec())
    }

    /// A key for one purpose (CSRF tokens, captcha signatures...), derived so that
    /// no two features ever share key material.
    pub fn derive(&self, purpose: &str) -> hmac::Key {
        let k = hmac::Key::new(hmac::HMAC_SHA256, &self.raw);
        let derived = hmac::sign(&k, purpose.as_bytes());
        hmac::Key::new(hmac::HMAC_SHA256, derived.as_ref())
    }
}

pub fn hmac_sign(key: &hmac::Key, data: &[u8]) -> Vec<u8> {
    hmac::sign(key, data).as_ref().to_vec()
}

pub fn hmac_verify(key: &hmac::Key, data: &[u8], tag: &[u8]) -> bool {
    hmac::verify(key, data, tag).is_ok()
}

pub fn hex_encode(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn hex_decode(text: &str) -> anyhow::Result<Vec<u8>> {
    anyhow::ensure!(text.len().is_multiple_of(2), "odd number of hex digits");
    (0..text.len())
        .step_by(2)
        .map(|i| {
            u8::from_str_radix(text.get(i..i + 2).unwrap_or("zz"), 16)
                .map_err(|_| anyhow::anyhow!("not a hex digit"))
        })
        .collect()
}

/// Writes a file only its owner can read.
pub fn write_private_file(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(path)?.write_all(contents)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seal_round_trip_and_context_binding() {
        let k = MasterKey::from_bytes([7; 32]);
        let sealed = k.seal("a", b"secret");
        assert!(!sealed.windows(6).any(|w| w == b"secret"));
        assert_eq!(k.open("a", &sealed).unwrap(), b"secret");
        assert!(k.open("b", &sealed).is_err());
        assert!(MasterKey::from_bytes([8; 32]).open("a", &sealed).is_err());
        assert!(k.open("a", &sealed[..10]).is_err());
    }

    #[test]
    fn hex_round_trip() {
        assert_eq!(
            hex_decode(&hex_encode(&[0, 255, 16])).unwrap(),
            vec![0, 255, 16]
        );
        assert!(hex_decode("zz").is_err());
        assert!(hex_decode("abc").is_err());
    }
}
