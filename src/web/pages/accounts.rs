//! `/accounts`: the account chooser (also what `prompt=select_account` shows).

use super::prelude::*;
use crate::web::{session, signin::pending, ui::Ui};

pub struct AccountRow {
    pub sid: String,
    pub name: String,
    pub email: String,
}

#[derive(Template)]
#[template(path = "accounts.html")]
struct AccountsPage<'a> {
    ui: Ui,
    csrf: &'a str,
    uid: &'a str,
    client_name: Option<&'a str>,
    accounts: Vec<AccountRow>,
}

/// The pending request (if any) an account is chosen for; posted, the choice.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Choice {
    uid: String,
    sid: String,
}

pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    now: Now,
    Query(Choice { uid, .. }): Query<Choice>,
) -> PageResult {
    let pending = pending(&state, &headers, &Continuation::new(&uid, ""), now).await?;
    let accounts: Vec<AccountRow> = session::all(&state, &headers, now.0)
        .await?
        .into_iter()
        .map(|(s, u)| AccountRow {
            sid: s.sid,
            name: u.name.unwrap_or_else(|| u.username.clone()),
            email: u.email,
        })
        .collect();
    if accounts.is_empty() {
        return Ok(see_other(&urls::login_for(&uid), []));
    }
    let (token, cookie) = csrf::token(&state, &headers);
    let client = pending
        .as_ref()
        .map(|(ix, _)| state.app(&ix.client_id).name);
    Ok(page(
        StatusCode::OK,
        &AccountsPage {
            ui: Ui::current(),
            csrf: &token,
            uid: &uid,
            client_name: client.as_deref(),
            accounts,
        },
        cookie,
    ))
}

pub async fn choose(
    State(state): State<AppState>,
    headers: HeaderMap,
    now: Now,
    CsrfForm(Choice { uid, sid }): CsrfForm<Choice>,
) -> PageResult {
    let Some(browser) = session::browser_hash(&state, &headers) else {
        return Ok(see_other("/login", []));
    };
    // A request of another browser is refused before anything changes here.
    let pending = pending(&state, &headers, &Continuation::new(&uid, ""), now).await?;
    if !state.store().select_session(&browser, &sid, now.0).await? {
        return Err(PageError::BadRequest(Ui::current().t("accounts-gone")));
    }
    match pending {
        Some((ix, _)) => {
            state.store().interaction_chosen(&ix.uid, &sid).await?;
            Ok(see_other(&urls::resume(&ix.uid), []))
        }
        None => Ok(see_other("/", [])),
    }
}
