//! Malformed input on every endpoint gets a 4xx with a message, never a 500 or a panic.

use crate::common::*;
use reqwest::Method;

/// Every method and route of the router (`src/web/routes.rs`), with a concrete path
/// for the ones with parameters. A route added there without a line here fails
/// `every_route_is_covered`.
const ROUTES: &[(&str, &str, &str)] = &[
    (
        "GET",
        "/.well-known/openid-configuration",
        "/.well-known/openid-configuration",
    ),
    ("GET", "/jwks", "/jwks"),
    ("GET", "/authorize", "/authorize"),
    ("POST", "/authorize", "/authorize"),
    ("GET", "/authorize/resume", "/authorize/resume"),
    ("POST", "/token", "/token"),
    ("GET", "/userinfo", "/userinfo"),
    ("POST", "/userinfo", "/userinfo"),
    ("POST", "/revoke", "/revoke"),
    ("POST", "/introspect", "/introspect"),
    ("POST", "/device_authorization", "/device_authorization"),
    ("POST", "/par", "/par"),
    ("GET", "/device", "/device"),
    ("POST", "/device", "/device"),
    ("POST", "/device/decision", "/device/decision"),
    ("GET", "/logout", "/logout"),
    ("POST", "/logout", "/logout"),
    ("GET", "/", "/"),
    ("GET", "/login", "/login"),
    ("POST", "/login", "/login"),
    ("GET", "/login/code", "/login/code"),
    ("POST", "/login/passkey", "/login/passkey"),
    ("POST", "/login/passkey/options", "/login/passkey/options"),
    ("POST", "/login/code/passkey", "/login/code/passkey"),
    ("POST", "/settings/passkeys", "/settings/passkeys"),
    ("POST", "/reset/passkey", "/reset/passkey"),
    ("POST", "/reset/passkey/options", "/reset/passkey/options"),
    ("GET", "/passkeys/offer", "/passkeys/offer"),
    (
        "POST",
        "/settings/passkeys/options",
        "/settings/passkeys/options",
    ),
    (
        "POST",
        "/settings/passkeys/rename",
        "/settings/passkeys/rename",
    ),
    (
        "POST",
        "/settings/passkeys/remove",
        "/settings/passkeys/remove",
    ),
    ("POST", "/login/code", "/login/code"),
    (
        "POST",
        "/settings/two-step/setup",
        "/settings/two-step/setup",
    ),
    (
        "POST",
        "/settings/two-step/verify",
        "/settings/two-step/verify",
    ),
    (
        "POST",
        "/settings/two-step/disable",
        "/settings/two-step/disable",
    ),
    (
        "POST",
        "/settings/two-step/codes",
        "/settings/two-step/codes",
    ),
    (
        "POST",
        "/settings/two-step/codes.txt",
        "/settings/two-step/codes.txt",
    ),
    ("GET", "/reauth", "/reauth"),
    ("POST", "/reauth", "/reauth"),
    ("GET", "/consent", "/consent"),
    ("POST", "/consent", "/consent"),
    ("GET", "/accounts", "/accounts"),
    ("POST", "/accounts", "/accounts"),
    ("POST", "/signout", "/signout"),
    ("GET", "/reset", "/reset"),
    ("POST", "/reset", "/reset"),
    ("GET", "/signup", "/signup"),
    ("POST", "/signup", "/signup"),
    ("GET", "/confirm", "/confirm"),
    ("POST", "/confirm", "/confirm"),
    ("POST", "/confirm/resend", "/confirm/resend"),
    ("GET", "/onboarding/team", "/onboarding/team"),
    ("POST", "/onboarding/team", "/onboarding/team"),
    ("GET", "/settings", "/settings"),
    ("POST", "/settings/email", "/settings/email"),
    ("POST", "/settings/password", "/settings/password"),
    ("POST", "/settings/sessions/end", "/settings/sessions/end"),
    ("POST", "/settings/password/set", "/settings/password/set"),
    ("POST", "/settings/apps/remove", "/settings/apps/remove"),
    ("POST", "/settings/data", "/settings/data"),
    ("GET", "/settings/delete", "/settings/delete"),
    ("POST", "/settings/delete", "/settings/delete"),
    ("GET", "/teams", "/teams"),
    ("POST", "/teams", "/teams"),
    ("GET", "/teams/{id}", "/teams/%00nope"),
    ("POST", "/teams/{id}/invite", "/teams/%ff/invite"),
    ("POST", "/teams/{id}/remove", "/teams/nope/remove"),
    ("POST", "/teams/{id}/leave", "/teams/nope/leave"),
    ("GET", "/invite", "/invite"),
    ("POST", "/invite", "/invite"),
    ("POST", "/invite/renew", "/invite/renew"),
    ("GET", "/recover", "/recover"),
    ("POST", "/recover", "/recover"),
    ("GET", "/captcha/challenge", "/captcha/challenge"),
    ("GET", "/avatars/{id}", "/avatars/..%2f..%2fCargo.toml"),
    ("GET", "/federate/{id}", "/federate/%ff%fe"),
    ("GET", "/federate/{id}/callback", "/federate/nope/callback"),
    ("POST", "/settings/unlink", "/settings/unlink"),
    ("GET", "/terms", "/terms"),
    ("GET", "/healthz", "/healthz"),
    ("GET", "/readyz", "/readyz"),
    ("GET", "/metrics", "/metrics"),
    ("GET", "/static/{*path}", "/static/%2e%2e/Cargo.toml"),
    (
        "GET",
        "/static/brand/{name}",
        "/static/brand/%2e%2e%2fmaster.key",
    ),
    ("GET", "/favicon.ico", "/favicon.ico"),
    (
        "GET",
        "/language",
        "/language?lang=%ff&back=%0d%0aSet-Cookie:x",
    ),
    // The upload routes (multipart, larger body limit).
    ("GET", "/onboarding/profile", "/onboarding/profile"),
    ("POST", "/onboarding/profile", "/onboarding/profile"),
    ("POST", "/settings/profile", "/settings/profile"),
];

