//! OIDC Back-Channel Logout 1.0 as an app meets it: a receiver on a real socket
//! that verifies each logout token against Lanyard's JWKS (with aws-lc-rs, not
//! Lanyard's own code), for every way a session ends: the app's own logout,
//! "Sign out of all accounts", ending a session in Settings, a password reset,
//! an admin's `lanyard user disable` and `delete` (from another process, sent by
//! the server), and a receiver that fails once (retried).

use crate::common::*;
use crate::errors::{Pkce, code_for, pkce, token_request};
use axum::{Router, extract::State, http::StatusCode, routing::post};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use lanyard::oidc::vocab::GrantType;
use serde_json::Value;
use std::{
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

crate::on_both_backends!(every_way_out_reaches_the_app);

const EVENT: &str = "http://schemas.openid.net/event/backchannel-logout";

/// What the app's back-channel endpoint received, and how many answers should fail.
#[derive(Default)]
struct Inbox {
    tokens: Vec<String>,
    fail_next: usize,
}

type Shared = Arc<Mutex<Inbox>>;

async fn receive(State(inbox): State<Shared>, body: String) -> StatusCode {
    let token = url::form_urlencoded::parse(body.as_bytes())
        .find(|(k, _)| k == "logout_token")
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default();
    let mut inbox = inbox.lock().unwrap();
    if inbox.fail_next > 0 {
        inbox.fail_next -= 1;
        return StatusCode::INTERNAL_SERVER_ERROR;
    }
    inbox.tokens.push(token);
    StatusCode::OK
}

/// The app's receiver on a port of its own: its URL and inbox.
async fn receiver() -> (String, Shared) {
    let inbox = Shared::default();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!(
        "http://{}/backchannel-logout",
        listener.local_addr().unwrap()
    );
    let app = Router::new()
        .route("/backchannel-logout", post(receive))
        .with_state(inbox.clone());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, inbox)
}

