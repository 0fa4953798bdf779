//! Shared fixture for the fuzz targets: one `Provider` built once per process on an
//! in-memory SQLite store, with fixed signing keys (fuzz/keys/, test-only) and a fixed
//! master key and clock, so that seed tokens and captcha payloads stay valid forever.

use lanyard::{
    config::{ClientConfig, Config},
    crypto::MasterKey,
    oidc::{Provider, keys::Alg},
    store::{Store, keys::KeyRow},
};
use std::sync::{Arc, OnceLock};

/// The fixed "now" of every target (2027-01-15). Seeds carry expiries after it.
pub const NOW: i64 = 1_800_000_000;
pub const ISSUER: &str = "https://id.example.test";
/// Test-only master key: every sealed key and derived HMAC key hangs off it.
pub const MASTER: [u8; 32] = [0x42; 32];

/// (kid, alg, PKCS#8 DER). Test-only keys, generated once with openssl.
pub const KEYS: [(&str, Alg, &[u8]); 3] = [
    ("fuzz-rs256", Alg::RS256, include_bytes!("../keys/rs256.pk8")),
    ("fuzz-es256", Alg::ES256, include_bytes!("../keys/es256.pk8")),
    ("fuzz-eddsa", Alg::EdDSA, include_bytes!("../keys/eddsa.pk8")),
];

pub const FIRST_SECRET: &str = "first-secret";
pub const WEBAPP_SECRET: &str = "webapp-secret-0123456789";
pub const SVC_SECRET: &str = "svc-secret-0123456789";

pub struct Fixture {
    /// Kept alive so the store's pool stays usable.
    pub rt: tokio::runtime::Runtime,
    pub provider: Provider,
    pub master: MasterKey,
}

/// The registered clients: confidential, public (PKCE), service, first party.
/// Built through serde so that fields added to `ClientConfig` later take their defaults.
pub fn clients() -> Vec<ClientConfig> {
    let sha = "sha256:e0a5091e7f566a51018100473bf5078fe614e6dde73a7592c1161ecd6ec3826a";
    serde_json::from_value(serde_json::json!([
        {
            "id": "webapp",
            "secret": WEBAPP_SECRET,
            "redirect_uris": ["https://app.example.test/cb", "https://app.example.test/cb?x=1"],
            "post_logout_redirect_uris": ["https://app.example.test/bye"],
            "scopes": ["openid", "profile", "email", "offline_access", "teams"],
        },
        {
            "id": "spa",
            "redirect_uris": ["http://127.0.0.1:3000/callback"],
            "post_logout_redirect_uris": ["http://127.0.0.1:3000/"],
            "grant_types": ["authorization_code"],
            "token_endpoint_auth_method": "none",
            "id_token_signed_response_alg": "ES256",
        },
        {
            "id": "svc",
            "secret": SVC_SECRET,
            "grant_types": ["client_credentials"],
            "token_endpoint_auth_method": "client_secret_post",
            "id_token_signed_response_alg": "EdDSA",
        },
        {
            // sha256("first-secret")
            "id": "first",
            "secret": sha,
            "redirect_uris": ["com.example.app:/oauth"],
            "post_logout_redirect_uris": ["com.example.app:/logout"],
            "first_party": true,
            "token_endpoint_auth_method": "client_secret_basic",
        },
    ]))
    .expect("client configs")
}

async fn build(master: &MasterKey) -> anyhow::Result<Provider> {
    // One connection: every connection to `sqlite::memory:` is a database of its own.
    let store = Store::connect("sqlite::memory:", 1).await?;
    store.migrate().await?;
    let rows: Vec<KeyRow> = KEYS
        .iter()
        .map(|(kid, alg, pkcs8)| KeyRow {
            kid: kid.to_string(),
            alg: alg.as_str().into(),
            // The key ring opens rows sealed under the context "signing_key:<kid>".
            private_key: master.seal(&format!("signing_key:{kid}"), pkcs8),
            public_jwk: "{}".into(),
            created_at: NOW - 100,
            rotated_at: None,
        })
        .collect();
    store.insert_signing_keys(&rows, NOW - 100).await?;
    let config = Config {
        issuer: ISSUER.into(),
        clients: clients(),
        ..Config::default()
    };
    Provider::new(&config, store, Arc::new(MasterKey::from_bytes(MASTER)), NOW).await
}

/// The process-wide fixture, built on first use.
pub fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("tokio runtime");
        let master = MasterKey::from_bytes(MASTER);
        let provider = rt
            .block_on(build(&master))
            .expect("building the fuzz provider");
        // The ring must hold exactly our fixed keys, or the seeds would not verify.
        let jwks: serde_json::Value =
            serde_json::from_slice(&provider.keys.current().jwks_json).unwrap();
        let kids: Vec<&str> = jwks["keys"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|k| k["kid"].as_str())
            .collect();
        for (kid, _, _) in KEYS {
            assert!(kids.contains(&kid), "key {kid} missing from the ring: {kids:?}");
        }
        Fixture {
            rt,
            provider,
            master,
        }
    })
}

pub fn provider() -> &'static Provider {
    &fixture().provider
}

/// Splits `data` at the first occurrence of `sep` (the rest is empty when absent).
pub fn split_once(data: &[u8], sep: u8) -> (&[u8], &[u8]) {
    match data.iter().position(|&b| b == sep) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[]),
    }
}

/// `FUZZ_DEBUG=1 target seeds/<target>/*` prints what each input came to, to check
/// that the seeds reach past the signature and key checks.
pub fn debug(what: impl FnOnce() -> String) {
    static ON: OnceLock<bool> = OnceLock::new();
    if *ON.get_or_init(|| std::env::var_os("FUZZ_DEBUG").is_some()) {
        eprintln!("FUZZ_DEBUG {}", what());
    }
}
