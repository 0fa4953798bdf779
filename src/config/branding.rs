//! Checks of `[branding]`, `[i18n]` and the client metadata shown on the pages, and
//! the warnings `lanyard check` prints (they do not stop a start).

use super::{
    Config, ConfigProblem,
    colour::{DARK_BACKGROUND, MIN_TEXT_CONTRAST, Rgb},
};
use std::path::Path;
use url::Url;

/// The image files a logo or favicon may be, by file ending.
pub const IMAGE_TYPES: &[(&str, &str)] = &[
    ("png", "image/png"),
    ("svg", "image/svg+xml"),
    ("webp", "image/webp"),
    ("ico", "image/x-icon"),
];

/// The content type of a brand image, from its ending; `None` when not allowed.
pub fn image_type(path: &Path, allow_ico: bool) -> Option<&'static str> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    IMAGE_TYPES
        .iter()
        .find(|(e, _)| *e == ext && (allow_ico || *e != "ico"))
        .map(|(_, t)| *t)
}

/// The dark-mode primary colour: set, else derived from the light one.
pub fn primary_dark(c: &Config) -> Option<Rgb> {
    match &c.branding.primary_color_dark {
        Some(s) => Rgb::parse(s),
        None => Rgb::parse(&c.branding.primary_color).map(|p| p.dark_shade(DARK_BACKGROUND)),
    }
}

impl Config {
    pub(super) fn branding_problems(&self, bad: &mut impl FnMut(String, String)) {
        let b = &self.branding;
        if b.product_name.trim().is_empty() || b.product_name.chars().count() > 60 {
            bad(
                "branding.product_name".into(),
                "must be 1 to 60 characters".into(),
            );
        }
        for (key, path, ico) in [
            ("branding.logo", &b.logo, false),
            ("branding.favicon", &b.favicon, true),
        ] {
            let Some(path) = path else { continue };
            if image_type(path, ico).is_none() {
                let allowed = if ico {
                    "PNG, SVG, WebP or ICO"
                } else {
                    "PNG, SVG or WebP"
                };
                bad(
                    key.into(),
                    format!(
                        "{} must be a {allowed} file (by its ending)",
                        path.display()
                    ),
                );
            } else if !path.is_file() {
                bad(
                    key.into(),
                    format!("file {} does not exist", path.display()),
                );
            }
        }
        if let Some(css) = &b.custom_css
            && !css.is_file()
        {
            bad(
                "branding.custom_css".into(),
                format!("file {} does not exist", css.display()),
            );
        }
        for (key, value) in [
            ("branding.primary_color", Some(&b.primary_color)),
            ("branding.primary_color_dark", b.primary_color_dark.as_ref()),
        ] {
            if let Some(v) = value
                && Rgb::parse(v).is_none()
            {
                bad(
                    key.into(),
                    format!("{v:?} is not a colour like \"#2f5be7\""),
                );
            }
        }
        for (key, value) in [
            ("branding.support_url", &b.support_url),
            ("branding.privacy_url", &b.privacy_url),
        ] {
            if let Some(v) = value
                && !web_link(v)
            {
                bad(
                    key.into(),
                    format!("{v:?} must be an https:// or http:// URL, or a path"),
                );
            }
        }
        if let Err(problems) = crate::i18n::Catalogs::load(
            self.i18n.dir.as_deref(),
            &self.i18n.default_locale,
            &b.product_name,
        ) {
            for p in problems {
                let key = if p.file.starts_with("i18n.") {
                    p.file.clone()
                } else {
                    "i18n.dir".into()
                };
                let message = if key == "i18n.dir" {
                    format!("{}: {}", p.file, p.message)
                } else {
                    p.message
                };
                bad(key, message);
            }
        }
        for (i, c) in self.clients.iter().enumerate() {
            for (k, v) in [
                ("logo_uri", &c.logo_uri),
                ("client_uri", &c.client_uri),
                ("policy_uri", &c.policy_uri),
                ("tos_uri", &c.tos_uri),
            ] {
                if let Some(v) = v
                    && !matches!(Url::parse(v), Ok(u) if matches!(u.scheme(), "https" | "http"))
                {
                    bad(
                        format!("clients[{i}].{k}"),
                        format!("{v:?} must be an https:// URL"),
                    );
                }
            }
            if c.name
                .as_deref()
                .is_some_and(|n| n.trim().is_empty() || n.chars().count() > 80)
            {
                bad(
                    format!("clients[{i}].name"),
                    "must be 1 to 80 characters".into(),
                );
            }
        }
    }

