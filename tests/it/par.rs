//! Pushed authorization requests (RFC 9126) over HTTP: push, sign in with only the
//! `request_uri` in the browser's address, redeem; then every refusal: a second
//! use, another client's `client_id`, an expired push, a bad request (answered as
//! JSON, never redirected), no client authentication, and a client that must push.

use crate::common::*;
use crate::errors::{Pkce, pkce, token_request};
use serde_json::Value;

crate::on_both_backends!(a_pushed_request_signs_in, pushed_requests_refused);

async fn start(backend: Backend) -> TestApp {
    TestApp::start_with(backend, |c| {
        let mut strict = client(
            "strict",
            Some(SECRET),
            &[lanyard::oidc::vocab::GrantType::AuthorizationCode],
            true,
        );
        strict.require_pushed_authorization_requests = true;
        c.clients.push(strict);
    })
    .await
}

fn request(client: &str, p: &Pkce) -> Vec<(&'static str, String)> {
    vec![
        ("response_type", "code".into()),
        ("client_id", client.into()),
        ("redirect_uri", REDIRECT.into()),
        ("scope", "openid profile".into()),
        ("state", "st-1".into()),
        ("nonce", "n-1".into()),
        ("code_challenge", p.challenge.clone()),
        ("code_challenge_method", "S256".into()),
    ]
}

/// POST /par with HTTP Basic: (status, JSON).
async fn push(app: &TestApp, client: &str, form: &[(&str, String)]) -> (u16, Value) {
    let r = http()
        .post(app.url("/par"))
        .basic_auth(client, Some(SECRET))
        .form(form)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap())
}

fn authorize_url(app: &TestApp, client: &str, request_uri: &str) -> String {
    app.url(&format!(
        "/authorize?client_id={client}&request_uri={}",
        crate::e2e::urlencode(request_uri)
    ))
}

async fn a_pushed_request_signs_in(backend: Backend) {
    let app = start(backend).await;
    app.add_user("pia").await;
    let disco: Value = http()
        .get(app.url("/.well-known/openid-configuration"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        disco["pushed_authorization_request_endpoint"],
        app.url("/par")
    );
    let p = pkce();
    let (s, pushed) = push(&app, "webapp", &request("webapp", &p)).await;
    assert_eq!(s, 201, "{pushed}");
    assert_eq!(pushed["expires_in"], 60);
    let uri = pushed["request_uri"].as_str().unwrap();
    assert!(
        uri.starts_with("urn:ietf:params:oauth:request_uri:"),
        "{uri}"
    );
    // The browser carries only the client and the request_uri.
    let back = authorize_with_login(
        &app,
        &browser(),
        &authorize_url(&app, "webapp", uri),
        "pia",
        PASSWORD,
        Consent::No,
    )
    .await;
    assert!(back.starts_with(REDIRECT), "{back}");
    assert_eq!(query_param(&back, "state").as_deref(), Some("st-1"));
    let code = query_param(&back, "code").unwrap();
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT),
        ("code_verifier", p.verifier.as_str()),
    ];
    let (s, tokens, _) = token_request(&app, "webapp", Some(SECRET), &form).await;
    assert_eq!(s, 200, "{tokens}");
    // The pushed nonce made it into the ID token.
    let id = tokens["id_token"].as_str().unwrap();
    use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
    let claims: Value = serde_json::from_slice(
        &URL_SAFE_NO_PAD
            .decode(id.split('.').nth(1).unwrap())
            .unwrap(),
    )
    .unwrap();
    assert_eq!(claims["nonce"], "n-1");
    // A client that must push gets through the same way.
    let (s, pushed) = push(&app, "strict", &request("strict", &p)).await;
    assert_eq!(s, 201, "{pushed}");
    let b = signed_in(&app, "pia").await;
    let r = b
        .get(authorize_url(
            &app,
            "strict",
            pushed["request_uri"].as_str().unwrap(),
        ))
        .send()
        .await
        .unwrap();
    assert!(
        query_param(&location(&r), "code").is_some(),
        "{}",
        location(&r)
    );
}

async fn pushed_requests_refused(backend: Backend) {
    let app = start(backend).await;
    app.add_user("pia").await;
    let b = signed_in(&app, "pia").await;
    let p = pkce();

    // Used once: the second use is an error page, not a redirect.
    let (_, pushed) = push(&app, "webapp", &request("webapp", &p)).await;
    let uri = pushed["request_uri"].as_str().unwrap().to_string();
    let r = b
        .get(authorize_url(&app, "webapp", &uri))
        .send()
        .await
        .unwrap();
    assert!(query_param(&location(&r), "code").is_some());
    let r = b
        .get(authorize_url(&app, "webapp", &uri))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("was used already"));

    // Another client's client_id in the query.
    let (_, pushed) = push(&app, "webapp", &request("webapp", &p)).await;
    let uri = pushed["request_uri"].as_str().unwrap();
    let r = b
        .get(authorize_url(&app, "thirdparty", uri))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("differs from the one of the pushed request")
    );

    // Expired.
    let (_, pushed) = push(&app, "webapp", &request("webapp", &p)).await;
    exec_sql(&app, "UPDATE pushed_requests SET expires_at = 1").await;
    let uri = pushed["request_uri"].as_str().unwrap();
    let r = b
        .get(authorize_url(&app, "webapp", uri))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);

    // Bad pushes: JSON errors, nothing stored.
    exec_sql(&app, "DELETE FROM pushed_requests").await;
    let with = |k: &'static str, v: &str| {
        let mut f = request("webapp", &p);
        f.retain(|(name, _)| *name != k);
        if !v.is_empty() {
            f.push((k, v.to_string()));
        }
        f
    };
    for (why, form, status, error) in [
        (
            "an unregistered redirect_uri",
            with("redirect_uri", "https://evil.example/cb"),
            400,
            "invalid_request",
        ),
        (
            "a scope the client lacks",
            with("scope", "openid admin"),
            400,
            "invalid_scope",
        ),
        (
            "a request_uri inside the push",
            with("request_uri", "urn:ietf:params:oauth:request_uri:x"),
            400,
            "invalid_request",
        ),
        (
            "another client_id",
            with("client_id", "thirdparty"),
            400,
            "invalid_request",
        ),
        (
            "no response_type",
            with("response_type", ""),
            400,
            "invalid_request",
        ),
    ] {
        let (s, v) = push(&app, "webapp", &form).await;
        assert_eq!(
            (s, v["error"].as_str()),
            (status, Some(error)),
            "{why}: {v}"
        );
    }
    let r = http()
        .post(app.url("/par"))
        .form(&request("webapp", &p))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401, "no client authentication");
    assert_eq!(count_rows(&app, "pushed_requests").await, 0);

    // A client that must push may not send its request in the query.
    let q = request("strict", &p)
        .iter()
        .map(|(k, v)| format!("{k}={}", crate::e2e::urlencode(v)))
        .collect::<Vec<_>>()
        .join("&");
    let r = b
        .get(app.url(&format!("/authorize?{q}")))
        .send()
        .await
        .unwrap();
    let loc = location(&r);
    assert!(loc.starts_with(REDIRECT), "{loc}");
    assert_eq!(
        query_param(&loc, "error").as_deref(),
        Some("invalid_request")
    );
    assert!(query_param(&loc, "code").is_none());
}
