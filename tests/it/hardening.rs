//! Issue 11, second round of hardening: the captcha's signed expiry, bounded metrics
//! labels and the metrics token, refresh scope checked before rotation, introspection
//! limited to a token's own client, private file modes, upstream email addresses,
//! the photo pixel budget and link tokens kept out of request logs.

use crate::common::*;
use crate::errors::{code_for, pkce, redeem, token_request};
use base64::{Engine, engine::general_purpose::STANDARD};
use lanyard::{auth::captcha, config::ClientConfig};
use serde_json::{Value, json};

crate::on_both_backends!(
    captcha_expiry_cannot_be_moved_by_the_client,
    refresh_with_a_wider_scope_keeps_the_token,
    introspection_answers_only_the_tokens_own_client,
    invalid_upstream_email_is_refused,
);

async fn recover_with(app: &TestApp, altcha: &str) -> (u16, String) {
    let b = browser();
    let (_, csrf) = form_page(&b, &app.url("/recover")).await;
    let r = b
        .post(app.url("/recover"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("email", "olga@example.com"),
            ("altcha", altcha),
        ])
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

/// A solved payload of a challenge issued long ago, with the first digit of its
/// number moved to the end of the salt: SHA-256(salt ‖ number) and the signature
/// over it are unchanged, and the old parser read the expiry as ten times later.
fn spliced_payload(app: &TestApp, issued_at: i64) -> String {
    loop {
        let ch = app.state.captcha.challenge(issued_at, 1).unwrap();
        let v: Value =
            serde_json::from_slice(&STANDARD.decode(captcha::solve(&ch).unwrap()).unwrap())
                .unwrap();
        let n = v["number"].as_u64().unwrap().to_string();
        if n.len() < 2 || n[1..].starts_with('0') {
            continue; // the rest must read back as the same digits
        }
        let mut spliced = v.clone();
        spliced["salt"] = json!(format!("{}{}", v["salt"].as_str().unwrap(), &n[..1]));
        spliced["number"] = json!(n[1..].parse::<u64>().unwrap());
        return STANDARD.encode(spliced.to_string());
    }
}

async fn captcha_expiry_cannot_be_moved_by_the_client(backend: Backend) {
    let app = TestApp::start_with(backend, |c| c.captcha.difficulty = 5000).await;
    app.add_user("olga").await;
    let long_ago = lanyard::oidc::now() - 2 * captcha::CHALLENGE_TTL;

    // The forged payload is refused: the salt is not one this server signed.
    let (s, html) = recover_with(&app, &spliced_payload(&app, long_ago)).await;
    assert!(
        s == 400 && html.contains("not issued by this server"),
        "spliced payload: {s}"
    );
    // The honest payload of the same old challenge is expired.
    let old = app.state.captcha.challenge(long_ago, 1).unwrap();
    let (s, html) = recover_with(&app, &captcha::solve(&old).unwrap()).await;
    assert!(s == 400 && html.contains("expired"), "expired payload: {s}");
    // A fresh one still works: the widget's format is unchanged.
    let fresh = app
        .state
        .captcha
        .challenge(lanyard::oidc::now(), 1)
        .unwrap();
    assert_eq!(fresh["algorithm"], "SHA-256");
    let (s, _) = recover_with(&app, &captcha::solve(&fresh).unwrap()).await;
    assert_eq!(s, 200);
    assert!(app.mails_to("olga@example.com").len() <= 1);
}

/// Made-up HTTP methods and raw paths never become label values.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_labels_come_from_a_fixed_set() {
    let app = TestApp::start(Backend::Sqlite).await;
    let tag = &uuid::Uuid::new_v4().simple().to_string()[..8];
    let mut sent = Vec::new();
    for i in 0..200 {
        let method = format!("X{tag}{i}").to_uppercase();
        let path = if i % 2 == 0 {
            "/healthz".to_string()
        } else {
            format!("/teams/{tag}{i}")
        };
        let url = app.url(&path);
        let m = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        sent.push(tokio::spawn(async move {
            http().request(m, url).send().await.unwrap().status()
        }));
    }
    for s in sent {
        assert!(s.await.unwrap().is_client_error());
    }
    let body = http()
        .get(app.url("/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let tag_upper = tag.to_uppercase();
    assert!(
        !body.contains(&tag_upper) && !body.contains(tag),
        "a request's method or path became a label"
    );
    assert!(
        body.lines().any(|l| l.starts_with("http_requests_total")
            && l.contains("route=\"/healthz\"")
            && l.contains("method=\"other\"")),
        "unknown methods are counted as other"
    );
    assert!(body.contains("route=\"/teams/{id}\""));
}

/// With `[metrics] token`, scraping needs it; `lanyard check` refuses a short one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_token_is_required_when_set() {
    const TOKEN: &str = "metrics-scraper-token-0123456789";
    let app = TestApp::start_with(Backend::Sqlite, |c| c.metrics.token = Some(TOKEN.into())).await;
    let get = |auth: Option<&'static str>| {
        let mut req = http().get(app.url("/metrics"));
        if let Some(a) = auth {
            req = req.header("authorization", a);
        }
        req.send()
    };
    for auth in [
        None,
        Some("Bearer wrong-token-wrong-token-00"),
        Some("Basic bWV0cmljczp4"),
    ] {
        let r = get(auth).await.unwrap();
        assert_eq!(r.status(), 401, "{auth:?}");
        assert!(
            r.headers()["www-authenticate"]
                .to_str()
                .unwrap()
                .starts_with("Bearer")
        );
        assert!(!r.text().await.unwrap().contains("http_requests_total"));
    }
    let r = get(Some("Bearer metrics-scraper-token-0123456789"))
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("http_requests_total"));

    let mut short = app.config.clone();
    short.metrics.token = Some("short".into());
    assert!(
        short.problems().iter().any(|p| p.key == "metrics.token"),
        "a trivially short token is a config problem"
    );
}

