//! Raw argon2id hash rate at Lanyard's cost (m=19456 KiB, t=2, p=1) on every core,
//! for comparing with password sign-ins per second (bench/run.sh).

fn main() {
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let per_thread = 40;
    let start = std::time::Instant::now();
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
                for i in 0..per_thread {
                    argon
                        .hash_password_into_with_memory(
                            format!("password {i}").as_bytes(),
                            b"saltsaltsalt",
                            &mut out,
                            &mut memory,
                        )
                        .unwrap();
                }
            });
        }
    });
    let rate = (threads * per_thread) as f64 / start.elapsed().as_secs_f64();
    println!("{rate:.1}");
}
