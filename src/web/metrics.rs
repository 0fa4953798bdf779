//! Prometheus metrics at `/metrics`: requests by route, method and status, request
//! latency histograms by route, sign-ins and token issuance.

use axum::{
    extract::{MatchedPath, Request},
    http::{HeaderValue, header},
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
    let method = req.method().as_str().to_owned();
    let route = matched.map_or_else(|| "unmatched".to_owned(), |m| m.as_str().to_owned());
    let resp = next.run(req).await;
    let status = resp.status().as_u16().to_string();
    metrics::histogram!("http_request_duration_seconds", "route" => route.clone())
        .record(start.elapsed().as_secs_f64());
    metrics::counter!("http_requests_total", "route" => route, "method" => method, "status" => status).increment(1);
    resp
}

pub async fn render() -> Response {
    let mut r = handle().render().into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4"),
    );
    r
}

/// A sign-in attempt: `method` is `pwd` or `fed`.
pub fn sign_in(method: &'static str, ok: bool) {
    metrics::counter!("lanyard_sign_ins_total", "method" => method, "result" => if ok { "ok" } else { "failed" }).increment(1);
}

/// A token response, by grant type.
pub fn token_issued(grant: &str) {
    metrics::counter!("lanyard_tokens_issued_total", "grant" => grant.to_owned()).increment(1);
}
