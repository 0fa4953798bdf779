//! `/login`: "Email or username", "Password", "Keep me signed in", "Sign In".
//! Signing in adds the account to this browser; other accounts stay signed in.

use super::{field, form, pending, resume_url};
use crate::{
    app::AppState,
    audit::Requester,
    audit::{self, event},
    auth::throttle::{Key, Kind},
    oidc::{now, params::Params},
    store::users::User,
    web::{
        csrf,
        menu::{encode, safe_next},
        render::{PageError, PageResult, csrf_failed, page, with_retry_after},
    },
};
use askama::Template;
use axum::{
    body::Bytes,
    extract::{RawQuery, State},
    http::{HeaderMap, StatusCode},
    response::Response,
};

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage<'a> {
    csrf: &'a str,
    uid: &'a str,
    next: &'a str,
    identifier: &'a str,
    remember: bool,
    error: Option<&'a str>,
    client_name: Option<&'a str>,
    upstreams: Vec<(String, String)>,
    signup_enabled: bool,
    /// Where a new account continues after confirming: the pending request or `next`.
    signup_next: String,
}

/// What the form shows besides its fixed parts.
struct View<'a> {
    uid: &'a str,
    next: &'a str,
    identifier: &'a str,
    remember: bool,
    error: Option<&'a str>,
    client: Option<&'a str>,
}

/// One "Sign in with NAME" button per `[[upstream]]`: (id, name).
pub fn upstream_buttons(state: &AppState) -> Vec<(String, String)> {
    state
        .config
        .upstream
        .iter()
        .map(|u| (u.id.clone(), u.display_name()))
        .collect()
}

fn render(state: &AppState, headers: &HeaderMap, status: StatusCode, v: View<'_>) -> Response {
    let (token, cookie) = csrf::token(state, headers);
    page(
        status,
        &LoginPage {
            csrf: &token,
            uid: v.uid,
            next: v.next,
            identifier: v.identifier,
            remember: v.remember,
            error: v.error,
            client_name: v.client,
            upstreams: upstream_buttons(state),
            signup_enabled: state.config.signup.enabled,
            signup_next: crate::web::menu::encode(&if v.uid.is_empty() {
                v.next.to_string()
            } else {
                resume_url(v.uid)
            }),
        },
        cookie,
    )
}

pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> PageResult {
    let q = Params::parse(q.unwrap_or_default().as_bytes());
    let uid = field(&q, "uid").unwrap_or_default();
    let next = field(&q, "next").and_then(safe_next).unwrap_or_default();
    let pending = pending(&state, &headers, uid).await?;
    let hint = pending
        .as_ref()
        .and_then(|(_, r)| r.login_hint.clone())
        .unwrap_or_default();
    let client = pending.as_ref().map(|(ix, _)| ix.client_id.clone());
    let view = View {
        uid,
        next,
        identifier: &hint,
        remember: true,
        error: None,
        client: client.as_deref(),
    };
    Ok(render(&state, &headers, StatusCode::OK, view))
}

