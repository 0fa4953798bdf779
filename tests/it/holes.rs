//! Paths no other test took (issue 19, holes to fill): POST /authorize, refresh by
//! another client and for a disabled account, a retired signing key leaving the
//! JWKS, TLS as `lanyard serve` sets it up, and the master-key rotation re-sealing
//! mail and federation state.

use crate::common::*;
use crate::errors::{auth_url, code_for, pkce, redeem, token_request};
use crate::federation::decode_claims;
use serde_json::Value;
use std::time::{Duration, Instant};

crate::on_both_backends!(
    authorize_by_form_post_works_like_get,
    refresh_by_another_client_or_for_a_disabled_account_is_refused,
    a_retired_key_leaves_the_jwks,
    master_key_rotation_reseals_mail_and_federation_state,
);

/// The query of `url` as form fields.
fn fields(url: &str) -> Vec<(String, String)> {
    url::Url::parse(url)
        .unwrap()
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// OIDC Core §3.1.2.1: the same request as a form POST gets the same answers: a
/// code for a signed-in browser, the login page (then a code) for a signed-out one,
/// an error redirect for a bad scope, an error page for a bad redirect_uri.
async fn authorize_by_form_post_works_like_get(backend: Backend) {
    let app = TestApp::start(backend).await;
    let alice = app.add_user("alice").await;
    let post = |b: reqwest::Client, form: Vec<(String, String)>| {
        let app = &app;
        async move {
            let r = b
                .post(app.url("/authorize"))
                .form(&form)
                .send()
                .await
                .unwrap();
            let status = r.status().as_u16();
            let to = r
                .headers()
                .get("location")
                .map(|l| absolute(&app.base, l.to_str().unwrap()));
            (status, to, r.text().await.unwrap())
        }
    };
    let redeemed_sub = |to: String, p: crate::errors::Pkce| {
        let app = &app;
        async move {
            assert!(to.starts_with(REDIRECT), "{to}");
            assert_eq!(query_param(&to, "state").as_deref(), Some("xyz"));
            let (s, body) = redeem(app, &query_param(&to, "code").unwrap(), &p).await;
            assert_eq!(s, 200, "{body}");
            decode_claims(body["id_token"].as_str().unwrap())["sub"]
                .as_str()
                .unwrap()
                .to_string()
        }
    };

    // Signed out: the login page of a pending request, which then ends in a code.
    let b = browser();
    let p = pkce();
    let (s, to, body) = post(b.clone(), fields(&auth_url(&app, "webapp", Some(&p), ""))).await;
    assert_eq!(s, 303, "{body}");
    let login = to.unwrap();
    assert!(login.contains("/login?uid="), "{login}");
    let back = authorize_with_login(&app, &b, &login, "alice", PASSWORD, Consent::No).await;
    assert_eq!(redeemed_sub(back, p).await, alice.id);

    // Signed in: straight back with a code.
    let p = pkce();
    let (s, to, body) = post(b.clone(), fields(&auth_url(&app, "webapp", Some(&p), ""))).await;
    assert_eq!(s, 303, "{body}");
    assert_eq!(redeemed_sub(to.unwrap(), p).await, alice.id);

    // A scope the client may not ask for: an error at the redirect URI.
    let mut form = fields(&auth_url(&app, "webapp", None, ""));
    form.retain(|(k, _)| k != "scope");
    form.push(("scope".into(), "openid admin.everything".into()));
    let (s, to, _) = post(b.clone(), form).await;
    assert_eq!(s, 303);
    let to = to.unwrap();
    assert!(to.starts_with(REDIRECT), "{to}");
    assert_eq!(query_param(&to, "error").as_deref(), Some("invalid_scope"));

    // A redirect URI the client does not have: a page here, no redirect.
    let mut form = fields(&auth_url(&app, "webapp", None, ""));
    form.retain(|(k, _)| k != "redirect_uri");
    form.push(("redirect_uri".into(), "https://evil.example/cb".into()));
    let (s, to, html) = post(b.clone(), form).await;
    assert_eq!((s, to), (400, None));
    assert!(html.contains("This sign-in link is not valid"), "{html}");
}

async fn refresh(app: &TestApp, client: &str, token: &str) -> (u16, Value) {
    let (s, v, _) = token_request(
        app,
        client,
        Some(SECRET),
        &[("grant_type", "refresh_token"), ("refresh_token", token)],
    )
    .await;
    (s, v)
}

/// A refresh token of `webapp` presented by `thirdparty` (or by `postapp` with its
/// secret in the body) is refused and stays the owner's; a disabled account's
/// refresh token is refused while it is disabled, and an admin's `user disable`
/// ends it for good.
async fn refresh_by_another_client_or_for_a_disabled_account_is_refused(backend: Backend) {
    let app = TestApp::start(backend).await;
    let alice = app.add_user("alice").await;
    let p = pkce();
    let code = code_for(&app, &browser(), "webapp", Some(&p), "alice").await;
    let (s, tokens) = redeem(&app, &code, &p).await;
    assert_eq!(s, 200, "{tokens}");
    let rt = tokens["refresh_token"].as_str().unwrap().to_string();

    let (s, v) = refresh(&app, "thirdparty", &rt).await;
    assert_eq!(
        (s, v["error"].as_str()),
        (400, Some("invalid_grant")),
        "{v}"
    );
    let (s, v, _) = token_request(
        &app,
        "postapp",
        None,
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", &rt),
            ("client_id", "postapp"),
            ("client_secret", SECRET),
        ],
    )
    .await;
    assert_eq!(
        (s, v["error"].as_str()),
        (400, Some("invalid_grant")),
        "{v}"
    );
    // Still the owner's, and unspent.
    let (s, v) = refresh(&app, "webapp", &rt).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(
        decode_claims(v["id_token"].as_str().unwrap())["sub"],
        alice.id.as_str()
    );
    let rt = v["refresh_token"].as_str().unwrap().to_string();

    // Disabled (the flag alone, nothing revoked): refused. (The refusal comes after
    // the rotation, so this token is spent by it; see the report of issue 19.)
    let store = app.state.store();
    let now = lanyard::oidc::now();
    store.set_user_disabled(&alice.id, true, now).await.unwrap();
    let (s, v) = refresh(&app, "webapp", &rt).await;
    assert_eq!(
        (s, v["error"].as_str()),
        (400, Some("invalid_grant")),
        "{v}"
    );
    store
        .set_user_disabled(&alice.id, false, now)
        .await
        .unwrap();

    let p = pkce();
    let code = code_for(&app, &browser(), "webapp", Some(&p), "alice").await;
    let (s, tokens) = redeem(&app, &code, &p).await;
    assert_eq!(s, 200, "{tokens}");
    let rt = tokens["refresh_token"].as_str().unwrap().to_string();
    // `lanyard user disable` ends the grant: refused, also after `user enable`.
    let (dir, db, issuer) = (app.data_dir(), app.db_url(), app.base.clone());
    let cli = move |args: &'static [&'static str]| {
        let (dir, db, issuer) = (dir.clone(), db.clone(), issuer.clone());
        tokio::task::spawn_blocking(move || crate::cli::lanyard(&dir, &db, &issuer, args, None))
    };
    let (ok, _, err) = cli(&["user", "disable", "alice"]).await.unwrap();
    assert!(ok, "{err}");
    let (s, v) = refresh(&app, "webapp", &rt).await;
    assert_eq!(
        (s, v["error"].as_str()),
        (400, Some("invalid_grant")),
        "{v}"
    );
    let (ok, _, err) = cli(&["user", "enable", "alice"]).await.unwrap();
    assert!(ok, "{err}");
    let (s, v) = refresh(&app, "webapp", &rt).await;
    assert_eq!(
        (s, v["error"].as_str()),
        (400, Some("invalid_grant")),
        "{v}"
    );
}

