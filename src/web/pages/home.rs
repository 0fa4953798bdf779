//! `/`: the signed-in account, and signing out.

use super::{field, form};
use crate::{
    app::AppState,
    web::{
        csrf,
        menu::{Menu, signed_in},
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
    menu: &'a Menu,
    username: &'a str,
    teams: usize,
}

pub async fn home(State(state): State<AppState>, headers: HeaderMap) -> PageResult {
    let Some(s) = signed_in(&state, &headers).await? else {
        return Ok(see_other("/login", []));
    };
    let teams = state.store().user_teams(&s.user.id).await?.len();
    Ok(page(
        StatusCode::OK,
        &HomePage {
            menu: &s.menu,
            username: &s.user.username,
            teams,
        },
        s.cookie.clone(),
    ))
}

/// "Sign out" ends the current account's session on the server; with `all`,
/// "Sign out of all accounts" ends every account of this browser.
pub async fn sign_out(
    State(state): State<AppState>,
    headers: HeaderMap,
    client: crate::audit::Requester,
    body: Bytes,
) -> PageResult {
    use crate::audit::{event, record};
    let f = form(&body);
    if !csrf::verify(&state, &headers, field(&f, "csrf")) {
        return Err(csrf_failed());
    }
    if field(&f, "all").is_some() {
        for (s, _) in session::all(&state, &headers).await? {
            record(
                state.store(),
                &client,
                event::SIGNED_OUT,
                Some(&s.user_id),
                None,
            )
            .await;
        }
        if let Some(browser) = session::browser_hash(&state, &headers) {
            state.store().delete_browser_sessions(&browser).await?;
        }
        return Ok(see_other("/login", []));
    }
    if let Some((s, _)) = session::current(&state, &headers).await? {
        state.store().delete_session(&s.sid).await?;
        record(
            state.store(),
            &client,
            event::SIGNED_OUT,
            Some(&s.user_id),
            None,
        )
        .await;
    }
    // Another account of this browser, if any, becomes the current one.
    let to = if session::current(&state, &headers).await?.is_some() {
        "/"
    } else {
        "/login"
    };
    Ok(see_other(to, []))
}
