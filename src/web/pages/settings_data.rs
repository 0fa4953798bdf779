//! Settings, the account's data (SPEC §8): "Remove access" for a connected app,
//! "Download my data" (a JSON file of everything held about the account, no
//! secrets) and "Delete account" (after a recent sign-in, confirmed with the field
//! "Username" and the button "Delete my account"; the teams the account owns are
//! deleted with it, as its confirmation page says).

use super::prelude::*;
use crate::{
    account::{export, links},
    store::StoreError,
    web::{menu::Menu, notice::Notice, ui::Ui},
};
use axum::{
    http::{HeaderValue, header},
    response::IntoResponse,
};

/// Where "Download my data" and "Delete account" live on the Settings page.
const DATA_SECTION: &str = "/settings#data";
const DELETE_PAGE: &str = "/settings/delete";

/// A form with no fields of its own (the CSRF token only).
#[derive(Deserialize)]
pub struct NoFields {}

/// The app whose access to remove.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RemoveApp {
    client_id: String,
}

/// "Remove access": the app's consent is forgotten and its grants revoked, so its
/// refresh and access tokens stop working and its next request asks for consent
/// again. Protective, so no recent sign-in is needed.
pub async fn remove_app(
    State(state): State<AppState>,
    client: Requester,
    s: SignedIn,
    CsrfForm(f): CsrfForm<RemoveApp>,
) -> PageResult {
    let id = f.client_id.as_str();
    if state
        .store()
        .remove_app_access(&s.user.id, id, s.now)
        .await?
    {
        tracing::info!(user = %s.user.id, client = %id, "app access removed");
        let (store, who) = (state.store(), Some(s.user.id.as_str()));
        audit::record(store, &client, event::APP_ACCESS_REMOVED, who, Some(id)).await;
    }
    Ok(see_other(&Notice::AppRemoved.url(), []))
}

/// "Download my data": a JSON attachment. It holds the account's whole record
/// (its security log with addresses too), so it needs a recent sign-in, like the
/// other sensitive settings.
pub async fn download(
    State(state): State<AppState>,
    client: Requester,
    s: SignedIn,
    CsrfForm(_): CsrfForm<NoFields>,
) -> PageResult {
    if let Some(r) = s.reauth_needed(DATA_SECTION) {
        return Ok(r);
    }
    let picture = crate::web::menu::picture_url(state.config.issuer(), &s.user);
    let services = state.account(s.now);
    let data = export::collect(&services, &s.user, picture, &state).await?;
    audit::record_user(state.store(), &client, event::DATA_EXPORTED, &s.user.id).await;
    let body = serde_json::to_vec_pretty(&data)?;
    // The username is letters, digits, '.', '_' and '-': safe in a quoted name.
    let name = format!(
        "attachment; filename=\"account-data-{}.json\"",
        s.user.username
    );
    let mut r = body.into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_str(&name)?);
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Some(c) = s.cookie.clone() {
        h.append(header::SET_COOKIE, c);
    }
    Ok(r)
}

/// A team deleted with the account: its name and how many people are in it.
pub struct OwnedTeam {
    pub name: String,
    pub members: i64,
}

#[derive(Template)]
#[template(path = "settings_delete.html")]
struct DeletePage<'a> {
    ui: Ui,
    menu: &'a Menu,
    username: &'a str,
    teams: Vec<OwnedTeam>,
    error: Option<String>,
}

async fn delete_page(
    state: &AppState,
    s: &SignedIn,
    status: StatusCode,
    error: Option<String>,
) -> PageResult {
    let teams = state
        .store()
        .owned_teams(&s.user.id)
        .await?
        .into_iter()
        .map(|(_, name, members)| OwnedTeam { name, members })
        .collect();
    Ok(page(
        status,
        &DeletePage {
            ui: Ui::current(),
            menu: &s.menu,
            username: &s.user.username,
            teams,
            error,
        },
        s.cookie.clone(),
    ))
}

/// "Delete account": what goes, the teams deleted with it, and the confirmation.
pub async fn delete_show(State(state): State<AppState>, s: SignedIn) -> PageResult {
    if let Some(r) = s.reauth_needed(DELETE_PAGE) {
        return Ok(r);
    }
    delete_page(&state, &s, StatusCode::OK, None).await
}

/// "Username", typed to confirm.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DeleteForm {
    username: String,
}

/// "Delete my account": the account goes, and with it (ON DELETE CASCADE) its
/// sessions in every browser, grants with their codes and tokens, consents,
/// photo, addresses waiting for confirmation, linked identities, two-step
/// secrets, team memberships and the teams it owns. The audit log keeps its
/// records (they have no foreign key) until their retention ends.
pub async fn delete(
    State(state): State<AppState>,
    client: Requester,
    s: SignedIn,
    CsrfForm(f): CsrfForm<DeleteForm>,
) -> PageResult {
    if let Some(r) = s.reauth_needed(DELETE_PAGE) {
        return Ok(r);
    }
    if f.username.trim().to_lowercase() != s.user.username {
        let ui = Ui::current();
        let msg = ui.t("delete-wrong-username");
        return delete_page(&state, &s, StatusCode::BAD_REQUEST, Some(msg)).await;
    }
    let teams = state.store().owned_teams(&s.user.id).await?.len();
    // Before the grants go with the account.
    backchannel::notify(&state.provider, &s.user.id, None, s.now).await?;
    match state.store().delete_user(&s.user.id).await {
        // A second press that raced the first: the account is gone all the same.
        Ok(()) | Err(StoreError::NotFound) => {}
        Err(e) => return Err(e.into()),
    }
    tracing::info!(user = %s.user.id, teams, "account deleted");
    let detail = s.user.username.as_str();
    let who = Some(s.user.id.as_str());
    audit::record(
        state.store(),
        &client,
        event::ACCOUNT_DELETED,
        who,
        Some(detail),
    )
    .await;
    if let Err(e) = links::send_account_deleted(&state.account(s.now), &s.user).await {
        tracing::warn!(error = %e, "queueing the account-deleted mail failed");
    }
    let ui = Ui::current();
    let title = ui.t("deleted-title");
    let message = ui.t1("deleted-message", "username", &s.user.username);
    let next = ui.t("continue");
    Ok(page(
        StatusCode::OK,
        &MessagePage::new(&title, &message, Some(("/", &next))),
        [],
    ))
}