fn kid(jwt: &str) -> String {
    let header = jwt.split('.').next().unwrap();
    decode_claims(&format!("x.{header}.y"))["kid"]
        .as_str()
        .unwrap()
        .to_string()
}

async fn jwks_kids(app: &TestApp) -> Vec<String> {
    let jwks: Value = http()
        .get(app.url("/jwks"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    jwks["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["kid"].as_str().unwrap().to_string())
        .collect()
}

/// Polls `/jwks` (up to 30 s, the maintenance loop reloads every 5 s) until `done`.
async fn wait_jwks(app: &TestApp, what: &str, done: impl Fn(&[String]) -> bool) -> Vec<String> {
    let start = Instant::now();
    loop {
        let kids = jwks_kids(app).await;
        if done(&kids) {
            return kids;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "{what}: JWKS still {kids:?}"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// After `lanyard keys rotate` the old keys stay published for the retention time,
/// then leave the JWKS on a running server by themselves, and what they signed no
/// longer verifies; `keys list` calls them retired.
async fn a_retired_key_leaves_the_jwks(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.add_user("ivy").await;
    let p = pkce();
    let code = code_for(&app, &browser(), "webapp", Some(&p), "ivy").await;
    let (_, before) = redeem(&app, &code, &p).await;
    let old_at = before["access_token"].as_str().unwrap().to_string();
    let old_kid = kid(&old_at);
    let published = jwks_kids(&app).await;
    assert!(published.contains(&old_kid), "{published:?}");

    let (dir, db, issuer) = (app.data_dir(), app.db_url(), app.base.clone());
    let cli = move |args: &'static [&'static str]| {
        let (dir, db, issuer) = (dir.clone(), db.clone(), issuer.clone());
        tokio::task::spawn_blocking(move || crate::cli::lanyard(&dir, &db, &issuer, args, None))
    };
    let (ok, out, err) = cli(&["keys", "rotate"]).await.unwrap();
    assert!(ok, "{err}");
    assert!(out.contains("new RS256 signing key"), "{out}");
    let rotated = wait_jwks(&app, "rotation", |k| k.len() == 2 * published.len()).await;
    assert!(rotated.contains(&old_kid), "{rotated:?}");

    // The rotated keys' retention runs out a few seconds from now (instead of in a
    // day): they stay published until then, and leave without any other change.
    let retain = app.config.key_retention().as_secs() as i64;
    let sql = format!(
        "UPDATE signing_keys SET rotated_at = {} WHERE rotated_at IS NOT NULL",
        lanyard::oidc::now() - retain + 10
    );
    exec(&app, sql).await;
    let r = http()
        .get(app.url("/userinfo"))
        .bearer_auth(&old_at)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "retired too early");
    let left = wait_jwks(&app, "retirement", |k| !k.contains(&old_kid)).await;
    assert_eq!(left.len(), published.len(), "{left:?}");
    assert!(published.iter().all(|k| !left.contains(k)), "{left:?}");

    let r = http()
        .get(app.url("/userinfo"))
        .bearer_auth(&old_at)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401, "a token of a retired key still works");
    // The grant itself lives on: its refresh token gets tokens of the new keys.
    let (s, v) = refresh(&app, "webapp", before["refresh_token"].as_str().unwrap()).await;
    assert_eq!(s, 200, "{v}");
    assert!(left.contains(&kid(v["id_token"].as_str().unwrap())));
    let (ok, out, _) = cli(&["keys", "list"]).await.unwrap();
    assert!(ok);
    assert!(
        out.lines()
            .any(|l| l.contains(&old_kid) && l.contains("retired")),
        "{out}"
    );
}

/// `lanyard serve` with a `[tls]` section, started as an admin starts it. Returns
/// the child, its base URL and what it wrote to stderr so far (path); retries on
/// another port when the one picked was taken meanwhile.
struct Served {
    child: std::process::Child,
    base: String,
    addr: std::net::SocketAddr,
    log: std::path::PathBuf,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn write_config(dir: &std::path::Path, port: u16, cert: &str, key: &str) -> std::path::PathBuf {
    let file = dir.join("lanyard.toml");
    let text = format!(
        "issuer = \"https://localhost:{port}\"\nlisten = \"127.0.0.1:{port}\"\ndata_dir = \"{d}\"\n\
         [database]\nurl = \"sqlite://{d}/lanyard.db\"\n[tls]\ncert = \"{d}/{cert}\"\nkey = \"{d}/{key}\"\n",
        d = dir.display()
    );
    std::fs::write(&file, text).unwrap();
    file
}

fn serve(dir: &std::path::Path, config: &std::path::Path) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_lanyard"))
        .args(["serve", "--config"])
        .arg(config)
        .env_remove("LANYARD_CONFIG")
        .env_remove("LANYARD_DATABASE__URL")
        .env_remove("LANYARD_DATA_DIR")
        .env_remove("LANYARD_ISSUER")
        .current_dir(dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::fs::File::create(dir.join("serve.log")).unwrap())
        .spawn()
        .unwrap()
}

async fn serve_tls(dir: &std::path::Path, cert_pem: &str) -> Served {
    let client = || {
        reqwest::Client::builder()
            .tls_built_in_root_certs(false)
            .add_root_certificate(reqwest::Certificate::from_pem(cert_pem.as_bytes()).unwrap())
    };
    for _ in 0..3 {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let config = write_config(dir, port, "cert.pem", "key.pem");
        let addr: std::net::SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
        let mut served = Served {
            child: serve(dir, &config),
            base: format!("https://localhost:{port}"),
            addr,
            log: dir.join("serve.log"),
        };
        let probe = client().resolve("localhost", addr).build().unwrap();
        for _ in 0..100 {
            if let Some(status) = served.child.try_wait().unwrap() {
                let log = std::fs::read_to_string(&served.log).unwrap_or_default();
                assert!(
                    log.contains("cannot bind"),
                    "serve ended ({status}):\n{log}"
                );
                break;
            }
            // Only this child has the certificate the probe trusts.
            if let Ok(r) = probe.get(format!("{}/healthz", served.base)).send().await
                && r.status() == 200
            {
                return served;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let _ = served.child.kill();
    }
    panic!("lanyard serve did not come up with TLS");
}

/// `lanyard serve` reads `[tls]` and serves HTTPS (and nothing over plain HTTP);
/// with a certificate and a key that do not belong together it refuses to start,
/// says why, and touches no database.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_uses_tls_from_its_config_and_refuses_a_mismatched_key() {
    let dir = tempfile::tempdir().unwrap();
    let cert = rcgen::generate_simple_self_signed(vec!["localhost".into()]).unwrap();
    let other = rcgen::generate_simple_self_signed(vec!["localhost".into()]).unwrap();
    std::fs::write(dir.path().join("cert.pem"), cert.cert.pem()).unwrap();
    std::fs::write(dir.path().join("key.pem"), cert.signing_key.serialize_pem()).unwrap();
    std::fs::write(
        dir.path().join("other-key.pem"),
        other.signing_key.serialize_pem(),
    )
    .unwrap();

    // The mismatch first, on a fresh data dir.
    let config = write_config(dir.path(), 9, "cert.pem", "other-key.pem");
    let child = serve(dir.path(), &config);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let log = std::fs::read_to_string(dir.path().join("serve.log")).unwrap();
    assert!(
        log.contains("tls: the certificate and the key do not match"),
        "{log}"
    );
    assert!(
        !dir.path().join("lanyard.db").exists(),
        "a bad certificate half-started the server"
    );

    let served = serve_tls(dir.path(), &cert.cert.pem()).await;
    let client = reqwest::Client::builder()
        .tls_built_in_root_certs(false)
        .add_root_certificate(reqwest::Certificate::from_pem(cert.cert.pem().as_bytes()).unwrap())
        .resolve("localhost", served.addr)
        .build()
        .unwrap();
    let d: Value = client
        .get(format!("{}/.well-known/openid-configuration", served.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(d["issuer"], served.base.as_str());
    let r = client
        .get(format!("{}/login", served.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers().contains_key("strict-transport-security"));
    let plain = http()
        .get(format!("http://{}/login", served.addr))
        .send()
        .await;
    assert!(
        plain.map(|r| !r.status().is_success()).unwrap_or(true),
        "plain HTTP got a page on the TLS port"
    );
}

/// Runs `sql` on the app's database.
async fn exec(app: &TestApp, sql: String) {
    use lanyard::store::Store;
    let sql = sqlx::AssertSqlSafe(sql);
    match app.state.store() {
        Store::Sqlite(p) => sqlx::query(sql).execute(p).await.map(|_| ()),
        Store::Postgres(p) => sqlx::query(sql).execute(p).await.map(|_| ()),
    }
    .unwrap();
}

/// Rows of `sql` (id, sealed bytes), from either database.
async fn sealed_rows(app: &TestApp, sql: &'static str) -> Vec<(String, Vec<u8>)> {
    use lanyard::store::Store;
    match app.state.store() {
        Store::Sqlite(p) => sqlx::query_as(sql).fetch_all(p).await,
        Store::Postgres(p) => sqlx::query_as(sql).fetch_all(p).await,
    }
    .unwrap()
}

/// `lanyard secrets rotate-master-key` re-seals mail waiting in the outbox and the
/// secrets of a pending upstream sign-in: afterwards they open under the new key
/// alone, and the running server finishes that sign-in.
async fn master_key_rotation_reseals_mail_and_federation_state(backend: Backend) {
    use lanyard::config::ClientConfig;
    use lanyard::oidc::vocab::GrantType;
    // A: the server under test, whose mail cannot leave (nobody listens at its SMTP
    // port), so messages wait sealed in the outbox. B: its upstream.
    let a_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let a_base = format!(
        "http://127.0.0.1:{}",
        a_listener.local_addr().unwrap().port()
    );
    let callback = format!("{a_base}/federate/google/callback");
    let b = TestApp::start_bound(
        Backend::Sqlite,
        tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap(),
        "localhost",
        |c| {
            c.clients = vec![ClientConfig {
                id: "lanyard-a".into(),
                secret: Some(crate::federation::UPSTREAM_SECRET.into()),
                redirect_uris: vec![callback],
                post_logout_redirect_uris: vec![],
                grant_types: vec![GrantType::AuthorizationCode],
                scopes: ["openid", "profile", "email"].map(String::from).to_vec(),
                first_party: true,
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
                // The upstream's ID tokens carry the email, as Google's do.
                id_token_claims: true,
                jwks: None,
                jwks_uri: None,
            }];
        },
    )
    .await;
    b.add_user("gus").await;
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let b_base = b.base.clone();
    let a = TestApp::start_bound(backend, a_listener, "127.0.0.1", move |c| {
        c.upstream = vec![crate::federation::upstream(
            "google",
            "lanyard-a",
            &b_base,
            Duration::from_secs(5),
        )];
        c.mail.transport = "smtp".into();
        c.mail.smtp_url = Some(format!("smtp://127.0.0.1:{closed}"));
    })
    .await;

    // A message waits in the outbox (its first attempt failed).
    a.add_user("alice").await;
    let br = browser();
    assert_eq!(post_login(&a, &br, "alice", PASSWORD).await.status(), 303);
    let (_, csrf) = form_page(&br, &a.url("/settings")).await;
    let r = br
        .post(a.url("/settings/password"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("current", PASSWORD),
            ("password", "another fine passphrase"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let outbox = "SELECT id, message FROM mail_outbox WHERE sent_at IS NULL";
    let start = Instant::now();
    loop {
        let tried: Vec<(String, Vec<u8>)> = sealed_rows(
            &a,
            "SELECT id, message FROM mail_outbox WHERE sent_at IS NULL AND attempts > 0",
        )
        .await;
        if !tried.is_empty() {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "no failed attempt"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let mail_before = sealed_rows(&a, outbox).await;
    assert_eq!(mail_before.len(), 1, "one message waits");

    // An upstream sign-in is under way: its state is stored, sealed.
    let fed = browser();
    let r = fed.get(a.url("/federate/google")).send().await.unwrap();
    assert_eq!(r.status(), 303);
    let to_b = location(&r);
    assert!(to_b.starts_with(&b.base), "{to_b}");
    let states = "SELECT state_hash, secrets FROM federation_states";
    let fed_before = sealed_rows(&a, states).await;
    assert_eq!(fed_before.len(), 1);

    let (dir, db, issuer) = (a.data_dir(), a.db_url(), a.base.clone());
    let (ok, out, err) = tokio::task::spawn_blocking(move || {
        crate::cli::lanyard(&dir, &db, &issuer, &["secrets", "rotate-master-key"], None)
    })
    .await
    .unwrap();
    assert!(ok, "{err}");
    assert!(out.contains("re-sealed 1 value(s) in mail_outbox"), "{out}");
    assert!(
        out.contains("re-sealed 1 value(s) in federation_states"),
        "{out}"
    );

    // The new key alone (the first line of the key file) opens both.
    let key_file = std::fs::read_to_string(a.config.master_key_file()).unwrap();
    assert_eq!(key_file.lines().count(), 2, "{key_file}");
    let only_new = tempfile::tempdir().unwrap();
    let new_path = only_new.path().join("master.key");
    std::fs::write(&new_path, format!("{}\n", key_file.lines().next().unwrap())).unwrap();
    let new_key = lanyard::crypto::MasterKey::load_or_create(&new_path).unwrap();
    let mail_after = sealed_rows(&a, outbox).await;
    assert_eq!(mail_after.len(), 1);
    assert_ne!(mail_after[0].1, mail_before[0].1);
    let plain = new_key
        .open("mail_outbox", &mail_after[0].1)
        .expect("the waiting message opens under the new key");
    let email: lanyard::mail::Email = serde_json::from_slice(&plain).unwrap();
    assert_eq!(email.to, "alice@example.com");
    assert_eq!(email.subject, "Your Lanyard password was changed");
    assert!(new_key.open("mail_outbox", &mail_before[0].1).is_err());
    let fed_after = sealed_rows(&a, states).await;
    assert_eq!(fed_after.len(), 1);
    assert_eq!(fed_after[0].0, fed_before[0].0);
    new_key
        .open("federation_state", &fed_after[0].1)
        .expect("the pending upstream sign-in opens under the new key");

    // The running server picks the key up and finishes the upstream sign-in.
    assert!(a.state.provider.master.reload().unwrap());
    assert!(a.state.provider.master.is_current(&fed_after[0].1));
    let back = authorize_with_login(&b, &fed, &to_b, "gus", PASSWORD, Consent::No).await;
    assert!(back.starts_with(&a.base), "{back}");
    let r = fed.get(&back).send().await.unwrap();
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let gus = a
        .state
        .store()
        .user_by_login("gus@example.com")
        .await
        .unwrap();
    let gus = gus.expect("the upstream sign-in made gus's account");
    assert_eq!(
        a.state
            .store()
            .user_identities(&gus.id)
            .await
            .unwrap()
            .len(),
        1
    );
}
