//! Typed configuration: `lanyard.toml` plus `LANYARD_*` environment overrides.
//!
//! Every key is documented where it is defined, with its default. Loading never
//! half-succeeds: [`Config::load`] returns every problem found, each naming its key.

use crate::oidc::vocab::{AuthMethod, GrantType, SigningAlg};
use figment::{
    Figment,
    providers::{Env, Format, Serialized, Toml},
};
use serde::{Deserialize, Deserializer, Serialize};
use std::{
    net::SocketAddr,
    path::{Path, PathBuf},
    time::Duration,
};
use url::Url;

/// The top-level keys of the config, read off the type itself (its default,
/// serialised), so that no section can be missing from the environment overrides;
/// variables outside them are not config (for example `LANYARD_CONFIG` or
/// `LANYARD_TEST_POSTGRES_URL`).
fn top_level_keys() -> Vec<String> {
    match serde_json::to_value(Config::default()) {
        Ok(serde_json::Value::Object(map)) => map.keys().cloned().collect(),
        _ => Vec::new(),
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Public base URL; every endpoint and link is derived from it.
    pub issuer: String,
    /// Socket address to listen on.
    pub listen: String,
    /// Where SQLite, the master key and mail files live unless set explicitly.
    pub data_dir: PathBuf,
    pub database: DatabaseConfig,
    pub tls: Option<TlsConfig>,
    pub secrets: SecretsConfig,
    pub sessions: SessionsConfig,
    pub tokens: TokensConfig,
    pub mail: MailConfig,
    pub captcha: CaptchaConfig,
    pub signup: SignupConfig,
    pub rate_limit: RateLimitConfig,
    pub proxy: ProxyConfig,
    pub audit: AuditConfig,
    pub metrics: MetricsConfig,
    pub upstream: Vec<UpstreamConfig>,
    pub clients: Vec<ClientConfig>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            issuer: "http://127.0.0.1:8080".into(),
            listen: "127.0.0.1:8080".into(),
            data_dir: PathBuf::from("./data"),
            database: DatabaseConfig::default(),
            tls: None,
            secrets: SecretsConfig::default(),
            sessions: SessionsConfig::default(),
            tokens: TokensConfig::default(),
            mail: MailConfig::default(),
            captcha: CaptchaConfig::default(),
            signup: SignupConfig::default(),
            rate_limit: RateLimitConfig::default(),
            proxy: ProxyConfig::default(),
            audit: AuditConfig::default(),
            metrics: MetricsConfig::default(),
            upstream: Vec::new(),
            clients: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DatabaseConfig {
    /// `sqlite://path` or `postgres://user:pw@host/db`; default `sqlite://<data_dir>/lanyard.db`.
    pub url: Option<String>,
    /// Connection pool size; see [`Config::pool_size`] for the default.
    pub max_connections: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TlsConfig {
    /// PEM certificate chain.
    pub cert: PathBuf,
    /// PEM private key.
    pub key: PathBuf,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SecretsConfig {
    /// 32-byte key (hex) sealing secrets at rest; created on first start.
    /// Default `<data_dir>/master.key`.
    pub master_key_file: Option<PathBuf>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SessionsConfig {
    /// Session lifetime when "Keep me signed in" is checked.
    #[serde(with = "duration_text")]
    pub remember_me: Duration,
    /// Session lifetime when it is unchecked.
    #[serde(with = "duration_text")]
    pub default: Duration,
    /// A session not used for this long ends, whatever its lifetime.
    #[serde(with = "duration_text")]
    pub idle: Duration,
}

impl Default for SessionsConfig {
    fn default() -> Self {
        SessionsConfig {
            remember_me: Duration::from_secs(30 * 24 * 3600),
            default: Duration::from_secs(30 * 60),
            idle: Duration::from_secs(7 * 24 * 3600),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TokensConfig {
    /// Lifetime of access tokens (JWTs) and ID tokens.
    #[serde(with = "duration_text")]
    pub access_token: Duration,
    /// Lifetime of a refresh token (each rotation issues a fresh one).
    #[serde(with = "duration_text")]
    pub refresh_token: Duration,
    /// Lifetime of an authorization code (RFC 6749 §4.1.2 recommends at most 10 minutes).
    #[serde(with = "duration_text")]
    pub authorization_code: Duration,
}

impl Default for TokensConfig {
    fn default() -> Self {
        TokensConfig {
            access_token: Duration::from_secs(3600),
            refresh_token: Duration::from_secs(30 * 24 * 3600),
            authorization_code: Duration::from_secs(60),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MailConfig {
    /// `file` (one .eml per message) or `smtp`.
    pub transport: String,
    /// Directory for the `file` transport; default `<data_dir>/mail`.
    pub dir: Option<PathBuf>,
    /// SMTP URL with credentials, for `smtp`: `smtps://user:pw@host:465` (implicit TLS)
    /// or `smtp://user:pw@host:587?tls=required` (STARTTLS); a bare `smtp://` is plain text.
    pub smtp_url: Option<String>,
    /// Sender mailbox.
    pub from: String,
}

impl Default for MailConfig {
    fn default() -> Self {
        MailConfig {
            transport: "file".into(),
            dir: None,
            smtp_url: None,
            from: "Lanyard <no-reply@localhost>".into(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CaptchaConfig {
    /// `pow` (built-in), `recaptcha`, `hcaptcha` or `turnstile`.
    pub provider: String,
    /// Built-in proof of work: largest number searched.
    pub difficulty: u64,
    pub site_key: Option<String>,
    pub secret: Option<String>,
    pub verify_url: Option<String>,
}

impl Default for CaptchaConfig {
    fn default() -> Self {
        CaptchaConfig {
            provider: "pow".into(),
            difficulty: 100_000,
            site_key: None,
            secret: None,
            verify_url: None,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SignupConfig {
    pub enabled: bool,
    pub terms_url: String,
}

impl Default for SignupConfig {
    fn default() -> Self {
        SignupConfig {
            enabled: true,
            terms_url: "/terms".into(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RateLimitConfig {
    /// Throttle sign-in, signup, recovery, captcha and client authentication.
    pub enabled: bool,
    /// Failed sign-ins per account before each further try must wait (1 s, 2 s, 4 s…).
    pub account_failures: u32,
    /// Failed sign-ins per client IP before it must wait.
    pub ip_failures: u32,
    /// Signup, recovery and captcha requests per client IP before it must wait.
    pub ip_requests: u32,
    /// Failed client authentications per client IP at the token, revocation and
    /// introspection endpoints.
    pub client_failures: u32,
    /// The longest wait imposed; the limit slows an attacker and never locks anyone out.
    #[serde(with = "duration_text")]
    pub max_delay: Duration,
    /// Counters are forgotten after this long without a new hit.
    #[serde(with = "duration_text")]
    pub window: Duration,
}

impl Default for RateLimitConfig {
    fn default() -> Self {
        RateLimitConfig {
            enabled: true,
            account_failures: 5,
            ip_failures: 50,
            ip_requests: 30,
            client_failures: 10,
            max_delay: Duration::from_secs(300),
            window: Duration::from_secs(3600),
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ProxyConfig {
    /// Reverse proxies (IP addresses or CIDR ranges) whose `X-Forwarded-For` is
    /// believed. Empty: the peer address is the client, and the header is ignored.
    pub trusted: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AuditConfig {
    /// Records older than this are deleted; `0s` keeps them for good.
    #[serde(with = "duration_text")]
    pub retention: Duration,
}

impl Default for AuditConfig {
    fn default() -> Self {
        AuditConfig {
            retention: Duration::from_secs(400 * 24 * 3600),
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MetricsConfig {
    /// When set, `/metrics` answers only requests with `Authorization: Bearer <token>`
    /// (at least [`MIN_METRICS_TOKEN`] characters); unset, it is open.
    pub token: Option<String>,
}

/// The shortest `[metrics] token` accepted: it guards against guessing, not typos.
pub const MIN_METRICS_TOKEN: usize = 16;

/// An OpenID Provider people can sign in through ("Sign in with NAME").
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpstreamConfig {
    /// Used in URLs (`/federate/<id>`); `google` gets Google's issuer and scopes.
    pub id: String,
    /// Shown on the buttons; default: Google for `google`, else the id.
    pub name: Option<String>,
    pub client_id: String,
    pub client_secret: String,
    /// The upstream's issuer (discovery starts there); default for `google`:
    /// https://accounts.google.com. Plain http:// only on a loopback address.
    pub issuer: Option<String>,
    /// Scopes asked for; default `openid email profile`.
    pub scopes: Option<Vec<String>>,
    /// How long to wait for the upstream on each call.
    #[serde(with = "duration_text", default = "default_upstream_timeout")]
    pub timeout: Duration,
}

fn default_upstream_timeout() -> Duration {
    Duration::from_secs(10)
}

impl UpstreamConfig {
    pub fn issuer(&self) -> &str {
        match (&self.issuer, self.id.as_str()) {
            // Used verbatim: OpenID Discovery compares issuers as exact strings.
            (Some(i), _) => i.as_str(),
            (None, _) => "https://accounts.google.com",
        }
    }

    pub fn display_name(&self) -> String {
        match (&self.name, self.id.as_str()) {
            (Some(n), _) => n.clone(),
            (None, "google") => "Google".into(),
            (None, id) => id.to_string(),
        }
    }

    pub fn scopes(&self) -> Vec<String> {
        self.scopes
            .clone()
            .unwrap_or_else(|| ["openid", "email", "profile"].map(String::from).to_vec())
    }
}

/// A relying app. Config is the source of truth; secrets are hashed on load.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientConfig {
    pub id: String,
    /// Omit for a public client (PKCE S256 required).
    pub secret: Option<String>,
    #[serde(default)]
    pub redirect_uris: Vec<String>,
    #[serde(default)]
    pub post_logout_redirect_uris: Vec<String>,
    #[serde(default = "default_grant_types")]
    pub grant_types: Vec<GrantType>,
    #[serde(default = "default_scopes")]
    pub scopes: Vec<String>,
    /// Skip the consent page.
    #[serde(default)]
    pub first_party: bool,
    /// `client_secret_basic`, `client_secret_post` or `none`; unset: basic or post.
    pub token_endpoint_auth_method: Option<AuthMethod>,
    /// `RS256` (default), `ES256` or `EdDSA`.
    pub id_token_signed_response_alg: Option<SigningAlg>,
    /// Whose tokens it may introspect (RFC 7662): `own` (default) or `any` (a
    /// resource server checking tokens issued to other clients).
    #[serde(default)]
    pub introspection: Option<String>,
}

fn default_grant_types() -> Vec<GrantType> {
    vec![GrantType::AuthorizationCode, GrantType::RefreshToken]
}

fn default_scopes() -> Vec<String> {
    ["openid", "profile", "email", "offline_access"]
        .map(String::from)
        .to_vec()
}

pub const INTROSPECTION: &[&str] = &["own", "any"];

/// One thing wrong with the config, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigProblem {
    pub key: String,
    pub message: String,
}

impl std::fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.key, self.message)
    }
}

#[derive(Debug, thiserror::Error)]
#[error("invalid configuration:\n{}", .0.iter().map(|p| format!("  - {p}")).collect::<Vec<_>>().join("\n"))]
pub struct ConfigErrors(pub Vec<ConfigProblem>);

impl Config {
    /// Where the config file is: `--config`, then `$LANYARD_CONFIG`, then `./lanyard.toml`
    /// when it exists; `None` means built-in defaults.
    pub fn locate(explicit: Option<&Path>) -> Option<PathBuf> {
        if let Some(p) = explicit {
            return Some(p.to_path_buf());
        }
        if let Ok(p) = std::env::var("LANYARD_CONFIG")
            && !p.is_empty()
        {
            return Some(PathBuf::from(p));
        }
        let default = PathBuf::from("lanyard.toml");
        default.exists().then_some(default)
    }

    /// Loads the file (if any), applies environment overrides and validates everything.
    pub fn load(file: Option<&Path>) -> Result<Config, ConfigErrors> {
        let mut figment = Figment::from(Serialized::defaults(Config::default()));
        if let Some(path) = file {
            if !path.exists() {
                return Err(ConfigErrors(vec![ConfigProblem {
                    key: "--config".into(),
                    message: format!("file {} does not exist", path.display()),
                }]));
            }
            figment = figment.merge(Toml::file_exact(path));
        }
        let sections = top_level_keys();
        figment = figment.merge(Env::prefixed("LANYARD_").split("__").filter(move |k| {
            let k = k.as_str().to_ascii_lowercase().replace("__", ".");
            let top = k.split('.').next().unwrap_or_default();
            sections.iter().any(|s| s == top)
        }));
        let config: Config = figment.extract().map_err(|errors| {
            ConfigErrors(
                errors
                    .into_iter()
                    .map(|e| ConfigProblem {
                        key: if e.path.is_empty() {
                            "(file)".into()
                        } else {
                            key_of(&e.path)
                        },
                        message: e.kind.to_string(),
                    })
                    .collect(),
            )
        })?;
        let problems = config.problems();
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(ConfigErrors(problems))
        }
    }

    pub fn database_url(&self) -> String {
        self.database
            .url
            .clone()
            .unwrap_or_else(|| format!("sqlite://{}", self.data_dir.join("lanyard.db").display()))
    }

    /// The pool size: `database.max_connections`, else 16 on PostgreSQL and 4 on
    /// SQLite. SQLite lets one connection write at a time, so more connections than
    /// about twice the cores only add memory (a worker thread and a page cache each)
    /// and lock waits; the benchmark measured 4 MB less peak memory with 4 than with
    /// 16 at the same throughput.
    pub fn pool_size(&self) -> u32 {
        self.database.max_connections.unwrap_or_else(|| {
            if self.database_url().starts_with("sqlite:") {
                4
            } else {
                16
            }
        })
    }

    pub fn master_key_file(&self) -> PathBuf {
        self.secrets
            .master_key_file
            .clone()
            .unwrap_or_else(|| self.data_dir.join("master.key"))
    }

    pub fn mail_dir(&self) -> PathBuf {
        self.mail
            .dir
            .clone()
            .unwrap_or_else(|| self.data_dir.join("mail"))
    }

    /// The issuer without a trailing slash, so `{issuer}/path` is always right.
    pub fn issuer(&self) -> &str {
        self.issuer.trim_end_matches('/')
    }

    /// How long a rotated-out signing key stays published: twice the token
    /// lifetime and at least a day, so every token it signed still verifies.
    pub fn key_retention(&self) -> Duration {
        (2 * self.tokens.access_token).max(Duration::from_secs(24 * 3600))
    }

    pub fn is_https(&self) -> bool {
        self.issuer.starts_with("https://")
    }

    /// Every semantic problem (types were already checked by deserialization).
    pub fn problems(&self) -> Vec<ConfigProblem> {
        let mut out = Vec::new();
        let mut bad = |key: String, message: String| out.push(ConfigProblem { key, message });

        match Url::parse(&self.issuer) {
            Ok(u) if !matches!(u.scheme(), "http" | "https") => {
                bad("issuer".into(), "must be an http:// or https:// URL".into())
            }
            Ok(u) if u.query().is_some() || u.fragment().is_some() => bad(
                "issuer".into(),
                "must not have a query or fragment (OpenID Discovery §3)".into(),
            ),
            Ok(_) => {}
            Err(e) => bad("issuer".into(), format!("is not a URL: {e}")),
        }
        if self.listen.parse::<SocketAddr>().is_err() {
            bad(
                "listen".into(),
                format!("{:?} is not an address like 127.0.0.1:8080", self.listen),
            );
        }
        let db = self.database_url();
        if !(db.starts_with("sqlite:")
            || db.starts_with("postgres://")
            || db.starts_with("postgresql://"))
        {
            bad(
                "database.url".into(),
                "must start with sqlite:, postgres:// or postgresql://".into(),
            );
        }
        if self.database.max_connections == Some(0) {
            bad(
                "database.max_connections".into(),
                "must be at least 1".into(),
            );
        }
        if self.tls.is_some() && !self.is_https() {
            bad(
                "tls".into(),
                "serving HTTPS needs an https:// issuer (set issuer to the public https URL)"
                    .into(),
            );
        }
        for (i, t) in self.proxy.trusted.iter().enumerate() {
            if crate::net::Cidr::parse(t).is_none() {
                bad(
                    format!("proxy.trusted[{i}]"),
                    format!("{t:?} is not an IP address or CIDR range like 10.0.0.0/8"),
                );
            }
        }
        if let Some(tls) = &self.tls {
            for (key, path) in [("tls.cert", &tls.cert), ("tls.key", &tls.key)] {
                if !path.exists() {
                    bad(
                        key.into(),
                        format!("file {} does not exist", path.display()),
                    );
                }
            }
        }
        for (key, d) in [
            ("sessions.remember_me", self.sessions.remember_me),
            ("sessions.default", self.sessions.default),
            ("sessions.idle", self.sessions.idle),
            ("rate_limit.max_delay", self.rate_limit.max_delay),
            ("rate_limit.window", self.rate_limit.window),
            ("tokens.access_token", self.tokens.access_token),
            ("tokens.refresh_token", self.tokens.refresh_token),
            ("tokens.authorization_code", self.tokens.authorization_code),
        ] {
            if d.is_zero() {
                bad(key.into(), "must be longer than zero".into());
            }
        }
        if self.rate_limit.window > Duration::from_secs(86400) {
            bad(
                "rate_limit.window".into(),
                "must be at most 1d (older counters are purged)".into(),
            );
        }
        if self.tokens.authorization_code > Duration::from_secs(600) {
            bad(
                "tokens.authorization_code".into(),
                "must be at most 10m (RFC 6749 §4.1.2)".into(),
            );
        }
        match self.mail.transport.as_str() {
            "file" => {}
            "smtp" => match self.mail.smtp_url.as_deref().map(Url::parse) {
                None => bad(
                    "mail.smtp_url".into(),
                    "is required when transport = \"smtp\"".into(),
                ),
                Some(Ok(u)) if matches!(u.scheme(), "smtp" | "smtps") => {}
                Some(_) => bad(
                    "mail.smtp_url".into(),
                    "must be an smtp:// or smtps:// URL".into(),
                ),
            },
            other => bad(
                "mail.transport".into(),
                format!("{other:?} is not one of \"file\", \"smtp\""),
            ),
        }
        if !self.mail.from.contains('@') {
            bad(
                "mail.from".into(),
                "must be a mailbox like \"Lanyard <no-reply@example.com>\"".into(),
            );
        }
        match self.captcha.provider.as_str() {
            "pow" => {
                if self.captcha.difficulty < 1000 {
                    bad("captcha.difficulty".into(), "must be at least 1000".into());
                }
            }
            "recaptcha" | "hcaptcha" | "turnstile" => {
                for (key, v) in [
                    ("captcha.site_key", &self.captcha.site_key),
                    ("captcha.secret", &self.captcha.secret),
                ] {
                    if v.as_deref().unwrap_or("").is_empty() {
                        bad(
                            key.into(),
                            format!("is required for provider {:?}", self.captcha.provider),
                        );
                    }
                }
            }
            other => bad(
                "captcha.provider".into(),
                format!("{other:?} is not one of pow, recaptcha, hcaptcha, turnstile"),
            ),
        }
        for (i, up) in self.upstream.iter().enumerate() {
            let key = |k: &str| format!("upstream[{i}].{k}");
            if up.id.is_empty()
                || !up
                    .id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            {
                bad(
                    key("id"),
                    "must be non-empty letters, digits, '-' or '_' (it is used in URLs)".into(),
                );
            }
            if up.client_id.is_empty() || up.client_secret.is_empty() {
                bad(
                    key("client_id"),
                    "client_id and client_secret are required".into(),
                );
            }
            if self.upstream[..i].iter().any(|o| o.id == up.id) {
                bad(key("id"), format!("{:?} is used twice", up.id));
            }
            if up.issuer.is_none() && up.id != "google" {
                bad(key("issuer"), "is required unless id = \"google\"".into());
            }
            if let Some(problem) = up.issuer.as_deref().and_then(upstream_issuer_problem) {
                bad(key("issuer"), problem);
            }
        }
        if let Some(token) = &self.metrics.token {
            if token.chars().count() < MIN_METRICS_TOKEN {
                bad(
                    "metrics.token".into(),
                    format!(
                        "must be at least {MIN_METRICS_TOKEN} characters (a random one, e.g. from `openssl rand -hex 32`)"
                    ),
                );
            } else if !token.bytes().all(|b| b.is_ascii_graphic()) {
                bad(
                    "metrics.token".into(),
                    "must be printable ASCII without spaces (it is sent in an HTTP header)".into(),
                );
            }
        }
        for (i, c) in self.clients.iter().enumerate() {
            client_problems(c, i, &self.clients[..i], &mut bad);
        }
        out
    }
}

/// A figment path as `problems()` writes keys: `clients[0].grant_types[1]`.
fn key_of(path: &[String]) -> String {
    let mut key = String::new();
    for part in path {
        if part.bytes().all(|b| b.is_ascii_digit()) {
            key.push_str(&format!("[{part}]"));
        } else {
            if !key.is_empty() {
                key.push('.');
            }
            key.push_str(part);
        }
    }
    key
}

fn upstream_issuer_problem(issuer: &str) -> Option<String> {
    let url = match Url::parse(issuer) {
        Ok(u) => u,
        Err(e) => return Some(format!("is not a URL: {e}")),
    };
    match url.scheme() {
        "https" => None,
        "http" if is_loopback(&url) => None,
        _ => Some("must be https:// (plain http:// only on a loopback address)".into()),
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(d)) => d == "localhost",
        None => false,
    }
}

fn client_problems(
    c: &ClientConfig,
    i: usize,
    earlier: &[ClientConfig],
    bad: &mut impl FnMut(String, String),
) {
    let key = |k: &str| format!("clients[{i}].{k}");
    if c.id.is_empty() || c.id.contains(':') {
        bad(
            key("id"),
            "must be non-empty and must not contain ':'".into(),
        );
    }
    if earlier.iter().any(|o| o.id == c.id) {
        bad(key("id"), format!("{:?} is used twice", c.id));
    }
    match c.secret.as_deref() {
        Some("") => bad(
            key("secret"),
            "must not be empty (omit it for a public client)".into(),
        ),
        Some(s) if s.starts_with("sha256:") => {
            let hex = &s["sha256:".len()..];
            if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                bad(
                    key("secret"),
                    "sha256: must be followed by 64 hex digits".into(),
                );
            }
        }
        _ => {}
    }
    for (j, uri) in c.redirect_uris.iter().enumerate() {
        if let Some(p) = redirect_uri_problem(uri) {
            bad(format!("clients[{i}].redirect_uris[{j}]"), p);
        }
    }
    for (j, uri) in c.post_logout_redirect_uris.iter().enumerate() {
        if let Some(p) = redirect_uri_problem(uri) {
            bad(format!("clients[{i}].post_logout_redirect_uris[{j}]"), p);
        }
    }
    // Unknown grant types, auth methods and algorithms are refused by deserialization.
    let has = |g: GrantType| c.grant_types.contains(&g);
    if has(GrantType::AuthorizationCode) && c.redirect_uris.is_empty() {
        bad(
            key("redirect_uris"),
            "at least one is required for authorization_code".into(),
        );
    }
    if has(GrantType::ClientCredentials) && c.secret.is_none() {
        bad(
            key("grant_types"),
            "client_credentials needs a confidential client (set secret)".into(),
        );
    }
    if let Some(m) = c.token_endpoint_auth_method
        && (m == AuthMethod::None) != c.secret.is_none()
    {
        bad(
            key("token_endpoint_auth_method"),
            "\"none\" is for clients without a secret, and only for them".into(),
        );
    }
    match c.introspection.as_deref() {
        None | Some("own") => {}
        Some("any") if c.secret.is_none() => bad(
            key("introspection"),
            "\"any\" needs a confidential client (set secret)".into(),
        ),
        Some("any") => {}
        Some(other) => bad(
            key("introspection"),
            format!("{other:?} is not one of {INTROSPECTION:?}"),
        ),
    }
    for s in &c.scopes {
        if s.is_empty() || s.contains(' ') || s.contains('"') || s.contains('\\') {
            bad(
                key("scopes"),
                format!("{s:?} is not a valid scope token (RFC 6749 §3.3)"),
            );
        }
    }
}

fn redirect_uri_problem(uri: &str) -> Option<String> {
    match Url::parse(uri) {
        Ok(u) if u.fragment().is_some() => {
            Some("must not contain a fragment (RFC 6749 §3.1.2)".into())
        }
        Ok(u) if u.cannot_be_a_base() && u.scheme() != "urn" => {
            Some("must be an absolute URL".into())
        }
        Ok(_) => None,
        Err(e) => Some(format!("is not an absolute URL: {e}")),
    }
}

/// Durations written the human way: "30d", "30m", "1h 30m".
mod duration_text {
    use super::*;

    pub fn serialize<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&humantime::format_duration(*d).to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        let text = String::deserialize(d)?;
        humantime::parse_duration(&text).map_err(|e| {
            serde::de::Error::custom(format!(
                "{text:?} is not a duration like \"30m\" or \"30d\": {e}"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        assert!(Config::default().problems().is_empty());
    }

    /// Every section can be overridden from the environment (`LANYARD_AUDIT__…` was
    /// silently ignored while the list was kept by hand and lacked `audit`).
    #[test]
    fn every_top_level_key_takes_environment_overrides() {
        let keys = top_level_keys();
        for section in [
            "issuer",
            "listen",
            "data_dir",
            "database",
            "tls",
            "secrets",
            "sessions",
            "tokens",
            "mail",
            "captcha",
            "signup",
            "rate_limit",
            "proxy",
            "audit",
            "metrics",
            "upstream",
            "clients",
        ] {
            assert!(keys.iter().any(|k| k == section), "{section} in {keys:?}");
        }
    }

    /// Every key the README documents with an environment variable names a real key
    /// of the config, under a section the overrides are read for.
    #[test]
    fn every_documented_environment_override_reaches_its_key() {
        let defaults = serde_json::to_value(Config::default()).unwrap();
        let sections = top_level_keys();
        let mut checked = 0;
        for row in include_str!("../README.md").lines() {
            let cells: Vec<&str> = row.split('|').map(str::trim).collect();
            let (Some(key), Some(env)) = (cells.get(1), cells.get(3)) else {
                continue;
            };
            let (Some(key), Some(env)) = (
                key.strip_prefix('`').and_then(|k| k.strip_suffix('`')),
                env.strip_prefix("`LANYARD_")
                    .and_then(|e| e.strip_suffix('`')),
            ) else {
                continue;
            };
            assert_eq!(env.to_lowercase().replace("__", "."), key, "{row}");
            let mut path = key.split('.');
            let top = path.next().unwrap();
            assert!(sections.iter().any(|s| s == top), "{key}: not overridable");
            let mut at = &defaults[top];
            for part in path {
                // An optional section (`tls`) is null by default: its keys are
                // still read, as that section's fields.
                if at.is_null() {
                    break;
                }
                at = at.get(part).unwrap_or_else(|| panic!("{key}: no such key"));
            }
            checked += 1;
        }
        assert!(checked >= 30, "only {checked} documented overrides found");
    }

    #[test]
    fn pool_size_defaults_by_backend_and_follows_the_key() {
        let mut c = Config::default();
        assert_eq!(c.pool_size(), 4, "SQLite by default");
        c.database.url = Some("postgres://db.internal/lanyard".into());
        assert_eq!(c.pool_size(), 16);
        c.database.max_connections = Some(7);
        assert_eq!(c.pool_size(), 7);
        c.database.max_connections = Some(0);
        let keys: Vec<String> = c.problems().into_iter().map(|p| p.key).collect();
        assert!(keys.contains(&"database.max_connections".to_string()));
    }

    #[test]
    fn problems_name_their_keys() {
        let mut c = Config {
            listen: "nope".into(),
            ..Config::default()
        };
        c.clients.push(ClientConfig {
            id: "app".into(),
            secret: None,
            redirect_uris: vec!["not a url".into()],
            post_logout_redirect_uris: vec![],
            grant_types: vec![GrantType::ClientCredentials],
            scopes: default_scopes(),
            first_party: false,
            token_endpoint_auth_method: Some(AuthMethod::Post),
            id_token_signed_response_alg: None,
            introspection: Some("all".into()),
        });
        c.metrics.token = Some("short".into());
        let keys: Vec<String> = c.problems().into_iter().map(|p| p.key).collect();
        for k in [
            "listen",
            "clients[0].redirect_uris[0]",
            "clients[0].grant_types",
            "clients[0].token_endpoint_auth_method",
            "clients[0].introspection",
            "metrics.token",
        ] {
            assert!(keys.iter().any(|x| x == k), "{k} missing from {keys:?}");
        }
    }

    /// Loads `toml` as a config file (environment overrides apply as in production).
    fn load_text(toml: &str) -> Result<Config, ConfigErrors> {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("lanyard.toml");
        std::fs::write(&file, toml).unwrap();
        Config::load(Some(&file))
    }

    /// Closed sets are parsed at load: a wrong value names its key and the allowed values.
    #[test]
    fn closed_sets_list_their_allowed_values() {
        let client = |line: &str| {
            format!(
                "[[clients]]\nid = \"svc\"\nsecret = \"s3cret-s3cret\"\nredirect_uris = [\"https://a.example/cb\"]\n{line}\n"
            )
        };
        for (line, key, message) in [
            (
                "grant_types = [\"client_credentials\", \"password\"]",
                "clients[0].grant_types[1]",
                "\"password\" is not a grant type; allowed: authorization_code, refresh_token, client_credentials",
            ),
            (
                "token_endpoint_auth_method = \"private_key_jwt\"",
                "clients[0].token_endpoint_auth_method",
                "\"private_key_jwt\" is not a token endpoint auth method; allowed: client_secret_basic, client_secret_post, none",
            ),
            (
                "id_token_signed_response_alg = \"HS256\"",
                "clients[0].id_token_signed_response_alg",
                "\"HS256\" is not a signing algorithm; allowed: RS256, ES256, EdDSA",
            ),
        ] {
            let problems = load_text(&client(line)).unwrap_err().0;
            assert!(
                problems
                    .iter()
                    .any(|p| p.key == key && p.message == message),
                "{line}: {problems:?}"
            );
        }
        // The documented spellings load into the runtime values.
        let c = load_text(&client(
            "grant_types = [\"authorization_code\", \"refresh_token\", \"client_credentials\"]\n\
             token_endpoint_auth_method = \"client_secret_post\"\n\
             id_token_signed_response_alg = \"EdDSA\"",
        ))
        .unwrap();
        assert_eq!(c.clients[0].grant_types, GrantType::ALL);
        assert_eq!(
            c.clients[0].token_endpoint_auth_method,
            Some(AuthMethod::Post)
        );
        assert_eq!(
            c.clients[0].id_token_signed_response_alg,
            Some(SigningAlg::EdDSA)
        );
        // Unset: the defaults.
        let c = load_text(&client("")).unwrap();
        assert_eq!(c.clients[0].grant_types, default_grant_types());
        assert_eq!(c.clients[0].token_endpoint_auth_method, None);
    }
}