/// The (method, route) pairs the router declares, read from its source.
fn router_table() -> std::collections::BTreeSet<(String, String)> {
    let src = include_str!("../../src/web/routes.rs");
    let mut out = std::collections::BTreeSet::new();
    for chunk in src.split(".route(").skip(1) {
        let path = chunk.split('"').nth(1).expect("a route path").to_string();
        // The handler part: up to the next builder call on the router.
        let end = [
            ".route(",
            ".layer(",
            ".route_layer(",
            ".merge(",
            ".fallback(",
        ]
        .iter()
        .filter_map(|m| chunk.find(m))
        .min()
        .unwrap_or(chunk.len());
        let handlers = &chunk[..end];
        let mut found = false;
        for (needle, method) in [("get(", "GET"), ("post(", "POST"), ("put(", "PUT")] {
            for (i, _) in handlers.match_indices(needle) {
                let before = handlers[..i].chars().last();
                if before.is_none_or(|c| !c.is_alphanumeric() && c != '_') {
                    out.insert((method.to_string(), path.clone()));
                    found = true;
                }
            }
        }
        for other in ["delete(", "patch(", "any(", "on(", "route_service("] {
            assert!(
                !handlers.contains(other),
                "{path}: {other} routes are not covered by this test yet"
            );
        }
        assert!(found, "no method found for {path}");
    }
    out
}

#[test]
fn every_route_is_covered() {
    let table = router_table();
    let listed: std::collections::BTreeSet<(String, String)> = ROUTES
        .iter()
        .map(|(m, r, _)| (m.to_string(), r.to_string()))
        .collect();
    assert_eq!(listed.len(), ROUTES.len(), "a route is listed twice");
    let missing: Vec<_> = table.difference(&listed).collect();
    let stale: Vec<_> = listed.difference(&table).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "routes without malformed-input coverage: {missing:?}; listed but gone: {stale:?}"
    );
    assert!(table.len() >= 60, "the route table parsed to {table:?}");
}