    /// What `lanyard check` (and `serve`, in its log) warns about: works, but likely
    /// not what the operator meant.
    pub fn warnings(&self) -> Vec<ConfigProblem> {
        let mut out = Vec::new();
        let mut warn = |key: &str, message: String| {
            out.push(ConfigProblem {
                key: key.into(),
                message,
            })
        };
        if let Some(m) = self.issuer_listen_mismatch() {
            warn("issuer", m);
        }
        if self.relying_party().is_none() {
            warn(
                "issuer",
                "passkeys are off: the issuer is on an IP address, which browsers refuse as a passkey relying party (a host name works, localhost too)".into(),
            );
        }
        let max = super::sections::CaptchaConfig::SLOW_PHONE_MAX;
        if self.captcha.provider == "pow" && self.captcha.difficulty > max {
            warn(
                "captcha.difficulty",
                format!(
                    "above {max} a slow phone may take more than about 5 s to solve the puzzle"
                ),
            );
        }
        for (i, c) in self.clients.iter().enumerate() {
            for (j, uri) in c.redirect_uris.iter().enumerate() {
                if crate::oidc::clients::is_http_localhost(uri) {
                    warn(
                        &format!("clients[{i}].redirect_uris[{j}]"),
                        "localhost matches only exactly, port and all; a desktop app should use http://127.0.0.1/… or http://[::1]/…, which match on any port (RFC 8252 §7.3, §8.3)".into(),
                    );
                }
            }
            if c.secret.as_deref().is_some_and(changes_under_form_encoding) {
                warn(
                    &format!("clients[{i}].secret"),
                    "has characters that HTTP Basic must form-encode (RFC 6749 §2.3.1), and some clients (Authlib, requests-oauthlib) send them unencoded. Lanyard accepts both forms, but a secret of letters, digits, '-', '.', '_' and '~' leaves no room for mistakes".into(),
                );
            }
        }
        let light = Rgb::parse(&self.branding.primary_color);
        for (key, colour) in [
            ("branding.primary_color", light),
            ("branding.primary_color_dark", primary_dark(self)),
        ] {
            let Some(c) = colour else { continue };
            let ratio = c.contrast(c.ink());
            if ratio < MIN_TEXT_CONTRAST {
                warn(
                    key,
                    format!(
                        "button text on {} has a contrast of {ratio:.1}:1, under the {MIN_TEXT_CONTRAST}:1 WCAG asks for; choose a darker or lighter colour",
                        c.hex()
                    ),
                );
            }
        }
        out
    }

    /// The issuer names another host:port than `listen`, and no proxy is trusted to
    /// stand between them: discovery and every mail link would point elsewhere.
    fn issuer_listen_mismatch(&self) -> Option<String> {
        if !self.proxy.trusted.is_empty() {
            return None;
        }
        let url = Url::parse(&self.issuer).ok()?;
        let listen: std::net::SocketAddr = self.listen.parse().ok()?;
        let port = url.port_or_known_default()?;
        let host_ok = match url.host()? {
            url::Host::Domain(d) => {
                d == "localhost" && (listen.ip().is_loopback() || listen.ip().is_unspecified())
            }
            url::Host::Ipv4(ip) => listen.ip().is_unspecified() || listen.ip() == ip,
            url::Host::Ipv6(ip) => listen.ip().is_unspecified() || listen.ip() == ip,
        };
        (!host_ok || port != listen.port()).then(|| {
            format!(
                "{} is not where this server listens ({}); links in discovery and mail would point there. Set issuer to the public URL and [proxy] trusted to the proxy in front, or leave issuer unset",
                self.issuer, self.listen
            )
        })
    }
}

/// Whether a plaintext client secret reads differently once form-encoded for HTTP
/// Basic (RFC 6749 §2.3.1; a `sha256:` hash is not sent, so it never does).
fn changes_under_form_encoding(secret: &str) -> bool {
    !secret.starts_with("sha256:")
        && secret
            .bytes()
            .any(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')))
}

/// An absolute http(s) URL or a path on this server.
fn web_link(v: &str) -> bool {
    v.starts_with('/') && !v.starts_with("//")
        || matches!(Url::parse(v), Ok(u) if matches!(u.scheme(), "https" | "http"))
}
