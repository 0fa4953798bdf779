//! Signing keys: generation, sealing, the in-memory key ring, JWS compact signing and
//! verification (RFC 7515), and the JWKS document (RFC 7517).
//!
//! JWS is written here on aws-lc-rs rather than through `jsonwebtoken` because that
//! crate re-parses the private key on every signature (RSA key parsing costs about as
//! much as signing), while the token endpoint's throughput depends on keeping parsed
//! keys in memory. aws-lc-rs (already in the tree through rustls) is also the
//! faster RSA signer: `ring` signs roughly half as many RS256 tokens per second.

use crate::{crypto::MasterKey, store::Store, store::keys::KeyRow};
use aws_lc_rs::{
    encoding::AsDer,
    rsa,
    signature::{self, EcdsaKeyPair, Ed25519KeyPair, KeyPair as _, UnparsedPublicKey},
};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD as B64};
use serde_json::{Value, json};
use std::{
    collections::HashMap,
    sync::{Arc, RwLock},
    time::Duration,
};

/// The signing algorithm, under the name the key code has always used.
pub use super::vocab::SigningAlg as Alg;

impl Alg {
    /// Left half of the hash of `value`, for `at_hash` (OIDC Core §3.1.3.6). Ed25519
    /// uses SHA-512, as the OpenID Foundation's EdDSA profile and the openidconnect crate do.
    pub fn half_hash(self, value: &str) -> String {
        use aws_lc_rs::digest;
        let alg = match self {
            Alg::RS256 | Alg::ES256 => &digest::SHA256,
            Alg::EdDSA => &digest::SHA512,
        };
        let d = digest::digest(alg, value.as_bytes());
        let bytes = d.as_ref();
        B64.encode(&bytes[..bytes.len() / 2])
    }
}

enum Signer {
    Rsa(rsa::KeyPair),
    Ecdsa(EcdsaKeyPair),
    Ed25519(Ed25519KeyPair),
}

/// One key, parsed once.
pub struct SigningKey {
    pub kid: String,
    pub alg: Alg,
    signer: Signer,
    public: Vec<u8>,
}

impl SigningKey {
    fn generate(alg: Alg) -> anyhow::Result<(SigningKey, Vec<u8>)> {
        let err = |_| anyhow::anyhow!("generating a {} key failed", alg.as_str());
        let pkcs8 = match alg {
            Alg::RS256 => rsa::KeyPair::generate(rsa::KeySize::Rsa2048)
                .map_err(err)?
                .as_der()
                .map_err(err)?
                .as_ref()
                .to_vec(),
            Alg::ES256 => EcdsaKeyPair::generate(&signature::ECDSA_P256_SHA256_FIXED_SIGNING)
                .map_err(err)?
                .to_pkcs8v1()
                .map_err(err)?
                .as_ref()
                .to_vec(),
            Alg::EdDSA => Ed25519KeyPair::generate()
                .map_err(err)?
                .to_pkcs8()
                .map_err(err)?
                .as_ref()
                .to_vec(),
        };
        let kid = crate::crypto::random_id();
        Ok((SigningKey::from_pkcs8(kid, alg, &pkcs8)?, pkcs8))
    }

    fn from_pkcs8(kid: String, alg: Alg, pkcs8: &[u8]) -> anyhow::Result<SigningKey> {
        let bad = |e| anyhow::anyhow!("signing key {kid} ({}) is unreadable: {e}", alg.as_str());
        let (signer, public) = match alg {
            Alg::RS256 => {
                let k = rsa::KeyPair::from_pkcs8(pkcs8).map_err(bad)?;
                let public = k.public_key().as_ref().to_vec();
                (Signer::Rsa(k), public)
            }
            Alg::ES256 => {
                let k =
                    EcdsaKeyPair::from_pkcs8(&signature::ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8)
                        .map_err(bad)?;
                let public = k.public_key().as_ref().to_vec();
                (Signer::Ecdsa(k), public)
            }
            Alg::EdDSA => {
                let k = Ed25519KeyPair::from_pkcs8(pkcs8).map_err(bad)?;
                let public = k.public_key().as_ref().to_vec();
                (Signer::Ed25519(k), public)
            }
        };
        Ok(SigningKey {
            kid,
            alg,
            signer,
            public,
        })
    }

