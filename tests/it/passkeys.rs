//! Passkeys over HTTP with a software authenticator (`webauthn-authenticator-rs`'s
//! `SoftPasskey`, user verification on), on both databases: adding one in Settings,
//! signing in with it (no name typed), using it as the second step, the last-way
//! refusal, a cloned authenticator, and every bad answer (issue 14): nothing signs
//! in, nothing is stored, never a 500. Chromium's virtual authenticator drives the
//! same pages in `browser.rs`.

use crate::{
    common::*,
    errors::{auth_url, pkce, redeem},
    federation::decode_claims,
    on_both_backends,
};
use serde_json::Value;
use webauthn_authenticator_rs::{WebauthnAuthenticator, prelude::Url, softpasskey::SoftPasskey};
use webauthn_rs_proto::{
    AllowCredentials, CreationChallengeResponse, PublicKeyCredential, RequestChallengeResponse,
};

on_both_backends!(
    a_passkey_is_added_and_signs_in_without_a_name,
    bad_passkey_answers_sign_in_nobody_and_store_nothing,
    a_passkey_answers_the_second_step,
    a_cloned_passkey_is_refused_and_audited,
    the_last_way_to_sign_in_cannot_be_removed,
);

/// Passkeys need a host name: the app's issuer is `http://localhost:PORT`.
pub async fn localhost_app(backend: Backend) -> TestApp {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    TestApp::start_bound(backend, listener, "localhost", |_| {}).await
}

fn origin(app: &TestApp) -> Url {
    Url::parse(&app.base).unwrap()
}

/// POSTs a form; (status, Location, body).
async fn post(b: &reqwest::Client, url: &str, form: &[(&str, &str)]) -> (u16, String, String) {
    let r = b.post(url).form(form).send().await.unwrap();
    let status = r.status().as_u16();
    let to = r
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string());
    (
        status,
        to.unwrap_or_default(),
        r.text().await.unwrap_or_default(),
    )
}

/// Asks a ceremony's options of `path` with the CSRF token of `page`: (ceremony, options).
async fn options(app: &TestApp, b: &reqwest::Client, page: &str, path: &str) -> (String, Value) {
    let (_, csrf) = form_page(b, &app.url(page)).await;
    let (status, _, body) = post(b, &app.url(path), &[("csrf", &csrf)]).await;
    assert_eq!(status, 200, "{path}: {body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    (
        v["ceremony"].as_str().unwrap().to_string(),
        v["options"].clone(),
    )
}

/// A registration answer of `key` for the options Settings gave (the software
/// authenticator keeps no discoverable credentials, so it is not asked for one).
fn register_answer(app: &TestApp, key: &mut SoftPasskey, options: Value) -> String {
    let mut ccr: CreationChallengeResponse = serde_json::from_value(options).unwrap();
    if let Some(sel) = ccr.public_key.authenticator_selection.as_mut() {
        sel.require_resident_key = false;
    }
    let reg = key.do_registration(origin(app), ccr).unwrap();
    serde_json::to_string(&reg).unwrap()
}

/// Adds a passkey to the account signed in in `b`; its credential id.
async fn add_passkey(
    app: &TestApp,
    b: &reqwest::Client,
    key: &mut SoftPasskey,
    name: &str,
) -> String {
    let (ceremony, opts) = options(app, b, "/settings", "/settings/passkeys/options").await;
    let answer = register_answer(app, key, opts);
    let (_, csrf) = form_page(b, &app.url("/settings")).await;
    let form = [
        ("csrf", csrf.as_str()),
        ("ceremony", &ceremony),
        ("credential", &answer),
        ("name", name),
    ];
    let (status, to, body) = post(b, &app.url("/settings/passkeys"), &form).await;
    assert_eq!(
        (status, to.as_str()),
        (303, "/settings?done=passkey_added#passkeys"),
        "{body}"
    );
    let v: Value = serde_json::from_str(&answer).unwrap();
    v["id"].as_str().unwrap().to_string()
}

/// A sign-in answer of `key` to `options`, naming `cred_id` (the software
/// authenticator needs it listed) and claiming the account `handle`.
fn sign_in_answer(
    app: &TestApp,
    key: &mut SoftPasskey,
    options: Value,
    cred_id: &str,
    handle: &str,
) -> String {
    let mut rcr: RequestChallengeResponse = serde_json::from_value(options).unwrap();
    rcr.mediation = None;
    use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
    rcr.public_key.allow_credentials = vec![AllowCredentials {
        type_: "public-key".into(),
        id: URL_SAFE_NO_PAD.decode(cred_id).unwrap(),
        transports: None,
    }];
    let mut cred: PublicKeyCredential = key.do_authentication(origin(app), rcr).unwrap();
    let uuid = uuid::Uuid::parse_str(handle).unwrap();
    cred.response.user_handle = Some(uuid.as_bytes().to_vec());
    serde_json::to_string(&cred).unwrap()
}

