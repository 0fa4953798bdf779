//! `/`: the signed-in account, and signing out.

use super::{field, form};
use crate::{
    app::AppState,
    web::{
        csrf,
        render::{PageResult, csrf_failed, page, see_other},
        session,
    },
};
use askama::Template;
use axum::{
    body::Bytes,
    extract::State,
    http::{HeaderMap, StatusCode},
};

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage<'a> {
    csrf: &'a str,
    display_name: &'a str,
    username: &'a str,
    email: &'a str,
}

pub async fn home(State(state): State<AppState>, headers: HeaderMap) -> PageResult {
    let Some((_, user)) = session::current(&state, &headers).await? else {
        return Ok(see_other("/login", []));
    };
    let (token, cookie) = csrf::token(&state, &headers);
    Ok(page(
        StatusCode::OK,
        &HomePage {
            csrf: &token,
            display_name: user.name.as_deref().unwrap_or(&user.username),
            username: &user.username,
            email: &user.email,
        },
        cookie,
    ))
}

/// "Sign out": ends the current account's session on the server.
pub async fn sign_out(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> PageResult {
    if !csrf::verify(&state, &headers, field(&form(&body), "csrf")) {
        return Err(csrf_failed());
    }
    if let Some((s, _)) = session::current(&state, &headers).await? {
        state.store().delete_session(&s.sid).await?;
    }
    Ok(see_other("/login", []))
}