    /// The public JWK (RFC 7517 §4; RFC 7518 §6 for RSA/EC, RFC 8037 for OKP).
    fn jwk(&self) -> Value {
        match &self.signer {
            Signer::Rsa(k) => {
                let pk = k.public_key();
                json!({"kty": "RSA", "use": "sig", "alg": Alg::RS256.as_str(), "kid": self.kid,
                    "n": B64.encode(pk.modulus().big_endian_without_leading_zero()),
                    "e": B64.encode(pk.exponent().big_endian_without_leading_zero())})
            }
            Signer::Ecdsa(_) => {
                // Uncompressed point: 0x04 || x (32 bytes) || y (32 bytes).
                let (x, y) = self.public[1..].split_at(32);
                json!({"kty": "EC", "use": "sig", "alg": Alg::ES256.as_str(), "kid": self.kid, "crv": "P-256",
                    "x": B64.encode(x), "y": B64.encode(y)})
            }
            Signer::Ed25519(_) => {
                json!({"kty": "OKP", "use": "sig", "alg": Alg::EdDSA.as_str(), "kid": self.kid, "crv": "Ed25519",
                    "x": B64.encode(&self.public)})
            }
        }
    }

    fn sign_bytes(&self, msg: &[u8]) -> Vec<u8> {
        match &self.signer {
            Signer::Rsa(k) => {
                let mut sig = vec![0u8; k.public_modulus_len()];
                k.sign(
                    &signature::RSA_PKCS1_SHA256,
                    &aws_lc_rs::rand::SystemRandom::new(),
                    msg,
                    &mut sig,
                )
                .expect("RSA signing with a validated key");
                sig
            }
            Signer::Ecdsa(k) => k
                .sign(&aws_lc_rs::rand::SystemRandom::new(), msg)
                .expect("ECDSA signing with a validated key")
                .as_ref()
                .to_vec(),
            Signer::Ed25519(k) => k.sign(msg).as_ref().to_vec(),
        }
    }

    fn verify_bytes(&self, msg: &[u8], sig: &[u8]) -> bool {
        let alg: &dyn signature::VerificationAlgorithm = match self.alg {
            Alg::RS256 => &signature::RSA_PKCS1_2048_8192_SHA256,
            Alg::ES256 => &signature::ECDSA_P256_SHA256_FIXED,
            Alg::EdDSA => &signature::ED25519,
        };
        UnparsedPublicKey::new(alg, &self.public)
            .verify(msg, sig)
            .is_ok()
    }

    /// Signs `claims` as a compact JWS with header `{"alg", "kid", "typ"}`.
    pub fn sign_jwt(&self, typ: &str, claims: &Value) -> String {
        let header = json!({"alg": self.alg.as_str(), "kid": self.kid, "typ": typ});
        let mut out = String::with_capacity(512);
        B64.encode_string(header.to_string(), &mut out);
        out.push('.');
        B64.encode_string(claims.to_string(), &mut out);
        let sig = self.sign_bytes(out.as_bytes());
        out.push('.');
        B64.encode_string(sig, &mut out);
        out
    }
}

