//! Every path in one table, and the layers every response goes through.

use super::{oidc_handlers as oidc, pages};
use crate::app::AppState;
use axum::{
    Router,
    http::{HeaderValue, header},
    routing::{get, post},
};
use tower_http::{
    catch_panic::CatchPanicLayer, limit::RequestBodyLimitLayer, services::ServeDir,
    set_header::SetResponseHeaderLayer, trace::TraceLayer,
};

/// Largest request body accepted (forms and token requests are far smaller).
pub const MAX_BODY: usize = 64 * 1024;

/// Content Security Policy of every page: no inline script, no framing, nothing from
/// other origins.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

pub fn router(state: AppState) -> Router {
    let https = state.config.is_https();
    let static_dir = concat!(env!("CARGO_MANIFEST_DIR"), "/static");
    let mut app = Router::new()
        // Protocol surface (SPEC §4).
        .route("/.well-known/openid-configuration", get(oidc::discovery))
        .route("/jwks", get(oidc::jwks))
        .route(
            "/authorize",
            get(oidc::authorize_get).post(oidc::authorize_post),
        )
        .route("/authorize/resume", get(oidc::resume))
        .route("/token", post(oidc::token))
        .route("/userinfo", get(oidc::userinfo).post(oidc::userinfo))
        .route("/revoke", post(oidc::revoke))
        .route("/introspect", post(oidc::introspect))
        .route(
            "/logout",
            get(pages::logout::logout).post(pages::logout::logout_post),
        )
        // Hosted pages (SPEC §5).
        .route("/", get(pages::home::home))
        .route("/login", get(pages::login::show).post(pages::login::submit))
        .route(
            "/consent",
            get(pages::consent::show).post(pages::consent::submit),
        )
        .route(
            "/accounts",
            get(pages::accounts::show).post(pages::accounts::choose),
        )
        .route("/signout", post(pages::home::sign_out))
        .route("/reset", get(pages::reset::show).post(pages::reset::submit))
        .route("/healthz", get(|| async { "ok" }))
        .nest_service("/static", ServeDir::new(static_dir))
        .fallback(pages::not_found)
        .with_state(state);
    let headers: [(header::HeaderName, &'static str); 5] = [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
        ),
    ];
    for (name, value) in headers {
        if name == header::STRICT_TRANSPORT_SECURITY && !https {
            continue;
        }
        app = app.layer(SetResponseHeaderLayer::if_not_present(
            name,
            HeaderValue::from_static(value),
        ));
    }
    app.layer(RequestBodyLimitLayer::new(MAX_BODY))
        .layer(TraceLayer::new_for_http())
        .layer(CatchPanicLayer::new())
}
