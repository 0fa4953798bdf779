//! Every path in one table, and the layers every response goes through.

use super::{metrics, oidc_handlers as oidc, pages};
use crate::web::state::AppState;
use axum::{
    Router,
    http::{HeaderValue, header},
    routing::{get, post},
};
use tower_http::{
    catch_panic::CatchPanicLayer, limit::RequestBodyLimitLayer, set_header::SetResponseHeaderLayer,
    trace::TraceLayer,
};

/// Largest request body accepted (forms and token requests are far smaller).
pub const MAX_BODY: usize = 64 * 1024;
/// Largest body of a photo upload: the 5 MB photo and room for the form around it.
/// Between 5 MB and this, the page explains the limit; beyond it, a plain 413.
pub const MAX_UPLOAD_BODY: usize = 8 * 1024 * 1024;

/// Content Security Policy of every page: no inline script, no framing, nothing from
/// other origins.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/// [`CSP`] with the origins of the relying apps' logos (`logo_uri`) allowed as
/// image sources, so the consent page can show them; nothing else is widened.
fn csp(config: &crate::config::Config) -> HeaderValue {
    let mut origins: Vec<String> = config
        .clients
        .iter()
        .filter_map(|c| url::Url::parse(c.logo_uri.as_deref()?).ok())
        .map(|u| u.origin().ascii_serialization())
        .filter(|o| o != "null")
        .collect();
    if origins.is_empty() {
        return HeaderValue::from_static(CSP);
    }
    origins.sort();
    origins.dedup();
    let with = CSP.replace(
        "img-src 'self' data:",
        &format!("img-src 'self' data: {}", origins.join(" ")),
    );
    HeaderValue::from_str(&with).unwrap_or(HeaderValue::from_static(CSP))
}

