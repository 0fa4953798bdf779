//! Malformed input on every endpoint gets a 4xx with a message, never a 500 or a panic.

use crate::common::*;
use reqwest::Method;

const ENDPOINTS: &[(&str, &str)] = &[
    ("GET", "/.well-known/openid-configuration"),
    ("GET", "/jwks"),
    ("GET", "/authorize"),
    ("POST", "/authorize"),
    ("GET", "/authorize/resume"),
    ("POST", "/token"),
    ("GET", "/userinfo"),
    ("POST", "/userinfo"),
    ("POST", "/revoke"),
    ("POST", "/introspect"),
    ("GET", "/logout"),
    ("POST", "/logout"),
    ("GET", "/"),
    ("GET", "/login"),
    ("POST", "/login"),
    ("GET", "/consent"),
    ("POST", "/consent"),
    ("GET", "/accounts"),
    ("POST", "/accounts"),
    ("POST", "/signout"),
    ("GET", "/reset"),
    ("POST", "/reset"),
    ("GET", "/static/../Cargo.toml"),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_input_never_500s() {
    let app = TestApp::start(Backend::Sqlite).await;
    let c = http();
    let junk_queries = [
        "",
        "?%ff%fe%00=%zz&&&==&uid=%00",
        "?client_id=webapp&client_id=webapp",
        "?uid=nope&token=nope&id_token_hint=a.b.c&post_logout_redirect_uri=javascript:alert(1)",
        "?client_id=webapp&redirect_uri=http%3A%2F%2F127.0.0.1%3A1%2Fcallback&response_type=code&scope=openid&max_age=-1&prompt=bogus",
    ];
    let big_query = format!("?state={}", "a".repeat(6000));
    let mut checked = 0;
    for (method, path) in ENDPOINTS {
        let m = Method::from_bytes(method.as_bytes()).unwrap();
        for q in junk_queries.iter().copied().chain([big_query.as_str()]) {
            let r = c
                .request(m.clone(), app.url(&format!("{path}{q}")))
                .send()
                .await
                .unwrap();
            assert!(
                r.status().as_u16() < 500,
                "{method} {path}{q}: {}",
                r.status()
            );
            checked += 1;
        }
        if *method != "POST" {
            continue;
        }
        let bodies: Vec<(&str, Vec<u8>)> = vec![
            (
                "application/x-www-form-urlencoded",
                b"%%%&&&===&grant_type&code=%ff".to_vec(),
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
            (
                "multipart/form-data; boundary=x",
                b"--x\r\ngarbage".to_vec(),
            ),
        ];
        for (ct, body) in bodies {
            let r = c
                .post(app.url(path))
                .header("content-type", ct)
                .header("authorization", "Basic %%%not-base64")
                .header("cookie", "lanyard_session=%00\"; lanyard_csrf=;;;==")
                .body(body)
                .send()
                .await
                .unwrap();
            let status = r.status().as_u16();
            let text = r.text().await.unwrap();
            // RP-initiated logout takes an empty POST: with nothing valid in it and
            // nobody signed in, "you are signed out" is the right answer.
            let ok = if *path == "/logout" {
                status == 200
            } else {
                (400..500).contains(&status)
            };
            assert!(ok, "{path} {ct}: {status} {text}");
            assert!(
                !text.trim().is_empty(),
                "{path} {ct}: a 4xx needs a message"
            );
            checked += 1;
        }
        // 10 MB body: refused with 413 before it is read (or the connection is
        // closed on it); never read to the end, never anything else.
        let status = oversized_post(&app, path).await;
        assert!(matches!(status, None | Some(413)), "{path}: {status:?}");
        checked += 1;
    }
    // Headers that are not text.
    for (method, path) in ENDPOINTS {
        let m = Method::from_bytes(method.as_bytes()).unwrap();
        let r = c
            .request(m, app.url(path))
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
            "{path} with binary headers: {}",
            r.status()
        );
    }
    assert!(checked > 150);
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
async fn oversized_post(app: &TestApp, path: &str) -> Option<u16> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let host = app.base.trim_start_matches("http://");
    let mut s = tokio::net::TcpStream::connect(host).await.unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n",
        10 * 1024 * 1024
    );
    s.write_all(head.as_bytes()).await.unwrap();
    // The server may answer and close before taking this much: that is fine.
    let _ = s.write_all(&vec![b'a'; 64 * 1024]).await;
    let mut buf = vec![0u8; 512];
    let n = tokio::time::timeout(std::time::Duration::from_secs(10), s.read(&mut buf))
        .await
        .expect("no answer to an oversized body within 10 s")
        .unwrap_or(0);
    if n == 0 {
        return None;
    }
    let text = String::from_utf8_lossy(&buf[..n]);
    let status = text
        .strip_prefix("HTTP/1.1 ")
        .and_then(|t| t.get(..3))
        .unwrap_or_else(|| panic!("not an HTTP answer: {text:?}"));
    Some(status.parse().unwrap())
}
