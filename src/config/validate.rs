//! The semantic checks run after loading: every problem, each naming its key.

use super::{ClientConfig, Config, ConfigProblem, INTROSPECTION, MIN_METRICS_TOKEN};
use crate::oidc::vocab::{AuthMethod, GrantType};
use std::{net::SocketAddr, time::Duration};
use url::Url;

impl Config {
    /// The passkeys' relying party: the issuer's host, or `[webauthn] rp_id` when it
    /// is that host or a parent domain of it (WebAuthn §5.1.4.1: an RP ID is the
    /// origin's effective domain or a registrable suffix of it), and the origins
    /// allowed to run ceremonies. `None` for an issuer on an IP address.
    pub fn relying_party(&self) -> Option<(String, Vec<Url>)> {
        let issuer = Url::parse(&self.issuer).ok()?;
        let host = issuer.domain()?.to_string();
        let rp_id = self.webauthn.rp_id.clone().unwrap_or(host);
        let mut origins = vec![issuer];
        origins.extend(
            self.webauthn
                .origins
                .iter()
                .filter_map(|o| Url::parse(o).ok()),
        );
        Some((rp_id, origins))
    }

    fn webauthn_problems(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        let under = |host: &str, rp: &str| host == rp || host.ends_with(&format!(".{rp}"));
        let host = Url::parse(&self.issuer)
            .ok()
            .and_then(|u| u.domain().map(str::to_string));
        if let Some(rp) = &self.webauthn.rp_id {
            match &host {
                None => out.push((
                    "webauthn.rp_id",
                    "the issuer is on an IP address, and browsers refuse one as a passkey relying party: give the issuer a host name".to_string(),
                )),
                Some(h) if !under(h, rp) => out.push((
                    "webauthn.rp_id",
                    format!("{rp:?} is neither the issuer's host {h:?} nor a parent domain of it"),
                )),
                Some(_) => {}
            }
        }
        let rp = self.webauthn.rp_id.clone().or(host);
        for o in &self.webauthn.origins {
            let domain = Url::parse(o)
                .ok()
                .and_then(|u| u.domain().map(str::to_string));
            match (domain, &rp) {
                (Some(d), Some(rp)) if under(&d, rp) => {}
                (Some(_), Some(rp)) => out.push((
                    "webauthn.origins",
                    format!("{o:?} is not on the relying party {rp:?}"),
                )),
                _ => out.push((
                    "webauthn.origins",
                    format!("{o:?} is not an origin with a host name (https://login.example.com)"),
                )),
            }
        }
        out
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
        for (key, message) in self.webauthn_problems() {
            bad(key.into(), message);
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
        // A longer grace would let a leaked refresh token go unnoticed for long.
        if self.tokens.refresh_reuse_grace > Duration::from_secs(300) {
            bad(
                "tokens.refresh_reuse_grace".into(),
                "must be at most 5m (beyond that a leaked refresh token goes unnoticed)".into(),
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
        self.branding_problems(&mut bad);
        out
    }
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
    if let Some(uri) = &c.backchannel_logout_uri {
        match Url::parse(uri) {
            Ok(u) if matches!(u.scheme(), "https" | "http") && u.fragment().is_none() => {}
            _ => bad(
                format!("clients[{i}].backchannel_logout_uri"),
                "must be an absolute https (or http) URL without a fragment (Back-Channel Logout §2.2)".into(),
            ),
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
    let has_keys = c.jwks.is_some() || c.jwks_uri.is_some();
    if has(GrantType::ClientCredentials) && c.secret.is_none() && !has_keys {
        bad(
            key("grant_types"),
            "client_credentials needs a confidential client (set secret, or jwks for private_key_jwt)".into(),
        );
    }
    match c.token_endpoint_auth_method {
        Some(AuthMethod::None) if c.secret.is_some() || has_keys => bad(
            key("token_endpoint_auth_method"),
            "\"none\" is for clients without a secret or keys".into(),
        ),
        Some(AuthMethod::PrivateKeyJwt) if c.secret.is_some() || !has_keys => bad(
            key("token_endpoint_auth_method"),
            "\"private_key_jwt\" needs jwks or jwks_uri, and no secret".into(),
        ),
        Some(AuthMethod::Basic | AuthMethod::Post) if c.secret.is_none() => {
            bad(key("token_endpoint_auth_method"), "needs a secret".into())
        }
        None if c.secret.is_none() && has_keys => bad(
            key("token_endpoint_auth_method"),
            "set \"private_key_jwt\" for a client with jwks or jwks_uri".into(),
        ),
        _ => {}
    }
    if c.jwks.is_some() && c.jwks_uri.is_some() {
        bad(key("jwks"), "set jwks or jwks_uri, not both".into());
    }
    if let Some(set) = &c.jwks
        && let Err(why) = crate::oidc::client_keys::parse_set(set.as_bytes())
    {
        bad(key("jwks"), why);
    }
    if let Some(uri) = &c.jwks_uri
        && !Url::parse(uri)
            .is_ok_and(|u| u.scheme() == "https" || crate::oidc::clients::is_loopback_ip(&u))
    {
        bad(
            key("jwks_uri"),
            "must be an https URL (http only on 127.0.0.1 or [::1])".into(),
        );
    }
    match c.introspection.as_deref() {
        None | Some("own") => {}
        Some("any") if c.secret.is_none() && !has_keys => bad(
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
        // A native app's private-use scheme names a domain its maker controls, so
        // that two apps do not claim the same one (RFC 8252 §7.1, §8.4).
        Ok(u) if !matches!(u.scheme(), "http" | "https" | "urn") && !u.scheme().contains('.') => {
            Some(format!(
                "the private-use scheme {:?} must be a reverse domain name you control, like com.example.app:/callback (RFC 8252 §7.1)",
                u.scheme()
            ))
        }
        Ok(_) => None,
        Err(e) => Some(format!("is not an absolute URL: {e}")),
    }
}
