//! CSRF protection for every form: a signed double-submit token. The browser holds a
//! random value in an HttpOnly, SameSite=Lax cookie; forms carry HMAC(key, value).
//! A cross-site attacker can neither read the cookie nor, without the server key,
//! make a matching token even if it could plant a cookie.

use super::session::{cookie_name, read_cookie, set_cookie};
use crate::web::state::AppState;
use axum::http::{HeaderMap, HeaderValue};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};

const CSRF_COOKIE: &str = "lanyard_csrf";

/// The token for a form, and the cookie to set when the browser has none yet.
pub fn token(state: &AppState, headers: &HeaderMap) -> (String, Option<HeaderValue>) {
    match read_cookie(headers, &cookie_name(state, CSRF_COOKIE)).filter(|v| v.len() == 43) {
        Some(value) => (sign(state, &value), None),
        None => {
            let value = crate::crypto::random_token();
            (
                sign(state, &value),
                Some(set_cookie(state, CSRF_COOKIE, &value, None)),
            )
        }
    }
}

/// Whether a submitted form token matches this browser's cookie.
pub fn verify(state: &AppState, headers: &HeaderMap, submitted: Option<&str>) -> bool {
    let (Some(value), Some(submitted)) = (
        read_cookie(headers, &cookie_name(state, CSRF_COOKIE)),
        submitted,
    ) else {
        return false;
    };
    let Ok(tag) = URL_SAFE_NO_PAD.decode(submitted) else {
        return false;
    };
    crate::crypto::hmac_verify(&state.csrf_key, value.as_bytes(), &tag)
}

fn sign(state: &AppState, value: &str) -> String {
    URL_SAFE_NO_PAD.encode(crate::crypto::hmac_sign(&state.csrf_key, value.as_bytes()))
}
