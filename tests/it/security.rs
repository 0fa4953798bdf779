//! Issue 5: two-step verification, throttling, headers, secrets at rest, the
//! audit log and master-key rotation.

use crate::common::*;
use crate::errors::{auth_url, pkce, redeem};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use lanyard::{auth::totp, oidc::now, store::Store};
use serde_json::Value;

crate::on_both_backends!(
    two_step_enroll_sign_in_and_recovery_codes,
    wrong_passwords_throttle_one_account_not_another,
    database_holds_no_plaintext_secrets,
    master_key_rotation_and_audit_cli,
    sessions_end_on_the_server_when_idle_or_expired,
);

/// POSTs the sign-in form; returns the response (not followed).
/// Posts a code on the "Code" step; returns the status.
pub(crate) async fn post_code(app: &TestApp, b: &reqwest::Client, code: &str) -> reqwest::Response {
    let (html, csrf) = form_page(b, &app.url("/login/code")).await;
    assert!(
        html.contains(">Code</label>") && html.contains(">Verify</button>"),
        "{html}"
    );
    b.post(app.url("/login/code"))
        .form(&[("csrf", csrf.as_str()), ("code", code)])
        .send()
        .await
        .unwrap()
}

fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let i = html
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in {html}"))
        + start.len();
    let j = html[i..].find(end).unwrap() + i;
    &html[i..j]
}

/// The claims of a JWT (not verified: the test only reads them).
fn claims(jwt: &str) -> Value {
    let payload = jwt.split('.').nth(1).unwrap();
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap()
}

