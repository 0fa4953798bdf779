//! Raw argon2id hash rate at Lanyard's cost (m=19456 KiB, t=2, p=1) on every core,
//! for comparing with password sign-ins per second (bench/run.sh). It hashes for as
//! long as the sign-in row runs (`ARGON2_SECONDS`, default 10), so that both are measured
//! over the same stretch of sustained load, not a short burst.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

fn main() {
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let seconds: u64 = std::env::var("ARGON2_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let done = AtomicU64::new(0);
    let start = Instant::now();
    let deadline = start + Duration::from_secs(seconds);
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                let params = argon2::Params::new(19_456, 2, 1, Some(32)).unwrap();
                let argon = argon2::Argon2::new(
                    argon2::Algorithm::Argon2id,
                    argon2::Version::V0x13,
                    params.clone(),
                );
                let mut memory = vec![argon2::Block::default(); params.block_count()];
                let mut out = [0u8; 32];
                let mut i = 0u64;
                while Instant::now() < deadline {
                    argon
                        .hash_password_into_with_memory(
                            format!("password {i}").as_bytes(),
                            b"saltsaltsalt",
                            &mut out,
                            &mut memory,
                        )
                        .unwrap();
                    i += 1;
                }
                done.fetch_add(i, Ordering::Relaxed);
            });
        }
    });
    let rate = done.load(Ordering::Relaxed) as f64 / start.elapsed().as_secs_f64();
    println!("{rate:.1}");
}
