//! `/accounts`: the account chooser (also what `prompt=select_account` shows).

use super::{field, form, pending, resume_url};
use crate::{
    app::AppState,
    oidc::{now, params::Params},
    web::{
        csrf,
        render::{PageError, PageResult, csrf_failed, page, see_other},
        session,
    },
};
use askama::Template;
use axum::{
    body::Bytes,
    extract::{RawQuery, State},
    http::{HeaderMap, StatusCode},
};

pub struct AccountRow {
    pub sid: String,
    pub name: String,
    pub email: String,
}

#[derive(Template)]
#[template(path = "accounts.html")]
struct AccountsPage<'a> {
    csrf: &'a str,
    uid: &'a str,
    client_name: Option<&'a str>,
    accounts: Vec<AccountRow>,
}

pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> PageResult {
    let q = Params::parse(q.unwrap_or_default().as_bytes());
    let uid = field(&q, "uid").unwrap_or_default();
    let pending = pending(&state, &headers, uid).await?;
    let accounts: Vec<AccountRow> = session::all(&state, &headers)
        .await?
        .into_iter()
        .map(|(s, u)| AccountRow {
            sid: s.sid,
            name: u.name.unwrap_or_else(|| u.username.clone()),
            email: u.email,
        })
        .collect();
    if accounts.is_empty() {
        return Ok(see_other(&format!("/login?uid={uid}"), []));
    }
    let (token, cookie) = csrf::token(&state, &headers);
    let client = pending.as_ref().map(|(ix, _)| ix.client_id.as_str());
    Ok(page(
        StatusCode::OK,
        &AccountsPage {
            csrf: &token,
            uid,
            client_name: client,
            accounts,
        },
        cookie,
    ))
}

pub async fn choose(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> PageResult {
    let f = form(&body);
    if !csrf::verify(&state, &headers, field(&f, "csrf")) {
        return Err(csrf_failed());
    }
    let sid = field(&f, "sid").unwrap_or_default();
    let Some(browser) = session::browser_hash(&state, &headers) else {
        return Ok(see_other("/login", []));
    };
    // A request of another browser is refused before anything changes here.
    let uid = field(&f, "uid").unwrap_or_default();
    let pending = pending(&state, &headers, uid).await?;
    if !state.store().select_session(&browser, sid, now()).await? {
        return Err(PageError::BadRequest(
            "That account is no longer signed in here. Sign in again.".into(),
        ));
    }
    match pending {
        Some((ix, _)) => {
            state.store().interaction_chosen(&ix.uid, sid).await?;
            Ok(see_other(&resume_url(&ix.uid), []))
        }
        None => Ok(see_other("/", [])),
    }
}