pub async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    client: Requester,
    body: Bytes,
) -> PageResult {
    let f = form(&body);
    if !csrf::verify(&state, &headers, field(&f, "csrf")) {
        return Err(csrf_failed());
    }
    let uid = field(&f, "uid").unwrap_or_default();
    let next = field(&f, "next").and_then(safe_next).unwrap_or_default();
    let identifier = field(&f, "identifier").unwrap_or_default().trim();
    let password = field(&f, "password").unwrap_or_default();
    // A request of another browser is refused before any password is checked.
    pending(&state, &headers, uid).await?;
    let remember = field(&f, "remember").is_some();
    let again = |status, message: &str| {
        let view = View {
            uid,
            next,
            identifier,
            remember,
            error: Some(message),
            client: None,
        };
        Ok(render(&state, &headers, status, view))
    };
    if identifier.is_empty() || password.is_empty() {
        return again(
            StatusCode::BAD_REQUEST,
            "Enter your email or username and your password.",
        );
    }
    if identifier.len() > 320 || password.len() > 1024 {
        return again(
            StatusCode::BAD_REQUEST,
            "That email, username or password is too long.",
        );
    }
    let store = state.store();
    let user = store.user_by_login(identifier).await?;
    // Guesses are limited per identifier as typed (known or not, so a 429 says
    // nothing about which identifiers share an account) and per IP, and counted
    // before the hash is checked, so parallel guesses get no more checks.
    // The IP's counter comes first: an attempt it refuses leaves the identifier's
    // counter untouched, so a throttled address cannot keep restarting the wait of
    // an account it names.
    let keys = [
        Key::ip(Kind::IpFailures, "login", client.ip),
        Key::identifier("login", identifier),
    ];
    if let Err(wait) = state.throttle.attempt(store, &keys, now()).await {
        let user_id = user.as_ref().map(|u| u.id.as_str());
        audit::record(store, &client, event::SIGN_IN_THROTTLED, user_id, None).await;
        let message = format!(
            "Too many attempts. Wait {} seconds, then try again.",
            wait.0
        );
        return again(StatusCode::TOO_MANY_REQUESTS, &message).map(|r| with_retry_after(r, wait.0));
    }
    // Always hash, so an unknown account takes as long as a wrong password.
    let ok = state
        .hasher
        .verify(
            password,
            user.as_ref().and_then(|u| u.password_hash.as_deref()),
        )
        .await;
    let user = match user {
        Some(u) if ok => u,
        _ => {
            tracing::info!("sign-in failed");
            crate::web::metrics::sign_in("pwd", false);
            let user_id = user.as_ref().map(|u| u.id.as_str());
            audit::record(store, &client, event::SIGN_IN_FAILED, user_id, Some("pwd")).await;
            return again(
                StatusCode::UNAUTHORIZED,
                "That email or username and password do not match an account.",
            );
        }
    };
    // The owner's password clears what was typed, and its try was no failure of
    // this IP. Second-factor failures have their own counter, not cleared here.
    state.throttle.clear(store, &keys[1]).await;
    state.throttle.refund(store, &keys[0]).await;
    if user.disabled {
        return again(
            StatusCode::FORBIDDEN,
            "This account is disabled. Contact your administrator.",
        );
    }
    if !user.email_verified {
        return Ok(super::confirm::confirm_first(
            &state,
            &headers,
            &user.id,
            &user.email,
        ));
    }
    super::two_step::after_first_factor(
        &state,
        &headers,
        &client,
        &user,
        "pwd",
        remember,
        uid,
        next,
        Vec::new(),
    )
    .await
}

/// Where a fresh sign-in goes: onboarding the first time, then the pending
/// authorization request, the `next` page, or home.
pub async fn after_sign_in(
    state: &AppState,
    headers: &HeaderMap,
    user: &User,
    sid: &str,
    uid: &str,
    next: &str,
) -> Result<String, PageError> {
    let uid = match pending(state, headers, uid).await {
        Ok(Some((ix, _))) => {
            state.store().interaction_logged_in(&ix.uid, sid).await?;
            ix.uid
        }
        Ok(None) => String::new(),
        // The request expired (or was never this browser's) while the person signed
        // in: the sign-in stands, and the request's own page says what happened.
        Err(PageError::RequestUnavailable) => return Ok(resume_url(uid)),
        Err(e) => return Err(e),
    };
    if user.onboarded_at.is_none() {
        return Ok(format!(
            "/onboarding/profile?uid={}&next={}",
            encode(&uid),
            encode(next)
        ));
    }
    Ok(continue_to(&uid, next))
}

/// The pending authorization request, else `next`, else home.
pub fn continue_to(uid: &str, next: &str) -> String {
    if !uid.is_empty() {
        resume_url(uid)
    } else if let Some(n) = safe_next(next) {
        n.to_string()
    } else {
        "/".to_string()
    }
}
