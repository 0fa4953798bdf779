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

/// The master key ring: seals secrets at rest (AES-256-GCM) and derives purpose
/// keys. The key file holds one key per line (64 hex characters): the first seals,
/// every line opens. `lanyard secrets rotate-master-key` puts a new key first and
/// re-seals every stored secret; running instances reload the file (see
/// [`MasterKey::reload`]), so nothing stops while it happens.
pub struct MasterKey {
    keys: std::sync::RwLock<Vec<RingKey>>,
    /// Purpose keys derive from the file's last (oldest) key, so they stay the same
    /// across rotations and every instance agrees on them (see `derive`).
    root: [u8; 32],
    path: Option<std::path::PathBuf>,
    loaded: std::sync::Mutex<Option<std::time::SystemTime>>,
}

struct RingKey {
    id: [u8; 4],
    aead: aead::LessSafeKey,
}

impl RingKey {
    fn new(raw: &[u8; 32]) -> RingKey {
        let unbound = aead::UnboundKey::new(&aead::AES_256_GCM, raw).expect("32-byte key");
        RingKey {
            id: key_id(raw),
            aead: aead::LessSafeKey::new(unbound),
        }
    }
}

/// A key's public name inside sealed values: the first 4 bytes of a hash of it.
fn key_id(raw: &[u8; 32]) -> [u8; 4] {
    let d = sha256(&[b"lanyard master key id:".as_slice(), raw].concat());
    [d[0], d[1], d[2], d[3]]
}

/// Version 1: `1 | nonce | ciphertext+tag` (opened by trying every key).
/// Version 2: `2 | key id (4) | nonce | ciphertext+tag`.
const SEAL_V1: u8 = 1;
const SEAL_V2: u8 = 2;

#[derive(Debug, thiserror::Error)]
pub enum SealError {
    #[error("sealed value is malformed or was sealed under another master key")]
    Open,
}

/// The key file: active keys (the first seals) and at most one staged key, written
/// `next <hex>`, which opens values but does not seal yet. Staging lets every
/// machine learn a key before any instance seals with it.
struct KeyFile {
    active: Vec<[u8; 32]>,
    staged: Option<[u8; 32]>,
}

impl KeyFile {
    fn parse(path: &Path, text: &str) -> anyhow::Result<KeyFile> {
        let bad = || {
            anyhow::anyhow!(
                "secrets.master_key_file {}: each line must be a key of 64 hex characters (or `next` and one)",
                path.display()
            )
        };
        let mut file = KeyFile {
            active: Vec::new(),
            staged: None,
        };
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let (staged, hex) = match line.strip_prefix("next ") {
                Some(h) => (true, h.trim()),
                None => (false, line),
            };
            let key = hex_decode(hex)
                .ok()
                .and_then(|b| <[u8; 32]>::try_from(b).ok())
                .ok_or_else(bad)?;
            if staged {
                file.staged = Some(key);
            } else {
                file.active.push(key);
            }
        }
        anyhow::ensure!(
            !file.active.is_empty(),
            "secrets.master_key_file {}: the file holds no key",
            path.display()
        );
        Ok(file)
    }

    fn render(&self) -> String {
        let mut out: String = self.active.iter().map(|k| hex_encode(k) + "\n").collect();
        if let Some(k) = &self.staged {
            out.push_str(&format!("next {}\n", hex_encode(k)));
        }
        out
    }

    /// Every key that opens values, the sealing one first.
    fn ring(&self) -> Vec<RingKey> {
        self.active
            .iter()
            .chain(self.staged.iter())
            .map(RingKey::new)
            .collect()
    }

    fn read(path: &Path) -> anyhow::Result<KeyFile> {
        KeyFile::parse(path, &std::fs::read_to_string(path)?)
    }

    /// Replaces the file atomically (write beside, then rename), mode 0600.
    fn write(&self, path: &Path) -> anyhow::Result<()> {
        let tmp = path.with_extension("rotating");
        let _ = std::fs::remove_file(&tmp);
        write_private_file(&tmp, self.render().as_bytes())?;
        std::fs::rename(&tmp, path)?;
        Ok(())
    }
}

impl MasterKey {
    pub fn from_bytes(raw: [u8; 32]) -> MasterKey {
        Self::from_file(
            &KeyFile {
                active: vec![raw],
                staged: None,
            },
            None,
        )
    }

    fn from_file(file: &KeyFile, path: Option<&Path>) -> MasterKey {
        let loaded = path
            .and_then(|p| std::fs::metadata(p).ok())
            .and_then(|m| m.modified().ok());
        MasterKey {
            keys: std::sync::RwLock::new(file.ring()),
            root: *file.active.last().expect("at least one key"),
            path: path.map(Path::to_path_buf),
            loaded: std::sync::Mutex::new(loaded),
        }
    }

