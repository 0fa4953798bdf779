//! Browser sessions. The cookie holds a random token; the database keeps only its
//! hash (`browser_hash`), with one row per account signed in in that browser.

use crate::{
    oidc::authorize::SessionView,
    store::{sessions::Session, users::User},
    web::state::AppState,
};
use axum::http::{HeaderMap, HeaderValue, header};
use cookie::{Cookie, SameSite};

pub const SESSION_COOKIE: &str = "lanyard_session";

/// Cookie names get the `__Host-` prefix under https (bound to this origin, Secure, path /).
pub fn cookie_name(state: &AppState, base: &str) -> String {
    if state.config.is_https() {
        format!("__Host-{base}")
    } else {
        base.to_string()
    }
}

/// The value of a request cookie.
pub fn read_cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| Cookie::split_parse(v.to_string()))
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_string())
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Lax, Secure under https. `max_age`
/// `None` makes a session cookie (gone when the browser closes).
pub fn set_cookie(state: &AppState, base: &str, value: &str, max_age: Option<i64>) -> HeaderValue {
    let mut c = Cookie::build((cookie_name(state, base), value.to_string()))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.config.is_https())
        .build();
    if let Some(secs) = max_age {
        c.set_max_age(cookie::time::Duration::seconds(secs));
    }
    HeaderValue::from_str(&c.to_string()).expect("cookie values are base64url")
}

pub fn clear_cookie(state: &AppState, base: &str) -> HeaderValue {
    set_cookie(state, base, "", Some(0))
}

pub fn browser_hash(state: &AppState, headers: &HeaderMap) -> Option<String> {
    read_cookie(headers, &cookie_name(state, SESSION_COOKIE)).map(|t| crate::crypto::token_hash(&t))
}

/// The account currently selected in this browser.
pub async fn current(
    state: &AppState,
    headers: &HeaderMap,
    now: i64,
) -> anyhow::Result<Option<(Session, User)>> {
    let Some(hash) = browser_hash(state, headers) else {
        return Ok(None);
    };
    let current = state.store().current_session(&hash, now).await?;
    if current.is_some() {
        touch(state, &hash, now).await?;
    }
    Ok(current)
}

/// A browser in use does not idle out.
async fn touch(state: &AppState, browser_hash: &str, now: i64) -> anyhow::Result<()> {
    let idle_until = now + state.config.sessions.idle.as_secs() as i64;
    Ok(state
        .store()
        .touch_browser(browser_hash, idle_until)
        .await?)
}

/// Every account signed in in this browser.
pub async fn all(
    state: &AppState,
    headers: &HeaderMap,
    now: i64,
) -> anyhow::Result<Vec<(Session, User)>> {
    let Some(hash) = browser_hash(state, headers) else {
        return Ok(Vec::new());
    };
    let all = state.store().browser_sessions(&hash, now).await?;
    if !all.is_empty() {
        touch(state, &hash, now).await?;
    }
    Ok(all)
}

pub fn view(s: &Session) -> SessionView {
    SessionView {
        sid: s.sid.clone(),
        user_id: s.user_id.clone(),
        auth_time: s.auth_time,
    }
}

/// Renews this browser's session id after a privilege change (two-step verification
/// turned on or off, password changed): the old cookie value stops working.
pub async fn renew(
    state: &AppState,
    headers: &HeaderMap,
    now: i64,
) -> anyhow::Result<Option<HeaderValue>> {
    let Some(old) = browser_hash(state, headers) else {
        return Ok(None);
    };
    let token = crate::crypto::random_token();
    let new_hash = crate::crypto::token_hash(&token);
    let store = state.store();
    store.rekey_browser(&old, &new_hash).await?;
    let persistent = store.browser_remembered(&new_hash, now).await?;
    let max_age = persistent.then_some(state.config.sessions.remember_me.as_secs() as i64);
    Ok(Some(set_cookie(state, SESSION_COOKIE, &token, max_age)))
}
