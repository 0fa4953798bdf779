//! The device authorization grant (RFC 8628) as a TV or a command-line tool meets
//! it: the `openidconnect` crate asks for codes and polls; a person with two-step
//! verification signs in on another browser, types the code at `/device` and
//! answers. Then each of the device's answers: pending, slow_down, denied, expired,
//! a reused device code, and throttled guessing of user codes.

use crate::common::*;
use crate::security::post_code;
use lanyard::{config::ClientConfig, oidc::vocab::GrantType};
use openidconnect::{
    ClientId, DeviceAuthorizationUrl, IssuerUrl, OAuth2TokenResponse, Scope, TokenResponse,
    core::{CoreClient, CoreDeviceAuthorizationResponse, CoreProviderMetadata},
};
use serde_json::Value;

crate::on_both_backends!(
    a_tv_signs_in_with_the_device_flow,
    the_device_hears_every_answer,
    guessing_user_codes_is_throttled
);

fn tv_client() -> ClientConfig {
    let mut c = client(
        "tv",
        None,
        &[GrantType::DeviceCode, GrantType::RefreshToken],
        false,
    );
    c.redirect_uris = vec![];
    c.name = Some("Acme TV".into());
    c
}

async fn start(backend: Backend) -> TestApp {
    TestApp::start_with(backend, |c| c.clients.push(tv_client())).await
}

/// POST /device_authorization as the public client `tv`.
async fn device_authorization(app: &TestApp, scope: &str) -> (u16, Value) {
    let r = http()
        .post(app.url("/device_authorization"))
        .form(&[("client_id", "tv"), ("scope", scope)])
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap())
}

/// One poll of the token endpoint: (status, body).
async fn poll(app: &TestApp, device_code: &str) -> (u16, Value) {
    let r = http()
        .post(app.url("/token"))
        .form(&[
            ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
            ("device_code", device_code),
            ("client_id", "tv"),
        ])
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap())
}

