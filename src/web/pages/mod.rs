//! The hosted pages (SPEC §5). Each module is one page: GET shows it, POST acts.

pub mod accounts;
pub mod confirm;
pub mod consent;
pub mod federate;
pub mod home;
pub mod invite;
pub mod login;
pub mod logout;
pub mod misc;
pub mod onboarding;
pub mod reauth;
pub mod recover;
pub mod reset;
pub mod settings;
pub mod signup;
pub mod teams;
pub mod two_step;

use super::{
    render::{PageError, error_page},
    request_binding,
};
use crate::{
    app::AppState,
    oidc::{authorize::AuthRequest, now, params::Params},
    store::interactions::Interaction,
};
use axum::{
    body::Bytes,
    http::{HeaderMap, StatusCode},
    response::Response,
};

/// The signed-in person and the fields of their form (CSRF checked), or return
/// from the handler with the sign-in redirect or the refusal.
macro_rules! signed_in_form {
    ($state:expr, $headers:expr, $body:expr, $path:expr) => {
        match crate::web::menu::signed_in_form(&$state, &$headers, &$body, $path).await {
            Ok(v) => v,
            Err(r) => return Ok(r),
        }
    };
}
pub(crate) use signed_in_form;

pub async fn not_found() -> Response {
    error_page(
        StatusCode::NOT_FOUND,
        "Page not found",
        "There is nothing at this address.",
    )
}

/// A form body as parameters. Bodies that are not valid form encoding decode
/// lossily and then fail the page's own field checks, never with a 500.
pub fn form(body: &Bytes) -> Params {
    Params::parse(body)
}

/// A field of a form or query; a repeated field counts as missing.
pub fn field<'a>(p: &'a Params, name: &str) -> Option<&'a str> {
    p.get(name).ok().flatten()
}

/// The pending authorization request named by `uid`: `None` when no `uid` is given;
/// [`PageError::RequestUnavailable`] when it has expired or was started in another
/// browser (see `request_binding`).
pub async fn pending(
    state: &AppState,
    headers: &HeaderMap,
    uid: &str,
) -> Result<Option<(Interaction, AuthRequest)>, PageError> {
    if uid.is_empty() {
        return Ok(None);
    }
    let Some(ix) = state.store().interaction(uid, now()).await? else {
        return Err(PageError::RequestUnavailable);
    };
    if !request_binding::is_bound(state, headers, &ix.binding) {
        return Err(PageError::RequestUnavailable);
    }
    let req = serde_json::from_str(&ix.params).map_err(anyhow::Error::from)?;
    Ok(Some((ix, req)))
}

pub fn resume_url(uid: &str) -> String {
    format!(
        "/authorize/resume?uid={}",
        url::form_urlencoded::byte_serialize(uid.as_bytes()).collect::<String>()
    )
}
