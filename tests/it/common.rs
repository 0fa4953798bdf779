//! The test harness: a Lanyard on a real socket, on SQLite or on a fresh PostgreSQL
//! database, with a set of relying apps, and a cookie-keeping "browser".

use lanyard::{
    app::{AppState, build_state, serve_on},
    config::{ClientConfig, Config},
    oidc::vocab::{AuthMethod, GrantType, SigningAlg},
    store::users::{NewUser, User},
};
use std::path::PathBuf;
use tokio::net::TcpListener;

pub const SECRET: &str = "webapp-secret-0123456789";
pub const REDIRECT: &str = "http://127.0.0.1:1/callback";
pub const POST_LOGOUT: &str = "http://127.0.0.1:1/signed-out";
pub const PASSWORD: &str = "correct horse battery";

#[derive(Clone, Debug)]
pub enum Backend {
    Sqlite,
    Postgres(String),
}

impl Backend {
    /// The PostgreSQL server to test on, when `LANYARD_TEST_POSTGRES_URL` names one.
    pub fn postgres() -> Option<Backend> {
        std::env::var("LANYARD_TEST_POSTGRES_URL")
            .ok()
            .filter(|u| !u.is_empty())
            .map(Backend::Postgres)
    }

    /// The PostgreSQL server for `what` (a test or a run of one), or a [`skip`]
    /// (a failure under `LANYARD_TEST_REQUIRE_ALL=1`).
    #[track_caller]
    pub fn postgres_or_skip(what: &str) -> Option<Backend> {
        gated_env("LANYARD_TEST_POSTGRES_URL", what).map(Backend::Postgres)
    }
}

/// Whether every gated test must run (`LANYARD_TEST_REQUIRE_ALL=1`, set by `.ci/run`):
/// then a missing prerequisite fails the test instead of skipping it, so CI cannot
/// pass by skipping.
pub fn require_all() -> bool {
    std::env::var("LANYARD_TEST_REQUIRE_ALL").is_ok_and(|v| !v.is_empty() && v != "0")
}

/// The one way a gated test skips: prints why and returns (the caller returns), or,
/// under `LANYARD_TEST_REQUIRE_ALL=1`, fails the test.
#[track_caller]
pub fn skip(what: &str, why: &str) {
    assert!(
        !require_all(),
        "{why}, and LANYARD_TEST_REQUIRE_ALL forbids skipping {what}"
    );
    eprintln!("{why}; skipping {what}");
}

/// The value of the variable that gates `what`, or a [`skip`] when it is unset or
/// empty.
#[track_caller]
pub fn gated_env(var: &str, what: &str) -> Option<String> {
    let value = std::env::var(var).ok().filter(|v| !v.is_empty());
    if value.is_none() {
        skip(what, &format!("{var} is not set"));
    }
    value
}

/// Runs a scenario on SQLite, and on PostgreSQL when it is configured (otherwise the
/// PostgreSQL run is a [`skip`]).
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        $(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name($crate::common::Backend::Sqlite).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(b) = $crate::common::Backend::postgres_or_skip("the PostgreSQL run") {
                    super::$name(b).await;
                }
            }
        }
        )*
    };
}

pub struct TestApp {
    pub base: String,
    pub state: AppState,
    pub config: Config,
    pub dir: tempfile::TempDir,
    server: tokio::task::JoinHandle<()>,
    /// (server URL, database name) of a PostgreSQL database to drop afterwards.
    pg_database: Option<(String, String)>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.server.abort();
        // Drop a PostgreSQL test database (its pool is still open, hence FORCE).
        if let Some((server, name)) = self.pg_database.take() {
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                rt.block_on(async {
                    use sqlx::Executor;
                    if let Ok(admin) = sqlx::PgPool::connect(&server).await {
                        let _ = admin
                            .execute(sqlx::AssertSqlSafe(format!(
                                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                            )))
                            .await;
                        admin.close().await;
                    }
                });
            })
            .join();
        }
    }
}

