//! Password hashing with argon2id on a bounded blocking pool.
//!
//! Cost: m=19456 KiB, t=2, p=1 (OWASP Password Storage Cheat Sheet minimum for
//! argon2id). Hashing runs under a semaphore sized to the CPU count inside
//! `spawn_blocking`, so memory stays capped and sign-ins cannot starve the token
//! endpoint. The argon2 memory (~19 MiB each) is reused from a pool of at most one
//! buffer per permit: allocating it afresh per hash costs throughput, and keeping
//! one per blocking thread would grow memory with the thread pool. After
//! [`RELEASE_AFTER`] without a hash the pool lets its buffers go, so an instance
//! that signs people in now and then does not hold ~19 MiB per core for good.

use argon2::{Algorithm, Argon2, Block, Params, PasswordHash, Version};
use std::sync::{
    Arc, Mutex, Weak,
    atomic::{AtomicBool, AtomicU64, Ordering},
};
use std::time::Duration;
use tokio::sync::Semaphore;

/// How long the pool keeps its buffers with no hash running.
pub const RELEASE_AFTER: Duration = Duration::from_secs(30);

pub const M_COST_KIB: u32 = 19_456;
pub const T_COST: u32 = 2;
pub const P_COST: u32 = 1;
const OUTPUT_LEN: usize = 32;

/// argon2 working memory, reused between hashes.
type Memory = Vec<Block>;

#[derive(Clone)]
pub struct Hasher {
    permits: Arc<Semaphore>,
    pool: Arc<Pool>,
    params: Params,
}

/// The reusable buffers: at most one per permit is ever allocated.
#[derive(Default)]
struct Pool {
    buffers: Mutex<Vec<Memory>>,
    /// Hashes started, so the release task can tell an idle spell.
    uses: AtomicU64,
    /// Whether the release task runs (it is started by the first hash).
    releasing: AtomicBool,
}

impl Pool {
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Memory>> {
        self.buffers.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Starts, once per pool, a task that drops the buffers after each spell of
    /// [`RELEASE_AFTER`] with no new hash. It ends when the hasher is dropped.
    fn release_when_idle(self: &Arc<Pool>) {
        if self.releasing.swap(true, Ordering::AcqRel) {
            return;
        }
        let pool: Weak<Pool> = Arc::downgrade(self);
        tokio::spawn(async move {
            let mut seen = u64::MAX;
            loop {
                tokio::time::sleep(RELEASE_AFTER).await;
                let Some(pool) = pool.upgrade() else { return };
                let uses = pool.uses.load(Ordering::Acquire);
                if uses == seen {
                    // A hash still running keeps its own buffer and puts it back
                    // afterwards; the next idle spell drops that one.
                    pool.lock().clear();
                }
                seen = uses;
            }
        });
    }
}

/// A real argon2id hash at the configured cost, verified when the account does not
/// exist, so the response time does not tell whether it does. (A constant: computing
/// one at start would cost start-up time and ~19 MiB.)
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$uITsl5pm4/5QQK73s3Tgaw$4Jkjd4apg0/ebkZxTib7mvZp1VFOU0OsZjhCBRwj9cU";

#[derive(Debug, thiserror::Error)]
pub enum PasswordError {
    #[error("the stored password hash is not a valid argon2 PHC string")]
    BadHash,
    #[error("hashing failed: {0}")]
    Hash(String),
}

impl Hasher {
    pub fn new() -> Hasher {
        let params = Params::new(M_COST_KIB, T_COST, P_COST, Some(OUTPUT_LEN))
            .expect("valid argon2 parameters");
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
        Hasher {
            permits: Arc::new(Semaphore::new(threads)),
            pool: Arc::default(),
            params,
        }
    }

    /// Hashes a new password into a PHC string.
    pub async fn hash(&self, password: &str) -> Result<String, PasswordError> {
        let params = self.params.clone();
        let password = password.as_bytes().to_vec();
        self.run(move |mem| hash_blocking(&params, &password, mem))
            .await
    }

    /// Verifies `password` against `stored`, or against a dummy hash when there is no
    /// stored hash, taking the same time either way.
    pub async fn verify(&self, password: &str, stored: Option<&str>) -> bool {
        let (hash, real) = match stored {
            Some(h) => (h.to_string(), true),
            None => (DUMMY_HASH.to_string(), false),
        };
        let password = password.as_bytes().to_vec();
        let ok = self
            .run(move |mem| verify_blocking(&password, &hash, mem))
            .await;
        real && ok.unwrap_or(false)
    }

    async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Memory) -> Result<T, PasswordError> + Send + 'static,
    ) -> Result<T, PasswordError> {
        let permit = self
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(|e| PasswordError::Hash(e.to_string()))?;
        self.pool.uses.fetch_add(1, Ordering::AcqRel);
        self.pool.release_when_idle();
        let pool = self.pool.clone();
        // The permit and the buffer live in the blocking task, not in this future: if
        // the request is dropped mid-hash (the client went away), the hash still runs
        // to the end, so the permit must stay taken until then or dropped requests
        // could start unbounded 19 MiB hashes; and the buffer goes back to the pool.
        tokio::task::spawn_blocking(move || {
            let mut mem = pool.lock().pop().unwrap_or_default();
            let result = f(&mut mem);
            pool.lock().push(mem);
            drop(permit);
            result
        })
        .await
        .map_err(|e| PasswordError::Hash(e.to_string()))?
    }
}

impl Default for Hasher {
    fn default() -> Self {
        Hasher::new()
    }
}

