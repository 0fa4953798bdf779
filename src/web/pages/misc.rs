//! Small pages and resources: the Terms of Use, profile photos, captcha challenges.

use crate::{
    audit::Requester,
    auth::captcha::Captcha,
    web::{extract::Now, state::AppState, ui::Ui},
};
use askama::Template;
use axum::{
    body::Body,
    extract::{Path, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};

#[derive(Template)]
#[template(path = "terms.html")]
struct TermsPage {
    ui: Ui,
}

pub async fn terms() -> Response {
    let terms = TermsPage { ui: Ui::current() };
    crate::web::render::page(StatusCode::OK, &terms, [])
}

/// A profile photo. Its URL carries a version, so it is cached for a year.
pub async fn avatar(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let found = match state.store().avatar(&id).await {
        Ok(f) => f,
        Err(e) => {
            tracing::error!(error = %e, "reading an avatar failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let Some((png, updated)) = found else {
        return (StatusCode::NOT_FOUND, "no photo").into_response();
    };
    let etag = format!("\"{updated}\"");
    if headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        == Some(etag.as_str())
    {
        return StatusCode::NOT_MODIFIED.into_response();
    }
    let mut r = Body::from(png).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/png"));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    r
}

/// How much harder than the configured difficulty an address's puzzle is: doubling
/// for every 10 challenges or failures within the rate-limit window, up to 16×,
/// and back to 1× once the address has been quiet for a window.
pub fn captcha_scale(recent: i64) -> u64 {
    1 << (recent / 10).clamp(0, 4)
}

/// A fresh built-in captcha challenge (ALTCHA JSON), harder for an address that
/// keeps asking or failing.
pub async fn captcha_challenge(
    State(state): State<AppState>,
    client: Requester,
    Now(now): Now,
) -> Response {
    let key = Captcha::throttle_key(client.ip);
    let store = state.store();
    let recent = state.throttle.hits(store, &key).await;
    if matches!(&state.captcha, Captcha::Pow { .. }) {
        state.throttle.hit(store, &[key]).await;
    }
    match state.captcha.challenge(now, captcha_scale(recent)) {
        Some(c) => {
            let mut r = axum::Json(c).into_response();
            r.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            r
        }
        None => (
            StatusCode::NOT_FOUND,
            "this server uses a third-party captcha",
        )
            .into_response(),
    }
}