/// Enrolls two-step verification for the signed-in browser `b`; returns the secret,
/// the recovery codes and the code that confirmed the enrollment.
pub(crate) async fn enroll(app: &TestApp, b: &reqwest::Client) -> (Vec<u8>, Vec<String>, String) {
    let (settings, csrf) = form_page(b, &app.url("/settings")).await;
    assert!(settings.contains("Set up two-step verification"));
    let r = b
        .post(app.url("/settings/two-step/setup"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains("src=\"data:image/png;base64,"), "QR code");
    assert!(html.contains("otpauth://totp/"), "the URI as text");
    let b32 = between(&html, "aria-label=\"Secret key\">", "<");
    let secret = totp_rs::Secret::try_from_base32(b32)
        .unwrap()
        .as_bytes()
        .to_vec();
    // A wrong code keeps it off.
    let verify = |code: String| {
        let csrf = csrf.clone();
        async move {
            b.post(app.url("/settings/two-step/verify"))
                .form(&[("csrf", csrf), ("code", code)])
                .send()
                .await
                .unwrap()
        }
    };
    let wrong = format!(
        "{:06}",
        (totp::code_at(&secret, now()).parse::<u32>().unwrap() + 1) % 1_000_000
    );
    assert_eq!(verify(wrong).await.status(), 400);
    let first = totp::code_at(&secret, now());
    let r = verify(first.clone()).await;
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    let codes: Vec<String> = html
        .split("<li><code>")
        .skip(1)
        .map(|s| s[..s.find('<').unwrap()].to_string())
        .collect();
    assert_eq!(codes.len(), 10, "{html}");
    (secret, codes, first)
}

async fn two_step_enroll_sign_in_and_recovery_codes(backend: Backend) {
    let app = TestApp::start(backend).await;
    let user = app.add_user("tess").await;
    let b = browser();
    assert_eq!(post_login(&app, &b, "tess", PASSWORD).await.status(), 303);
    let (secret, codes, first) = enroll(&app, &b).await;
    let settings = b
        .get(app.url("/settings"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(settings.contains("Two-step verification is <strong>on</strong>"));
    assert!(settings.contains("10 recovery codes left"));

    // A new browser: the password leads to the "Code" step, not to a session.
    let b2 = browser();
    let r = post_login(&app, &b2, "tess", PASSWORD).await;
    assert_eq!(location(&r), "/login/code");
    let r = b2.get(app.url("/settings")).send().await.unwrap();
    assert!(
        location(&r).starts_with("/login"),
        "no session before the code"
    );
    // The enrollment's code was used: refused a second time.
    assert_eq!(post_code(&app, &b2, &first).await.status(), 401);
    // The next step's code signs in, through an authorization request.
    let next_code = totp::code_at(&secret, now() + 30);
    let p = pkce();
    let url = auth_url(&app, "webapp", Some(&p), "");
    let r = b2.get(&url).send().await.unwrap();
    assert!(location(&r).contains("/login"));
    let login = absolute(&app.base, &location(&r));
    let (_, csrf) = form_page(&b2, &login).await;
    let html = b2.get(&login).send().await.unwrap().text().await.unwrap();
    let uid = hidden(&html, "uid");
    let r = b2
        .post(app.url("/login"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("uid", uid.as_str()),
            ("identifier", "tess"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(location(&r), "/login/code");
    let r = post_code(&app, &b2, &next_code).await;
    assert_eq!(r.status(), 303);
    // A browser the account never used: its owner is told.
    let notice = app.wait_mail("tess@example.com", "New sign-in", 1).await;
    assert!(notice.text.contains("/settings"), "{}", notice.text);
    let back = authorize_with_login(
        &app,
        &b2,
        &absolute(&app.base, &location(&r)),
        "tess",
        PASSWORD,
        Consent::No,
    )
    .await;
    let code = query_param(&back, "code").unwrap();
    let (s, tokens) = redeem(&app, &code, &p).await;
    assert_eq!(s, 200, "{tokens}");
    let id = claims(tokens["id_token"].as_str().unwrap());
    assert_eq!(id["amr"], serde_json::json!(["pwd", "otp", "mfa"]));

    // The same code again, from a third browser: refused.
    let b3 = browser();
    post_login(&app, &b3, "tess", PASSWORD).await;
    assert_eq!(post_code(&app, &b3, &next_code).await.status(), 401);
    // A recovery code works once.
    assert_eq!(post_code(&app, &b3, &codes[0]).await.status(), 303);
    let b4 = browser();
    post_login(&app, &b4, "tess", PASSWORD).await;
    assert_eq!(post_code(&app, &b4, &codes[0]).await.status(), 401);
    assert_eq!(
        post_code(&app, &b4, &codes[1].to_uppercase())
            .await
            .status(),
        303
    );

    // Recovery by email sets a new password but does not skip the second factor.
    let token = lanyard::crypto::random_token();
    app.state
        .store()
        .create_password_reset(
            &lanyard::crypto::token_hash(&token),
            &user.id,
            now(),
            now() + 3600,
        )
        .await
        .unwrap();
    let b5 = browser();
    let (_, csrf) = form_page(&b5, &app.url(&format!("/reset?token={token}"))).await;
    let r = b5
        .post(app.url("/reset"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("token", token.as_str()),
            ("password", "a brand new passphrase"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = post_login(&app, &b5, "tess", "a brand new passphrase").await;
    assert_eq!(location(&r), "/login/code");

    // Turning it off needs the password.
    let b6 = browser();
    post_login(&app, &b6, "tess", "a brand new passphrase").await;
    assert_eq!(post_code(&app, &b6, &codes[2]).await.status(), 303);
    let (_, csrf) = form_page(&b6, &app.url("/settings")).await;
    for (password, answer) in [
        ("not the password", "/settings?error=two_step_wrong"),
        ("a brand new passphrase", "/settings?done=two_step_off"),
    ] {
        let r = b6
            .post(app.url("/settings/two-step/disable"))
            .form(&[("csrf", csrf.as_str()), ("password", password)])
            .send()
            .await
            .unwrap();
        assert_eq!(location(&r), answer);
    }
    let b7 = browser();
    let r = post_login(&app, &b7, "tess", "a brand new passphrase").await;
    assert_ne!(location(&r), "/login/code");

    // Each step is in the audit log.
    let events: Vec<String> = app
        .state
        .store()
        .audit_records(Some(&user.id), 0, 1000)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.event)
        .collect();
    for e in [
        "two_step_enabled",
        "second_factor_failed",
        "recovery_code_used",
        "password_reset",
        "two_step_disabled",
        "sign_in",
    ] {
        assert!(events.iter().any(|x| x == e), "{e} missing from {events:?}");
    }
}

async fn wrong_passwords_throttle_one_account_not_another(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.stop_throttle_clock();
    app.add_user("victim").await;
    app.add_user("bystander").await;
    let attacker = browser();
    let mut statuses = Vec::new();
    for _ in 0..30 {
        let r = post_login(&app, &attacker, "victim", "wrong password").await;
        let status = r.status().as_u16();
        if status == 429 {
            let retry: u64 = r.headers()["retry-after"]
                .to_str()
                .unwrap()
                .parse()
                .unwrap();
            assert!((1..=300).contains(&retry), "Retry-After {retry}");
        }
        statuses.push(status);
    }
    // After the free tries, each further try must wait (1 s, 2 s, 4 s…); the
    // throttle's clock stands still, so every one of them falls within its wait.
    let limit = app.config.rate_limit.account_failures as usize;
    assert!(statuses[..limit].iter().all(|s| *s == 401), "{statuses:?}");
    assert!(statuses[limit..].iter().all(|s| *s == 429), "{statuses:?}");
    // Throttled means not even checked: the right password waits too...
    assert_eq!(
        post_login(&app, &attacker, "victim", PASSWORD)
            .await
            .status(),
        429
    );
    // ...while another account signs in from the same address.
    let r = post_login(&app, &browser(), "bystander", PASSWORD).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    // Every instance on the database shares the counter: it is a row.
    // The counter is that of what was typed (issue 11 item 5).
    let store = app.state.store();
    let (hits, _) = store
        .rate_counter("login:identifier:victim")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        hits as usize, limit,
        "throttled tries are not counted as guesses"
    );
}

/// Every text and byte value in the database, one string per row.
async fn dump(store: &Store) -> Vec<String> {
    use sqlx::{Column, Row};
    let mut out = Vec::new();
    match store {
        Store::Sqlite(p) => {
            let tables: Vec<String> = sqlx::query_scalar(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            )
            .fetch_all(p)
            .await
            .unwrap();
            for t in tables {
                let rows = sqlx::query(sqlx::AssertSqlSafe(format!("SELECT * FROM \"{t}\"")))
                    .fetch_all(p)
                    .await
                    .unwrap();
                for row in rows {
                    let mut line = format!("{t}:");
                    for c in row.columns() {
                        let i = c.ordinal();
                        if let Ok(Some(s)) = row.try_get::<Option<String>, _>(i) {
                            line.push_str(&s);
                        } else if let Ok(Some(b)) = row.try_get::<Option<Vec<u8>>, _>(i) {
                            line.push_str(&String::from_utf8_lossy(&b));
                            line.push_str(&lanyard::crypto::hex_encode(&b));
                        }
                        line.push('|');
                    }
                    out.push(line);
                }
            }
        }
        Store::Postgres(p) => {
            let tables: Vec<String> = sqlx::query_scalar(
                "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public'",
            )
            .fetch_all(p)
            .await
            .unwrap();
            for t in tables {
                // A row as text shows byte columns as hex (\x…).
                let rows: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                    "SELECT t::text FROM \"{t}\" t"
                )))
                .fetch_all(p)
                .await
                .unwrap();
                out.extend(rows.into_iter().map(|r| format!("{t}:{r}")));
            }
        }
    }
    out
}

async fn database_holds_no_plaintext_secrets(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.add_user("sam").await;
    let b = browser();
    assert_eq!(post_login(&app, &b, "sam", PASSWORD).await.status(), 303);
    let (secret, codes, _) = enroll(&app, &b).await;
    // Tokens of a full authorization: code, access, refresh and ID token.
    let p = pkce();
    let b2 = browser();
    let url = auth_url(&app, "webapp", Some(&p), "");
    let r = b2.get(&url).send().await.unwrap();
    let login = absolute(&app.base, &location(&r));
    let html = b2.get(&login).send().await.unwrap().text().await.unwrap();
    let r = b2
        .post(app.url("/login"))
        .form(&[
            ("csrf", hidden(&html, "csrf").as_str()),
            ("uid", hidden(&html, "uid").as_str()),
            ("identifier", "sam"),
            ("password", PASSWORD),
            ("remember", "on"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(location(&r), "/login/code");
    let r = post_code(&app, &b2, &codes[0]).await;
    let back = authorize_with_login(
        &app,
        &b2,
        &absolute(&app.base, &location(&r)),
        "sam",
        PASSWORD,
        Consent::No,
    )
    .await;
    let code = query_param(&back, "code").unwrap();
    let (s, tokens) = redeem(&app, &code, &p).await;
    assert_eq!(s, 200);
    // A pending recovery link and a queued mail.
    let (_, csrf) = form_page(&b, &app.url("/settings")).await;
    b.post(app.url("/settings/email"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("email", "sam.new@example.com"),
            ("current", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    let change = app.wait_mail("sam.new@example.com", "", 1).await;
    let change_token =
        query_param(&absolute(&app.base, &change.link("/confirm")), "token").unwrap();

    let rows = dump(app.state.store()).await.join("\n");
    assert!(
        rows.contains("sam@example.com"),
        "the dump reads the database"
    );
    let b32 = totp_rs::Secret::new(secret.clone().into_boxed_slice()).to_base32();
    let mut needles: Vec<(&str, String)> = vec![
        ("password", PASSWORD.to_string()),
        ("TOTP secret (base32)", b32),
        ("TOTP secret (hex)", lanyard::crypto::hex_encode(&secret)),
        ("authorization code", code.clone()),
        (
            "access token",
            tokens["access_token"].as_str().unwrap().to_string(),
        ),
        (
            "refresh token",
            tokens["refresh_token"].as_str().unwrap().to_string(),
        ),
        ("email change token", change_token),
        ("client secret", SECRET.to_string()),
    ];
    for c in &codes {
        needles.push(("recovery code", c.clone()));
        needles.push(("recovery code", c.replace('-', "")));
    }
    for (what, n) in &needles {
        assert!(
            !rows.contains(n.as_str()),
            "the database holds a plaintext {what}"
        );
    }
    // Signing keys are sealed: no PKCS#8 header bytes in the clear.
    assert!(!rows.contains("PRIVATE KEY"));
}

/// The security headers every response carries, pages and redirects and errors
/// alike (SPEC: strict CSP, no framing).
fn assert_page_headers(what: &str, r: &reqwest::Response, https: bool) {
    let h = r.headers();
    let csp = h
        .get("content-security-policy")
        .unwrap_or_else(|| panic!("{what}: no CSP"));
    let csp = csp.to_str().unwrap();
    assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
    assert!(csp.contains("script-src 'self'"), "{what}: {csp}");
    assert!(
        !csp.contains("script-src 'self' 'unsafe-inline'"),
        "{what}: {csp}"
    );
    assert_eq!(h["x-content-type-options"], "nosniff", "{what}");
    assert!(h.contains_key("referrer-policy"), "{what}");
    assert_eq!(h["x-frame-options"], "DENY", "{what}");
    assert_eq!(
        h.contains_key("strict-transport-security"),
        https,
        "{what}: HSTS"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_html_response_carries_the_security_headers() {
    let app = TestApp::start(Backend::Sqlite).await;
    app.stop_throttle_clock();
    app.add_user("hana").await;
    let anon = browser();
    let signed_in = browser();
    assert_eq!(
        post_login(&app, &signed_in, "hana", PASSWORD)
            .await
            .status(),
        303
    );
    let pages = [
        (&anon, "/"),
        (&anon, "/login"),
        (&anon, "/signup"),
        (&anon, "/recover"),
        (&anon, "/accounts"),
        (&anon, "/terms"),
        (&anon, "/no-such-page"),
        (&anon, "/login/code"),
        (&anon, "/reset?token=nope"),
        (&anon, "/confirm?token=nope"),
        (&anon, "/invite?token=nope"),
        (&anon, "/consent?uid=nope"),
        (&anon, "/authorize?client_id=nobody"),
        (&anon, "/logout"),
        (&signed_in, "/"),
        (&signed_in, "/settings"),
        (&signed_in, "/teams"),
        (&signed_in, "/accounts"),
        (&signed_in, "/onboarding/team"),
    ];
    let mut seen = 0;
    for (b, path) in pages {
        // Redirects carry the headers too; the page they lead to must be HTML.
        let mut url = app.url(path);
        let mut hops = 0;
        let r = loop {
            let r = b.get(&url).send().await.unwrap();
            assert_page_headers(&format!("{path} → {url}"), &r, false);
            if !r.status().is_redirection() {
                break r;
            }
            url = absolute(&app.base, &location(&r));
            assert!(url.starts_with(&app.base), "{path} left the server: {url}");
            hops += 1;
            assert!(hops < 5, "{path}: too many redirects");
        };
        let ct = r
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default();
        assert!(
            ct.starts_with("text/html"),
            "{path} ({url}, {}) is not an HTML page: {ct:?}",
            r.status()
        );
        seen += 1;
        let html = r.text().await.unwrap();
        assert!(!html.contains("<script>"), "{path}: inline script");
    }
    assert_eq!(seen, pages.len());
    // Refusals and errors are pages too: no CSRF token, wrong password, throttled.
    let r = anon
        .post(app.url("/login"))
        .form(&[("identifier", "hana"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        403,
        "a login POST without its CSRF token is refused"
    );
    assert_page_headers("login without csrf", &r, false);
    for _ in 0..=app.config.rate_limit.account_failures {
        let r = post_login(&app, &anon, "hana", "wrong").await;
        assert_page_headers("failed login", &r, false);
    }
    let r = post_login(&app, &anon, "hana", "wrong").await;
    assert_eq!(r.status(), 429);
    assert_page_headers("throttled login", &r, false);

    // Under an https issuer, HSTS too.
    let tls = TestApp::start_with(Backend::Sqlite, |c| {
        c.issuer = "https://id.example.test".into()
    })
    .await;
    for path in ["/login", "/signup", "/no-such-page"] {
        let r = http().get(tls.url(path)).send().await.unwrap();
        assert_page_headers(path, &r, true);
        if let Some(cookie) = r.headers().get("set-cookie") {
            let cookie = cookie.to_str().unwrap();
            assert!(
                cookie.starts_with("__Host-") && cookie.contains("Secure"),
                "{cookie}"
            );
        } else {
            assert_eq!(path, "/no-such-page", "a form page sets its CSRF cookie");
        }
    }
}

async fn master_key_rotation_and_audit_cli(backend: Backend) {
    let app = TestApp::start(backend).await;
    let user = app.add_user("rosa").await;
    let b = browser();
    assert_eq!(post_login(&app, &b, "rosa", PASSWORD).await.status(), 303);
    let (secret, _, _) = enroll(&app, &b).await;
    let (dir, db, issuer) = (app.data_dir(), app.db_url(), app.base.clone());
    let run = move |args: Vec<String>| {
        let (dir, db, issuer) = (dir.clone(), db.clone(), issuer.clone());
        tokio::task::spawn_blocking(move || {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            crate::cli::lanyard(&dir, &db, &issuer, &args, None)
        })
    };
    let (ok, out, err) = run(vec!["secrets".into(), "rotate-master-key".into()])
        .await
        .unwrap();
    assert!(ok, "{err}");
    assert!(out.contains("re-sealed 1 value(s) in users"), "{out}");
    assert!(out.contains("in signing_keys"), "{out}");
    let key_file = std::fs::read_to_string(app.config.master_key_file()).unwrap();
    assert_eq!(
        key_file.lines().count(),
        2,
        "the old key stays to open older values"
    );

    // The running instance picks the new key up and keeps working: the TOTP
    // secret (re-sealed under the new key) still checks codes, tokens still sign.
    app.state.provider.master.reload().unwrap();
    let b2 = browser();
    let r = post_login(&app, &b2, "rosa", PASSWORD).await;
    assert_eq!(location(&r), "/login/code");
    let code = totp::code_at(&secret, now() + 30);
    assert_eq!(post_code(&app, &b2, &code).await.status(), 303);
    let sealed = app
        .state
        .store()
        .totp_secret(&user.id)
        .await
        .unwrap()
        .unwrap();
    assert!(app.state.provider.master.is_current(&sealed));
    let p = pkce();
    let back = authorize_with_login(
        &app,
        &b2,
        &auth_url(&app, "webapp", Some(&p), ""),
        "rosa",
        PASSWORD,
        Consent::No,
    )
    .await;
    let (s, _) = redeem(&app, &query_param(&back, "code").unwrap(), &p).await;
    assert_eq!(s, 200);

    // A wrong code, so that the log holds a second-factor failure to list.
    let b3 = browser();
    let r = post_login(&app, &b3, "rosa", PASSWORD).await;
    assert_eq!(location(&r), "/login/code");
    let right = totp::code_at(&secret, now()).parse::<u32>().unwrap();
    let wrong = format!("{:06}", (right + 500_000) % 1_000_000);
    assert_ne!(post_code(&app, &b3, &wrong).await.status(), 303);

    // `lanyard audit --user` lists the account's events; `--since` filters by time.
    let (ok, out, err) = run(vec!["audit".into(), "--user".into(), "rosa".into()])
        .await
        .unwrap();
    assert!(ok, "{err}");
    for e in ["sign_in ", "two_step_enabled", "second_factor_failed"] {
        assert!(out.contains(e), "{e} missing:\n{out}");
    }
    assert!(out.contains("ip=127.0.0.1"), "{out}");
    assert!(
        !out.contains("secrets rotate-master-key"),
        "admin records have no user"
    );
    let (ok, out, _) = run(vec!["audit".into(), "--since".into(), "1h".into()])
        .await
        .unwrap();
    assert!(ok && out.contains("secrets rotate-master-key"), "{out}");
    let (ok, out, _) = run(vec!["audit".into(), "--since".into(), "2999-01-01".into()])
        .await
        .unwrap();
    assert!(ok && out.trim().is_empty(), "{out}");
    let (ok, _, err) = run(vec![
        "audit".into(),
        "--since".into(),
        "yesterday-ish".into(),
    ])
    .await
    .unwrap();
    assert!(!ok && err.contains("--since"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serves_https_from_the_tls_section() {
    use lanyard::{
        app::{build_state, serve_tls_on, tls_config},
        config::{Config, TlsConfig},
    };
    let dir = tempfile::tempdir().unwrap();
    let cert = rcgen::generate_simple_self_signed(vec!["localhost".into()]).unwrap();
    let (cert_file, key_file) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    std::fs::write(&cert_file, cert.cert.pem()).unwrap();
    std::fs::write(&key_file, cert.signing_key.serialize_pem()).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let mut config = Config {
        issuer: format!("https://localhost:{}", addr.port()),
        listen: addr.to_string(),
        data_dir: dir.path().to_path_buf(),
        tls: Some(TlsConfig {
            cert: cert_file.clone(),
            key: key_file.clone(),
        }),
        ..Config::default()
    };
    config.database.url = Some(format!("sqlite://{}/lanyard.db", dir.path().display()));
    assert!(config.problems().is_empty(), "{:?}", config.problems());
    let tls = tls_config(config.tls.as_ref().unwrap()).unwrap();
    let state = build_state(config).await.unwrap();
    let server = tokio::spawn(serve_tls_on(listener, state, tls));

    let client = reqwest::Client::builder()
        .add_root_certificate(reqwest::Certificate::from_pem(cert.cert.pem().as_bytes()).unwrap())
        .resolve("localhost", addr)
        .build()
        .unwrap();
    let base = format!("https://localhost:{}", addr.port());
    let r = client.get(format!("{base}/login")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_page_headers("/login over TLS", &r, true);
    let d: Value = client
        .get(format!("{base}/.well-known/openid-configuration"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(d["issuer"], base);
    // Plain HTTP on the TLS port gets no page.
    let plain = http().get(format!("http://{addr}/login")).send().await;
    match plain {
        // The TLS listener drops a plain-text request, or answers it with no page.
        Err(e) => assert!(!e.is_timeout(), "{e}"),
        Ok(r) => {
            let status = r.status();
            let body = r.text().await.unwrap_or_default();
            assert!(
                !status.is_success() && !body.contains("Sign In"),
                "plain HTTP got {status}: {body}"
            );
        }
    }
    server.abort();

    // A key that is not PEM is named in the error.
    std::fs::write(&key_file, "not a key").unwrap();
    let err = tls_config(&TlsConfig {
        cert: cert_file,
        key: key_file,
    })
    .unwrap_err();
    assert!(format!("{err:#}").contains("tls.key"), "{err:#}");
}

async fn sessions_end_on_the_server_when_idle_or_expired(backend: Backend) {
    use crate::errors::exec_sql;
    let app = TestApp::start(backend).await;
    app.add_user("ida").await;
    let signed_in = |b: reqwest::Client| {
        let url = app.url("/settings");
        async move { b.get(url).send().await.unwrap().status() == 200 }
    };
    // Idle: a session unused past `sessions.idle` ends, though its cookie lives on.
    let b = browser();
    assert_eq!(post_login(&app, &b, "ida", PASSWORD).await.status(), 303);
    assert!(signed_in(b.clone()).await);
    exec_sql(&app, "UPDATE sessions SET idle_until = 1").await;
    assert!(!signed_in(b.clone()).await, "idle session ended");
    // Absolute: past its lifetime, however busy.
    let b = browser();
    assert_eq!(post_login(&app, &b, "ida", PASSWORD).await.status(), 303);
    exec_sql(&app, "UPDATE sessions SET expires_at = 1").await;
    assert!(!signed_in(b.clone()).await, "expired session ended");
    // Use keeps it alive: each page moves the idle deadline forward.
    let b = browser();
    assert_eq!(post_login(&app, &b, "ida", PASSWORD).await.status(), 303);
    exec_sql(&app, "UPDATE sessions SET idle_until = idle_until - 604000").await;
    assert!(signed_in(b.clone()).await);
    let sql = "SELECT MAX(idle_until) FROM sessions WHERE expires_at > 1";
    let idle_until: i64 = match app.state.store() {
        Store::Sqlite(p) => sqlx::query_scalar(sql).fetch_one(p).await.unwrap(),
        Store::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await.unwrap(),
    };
    assert!(idle_until > now() + 600_000, "the deadline moved forward");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forwarded_for_is_believed_only_from_trusted_proxies() {
    for (trusted, expect) in [
        (vec![], "127.0.0.1"),
        (vec!["127.0.0.0/8".to_string()], "203.0.113.7"),
    ] {
        let app = TestApp::start_with(Backend::Sqlite, |c| c.proxy.trusted = trusted).await;
        let user = app.add_user("pia").await;
        let b = browser();
        let (_, csrf) = form_page(&b, &app.url("/login")).await;
        b.post(app.url("/login"))
            .header("x-forwarded-for", "198.51.100.1, 203.0.113.7")
            .form(&[
                ("csrf", csrf.as_str()),
                ("identifier", "pia"),
                ("password", "wrong"),
            ])
            .send()
            .await
            .unwrap();
        let records = app
            .state
            .store()
            .audit_records(Some(&user.id), 0, 10)
            .await
            .unwrap();
        assert_eq!(records[0].event, "sign_in_failed");
        assert_eq!(records[0].ip.as_deref(), Some(expect));
    }
}

/// The server's maintenance loop (`spawn_maintenance`, run by every instance) prunes
/// the audit log after `audit.retention` (400 days by default) and purges expired
/// rows, leaving the live ones.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audit_log_is_pruned_after_its_retention() {
    use lanyard::store::audit::NewAuditRecord;
    let app = TestApp::start(Backend::Sqlite).await;
    app.add_user("pia").await;
    let store = app.state.store();
    let now = now();
    for (event, at) in [("long_ago", now - 401 * 86400), ("lately", now - 86400)] {
        let r = NewAuditRecord {
            event,
            user_id: None,
            ip: None,
            user_agent: None,
            detail: None,
        };
        store.append_audit(&r, at).await.unwrap();
    }
    let retention = app.state.config.audit.retention.as_secs() as i64;
    assert_eq!(retention, 400 * 86400);
    // Two sessions and two pending authorization requests; the first of each is
    // made to expire before the second is made.
    let (stale, live) = (browser(), browser());
    let Store::Sqlite(pool) = store else {
        unreachable!()
    };
    for (i, b) in [&stale, &live].into_iter().enumerate() {
        assert_eq!(post_login(&app, b, "pia", PASSWORD).await.status(), 303);
        let r = browser()
            .get(auth_url(&app, "webapp", Some(&pkce()), ""))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
        if i > 0 {
            continue;
        }
        for sql in [
            "UPDATE sessions SET expires_at = 1",
            "UPDATE interactions SET expires_at = 1",
        ] {
            let done = sqlx::query(sql).execute(pool).await.unwrap();
            assert_eq!(done.rows_affected(), 1, "{sql}");
        }
    }
    assert_eq!(count_rows(&app, "sessions").await, 2);
    assert_eq!(count_rows(&app, "interactions").await, 2);
    // The loop's first round runs at once; later ones purge every 5 minutes.
    let maintenance = lanyard::app::spawn_maintenance(app.state.clone());
    let mut left = Vec::new();
    for _ in 0..100 {
        left = store
            .audit_records(None, 0, 100)
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.event)
            .filter(|e| e != "sign_in")
            .collect();
        if left.len() == 1
            && count_rows(&app, "sessions").await == 1
            && count_rows(&app, "interactions").await == 1
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    maintenance.abort();
    assert_eq!(left, ["lately"]);
    assert_eq!(
        count_rows(&app, "sessions").await,
        1,
        "expired session purged"
    );
    assert_eq!(
        count_rows(&app, "interactions").await,
        1,
        "expired request purged"
    );
    let signed_in = |b: reqwest::Client| {
        let url = app.url("/settings");
        async move { b.get(url).send().await.unwrap().status() == 200 }
    };
    assert_eq!(
        (signed_in(stale).await, signed_in(live).await),
        (false, true),
        "only the unexpired session is left"
    );
}
