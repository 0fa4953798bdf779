//! `/`: the signed-in account, and signing out.

use super::prelude::*;
use crate::web::{menu::Menu, session, ui::Ui};

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage<'a> {
    ui: Ui,
    menu: &'a Menu,
    username: &'a str,
    teams: usize,
}

pub async fn home(State(state): State<AppState>, s: Option<SignedIn>) -> PageResult {
    let Some(s) = s else {
        return Ok(see_other("/login", []));
    };
    let teams = state.store().user_teams(&s.user.id).await?.len();
    Ok(page(
        StatusCode::OK,
        &HomePage {
            ui: Ui::current(),
            menu: &s.menu,
            username: &s.user.username,
            teams,
        },
        s.cookie.clone(),
    ))
}

/// "Sign out" ends the current account's session on the server; with `all`,
/// "Sign out of all accounts" ends every account of this browser.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SignOut {
    /// Present for "Sign out of all accounts".
    all: Option<String>,
}

pub async fn sign_out(
    State(state): State<AppState>,
    headers: HeaderMap,
    client: Requester,
    Now(now): Now,
    CsrfForm(f): CsrfForm<SignOut>,
) -> PageResult {
    let signed_out = |user_id: String| {
        let (store, client) = (state.store(), &client);
        async move { audit::record_user(store, client, event::SIGNED_OUT, &user_id).await }
    };
    if f.all.is_some() {
        for (s, _) in session::all(&state, &headers, now).await? {
            backchannel::notify(&state.provider, &s.user_id, Some(&s.sid), now).await?;
            signed_out(s.user_id).await;
        }
        if let Some(browser) = session::browser_hash(&state, &headers) {
            state.store().delete_browser_sessions(&browser).await?;
        }
        return Ok(see_other("/login", []));
    }
    if let Some((s, _)) = session::current(&state, &headers, now).await? {
        backchannel::notify(&state.provider, &s.user_id, Some(&s.sid), now).await?;
        state.store().delete_session(&s.sid).await?;
        signed_out(s.user_id).await;
    }
    // Another account of this browser, if any, becomes the current one.
    let to = if session::current(&state, &headers, now).await?.is_some() {
        "/"
    } else {
        "/login"
    };
    Ok(see_other(to, []))
}
