//! `/reset`: "New password", "Reset password" — the single-use link from
//! "Trouble signing in?" and from `lanyard user add`. Afterwards every session and
//! refresh token of the account is revoked and a "password changed" email is sent.

use super::prelude::*;
use crate::{
    account::{links, rules},
    crypto,
    web::ui::Ui,
};

#[derive(Template)]
#[template(path = "reset.html")]
struct ResetPage<'a> {
    ui: Ui,
    csrf: &'a str,
    token: &'a str,
    error: Option<&'a str>,
}

fn render(
    state: &AppState,
    headers: &HeaderMap,
    status: StatusCode,
    token: &str,
    error: Option<&str>,
) -> Response {
    let (csrf, cookie) = csrf::token(state, headers);
    page(
        status,
        &ResetPage {
            ui: Ui::current(),
            csrf: &csrf,
            token,
            error,
        },
        cookie,
    )
}

/// A dead link; "Ask for a new link" is "Trouble signing in?".
fn invalid_link() -> Response {
    let ui = Ui::current();
    crate::web::render::error_page_with(
        StatusCode::BAD_REQUEST,
        &ui.t("reset-invalid-title"),
        &ui.t("reset-invalid"),
        None,
        Some(("/recover", &ui.t("reset-ask-again"))),
    )
}

/// The link's token (and, posted, the "New password").
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ResetForm {
    token: String,
    password: String,
}

pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    Now(now): Now,
    Query(q): Query<ResetForm>,
) -> PageResult {
    let live = state
        .store()
        .password_reset_user(&crypto::token_hash(&q.token), now)
        .await?;
    if live.is_none() {
        return Ok(invalid_link());
    }
    Ok(render(&state, &headers, StatusCode::OK, &q.token, None))
}

pub async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    client: Requester,
    Now(now): Now,
    CsrfForm(f): CsrfForm<ResetForm>,
) -> PageResult {
    let (token, password) = (f.token.as_str(), f.password.as_str());
    let hash = crypto::token_hash(token);
    let store = state.store();
    let Some(user_id) = store.password_reset_user(&hash, now).await? else {
        return Ok(invalid_link());
    };
    let Some(user) = store.user_by_id(&user_id).await? else {
        return Ok(invalid_link());
    };
    if let Some(msg) = rules::password_problem(password, &user.username, &user.email) {
        return Ok(render(
            &state,
            &headers,
            StatusCode::BAD_REQUEST,
            token,
            Some(&Ui::current().t(msg)),
        ));
    }
    let new_hash = state.hasher.hash(password).await?;
    // The link is checked again as it is used: one that ended while the password
    // was hashed (used, replaced, or the account's email or password changed) sets
    // nothing.
    if store.reset_password(&hash, &new_hash, now).await?.is_none() {
        return Ok(invalid_link());
    }
    // A new password ends every session and grant of the account.
    store.delete_user_sessions(&user_id).await?;
    store.revoke_user_grants(&user_id, now).await?;
    links::send_password_changed(&state.account(now), &user).await?;
    tracing::info!(user = %user_id, "password set through a link");
    audit::record_user(store, &client, event::PASSWORD_RESET, &user_id).await;
    let ui = Ui::current();
    let (title, message) = (ui.t("reset-done-title"), ui.t("reset-done"));
    let sign_in = ui.t("reset-sign-in");
    Ok(page(
        StatusCode::OK,
        &MessagePage::new(&title, &message, Some(("/login", &sign_in))),
        [],
    ))
}