/// Types `code` at /device in `b` and presses "Continue": (status, page).
async fn enter_code(app: &TestApp, b: &reqwest::Client, code: &str) -> (u16, String) {
    let (html, csrf) = form_page(b, &app.url("/device")).await;
    assert!(
        html.contains(">Code</label>") && html.contains(">Continue</button>"),
        "{html}"
    );
    let r = b
        .post(app.url("/device"))
        .form(&[("csrf", csrf.as_str()), ("user_code", code)])
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

/// Presses "Allow" or "Deny" on the confirmation page `html`: (status, page).
async fn answer(app: &TestApp, b: &reqwest::Client, html: &str, decision: &str) -> (u16, String) {
    let r = b
        .post(app.url("/device/decision"))
        .form(&[
            ("csrf", hidden(html, "csrf")),
            ("user_code", hidden(html, "user_code")),
            ("sid", hidden(html, "sid")),
            ("decision", decision.to_string()),
        ])
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

/// The claims of a JWT (read, not verified: the crate verified it already).
fn claims(jwt: &str) -> Value {
    use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
    let payload = jwt.split('.').nth(1).unwrap();
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap()
}

async fn a_tv_signs_in_with_the_device_flow(backend: Backend) {
    let app = start(backend).await;
    let tina = app.add_user("tina").await;
    // Tina has two-step verification.
    let setup = browser();
    assert_eq!(
        post_login(&app, &setup, "tina", PASSWORD).await.status(),
        303
    );
    let (_, recovery, _) = crate::security::enroll(&app, &setup).await;

    // The TV: discovery advertises the endpoint and the grant.
    let http = http();
    let meta =
        CoreProviderMetadata::discover_async(IssuerUrl::new(app.base.clone()).unwrap(), &http)
            .await
            .unwrap();
    let raw: Value = http
        .get(app.url("/.well-known/openid-configuration"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let endpoint = raw["device_authorization_endpoint"].as_str().unwrap();
    assert_eq!(endpoint, app.url("/device_authorization"));
    assert!(
        raw["grant_types_supported"]
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g == "urn:ietf:params:oauth:grant-type:device_code")
    );
    let tv = CoreClient::from_provider_metadata(meta, ClientId::new("tv".into()), None)
        .set_device_authorization_url(DeviceAuthorizationUrl::new(endpoint.into()).unwrap());
    let details: CoreDeviceAuthorizationResponse = tv
        .exchange_device_code()
        .add_scope(Scope::new("profile".into()))
        .add_scope(Scope::new("offline_access".into()))
        .request_async(&http)
        .await
        .expect("device authorization");
    let shown = details.user_code().secret().clone();
    // Grouped for reading aloud: four letters, a dash, four letters, no vowels.
    assert_eq!(shown.len(), 9, "{shown}");
    assert_eq!(&shown[4..5], "-");
    assert!(
        shown
            .chars()
            .filter(|c| *c != '-')
            .all(|c| "BCDFGHJKLMNPQRSTVWXZ".contains(c)),
        "{shown}"
    );
    assert_eq!(details.verification_uri().as_str(), app.url("/device"));
    assert_eq!(details.interval().as_secs(), 5);
    assert_eq!(details.expires_in().as_secs(), 600);

    // The person opens the link on a phone: sign in first (password, then the
    // two-step code), and come back to the code's confirmation.
    let phone = browser();
    let link = details
        .verification_uri_complete()
        .unwrap()
        .secret()
        .clone();
    let r = phone.get(&link).send().await.unwrap();
    let to_login = location(&r);
    assert!(
        to_login.starts_with("/login?next=%2Fdevice%3Fuser_code%3D"),
        "{to_login}"
    );
    let (html, csrf) = form_page(&phone, &app.url(&to_login)).await;
    let r = phone
        .post(app.url("/login"))
        .form(&[
            ("csrf", csrf),
            ("uid", hidden(&html, "uid")),
            ("next", hidden(&html, "next")),
            ("identifier", "tina".into()),
            ("password", PASSWORD.into()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(location(&r), "/login/code");
    let r = post_code(&app, &phone, &recovery[0]).await;
    assert_eq!(r.status(), 303);
    let back = location(&r);
    assert!(back.starts_with("/device?user_code="), "{back}");
    let html = phone
        .get(app.url(&back))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Allow Acme TV on your device?"), "{html}");
    assert!(html.contains("tina@example.com"), "{html}");
    assert!(html.contains("See your name, username and photo"), "{html}");
    assert!(html.contains(&shown), "the code to compare: {html}");
    assert!(html.contains(">Allow</button>") && html.contains(">Deny</button>"));

    // Before the answer the device hears "pending".
    let (s, v) = poll(&app, details.device_code().secret()).await;
    assert_eq!(
        (s, v["error"].as_str()),
        (400, Some("authorization_pending"))
    );
    let (s, page) = answer(&app, &phone, &html, "allow").await;
    assert_eq!(s, 200, "{page}");
    assert!(
        page.contains("Acme TV is signing in on your device"),
        "{page}"
    );

    // The TV polls and gets its tokens. (The interval since the poll above is
    // taken as passed, so that the crate's first poll is on time.)
    exec_sql(&app, "UPDATE device_codes SET last_polled_at = NULL").await;
    let tokens = tv
        .exchange_device_access_token(&details)
        .unwrap()
        .request_async(&http, tokio::time::sleep, None)
        .await
        .expect("the device's tokens");
    let id_token = tokens.id_token().expect("an ID token");
    let c = claims(&id_token.to_string());
    assert_eq!(c["sub"], tina.id.as_str());
    assert_eq!(c["aud"], "tv");
    let amr: Vec<String> = serde_json::from_value(c["amr"].clone()).unwrap();
    assert!(
        amr.len() >= 2 && amr.contains(&"pwd".into()),
        "two-step sign-in: {amr:?}"
    );
    assert!(tokens.refresh_token().is_some());
    let info: Value = http
        .get(app.url("/userinfo"))
        .bearer_auth(tokens.access_token().secret())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(info["preferred_username"], "tina");
    // The device code works once: a second redemption ends what it issued.
    let (s, v) = poll(&app, details.device_code().secret()).await;
    assert_eq!((s, v["error"].as_str()), (400, Some("invalid_grant")));
    let r = http
        .get(app.url("/userinfo"))
        .bearer_auth(tokens.access_token().secret())
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        401,
        "a reused device code left its tokens alive"
    );
    assert!(
        count_sql(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE event = 'device_allowed'"
        )
        .await
            == 1
    );
}

/// What the device hears for each state, and what a bad request gets.
async fn the_device_hears_every_answer(backend: Backend) {
    let app = start(backend).await;
    app.add_user("dan").await;
    let b = signed_in(&app, "dan").await;

    // Polling faster than the interval: slow_down, and the interval grows.
    let (s, d) = device_authorization(&app, "openid").await;
    assert_eq!(s, 200, "{d}");
    let code = d["device_code"].as_str().unwrap();
    assert_eq!(poll(&app, code).await.1["error"], "authorization_pending");
    assert_eq!(poll(&app, code).await.1["error"], "slow_down");
    assert_eq!(
        count_sql(&app, "SELECT MAX(poll_interval) FROM device_codes").await,
        10
    );

    // "Deny": access_denied, and the code cannot be answered again.
    let (s, html) = enter_code(&app, &b, d["user_code"].as_str().unwrap()).await;
    assert_eq!(s, 200, "{html}");
    let (s, page) = answer(&app, &b, &html, "deny").await;
    assert_eq!(s, 200);
    assert!(page.contains("Acme TV was not given access"), "{page}");
    exec_sql(&app, "UPDATE device_codes SET last_polled_at = NULL").await;
    let (s, v) = poll(&app, code).await;
    assert_eq!((s, v["error"].as_str()), (400, Some("access_denied")));
    let (s, page) = answer(&app, &b, &html, "allow").await;
    assert_eq!(s, 410, "an answered code answered again: {page}");

    // Expired: expired_token for the device, "not right or expired" for the person.
    let (_, d) = device_authorization(&app, "openid").await;
    exec_sql(&app, "UPDATE device_codes SET expires_at = 1").await;
    let (s, v) = poll(&app, d["device_code"].as_str().unwrap()).await;
    assert_eq!((s, v["error"].as_str()), (400, Some("expired_token")));
    let (s, html) = enter_code(&app, &b, d["user_code"].as_str().unwrap()).await;
    assert_eq!(s, 400);
    assert!(
        html.contains("That code is not right, or it has expired"),
        "{html}"
    );
    assert!(html.contains("aria-invalid=\"true\""), "{html}");

    // Typed loosely (lower case, spaces for the dash), a code is still found.
    let (_, d) = device_authorization(&app, "openid profile").await;
    let loose = d["user_code"]
        .as_str()
        .unwrap()
        .to_lowercase()
        .replace('-', " ");
    let (s, html) = enter_code(&app, &b, &loose).await;
    assert_eq!(s, 200, "{html}");
    assert!(html.contains("Allow Acme TV on your device?"), "{html}");

    // Bad requests: an unknown device code, another client's grant type, a scope
    // the client lacks, a confidential client's wrong secret.
    let (s, v) = poll(&app, "no-such-code").await;
    assert_eq!((s, v["error"].as_str()), (400, Some("invalid_grant")));
    let (s, v) = device_authorization(&app, "openid admin").await;
    assert_eq!((s, v["error"].as_str()), (400, Some("invalid_scope")));
    let r = http()
        .post(app.url("/device_authorization"))
        .form(&[("client_id", "spa")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["error"], "unauthorized_client");
    let r = http()
        .post(app.url("/device_authorization"))
        .basic_auth("webapp", Some("wrong"))
        .form(&[("scope", "openid")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    // Signed out, /device leads to the sign-in and back.
    let r = browser()
        .get(app.url("/device?user_code=BCDF-GHJK"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        location(&r),
        "/login?next=%2Fdevice%3Fuser_code%3DBCDF-GHJK"
    );
}

/// Wrong user codes are counted per account and per address; past the free
/// tries the page answers 429 without looking the code up (RFC 8628 §5.1).
async fn guessing_user_codes_is_throttled(backend: Backend) {
    let app = start(backend).await;
    app.add_user("gus").await;
    let b = signed_in(&app, "gus").await;
    app.stop_throttle_clock();
    let free = app.config.rate_limit.account_failures;
    let (_, d) = device_authorization(&app, "openid").await;
    let right = d["user_code"].as_str().unwrap();
    // A right code is not counted.
    let (s, _) = enter_code(&app, &b, right).await;
    assert_eq!(s, 200);
    let mut statuses = Vec::new();
    for _ in 0..free + 2 {
        statuses.push(enter_code(&app, &b, "BCDF-GHJK").await.0);
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == 400).count() as u32,
        free,
        "{statuses:?}"
    );
    assert_eq!(statuses.last(), Some(&429), "{statuses:?}");
    // Refused unchecked, even the right code, until the wait is over.
    assert_eq!(enter_code(&app, &b, right).await.0, 429);
    app.advance_throttle_clock(std::time::Duration::from_secs(600));
    assert_eq!(enter_code(&app, &b, right).await.0, 200);
}