fn malformed_bodies() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        (
            "application/x-www-form-urlencoded",
            b"%%%&&&===&grant_type&code=%ff&csrf=%00&uid=%zz".to_vec(),
        ),
        (
            "application/x-www-form-urlencoded",
            vec![0xff, 0xfe, 0x00, 0x80],
        ),
        (
            "application/json",
            br#"{"grant_type": "authorization_code", "code": [1, 2]}"#.to_vec(),
        ),
        ("application/json", b"{not json".to_vec()),
        ("text/plain", b"hello".to_vec()),
        ("multipart/form-data; boundary=x", b"--x\r\ngarbage".to_vec()),
        ("multipart/form-data", b"--x\r\n\r\n--x--\r\n".to_vec()),
        (
            "multipart/form-data; boundary=x",
            b"--x\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\xff\xfe\r\n--x\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\nnot a png\r\n--x\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n"
                .to_vec(),
        ),
    ]
}

/// Signs `name` in on a fresh browser; returns it and its cookies as one header.
async fn signed_in(app: &TestApp, name: &str) -> (reqwest::Client, String) {
    app.add_user(name).await;
    let b = browser();
    let r = post_login(app, &b, name, PASSWORD).await;
    assert_eq!(r.status(), 303);
    let cookies = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok()?.split(';').next().map(String::from))
        .collect::<Vec<_>>()
        .join("; ");
    assert!(cookies.contains("lanyard_session="), "{cookies}");
    (b, cookies)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_input_never_500s() {
    let app = TestApp::start(Backend::Sqlite).await;
    let anonymous = http();
    let (member, cookies) = signed_in(&app, "mallory").await;
    let junk_queries = [
        "",
        "?%ff%fe%00=%zz&&&==&uid=%00",
        "?client_id=webapp&client_id=webapp",
        "?uid=nope&token=nope&id_token_hint=a.b.c&post_logout_redirect_uri=javascript:alert(1)",
        "?client_id=webapp&redirect_uri=http%3A%2F%2F127.0.0.1%3A1%2Fcallback&response_type=code&scope=openid&max_age=-1&prompt=bogus",
    ];
    let big_query = format!("?state={}", "a".repeat(6000));
    for (method, route, path) in ROUTES {
        let m = Method::from_bytes(method.as_bytes()).unwrap();
        for (who, c) in [("anonymous", &anonymous), ("signed in", &member)] {
            for q in junk_queries.iter().copied().chain([big_query.as_str()]) {
                let r = c
                    .request(m.clone(), app.url(&format!("{path}{q}")))
                    .send()
                    .await
                    .unwrap();
                assert!(
                    r.status().as_u16() < 500,
                    "{who} {method} {route} ({path}{q}): {}",
                    r.status()
                );
            }
            // Headers that are not text.
            let r = c
                .request(m.clone(), app.url(path))
                .header(
                    "authorization",
                    reqwest::header::HeaderValue::from_bytes(b"Bearer \xff\xfe").unwrap(),
                )
                .header(
                    "cookie",
                    reqwest::header::HeaderValue::from_bytes(b"a=\xff").unwrap(),
                )
                .send()
                .await
                .unwrap();
            assert!(
                r.status().as_u16() < 500,
                "{who} {method} {route} with binary headers: {}",
                r.status()
            );
            if *method != "POST" {
                continue;
            }
            for (ct, body) in malformed_bodies() {
                let mut req = c
                    .post(app.url(path))
                    .header("content-type", ct)
                    .header("authorization", "Basic %%%not-base64");
                if who == "anonymous" {
                    req = req.header("cookie", "lanyard_session=%00\"; lanyard_csrf=;;;==");
                }
                let r = req.body(body).send().await.unwrap();
                let status = r.status().as_u16();
                let to = r
                    .headers()
                    .get("location")
                    .and_then(|l| l.to_str().ok())
                    .unwrap_or_default()
                    .to_string();
                let text = r.text().await.unwrap();
                let ok = match status {
                    400..500 => {
                        assert!(
                            !text.trim().is_empty(),
                            "{who} {route} {ct}: a 4xx needs a message"
                        );
                        true
                    }
                    // Pages for signed-in people send others to sign in first.
                    303 if who == "anonymous" => to.starts_with("/login"),
                    // Onboarding that is over already sends the account home.
                    303 => route.starts_with("/onboarding/") && to == "/",
                    // RP-initiated logout takes an empty POST: with nothing valid in
                    // it, "you are signed out" is the right answer.
                    200 => *route == "/logout",
                    _ => false,
                };
                assert!(ok, "{who} {route} {ct}: {status} {to} {text}");
            }
            // 10 MB body: refused with a 4xx before it is read, or the connection is
            // closed on it; never read to the end, never anything else.
            let cookie = if who == "anonymous" { "" } else { &cookies };
            let status = oversized_post(&app, path, cookie).await;
            assert!(
                status.is_none_or(|s| (400..500).contains(&s)),
                "{who} {route}: 10 MB body answered {status:?}"
            );
        }
        // The member is still signed in: the checks above ran signed in throughout.
        let r = member.get(app.url("/settings")).send().await.unwrap();
        assert_eq!(r.status(), 200, "signed out by {method} {route}");
    }
}