fn compute(
    params: &Params,
    password: &[u8],
    salt: &[u8],
    out: &mut [u8],
    mem: &mut Memory,
) -> Result<(), PasswordError> {
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
    let needed = params.block_count();
    if mem.len() != needed {
        mem.resize(needed, Block::default());
    }
    argon
        .hash_password_into_with_memory(password, salt, out, mem.as_mut_slice())
        .map_err(|e| PasswordError::Hash(e.to_string()))
}

fn hash_blocking(
    params: &Params,
    password: &[u8],
    mem: &mut Memory,
) -> Result<String, PasswordError> {
    let salt = crate::crypto::random_bytes::<16>();
    let mut out = [0u8; OUTPUT_LEN];
    compute(params, password, &salt, &mut out, mem)?;
    let b64 = |b: &[u8]| {
        use base64::{Engine, engine::general_purpose::STANDARD_NO_PAD};
        STANDARD_NO_PAD.encode(b)
    };
    Ok(format!(
        "$argon2id$v=19$m={},t={},p={}${}${}",
        params.m_cost(),
        params.t_cost(),
        params.p_cost(),
        b64(&salt),
        b64(&out)
    ))
}

fn verify_blocking(password: &[u8], stored: &str, mem: &mut Memory) -> Result<bool, PasswordError> {
    let parsed = PasswordHash::new(stored).map_err(|_| PasswordError::BadHash)?;
    if parsed.algorithm.as_str() != "argon2id" {
        return Err(PasswordError::BadHash);
    }
    let params = Params::try_from(&parsed).map_err(|_| PasswordError::BadHash)?;
    let salt = parsed.salt.as_ref().ok_or(PasswordError::BadHash)?;
    let expected = parsed.hash.as_ref().ok_or(PasswordError::BadHash)?;
    let mut out = vec![0u8; expected.as_ref().len()];
    compute(&params, password, salt.as_ref(), &mut out, mem)?;
    Ok(crate::crypto::ct_eq(&out, expected.as_ref()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dummy_hash_has_the_configured_cost() {
        // Timing equality needs the dummy to cost what real hashes cost.
        let prefix = format!("$argon2id$v=19$m={M_COST_KIB},t={T_COST},p={P_COST}$");
        assert!(DUMMY_HASH.starts_with(&prefix));
        assert!(PasswordHash::new(DUMMY_HASH).is_ok());
    }

    #[tokio::test]
    async fn a_dropped_request_keeps_its_permit_until_its_hash_ends() {
        use std::sync::mpsc;
        let h = Hasher::new();
        let cap = h.permits.available_permits();
        let (started_tx, started_rx) = mpsc::channel::<()>();
        let (release_tx, release_rx) = mpsc::channel::<()>();
        let request = tokio::spawn({
            let h = h.clone();
            async move {
                h.run(move |mem| {
                    mem.push(Block::default()); // stands for the argon2 memory
                    started_tx.send(()).unwrap();
                    release_rx.recv().unwrap();
                    Ok(())
                })
                .await
            }
        });
        tokio::task::spawn_blocking(move || started_rx.recv_timeout(Duration::from_secs(10)))
            .await
            .unwrap()
            .expect("the hash never started");
        // The client goes away while its hash runs.
        request.abort();
        assert!(request.await.unwrap_err().is_cancelled());
        assert_eq!(h.permits.available_permits(), cap - 1, "still hashing");
        release_tx.send(()).unwrap();
        // The hash ends and gives its permit back (after its buffer): wait for every
        // permit, but not forever.
        let all = tokio::time::timeout(
            Duration::from_secs(10),
            h.permits.acquire_many(u32::try_from(cap).unwrap()),
        )
        .await
        .expect("the permit never came back")
        .unwrap();
        drop(all);
        let pool = h.pool.lock();
        assert_eq!(pool.len(), 1, "the buffer went back to the pool");
        assert_eq!(pool[0].len(), 1);
    }

    #[tokio::test(start_paused = true)]
    async fn buffers_are_released_after_an_idle_spell() {
        let h = Hasher::new();
        let hash = || {
            h.run(|mem| {
                mem.resize(1, Block::default()); // stands for the argon2 memory
                Ok(())
            })
        };
        hash().await.unwrap();
        assert_eq!(h.pool.lock().len(), 1);
        // Busy: a hash in every spell keeps the buffer.
        for _ in 0..3 {
            tokio::time::sleep(RELEASE_AFTER / 2).await;
            hash().await.unwrap();
            assert_eq!(h.pool.lock().len(), 1);
        }
        // Idle for two spells: the buffer goes.
        tokio::time::sleep(RELEASE_AFTER * 2 + Duration::from_secs(1)).await;
        assert!(h.pool.lock().is_empty());
        // The next hash allocates again.
        hash().await.unwrap();
        assert_eq!(h.pool.lock().len(), 1);
    }

    #[tokio::test]
    async fn hash_then_verify() {
        let h = Hasher::new();
        let stored = h.hash("correct horse").await.unwrap();
        assert!(stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(h.verify("correct horse", Some(&stored)).await);
        assert!(!h.verify("wrong", Some(&stored)).await);
        assert!(!h.verify("correct horse", None).await);
        assert!(!h.verify("x", Some("not a hash")).await);
        // Interoperates with the argon2 crate's own verifier.
        use argon2::PasswordVerifier;
        assert!(
            Argon2::default()
                .verify_password(b"correct horse", stored.as_str())
                .is_ok()
        );
    }
}