pub fn client(
    id: &str,
    secret: Option<&str>,
    grants: &[GrantType],
    first_party: bool,
) -> ClientConfig {
    ClientConfig {
        id: id.into(),
        secret: secret.map(String::from),
        redirect_uris: vec![REDIRECT.into()],
        post_logout_redirect_uris: vec![POST_LOGOUT.into()],
        grant_types: grants.to_vec(),
        scopes: ["openid", "profile", "email", "offline_access", "api.read"]
            .map(String::from)
            .to_vec(),
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
        id_token_claims: false,
        jwks: None,
        jwks_uri: None,
    }
}

/// The relying apps every test app knows.
pub fn test_clients() -> Vec<ClientConfig> {
    let code = [GrantType::AuthorizationCode, GrantType::RefreshToken];
    let mut es = client("es256app", Some(SECRET), &code, true);
    es.id_token_signed_response_alg = Some(SigningAlg::ES256);
    let mut ed = client("eddsaapp", Some(SECRET), &code, true);
    ed.id_token_signed_response_alg = Some(SigningAlg::EdDSA);
    let mut post = client("postapp", Some(SECRET), &code, true);
    post.token_endpoint_auth_method = Some(AuthMethod::Post);
    // Its ID tokens carry the scopes' claims too (`id_token_claims`).
    post.id_token_claims = true;
    vec![
        client("webapp", Some(SECRET), &code, true),
        client("spa", None, &code, true),
        client("thirdparty", Some(SECRET), &code, false),
        client(
            "service",
            Some(SECRET),
            &[GrantType::ClientCredentials],
            false,
        ),
        es,
        ed,
        post,
    ]
}

/// The PostgreSQL server a test database was made on (None for SQLite and for a
/// second instance sharing another test's database).
fn backend_server(config: &Config) -> Option<String> {
    let url = config.database_url();
    if !url.starts_with("postgres") || !url.contains("/lanyard_t_") {
        return None;
    }
    Backend::postgres().and_then(|b| match b {
        Backend::Postgres(s) => Some(s),
        Backend::Sqlite => None,
    })
}

/// A fresh database URL for one test.
pub async fn database_url(backend: &Backend, dir: &std::path::Path) -> String {
    match backend {
        Backend::Sqlite => format!("sqlite://{}", dir.join("lanyard.db").display()),
        Backend::Postgres(server) => {
            use sqlx::Executor;
            let name = format!("lanyard_t_{}", uuid::Uuid::new_v4().simple());
            let admin = sqlx::PgPool::connect(server)
                .await
                .expect("connecting to LANYARD_TEST_POSTGRES_URL");
            admin
                .execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .await
                .expect("creating a test database");
            admin.close().await;
            let mut url = url::Url::parse(server).expect("LANYARD_TEST_POSTGRES_URL is a URL");
            url.set_path(&format!("/{name}"));
            url.to_string()
        }
    }
}

impl TestApp {
    pub async fn start(backend: Backend) -> TestApp {
        Self::start_with(backend, |_| {}).await
    }

    pub async fn start_with(backend: Backend, tweak: impl FnOnce(&mut Config)) -> TestApp {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        Self::start_bound(backend, listener, "127.0.0.1", tweak).await
    }

