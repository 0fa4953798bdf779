//! Passkey sign-ins per second of server CPU, for bench/run.sh's row beside the
//! password sign-ins: Lanyard's own ceremony code (`auth::passkey`: the options of a
//! sign-in without a name, then checking the answer: client data, RP id hash, user
//! verification, the ES256 signature, the counter) on one core. The answers are
//! signed beforehand by a software authenticator, so its time is not counted; the
//! database and HTTP are not either (the password row has them; their cost per
//! sign-in is that of any page). `PASSKEY_SIGN_INS` (default 2000) answers.

use lanyard::{auth::passkey::Passkeys, config::Config};
use std::time::Instant;
use webauthn_authenticator_rs::{WebauthnAuthenticator, prelude::Url, softpasskey::SoftPasskey};
use webauthn_rs_proto::{AllowCredentials, CreationChallengeResponse, RequestChallengeResponse};

fn main() -> anyhow::Result<()> {
    let n: usize = std::env::var("PASSKEY_SIGN_INS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2000);
    let config = Config {
        issuer: "http://localhost:8080".into(),
        ..Config::default()
    };
    let pk = Passkeys::from_config(&config)?.expect("localhost has passkeys");
    let origin = Url::parse(&config.issuer)?;
    let handle = uuid::Uuid::new_v4();
    let mut key = SoftPasskey::new(true);

    let (options, state) = pk.start_registration(handle, "bench@example.com", "Bench", &[])?;
    let mut ccr: CreationChallengeResponse = serde_json::from_value(options)?;
    if let Some(sel) = ccr.public_key.authenticator_selection.as_mut() {
        sel.require_resident_key = false;
    }
    let reg = key.do_registration(origin.clone(), ccr)?;
    let mut passkey = pk.finish_registration(&serde_json::to_string(&reg)?, &state)?;

    // The answers, signed in advance (each to its own challenge).
    let mut answers = Vec::with_capacity(n);
    for _ in 0..n {
        let (options, state) = pk.start_sign_in(true)?;
        let mut rcr: RequestChallengeResponse = serde_json::from_value(options)?;
        rcr.public_key.allow_credentials = vec![AllowCredentials {
            type_: "public-key".into(),
            id: passkey.cred_id().to_vec(),
            transports: None,
        }];
        let mut cred = key.do_authentication(origin.clone(), rcr)?;
        cred.response.user_handle = Some(handle.as_bytes().to_vec());
        answers.push((serde_json::to_string(&cred)?, state));
    }

    let start = Instant::now();
    for (answer, state) in &answers {
        // A sign-in's server work: its options, then the answer checked.
        let _options = pk.start_sign_in(true)?;
        let (cred, _, _) = pk.identify(answer).map_err(|e| anyhow::anyhow!("{e}"))?;
        let verified = pk
            .finish_sign_in(&cred, state, &passkey)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        passkey.update_credential(&verified.result);
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{:.0} passkey sign-ins/s on one core ({:.2} ms of server CPU each)",
        n as f64 / secs,
        1000.0 * secs / n as f64
    );
    Ok(())
}
