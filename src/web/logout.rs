//! `/logout`: RP-Initiated Logout 1.0. With an `id_token_hint` naming a session of
//! this browser, that session ends at once; otherwise the person confirms first
//! (§2: the OP SHOULD ask, so a third party cannot sign people out at will).
//! A protocol endpoint with a page: its parameters follow the protocol's rules
//! (`Params`, a repeated parameter refused).

use super::{
    csrf,
    extract::Now,
    render::{MessagePage, PageResult, csrf_failed, error_page_with, page, see_other},
    session,
    state::AppState,
    ui::Ui,
};
use crate::{
    oidc::{
        end_session::{self, LogoutRequest},
        params::Params,
    },
    store::{sessions::Session, users::User},
};
use askama::Template;
use axum::{
    body::Bytes,
    extract::{RawQuery, State},
    http::{HeaderMap, StatusCode},
    response::Response,
};

#[derive(Template)]
#[template(path = "logout.html")]
struct LogoutPage<'a> {
    ui: Ui,
    csrf: &'a str,
    client: Option<&'a str>,
    account: &'a str,
    params: Vec<(String, String)>,
    /// "Cancel": back to the app (its `client_uri`), else the account's home.
    cancel: &'a str,
}

const CARRIED: &[&str] = &[
    "id_token_hint",
    "post_logout_redirect_uri",
    "state",
    "client_id",
    "logout_hint",
    "ui_locales",
];

pub async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    now: Now,
    RawQuery(q): RawQuery,
) -> PageResult {
    let params = Params::parse(q.unwrap_or_default().as_bytes());
    handle(&state, &headers, now, &params, false).await
}

pub async fn logout_post(
    State(state): State<AppState>,
    headers: HeaderMap,
    now: Now,
    body: Bytes,
) -> PageResult {
    let params = Params::parse(&body);
    // A form POST from a relying party carries no csrf field; our confirmation does.
    let confirmed = match params.get("csrf").ok().flatten() {
        None => false,
        Some(t) if csrf::verify(&state, &headers, Some(t)) => true,
        Some(_) => return Err(csrf_failed()),
    };
    handle(&state, &headers, now, &params, confirmed).await
}

async fn handle(
    state: &AppState,
    headers: &HeaderMap,
    Now(now): Now,
    params: &Params,
    confirmed: bool,
) -> PageResult {
    let req = match end_session::validate(&state.provider, params) {
        Ok(req) => req,
        // The app's mistake: plain words for the person, the detail folded away.
        Err(e) => {
            let ui = Ui::current();
            return Ok(error_page_with(
                StatusCode::BAD_REQUEST,
                &ui.t("logout-invalid-title"),
                &ui.t("logout-invalid"),
                Some(&e.description),
                None,
            ));
        }
    };
    let sessions = session::all(state, headers, now).await?;
    let hinted = sessions
        .iter()
        .find(|(s, u)| match (&req.hint_sid, &req.hint_sub) {
            (Some(sid), _) => &s.sid == sid,
            (None, Some(sub)) => &u.id == sub,
            (None, None) => false,
        });
    let target: Option<&(Session, User)> = hinted.or(if req.hint_sub.is_some() {
        None
    } else {
        sessions.first()
    });
    let Some((s, user)) = target else {
        return Ok(done(&req));
    };
    if hinted.is_none() && !confirmed {
        let (token, cookie) = csrf::token(state, headers);
        let app = req.client_id.as_deref().map(|id| state.app(id));
        let app_name = app.as_ref().map(|a| a.name.clone());
        let cancel = app.and_then(|a| a.client_uri).unwrap_or_else(|| "/".into());
        let carried = params
            .pairs()
            .iter()
            .filter(|(k, _)| CARRIED.contains(&k.as_str()))
            .cloned()
            .collect();
        return Ok(page(
            StatusCode::OK,
            &LogoutPage {
                ui: Ui::current(),
                csrf: &token,
                client: app_name.as_deref(),
                account: &user.email,
                params: carried,
                cancel: &cancel,
            },
            cookie,
        ));
    }
    crate::oidc::backchannel::notify(&state.provider, &user.id, Some(&s.sid), now).await?;
    state.store().delete_session(&s.sid).await?;
    tracing::info!(user = %user.id, sid = %s.sid, "signed out");
    Ok(done(&req))
}

fn done(req: &LogoutRequest) -> Response {
    match &req.redirect {
        Some(to) => see_other(to, []),
        None => {
            let ui = Ui::current();
            // An app that asked for a redirect we could not verify: the person goes
            // back to it by closing the tab.
            let message = if req.unverified_redirect {
                "logout-done-close"
            } else {
                "logout-done"
            };
            let (title, message) = (ui.t("logout-done-title"), ui.t(message));
            let again = ui.t("logout-sign-in-again");
            page(
                StatusCode::OK,
                &MessagePage::new(&title, &message, Some(("/login", &again))),
                [],
            )
        }
    }
}
