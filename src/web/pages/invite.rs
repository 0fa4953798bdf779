//! `/invite`: the link from a team invitation. Works for someone signed in (accept
//! with the current account) and for someone new (sign in or create an account,
//! then come back here).

use super::{field, form};
use crate::{
    app::AppState,
    crypto,
    oidc::{now, params::Params},
    web::{
        csrf,
        menu::{encode, signed_in},
        render::{PageResult, csrf_failed, error_page, page, see_other},
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
#[template(path = "invite.html")]
struct InvitePage<'a> {
    csrf: &'a str,
    token: &'a str,
    team: &'a str,
    account: Option<&'a str>,
    next_encoded: &'a str,
}

fn invalid() -> Response {
    error_page(
        StatusCode::BAD_REQUEST,
        "This invitation has expired",
        "The invitation is invalid, was already accepted, or has expired. Ask for a new one.",
    )
}

pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> PageResult {
    let q = Params::parse(q.unwrap_or_default().as_bytes());
    let token = field(&q, "token").unwrap_or_default();
    let Some(invite) = state
        .store()
        .invite(&crypto::token_hash(token), now())
        .await?
    else {
        return Ok(invalid());
    };
    let me = signed_in(&state, &headers).await?;
    let (csrf, cookie) = csrf::token(&state, &headers);
    let next = encode(&format!("/invite?token={token}"));
    Ok(page(
        StatusCode::OK,
        &InvitePage {
            csrf: &csrf,
            token,
            team: &invite.team_name,
            account: me.as_ref().map(|s| s.user.email.as_str()),
            next_encoded: &next,
        },
        cookie,
    ))
}

pub async fn accept(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> PageResult {
    let f = form(&body);
    if !csrf::verify(&state, &headers, field(&f, "csrf")) {
        return Err(csrf_failed());
    }
    let token = field(&f, "token").unwrap_or_default();
    let Some(me) = signed_in(&state, &headers).await? else {
        return Ok(see_other(
            &format!("/login?next={}", encode(&format!("/invite?token={token}"))),
            [],
        ));
    };
    match state
        .store()
        .accept_invite(&crypto::token_hash(token), &me.user.id, now())
        .await?
    {
        Some(team_id) => {
            tracing::info!(team = %team_id, user = %me.user.id, "invitation accepted");
            Ok(see_other(&format!("/teams/{team_id}"), []))
        }
        None => Ok(invalid()),
    }
}