/// Waits (up to 15 s: other instances' tokens are picked up every 5 s) until the
/// inbox holds `n` tokens; returns them.
async fn wait_tokens(inbox: &Shared, n: usize) -> Vec<String> {
    let start = Instant::now();
    loop {
        let got = inbox.lock().unwrap().tokens.clone();
        if got.len() >= n {
            return got;
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "{} of {n} logout tokens arrived",
            got.len()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn part(jwt: &str, i: usize) -> Value {
    let raw = URL_SAFE_NO_PAD
        .decode(jwt.split('.').nth(i).unwrap())
        .unwrap();
    serde_json::from_slice(&raw).unwrap()
}

/// Verifies a logout token as an app would (§2.6): the RS256 signature against the
/// JWKS, the issuer, the audience, the event, `jti`, `iat`/`exp`, and no `nonce`.
/// Returns its claims.
async fn verified(app: &TestApp, jwt: &str) -> Value {
    let header = part(jwt, 0);
    assert_eq!(header["typ"], "logout+jwt", "{header}");
    assert_eq!(header["alg"], "RS256", "{header}");
    let jwks: Value = http()
        .get(app.url("/jwks"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let key = jwks["keys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kid"] == header["kid"])
        .expect("the token's key is published");
    let b64 = |v: &Value| URL_SAFE_NO_PAD.decode(v.as_str().unwrap()).unwrap();
    let public = aws_lc_rs::signature::RsaPublicKeyComponents {
        n: b64(&key["n"]),
        e: b64(&key["e"]),
    };
    let (signed, signature) = jwt.rsplit_once('.').unwrap();
    public
        .verify(
            &aws_lc_rs::signature::RSA_PKCS1_2048_8192_SHA256,
            signed.as_bytes(),
            &URL_SAFE_NO_PAD.decode(signature).unwrap(),
        )
        .expect("the logout token's signature verifies");
    let c = part(jwt, 1);
    assert_eq!(c["iss"], app.base.as_str());
    assert_eq!(c["aud"], "rp");
    assert!(c["events"][EVENT].is_object(), "{c}");
    assert!(c["jti"].as_str().is_some_and(|j| !j.is_empty()), "{c}");
    let (iat, exp) = (c["iat"].as_i64().unwrap(), c["exp"].as_i64().unwrap());
    let now = lanyard::oidc::now();
    assert!(iat <= now + 1 && exp > now && exp - iat <= 300, "{c}");
    assert!(
        c.get("nonce").is_none(),
        "§2.4: a logout token has no nonce"
    );
    c
}

/// A code flow of `rp` in `b` as `who`: the ID token's `sid`.
async fn rp_sign_in(app: &TestApp, b: &reqwest::Client, who: &str) -> (String, String) {
    let p: Pkce = pkce();
    let code = code_for(app, b, "rp", Some(&p), who).await;
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT),
        ("code_verifier", p.verifier.as_str()),
    ];
    let (s, tokens, _) = token_request(app, "rp", Some(SECRET), &form).await;
    assert_eq!(s, 200, "{tokens}");
    let id_token = tokens["id_token"].as_str().unwrap().to_string();
    let sid = part(&id_token, 1)["sid"].as_str().unwrap().to_string();
    (id_token, sid)
}

async fn every_way_out_reaches_the_app(backend: Backend) {
    let (uri, inbox) = receiver().await;
    let rp_uri = uri.clone();
    let app = TestApp::start_with(backend, move |c| {
        let mut rp = client(
            "rp",
            Some(SECRET),
            &[GrantType::AuthorizationCode, GrantType::RefreshToken],
            true,
        );
        rp.backchannel_logout_uri = Some(rp_uri);
        rp.backchannel_logout_session_required = true;
        c.clients.push(rp);
    })
    .await;
    let lou = app.add_user("lou").await;
    let disco: Value = http()
        .get(app.url("/.well-known/openid-configuration"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(disco["backchannel_logout_supported"], true);
    assert_eq!(disco["backchannel_logout_session_supported"], true);

    // 1. The app's own logout (RP-initiated, with its ID token as the hint). An app
    // without a backchannel_logout_uri (webapp) hears nothing.
    let b = browser();
    let (id_token, sid) = rp_sign_in(&app, &b, "lou").await;
    code_for(&app, &b, "webapp", Some(&pkce()), "lou").await;
    let r = b
        .get(app.url(&format!("/logout?id_token_hint={id_token}")))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success() || r.status().is_redirection());
    let got = wait_tokens(&inbox, 1).await;
    let c = verified(&app, &got[0]).await;
    assert_eq!(
        (c["sub"].as_str(), c["sid"].as_str()),
        (Some(lou.id.as_str()), Some(sid.as_str()))
    );

    // 2. "Sign out of all accounts".
    let (_, sid2) = rp_sign_in(&app, &b, "lou").await;
    let (_, csrf) = form_page(&b, &app.url("/")).await;
    let r = b
        .post(app.url("/signout"))
        .form(&[("csrf", csrf.as_str()), ("all", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let got = wait_tokens(&inbox, 2).await;
    assert_eq!(verified(&app, &got[1]).await["sid"], sid2.as_str());

    // 3. Ending another session in Settings: that session's token only.
    let (phone, laptop) = (browser(), browser());
    let (_, phone_sid) = rp_sign_in(&app, &phone, "lou").await;
    let (_, laptop_sid) = rp_sign_in(&app, &laptop, "lou").await;
    let (_, csrf) = form_page(&phone, &app.url("/settings")).await;
    let r = phone
        .post(app.url("/settings/sessions/end"))
        .form(&[("csrf", csrf.as_str()), ("sid", laptop_sid.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let got = wait_tokens(&inbox, 3).await;
    assert_eq!(verified(&app, &got[2]).await["sid"], laptop_sid.as_str());

    // 4. A receiver that fails: counted, retried, then delivered.
    inbox.lock().unwrap().fail_next = 1;
    let (_, csrf) = form_page(&phone, &app.url("/")).await;
    phone
        .post(app.url("/signout"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    let start = Instant::now();
    while count_sql(
        &app,
        "SELECT COUNT(*) FROM backchannel_outbox WHERE attempts > 0",
    )
    .await
        == 0
    {
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "the failure was not recorded"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(metric(&app, "lanyard_backchannel_logouts_total{result=\"failed\"}").await >= 1.0);
    // Its retry is due in 30 s; bring it forward.
    exec_sql(
        &app,
        "UPDATE backchannel_outbox SET next_attempt_at = 0 WHERE sent_at IS NULL",
    )
    .await;
    let got = wait_tokens(&inbox, 4).await;
    let mut jtis = std::collections::BTreeSet::new();
    for t in &got {
        jtis.insert(verified(&app, t).await["jti"].as_str().unwrap().to_string());
    }
    assert_eq!(jtis.len(), 4, "each logout has its own jti");

    // 5. A password reset ends every session: the app hears of each it has a
    // grant of (the four above, whose grants live on, and a new one).
    let (_, reset_sid) = rp_sign_in(&app, &browser(), "lou").await;
    let token = crate::account_links::reset_link(&app, &lou).await;
    let status = crate::account_links::use_reset(&app, &token, "a brand new passphrase").await;
    assert_eq!(status, 200);
    let got = wait_tokens(&inbox, 9).await;
    let mut sids = Vec::new();
    for t in &got[4..] {
        sids.push(verified(&app, t).await["sid"].as_str().unwrap().to_string());
    }
    sids.sort();
    let mut want = vec![
        sid.clone(),
        sid2.clone(),
        phone_sid.clone(),
        laptop_sid.clone(),
        reset_sid.clone(),
    ];
    want.sort();
    assert_eq!(sids, want);

    // 6. An admin disables the account from another process: the server sends a
    // token for every session the app still holds a grant of (the five above,
    // whose grants are revoked but not expired, and this one).
    let password = "a brand new passphrase";
    let (_, last_sid) = {
        let b = browser();
        assert_eq!(post_login(&app, &b, "lou", password).await.status(), 303);
        rp_sign_in(&app, &b, "lou").await
    };
    let conf = app.dir.path().join("cli.toml");
    std::fs::write(
        &conf,
        format!(
            "issuer = \"{}\"\n[[clients]]\nid = \"rp\"\nsecret = \"{SECRET}\"\nredirect_uris = [\"{REDIRECT}\"]\nbackchannel_logout_uri = \"{uri}\"\n",
            app.base
        ),
    )
    .unwrap();
    admin(&app, &conf, &["user", "disable", "lou"]);
    let got = wait_tokens(&inbox, 15).await;
    let mut sids = Vec::new();
    for t in &got[9..] {
        let c = verified(&app, t).await;
        assert_eq!(c["sub"], lou.id.as_str());
        sids.push(c["sid"].as_str().unwrap().to_string());
    }
    sids.sort();
    want.push(last_sid);
    want.sort();
    assert_eq!(sids, want);
    // 7. Deleted by an admin: told before the grants go with the account.
    admin(&app, &conf, &["user", "delete", "lou"]);
    let got = wait_tokens(&inbox, 21).await;
    for t in &got[15..] {
        assert_eq!(verified(&app, t).await["sub"], lou.id.as_str());
    }
    // Each token went once, though every instance could send it.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(inbox.lock().unwrap().tokens.len(), 21);
    assert_eq!(
        count_sql(
            &app,
            "SELECT COUNT(*) FROM backchannel_outbox WHERE sent_at IS NULL"
        )
        .await,
        0
    );
    assert!(
        metric(
            &app,
            "lanyard_backchannel_logouts_total{result=\"delivered\"}"
        )
        .await
            >= 21.0
    );
}

/// Runs the CLI against the test app's database with the config `conf`.
fn admin(app: &TestApp, conf: &std::path::Path, args: &[&str]) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lanyard"))
        .args(args)
        .env("LANYARD_CONFIG", conf)
        .env("LANYARD_DATA_DIR", app.data_dir())
        .env("LANYARD_DATABASE__URL", app.db_url())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "lanyard {args:?}: {err}");
}