/// Path traversal under /static, sent as raw bytes so no client normalises `..` away.
#[tokio::test]
async fn static_path_traversal_sent_raw() {
    let app = TestApp::start(Backend::Sqlite).await;
    for target in [
        "/static/../Cargo.toml",
        "/static/../../Cargo.toml",
        "/static/%2e%2e/Cargo.toml",
        "/static/..%2fCargo.toml",
        "/static/..\\Cargo.toml",
        "/static//etc/passwd",
        "/static/./../src/main.rs",
    ] {
        let (status, body) = raw_request(&app, &format!("GET {target} HTTP/1.1"), "", b"").await;
        let status = status.unwrap_or_else(|| panic!("{target}: connection closed"));
        assert!((400..500).contains(&status), "{target}: {status}");
        assert!(
            !body.contains("[package]") && !body.contains("root:") && !body.contains("fn main"),
            "{target} leaked a file: {body}"
        );
    }
}

#[tokio::test]
async fn login_without_csrf_is_refused() {
    let app = TestApp::start(Backend::Sqlite).await;
    app.add_user("jack").await;
    let b = browser();
    let r = b
        .post(app.url("/login"))
        .form(&[("identifier", "jack"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert!(
        r.headers().get("set-cookie").is_none(),
        "no session without CSRF"
    );
    // With a token from another browser: also refused.
    let other = browser();
    let html = other
        .get(app.url("/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let r = b
        .post(app.url("/login"))
        .form(&[
            ("identifier", "jack"),
            ("password", PASSWORD),
            ("csrf", &hidden(&html, "csrf")),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
}

#[tokio::test]
async fn login_page_and_session_cookie() {
    let app = TestApp::start(Backend::Sqlite).await;
    app.add_user("kate").await;
    let b = browser();
    let r = b.get(app.url("/login")).send().await.unwrap();
    for h in [
        "content-security-policy",
        "x-content-type-options",
        "referrer-policy",
        "x-frame-options",
    ] {
        assert!(r.headers().get(h).is_some(), "{h} missing");
    }
    assert!(
        r.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'none'")
    );
    let html = r.text().await.unwrap();
    for label in [
        "Email or username",
        "Password",
        "Keep me signed in",
        "Sign In",
        "Trouble signing in?",
        "Create Account",
    ] {
        assert!(html.contains(label), "label {label:?} missing");
    }
    let csrf = hidden(&html, "csrf");
    // Wrong password: the form again, with a message that does not say which part was wrong.
    let r = b
        .post(app.url("/login"))
        .form(&[
            ("identifier", "kate"),
            ("password", "nope nope"),
            ("csrf", &csrf),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let unknown = b
        .post(app.url("/login"))
        .form(&[
            ("identifier", "nobody"),
            ("password", "nope nope"),
            ("csrf", &csrf),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 401);
    assert_eq!(
        r.text().await.unwrap().replace("kate", "nobody"),
        unknown.text().await.unwrap()
    );
    // "Keep me signed in" unchecked: a session cookie (no Max-Age), HttpOnly, SameSite=Lax.
    let r = b
        .post(app.url("/login"))
        .form(&[
            ("identifier", "kate@example.com"),
            ("password", PASSWORD),
            ("csrf", &csrf),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let cookie = r.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(!cookie.contains("Max-Age"), "{cookie}");
    // Checked: 30 days.
    let b2 = browser();
    let html = b2
        .get(app.url("/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let r = b2
        .post(app.url("/login"))
        .form(&[
            ("identifier", "kate"),
            ("password", PASSWORD),
            ("remember", "on"),
            ("csrf", &hidden(&html, "csrf")),
        ])
        .send()
        .await
        .unwrap();
    let cookie = r.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(
        cookie.contains(&format!("Max-Age={}", 30 * 24 * 3600)),
        "{cookie}"
    );
    let home = b2
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(home.contains("kate@example.com"));
    // Server-side lifetimes: 30 minutes and 30 days.
    let rows: Vec<(bool, i64)> = match app.state.store() {
        lanyard::store::Store::Sqlite(p) => sqlx::query_as(
            "SELECT remember, expires_at - created_at FROM sessions ORDER BY remember",
        )
        .fetch_all(p)
        .await
        .unwrap(),
        _ => unreachable!(),
    };
    assert_eq!(rows, vec![(false, 30 * 60), (true, 30 * 24 * 3600)]);
}

/// Announces a 10 MB form body on a raw socket, sends its first 64 KiB and reads
/// the answer's status; `None` when the server closed the connection instead.
async fn oversized_post(app: &TestApp, path: &str, cookie: &str) -> Option<u16> {
    let head = format!(
        "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n{}",
        10 * 1024 * 1024,
        if cookie.is_empty() {
            String::new()
        } else {
            format!("Cookie: {cookie}\r\n")
        }
    );
    raw_request(
        app,
        &format!("POST {path} HTTP/1.1"),
        &head,
        &vec![b'a'; 64 * 1024],
    )
    .await
    .0
}

/// Sends `line`, the `headers` (each ending in CRLF) and `body` as raw bytes; returns
/// the answer's status (`None` when the connection closed without one) and its text.
async fn raw_request(
    app: &TestApp,
    line: &str,
    headers: &str,
    body: &[u8],
) -> (Option<u16>, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let host = app.base.trim_start_matches("http://");
    let mut s = tokio::net::TcpStream::connect(host).await.unwrap();
    let head = format!("{line}\r\nHost: {host}\r\nConnection: close\r\n{headers}\r\n");
    s.write_all(head.as_bytes()).await.unwrap();
    // The server may answer and close before taking the whole body: that is fine.
    let _ = s.write_all(body).await;
    let mut buf = Vec::new();
    let read = tokio::time::timeout(std::time::Duration::from_secs(10), async {
        let mut chunk = vec![0u8; 16 * 1024];
        loop {
            match s.read(&mut chunk).await {
                Ok(0) | Err(_) => break,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
            // The status line is all an oversized body's answer needs.
            if !body.is_empty() && buf.windows(4).any(|w| w == b"\r\n\r\n") {
                break;
            }
        }
    })
    .await;
    read.expect("no answer within 10 s");
    if buf.is_empty() {
        return (None, String::new());
    }
    let text = String::from_utf8_lossy(&buf).to_string();
    let status = text
        .strip_prefix("HTTP/1.1 ")
        .and_then(|t| t.get(..3))
        .unwrap_or_else(|| panic!("not an HTTP answer: {text:?}"));
    (Some(status.parse().unwrap()), text)
}
