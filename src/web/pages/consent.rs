//! `/consent`: a third-party application asks for scopes; "Allow" or "Deny".

use super::prelude::*;
use crate::{
    oidc::{authorize::AuthRequest, error::OAuthError, interaction, scope_list},
    store::{sessions::Session, users::User},
    web::{oidc_handlers::request_account, signin::pending, ui::Ui},
};

#[derive(Template)]
#[template(path = "consent.html")]
struct ConsentPage<'a> {
    ui: Ui,
    csrf: &'a str,
    uid: &'a str,
    /// The session of the account shown: the decision counts only for it.
    sid: &'a str,
    client: &'a str,
    app: crate::web::state::App,
    account: &'a str,
    scopes: Vec<String>,
}

/// The catalog message that describes a scope.
use crate::web::ui::scope_message as describe;

/// The pending request `uid` of this browser and the account it asks about, or
/// the sign-in page when no account is signed in for it.
async fn asked(
    state: &AppState,
    headers: &HeaderMap,
    uid: &str,
    now: Now,
) -> Result<Result<(AuthRequest, Session, User), Response>, PageError> {
    let cont = Continuation::new(uid, "");
    let Some((ix, req)) = pending(state, headers, &cont, now).await? else {
        return Err(PageError::RequestUnavailable);
    };
    match request_account(state, headers, &req, Some(&ix), now.0)
        .await?
        .account
    {
        Some((session, user)) => Ok(Ok((req, session, user))),
        None => Ok(Err(see_other(&urls::login_for(uid), []))),
    }
}

/// `?uid=`: the pending request asked about.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Uid {
    uid: String,
}

pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    now: Now,
    Query(Uid { uid }): Query<Uid>,
) -> PageResult {
    let (req, session, user) = match asked(&state, &headers, &uid, now).await? {
        Ok(asked) => asked,
        Err(sign_in) => return Ok(sign_in),
    };
    let (token, cookie) = csrf::token(&state, &headers);
    let mut scopes: Vec<&'static str> = scope_list(&req.scope).into_iter().map(describe).collect();
    scopes.dedup();
    let ui = Ui::current();
    let scopes = scopes.into_iter().map(|id| ui.t(id)).collect();
    let app = state.app(&req.client_id);
    Ok(page(
        StatusCode::OK,
        &ConsentPage {
            ui,
            csrf: &token,
            uid: &uid,
            sid: &session.sid,
            client: &app.name,
            app: app.clone(),
            account: &user.email,
            scopes,
        },
        cookie,
    ))
}

/// "Allow" or "Deny", for the request `uid` and the account `sid` the page showed.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Decision {
    uid: String,
    sid: String,
    decision: String,
}

pub async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    now: Now,
    CsrfForm(f): CsrfForm<Decision>,
) -> PageResult {
    let uid = f.uid.as_str();
    // The account the page showed: the decision is that account's, and counts for it
    // alone (a later request of another account still asks).
    let (req, session, user) = match asked(&state, &headers, uid, now).await? {
        Ok(asked) => asked,
        Err(sign_in) => return Ok(sign_in),
    };
    if f.sid != session.sid {
        // The request's account changed since the page was shown (another tab):
        // ask again, for the account it is now about.
        return Ok(see_other(&urls::consent(uid), []));
    }
    if f.decision != "allow" {
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
        .save_consent(&user.id, &req.client_id, &scope.join(" "), now.0)
        .await?;
    store.interaction_consented(uid, &session.sid).await?;
    Ok(see_other(&urls::resume(uid), []))
}
