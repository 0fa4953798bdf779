//! Small pages and resources: the Terms of Use, profile photos, captcha challenges.

use crate::{app::AppState, oidc::now};
use askama::Template;
use axum::{
    body::Body,
    extract::{Path, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};

#[derive(Template)]
#[template(path = "terms.html")]
struct TermsPage;

pub async fn terms() -> Response {
    crate::web::render::page(StatusCode::OK, &TermsPage, [])
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

/// A fresh built-in captcha challenge (ALTCHA JSON).
pub async fn captcha_challenge(State(state): State<AppState>) -> Response {
    match state.captcha.challenge(now()) {
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
