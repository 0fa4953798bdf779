//! Every page URL the pages send people to, built in one place (settings notices
//! are built by `notice::Notice::url`).

use crate::signin::{Continuation, Destination};

/// Percent-encodes a query value.
pub fn encode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// Where a sign-in's destination is.
pub fn destination(d: &Destination) -> String {
    match d {
        Destination::Onboarding(cont) => onboarding_profile(cont),
        Destination::Resume(uid) => resume(uid),
        Destination::Next(next) => next.clone(),
        Destination::Home => "/".into(),
        Destination::PasskeyOffer(cont) => passkey_offer(cont),
    }
}

/// "Sign in faster next time", then onward along `cont`.
pub fn passkey_offer(cont: &Continuation) -> String {
    with_continuation("/passkeys/offer", cont)
}

/// Onward from a continuation: the request, `next`, or home.
pub fn onward(cont: &Continuation) -> String {
    destination(&cont.onward())
}

/// The pending authorization request, which continues where it stands.
pub fn resume(uid: &str) -> String {
    format!("/authorize/resume?uid={}", encode(uid))
}

fn with_continuation(path: &str, cont: &Continuation) -> String {
    format!(
        "{path}?uid={}&next={}",
        encode(cont.uid()),
        encode(cont.next())
    )
}

/// The sign-in page, continuing to the request or `next` afterwards.
pub fn login(cont: &Continuation) -> String {
    with_continuation("/login", cont)
}

/// "Trouble signing in?", coming back to the sign-in page of `cont`.
pub fn recover(cont: &Continuation) -> String {
    with_continuation("/recover", cont)
}

/// The sign-in page for a request (`/login?uid=`).
pub fn login_for(uid: &str) -> String {
    format!("/login?uid={}", encode(uid))
}

/// The sign-in page, coming back to the local page `next` afterwards.
pub fn login_then(next: &str) -> String {
    if next.is_empty() || next == "/" {
        return "/login".into();
    }
    format!("/login?next={}", encode(next))
}

pub fn onboarding_profile(cont: &Continuation) -> String {
    with_continuation("/onboarding/profile", cont)
}

pub fn onboarding_team(cont: &Continuation) -> String {
    with_continuation("/onboarding/team", cont)
}

pub fn consent(uid: &str) -> String {
    format!("/consent?uid={}", encode(uid))
}

pub fn accounts(uid: &str) -> String {
    format!("/accounts?uid={}", encode(uid))
}

/// "Confirm it's you", coming back to `next`.
pub fn reauth(next: &str) -> String {
    format!("/reauth?next={}", encode(next))
}

pub fn team(id: &str) -> String {
    format!("/teams/{}", encode(id))
}

pub fn invitation(token: &str) -> String {
    format!("/invite?token={}", encode(token))
}

/// The page a form posted to `path` is on, where a sign-in comes back to: the
/// settings forms are on `/settings`, a team's on `/teams/{id}`; other forms post
/// to their own page.
pub fn form_page(path: &str) -> String {
    if path.starts_with("/settings") {
        return "/settings".into();
    }
    let segments: Vec<&str> = path.split('/').collect();
    if let ["", "teams", id, _action] = segments.as_slice() {
        return format!("/teams/{id}");
    }
    path.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_come_back_to_their_page() {
        assert_eq!(form_page("/settings/two-step/setup"), "/settings");
        assert_eq!(form_page("/teams/t1/invite"), "/teams/t1");
        assert_eq!(form_page("/onboarding/team"), "/onboarding/team");
    }

    #[test]
    fn continuations_are_encoded() {
        let cont = Continuation::new("u 1", "/invite?token=a&b");
        assert_eq!(
            login(&cont),
            "/login?uid=u+1&next=%2Finvite%3Ftoken%3Da%26b"
        );
        assert_eq!(destination(&Destination::Home), "/");
        assert_eq!(login_then("/"), "/login");
    }
}
