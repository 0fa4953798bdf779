//! Prometheus metrics at `/metrics`: requests by route, method and status, request
//! latency histograms by route, sign-ins and token issuance.
//!
//! Every label value comes from a fixed set (route templates, known methods and
//! status codes, else `other`): a series lives for the life of the process, so a
//! label copied from the request would let anyone grow memory without bound.
//! With `[metrics] token` set, scraping needs `Authorization: Bearer <token>`.

use crate::web::state::AppState;
use axum::{
    extract::{MatchedPath, Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::{
    sync::OnceLock,
    time::{Duration, Instant},
};

static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();

/// How often histogram samples are folded into their buckets.
const UPKEEP_EVERY: Duration = Duration::from_secs(1);

/// The process-wide recorder (installed once, however many apps a process runs).
pub fn handle() -> &'static PrometheusHandle {
    HANDLE.get_or_init(|| {
        let handle = PrometheusBuilder::new()
            .set_buckets_for_metric(
                Matcher::Full("http_request_duration_seconds".into()),
                &[
                    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
                ],
            )
            .expect("valid buckets")
            .install_recorder()
            .expect("installing the metrics recorder");
        // The recorder keeps every histogram sample until upkeep folds it into the
        // buckets; without this, memory grows with the request count until the next
        // scrape (about 8 bytes a request: tens of MB an hour under load). A thread of
        // its own, because tests run many Tokio runtimes in one process.
        let upkeep = handle.clone();
        std::thread::Builder::new()
            .name("metrics-upkeep".into())
            .spawn(move || {
                loop {
                    std::thread::sleep(UPKEEP_EVERY);
                    upkeep.run_upkeep();
                }
            })
            .expect("starting the metrics upkeep thread");
        handle
    })
}

/// Middleware: counts and times every routed request.
pub async fn track(matched: Option<MatchedPath>, req: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = method_label(req.method());
    // The route template (`/teams/{id}`), never the raw path.
    let route = matched.map_or_else(|| "unmatched".to_owned(), |m| m.as_str().to_owned());
    let resp = next.run(req).await;
    let status = status_label(resp.status());
    metrics::histogram!("http_request_duration_seconds", "route" => route.clone())
        .record(start.elapsed().as_secs_f64());
    metrics::counter!("http_requests_total", "route" => route, "method" => method, "status" => status).increment(1);
    resp
}

/// The method as a label: the standard ones by name, anything else `other`.
fn method_label(method: &Method) -> &'static str {
    const KNOWN: [Method; 9] = [
        Method::GET,
        Method::HEAD,
        Method::POST,
        Method::PUT,
        Method::DELETE,
        Method::PATCH,
        Method::OPTIONS,
        Method::CONNECT,
        Method::TRACE,
    ];
    KNOWN
        .iter()
        .find(|m| *m == method)
        .map_or("other", Method::as_str)
}

/// The status as a label: registered codes by number, anything else `other`.
fn status_label(status: StatusCode) -> String {
    match status.canonical_reason() {
        Some(_) => status.as_str().to_owned(),
        None => "other".to_owned(),
    }
}

/// Whether the request may scrape: always without `[metrics] token`, else only
/// with that bearer token (compared in constant time).
fn may_scrape(token: Option<&str>, headers: &HeaderMap) -> bool {
    let Some(token) = token else {
        return true;
    };
    let presented = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        // The scheme is case-insensitive (RFC 7235 §2.1).
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map_or("", |(_, t)| t);
    // Hashing first makes the comparison independent of the lengths, too.
    crate::crypto::ct_eq(
        &crate::crypto::sha256(presented.as_bytes()),
        &crate::crypto::sha256(token.as_bytes()),
    )
}

pub async fn render(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if !may_scrape(state.config.metrics.token.as_deref(), &headers) {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer realm=\"metrics\"")],
            "The metrics need the bearer token of [metrics] token.\n",
        )
            .into_response();
    }
    let mut r = handle().render().into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4"),
    );
    r
}

/// A token response, by grant type (a fixed set, never request text).
pub fn token_issued(grant: crate::oidc::vocab::GrantType) {
    metrics::counter!("lanyard_tokens_issued_total", "grant" => grant.as_str()).increment(1);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_come_from_a_fixed_set() {
        assert_eq!(method_label(&Method::POST), "POST");
        assert_eq!(method_label(&Method::from_bytes(b"FROB").unwrap()), "other");
        assert_eq!(status_label(StatusCode::NOT_FOUND), "404");
        assert_eq!(status_label(StatusCode::from_u16(599).unwrap()), "other");
    }

    #[test]
    fn the_token_is_required_when_set() {
        let mut h = HeaderMap::new();
        assert!(may_scrape(None, &h));
        assert!(!may_scrape(Some("0123456789abcdef"), &h));
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer nope"),
        );
        assert!(!may_scrape(Some("0123456789abcdef"), &h));
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer 0123456789abcdef"),
        );
        assert!(may_scrape(Some("0123456789abcdef"), &h));
    }
}