async fn refresh(app: &TestApp, token: &str, scope: Option<&str>) -> (u16, Value) {
    let mut form = vec![("grant_type", "refresh_token"), ("refresh_token", token)];
    if let Some(s) = scope {
        form.push(("scope", s));
    }
    let (s, v, _) = token_request(app, "webapp", Some(SECRET), &form).await;
    (s, v)
}

async fn refresh_with_a_wider_scope_keeps_the_token(backend: Backend) {
    // No reuse grace, so that the reuse below ends the grant at once.
    let app = TestApp::start_with(backend, |c| {
        c.tokens.refresh_reuse_grace = std::time::Duration::ZERO
    })
    .await;
    app.add_user("rita").await;
    let p = pkce();
    let code = code_for(&app, &browser(), "webapp", Some(&p), "rita").await;
    let (s, tokens) = redeem(&app, &code, &p).await;
    assert_eq!(s, 200, "{tokens}");
    let rt = tokens["refresh_token"].as_str().unwrap();

    // api.read was not granted: refused, and the token is not spent.
    let (s, v) = refresh(&app, rt, Some("openid api.read")).await;
    assert_eq!(
        (s, v["error"].as_str()),
        (400, Some("invalid_scope")),
        "{v}"
    );
    let (s, v) = refresh(&app, rt, Some("openid")).await;
    assert_eq!(s, 200, "the same refresh token still works: {v}");
    // Rotation still holds: the used token is now spent, and reusing it ends the grant.
    let next = v["refresh_token"].as_str().unwrap().to_string();
    let (s, v) = refresh(&app, rt, None).await;
    assert_eq!((s, v["error"].as_str()), (400, Some("invalid_grant")));
    let (s, _) = refresh(&app, &next, None).await;
    assert_eq!(s, 400, "reuse revoked the grant");
}

