//! Settings, "Passkeys": "Add a passkey" (after a recent sign-in, like the other
//! ways to sign in), renaming and removing one. Each answers with Settings and a
//! notice at its section.

use super::prelude::*;
use crate::{
    account::passkeys::{self, Problem, RemoveProblem},
    store::passkeys::kind,
    web::{menu::RECENT, notice::Notice, passkey::passkey_json, ui::Ui},
};
use axum::response::IntoResponse;

/// Adding a way to sign in needs a recent sign-in: a session alone (a browser
/// left open) must not be able to give itself a lasting way in.
fn recent(s: &SignedIn) -> bool {
    s.now - s.session.last_authenticated() <= RECENT
}

/// The script's request for options (its form's token only).
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Nothing {}

/// `POST /settings/passkeys/options`: a registration ceremony for this account.
pub async fn options(
    State(state): State<AppState>,
    s: SignedIn,
    CsrfForm(Nothing {}): CsrfForm<Nothing>,
) -> PageResult {
    if !recent(&s) {
        let body = axum::Json(serde_json::json!({ "error": "reauth" }));
        return Ok((StatusCode::FORBIDDEN, body).into_response());
    }
    let services = state.account(s.now);
    let options =
        passkeys::registration_options(&services, &s.user, kind::REGISTER, &s.user.id).await?;
    Ok(passkey_json(options))
}

/// "Add a passkey": the ceremony, the browser's answer and "Passkey name".
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AddForm {
    ceremony: String,
    credential: String,
    name: String,
    /// From "Sign in faster next time": go on along the sign-in's continuation.
    offer: String,
    uid: String,
    next: String,
}

/// `POST /settings/passkeys`.
pub async fn add(
    State(state): State<AppState>,
    client: Requester,
    s: SignedIn,
    CsrfForm(f): CsrfForm<AddForm>,
) -> PageResult {
    if !recent(&s) {
        return Ok(see_other(&urls::reauth("/settings#passkeys"), []));
    }
    let services = state.account(s.now);
    let name = passkeys::clean_name(&f.name, &Ui::current().t("passkeys-default-name"));
    let bound = (kind::REGISTER, s.user.id.as_str(), f.ceremony.as_str());
    let added = passkeys::add(&services, &client, &s.user, bound, &f.credential, &name).await?;
    if f.offer == "1" && added.is_ok() {
        return Ok(see_other(
            &urls::onward(&Continuation::new(&f.uid, &f.next)),
            [],
        ));
    }
    let notice = match added {
        Ok(()) => Notice::PasskeyAdded,
        Err(Problem::Taken) => Notice::PasskeyTaken,
        Err(_) => Notice::PasskeyNotAdded,
    };
    Ok(see_other(&notice.url(), []))
}

/// One passkey of the account, by its credential id; a new name.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PasskeyForm {
    id: String,
    name: String,
}

/// `POST /settings/passkeys/rename`.
pub async fn rename(
    State(state): State<AppState>,
    client: Requester,
    s: SignedIn,
    CsrfForm(f): CsrfForm<PasskeyForm>,
) -> PageResult {
    let name = passkeys::clean_name(&f.name, &Ui::current().t("passkeys-default-name"));
    let store = state.store();
    if store.rename_passkey(&s.user.id, &f.id, &name).await? {
        let detail = format!("{name} ({})", f.id);
        let who = Some(s.user.id.as_str());
        audit::record(store, &client, event::PASSKEY_RENAMED, who, Some(&detail)).await;
    }
    Ok(see_other(&Notice::PasskeyRenamed.url(), []))
}

/// `POST /settings/passkeys/remove`: refused for the last way to sign in.
/// Protective (it takes a way in away), so no recent sign-in is needed.
pub async fn remove(
    State(state): State<AppState>,
    client: Requester,
    s: SignedIn,
    CsrfForm(f): CsrfForm<PasskeyForm>,
) -> PageResult {
    let services = state.account(s.now);
    let notice = match passkeys::remove(&services, &client, &s.user, &f.id).await? {
        Ok(()) | Err(RemoveProblem::Unknown) => Notice::PasskeyRemoved,
        Err(RemoveProblem::Last) => Notice::PasskeyLast,
    };
    Ok(see_other(&notice.url(), []))
}

#[derive(Template)]
#[template(path = "passkey_offer.html")]
struct OfferPage<'a> {
    ui: Ui,
    menu: &'a crate::web::menu::Menu,
    uid: &'a str,
    next: &'a str,
    onward: &'a str,
}

/// The sign-in's continuation, carried through the offer.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Carried {
    uid: String,
    next: String,
}

/// `GET /passkeys/offer`: "Sign in faster next time", shown once per account (a
/// browser without passkeys goes straight on: the script follows "Not now").
pub async fn offer(
    State(state): State<AppState>,
    s: SignedIn,
    Query(q): Query<Carried>,
) -> PageResult {
    let cont = Continuation::new(&q.uid, &q.next);
    let onward = urls::onward(&cont);
    let services = state.account(s.now);
    if !crate::signin::passkey_to_offer(&services, &s.user).await?
        || !state
            .store()
            .mark_passkey_offered(&s.user.id, s.now)
            .await?
    {
        return Ok(see_other(&onward, []));
    }
    let offer = OfferPage {
        ui: Ui::current(),
        menu: &s.menu,
        uid: cont.uid(),
        next: cont.next(),
        onward: &onward,
    };
    Ok(page(StatusCode::OK, &offer, []))
}