    /// Reads the key file, creating it (one key, mode 0600) on first start.
    pub fn load_or_create(path: &Path) -> anyhow::Result<MasterKey> {
        use anyhow::Context;
        if path.exists() {
            tighten_key_file(path);
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading master key {}", path.display()))?;
            return Ok(Self::from_file(&KeyFile::parse(path, &text)?, Some(path)));
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            crate::files::create_private_dir(dir)
                .with_context(|| format!("creating directory {}", dir.display()))?;
        }
        let raw = random_bytes::<32>();
        write_private_file(path, format!("{}\n", hex_encode(&raw)).as_bytes())
            .with_context(|| format!("creating master key {}", path.display()))?;
        tracing::info!(path = %path.display(), "created a new master key");
        let file = KeyFile {
            active: vec![raw],
            staged: None,
        };
        Ok(Self::from_file(&file, Some(path)))
    }

    /// Re-reads the key file when it changed (after a rotation elsewhere). Returns
    /// whether the ring changed. The root key must stay (it is the file's last line).
    pub fn reload(&self) -> anyhow::Result<bool> {
        let Some(path) = &self.path else {
            return Ok(false);
        };
        let modified = std::fs::metadata(path)?.modified()?;
        let mut loaded = self.loaded.lock().unwrap_or_else(|e| e.into_inner());
        if *loaded == Some(modified) {
            return Ok(false);
        }
        let file = KeyFile::read(path)?;
        anyhow::ensure!(
            file.active.last() == Some(&self.root),
            "secrets.master_key_file {}: its last key line must stay the original key",
            path.display()
        );
        *self.keys.write().unwrap_or_else(|e| e.into_inner()) = file.ring();
        *loaded = Some(modified);
        Ok(true)
    }

    fn file_path(&self) -> anyhow::Result<&Path> {
        self.path
            .as_deref()
            .ok_or_else(|| anyhow::anyhow!("this master key has no file"))
    }

    /// Adds a new key that opens but does not seal yet (`next <hex>`), for
    /// deployments on several machines: copy the file everywhere, then `rotate`.
    /// Returns the staged key's id.
    pub fn stage(&self) -> anyhow::Result<String> {
        let path = self.file_path()?;
        let mut file = KeyFile::read(path)?;
        anyhow::ensure!(
            file.staged.is_none(),
            "a staged key is already waiting in {}; rotate to it first",
            path.display()
        );
        let raw = random_bytes::<32>();
        file.staged = Some(raw);
        file.write(path)?;
        *self.keys.write().unwrap_or_else(|e| e.into_inner()) = file.ring();
        Ok(hex_encode(&key_id(&raw)))
    }

    /// Makes the staged key (or, with none staged, a new one) the sealing key; the
    /// older keys stay, to open what they sealed. Returns the new key's id.
    pub fn rotate(&self) -> anyhow::Result<String> {
        let path = self.file_path()?;
        let mut file = KeyFile::read(path)?;
        let raw = file.staged.take().unwrap_or_else(random_bytes::<32>);
        file.active.insert(0, raw);
        file.write(path)?;
        *self.keys.write().unwrap_or_else(|e| e.into_inner()) = file.ring();
        Ok(hex_encode(&key_id(&raw)))
    }

    /// Seals `plain` under the current key; `context` binds the ciphertext to where it
    /// is stored (e.g. "signing_key:<kid>") so a sealed value cannot be moved.
    pub fn seal(&self, context: &str, plain: &[u8]) -> Vec<u8> {
        let keys = self.keys.read().unwrap_or_else(|e| e.into_inner());
        let key = &keys[0];
        let nonce_bytes = random_bytes::<12>();
        let mut buf = plain.to_vec();
        key.aead
            .seal_in_place_append_tag(
                aead::Nonce::assume_unique_for_key(nonce_bytes),
                aead::Aad::from(context.as_bytes()),
                &mut buf,
            )
            .expect("AES-GCM sealing cannot fail for in-memory buffers");
        let mut out = Vec::with_capacity(1 + 4 + 12 + buf.len());
        out.push(SEAL_V2);
        out.extend_from_slice(&key.id);
        out.extend_from_slice(&nonce_bytes);
        out.extend_from_slice(&buf);
        out
    }

