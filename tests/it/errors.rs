//! Negative paths of the protocol, each asserting the exact RFC error.

use crate::common::*;
use crate::e2e::urlencode;
use lanyard::store::Store;
use openidconnect::PkceCodeChallenge;
use serde_json::Value;

crate::on_both_backends!(
    code_reuse_revokes_what_it_issued,
    racing_refreshes_with_one_token_revoke_the_grant,
    pkce_errors,
    redirect_uri_and_client_errors,
    prompt_none_and_max_age,
    token_endpoint_client_errors,
    expired_code,
    userinfo_bearer_errors,
    client_credentials_grant,
    logout_ends_only_that_session,
    logout_without_a_hint_asks_and_does_not_redirect,
    basic_secrets_count_encoded_or_verbatim,
);

/// Runs raw SQL on the app's database (to age rows without sleeping).
pub async fn exec_sql(app: &TestApp, sql: &'static str) {
    match app.state.store() {
        Store::Sqlite(p) => sqlx::query(sql).execute(p).await.map(|_| ()),
        Store::Postgres(p) => sqlx::query(sql).execute(p).await.map(|_| ()),
    }
    .unwrap();
}

pub struct Pkce {
    pub challenge: String,
    pub verifier: String,
}

pub fn pkce() -> Pkce {
    let (c, v) = PkceCodeChallenge::new_random_sha256();
    Pkce {
        challenge: c.as_str().to_string(),
        verifier: v.secret().to_string(),
    }
}

pub fn auth_url(app: &TestApp, client_id: &str, pkce: Option<&Pkce>, extra: &str) -> String {
    let mut u = format!(
        "{}?response_type=code&client_id={client_id}&redirect_uri={}&scope=openid%20profile%20offline_access&state=xyz&nonce=n1",
        app.url("/authorize"),
        urlencode(REDIRECT)
    );
    if let Some(p) = pkce {
        u.push_str(&format!(
            "&code_challenge={}&code_challenge_method=S256",
            p.challenge
        ));
    }
    u.push_str(extra);
    u
}

/// Signs in through the form and returns the code.
pub async fn code_for(
    app: &TestApp,
    b: &reqwest::Client,
    client_id: &str,
    pkce: Option<&Pkce>,
    login: &str,
) -> String {
    let back = authorize_with_login(
        app,
        b,
        &auth_url(app, client_id, pkce, ""),
        login,
        PASSWORD,
        Consent::No,
    )
    .await;
    query_param(&back, "code").unwrap_or_else(|| panic!("no code in {back}"))
}

/// POSTs a token request with HTTP Basic for `client_id`; returns status and JSON.
pub async fn token_request(
    app: &TestApp,
    client_id: &str,
    secret: Option<&str>,
    form: &[(&str, &str)],
) -> (u16, Value, reqwest::header::HeaderMap) {
    let mut req = http().post(app.url("/token")).form(form);
    if let Some(s) = secret {
        req = req.basic_auth(client_id, Some(s));
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    (status, resp.json().await.unwrap(), headers)
}

pub async fn redeem(app: &TestApp, code: &str, pkce: &Pkce) -> (u16, Value) {
    let (s, v, _) = token_request(
        app,
        "webapp",
        Some(SECRET),
        &[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", REDIRECT),
            ("code_verifier", &pkce.verifier),
        ],
    )
    .await;
    (s, v)
}

async fn code_reuse_revokes_what_it_issued(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.add_user("dave").await;
    let b = browser();
    let p = pkce();
    let code = code_for(&app, &b, "webapp", Some(&p), "dave").await;
    let (s, first) = redeem(&app, &code, &p).await;
    assert_eq!(s, 200, "{first}");
    let (s, second) = redeem(&app, &code, &p).await;
    assert_eq!((s, second["error"].as_str()), (400, Some("invalid_grant")));
    // What the first redemption issued is revoked.
    let access = first["access_token"].as_str().unwrap();
    let r = http()
        .get(app.url("/userinfo"))
        .bearer_auth(access)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let (s, v, _) = token_request(
        &app,
        "webapp",
        Some(SECRET),
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", first["refresh_token"].as_str().unwrap()),
        ],
    )
    .await;
    assert_eq!((s, v["error"].as_str()), (400, Some("invalid_grant")));
}

