//! Three Lanyard processes on one PostgreSQL database act as one: sign in on A,
//! redeem the code on B, refresh with one token on all three at once (the reuse
//! grace), userinfo on A; a key rotated from the CLI is served by all; killing one
//! mid-way loses nothing. Runs when `LANYARD_TEST_POSTGRES_URL` is set.

use crate::common::*;
use crate::errors::pkce;
use serde_json::Value;
use std::{
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

struct Instance {
    base: String,
    child: Child,
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A short reuse grace, so that the test can outwait it.
const GRACE_SECS: u64 = 5;

const CONFIG: &str = r#"
[tokens]
refresh_reuse_grace = "5s"

[[clients]]
id = "webapp"
secret = "webapp-secret-0123456789"
redirect_uris = ["http://127.0.0.1:1/callback"]
grant_types = ["authorization_code", "refresh_token"]
scopes = ["openid", "profile", "email", "offline_access"]
first_party = true

[[clients]]
id = "service"
secret = "webapp-secret-0123456789"
grant_types = ["client_credentials"]
scopes = ["api.read"]
"#;

/// An instance on a port of its own: it has said it listens there (see
/// `spawn_announced`) before it is probed. `issuer` `None`: its own address.
async fn start(dir: &std::path::Path, db: &str, issuer: Option<&str>) -> Instance {
    let (child, port) = spawn_announced(
        |port| {
            let own = format!("http://127.0.0.1:{port}");
            let mut c = Command::new(env!("CARGO_BIN_EXE_lanyard"));
            c.arg("serve")
                .env("RUST_LOG", "info")
                .env("LANYARD_CONFIG", dir.join("lanyard.toml"))
                .env("LANYARD_DATA_DIR", dir)
                .env("LANYARD_DATABASE__URL", db)
                .env("LANYARD_ISSUER", issuer.unwrap_or(&own))
                .env("LANYARD_LISTEN", format!("127.0.0.1:{port}"));
            c
        },
        "Lanyard is serving",
    );
    // Owned by an Instance at once, so a failure below still stops the process.
    let inst = Instance {
        base: format!("http://127.0.0.1:{port}"),
        child,
    };
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(20) {
        if let Ok(r) = http().get(format!("{}/readyz", inst.base)).send().await
            && r.status() == 200
        {
            return inst;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("instance on {port} did not become ready");
}

async fn token(base: &str, form: &[(&str, &str)], client: &str) -> Value {
    let r = http()
        .post(format!("{base}/token"))
        .basic_auth(client, Some(SECRET))
        .form(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "{base}");
    r.json().await.unwrap()
}

fn kid(jwt: &str) -> String {
    use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
    let header: Value = serde_json::from_slice(
        &URL_SAFE_NO_PAD
            .decode(jwt.split('.').next().unwrap())
            .unwrap(),
    )
    .unwrap();
    header["kid"].as_str().unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_instances_act_as_one() {
    let Some(backend) = Backend::postgres_or_skip("the three-instance test") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("lanyard.toml"), CONFIG).unwrap();
    let db = database_url(&backend, dir.path()).await;
    // The issuer is the address people use (a load balancer's); here A's.
    let a = start(dir.path(), &db, None).await;
    let issuer = a.base.clone();
    let b = start(dir.path(), &db, Some(&issuer)).await;
    let mut c = start(dir.path(), &db, Some(&issuer)).await;

    // An account, through the CLI against the same database.
    let mut add = Command::new(env!("CARGO_BIN_EXE_lanyard"))
        .args([
            "user",
            "add",
            "--email",
            "sam@example.com",
            "--username",
            "sam",
            "--password-stdin",
            "--verified",
        ])
        .env("LANYARD_CONFIG", dir.path().join("lanyard.toml"))
        .env("LANYARD_DATA_DIR", dir.path())
        .env("LANYARD_DATABASE__URL", &db)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    use std::io::Write;
    add.stdin
        .take()
        .unwrap()
        .write_all(PASSWORD.as_bytes())
        .unwrap();
    assert!(add.wait().unwrap().success());
    let pool = sqlx::PgPool::connect(&db).await.unwrap();
    sqlx::query("UPDATE users SET onboarded_at = 1")
        .execute(&pool)
        .await
        .unwrap();

    // Sign in on A (a browser, cookies and all).
    let br = browser();
    let p = pkce();
    let url = auth_url_for(&a.base, &p);
    let mut next = url;
    let mut code = None;
    for _ in 0..8 {
        let r = br.get(&next).send().await.unwrap();
        if r.status().is_redirection() {
            let loc = location(&r);
            if loc.starts_with(REDIRECT) {
                code = query_param(&loc, "code");
                break;
            }
            next = absolute(&a.base, &loc);
            continue;
        }
        let html = r.text().await.unwrap();
        let r = br
            .post(format!("{}/login", a.base))
            .form(&[
                ("csrf", hidden(&html, "csrf")),
                ("uid", hidden(&html, "uid")),
                ("identifier", "sam".into()),
                ("password", PASSWORD.into()),
            ])
            .send()
            .await
            .unwrap();
        next = absolute(&a.base, &location(&r));
    }
    let code = code.expect("a code from A");

    // Redeem on B, refresh on C, userinfo on A.
    let t1 = token(
        &b.base,
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", REDIRECT),
            ("code_verifier", &p.verifier),
        ],
        "webapp",
    )
    .await;
    assert!(t1["refresh_token"].is_string(), "{t1}");
    // One refresh token sent to all three at once, twice each (a client loading a
    // page of protected files): within the reuse grace every request gets tokens
    // of the same grant, and the grant lives on.
    let rt1 = t1["refresh_token"].as_str().unwrap().to_string();
    let parallel: Vec<_> = [&a, &b, &c, &a, &b, &c]
        .iter()
        .map(|inst| {
            let (base, rt1) = (inst.base.clone(), rt1.clone());
            tokio::spawn(async move {
                token(
                    &base,
                    &[("grant_type", "refresh_token"), ("refresh_token", &rt1)],
                    "webapp",
                )
                .await
            })
        })
        .collect();
    let mut answers = Vec::new();
    for t in parallel {
        answers.push(t.await.unwrap());
    }
    // The token was rotated before the first answer came.
    let rotated_by = Instant::now();
    let mut fresh: Vec<&str> = answers
        .iter()
        .map(|t| t["refresh_token"].as_str().unwrap())
        .collect();
    fresh.sort();
    fresh.dedup();
    assert_eq!(fresh.len(), answers.len(), "a refresh token per answer");
    for (t, inst) in answers.iter().zip([&a, &b, &c, &a, &b, &c]) {
        let r = http()
            .get(format!("{}/userinfo", inst.base))
            .bearer_auth(t["access_token"].as_str().unwrap())
            .send()
            .await
            .unwrap();
        assert_eq!(
            r.status(),
            200,
            "{}: a token of the grace refused",
            inst.base
        );
    }
    let t2 = answers.swap_remove(0);
    let info: Value = http()
        .get(format!("{}/userinfo", a.base))
        .bearer_auth(t2["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(info["preferred_username"], "sam");
    // Once the grace is over (a second more: the grace is counted in whole
    // seconds), B refuses the old token.
    let wait = Duration::from_secs(GRACE_SECS + 1).saturating_sub(rotated_by.elapsed());
    tokio::time::sleep(wait).await;
    let r = http()
        .post(format!("{}/token", b.base))
        .basic_auth("webapp", Some(SECRET))
        .form(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", t1["refresh_token"].as_str().unwrap()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    // That reuse revoked the grant everywhere: the newest refresh token is refused on
    // A and C, and the access token it came with is refused by all three.
    for inst in [&a, &c] {
        let r = http()
            .post(format!("{}/token", inst.base))
            .basic_auth("webapp", Some(SECRET))
            .form(&[
                ("grant_type", "refresh_token"),
                ("refresh_token", t2["refresh_token"].as_str().unwrap()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400, "{} refreshed a revoked grant", inst.base);
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["error"], "invalid_grant");
    }
    for inst in [&a, &b, &c] {
        let r = http()
            .get(format!("{}/userinfo", inst.base))
            .bearer_auth(t2["access_token"].as_str().unwrap())
            .send()
            .await
            .unwrap();
        assert_eq!(
            r.status(),
            401,
            "{} took a revoked grant's token",
            inst.base
        );
    }
    // Start a fresh grant for what follows.
    let mut next = auth_url_for(&a.base, &p);
    let code = loop {
        let r = br.get(&next).send().await.unwrap();
        let loc = location(&r);
        if loc.starts_with(REDIRECT) {
            break query_param(&loc, "code").unwrap();
        }
        next = absolute(&a.base, &loc);
    };
    let t3 = token(
        &c.base,
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", REDIRECT),
            ("code_verifier", &p.verifier),
        ],
        "webapp",
    )
    .await;

    // Kill C mid-way: what it issued lives on in the database.
    c.child.kill().unwrap();
    c.child.wait().unwrap();
    let t4 = token(
        &a.base,
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", t3["refresh_token"].as_str().unwrap()),
        ],
        "webapp",
    )
    .await;
    let r = http()
        .get(format!("{}/userinfo", b.base))
        .bearer_auth(t4["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);

    // Rotate from the CLI: both live instances sign with the new key within 10 s,
    // and both publish the old and new keys.
    let old_kid = kid(
        token(&a.base, &[("grant_type", "client_credentials")], "service").await["access_token"]
            .as_str()
            .unwrap(),
    );
    let out = Command::new(env!("CARGO_BIN_EXE_lanyard"))
        .args(["keys", "rotate"])
        .env("LANYARD_CONFIG", dir.path().join("lanyard.toml"))
        .env("LANYARD_DATA_DIR", dir.path())
        .env("LANYARD_DATABASE__URL", &db)
        .output()
        .unwrap();
    assert!(out.status.success());
    for inst in [&a, &b] {
        let start = Instant::now();
        loop {
            let t = token(
                &inst.base,
                &[("grant_type", "client_credentials")],
                "service",
            )
            .await;
            if kid(t["access_token"].as_str().unwrap()) != old_kid {
                break;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "{} kept the old key",
                inst.base
            );
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
        let jwks: Value = http()
            .get(format!("{}/jwks", inst.base))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(
            jwks["keys"]
                .as_array()
                .unwrap()
                .iter()
                .any(|k| k["kid"] == old_kid.as_str())
        );
    }
    // Metrics count what happened, per instance.
    let scrape = |base: String| async move {
        http()
            .get(format!("{base}/metrics"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    };
    let (ma, mb) = (scrape(a.base.clone()).await, scrape(b.base.clone()).await);
    let issued =
        |m: &str, grant: &str| series(m, "lanyard_tokens_issued_total", &[("grant", grant)]);
    let token_status = |m: &str, status: &str| {
        series(
            m,
            "http_requests_total",
            &[("route", "/token"), ("method", "POST"), ("status", status)],
        )
    };
    // A: one sign-in, three refreshes (two in the parallel burst, then t4), client
    // credentials until the new key showed, and one refused refresh (the revoked
    // grant's).
    let cc = issued(&ma, "client_credentials");
    assert!(cc >= 2.0, "{ma}");
    assert_eq!(issued(&ma, "refresh_token"), 3.0, "{ma}");
    assert_eq!(issued(&ma, "authorization_code"), 0.0, "{ma}");
    assert_eq!(token_status(&ma, "200"), cc + 3.0, "{ma}");
    assert_eq!(token_status(&ma, "400"), 1.0, "{ma}");
    assert_eq!(
        series(
            &ma,
            "lanyard_sign_ins_total",
            &[("method", "pwd"), ("result", "ok")]
        ),
        1.0,
        "{ma}"
    );
    assert_eq!(
        series(
            &ma,
            "http_request_duration_seconds_count",
            &[("route", "/token")]
        ),
        cc + 4.0,
        "{ma}"
    );
    // B: the code redeemed (t1), two refreshes of the burst, and the reused
    // refresh token refused after the grace.
    let cc_b = issued(&mb, "client_credentials");
    assert_eq!(issued(&mb, "authorization_code"), 1.0, "{mb}");
    assert_eq!(issued(&mb, "refresh_token"), 2.0, "{mb}");
    assert_eq!(token_status(&mb, "200"), cc_b + 3.0, "{mb}");
    assert_eq!(token_status(&mb, "400"), 1.0, "{mb}");
    assert_eq!(
        series(
            &mb,
            "lanyard_sign_ins_total",
            &[("method", "pwd"), ("result", "ok")]
        ),
        0.0,
        "{mb}"
    );
    pool.close().await;
}

fn auth_url_for(base: &str, p: &crate::errors::Pkce) -> String {
    format!(
        "{base}/authorize?response_type=code&client_id=webapp&redirect_uri={}&scope=openid%20profile%20offline_access&state=xyz&nonce=n1&code_challenge={}&code_challenge_method=S256",
        crate::e2e::urlencode(REDIRECT),
        p.challenge
    )
}

/// The sum of the samples of metric `name` whose labels include all of `labels`.
fn series(text: &str, name: &str, labels: &[(&str, &str)]) -> f64 {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let rest = l.strip_prefix(name)?;
            let (labelset, value) = match rest.strip_prefix('{') {
                Some(r) => r.split_once('}')?,
                None if rest.starts_with(' ') => ("", rest),
                None => return None,
            };
            labels
                .iter()
                .all(|(k, v)| labelset.split(',').any(|p| p == format!("{k}=\"{v}\"")))
                .then(|| value.trim().parse::<f64>().ok())?
        })
        .sum()
}

/// A server that loses its port to another process says so by exiting, and
/// `spawn_announced` starts it again on another port: the test never talks to the
/// process that holds the port.
#[tokio::test]
async fn a_server_that_loses_its_port_starts_again_on_another() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("lanyard.toml"), CONFIG).unwrap();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let taken_port = taken.local_addr().unwrap().port();
    let mut tries = Vec::new();
    let (child, port) = spawn_announced(
        |port| {
            // The first start is given the taken port.
            let port = if tries.is_empty() { taken_port } else { port };
            tries.push(port);
            let mut c = Command::new(env!("CARGO_BIN_EXE_lanyard"));
            c.arg("serve")
                .env("RUST_LOG", "info")
                .env("LANYARD_CONFIG", dir.path().join("lanyard.toml"))
                .env("LANYARD_DATA_DIR", dir.path())
                .env("LANYARD_ISSUER", format!("http://127.0.0.1:{port}"))
                .env("LANYARD_LISTEN", format!("127.0.0.1:{port}"));
            c
        },
        "Lanyard is serving",
    );
    let inst = Instance {
        base: format!("http://127.0.0.1:{port}"),
        child,
    };
    assert_eq!(tries.len(), 2, "{tries:?}");
    assert_eq!(tries[0], taken_port);
    assert_ne!(port, taken_port);
    let r = http()
        .get(format!("{}/readyz", inst.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    drop(taken);
}
