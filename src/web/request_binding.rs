//! Binding a pending authorization request to the browser that started it.
//!
//! A request's `uid` travels in URLs (`/login?uid=…`, `/authorize/resume?uid=…`),
//! so it must not be a bearer credential: whoever holds a link to someone else's
//! request could otherwise finish it as themselves (a code for the victim, sent to
//! the attacker's client). When `/authorize` stores a request it also stores the
//! hash of a random value held in an HttpOnly cookie of the starting browser; every
//! page that continues the request checks it. The same value serves all requests
//! of that browser, so several tabs can sign in to different apps at once. The check
//! is the sign-in flow's (`signin::continuation::pending_request`).

use super::session::{cookie_name, read_cookie, set_cookie};
use crate::web::state::AppState;
use axum::http::{HeaderMap, HeaderValue};

pub const BINDING_COOKIE: &str = "lanyard_request";

/// The binding of a new request: the hash to store with it, and the cookie that
/// carries (or refreshes) the value in this browser for as long as a request lives.
pub fn bind_new_request(state: &AppState, headers: &HeaderMap) -> (String, HeaderValue) {
    let value = cookie_value(state, headers).unwrap_or_else(crate::crypto::random_token);
    let cookie = set_cookie(
        state,
        BINDING_COOKIE,
        &value,
        Some(state.provider.interaction_ttl),
    );
    (crate::crypto::token_hash(&value), cookie)
}

fn cookie_value(state: &AppState, headers: &HeaderMap) -> Option<String> {
    read_cookie(headers, &cookie_name(state, BINDING_COOKIE)).filter(|v| v.len() == 43)
}
