//! Sign in through an upstream OpenID Provider: a second Lanyard plays "Google"
//! (on `localhost`, so its cookies stay apart from the first one's on 127.0.0.1).

use crate::common::*;
use crate::errors::{Pkce, auth_url, pkce, redeem};
use lanyard::{
    config::{ClientConfig, UpstreamConfig},
    oidc::vocab::GrantType,
};
use serde_json::Value;
use std::time::Duration;
use tokio::net::TcpListener;

crate::on_both_backends!(federated_sign_in, federation_failures_create_nothing);

pub const UPSTREAM_SECRET: &str = "upstream-client-secret-123";

fn upstream_client(id: &str, lanyard_base: &str, first_party: bool) -> ClientConfig {
    ClientConfig {
        id: id.into(),
        secret: Some(UPSTREAM_SECRET.into()),
        redirect_uris: ["google", "partner", "broken"]
            .iter()
            .map(|u| format!("{lanyard_base}/federate/{u}/callback"))
            .collect(),
        post_logout_redirect_uris: vec![],
        grant_types: vec![GrantType::AuthorizationCode],
        scopes: ["openid", "profile", "email"].map(String::from).to_vec(),
        first_party,
        token_endpoint_auth_method: None,
        id_token_signed_response_alg: None,
        introspection: None,
        name: None,
        logo_uri: None,
        client_uri: None,
        policy_uri: None,
        tos_uri: None,
        backchannel_logout_uri: None,
        backchannel_logout_session_required: false,
        require_pushed_authorization_requests: false,
        // Lanyard's default: the upstream's ID tokens carry no email or profile, so
        // the downstream Lanyard asks the upstream's userinfo (holes.rs has an
        // upstream that puts them in the ID token, as Google does).
        id_token_claims: false,
        jwks: None,
        jwks_uri: None,
    }
}

pub fn upstream(id: &str, client_id: &str, issuer: &str, timeout: Duration) -> UpstreamConfig {
    UpstreamConfig {
        id: id.into(),
        name: None,
        client_id: client_id.into(),
        client_secret: UPSTREAM_SECRET.into(),
        issuer: Some(issuer.into()),
        scopes: None,
        timeout,
    }
}

/// Lanyard A (the one under test) and Lanyard B, A's "google" upstream. `extra`
/// adds upstreams to A (given A's and B's base URLs).
pub async fn pair(
    backend: Backend,
    extra: impl FnOnce(&str, &str) -> Vec<UpstreamConfig>,
) -> (TestApp, TestApp) {
    let a_listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let a_base = format!(
        "http://127.0.0.1:{}",
        a_listener.local_addr().unwrap().port()
    );
    let b_listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base_for_b = a_base.clone();
    let b = TestApp::start_bound(Backend::Sqlite, b_listener, "localhost", |c| {
        c.clients = vec![
            upstream_client("lanyard-a", &base_for_b, true),
            upstream_client("lanyard-a-3p", &base_for_b, false),
        ];
    })
    .await;
    let gus = b.add_user("gus").await;
    // The upstream has a photo for gus, which A copies at the first sign-in.
    let png = {
        let img = image::RgbImage::from_pixel(64, 64, image::Rgb([200, 30, 30]));
        let mut out = Vec::new();
        img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
            .unwrap();
        out
    };
    b.state
        .store()
        .set_avatar(&gus.id, &png, lanyard::oidc::now())
        .await
        .unwrap();
    let mut ups = vec![upstream(
        "google",
        "lanyard-a",
        &b.base,
        Duration::from_secs(5),
    )];
    ups.extend(extra(&a_base, &b.base));
    let a = TestApp::start_bound(backend, a_listener, "127.0.0.1", |c| {
        c.upstream = ups;
    })
    .await;
    (a, b)
}

/// From A's login page through the upstream's login form; returns A's callback URL.
pub async fn via_upstream(a: &TestApp, b: &TestApp, br: &reqwest::Client, start: &str) -> String {
    let r = br.get(a.url(start)).send().await.unwrap();
    assert_eq!(r.status(), 303, "{start}: {}", r.text().await.unwrap());
    let to_b = location(&r);
    assert!(to_b.starts_with(&b.base), "{to_b}");
    let back = authorize_with_login(b, br, &to_b, "gus", PASSWORD, Consent::No).await;
    assert!(back.starts_with(&a.base), "{back}");
    back
}

