//! Typed configuration: `lanyard.toml` plus `LANYARD_*` environment overrides.
//!
//! Every key is documented where it is defined, with its default. Loading never
//! half-succeeds: [`Config::load`] returns every problem found, each naming its key.
//!
//! The sections are in `sections.rs`, the relying apps in `clients.rs`, the upstream
//! providers in `upstream.rs`, the environment overrides in `env.rs` and the checks
//! run after loading in `validate.rs`.

pub mod branding;
mod clients;
pub mod colour;
mod duration_text;
mod env;
mod sections;
mod upstream;
mod validate;

pub use clients::{ClientConfig, INTROSPECTION};
pub use sections::{
    AuditConfig, BrandingConfig, CaptchaConfig, DatabaseConfig, I18nConfig, LogConfig, LogFormat,
    MIN_METRICS_TOKEN, MailConfig, MetricsConfig, OnboardingConfig, ProxyConfig, RateLimitConfig,
    SecretsConfig, SessionsConfig, SignupConfig, TlsConfig, TokensConfig, WebauthnConfig,
};
pub use upstream::UpstreamConfig;

use figment::{
    Figment,
    providers::{Format, Serialized, Toml},
};
use serde::{Deserialize, Serialize};
use std::{
    path::{Path, PathBuf},
    time::Duration,
};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Public base URL; every endpoint and link is derived from it. Unset (empty), it
    /// follows `listen` (SPEC §8): see [`issuer_for_listen`].
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
    pub branding: BrandingConfig,
    pub i18n: I18nConfig,
    pub onboarding: OnboardingConfig,
    pub webauthn: WebauthnConfig,
    pub log: LogConfig,
    pub upstream: Vec<UpstreamConfig>,
    pub clients: Vec<ClientConfig>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            issuer: issuer_for_listen("127.0.0.1:8080"),
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
            branding: BrandingConfig::default(),
            i18n: I18nConfig::default(),
            onboarding: OnboardingConfig::default(),
            webauthn: WebauthnConfig::default(),
            log: LogConfig::default(),
            upstream: Vec::new(),
            clients: Vec::new(),
        }
    }
}

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
        // The issuer's default depends on `listen`, so it is filled in after merging.
        let mut defaults = Config::default();
        defaults.issuer.clear();
        let mut figment = Figment::from(Serialized::defaults(defaults));
        if let Some(path) = file {
            if !path.exists() {
                return Err(ConfigErrors(vec![ConfigProblem {
                    key: "--config".into(),
                    message: format!("file {} does not exist", path.display()),
                }]));
            }
            figment = figment.merge(Toml::file_exact(path));
        }
        figment = figment.merge(env::overrides());
        let mut config: Config = figment.extract().map_err(|errors| {
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
        if config.issuer.is_empty() {
            config.issuer = issuer_for_listen(&config.listen);
        }
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
}

/// The issuer when none is set: `http://localhost:PORT` for a loopback or wildcard
/// `listen` (a browser refuses an IP address as a WebAuthn RP ID, and a wildcard
/// address is no place to send a browser), else `http://` and the address itself.
pub fn issuer_for_listen(listen: &str) -> String {
    match listen.parse::<std::net::SocketAddr>() {
        Ok(a) if a.ip().is_loopback() || a.ip().is_unspecified() => {
            format!("http://localhost:{}", a.port())
        }
        Ok(a) => format!("http://{a}"),
        Err(_) => "http://localhost:8080".into(),
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

#[cfg(test)]
mod tests;
