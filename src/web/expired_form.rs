//! A form whose CSRF token no longer matches this browser's cookie: the browser
//! lost the cookie (it was restarted, its cookies were cleared) while the page stayed
//! open. When the browser says the form was sent from this site's own page
//! (`Sec-Fetch-Site: same-origin`, a header no other site can make it send), what
//! was typed is kept: the page shows the form again with a fresh token, asks only
//! for the secrets again (passwords and codes are never echoed back), and "Send
//! again" sends it. From anywhere else the answer stays the plain 403: a form made
//! on another site must not become one click away from being sent.

use super::{csrf, render::page, state::AppState, ui::Ui};
use askama::Template;
use axum::{
    http::{HeaderMap, StatusCode},
    response::Response,
};

/// Fields asked for again instead of echoed, with the message that labels them.
const SECRETS: [&str; 3] = ["current", "password", "code"];

/// At most this many fields are kept (the forms here have a handful).
const MAX_FIELDS: usize = 40;

/// A field asked for again: its name, the input's id and type, and its label.
pub struct Asked {
    pub name: &'static str,
    pub id: String,
    pub kind: &'static str,
    pub label: String,
}

#[derive(Template)]
#[template(path = "form_expired.html")]
struct ExpiredPage<'a> {
    ui: Ui,
    action: &'a str,
    csrf: String,
    kept: Vec<(String, String)>,
    asked: Vec<Asked>,
}

/// Whether the browser says the request came from a page of this site (Fetch
/// Metadata; older browsers do not send it and get the plain answer).
pub fn from_this_site(headers: &HeaderMap) -> bool {
    headers
        .get("sec-fetch-site")
        .is_some_and(|v| v.as_bytes() == b"same-origin")
}

/// The form posted to `action` again, with a fresh token; `None` when `action` is
/// not a path of this site.
pub fn again(state: &AppState, headers: &HeaderMap, action: &str, body: &[u8]) -> Option<Response> {
    if !action.starts_with('/') || action.starts_with("//") {
        return None;
    }
    let ui = Ui::current();
    let fields: Vec<(String, String)> = url::form_urlencoded::parse(body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .filter(|(k, _)| k != "csrf")
        .take(MAX_FIELDS)
        .collect();
    let has = |name: &str| fields.iter().any(|(k, _)| k == name);
    let asked = SECRETS
        .into_iter()
        .filter(|name| has(name))
        .map(|name| {
            let label = match name {
                "current" => "form-expired-current",
                "password" if has("current") => "form-expired-new-password",
                "password" => "form-expired-password",
                _ => "form-expired-code",
            };
            Asked {
                name,
                id: format!("again-{name}"),
                kind: if name == "code" { "text" } else { "password" },
                label: ui.t(label),
            }
        })
        .collect();
    let kept = fields
        .into_iter()
        .filter(|(k, _)| !SECRETS.contains(&k.as_str()))
        .collect();
    let (token, cookie) = csrf::token(state, headers);
    let form = ExpiredPage {
        ui,
        action,
        csrf: token,
        kept,
        asked,
    };
    Some(page(StatusCode::FORBIDDEN, &form, cookie))
}