/// Follows redirects within A, finishing onboarding with "Maybe Later" if asked;
/// returns the first URL outside A.
async fn follow_in_a(a: &TestApp, br: &reqwest::Client, mut url: String) -> String {
    for _ in 0..10 {
        if !url.starts_with(&a.base) {
            return url;
        }
        let r = br.get(&url).send().await.unwrap();
        if r.status().is_redirection() {
            url = absolute(&a.base, &location(&r));
            continue;
        }
        let status = r.status();
        let html = r.text().await.unwrap();
        assert!(url.contains("/onboarding/"), "{status} at {url}:\n{html}");
        let csrf = hidden(&html, "csrf");
        let r = if url.contains("/onboarding/profile") {
            let form = reqwest::multipart::Form::new()
                .text("csrf", csrf)
                .text("uid", hidden(&html, "uid"))
                .text("next", hidden(&html, "next"))
                .text("name", "Gus From Upstream");
            br.post(a.url("/onboarding/profile"))
                .multipart(form)
                .send()
                .await
                .unwrap()
        } else {
            let form = [
                ("csrf", csrf),
                ("uid", hidden(&html, "uid")),
                ("next", hidden(&html, "next")),
                ("action", "skip".into()),
            ];
            br.post(a.url("/onboarding/team"))
                .form(&form)
                .send()
                .await
                .unwrap()
        };
        assert_eq!(r.status(), 303);
        url = absolute(&a.base, &location(&r));
    }
    panic!("too many hops");
}

