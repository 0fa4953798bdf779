//! The account menu every signed-in page shows (SPEC §5): the avatar button named
//! "Account menu", every account signed in in this browser, switching between them,
//! "Add a new account", "Sign out" and "Sign out of all accounts".

use super::{csrf, session};
use crate::{
    app::AppState,
    store::{sessions::Session, users::User},
};
use axum::{
    http::{HeaderMap, HeaderValue},
    response::Response,
};

pub struct Entry {
    pub sid: String,
    pub name: String,
    pub email: String,
    pub picture: Option<String>,
    pub initials: String,
}

pub struct Menu {
    pub current: Entry,
    pub others: Vec<Entry>,
    pub csrf: String,
}

/// The signed-in person of a page, with the menu to show.
pub struct SignedIn {
    pub session: Session,
    pub user: User,
    pub menu: Menu,
    /// A CSRF cookie to set when the browser had none.
    pub cookie: Option<HeaderValue>,
}

pub use crate::account::profile::{display_name, picture_url};

fn entry(state: &AppState, s: &Session, u: &User) -> Entry {
    let name = display_name(u);
    let initials = name
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .take(2)
        .collect::<String>()
        .to_uppercase();
    Entry {
        sid: s.sid.clone(),
        name,
        email: u.email.clone(),
        picture: picture_url(state.config.issuer(), u),
        initials,
    }
}

/// The signed-in account of this browser and its menu; `None` when nobody is.
pub async fn signed_in(state: &AppState, headers: &HeaderMap) -> anyhow::Result<Option<SignedIn>> {
    let mut all = session::all(state, headers).await?;
    if all.is_empty() {
        return Ok(None);
    }
    let (session, user) = all.remove(0);
    let (csrf, cookie) = csrf::token(state, headers);
    let menu = Menu {
        current: entry(state, &session, &user),
        others: all.iter().map(|(s, u)| entry(state, s, u)).collect(),
        csrf,
    };
    Ok(Some(SignedIn {
        session,
        user,
        menu,
        cookie,
    }))
}

/// Like [`signed_in`], or the redirect to the sign-in page that comes back to `path`.
pub async fn require(
    state: &AppState,
    headers: &HeaderMap,
    path: &str,
) -> Result<SignedIn, Response> {
    match signed_in(state, headers).await {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err(super::render::see_other(
            &format!("/login?next={}", encode(path)),
            [],
        )),
        Err(e) => Err(axum::response::IntoResponse::into_response(
            super::render::PageError::Internal(e),
        )),
    }
}

/// A form posted by a signed-in person: the account and the fields, with the CSRF
/// token checked. `Err` is the answer to send (sign-in redirect or refusal).
pub async fn signed_in_form(
    state: &AppState,
    headers: &HeaderMap,
    body: &axum::body::Bytes,
    path: &str,
) -> Result<(SignedIn, crate::oidc::params::Params), Response> {
    let s = require(state, headers, path).await?;
    let f = crate::oidc::params::Params::parse(body);
    let token = f.get("csrf").ok().flatten();
    if !csrf::verify(state, headers, token) {
        return Err(axum::response::IntoResponse::into_response(
            super::render::csrf_failed(),
        ));
    }
    Ok((s, f))
}

pub fn encode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// A `next` target that stays on this site: an absolute path, not `//host`.
pub fn safe_next(next: &str) -> Option<&str> {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && next.len() < 2000
        && !next.chars().any(|c| c.is_control());
    ok.then_some(next)
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_stays_local() {
        assert_eq!(safe_next("/invite?token=x"), Some("/invite?token=x"));
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/\\evil",
            "",
            "javascript:alert(1)",
        ] {
            assert_eq!(safe_next(bad), None, "{bad}");
        }
    }
}