    pub fn open(&self, context: &str, sealed: &[u8]) -> Result<Vec<u8>, SealError> {
        let keys = self.keys.read().unwrap_or_else(|e| e.into_inner());
        let (candidates, rest): (Vec<&RingKey>, &[u8]) = match sealed.first() {
            Some(&SEAL_V1) => (keys.iter().collect(), &sealed[1..]),
            Some(&SEAL_V2) if sealed.len() > 5 => (
                keys.iter().filter(|k| k.id == sealed[1..5]).collect(),
                &sealed[5..],
            ),
            _ => return Err(SealError::Open),
        };
        if rest.len() < 12 + 16 {
            return Err(SealError::Open);
        }
        for key in candidates {
            let nonce =
                aead::Nonce::try_assume_unique_for_key(&rest[..12]).map_err(|_| SealError::Open)?;
            let mut buf = rest[12..].to_vec();
            if let Ok(plain) =
                key.aead
                    .open_in_place(nonce, aead::Aad::from(context.as_bytes()), &mut buf)
            {
                return Ok(plain.to_vec());
            }
        }
        Err(SealError::Open)
    }

    /// Whether a sealed value is sealed under the current key (rotation re-seals the rest).
    pub fn is_current(&self, sealed: &[u8]) -> bool {
        let keys = self.keys.read().unwrap_or_else(|e| e.into_inner());
        sealed.first() == Some(&SEAL_V2) && sealed.get(1..5) == Some(&keys[0].id[..])
    }

    /// A key for one purpose (CSRF tokens, captcha signatures...), derived so that
    /// no two features ever share key material. Derived from the root key, so a
    /// rotation does not invalidate forms and challenges already handed out.
    pub fn derive(&self, purpose: &str) -> hmac::Key {
        let k = hmac::Key::new(hmac::HMAC_SHA256, &self.root);
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

/// Makes an existing master key file 0600 when others could read it (a file made
/// by hand or by an older version); a read-only mount only gets a warning.
fn tighten_key_file(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let Ok(meta) = std::fs::metadata(path) else {
            return;
        };
        if meta.permissions().mode() & 0o077 == 0 {
            return;
        }
        match crate::files::set_mode(path, crate::files::PRIVATE_FILE) {
            Ok(()) => {
                tracing::info!(path = %path.display(), "master key file made readable by its owner only (0600)")
            }
            Err(e) => {
                tracing::warn!(path = %path.display(), error = %e, "the master key file is readable by other users and could not be changed to 0600")
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
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

/// Writes a new file only its owner can read (0600, whatever the umask).
pub fn write_private_file(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    crate::files::write_new_private(path, contents)
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
    fn rotation_keeps_old_values_readable_and_seals_with_the_new_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("master.key");
        let k = MasterKey::load_or_create(&path).unwrap();
        let csrf_before = hmac_sign(&k.derive("csrf"), b"x");
        let old = k.seal("a", b"secret");
        let other = MasterKey::load_or_create(&path).unwrap();
        assert!(!other.reload().unwrap(), "nothing changed yet");
        k.rotate().unwrap();
        let new = k.seal("a", b"secret");
        assert!(k.is_current(&new) && !k.is_current(&old));
        assert_eq!(k.open("a", &old).unwrap(), b"secret");
        // Another instance opens the new value once it reloads the file: a reload
        // sees the changed file (its modification time, pinned here to a time of its
        // own so that a coarse file-system clock cannot hide the change) and takes
        // the new ring; a reload of an unchanged file does nothing.
        assert!(other.open("a", &new).is_err());
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_800_000_000))
            .unwrap();
        assert!(other.reload().unwrap(), "the rotated file was not reloaded");
        assert_eq!(other.open("a", &new).unwrap(), b"secret");
        assert!(!other.reload().unwrap(), "an unchanged file was reloaded");
        // Purpose keys do not change.
        assert_eq!(hmac_sign(&k.derive("csrf"), b"x"), csrf_before);
        assert_eq!(std::fs::read_to_string(&path).unwrap().lines().count(), 2);

        // Staged: opens everywhere before anything seals with it.
        let staged_id = k.stage().unwrap();
        assert!(std::fs::read_to_string(&path).unwrap().contains("next "));
        let before = k.seal("a", b"x");
        assert!(
            k.is_current(&before),
            "staging does not change the sealing key"
        );
        assert_eq!(k.rotate().unwrap(), staged_id);
        assert!(!k.is_current(&before));
        assert_eq!(k.open("a", &before).unwrap(), b"x");
        assert_eq!(std::fs::read_to_string(&path).unwrap().lines().count(), 3);
    }

    #[test]
    fn version_one_values_still_open() {
        let k = MasterKey::from_bytes([7; 32]);
        let v2 = k.seal("a", b"secret");
        // The earlier format: version byte, nonce, ciphertext (no key id).
        let mut v1 = vec![SEAL_V1];
        v1.extend_from_slice(&v2[5..]);
        assert_eq!(k.open("a", &v1).unwrap(), b"secret");
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