    /// Starts on a listener bound beforehand (so its URL can go into another app's
    /// config first); `host` is the name in its issuer (`localhost` keeps its
    /// cookies apart from an app on 127.0.0.1).
    pub async fn start_bound(
        backend: Backend,
        listener: TcpListener,
        host: &str,
        tweak: impl FnOnce(&mut Config),
    ) -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let url = database_url(&backend, dir.path()).await;
        Self::start_inner(dir, url, listener, host, tweak).await
    }

    async fn start_inner(
        dir: tempfile::TempDir,
        db_url: String,
        listener: TcpListener,
        host: &str,
        tweak: impl FnOnce(&mut Config),
    ) -> TestApp {
        let addr = listener.local_addr().unwrap();
        let base = format!("http://{host}:{}", addr.port());
        let mut config = Config {
            issuer: base.clone(),
            listen: addr.to_string(),
            data_dir: dir.path().to_path_buf(),
            clients: test_clients(),
            ..Config::default()
        };
        config.database.url = Some(db_url);
        config.database.max_connections = Some(5);
        tweak(&mut config);
        assert!(config.problems().is_empty(), "{:?}", config.problems());
        let state = build_state(config.clone()).await.expect("starting Lanyard");
        let served = state.clone();
        let server = tokio::spawn(async move {
            serve_on(listener, served).await.unwrap();
        });
        let pg_database = match (&backend_server(&config), config.database_url()) {
            (Some(server), url) => url::Url::parse(&url)
                .ok()
                .map(|u| (server.clone(), u.path().trim_start_matches('/').to_string())),
            _ => None,
        };
        TestApp {
            base,
            state,
            config,
            dir,
            server,
            pg_database,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub fn db_url(&self) -> String {
        self.config.database_url()
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }

    /// Stops the throttle's clock (at the present), so that whether a try falls
    /// within a wait never depends on the machine's speed: a test that asserts "the
    /// next try is refused" stops it first. [`TestApp::advance_throttle_clock`]
    /// ends a wait without sleeping.
    pub fn stop_throttle_clock(&self) {
        let clock = self.state.throttle.clock();
        clock.set(clock.now_ms());
    }

    /// Moves the (stopped) throttle clock on.
    pub fn advance_throttle_clock(&self, by: std::time::Duration) {
        let ms = i64::try_from(by.as_millis()).unwrap();
        self.state.throttle.clock().advance(ms);
    }

    /// Creates a verified, onboarded account with [`PASSWORD`].
    pub async fn add_user(&self, username: &str) -> User {
        let hash = self.state.hasher.hash(PASSWORD).await.unwrap();
        let user = self
            .state
            .store()
            .create_user(
                &NewUser {
                    username,
                    email: &format!("{username}@example.com"),
                    email_verified: true,
                    name: Some(&format!("{username} Example")),
                    password_hash: Some(&hash),
                },
                lanyard::oidc::now(),
            )
            .await
            .unwrap();
        self.state
            .store()
            .set_onboarded(&user.id, lanyard::oidc::now())
            .await
            .unwrap();
        self.state
            .store()
            .user_by_id(&user.id)
            .await
            .unwrap()
            .unwrap()
    }
}

/// A browser: keeps cookies, does not follow redirects (tests look at each hop).
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// A plain HTTP client for relying-app calls.
pub fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The `value` of the hidden input `name` in a page.
pub fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no field {name} in:\n{html}"))
        + marker.len();
    let end = html[start..].find('"').unwrap() + start;
    html[start..end].replace("&#43;", "+").replace("&amp;", "&")
}

pub fn location(resp: &reqwest::Response) -> String {
    resp.headers()
        .get("location")
        .unwrap_or_else(|| panic!("no Location on a {} response", resp.status()))
        .to_str()
        .unwrap()
        .to_string()
}

/// Absolute URL for a Location that may be relative to the server.
pub fn absolute(base: &str, loc: &str) -> String {
    if loc.starts_with("http") {
        loc.to_string()
    } else {
        format!("{base}{loc}")
    }
}

/// A query parameter of a URL.
pub fn query_param(url: &str, name: &str) -> Option<String> {
    url::Url::parse(url)
        .ok()?
        .query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// Whether a consent page is expected on the way through [`authorize_with_login`].
#[derive(Debug, Clone, Copy)]
pub enum Consent {
    /// No consent page may appear (first-party clients, or consent already given).
    No,
    /// Exactly one consent page must appear, and contain every one of these texts
    /// (client name, scope descriptions); it is allowed.
    Allow(&'static [&'static str]),
    /// The same, and it is denied.
    Deny(&'static [&'static str]),
}