/// The keys every request sees; replaced wholesale when the table changes.
pub struct KeySet {
    /// When the next rotated-out key leaves the JWKS (a reload is due then).
    next_retirement: Option<i64>,
    signers: HashMap<Alg, Arc<SigningKey>>,
    by_kid: HashMap<String, Arc<SigningKey>>,
    /// The JWKS document, serialized once per change.
    pub jwks_json: bytes::Bytes,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum JwtError {
    #[error("the token is not a well-formed JWS")]
    Malformed,
    #[error("the token was not signed by a key of this issuer")]
    UnknownKey,
    #[error("the token's signature is invalid")]
    BadSignature,
    #[error("the token's type is not {0}")]
    WrongType(&'static str),
}

impl KeySet {
    pub fn signer(&self, alg: Alg) -> &Arc<SigningKey> {
        self.signers
            .get(&alg)
            .expect("the key ring always holds a signing key per algorithm")
    }

    /// Verifies a compact JWS signed by one of our published keys and returns its
    /// claims. Expiry and audience are the caller's checks.
    pub fn verify_jwt(&self, token: &str, typ: &'static str) -> Result<Value, JwtError> {
        if token.len() > 16 * 1024 {
            return Err(JwtError::Malformed);
        }
        let mut parts = token.split('.');
        let (Some(h), Some(c), Some(s), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(JwtError::Malformed);
        };
        let header: Value = decode_part(h)?;
        let kid = header
            .get("kid")
            .and_then(Value::as_str)
            .ok_or(JwtError::Malformed)?;
        let alg = header
            .get("alg")
            .and_then(Value::as_str)
            .ok_or(JwtError::Malformed)?;
        let key = self.by_kid.get(kid).ok_or(JwtError::UnknownKey)?;
        // The algorithm comes from our key, never from the token (RFC 8725 §3.1).
        if key.alg.as_str() != alg {
            return Err(JwtError::BadSignature);
        }
        let sig = B64.decode(s).map_err(|_| JwtError::Malformed)?;
        let signed = &token[..h.len() + 1 + c.len()];
        if !key.verify_bytes(signed.as_bytes(), &sig) {
            return Err(JwtError::BadSignature);
        }
        if header.get("typ").and_then(Value::as_str) != Some(typ) {
            return Err(JwtError::WrongType(typ));
        }
        let claims: Value = decode_part(c)?;
        if !claims.is_object() {
            return Err(JwtError::Malformed);
        }
        Ok(claims)
    }
}

fn decode_part(part: &str) -> Result<Value, JwtError> {
    let bytes = B64.decode(part).map_err(|_| JwtError::Malformed)?;
    serde_json::from_slice(&bytes).map_err(|_| JwtError::Malformed)
}

/// The key ring: the current [`KeySet`] and how to refresh it from the database.
pub struct KeyRing {
    current: RwLock<Arc<KeySet>>,
    fingerprint: RwLock<(i64, i64, i64)>,
    /// How long a rotated-out key stays published (longer than any token it signed lives).
    pub retain: Duration,
}

impl KeyRing {
    /// Loads the keys, generating a signing key for any algorithm that has none.
    pub async fn load(
        store: &Store,
        master: &MasterKey,
        retain: Duration,
        now: i64,
    ) -> anyhow::Result<KeyRing> {
        let rows = store.published_keys(now - retain.as_secs() as i64).await?;
        let missing: Vec<Alg> = Alg::ALL
            .into_iter()
            .filter(|a| {
                !rows
                    .iter()
                    .any(|r| r.alg == a.as_str() && r.rotated_at.is_none())
            })
            .collect();
        if !missing.is_empty() {
            let new_rows = generate_rows(&missing, master, now).await?;
            store.insert_signing_keys(&new_rows, now).await?;
        }
        let ring = KeyRing {
            current: RwLock::new(Arc::new(KeySet {
                next_retirement: None,
                signers: HashMap::new(),
                by_kid: HashMap::new(),
                jwks_json: bytes::Bytes::new(),
            })),
            fingerprint: RwLock::new((-1, -1, -1)),
            retain,
        };
        ring.refresh(store, master, now).await?;
        Ok(ring)
    }

    pub fn current(&self) -> Arc<KeySet> {
        self.current.read().expect("key ring lock").clone()
    }

    /// Reloads from the database when the key table changed or a key is due to
    /// retire (cheap when neither happened).
    pub async fn refresh(
        &self,
        store: &Store,
        master: &MasterKey,
        now: i64,
    ) -> anyhow::Result<bool> {
        let fp = store.keys_fingerprint().await?;
        let retiring = self.current().next_retirement.is_some_and(|t| t <= now);
        if *self.fingerprint.read().expect("key ring lock") == fp && !retiring {
            return Ok(false);
        }
        let retain = self.retain.as_secs() as i64;
        let rows = store.published_keys(now - retain).await?;
        let mut set = build_set(&rows, master)?;
        set.next_retirement = rows
            .iter()
            .filter_map(|r| r.rotated_at)
            .map(|t| t + retain)
            .min();
        *self.current.write().expect("key ring lock") = Arc::new(set);
        *self.fingerprint.write().expect("key ring lock") = fp;
        Ok(true)
    }
}

/// Generates new keys for `algs`, sealed, ready to insert. RSA generation takes a
/// while, so it runs off the async runtime.
pub async fn generate_rows(
    algs: &[Alg],
    master: &MasterKey,
    now: i64,
) -> anyhow::Result<Vec<KeyRow>> {
    let algs = algs.to_vec();
    let generated = tokio::task::spawn_blocking(move || {
        algs.into_iter()
            .map(SigningKey::generate)
            .collect::<anyhow::Result<Vec<_>>>()
    })
    .await??;
    Ok(generated
        .into_iter()
        .map(|(key, pkcs8)| KeyRow {
            private_key: master.seal(&seal_context(&key.kid), &pkcs8),
            public_jwk: key.jwk().to_string(),
            alg: key.alg.as_str().into(),
            kid: key.kid,
            created_at: now,
            rotated_at: None,
        })
        .collect())
}

fn seal_context(kid: &str) -> String {
    format!("signing_key:{kid}")
}

fn build_set(rows: &[KeyRow], master: &MasterKey) -> anyhow::Result<KeySet> {
    let mut signers = HashMap::new();
    let mut by_kid = HashMap::new();
    let mut jwks = Vec::new();
    // Rows come newest first, so the first unrotated key of an algorithm signs.
    for row in rows {
        let Ok(alg) = row.alg.parse::<Alg>() else {
            tracing::warn!(kid = %row.kid, alg = %row.alg, "skipping a key with an unknown algorithm");
            continue;
        };
        let pkcs8 = master
            .open(&seal_context(&row.kid), &row.private_key)
            .map_err(|e| {
                anyhow::anyhow!(
                    "signing key {}: {e} (is secrets.master_key_file the right key?)",
                    row.kid
                )
            })?;
        let key = Arc::new(SigningKey::from_pkcs8(row.kid.clone(), alg, &pkcs8)?);
        if row.rotated_at.is_none() {
            signers.entry(alg).or_insert_with(|| key.clone());
        }
        jwks.push(key.jwk());
        by_kid.insert(row.kid.clone(), key);
    }
    for alg in Alg::ALL {
        anyhow::ensure!(
            signers.contains_key(&alg),
            "no signing key for {}; run `lanyard keys rotate`",
            alg.as_str()
        );
    }
    let jwks_json = bytes::Bytes::from(json!({ "keys": jwks }).to_string());
    Ok(KeySet {
        next_retirement: None,
        signers,
        by_kid,
        jwks_json,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_and_verify_every_alg() {
        for alg in Alg::ALL {
            let (key, pkcs8) = SigningKey::generate(alg).unwrap();
            let key = Arc::new(key);
            let set = KeySet {
                next_retirement: None,
                signers: HashMap::from([(alg, key.clone())]),
                by_kid: HashMap::from([(key.kid.clone(), key.clone())]),
                jwks_json: bytes::Bytes::new(),
            };
            let jwt = key.sign_jwt("JWT", &json!({"sub": "x"}));
            assert_eq!(set.verify_jwt(&jwt, "JWT").unwrap()["sub"], "x");
            assert_eq!(
                set.verify_jwt(&jwt, "at+jwt"),
                Err(JwtError::WrongType("at+jwt"))
            );
            let mut tampered = jwt.clone();
            tampered.insert(jwt.find('.').unwrap() + 2, 'A');
            assert!(set.verify_jwt(&tampered, "JWT").is_err());
            assert!(SigningKey::from_pkcs8("k".into(), alg, &pkcs8).is_ok());
        }
    }

    #[test]
    fn garbage_is_malformed() {
        let set = KeySet {
            next_retirement: None,
            signers: HashMap::new(),
            by_kid: HashMap::new(),
            jwks_json: bytes::Bytes::new(),
        };
        for t in ["", "a.b", "a.b.c.d", "....", "e30.e30.", "%%%.%%%.%%%"] {
            assert!(set.verify_jwt(t, "JWT").is_err(), "{t}");
        }
    }
}