/// Redeems the code in `back`: the account's `sub`, and its claims (the ID
/// token's, with userinfo's added: the scopes' claims come from userinfo).
async fn sub_of(a: &TestApp, back: &str, p: &Pkce) -> (String, Value) {
    let code = query_param(back, "code").unwrap_or_else(|| panic!("no code in {back}"));
    let (s, tokens) = redeem(a, &code, p).await;
    assert_eq!(s, 200, "{tokens}");
    let mut claims = decode_claims(tokens["id_token"].as_str().unwrap());
    let info: Value = http()
        .get(a.url("/userinfo"))
        .bearer_auth(tokens["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(info["sub"], claims["sub"]);
    for (k, v) in info.as_object().unwrap() {
        claims
            .as_object_mut()
            .unwrap()
            .entry(k.clone())
            .or_insert(v.clone());
    }
    (claims["sub"].as_str().unwrap().to_string(), claims)
}

pub fn decode_claims(jwt: &str) -> Value {
    use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
    serde_json::from_slice(
        &URL_SAFE_NO_PAD
            .decode(jwt.split('.').nth(1).unwrap())
            .unwrap(),
    )
    .unwrap()
}

async fn federated_sign_in(backend: Backend) {
    let (a, b) = pair(backend, |_, _| vec![]).await;
    let p = pkce();
    let login_page = a.url("/login");
    let html = browser()
        .get(&login_page)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Sign in with Google"));

    // First sign-in: A's relying app → A → "Google" (B) → A creates the account.
    let br = browser();
    let r = br
        .get(auth_url(&a, "webapp", Some(&p), ""))
        .send()
        .await
        .unwrap();
    let uid = query_param(&absolute(&a.base, &location(&r)), "uid").unwrap();
    let back = via_upstream(&a, &b, &br, &format!("/federate/google?uid={uid}")).await;
    let out = follow_in_a(&a, &br, back).await;
    let (sub, claims) = sub_of(&a, &out, &p).await;
    assert_eq!(claims["amr"], serde_json::json!(["fed"]));
    let user = a.state.store().user_by_id(&sub).await.unwrap().unwrap();
    assert_eq!(
        (
            user.username.as_str(),
            user.email.as_str(),
            user.email_verified
        ),
        ("gus", "gus@example.com", true)
    );
    assert!(user.password_hash.is_none());
    assert!(
        user.picture_version.is_some(),
        "the upstream's photo was copied"
    );
    assert!(claims["picture"].as_str().unwrap().starts_with(&a.base));

    // Second sign-in, another browser: the same account, found by (issuer, sub).
    let br2 = browser();
    let r = br2
        .get(auth_url(&a, "webapp", Some(&p), ""))
        .send()
        .await
        .unwrap();
    let uid = query_param(&absolute(&a.base, &location(&r)), "uid").unwrap();
    let back = via_upstream(&a, &b, &br2, &format!("/federate/google?uid={uid}")).await;
    let out = follow_in_a(&a, &br2, back).await;
    let (sub2, _) = sub_of(&a, &out, &p).await;
    assert_eq!(sub2, sub);
    assert_eq!(a.state.store().list_users().await.unwrap().len(), 1);

    // Settings lists the method; it cannot be unlinked while it is the only way in.
    let html = br2
        .get(a.url("/settings"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Sign-in methods") && html.contains("Google"));
    let r = br2
        .post(a.url("/settings/unlink"))
        .form(&[
            ("csrf", hidden(&html, "csrf")),
            ("issuer", b.base.clone()),
            ("subject", "x".into()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("only way to sign in"));

    // With two-step verification on, the upstream sign-in is only the first step.
    let secret = lanyard::auth::totp::new_secret();
    let sealed = a
        .state
        .provider
        .master
        .seal(&format!("totp:{sub}"), &secret);
    let store = a.state.store();
    store.set_pending_totp(&sub, &sealed).await.unwrap();
    assert!(
        store
            .enable_totp(&sub, 0, &[], lanyard::oidc::now())
            .await
            .unwrap()
    );
    let br3 = browser();
    let r = br3
        .get(auth_url(&a, "webapp", Some(&p), ""))
        .send()
        .await
        .unwrap();
    let uid = query_param(&absolute(&a.base, &location(&r)), "uid").unwrap();
    let back = via_upstream(&a, &b, &br3, &format!("/federate/google?uid={uid}")).await;
    let r = br3.get(&back).send().await.unwrap();
    assert_eq!(location(&r), "/login/code", "no session before the code");
    let code = lanyard::auth::totp::code_at(&secret, lanyard::oidc::now());
    let r = crate::security::post_code(&a, &br3, &code).await;
    assert_eq!(r.status(), 303);
    let out = follow_in_a(&a, &br3, absolute(&a.base, &location(&r))).await;
    let (sub3, claims) = sub_of(&a, &out, &p).await;
    assert_eq!(sub3, sub);
    assert_eq!(claims["amr"], serde_json::json!(["fed", "otp", "mfa"]));
}

/// An existing local account with the upstream's (verified) email is linked only
/// after its owner signs in with the password.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn linking_needs_the_password() {
    let (a, b) = pair(Backend::Sqlite, |_, _| vec![]).await;
    let local = a.add_user("gus").await; // gus@example.com, the upstream's address too
    let br = browser();
    let back = via_upstream(&a, &b, &br, "/federate/google").await;
    let r = br.get(&back).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains("Link your account"), "{html}");
    assert!(
        a.state
            .store()
            .user_identities(&local.id)
            .await
            .unwrap()
            .is_empty()
    );
    // The owner signs in with the password: now linked.
    let r = post_login(&a, &br, "gus", PASSWORD).await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        a.state
            .store()
            .user_identities(&local.id)
            .await
            .unwrap()
            .len(),
        1
    );
    // Unlinking: a method that is not linked is refused and removes nothing; the
    // linked one goes (the password still signs in), and that is audited.
    let linked = a.state.store().user_identities(&local.id).await.unwrap();
    let (issuer, subject) = (linked[0].issuer.clone(), linked[0].subject.clone());
    let unlink = |issuer: String, subject: String| {
        let br = br.clone();
        let url = a.url("/settings");
        let to = a.url("/settings/unlink");
        async move {
            let (_, csrf) = form_page(&br, &url).await;
            br.post(to)
                .form(&[("csrf", csrf), ("issuer", issuer), ("subject", subject)])
                .send()
                .await
                .unwrap()
        }
    };
    let r = unlink(issuer.clone(), "someone-else".into()).await;
    assert_eq!(r.status(), 400);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("That sign-in method is not linked.")
    );
    let r = unlink("https://other.example".into(), subject.clone()).await;
    assert_eq!(r.status(), 400);
    assert_eq!(
        a.state
            .store()
            .user_identities(&local.id)
            .await
            .unwrap()
            .len(),
        1
    );
    let r = unlink(issuer.clone(), subject.clone()).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    assert!(
        a.state
            .store()
            .user_identities(&local.id)
            .await
            .unwrap()
            .is_empty()
    );
    let audit = a
        .state
        .store()
        .audit_records(Some(&local.id), 0, 100)
        .await
        .unwrap();
    assert!(
        audit
            .iter()
            .any(|r| r.event == "identity_unlinked" && r.detail.as_deref() == Some(&issuer)),
        "{audit:?}"
    );
    let r = unlink(issuer.clone(), subject.clone()).await;
    assert_eq!(r.status(), 400, "unlinked twice");
    // Linked again through the password, for what follows.
    let br1 = browser();
    let back = via_upstream(&a, &b, &br1, "/federate/google").await;
    let r = br1.get(&back).send().await.unwrap();
    assert!(r.text().await.unwrap().contains("Link your account"));
    assert_eq!(post_login(&a, &br1, "gus", PASSWORD).await.status(), 303);
    assert_eq!(
        a.state
            .store()
            .user_identities(&local.id)
            .await
            .unwrap()
            .len(),
        1
    );

    // Next time "Sign in with Google" lands on the same local account.
    let br2 = browser();
    let back = via_upstream(&a, &b, &br2, "/federate/google").await;
    let r = br2.get(&back).send().await.unwrap();
    assert_eq!(location(&r), "/");
    let home = br2
        .get(a.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(home.contains("gus@example.com"));
    assert_eq!(a.state.store().list_users().await.unwrap().len(), 1);
}

/// Every upstream failure ends on the error page, creates nothing, and is logged.
async fn federation_failures_create_nothing(backend: Backend) {
    // A port nobody listens on, and one that accepts but never answers.
    let closed = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let silent_port = silent.local_addr().unwrap().port();
    let (a, b) = pair(backend, |_, b_base| {
        vec![
            upstream("partner", "lanyard-a-3p", b_base, Duration::from_secs(5)),
            upstream(
                "closed",
                "lanyard-a",
                &format!("http://127.0.0.1:{closed}"),
                Duration::from_secs(2),
            ),
            upstream(
                "silent",
                "lanyard-a",
                &format!("http://127.0.0.1:{silent_port}"),
                Duration::from_secs(1),
            ),
        ]
    })
    .await;
    let users = || async { a.state.store().list_users().await.unwrap().len() };
    let fed_failed = r#"lanyard_sign_ins_total{method="fed",result="failed"}"#;
    let failed_before = metric(&a, fed_failed).await;
    let audit_before = count_rows(&a, "audit_log").await;
    let failures = std::sync::atomic::AtomicUsize::new(0);
    let failures = &failures;
    let expect_error = |r: reqwest::Response, needle: &'static str| async move {
        assert_eq!(r.status(), 502, "expected the error page");
        failures.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        // No session, no link offer, nothing else that signs anyone in.
        for c in r.headers().get_all("set-cookie") {
            let c = c.to_str().unwrap();
            assert!(
                !c.contains("lanyard_session=") && !c.contains("lanyard_link="),
                "{needle}: a failure set {c}"
            );
        }
        let text = r.text().await.unwrap();
        assert!(
            text.contains("Sign-in did not work") && text.contains(needle),
            "{needle}:\n{text}"
        );
    };

    // Unreachable and timing-out upstreams.
    expect_error(
        browser()
            .get(a.url("/federate/closed"))
            .send()
            .await
            .unwrap(),
        "could not be reached",
    )
    .await;
    expect_error(
        browser()
            .get(a.url("/federate/silent"))
            .send()
            .await
            .unwrap(),
        "could not be reached",
    )
    .await;
    drop(silent);

    // The upstream refuses (the person clicks Deny on its consent page).
    let br = browser();
    let r = br.get(a.url("/federate/partner")).send().await.unwrap();
    let back = {
        let to_b = location(&r);
        let mut url = to_b;
        let mut out = None;
        for _ in 0..10 {
            let resp = br.get(&url).send().await.unwrap();
            if resp.status().is_redirection() {
                let loc = absolute(&b.base, &location(&resp));
                if !loc.starts_with(&b.base) {
                    out = Some(loc);
                    break;
                }
                url = loc;
                continue;
            }
            let html = resp.text().await.unwrap();
            let resp = if url.contains("/login") {
                br.post(b.url("/login"))
                    .form(&[
                        ("csrf", hidden(&html, "csrf")),
                        ("uid", hidden(&html, "uid")),
                        ("identifier", "gus".into()),
                        ("password", PASSWORD.into()),
                    ])
                    .send()
                    .await
                    .unwrap()
            } else {
                br.post(b.url("/consent"))
                    .form(&[
                        ("csrf", hidden(&html, "csrf")),
                        ("uid", hidden(&html, "uid")),
                        ("sid", hidden(&html, "sid")),
                        ("decision", "deny".into()),
                    ])
                    .send()
                    .await
                    .unwrap()
            };
            url = absolute(&b.base, &location(&resp));
            if !url.starts_with(&b.base) {
                out = Some(url);
                break;
            }
        }
        out.unwrap()
    };
    assert_eq!(
        query_param(&back, "error").as_deref(),
        Some("access_denied")
    );
    expect_error(br.get(&back).send().await.unwrap(), "access_denied").await;

    // State: unknown, reused, or brought by another browser.
    expect_error(
        browser()
            .get(a.url("/federate/google/callback?state=forged&code=x"))
            .send()
            .await
            .unwrap(),
        "expired",
    )
    .await;
    let br = browser();
    let back = via_upstream(&a, &b, &br, "/federate/google").await;
    expect_error(browser().get(&back).send().await.unwrap(), "expired").await;

    // Nonce mismatch: the stored nonce no longer matches the ID token's.
    let br = browser();
    let back = via_upstream(&a, &b, &br, "/federate/google").await;
    let st = lanyard::crypto::token_hash(&query_param(&back, "state").unwrap());
    tamper_nonce(&a, &st).await;
    expect_error(br.get(&back).send().await.unwrap(), "could not be verified").await;

    // A code the upstream does not know (the token endpoint refuses it).
    let br = browser();
    let back = via_upstream(&a, &b, &br, "/federate/google").await;
    let forged = back.replace(&query_param(&back, "code").unwrap(), "forged-code");
    expect_error(br.get(&forged).send().await.unwrap(), "did not sign you in").await;

    assert_eq!(users().await, 0, "no failure created an account");
    assert_eq!(count_rows(&a, "federated_identities").await, 0);
    assert_eq!(count_rows(&a, "sessions").await, 0);
    // Logged: each failure counts as a failed upstream sign-in (the counter is
    // process-wide, so other tests can only add to it).
    let failures = failures.load(std::sync::atomic::Ordering::SeqCst);
    assert_eq!(failures, 7);
    let counted = metric(&a, fed_failed).await - failed_before;
    assert!(
        counted >= failures as f64,
        "{counted} failed upstream sign-ins counted for {failures}"
    );
    // Audited: one failed sign-in per failure, naming the upstream and no account.
    let audit = a.state.store().audit_records(None, 0, 1000).await.unwrap();
    let audited: Vec<_> = audit.iter().skip(audit_before as usize).collect();
    assert_eq!(audited.len(), failures, "{audited:?}");
    for r in audited {
        assert_eq!(r.event, "sign_in_failed", "{r:?}");
        let detail = r.detail.as_deref().unwrap_or_default();
        assert!(detail.starts_with("fed "), "{r:?}");
        assert_eq!(r.user_id, None, "{r:?}");
    }
}

/// Re-seals a pending upstream request with another nonce.
async fn tamper_nonce(a: &TestApp, state_hash: &str) {
    let master = &a.state.provider.master;
    let secrets: Vec<u8> = match a.state.store() {
        lanyard::store::Store::Sqlite(p) => {
            sqlx::query_scalar("SELECT secrets FROM federation_states WHERE state_hash = $1")
                .bind(state_hash)
                .fetch_one(p)
                .await
                .unwrap()
        }
        lanyard::store::Store::Postgres(p) => {
            sqlx::query_scalar("SELECT secrets FROM federation_states WHERE state_hash = $1")
                .bind(state_hash)
                .fetch_one(p)
                .await
                .unwrap()
        }
    };
    let mut pending: Value =
        serde_json::from_slice(&master.open("federation_state", &secrets).unwrap()).unwrap();
    pending["nonce"] = Value::String("not-the-nonce".into());
    let resealed = master.seal("federation_state", pending.to_string().as_bytes());
    let sql = "UPDATE federation_states SET secrets = $1 WHERE state_hash = $2";
    match a.state.store() {
        lanyard::store::Store::Sqlite(p) => sqlx::query(sql)
            .bind(resealed)
            .bind(state_hash)
            .execute(p)
            .await
            .map(|_| ()),
        lanyard::store::Store::Postgres(p) => sqlx::query(sql)
            .bind(resealed)
            .bind(state_hash)
            .execute(p)
            .await
            .map(|_| ()),
    }
    .unwrap();
}

/// A reverse proxy in front of an upstream that breaks the signature of every ID
/// token its token endpoint returns.
async fn signature_breaking_proxy(
    listener: TcpListener,
    target: String,
) -> tokio::task::JoinHandle<()> {
    use axum::{
        body::{Body, to_bytes},
        extract::{Request, State},
        response::Response,
    };
    async fn forward(State(target): State<String>, req: Request) -> Response {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let path = req
            .uri()
            .path_and_query()
            .map(|p| p.to_string())
            .unwrap_or_default();
        let method = reqwest::Method::from_bytes(req.method().as_str().as_bytes()).unwrap();
        let mut out = client.request(method, format!("{target}{path}"));
        for (k, v) in req.headers() {
            if k != "host" && k != "content-length" {
                out = out.header(k.as_str(), v.as_bytes());
            }
        }
        let body = to_bytes(req.into_body(), 1 << 20).await.unwrap();
        let resp = out.body(body).send().await.unwrap();
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let mut bytes = resp.bytes().await.unwrap().to_vec();
        if path.starts_with("/token")
            && let Ok(mut json) = serde_json::from_slice::<Value>(&bytes)
            && let Some(t) = json["id_token"].as_str()
        {
            // Change one character of the signature.
            let mut chars: Vec<char> = t.chars().collect();
            let i = chars.len() - 5;
            chars[i] = if chars[i] == 'A' { 'B' } else { 'A' };
            json["id_token"] = Value::String(chars.into_iter().collect());
            bytes = json.to_string().into_bytes();
        }
        let mut r = Response::builder().status(status);
        for (k, v) in headers.iter() {
            if k != "content-length" && k != "transfer-encoding" {
                r = r.header(k.as_str(), v.as_bytes());
            }
        }
        r.body(Body::from(bytes)).unwrap()
    }
    let app = axum::Router::new().fallback(forward).with_state(target);
    tokio::spawn(async move {
        axum::serve(listener, app).await.unwrap();
    })
}

/// An ID token whose signature does not verify is refused, and nothing is created.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_upstream_signature_is_refused() {
    let a_listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let a_base = format!(
        "http://127.0.0.1:{}",
        a_listener.local_addr().unwrap().port()
    );
    let proxy_listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let proxy_base = format!(
        "http://localhost:{}",
        proxy_listener.local_addr().unwrap().port()
    );
    // The upstream's public address (its issuer) is the proxy's.
    let b_listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let (base_for_b, issuer_for_b) = (a_base.clone(), proxy_base.clone());
    let b = TestApp::start_bound(Backend::Sqlite, b_listener, "localhost", |c| {
        c.clients = vec![upstream_client("lanyard-a", &base_for_b, true)];
        c.issuer = issuer_for_b;
    })
    .await;
    b.add_user("gus").await;
    let _proxy = signature_breaking_proxy(proxy_listener, b.base.clone()).await;
    let a = TestApp::start_bound(Backend::Sqlite, a_listener, "127.0.0.1", |c| {
        c.upstream = vec![upstream(
            "google",
            "lanyard-a",
            &proxy_base,
            Duration::from_secs(5),
        )];
    })
    .await;
    let br = browser();
    let r = br.get(a.url("/federate/google")).send().await.unwrap();
    let to_b = location(&r);
    assert!(to_b.starts_with(&proxy_base), "{to_b}");
    let back = authorize_with_login(&b, &br, &to_b, "gus", PASSWORD, Consent::No).await;
    let back = if back.starts_with(&proxy_base) {
        // The upstream's own redirects name its public (proxy) address.
        authorize_with_login(
            &b,
            &br,
            &back.replace(&proxy_base, &b.base),
            "gus",
            PASSWORD,
            Consent::No,
        )
        .await
    } else {
        back
    };
    assert!(back.starts_with(&a.base), "{back}");
    let r = br.get(&back).send().await.unwrap();
    assert_eq!(r.status(), 502);
    assert!(r.text().await.unwrap().contains("could not be verified"));
    assert!(a.state.store().list_users().await.unwrap().is_empty());
}