/// Drives a browser from an authorization URL through the login form (like a person
/// typing) to the redirect back to the app; returns that final URL. A consent page
/// is allowed only when `consent` expects it, and it must appear when expected.
pub async fn authorize_with_login(
    app: &TestApp,
    b: &reqwest::Client,
    auth_url: &str,
    login: &str,
    password: &str,
    consent: Consent,
) -> String {
    let mut url = auth_url.to_string();
    let mut consent_pages = 0;
    let done = |url: String, consent_pages: usize| {
        match consent {
            Consent::No => assert_eq!(consent_pages, 0, "unexpected consent page for {auth_url}"),
            Consent::Allow(_) | Consent::Deny(_) => {
                assert_eq!(consent_pages, 1, "expected one consent page for {auth_url}")
            }
        }
        url
    };
    for _ in 0..10 {
        let resp = b.get(&url).send().await.unwrap();
        assert!(
            resp.status().is_redirection() || resp.status().is_success(),
            "{} at {url}",
            resp.status()
        );
        if resp.status().is_redirection() {
            let loc = absolute(&app.base, &location(&resp));
            if !loc.starts_with(&app.base) {
                return done(loc, consent_pages);
            }
            url = loc;
            continue;
        }
        let html = resp.text().await.unwrap();
        let path = url.strip_prefix(&app.base).unwrap_or(&url);
        let form: Vec<(&str, String)> = if path.starts_with("/login") {
            vec![
                ("csrf", hidden(&html, "csrf")),
                ("uid", hidden(&html, "uid")),
                ("identifier", login.to_string()),
                ("password", password.to_string()),
                ("remember", "on".to_string()),
            ]
        } else if path.starts_with("/consent") {
            let (Consent::Allow(texts) | Consent::Deny(texts)) = consent else {
                panic!("unexpected consent page at {url} for {auth_url}:\n{html}");
            };
            let decision = if matches!(consent, Consent::Deny(_)) {
                "deny"
            } else {
                "allow"
            };
            for t in texts {
                assert!(html.contains(t), "consent page lacks {t:?}:\n{html}");
            }
            consent_pages += 1;
            vec![
                ("csrf", hidden(&html, "csrf")),
                ("uid", hidden(&html, "uid")),
                ("sid", hidden(&html, "sid")),
                ("decision", decision.to_string()),
            ]
        } else {
            panic!("unexpected page {url}:\n{html}");
        };
        let action = if path.starts_with("/login") {
            "/login"
        } else {
            "/consent"
        };
        let resp = b.post(app.url(action)).form(&form).send().await.unwrap();
        assert_eq!(
            resp.status(),
            303,
            "POST {action}: {}",
            resp.text().await.unwrap()
        );
        url = absolute(&app.base, &location(&resp));
        if !url.starts_with(&app.base) {
            return done(url, consent_pages);
        }
    }
    panic!("too many hops from {auth_url}");
}

/// A message the `file` mail transport wrote: headers and the decoded plain text.
#[derive(Debug, Clone)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

impl Mail {
    /// The first link in the text that starts with `prefix`.
    pub fn link(&self, prefix: &str) -> String {
        let start = self
            .text
            .find(prefix)
            .unwrap_or_else(|| panic!("no {prefix} link in:\n{}", self.text));
        self.text[start..]
            .split_whitespace()
            .next()
            .unwrap()
            .to_string()
    }
}

/// RFC 2047 encoded words (`=?utf-8?b?…?=`, `=?utf-8?q?…?=`) in a header value.
fn decode_words(value: &str) -> String {
    use base64::Engine;
    let mut out = String::new();
    let mut rest = value.trim();
    let mut after_word = false;
    while let Some(start) = rest.find("=?") {
        // White space between two encoded words is not part of the text.
        let between = &rest[..start];
        if !(after_word && between.trim().is_empty()) {
            out.push_str(between);
        }
        after_word = true;
        let Some(end) = rest[start + 2..].find("?=").map(|e| start + 2 + e) else {
            break;
        };
        let word = &rest[start + 2..end];
        let mut bits = word.splitn(3, '?');
        let (_charset, enc, text) = (bits.next(), bits.next(), bits.next().unwrap_or_default());
        let bytes = match enc.map(|e| e.to_ascii_lowercase()).as_deref() {
            Some("b") => base64::engine::general_purpose::STANDARD
                .decode(text)
                .unwrap_or_default(),
            _ => quoted_printable::decode(
                text.replace('_', " "),
                quoted_printable::ParseMode::Robust,
            )
            .unwrap_or_default(),
        };
        out.push_str(&String::from_utf8_lossy(&bytes));
        rest = &rest[end + 2..];
    }
    out.push_str(rest);
    out
}