async fn introspect(app: &TestApp, client: &str, token: &str) -> Value {
    let r = http()
        .post(app.url("/introspect"))
        .basic_auth(client, Some(SECRET))
        .form(&[("token", token)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

async fn introspection_answers_only_the_tokens_own_client(backend: Backend) {
    let app = TestApp::start_with(backend, |c| {
        let mut rs: ClientConfig = c
            .clients
            .iter()
            .find(|x| x.id == "service")
            .unwrap()
            .clone();
        rs.id = "resource".into();
        rs.introspection = Some("any".into());
        c.clients.push(rs);
    })
    .await;
    app.add_user("ivan").await;
    let p = pkce();
    let code = code_for(&app, &browser(), "webapp", Some(&p), "ivan").await;
    let (s, tokens) = redeem(&app, &code, &p).await;
    assert_eq!(s, 200, "{tokens}");
    let (s, cc, _) = token_request(
        &app,
        "service",
        Some(SECRET),
        &[("grant_type", "client_credentials")],
    )
    .await;
    assert_eq!(s, 200, "{cc}");
    let cases = [
        (tokens["access_token"].as_str().unwrap(), "webapp"),
        (tokens["refresh_token"].as_str().unwrap(), "webapp"),
        (cc["access_token"].as_str().unwrap(), "service"),
    ];
    for (token, owner) in cases {
        // Its own client and the resource server learn about it...
        for asker in [owner, "resource"] {
            let v = introspect(&app, asker, token).await;
            assert_eq!(v["active"], true, "{asker} on {owner}'s token: {v}");
            assert_eq!(v["client_id"], owner);
        }
        // ...any other confidential client learns nothing.
        for asker in ["thirdparty", "es256app", "webapp", "service"] {
            if asker == owner {
                continue;
            }
            let v = introspect(&app, asker, token).await;
            assert_eq!(v, json!({"active": false}), "{asker} on {owner}'s token");
        }
    }
}

/// An ID token whose `email` is not an address: refused with a clear page,
/// and no account, identity or session is made.
async fn invalid_upstream_email_is_refused(backend: Backend) {
    let (a, b) = crate::federation::pair(backend, |_, _| vec![]).await;
    let gus = b.state.store().user_by_login("gus").await.unwrap().unwrap();
    // The upstream stores (and asserts, as verified) something that is no address.
    let sql = "UPDATE users SET email = 'gus at example', email_verified = TRUE WHERE id = $1";
    match b.state.store() {
        lanyard::store::Store::Sqlite(p) => {
            sqlx::query(sql).bind(&gus.id).execute(p).await.map(|_| ())
        }
        lanyard::store::Store::Postgres(p) => {
            sqlx::query(sql).bind(&gus.id).execute(p).await.map(|_| ())
        }
    }
    .unwrap();
    let br = browser();
    let back = crate::federation::via_upstream(&a, &b, &br, "/federate/google").await;
    let r = br.get(&back).send().await.unwrap();
    assert_eq!(r.status(), 502);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("Sign-in did not work") && html.contains("email address that is not valid"),
        "{html}"
    );
    assert!(a.state.store().list_users().await.unwrap().is_empty());
    assert_eq!(
        location(&br.get(a.url("/")).send().await.unwrap()),
        "/login",
        "no session"
    );
}

/// The data directory is 0700; the database, its WAL files, the master key and
/// mail files are 0600 (the usual umask 022 would leave them 0755 / 0644).
#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn data_files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let app = TestApp::start_with(Backend::Sqlite, |c| {
        // A data directory that does not exist yet, holding everything.
        c.data_dir = c.data_dir.join("data");
        c.database.url = Some(format!(
            "sqlite://{}",
            c.data_dir.join("lanyard.db").display()
        ));
    })
    .await;
    let user = app.add_user("pia").await;
    lanyard::account::links::send_recovery(&app.state.account(lanyard::oidc::now()), &user)
        .await
        .unwrap();
    app.wait_mail("pia@example.com", "password reset", 1).await;
    let mode = |p: &std::path::Path| {
        std::fs::metadata(p)
            .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
            .permissions()
            .mode()
            & 0o777
    };
    let data = app.config.data_dir.clone();
    assert_eq!(mode(&data), 0o700, "data dir");
    assert_eq!(mode(&app.mail_dir()), 0o700, "mail dir");
    for name in [
        "lanyard.db",
        "lanyard.db-wal",
        "lanyard.db-shm",
        "master.key",
    ] {
        assert_eq!(mode(&data.join(name)), 0o600, "{name}");
    }
    let mails: Vec<_> = std::fs::read_dir(app.mail_dir())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert!(!mails.is_empty());
    for m in mails {
        assert_eq!(mode(&m), 0o600, "{}", m.display());
    }
}

