//! `/confirm`: the link from a confirmation or email-change message. Opening it shows
//! a button; the POST uses the link (so mail scanners that fetch links do not).
//! `/confirm/resend`: a new link for an account that signed in before confirming.

use super::{field, form};
use crate::web::sealed;
use crate::{
    account::links,
    app::AppState,
    crypto,
    oidc::{now, params::Params},
    store::email_tokens::{self, EmailToken, LinkUse},
    web::{
        csrf,
        menu::{encode, safe_next},
        render::{MessagePage, PageResult, csrf_failed, error_page, page},
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
#[template(path = "confirm.html")]
struct ConfirmPage<'a> {
    csrf: &'a str,
    token: &'a str,
    next: &'a str,
}

#[derive(Template)]
#[template(path = "confirm_first.html")]
struct ConfirmFirstPage<'a> {
    csrf: &'a str,
    email: &'a str,
    pending: &'a str,
}

fn invalid() -> Response {
    error_page(
        StatusCode::BAD_REQUEST,
        "This link has expired",
        "The link is invalid, was already used, or has expired. Sign in to get a new one.",
    )
}

fn superseded() -> Response {
    error_page(
        StatusCode::BAD_REQUEST,
        "This link was replaced",
        "This address is no longer the one your account waits to confirm: a newer link was sent, or the account's address changed since. Use the newest link, or ask for a new one in Settings.",
    )
}

/// The record of a confirmed address; after a change, the old address is told, so
/// a hijacked account does not change hands silently. The change is done either
/// way: a mail failure is only logged.
async fn after_confirmed(
    state: &AppState,
    client: &crate::audit::Requester,
    t: &EmailToken,
    previous: &str,
) {
    tracing::info!(user = %t.user_id, purpose = %t.purpose, "email confirmed");
    if t.purpose != email_tokens::CHANGE_EMAIL {
        return;
    }
    crate::audit::record_user(
        state.store(),
        client,
        crate::audit::event::EMAIL_CHANGED,
        &t.user_id,
    )
    .await;
    let Ok(Some(user)) = state.store().user_by_id(&t.user_id).await else {
        return;
    };
    if previous != t.email
        && let Err(e) =
            links::send_email_changed(&state.account(), previous, &user.username, &t.email).await
    {
        tracing::error!(error = %e, user = %t.user_id, "queueing the email-changed notice failed");
    }
}

pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> PageResult {
    let q = Params::parse(q.unwrap_or_default().as_bytes());
    let token = field(&q, "token").unwrap_or_default();
    let next = field(&q, "next").and_then(safe_next).unwrap_or_default();
    let (csrf, cookie) = csrf::token(&state, &headers);
    Ok(page(
        StatusCode::OK,
        &ConfirmPage {
            csrf: &csrf,
            token,
            next,
        },
        cookie,
    ))
}

pub async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    client: crate::audit::Requester,
    body: Bytes,
) -> PageResult {
    let f = form(&body);
    if !csrf::verify(&state, &headers, field(&f, "csrf")) {
        return Err(csrf_failed());
    }
    let token = field(&f, "token").unwrap_or_default();
    let next = field(&f, "next").and_then(safe_next).unwrap_or_default();
    let t = match state
        .store()
        .use_email_token(&crypto::token_hash(token), now())
        .await?
    {
        LinkUse::Applied { token, previous } => {
            after_confirmed(&state, &client, &token, &previous).await;
            token
        }
        LinkUse::Dead => return Ok(invalid()),
        LinkUse::Superseded => return Ok(superseded()),
        LinkUse::Taken => {
            return Ok(error_page(
                StatusCode::CONFLICT,
                "That address is taken",
                "Another account uses this email address now. Choose a different one in Settings.",
            ));
        }
    };
    let (title, message) = if t.purpose == email_tokens::CHANGE_EMAIL {
        (
            "Your email is changed",
            "Your account now uses this address.",
        )
    } else {
        (
            "Your email is confirmed",
            "Your account is ready. Sign in to set it up.",
        )
    };
    let login = if next.is_empty() {
        "/login".to_string()
    } else {
        format!("/login?next={}", encode(next))
    };
    Ok(page(
        StatusCode::OK,
        &MessagePage {
            title,
            message,
            link: Some((&login, "Sign in")),
        },
        [],
    ))
}

/// The page shown when an unconfirmed account signs in: it explains, and can send
/// the link again. `pending` is a signed, short-lived reference to the account.
pub fn confirm_first(
    state: &AppState,
    headers: &HeaderMap,
    user_id: &str,
    email: &str,
) -> Response {
    // An account id only: opening it again is a reference, not a sign-in.
    let Ok(pending) = sealed::seal(
        &state.provider.master,
        PENDING_PURPOSE,
        &user_id,
        now(),
        3600,
    ) else {
        return axum::response::IntoResponse::into_response(
            crate::web::render::PageError::Internal(anyhow::anyhow!("sealing failed")),
        );
    };
    let (csrf, cookie) = csrf::token(state, headers);
    page(
        StatusCode::FORBIDDEN,
        &ConfirmFirstPage {
            csrf: &csrf,
            email,
            pending: &pending,
        },
        cookie,
    )
}

/// The purpose the "Confirm your email first" reference is sealed for.
const PENDING_PURPOSE: &str = "confirm_first";

fn pending_user(state: &AppState, pending: &str) -> Option<String> {
    sealed::open(&state.provider.master, PENDING_PURPOSE, pending, now())
}

pub async fn resend(
    State(state): State<AppState>,
    headers: HeaderMap,
    client: crate::audit::Requester,
    body: Bytes,
) -> PageResult {
    use crate::auth::throttle::{Key, Kind};
    let f = form(&body);
    if !csrf::verify(&state, &headers, field(&f, "csrf")) {
        return Err(csrf_failed());
    }
    // Each resend is a mail: limit them like signups.
    let key = Key::ip(Kind::IpRequests, "resend", client.ip);
    if let Err(wait) = state.throttle.request(state.store(), &[key], now()).await {
        return Ok(crate::web::render::too_many(wait.0));
    }
    let Some(user_id) = field(&f, "pending").and_then(|p| pending_user(&state, p)) else {
        return Ok(error_page(
            StatusCode::BAD_REQUEST,
            "Sign in again",
            "This page expired. Sign in again to get a new link.",
        ));
    };
    if let Some(user) = state.store().user_by_id(&user_id).await?
        && !user.email_verified
    {
        links::send_confirmation(&state.account(), &user, "").await?;
    }
    Ok(super::signup::check_your_email(
        &state
            .store()
            .user_by_id(&user_id)
            .await?
            .map(|u| u.email)
            .unwrap_or_default(),
    ))
}