fn read_mails(dir: &std::path::Path) -> Vec<Mail> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<(std::time::SystemTime, PathBuf)> = entries
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for (_, path) in files {
        let raw = std::fs::read_to_string(path).unwrap_or_default();
        // A header with its folded continuation lines, RFC 2047 words decoded.
        let header = |name: &str| {
            let mut lines = raw
                .lines()
                .skip_while(|l| !l.starts_with(&format!("{name}: ")));
            let Some(first) = lines.next() else {
                return String::new();
            };
            let mut value = first[name.len() + 2..].to_string();
            for l in lines.take_while(|l| l.starts_with(' ') || l.starts_with('\t')) {
                value.push_str(l);
            }
            decode_words(&value)
        };
        let part = |ct: &str| {
            let start = raw
                .find(&format!("Content-Type: {ct}"))
                .map(|i| &raw[i..])
                .unwrap_or_default();
            let body = start
                .split_once("\r\n\r\n")
                .or_else(|| start.split_once("\n\n"))
                .map(|(_, b)| b)
                .unwrap_or_default();
            let body = body.split("\n--").next().unwrap_or_default();
            let head = start.split("\r\n\r\n").next().unwrap_or_default();
            let decoded = if head.contains("Content-Transfer-Encoding: quoted-printable") {
                quoted_printable::decode(body.as_bytes(), quoted_printable::ParseMode::Robust)
                    .unwrap_or_default()
            } else if head.contains("Content-Transfer-Encoding: base64") {
                use base64::Engine;
                let compact: String = body.split_whitespace().collect();
                base64::engine::general_purpose::STANDARD
                    .decode(compact)
                    .unwrap_or_default()
            } else {
                body.as_bytes().to_vec()
            };
            String::from_utf8_lossy(&decoded).replace("\r\n", "\n")
        };
        out.push(Mail {
            to: header("To"),
            subject: header("Subject"),
            text: part("text/plain"),
            html: part("text/html"),
        });
    }
    out
}

impl TestApp {
    pub fn mail_dir(&self) -> PathBuf {
        self.config.mail_dir()
    }

    /// Every message sent to `to` so far.
    pub fn mails_to(&self, to: &str) -> Vec<Mail> {
        read_mails(&self.mail_dir())
            .into_iter()
            .filter(|m| m.to.contains(to))
            .collect()
    }

