//! `/reset`: "New password", "Reset password" — the single-use link from
//! "Trouble signing in?" and from `lanyard user add`. Afterwards every session and
//! refresh token of the account is revoked and a "password changed" email is sent.

use super::prelude::*;
use crate::{
    account::{links, passkeys, rules},
    crypto,
    store::{passkeys::kind, users::User},
    web::{
        passkey::{passkey_json, passkey_problem},
        ui::Ui,
    },
};

#[derive(Template)]
#[template(path = "reset.html")]
struct ResetPage<'a> {
    ui: Ui,
    csrf: &'a str,
    token: &'a str,
    error: Option<&'a str>,
    /// "Add a passkey instead" (this server has passkeys).
    passkeys: bool,
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
            passkeys: state.passkeys.is_some(),
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
    /// "Add a passkey instead": its ceremony, the browser's answer and its name.
    ceremony: String,
    credential: String,
    name: String,
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
    let (hash, store) = (crypto::token_hash(token), state.store());
    let Some(user) = link_user(&state, &hash, now).await? else {
        return Ok(invalid_link());
    };
    let user_id = user.id.clone();
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
    if store
        .reset_password(&hash, Some(&new_hash), now)
        .await?
        .is_none()
    {
        return Ok(invalid_link());
    }
    // A new password ends every session and grant of the account.
    store.delete_user_sessions(&user_id).await?;
    store.revoke_user_grants(&user_id, now).await?;
    backchannel::notify(&state.provider, &user_id, None, now).await?;
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

/// The account of a live link.
async fn link_user(state: &AppState, hash: &str, now: i64) -> anyhow::Result<Option<User>> {
    let store = state.store();
    let Some(user_id) = store.password_reset_user(hash, now).await? else {
        return Ok(None);
    };
    Ok(store.user_by_id(&user_id).await?)
}

/// `POST /reset/passkey/options`: a registration ceremony for the link's account,
/// bound to the link.
pub async fn passkey_options(
    State(state): State<AppState>,
    Now(now): Now,
    CsrfForm(f): CsrfForm<ResetForm>,
) -> PageResult {
    let hash = crypto::token_hash(&f.token);
    let Some(user) = link_user(&state, &hash, now).await? else {
        return Ok(invalid_link());
    };
    let services = state.account(now);
    let options = passkeys::registration_options(&services, &user, kind::RESET, &hash).await?;
    Ok(passkey_json(options))
}

/// `POST /reset/passkey`: "Add a passkey instead". The link is used as by a new
/// password: every session and grant of the account ends.
pub async fn passkey_submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    client: Requester,
    Now(now): Now,
    CsrfForm(f): CsrfForm<ResetForm>,
) -> PageResult {
    let hash = crypto::token_hash(&f.token);
    let store = state.store();
    let Some(user) = link_user(&state, &hash, now).await? else {
        return Ok(invalid_link());
    };
    let user_id = user.id.clone();
    let ui = Ui::current();
    let name = passkeys::clean_name(&f.name, &ui.t("passkeys-default-name"));
    let services = state.account(now);
    let bound = (kind::RESET, hash.as_str(), f.ceremony.as_str());
    if let Err(p) = passkeys::add(&services, &client, &user, bound, &f.credential, &name).await? {
        let (status, message) = passkey_problem(&ui, p);
        return Ok(render(&state, &headers, status, &f.token, Some(&message)));
    }
    if store.reset_password(&hash, None, now).await?.is_none() {
        // The link ended meanwhile (used elsewhere): the passkey it added goes too.
        let added = store.user_passkeys(&user_id).await?;
        if let Some(p) = added.iter().max_by_key(|p| p.created_at) {
            store.delete_passkey(&user_id, &p.cred_id).await?;
        }
        return Ok(invalid_link());
    }
    store.delete_user_sessions(&user_id).await?;
    store.revoke_user_grants(&user_id, now).await?;
    backchannel::notify(&state.provider, &user_id, None, now).await?;
    tracing::info!(user = %user_id, "passkey added through a recovery link");
    audit::record(
        store,
        &client,
        event::PASSWORD_RESET,
        Some(&user_id),
        Some("passkey"),
    )
    .await;
    let (title, message) = (ui.t("reset-passkey-done-title"), ui.t("reset-passkey-done"));
    let sign_in = ui.t("reset-sign-in");
    Ok(page(
        StatusCode::OK,
        &MessagePage::new(&title, &message, Some(("/login", &sign_in))),
        [],
    ))
}
