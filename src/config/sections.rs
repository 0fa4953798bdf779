//! The sections of the config with fixed keys, each with its defaults.

use super::duration_text;
use serde::{Deserialize, Serialize};
use std::{path::PathBuf, time::Duration};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DatabaseConfig {
    /// `sqlite://path` or `postgres://user:pw@host/db`; default `sqlite://<data_dir>/lanyard.db`.
    pub url: Option<String>,
    /// Connection pool size; see [`Config::pool_size`](super::Config::pool_size) for the default.
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
    /// How long a just-rotated refresh token still works: clients that send one
    /// token in two requests at once (mod_auth_openidc loading a page) are not
    /// signed out. `0s` makes every reuse end the grant.
    #[serde(with = "duration_text")]
    pub refresh_reuse_grace: Duration,
}

impl Default for TokensConfig {
    fn default() -> Self {
        TokensConfig {
            access_token: Duration::from_secs(3600),
            refresh_token: Duration::from_secs(30 * 24 * 3600),
            authorization_code: Duration::from_secs(60),
            refresh_reuse_grace: Duration::from_secs(30),
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

impl CaptchaConfig {
    /// The most a built-in puzzle asks of a browser, however often its address asks
    /// (`maxnumber`): about 5 s on a slow phone in the worst case. The widget's
    /// solver does about 2.6 million SHA-256 a second in headless Chromium on the
    /// development machine (3 million in node: `node bench/captcha_rate.cjs`); a
    /// slow phone is taken as a tenth of that, 260,000 a second. See the README's
    /// Captcha section.
    pub const SLOW_PHONE_MAX: u64 = 1_300_000;
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

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BrandingConfig {
    /// Shown in every page title and header, every mail and the authenticator app.
    pub product_name: String,
    /// A PNG, SVG or WebP file shown in the page header; served under `/static/brand/`.
    pub logo: Option<PathBuf>,
    /// A PNG, SVG or ICO file; also answered at `/favicon.ico`.
    pub favicon: Option<PathBuf>,
    /// Buttons and links, as `#rrggbb`.
    pub primary_color: String,
    /// The same in dark mode; unset: derived from `primary_color` (lightened).
    pub primary_color_dark: Option<String>,
    /// A stylesheet appended after the built-in one.
    pub custom_css: Option<PathBuf>,
    /// "Help" in the footer of every page and mail.
    pub support_url: Option<String>,
    /// "Privacy" in the footer of every page and mail.
    pub privacy_url: Option<String>,
}

impl Default for BrandingConfig {
    fn default() -> Self {
        BrandingConfig {
            product_name: "Lanyard".into(),
            logo: None,
            favicon: None,
            primary_color: "#2f5be7".into(),
            primary_color_dark: None,
            custom_css: None,
            support_url: None,
            privacy_url: None,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct I18nConfig {
    /// The language when neither the request, the person nor the browser names one
    /// with a catalog: `en`, `de`, `fr`, `es` or one added in `dir`.
    pub default_locale: String,
    /// `<dir>/<lang>/*.ftl`: messages that replace the shipped ones, or new languages.
    pub dir: Option<PathBuf>,
}

impl Default for I18nConfig {
    fn default() -> Self {
        I18nConfig {
            default_locale: "en".into(),
            dir: None,
        }
    }
}

/// Passkeys (WebAuthn). The relying party is the issuer's host unless `rp_id` names
/// a parent domain of it; `origins` adds pages on other origins (a subdomain) that
/// may run the ceremonies. An issuer on an IP address has no passkeys (browsers
/// refuse an IP as the relying party).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct WebauthnConfig {
    pub rp_id: Option<String>,
    pub origins: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OnboardingConfig {
    /// The profile step after the first sign-in.
    pub enabled: bool,
    /// The team step and the Teams pages.
    pub teams: bool,
}

impl Default for OnboardingConfig {
    fn default() -> Self {
        OnboardingConfig {
            enabled: true,
            teams: true,
        }
    }
}

/// How log lines are written to stderr.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// One line of text per event (colours only when stderr is a terminal).
    #[default]
    Text,
    /// One JSON object per line, for log collectors.
    Json,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LogConfig {
    /// `text` or `json`.
    pub format: LogFormat,
}