    /// Waits (up to 10 s) for the `n`th message to `to` whose subject contains `subject`.
    pub async fn wait_mail(&self, to: &str, subject: &str, n: usize) -> Mail {
        for _ in 0..100 {
            let found: Vec<Mail> = self
                .mails_to(to)
                .into_iter()
                .filter(|m| m.subject.contains(subject))
                .collect();
            if found.len() >= n {
                return found[n - 1].clone();
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!(
            "no mail {n} to {to} with subject {subject:?}; have {:?}",
            self.mails_to(to)
        );
    }
}

/// GETs a page with a form and returns (html, csrf token).
pub async fn form_page(b: &reqwest::Client, url: &str) -> (String, String) {
    let html = b.get(url).send().await.unwrap().text().await.unwrap();
    let csrf = hidden(&html, "csrf");
    (html, csrf)
}

/// Posts the sign-in form from a fresh form page, with "Keep me signed in" ticked.
pub async fn post_login(
    app: &TestApp,
    b: &reqwest::Client,
    login: &str,
    password: &str,
) -> reqwest::Response {
    let (_, csrf) = form_page(b, &app.url("/login")).await;
    b.post(app.url("/login"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("identifier", login),
            ("password", password),
            ("remember", "on"),
        ])
        .send()
        .await
        .unwrap()
}

/// The number of rows of `table` (a fixed name from a test) in the app's database.
pub async fn count_rows(app: &TestApp, table: &str) -> i64 {
    assert!(table.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
    let sql = sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}"));
    match app.state.store() {
        lanyard::store::Store::Sqlite(p) => sqlx::query_scalar(sql).fetch_one(p).await.unwrap(),
        lanyard::store::Store::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await.unwrap(),
    }
}

/// One number a fixed query of a test gives (`SELECT COUNT(*) …`).
pub async fn count_sql(app: &TestApp, sql: &'static str) -> i64 {
    match app.state.store() {
        lanyard::store::Store::Sqlite(p) => sqlx::query_scalar(sql).fetch_one(p).await.unwrap(),
        lanyard::store::Store::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await.unwrap(),
    }
}

/// The value of one counter line of `/metrics` (`name{labels}`, labels as printed),
/// 0 when it is not there yet.
pub async fn metric(app: &TestApp, series: &str) -> f64 {
    let text = http()
        .get(app.url("/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    text.lines()
        .find_map(|l| l.strip_prefix(series)?.trim().parse().ok())
        .unwrap_or(0.0)
}

/// Runs one statement (a fixed text from a test) on the app's database; returns the
/// number of rows it touched.
pub async fn exec_sql(app: &TestApp, sql: &'static str) -> u64 {
    match app.state.store() {
        lanyard::store::Store::Sqlite(p) => sqlx::query(sql).execute(p).await.unwrap(),
        lanyard::store::Store::Postgres(p) => {
            return sqlx::query(sql).execute(p).await.unwrap().rows_affected();
        }
    }
    .rows_affected()
}

/// Starts a server process on a port picked here, and returns it once the process
/// itself says it is listening (`announced` in its output, printed after its bind
/// succeeded), so a readiness probe can never be answered by another process that
/// took the port meanwhile. A port lost to another process makes this child exit
/// before announcing: then it starts again on a new port (up to five times).
/// The child's output is drained to the end in the background, so it never blocks
/// on a full pipe.
pub fn spawn_announced(
    mut command: impl FnMut(u16) -> std::process::Command,
    announced: &str,
) -> (std::process::Child, u16) {
    use std::io::BufRead;
    use std::process::Stdio;
    let mut last_exit = None;
    for _ in 0..5 {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut child = command(port)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("starting a server process");
        let (tx, rx) = std::sync::mpsc::channel::<String>();
        let out = child.stdout.take().unwrap();
        let err = child.stderr.take().unwrap();
        for stream in [
            Box::new(out) as Box<dyn std::io::Read + Send>,
            Box::new(err) as Box<dyn std::io::Read + Send>,
        ] {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in std::io::BufReader::new(stream).lines() {
                    let Ok(line) = line else { break };
                    let _ = tx.send(line);
                }
            });
        }
        drop(tx);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        loop {
            match rx.recv_timeout(std::time::Duration::from_millis(100)) {
                Ok(line) if line.contains(announced) => return (child, port),
                Ok(_) => {}
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
                // Both streams closed: the process is gone (try_wait below sees it).
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                    std::thread::sleep(std::time::Duration::from_millis(50))
                }
            }
            if let Ok(Some(status)) = child.try_wait() {
                last_exit = Some(status);
                break;
            }
            if std::time::Instant::now() > deadline {
                let _ = child.kill();
                panic!("the server process did not say {announced:?} within 30 s");
            }
        }
    }
    panic!("the server process exited before listening, five times: {last_exit:?}");
}

/// A browser signed in as `who` (with [`PASSWORD`]).
pub async fn signed_in(app: &TestApp, who: &str) -> reqwest::Client {
    let b = browser();
    assert_eq!(post_login(app, &b, who, PASSWORD).await.status(), 303);
    b
}

/// POSTs a form of the page `page` (with its CSRF token) to `action`; returns the
/// status, the body and the `Location`.
pub async fn post_from(
    app: &TestApp,
    b: &reqwest::Client,
    page: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> (u16, String, String) {
    let (_, csrf) = form_page(b, &app.url(page)).await;
    let mut form = vec![("csrf", csrf.as_str())];
    form.extend_from_slice(fields);
    let r = b.post(app.url(action)).form(&form).send().await.unwrap();
    let status = r.status().as_u16();
    let to = r
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string())
        .unwrap_or_default();
    (status, r.text().await.unwrap(), to)
}