/// Posts a passkey sign-in answer from `b`'s login page; (status, Location, body).
async fn post_sign_in(
    app: &TestApp,
    b: &reqwest::Client,
    ceremony: &str,
    answer: &str,
) -> (u16, String, String) {
    let (_, csrf) = form_page(b, &app.url("/login")).await;
    let form = [
        ("csrf", csrf.as_str()),
        ("ceremony", ceremony),
        ("credential", answer),
    ];
    post(b, &app.url("/login/passkey"), &form).await
}

async fn signed_in_as(app: &TestApp, b: &reqwest::Client) -> Option<String> {
    let r = b.get(app.url("/settings")).send().await.unwrap();
    if r.status() != 200 {
        return None;
    }
    let html = r.text().await.unwrap();
    Some(
        html.split("<p class=\"muted\">")
            .nth(1)
            .unwrap_or_default()
            .to_string(),
    )
}

/// The `amr` of an ID token for `webapp` issued to the browser's account.
async fn amr(app: &TestApp, b: &reqwest::Client) -> Vec<String> {
    serde_json::from_value(id_claims(app, b).await["amr"].clone()).unwrap()
}

/// The claims of an ID token for `webapp` issued to the browser's account.
async fn id_claims(app: &TestApp, b: &reqwest::Client) -> Value {
    let p = pkce();
    let r = b
        .get(auth_url(app, "webapp", Some(&p), ""))
        .send()
        .await
        .unwrap();
    let back = location(&r);
    let code = query_param(&back, "code").unwrap_or_else(|| panic!("no code: {back}"));
    let (status, body) = redeem(app, &code, &p).await;
    assert_eq!(status, 200, "{body}");
    decode_claims(body["id_token"].as_str().unwrap())
}

async fn passkey_count(app: &TestApp) -> i64 {
    count_sql(app, "SELECT COUNT(*) FROM passkeys").await
}