/// A PNG of 7000 × 7000 (49 MP, under 8000 a side) is refused from its header,
/// before seconds of decoding.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn photos_over_the_pixel_budget_are_refused() {
    let app = TestApp::start(Backend::Sqlite).await;
    let user = app.add_user("pavel").await;
    let png = {
        let img = image::GrayImage::new(7000, 7000);
        let mut out = Vec::new();
        img.write_with_encoder(image::codecs::png::PngEncoder::new_with_quality(
            &mut out,
            image::codecs::png::CompressionType::Fast,
            image::codecs::png::FilterType::NoFilter,
        ))
        .unwrap();
        out
    };
    assert!(png.len() < lanyard::account::avatar::MAX_BYTES);
    let b = browser();
    assert_eq!(post_login(&app, &b, "pavel", PASSWORD).await.status(), 303);
    let (_, csrf) = form_page(&b, &app.url("/settings")).await;
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf)
        .text("name", "Pavel")
        .part(
            "photo",
            reqwest::multipart::Part::bytes(png).file_name("big.png"),
        );
    let start = std::time::Instant::now();
    let r = b
        .post(app.url("/settings/profile"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let took = start.elapsed();
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("at most 40 megapixels"));
    assert!(took < std::time::Duration::from_secs(2), "{took:?}");
    let user = app
        .state
        .store()
        .user_by_id(&user.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(user.picture_version, None);
}

/// Following a reset link (and invitation links, directly and through the sign-in
/// page) against `lanyard serve` logging at TRACE leaves no link token in its log.
/// (A child process: a subscriber inside the test binary would share tracing's
/// global per-callsite state with the tests running beside it.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn request_logs_carry_no_link_tokens() {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let base = format!("http://127.0.0.1:{port}");
    let db = format!("sqlite://{}", dir.path().join("lanyard.db").display());
    let (ok, out, err) = crate::cli::lanyard(
        dir.path(),
        &db,
        &base,
        &[
            "user",
            "add",
            "--email",
            "lena@example.com",
            "--username",
            "lena",
        ],
        None,
    );
    assert!(ok, "{err}");
    let link = out
        .split_whitespace()
        .find(|w| w.contains("/reset?token="))
        .unwrap_or_else(|| panic!("no set-password link in {out}"))
        .to_string();
    let token = query_param(&link, "token").unwrap();

    let log_path = dir.path().join("serve.log");
    let mut server = std::process::Command::new(env!("CARGO_BIN_EXE_lanyard"))
        .arg("serve")
        .env("RUST_LOG", "trace")
        .env("LANYARD_ISSUER", &base)
        .env("LANYARD_LISTEN", format!("127.0.0.1:{port}"))
        .env("LANYARD_DATABASE__URL", &db)
        .env("LANYARD_DATA_DIR", dir.path())
        .env_remove("LANYARD_CONFIG")
        .current_dir(dir.path())
        .stdout(std::fs::File::create(dir.path().join("serve.out")).unwrap())
        .stderr(std::fs::File::create(&log_path).unwrap())
        .spawn()
        .unwrap();
    let b = browser();
    let mut up = false;
    for _ in 0..100 {
        if b.get(format!("{base}/healthz")).send().await.is_ok() {
            up = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let invite = "invitation-token-0123456789-abcdefghijklmnop";
    let mut statuses = Vec::new();
    if up {
        for path in [
            link.trim_start_matches(&base).to_string(),
            format!("/confirm?token={invite}"),
            format!("/invite?token={invite}"),
            format!(
                "/login?next={}",
                crate::e2e::urlencode(&format!("/invite?token={invite}"))
            ),
        ] {
            let r = b.get(format!("{base}{path}")).send().await.unwrap();
            statuses.push(r.status().as_u16());
        }
    }
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    server.kill().unwrap();
    server.wait().unwrap();
    let log = without_ansi(&std::fs::read_to_string(&log_path).unwrap());
    assert!(up, "lanyard serve did not start:\n{log}");
    assert_eq!(statuses[0], 200, "the set-password page opened");
    assert!(
        log.contains("uri=/reset?"),
        "the request log was captured:\n{log}"
    );
    assert!(!log.contains(&token), "the reset token was logged");
    assert!(!log.contains(invite), "an invitation token was logged");
    assert!(log.contains("uri=/reset?[redacted]"));
}

/// The text of a log written with colours.
fn without_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            chars.by_ref().find(|c| c.is_ascii_alphabetic());
        } else {
            out.push(c);
        }
    }
    out
}