/// Ready to serve: the database answers.
async fn ready(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> (axum::http::StatusCode, &'static str) {
    match state.store().ping().await {
        Ok(()) => (axum::http::StatusCode::OK, "ready"),
        Err(e) => {
            tracing::warn!(error = %e, "readiness check: database unreachable");
            (
                axum::http::StatusCode::SERVICE_UNAVAILABLE,
                "database unreachable",
            )
        }
    }
}

pub fn router(state: AppState) -> Router {
    metrics::handle();
    let https = state.config.is_https();
    let csp = csp(&state.config);
    let uploads = Router::new()
        .route(
            "/onboarding/profile",
            get(pages::onboarding::profile).post(pages::onboarding::profile_submit),
        )
        .route("/settings/profile", post(pages::settings::profile))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_UPLOAD_BODY))
        .layer(RequestBodyLimitLayer::new(MAX_UPLOAD_BODY))
        .route_layer(axum::middleware::from_fn(metrics::track));
    // The Teams pages and invitations exist only with `[onboarding] teams`.
    let teams = Router::new()
        .route(
            "/teams",
            get(pages::teams::index).post(pages::teams::create),
        )
        .route("/teams/{id}", get(pages::teams::show))
        .route("/teams/{id}/invite", post(pages::teams::invite))
        .route("/teams/{id}/remove", post(pages::teams::remove))
        .route("/teams/{id}/leave", post(pages::teams::leave))
        .route(
            "/invite",
            get(pages::invite::show).post(pages::invite::accept),
        )
        .route("/invite/renew", post(pages::invite::renew));
    let teams = if state.config.onboarding.teams {
        teams
            .layer(RequestBodyLimitLayer::new(MAX_BODY))
            .route_layer(axum::middleware::from_fn(metrics::track))
    } else {
        Router::new()
    };
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
        .route("/device_authorization", post(oidc::device_authorization))
        .route("/par", post(oidc::pushed_authorization))
        .route(
            "/logout",
            get(super::logout::logout).post(super::logout::logout_post),
        )
        // Hosted pages (SPEC §5).
        .route("/", get(pages::home::home))
        .route("/login", get(pages::login::show).post(pages::login::submit))
        .route("/login/passkey", post(pages::login::passkey_submit))
        .route(
            "/login/passkey/options",
            post(pages::login::passkey_options),
        )
        .route(
            "/login/code/passkey",
            post(pages::login_code::passkey_options),
        )
        .route("/settings/passkeys", post(pages::settings_passkeys::add))
        .route("/passkeys/offer", get(pages::settings_passkeys::offer))
        .route(
            "/settings/passkeys/options",
            post(pages::settings_passkeys::options),
        )
        .route(
            "/settings/passkeys/rename",
            post(pages::settings_passkeys::rename),
        )
        .route(
            "/settings/passkeys/remove",
            post(pages::settings_passkeys::remove),
        )
        .route(
            "/login/code",
            get(pages::login_code::show).post(pages::login_code::submit),
        )
        .route("/settings/two-step/setup", post(pages::two_step::setup))
        .route("/settings/two-step/verify", post(pages::two_step::verify))
        .route("/settings/two-step/disable", post(pages::two_step::disable))
        .route(
            "/settings/two-step/codes",
            post(pages::two_step::new_recovery_codes),
        )
        .route(
            "/settings/two-step/codes.txt",
            post(pages::two_step::download_codes),
        )
        .route(
            "/reauth",
            get(pages::reauth::show).post(pages::reauth::submit),
        )
        .route(
            "/consent",
            get(pages::consent::show).post(pages::consent::submit),
        )
        .route(
            "/device",
            get(pages::device::show).post(pages::device::submit),
        )
        .route("/device/decision", post(pages::device::decide))
        .route(
            "/accounts",
            get(pages::accounts::show).post(pages::accounts::choose),
        )
        .route("/signout", post(pages::home::sign_out))
        .route("/reset", get(pages::reset::show).post(pages::reset::submit))
        .route("/reset/passkey", post(pages::reset::passkey_submit))
        .route(
            "/reset/passkey/options",
            post(pages::reset::passkey_options),
        )
        .route(
            "/signup",
            get(pages::signup::show).post(pages::signup::submit),
        )
        .route(
            "/confirm",
            get(pages::confirm::show).post(pages::confirm::submit),
        )
        .route("/confirm/resend", post(pages::confirm::resend))
        .route(
            "/onboarding/team",
            get(pages::onboarding::team).post(pages::onboarding::team_submit),
        )
        .route("/settings", get(pages::settings::show))
        .route("/settings/email", post(pages::settings::email))
        .route("/settings/password", post(pages::settings::password))
        .route(
            "/settings/password/set",
            post(pages::settings::set_password),
        )
        .route(
            "/settings/apps/remove",
            post(pages::settings_data::remove_app),
        )
        .route("/settings/data", post(pages::settings_data::download))
        .route(
            "/settings/delete",
            get(pages::settings_data::delete_show).post(pages::settings_data::delete),
        )
        .route("/settings/sessions/end", post(pages::settings::end_session))
        .route(
            "/recover",
            get(pages::recover::show).post(pages::recover::submit),
        )
        .route("/captcha/challenge", get(pages::misc::captcha_challenge))
        .route("/avatars/{id}", get(pages::misc::avatar))
        .route("/federate/{id}", get(pages::federate::start))
        .route("/federate/{id}/callback", get(pages::federate::callback))
        .route("/settings/unlink", post(pages::settings::unlink))
        .route("/terms", get(pages::misc::terms))
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(ready))
        .route("/metrics", get(metrics::render))
        .route("/static/brand/{name}", get(super::brand::serve))
        .route("/static/{*path}", get(super::assets::serve))
        .route("/favicon.ico", get(super::brand::favicon))
        .route("/language", get(super::ui::choose))
        .layer(RequestBodyLimitLayer::new(MAX_BODY))
        .route_layer(axum::middleware::from_fn(metrics::track))
        .merge(uploads)
        .merge(teams)
        .fallback(pages::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            super::ui::scope,
        ))
        .with_state(state);
    app = app.layer(SetResponseHeaderLayer::if_not_present(
        header::CONTENT_SECURITY_POLICY,
        csp,
    ));
    let headers: [(header::HeaderName, &'static str); 4] = [
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
    // Request spans carry the URI with link tokens redacted (`request_log`).
    app.layer(TraceLayer::new_for_http().make_span_with(super::request_log::span))
        .layer(CatchPanicLayer::new())
}
