//! `/consent`: a third-party application asks for scopes; "Allow" or "Deny".

use super::{field, form, pending, resume_url};
use crate::{
    app::AppState,
    oidc::{
        authorize::AuthRequest, error::OAuthError, interaction, now, params::Params, scope_list,
    },
    store::{sessions::Session, users::User},
    web::{
        csrf,
        oidc_handlers::request_account,
        render::{PageError, PageResult, csrf_failed, page, see_other},
    },
};
use askama::Template;
use axum::{
    body::Bytes,
    extract::{RawQuery, State},
    http::{HeaderMap, StatusCode},
    response::Response,
};

#[derive(Template)]
#[template(path = "consent.html")]
struct ConsentPage<'a> {
    csrf: &'a str,
    uid: &'a str,
    /// The session of the account shown: the decision counts only for it.
    sid: &'a str,
    client: &'a str,
    account: &'a str,
    scopes: Vec<&'static str>,
}

fn describe(scope: &str) -> &'static str {
    match scope {
        "openid" => "Know who you are on Lanyard",
        "profile" => "See your name, username and photo",
        "email" => "See your email address",
        "offline_access" => "Stay connected when you are not using it",
        "teams" => "See the teams you belong to",
        _ => "Use an additional permission of this application",
    }
}

/// The pending request `uid` of this browser and the account it asks about, or
/// the sign-in page when no account is signed in for it.
async fn asked(
    state: &AppState,
    headers: &HeaderMap,
    uid: &str,
) -> Result<Result<(AuthRequest, Session, User), Response>, PageError> {
    let Some((ix, req)) = pending(state, headers, uid).await? else {
        return Err(PageError::RequestUnavailable);
    };
    match request_account(state, headers, &req, Some(&ix))
        .await?
        .account
    {
        Some((session, user)) => Ok(Ok((req, session, user))),
        None => Ok(Err(see_other(&format!("/login?uid={uid}"), []))),
    }
}

pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> PageResult {
    let q = Params::parse(q.unwrap_or_default().as_bytes());
    let uid = field(&q, "uid").unwrap_or_default();
    let (req, session, user) = match asked(&state, &headers, uid).await? {
        Ok(asked) => asked,
        Err(sign_in) => return Ok(sign_in),
    };
    let (token, cookie) = csrf::token(&state, &headers);
    let mut scopes: Vec<&'static str> = scope_list(&req.scope).into_iter().map(describe).collect();
    scopes.dedup();
    Ok(page(
        StatusCode::OK,
        &ConsentPage {
            csrf: &token,
            uid,
            sid: &session.sid,
            client: &req.client_id,
            account: &user.email,
            scopes,
        },
        cookie,
    ))
}

pub async fn submit(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> PageResult {
    let f = form(&body);
    if !csrf::verify(&state, &headers, field(&f, "csrf")) {
        return Err(csrf_failed());
    }
    let uid = field(&f, "uid").unwrap_or_default();
    // The account the page showed: the decision is that account's, and counts for it
    // alone (a later request of another account still asks).
    let (req, session, user) = match asked(&state, &headers, uid).await? {
        Ok(asked) => asked,
        Err(sign_in) => return Ok(sign_in),
    };
    if field(&f, "sid") != Some(session.sid.as_str()) {
        // The request's account changed since the page was shown (another tab):
        // ask again, for the account it is now about.
        return Ok(see_other(&format!("/consent?uid={uid}"), []));
    }
    if field(&f, "decision") != Some("allow") {
        state.store().take_interaction(uid).await?;
        let e = OAuthError::access_denied("the person declined the request");
        let to = interaction::error_redirect(
            &state.provider,
            &req.redirect_uri,
            req.state.as_deref(),
            &e,
        );
        return Ok(see_other(&to, []));
    }
    let store = state.store();
    let mut scope: Vec<String> = store
        .consented_scope(&user.id, &req.client_id)
        .await?
        .map(|s| scope_list(&s).into_iter().map(String::from).collect())
        .unwrap_or_default();
    for s in scope_list(&req.scope) {
        if !scope.iter().any(|x| x == s) {
            scope.push(s.to_string());
        }
    }
    store
        .save_consent(&user.id, &req.client_id, &scope.join(" "), now())
        .await?;
    store.interaction_consented(uid, &session.sid).await?;
    Ok(see_other(&resume_url(uid), []))
}