/// Refresh token rotation under a race with no reuse grace: two requests present
/// the same refresh token at once (two tasks released by a barrier, over several
/// rounds). Whichever order they land in, exactly one gets new tokens, the other is
/// a reuse, and the reuse revokes the grant, so the winner's new token fails too.
async fn racing_refreshes_with_one_token_revoke_the_grant(backend: Backend) {
    let app = TestApp::start_with(backend, |c| {
        c.tokens.refresh_reuse_grace = std::time::Duration::ZERO
    })
    .await;
    let app = std::sync::Arc::new(app);
    app.add_user("rita").await;
    let b = browser();
    let refresh = |token: String| {
        let app = app.clone();
        async move {
            let form = [("grant_type", "refresh_token"), ("refresh_token", &token)];
            token_request(&app, "webapp", Some(SECRET), &form).await
        }
    };
    // The grant outlives its refresh token (it is what the token is looked up by).
    let outlives = |token: String| {
        let store = app.state.store();
        async move {
            let hash = lanyard::crypto::token_hash(&token);
            let row = store.refresh_token(&hash).await.unwrap().unwrap();
            assert!(row.grant.expires_at >= row.token_expires_at, "{row:?}");
        }
    };
    for round in 0..10 {
        let p = pkce();
        let code = code_for(&app, &b, "webapp", Some(&p), "rita").await;
        let (s, tokens) = redeem(&app, &code, &p).await;
        assert_eq!(s, 200, "{tokens}");
        let token = tokens["refresh_token"].as_str().unwrap().to_string();
        outlives(token.clone()).await;
        let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(2));
        let racer = |token: String| {
            let (barrier, go) = (barrier.clone(), refresh(token));
            tokio::spawn(async move {
                barrier.wait().await;
                go.await
            })
        };
        let (a, b) = (racer(token.clone()), racer(token));
        let (a, b) = (a.await.unwrap(), b.await.unwrap());
        let mut outcomes = [(a.0, a.1), (b.0, b.1)];
        outcomes.sort_by_key(|o| o.0);
        let [(won, new), (lost, error)] = outcomes;
        assert_eq!(won, 200, "round {round}: {new}");
        assert_eq!(
            (lost, error["error"].as_str()),
            (400, Some("invalid_grant")),
            "round {round}: both refreshes won"
        );
        outlives(new["refresh_token"].as_str().unwrap().to_string()).await;
        let (s, v, _) = refresh(new["refresh_token"].as_str().unwrap().to_string()).await;
        assert_eq!(
            (s, v["error"].as_str()),
            (400, Some("invalid_grant")),
            "round {round}: grant revoked"
        );
    }
}

