//! `lanyard keys rotate` against a running deployment.

use crate::common::*;
use crate::errors::{code_for, pkce, redeem, token_request};
use openidconnect::{
    ClientId, ClientSecret, IssuerUrl, Nonce,
    core::{CoreClient, CoreIdToken, CoreProviderMetadata},
};
use serde_json::Value;
use std::time::{Duration, Instant};

crate::on_both_backends!(rotation_on_a_running_server);

fn kid(jwt: &str) -> String {
    use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
    let header: Value = serde_json::from_slice(
        &URL_SAFE_NO_PAD
            .decode(jwt.split('.').next().unwrap())
            .unwrap(),
    )
    .unwrap();
    header["kid"].as_str().unwrap().to_string()
}

async fn rotation_on_a_running_server(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.add_user("ivy").await;
    let b = browser();
    let p = pkce();
    let code = code_for(&app, &b, "webapp", Some(&p), "ivy").await;
    let (_, before) = redeem(&app, &code, &p).await;
    let old_id_token = before["id_token"].as_str().unwrap().to_string();
    let old_kid = kid(&old_id_token);

    // The admin rotates from the CLI, as a separate process on the same database.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lanyard"))
        .args(["keys", "rotate"])
        .env("LANYARD_DATABASE__URL", app.db_url())
        .env("LANYARD_DATA_DIR", app.data_dir())
        .env_remove("LANYARD_CONFIG")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("new RS256 signing key"));

    // The running server picks it up within 10 s: new tokens carry the new kid.
    let start = Instant::now();
    let new_kid = loop {
        let (s, v, _) = token_request(
            &app,
            "service",
            Some(SECRET),
            &[("grant_type", "client_credentials")],
        )
        .await;
        assert_eq!(s, 200);
        let k = kid(v["access_token"].as_str().unwrap());
        if k != old_kid && !k.is_empty() {
            let (_, rsa, _) = token_request(
                &app,
                "webapp",
                Some(SECRET),
                &[
                    ("grant_type", "refresh_token"),
                    ("refresh_token", before["refresh_token"].as_str().unwrap()),
                ],
            )
            .await;
            break kid(rsa["id_token"].as_str().unwrap());
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "rotation not picked up within 10 s"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    };
    assert_ne!(new_kid, old_kid);

    // The JWKS has both; a relying party discovering now still verifies the old token.
    let jwks: Value = http()
        .get(app.url("/jwks"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let kids: Vec<&str> = jwks["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["kid"].as_str().unwrap())
        .collect();
    assert!(
        kids.contains(&old_kid.as_str()) && kids.contains(&new_kid.as_str()),
        "{kids:?}"
    );
    let meta =
        CoreProviderMetadata::discover_async(IssuerUrl::new(app.base.clone()).unwrap(), &http())
            .await
            .unwrap();
    let client = CoreClient::from_provider_metadata(
        meta,
        ClientId::new("webapp".into()),
        Some(ClientSecret::new(SECRET.into())),
    );
    let old: CoreIdToken = old_id_token.parse().unwrap();
    old.claims(&client.id_token_verifier(), &Nonce::new("n1".into()))
        .expect("a token signed before the rotation still verifies");
    // And the old access token still works at userinfo.
    let r = http()
        .get(app.url("/userinfo"))
        .bearer_auth(before["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);

    // `keys list` shows the old key as published, the new one as signing.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lanyard"))
        .args(["keys", "list"])
        .env("LANYARD_DATABASE__URL", app.db_url())
        .env("LANYARD_DATA_DIR", app.data_dir())
        .output()
        .unwrap();
    let listing = String::from_utf8_lossy(&out.stdout);
    assert!(
        listing
            .lines()
            .any(|l| l.contains(&old_kid) && l.contains("published until")),
        "{listing}"
    );
    assert!(
        listing
            .lines()
            .any(|l| l.contains(&new_kid) && l.contains("signing")),
        "{listing}"
    );
}