async fn a_passkey_is_added_and_signs_in_without_a_name(backend: Backend) {
    let app = localhost_app(backend).await;
    let alice = app.add_user("alice").await;
    let b = signed_in(&app, "alice").await;
    let html = b
        .get(app.url("/settings"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("Add a passkey") && html.contains("Passkey name"),
        "{html}"
    );
    let mut key = SoftPasskey::new(true);
    let cred = add_passkey(&app, &b, &mut key, "  Test key ").await;
    let rows = app.state.store().user_passkeys(&alice.id).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0].name.as_str(), rows[0].cred_id.as_str()),
        ("Test key", cred.as_str())
    );
    let html = b
        .get(app.url("/settings"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("Passkey added.") || html.contains("Test key"),
        "{html}"
    );
    assert!(html.contains("<strong>Test key</strong>"), "{html}");

    // Another browser: "Sign in with a passkey", nothing typed.
    let other = browser();
    let login = other
        .get(app.url("/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(login.contains("Sign in with a passkey"), "{login}");
    assert!(
        login.contains("autocomplete=\"username webauthn\""),
        "{login}"
    );
    let (ceremony, opts) = options(&app, &other, "/login", "/login/passkey/options").await;
    assert!(
        opts["publicKey"]["allowCredentials"]
            .as_array()
            .is_none_or(|a| a.is_empty()),
        "usernameless: {opts}"
    );
    let answer = sign_in_answer(&app, &mut key, opts, &cred, &alice.id);
    let (status, to, body) = post_sign_in(&app, &other, &ceremony, &answer).await;
    assert_eq!((status, to.as_str()), (303, "/"), "{body}");
    assert!(signed_in_as(&app, &other).await.is_some(), "signed in");
    // RFC 8176: a device-bound key (the software one is not backup eligible), user
    // verification, and two factors.
    assert_eq!(amr(&app, &other).await, ["hwk", "user", "mfa"]);
    // Phishing-resistant and bound to its device (OpenID EAP ACR Values).
    assert_eq!(id_claims(&app, &other).await["acr"], "phrh");
    let row = &app.state.store().user_passkeys(&alice.id).await.unwrap()[0];
    assert!(row.last_used_at.is_some(), "last used is noted");
    // "Download my data" lists it (its public parts).
    let (_, csrf) = form_page(&b, &app.url("/settings")).await;
    let r = b
        .post(app.url("/settings/data"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    let data: Value = r.json().await.unwrap();
    assert_eq!(data["passkeys"][0]["name"], "Test key", "{data}");
    assert_eq!(data["passkeys"][0]["credential_id"], cred.as_str());
    let audit = count_sql(
        &app,
        "SELECT COUNT(*) FROM audit_log WHERE event = 'passkey_added'",
    )
    .await;
    assert_eq!(audit, 1);

    // Rename, then remove (alice has a password, so it is not her last way in).
    let (_, csrf) = form_page(&b, &app.url("/settings")).await;
    let form = [
        ("csrf", csrf.as_str()),
        ("id", cred.as_str()),
        ("name", "Laptop"),
    ];
    let (status, to, _) = post(&b, &app.url("/settings/passkeys/rename"), &form).await;
    assert_eq!(
        (status, to.as_str()),
        (303, "/settings?done=passkey_renamed#passkeys")
    );
    assert_eq!(
        app.state
            .store()
            .passkey(&cred)
            .await
            .unwrap()
            .unwrap()
            .name,
        "Laptop"
    );
    let form = [("csrf", csrf.as_str()), ("id", cred.as_str())];
    let (status, to, _) = post(&b, &app.url("/settings/passkeys/remove"), &form).await;
    assert_eq!(
        (status, to.as_str()),
        (303, "/settings?done=passkey_removed#passkeys")
    );
    assert_eq!(passkey_count(&app).await, 0);
    // A removed passkey signs in nobody.
    let third = browser();
    let (ceremony, opts) = options(&app, &third, "/login", "/login/passkey/options").await;
    let answer = sign_in_answer(&app, &mut key, opts, &cred, &alice.id);
    let (status, _, body) = post_sign_in(&app, &third, &ceremony, &answer).await;
    assert_eq!(status, 401, "{body}");
    assert!(body.contains("not one of this account"), "{body}");
    assert!(signed_in_as(&app, &third).await.is_none());
}

async fn bad_passkey_answers_sign_in_nobody_and_store_nothing(backend: Backend) {
    let app = localhost_app(backend).await;
    let alice = app.add_user("alice").await;
    let bob = app.add_user("bob").await;
    let a = signed_in(&app, "alice").await;
    let mut alice_key = SoftPasskey::new(true);
    let alice_cred = add_passkey(&app, &a, &mut alice_key, "Alice's").await;
    let b = signed_in(&app, "bob").await;
    let mut bob_key = SoftPasskey::new(true);
    let bob_cred = add_passkey(&app, &b, &mut bob_key, "Bob's").await;
    assert_eq!(passkey_count(&app).await, 2);

    // Registration: malformed answers and ceremonies store nothing.
    for answer in [
        "",
        "not json",
        "{}",
        r#"{"id":"x","rawId":"eA","type":"public-key","response":{"attestationObject":"AAAA","clientDataJSON":"AAAA"}}"#,
    ] {
        let (ceremony, _) = options(&app, &a, "/settings", "/settings/passkeys/options").await;
        let (_, csrf) = form_page(&a, &app.url("/settings")).await;
        let form = [
            ("csrf", csrf.as_str()),
            ("ceremony", &ceremony),
            ("credential", answer),
            ("name", "x"),
        ];
        let (status, to, body) = post(&a, &app.url("/settings/passkeys"), &form).await;
        assert_eq!(
            (status, to.as_str()),
            (303, "/settings?error=passkey_not_added#passkeys"),
            "{answer}: {body}"
        );
    }
    // An answer from another origin.
    let (ceremony, opts) = options(&app, &a, "/settings", "/settings/passkeys/options").await;
    let mut ccr: CreationChallengeResponse = serde_json::from_value(opts).unwrap();
    ccr.public_key
        .authenticator_selection
        .as_mut()
        .unwrap()
        .require_resident_key = false;
    ccr.public_key.rp.id = "evil.example".into();
    let evil = Url::parse("https://evil.example/").unwrap();
    let reg = SoftPasskey::new(true).do_registration(evil, ccr).unwrap();
    let (_, csrf) = form_page(&a, &app.url("/settings")).await;
    let answer = serde_json::to_string(&reg).unwrap();
    let form = [
        ("csrf", csrf.as_str()),
        ("ceremony", &ceremony),
        ("credential", &answer),
        ("name", "x"),
    ];
    let (_, to, _) = post(&a, &app.url("/settings/passkeys"), &form).await;
    assert_eq!(
        to, "/settings?error=passkey_not_added#passkeys",
        "wrong origin and RP id"
    );
    // A ceremony of another account (bob's options, alice's session).
    let (bob_ceremony, opts) = options(&app, &b, "/settings", "/settings/passkeys/options").await;
    let answer = register_answer(&app, &mut SoftPasskey::new(true), opts);
    let (_, csrf) = form_page(&a, &app.url("/settings")).await;
    let form = [
        ("csrf", csrf.as_str()),
        ("ceremony", &bob_ceremony),
        ("credential", &answer),
        ("name", "x"),
    ];
    let (_, to, _) = post(&a, &app.url("/settings/passkeys"), &form).await;
    assert_eq!(
        to, "/settings?error=passkey_not_added#passkeys",
        "another account's ceremony"
    );
    // The same credential twice: refused the second time.
    let (ceremony, opts) = options(&app, &a, "/settings", "/settings/passkeys/options").await;
    let mut again = SoftPasskey::new(true);
    let answer = register_answer(&app, &mut again, opts);
    let (_, csrf) = form_page(&a, &app.url("/settings")).await;
    let form = [
        ("csrf", csrf.as_str()),
        ("ceremony", &ceremony),
        ("credential", &answer),
        ("name", "x"),
    ];
    let (_, to, _) = post(&a, &app.url("/settings/passkeys"), &form).await;
    assert_eq!(to, "/settings?done=passkey_added#passkeys");
    let (_, to, _) = post(&a, &app.url("/settings/passkeys"), &form).await;
    assert_eq!(
        to, "/settings?error=passkey_not_added#passkeys",
        "a replayed registration"
    );
    assert_eq!(passkey_count(&app).await, 3);
    let added = count_sql(
        &app,
        "SELECT COUNT(*) FROM audit_log WHERE event = 'passkey_added'",
    )
    .await;
    assert_eq!(added, 3);

    // Sign-in: each bad answer gets a 4xx and no session.
    let x = browser();
    let refuse = async |ceremony: &str, answer: &str, status: u16, why: &str| {
        let (got, _, body) = post_sign_in(&app, &x, ceremony, answer).await;
        assert_eq!(got, status, "{why}: {body}");
        assert!(signed_in_as(&app, &x).await.is_none(), "{why}: signed in");
    };
    for garbage in [
        "",
        "not json",
        "{}",
        r#"{"id":"AA","rawId":"AA","type":"public-key","response":{"authenticatorData":"AAAA","clientDataJSON":"AAAA","signature":"AAAA","userHandle":null}}"#,
    ] {
        let (ceremony, _) = options(&app, &x, "/login", "/login/passkey/options").await;
        refuse(&ceremony, garbage, 401, garbage).await;
    }
    // Another origin (a subdomain the relying party does not allow).
    let (ceremony, opts) = options(&app, &x, "/login", "/login/passkey/options").await;
    let mut rcr: RequestChallengeResponse = serde_json::from_value(opts).unwrap();
    rcr.mediation = None;
    use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
    rcr.public_key.allow_credentials = vec![AllowCredentials {
        type_: "public-key".into(),
        id: URL_SAFE_NO_PAD.decode(&alice_cred).unwrap(),
        transports: None,
    }];
    let handle = uuid::Uuid::parse_str(&alice.id)
        .unwrap()
        .as_bytes()
        .to_vec();
    let other_port = Url::parse("http://localhost:1/").unwrap();
    let mut cred = alice_key
        .do_authentication(other_port, rcr.clone())
        .unwrap();
    cred.response.user_handle = Some(handle.clone());
    refuse(
        &ceremony,
        &serde_json::to_string(&cred).unwrap(),
        401,
        "another origin",
    )
    .await;
    // Another relying party (so another RP id hash) and origin.
    let (ceremony, opts) = options(&app, &x, "/login", "/login/passkey/options").await;
    let mut other: RequestChallengeResponse = serde_json::from_value(opts).unwrap();
    other.mediation = None;
    other.public_key.rp_id = "evil.example".into();
    other.public_key.allow_credentials = rcr.public_key.allow_credentials.clone();
    let evil = Url::parse("https://evil.example/").unwrap();
    let mut cred = alice_key.do_authentication(evil, other).unwrap();
    cred.response.user_handle = Some(handle);
    refuse(
        &ceremony,
        &serde_json::to_string(&cred).unwrap(),
        401,
        "another RP id",
    )
    .await;
    // A credential of another account claimed for alice (bob's key, alice's handle).
    let (ceremony, opts) = options(&app, &x, "/login", "/login/passkey/options").await;
    let answer = sign_in_answer(&app, &mut bob_key, opts, &bob_cred, &alice.id);
    refuse(&ceremony, &answer, 401, "bob's credential as alice").await;
    // A credential nobody added.
    let mut stranger = SoftPasskey::new(true);
    let (_, opts) = options(&app, &a, "/settings", "/settings/passkeys/options").await;
    let stray: Value = serde_json::from_str(&register_answer(&app, &mut stranger, opts)).unwrap();
    let stray_id = stray["id"].as_str().unwrap();
    let (ceremony, opts) = options(&app, &x, "/login", "/login/passkey/options").await;
    let answer = sign_in_answer(&app, &mut stranger, opts, stray_id, &alice.id);
    refuse(&ceremony, &answer, 401, "an unknown credential").await;
    // A ceremony that expired.
    let (ceremony, opts) = options(&app, &x, "/login", "/login/passkey/options").await;
    let answer = sign_in_answer(&app, &mut alice_key, opts, &alice_cred, &alice.id);
    exec_sql(&app, "UPDATE passkey_ceremonies SET expires_at = 0").await;
    refuse(&ceremony, &answer, 400, "an expired ceremony").await;
    // A replayed answer: it signs in once.
    let (ceremony, opts) = options(&app, &x, "/login", "/login/passkey/options").await;
    let answer = sign_in_answer(&app, &mut alice_key, opts, &alice_cred, &alice.id);
    let replay = browser();
    let (status, _, body) = post_sign_in(&app, &x, &ceremony, &answer).await;
    assert_eq!(status, 303, "{body}");
    let (status, _, _) = post_sign_in(&app, &replay, &ceremony, &answer).await;
    assert_eq!(status, 400, "a replayed answer");
    assert!(signed_in_as(&app, &replay).await.is_none());
    let _ = bob;
    assert_eq!(
        passkey_count(&app).await,
        3,
        "nothing stored by the failures"
    );
    let failed = count_sql(
        &app,
        "SELECT COUNT(*) FROM audit_log WHERE event = 'sign_in_failed' AND detail = 'passkey'",
    )
    .await;
    assert!(failed >= 7, "{failed} failures audited");
}

async fn a_passkey_answers_the_second_step(backend: Backend) {
    let app = localhost_app(backend).await;
    let tess = app.add_user("tess").await;
    let b = signed_in(&app, "tess").await;
    crate::security::enroll(&app, &b).await;
    // Two-step is on; the passkey needs a recent sign-in, which the enrollment
    // was (a password sign-in a moment ago).
    let mut key = SoftPasskey::new(true);
    let cred = add_passkey(&app, &b, &mut key, "Phone").await;

    // A password sign-in stops at the code page, which offers "Use a passkey".
    let c = browser();
    let r = post_login(&app, &c, "tess", PASSWORD).await;
    assert_eq!(location(&r), "/login/code");
    let html = c
        .get(app.url("/login/code"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Use a passkey"), "{html}");
    let (ceremony, opts) = options(&app, &c, "/login/code", "/login/code/passkey").await;
    let allowed = opts["publicKey"]["allowCredentials"].as_array().unwrap();
    assert_eq!(allowed.len(), 1, "tess's passkey only");
    let rcr: RequestChallengeResponse = serde_json::from_value(opts).unwrap();
    let answer = serde_json::to_string(&key.do_authentication(origin(&app), rcr).unwrap()).unwrap();
    let (_, csrf) = form_page(&c, &app.url("/login/code")).await;
    let form = [
        ("csrf", csrf.as_str()),
        ("ceremony", &ceremony),
        ("credential", &answer),
    ];
    let (status, to, body) = post(&c, &app.url("/login/code"), &form).await;
    assert_eq!((status, to.as_str()), (303, "/"), "{body}");
    assert_eq!(amr(&app, &c).await, ["pwd", "hwk", "user", "mfa"]);

    // Another account's passkey does not answer tess's second step.
    app.add_user("uma").await;
    let u = signed_in(&app, "uma").await;
    let mut uma_key = SoftPasskey::new(true);
    let uma_cred = add_passkey(&app, &u, &mut uma_key, "Uma's").await;
    let d = browser();
    post_login(&app, &d, "tess", PASSWORD).await;
    let (ceremony, opts) = options(&app, &d, "/login/code", "/login/code/passkey").await;
    let mut rcr: RequestChallengeResponse = serde_json::from_value(opts).unwrap();
    use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
    rcr.public_key.allow_credentials[0].id = URL_SAFE_NO_PAD.decode(&uma_cred).unwrap();
    let answer =
        serde_json::to_string(&uma_key.do_authentication(origin(&app), rcr).unwrap()).unwrap();
    let (_, csrf) = form_page(&d, &app.url("/login/code")).await;
    let form = [
        ("csrf", csrf.as_str()),
        ("ceremony", &ceremony),
        ("credential", &answer),
    ];
    let (status, _, body) = post(&d, &app.url("/login/code"), &form).await;
    assert_eq!(status, 401, "{body}");
    assert!(signed_in_as(&app, &d).await.is_none());

    // Signing in with the passkey alone: two factors, so no code is asked.
    let e = browser();
    let (ceremony, opts) = options(&app, &e, "/login", "/login/passkey/options").await;
    let answer = sign_in_answer(&app, &mut key, opts, &cred, &tess.id);
    let (status, to, body) = post_sign_in(&app, &e, &ceremony, &answer).await;
    assert_eq!((status, to.as_str()), (303, "/"), "{body}");
    assert_eq!(amr(&app, &e).await, ["hwk", "user", "mfa"]);
}

async fn a_cloned_passkey_is_refused_and_audited(backend: Backend) {
    let app = localhost_app(backend).await;
    let vic = app.add_user("vic").await;
    let b = signed_in(&app, "vic").await;
    let mut key = SoftPasskey::new(true);
    let cred = add_passkey(&app, &b, &mut key, "Key").await;
    // Two answers signed in order (counters 1 and 2); the later one is used first,
    // so the earlier one arrives with a counter that went backwards: a clone.
    let x = browser();
    let (c1, o1) = options(&app, &x, "/login", "/login/passkey/options").await;
    let (c2, o2) = options(&app, &x, "/login", "/login/passkey/options").await;
    let first = sign_in_answer(&app, &mut key, o1, &cred, &vic.id);
    let second = sign_in_answer(&app, &mut key, o2, &cred, &vic.id);
    let (status, _, body) = post_sign_in(&app, &x, &c2, &second).await;
    assert_eq!(status, 303, "{body}");
    let y = browser();
    let (status, _, body) = post_sign_in(&app, &y, &c1, &first).await;
    assert_eq!(status, 401, "{body}");
    assert!(body.contains("may have been copied"), "{body}");
    assert!(signed_in_as(&app, &y).await.is_none());
    let audited = count_sql(
        &app,
        "SELECT COUNT(*) FROM audit_log WHERE event = 'passkey_clone_suspected'",
    )
    .await;
    assert_eq!(audited, 1);
}

async fn the_last_way_to_sign_in_cannot_be_removed(backend: Backend) {
    let app = localhost_app(backend).await;
    let wes = app.add_user("wes").await;
    let b = signed_in(&app, "wes").await;
    let mut key = SoftPasskey::new(true);
    let cred = add_passkey(&app, &b, &mut key, "Only").await;
    // No password any more: the passkey is the only way in.
    exec_sql(
        &app,
        "UPDATE users SET password_hash = NULL WHERE username = 'wes'",
    )
    .await;
    let (_, csrf) = form_page(&b, &app.url("/settings")).await;
    let form = [("csrf", csrf.as_str()), ("id", cred.as_str())];
    let (status, to, _) = post(&b, &app.url("/settings/passkeys/remove"), &form).await;
    assert_eq!(
        (status, to.as_str()),
        (303, "/settings?error=passkey_last#passkeys")
    );
    let html = b
        .get(app.url(&to))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("only way to sign in"), "{html}");
    assert_eq!(
        app.state
            .store()
            .user_passkeys(&wes.id)
            .await
            .unwrap()
            .len(),
        1
    );
    // A second passkey: now the first may go.
    let mut spare = SoftPasskey::new(true);
    add_passkey(&app, &b, &mut spare, "Spare").await;
    let (status, to, _) = post(&b, &app.url("/settings/passkeys/remove"), &form).await;
    assert_eq!(
        (status, to.as_str()),
        (303, "/settings?done=passkey_removed#passkeys")
    );
    assert_eq!(
        app.state
            .store()
            .user_passkeys(&wes.id)
            .await
            .unwrap()
            .len(),
        1
    );
}
