//! The span of every request in the logs (tower-http's `TraceLayer`), with secrets
//! taken out of the URI: a log file is read by more people, and kept longer, than
//! the links mailed to one person.
//!
//! - The confirmation, email-change, reset and invitation links (`/confirm`,
//!   `/reset`, `/invite`) carry a bearer token in the query: their whole query is
//!   replaced by `[redacted]`.
//! - Elsewhere, the values of parameters that may hold a secret or a link (`token`,
//!   an upstream's `code` and `state`, `next`, which can hold an invitation link,
//!   `id_token_hint`) are replaced by `[redacted]`; the rest stays for debugging.

use axum::http::{Request, Uri};

/// The routes whose query is a link token.
const LINK_ROUTES: &[&str] = &["/confirm", "/reset", "/invite"];
/// Parameters whose values are never logged, on any route.
const SECRET_PARAMS: &[&str] = &["token", "code", "state", "next", "id_token_hint"];
const REDACTED: &str = "[redacted]";

/// `TraceLayer::make_span_with`: tower-http's default span (DEBUG, method, URI,
/// version), with the URI redacted.
pub fn span<B>(request: &Request<B>) -> tracing::Span {
    tracing::debug_span!(
        "request",
        method = %request.method(),
        uri = %redacted_uri(request.uri()),
        version = ?request.version(),
    )
}

/// The path and query of `uri`, without the secrets it may carry.
pub fn redacted_uri(uri: &Uri) -> String {
    let path = uri.path();
    let Some(query) = uri.query().filter(|q| !q.is_empty()) else {
        return path.to_string();
    };
    if LINK_ROUTES.contains(&path.trim_end_matches('/')) {
        return format!("{path}?{REDACTED}");
    }
    let query: Vec<String> = query
        .split('&')
        .map(|pair| {
            let name = url::form_urlencoded::parse(pair.as_bytes())
                .next()
                .map(|(name, _)| name.into_owned())
                .unwrap_or_default();
            if SECRET_PARAMS.contains(&name.as_str()) {
                let raw_name = pair.split_once('=').map_or(pair, |(n, _)| n);
                format!("{raw_name}={REDACTED}")
            } else {
                pair.to_string()
            }
        })
        .collect();
    format!("{path}?{}", query.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(uri: &str) -> String {
        redacted_uri(&uri.parse().unwrap())
    }

    #[test]
    fn link_tokens_never_reach_the_log() {
        for route in ["/confirm", "/reset", "/invite", "/reset/"] {
            assert_eq!(
                r(&format!("{route}?token=s3cret&x=1")),
                format!("{route}?[redacted]")
            );
        }
        assert_eq!(
            r("/login?next=%2Finvite%3Ftoken%3Ds3cret&uid=u1"),
            "/login?next=[redacted]&uid=u1"
        );
        assert_eq!(
            r("/federate/google/callback?code=c0de&state=st4te"),
            "/federate/google/callback?code=[redacted]&state=[redacted]"
        );
        assert_eq!(
            r("/anything?%74oken=s3cret"),
            "/anything?%74oken=[redacted]"
        );
        assert_eq!(
            r("/authorize?client_id=webapp&scope=openid"),
            "/authorize?client_id=webapp&scope=openid"
        );
        assert_eq!(r("/settings"), "/settings");
        assert_eq!(r("/reset"), "/reset");
    }
}