async fn pkce_errors(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.add_user("erin").await;
    let b = browser();
    // Wrong verifier.
    let p = pkce();
    let code = code_for(&app, &b, "webapp", Some(&p), "erin").await;
    let wrong = pkce();
    let (s, v) = redeem(&app, &code, &wrong).await;
    assert_eq!((s, v["error"].as_str()), (400, Some("invalid_grant")));
    assert!(
        v["error_description"]
            .as_str()
            .unwrap()
            .contains("code_verifier")
    );
    // Missing verifier when a challenge was sent.
    let code = code_for(&app, &b, "webapp", Some(&p), "erin").await;
    let (s, v, _) = token_request(
        &app,
        "webapp",
        Some(SECRET),
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", REDIRECT),
        ],
    )
    .await;
    assert_eq!((s, v["error"].as_str()), (400, Some("invalid_grant")));
    // A public client without PKCE: invalid_request back at the redirect_uri, with state.
    let r = b.get(auth_url(&app, "spa", None, "")).send().await.unwrap();
    let loc = location(&r);
    assert!(loc.starts_with(REDIRECT), "{loc}");
    assert_eq!(
        query_param(&loc, "error").as_deref(),
        Some("invalid_request")
    );
    assert_eq!(query_param(&loc, "state").as_deref(), Some("xyz"));
    // plain is refused.
    let r = b
        .get(auth_url(
            &app,
            "spa",
            None,
            "&code_challenge=abc&code_challenge_method=plain",
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(
        query_param(&location(&r), "error").as_deref(),
        Some("invalid_request")
    );
    // A public client with PKCE works and authenticates with client_id only.
    let code = code_for(&app, &b, "spa", Some(&p), "erin").await;
    let (s, v, _) = token_request(
        &app,
        "spa",
        None,
        &[
            ("grant_type", "authorization_code"),
            ("client_id", "spa"),
            ("code", &code),
            ("redirect_uri", REDIRECT),
            ("code_verifier", &p.verifier),
        ],
    )
    .await;
    assert_eq!(s, 200, "{v}");
}

async fn redirect_uri_and_client_errors(backend: Backend) {
    let app = TestApp::start(backend).await;
    let b = browser();
    let p = pkce();
    let evil = auth_url(&app, "webapp", Some(&p), "")
        .replace(&urlencode(REDIRECT), &urlencode("https://evil.example/cb"));
    let r = b.get(&evil).send().await.unwrap();
    assert_eq!(r.status(), 400);
    assert!(
        r.headers().get("location").is_none(),
        "never redirect to an unregistered URI"
    );
    assert!(r.text().await.unwrap().contains("is not registered"));
    // Unknown client: a page, not a redirect.
    let r = b
        .get(auth_url(&app, "nobody", Some(&p), ""))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert!(r.headers().get("location").is_none());
    // Unsupported response_type: back to the client.
    let r = b
        .get(
            auth_url(&app, "webapp", Some(&p), "")
                .replace("response_type=code", "response_type=token"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(
        query_param(&location(&r), "error").as_deref(),
        Some("unsupported_response_type")
    );
    // A scope the client may not have.
    let r = b
        .get(auth_url(&app, "webapp", Some(&p), "").replace("scope=openid", "scope=openid%20admin"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        query_param(&location(&r), "error").as_deref(),
        Some("invalid_scope")
    );
    // Repeated parameters are refused (RFC 6749 §3.1).
    let r = b
        .get(auth_url(&app, "webapp", Some(&p), "&state=again"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        query_param(&location(&r), "error").as_deref(),
        Some("invalid_request")
    );
}

async fn prompt_none_and_max_age(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.add_user("frank").await;
    let b = browser();
    let p = pkce();
    let r = b
        .get(auth_url(&app, "webapp", Some(&p), "&prompt=none"))
        .send()
        .await
        .unwrap();
    let loc = location(&r);
    assert!(loc.starts_with(REDIRECT));
    assert_eq!(
        query_param(&loc, "error").as_deref(),
        Some("login_required")
    );
    assert_eq!(query_param(&loc, "state").as_deref(), Some("xyz"));
    // Signed in: prompt=none succeeds silently.
    code_for(&app, &b, "webapp", Some(&p), "frank").await;
    let r = b
        .get(auth_url(&app, "webapp", Some(&p), "&prompt=none"))
        .send()
        .await
        .unwrap();
    assert!(query_param(&location(&r), "code").is_some());
    // prompt=login forces the form even with a session.
    let r = b
        .get(auth_url(&app, "webapp", Some(&p), "&prompt=login"))
        .send()
        .await
        .unwrap();
    assert!(location(&r).starts_with("/login?uid="));
    // max_age=0 with an older sign-in: login_required under prompt=none.
    exec_sql(&app, "UPDATE sessions SET auth_time = auth_time - 100").await;
    let r = b
        .get(auth_url(
            &app,
            "webapp",
            Some(&p),
            "&prompt=none&max_age=10",
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(
        query_param(&location(&r), "error").as_deref(),
        Some("login_required")
    );
    // prompt=none combined with another value is invalid.
    let r = b
        .get(auth_url(&app, "webapp", Some(&p), "&prompt=none%20login"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        query_param(&location(&r), "error").as_deref(),
        Some("invalid_request")
    );
}

async fn token_endpoint_client_errors(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (s, v, h) = token_request(
        &app,
        "webapp",
        Some("wrong"),
        &[("grant_type", "client_credentials")],
    )
    .await;
    assert_eq!((s, v["error"].as_str()), (401, Some("invalid_client")));
    assert!(
        h.get("www-authenticate")
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("Basic")
    );
    let (s, v, _) = token_request(
        &app,
        "ghost",
        Some(SECRET),
        &[("grant_type", "client_credentials")],
    )
    .await;
    assert_eq!((s, v["error"].as_str()), (401, Some("invalid_client")));
    // Allowed to authenticate, not allowed the grant.
    let (s, v, _) = token_request(
        &app,
        "webapp",
        Some(SECRET),
        &[("grant_type", "client_credentials")],
    )
    .await;
    assert_eq!((s, v["error"].as_str()), (400, Some("unauthorized_client")));
    let (s, v, _) =
        token_request(&app, "webapp", Some(SECRET), &[("grant_type", "password")]).await;
    assert_eq!(
        (s, v["error"].as_str()),
        (400, Some("unsupported_grant_type"))
    );
    let (s, v, _) = token_request(&app, "webapp", Some(SECRET), &[]).await;
    assert_eq!((s, v["error"].as_str()), (400, Some("invalid_request")));
    // A client registered for client_secret_post may not use Basic.
    let (s, v, _) = token_request(
        &app,
        "postapp",
        Some(SECRET),
        &[("grant_type", "refresh_token"), ("refresh_token", "x")],
    )
    .await;
    assert_eq!((s, v["error"].as_str()), (401, Some("invalid_client")));
    let (s, v, _) = token_request(
        &app,
        "postapp",
        None,
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", "x"),
            ("client_id", "postapp"),
            ("client_secret", SECRET),
        ],
    )
    .await;
    assert_eq!((s, v["error"].as_str()), (400, Some("invalid_grant")));
    // Responses are never cached.
    let (_, _, h) = token_request(
        &app,
        "webapp",
        Some(SECRET),
        &[("grant_type", "refresh_token"), ("refresh_token", "x")],
    )
    .await;
    assert_eq!(h.get("cache-control").unwrap(), "no-store");
}

async fn expired_code(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.add_user("gina").await;
    let b = browser();
    let p = pkce();
    let code = code_for(&app, &b, "webapp", Some(&p), "gina").await;
    exec_sql(&app, "UPDATE auth_codes SET expires_at = expires_at - 3600").await;
    let (s, v) = redeem(&app, &code, &p).await;
    assert_eq!((s, v["error"].as_str()), (400, Some("invalid_grant")));
}

async fn userinfo_bearer_errors(backend: Backend) {
    let app = TestApp::start(backend).await;
    let c = http();
    let r = c.get(app.url("/userinfo")).send().await.unwrap();
    assert_eq!(r.status(), 401);
    assert!(
        r.headers()
            .get("www-authenticate")
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("Bearer")
    );
    for bad in ["garbage", "a.b.c", "eyJhbGciOiJub25lIn0.e30."] {
        let r = c
            .get(app.url("/userinfo"))
            .bearer_auth(bad)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401);
        let h = r
            .headers()
            .get("www-authenticate")
            .unwrap()
            .to_str()
            .unwrap()
            .to_string();
        assert!(h.contains("error=\"invalid_token\""), "{h}");
        let v: Value = r.json().await.unwrap();
        assert_eq!(v["error"], "invalid_token");
    }
    // A client's own token is not for userinfo.
    let (_, v, _) = token_request(
        &app,
        "service",
        Some(SECRET),
        &[("grant_type", "client_credentials")],
    )
    .await;
    let r = c
        .get(app.url("/userinfo"))
        .bearer_auth(v["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}

async fn client_credentials_grant(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (s, v, _) = token_request(
        &app,
        "service",
        Some(SECRET),
        &[("grant_type", "client_credentials"), ("scope", "api.read")],
    )
    .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["token_type"], "Bearer");
    assert_eq!(v["scope"], "api.read");
    assert!(v.get("refresh_token").is_none() && v.get("id_token").is_none());
    // Introspection by its own client sees it active, with sub = the client.
    let r: Value = http()
        .post(app.url("/introspect"))
        .basic_auth("service", Some(SECRET))
        .form(&[("token", v["access_token"].as_str().unwrap())])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["active"], true);
    assert_eq!(r["sub"], "service");
    let (s, v, _) = token_request(
        &app,
        "service",
        Some(SECRET),
        &[("grant_type", "client_credentials"), ("scope", "openid")],
    )
    .await;
    assert_eq!((s, v["error"].as_str()), (400, Some("invalid_scope")));
    // A public client may not introspect.
    let r = http()
        .post(app.url("/introspect"))
        .form(&[("token", "x"), ("client_id", "spa")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}

async fn logout_ends_only_that_session(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.add_user("hank").await;
    let (b1, b2) = (browser(), browser());
    let p = pkce();
    let code = code_for(&app, &b1, "webapp", Some(&p), "hank").await;
    code_for(&app, &b2, "webapp", Some(&p), "hank").await;
    let (_, tokens) = redeem(&app, &code, &p).await;
    let id_token = tokens["id_token"].as_str().unwrap();
    // Unregistered post_logout_redirect_uri: an error page, no redirect.
    let r = b1
        .get(app.url(&format!(
            "/logout?id_token_hint={id_token}&post_logout_redirect_uri={}",
            urlencode("https://evil.example/")
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let r = b1
        .get(app.url(&format!(
            "/logout?id_token_hint={id_token}&post_logout_redirect_uri={}&state=bye",
            urlencode(POST_LOGOUT)
        )))
        .send()
        .await
        .unwrap();
    let loc = location(&r);
    assert!(loc.starts_with(POST_LOGOUT), "{loc}");
    assert_eq!(query_param(&loc, "state").as_deref(), Some("bye"));
    // Browser 1 is signed out, browser 2 still in.
    let r = b1
        .get(auth_url(&app, "webapp", Some(&p), "&prompt=none"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        query_param(&location(&r), "error").as_deref(),
        Some("login_required")
    );
    let r = b2
        .get(auth_url(&app, "webapp", Some(&p), "&prompt=none"))
        .send()
        .await
        .unwrap();
    assert!(query_param(&location(&r), "code").is_some());
    // Without a hint the person is asked first.
    let r = b2.get(app.url("/logout")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains("Sign out?"));
    let r = b2
        .post(app.url("/logout"))
        .form(&[("csrf", hidden(&html, "csrf"))])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = b2
        .get(auth_url(&app, "webapp", Some(&p), "&prompt=none"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        query_param(&location(&r), "error").as_deref(),
        Some("login_required")
    );
}

/// OmniAuth (GitLab's strategy) sends `/logout?post_logout_redirect_uri=…` with no
/// `id_token_hint` and no `client_id`. The person is asked and signed out; the
/// redirect cannot be checked against an app, so it is not followed and the page
/// says the tab can be closed (RP-Initiated Logout 1.0 §2, §3).
async fn logout_without_a_hint_asks_and_does_not_redirect(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.add_user("olga").await;
    let b = browser();
    let p = pkce();
    code_for(&app, &b, "webapp", Some(&p), "olga").await;
    let url = app.url(&format!(
        "/logout?post_logout_redirect_uri={}&state=s1",
        urlencode("https://gitlab.example/users/sign_in")
    ));
    let r = b.get(&url).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains("Sign out?"), "{html}");
    assert!(html.contains("olga@example.com"), "{html}");
    // The confirmation carries the request on; it ends the session without a redirect.
    let r = b
        .post(app.url("/logout"))
        .form(&[
            ("csrf", hidden(&html, "csrf")),
            (
                "post_logout_redirect_uri",
                hidden(&html, "post_logout_redirect_uri"),
            ),
            ("state", hidden(&html, "state")),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "no redirect to an unverified address");
    assert!(r.headers().get("location").is_none());
    let html = r.text().await.unwrap();
    assert!(html.contains("You are signed out"), "{html}");
    assert!(html.contains("You can close this tab"), "{html}");
    assert!(!html.contains("gitlab.example"), "{html}");
    let r = b
        .get(auth_url(&app, "webapp", Some(&p), "&prompt=none"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        query_param(&location(&r), "error").as_deref(),
        Some("login_required")
    );
    // Signed out already: the same words at once, still no redirect.
    let r = b.get(&url).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("You can close this tab"));
    // With an unknown client_id the address still is not followed: an error page.
    let r = b
        .get(app.url(&format!(
            "/logout?client_id=nope&post_logout_redirect_uri={}",
            urlencode("https://gitlab.example/")
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
}

/// A secret with `+`, `/` and `=`, as base64 secret generators make them.
const PLUS_SECRET: &str = "k9+Zq/3xW=vB7+mR2/pL==";

/// RFC 6749 §2.3.1 asks clients to form-encode the id and secret inside HTTP Basic;
/// Authlib and requests-oauthlib do not, so `+` would arrive as a space. Both forms
/// are accepted; anything else is still `invalid_client`.
async fn basic_secrets_count_encoded_or_verbatim(backend: Backend) {
    use lanyard::oidc::vocab::GrantType;
    let app = TestApp::start_with(backend, |c| {
        c.clients.push(client(
            "plusapp",
            Some(PLUS_SECRET),
            &[GrantType::ClientCredentials],
            false,
        ))
    })
    .await;
    let form = [("grant_type", "client_credentials"), ("scope", "api.read")];
    let encoded = urlencode(PLUS_SECRET);
    let spaced = PLUS_SECRET.replace('+', " ");
    let one_off = PLUS_SECRET.replace('k', "K");
    let one_off_encoded = urlencode(&one_off);
    for (how, secret, want) in [
        ("form-encoded, as RFC 6749 asks", encoded.as_str(), 200),
        ("verbatim, as Authlib sends it", PLUS_SECRET, 200),
        ("with + turned into spaces", spaced.as_str(), 401),
        ("a wrong secret", one_off.as_str(), 401),
        (
            "a wrong secret, form-encoded",
            one_off_encoded.as_str(),
            401,
        ),
    ] {
        let (s, v, _) = token_request(&app, "plusapp", Some(secret), &form).await;
        assert_eq!(s, want, "{how}: {v}");
        if want == 401 {
            assert_eq!(v["error"], "invalid_client", "{how}");
        } else {
            assert_eq!(v["scope"], "api.read", "{how}: {v}");
        }
    }
    // In the body (client_secret_post) the form encoding is the form's own.
    let r = http()
        .post(app.url("/token"))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", "plusapp"),
            ("client_secret", PLUS_SECRET),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}
