//! Where a sign-in goes afterwards: the pending authorization request it serves
//! (`uid`) and the local page it was started from (`next`). Parsed and checked once,
//! when a page reads it; from then on a [`Continuation`] is known to be safe.

use crate::{
    oidc::authorize::AuthRequest,
    store::{Store, StoreError, interactions::Interaction},
};
use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;

/// A pending request (possibly none) and a `next` page (possibly none).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Continuation {
    uid: String,
    next: String,
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

impl Continuation {
    /// From untrusted fields: an unsafe `next` is dropped, an overlong `uid` too.
    pub fn new(uid: &str, next: &str) -> Self {
        let uid = if uid.len() <= 100 { uid } else { "" };
        Continuation {
            uid: uid.to_string(),
            next: safe_next(next).unwrap_or_default().to_string(),
        }
    }

    /// From a `next` that may be a pending request's resume page
    /// (`/authorize/resume?uid=…`, what signup carries): then the request itself.
    pub fn from_next(next: &str) -> Self {
        let uid = next.strip_prefix("/authorize/resume?uid=").filter(|u| {
            !u.is_empty()
                && u.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        });
        match uid {
            Some(uid) => Continuation::new(uid, ""),
            None => Continuation::new("", next),
        }
    }

    pub fn uid(&self) -> &str {
        &self.uid
    }

    pub fn next(&self) -> &str {
        &self.next
    }

    /// Onward after a finished sign-in or onboarding: the request, else `next`,
    /// else home.
    pub fn onward(&self) -> Destination {
        if !self.uid.is_empty() {
            Destination::Resume(self.uid.clone())
        } else if !self.next.is_empty() {
            Destination::Next(self.next.clone())
        } else {
            Destination::Home
        }
    }
}

/// Where the browser is sent next; `web::urls` spells each as a URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// The first sign-in of an account: its profile step, then onward.
    Onboarding(Continuation),
    /// The pending authorization request, which continues (or explains why not).
    Resume(String),
    /// A local page.
    Next(String),
    Home,
    /// "Sign in faster next time": a passkey offered once after a password
    /// sign-in, then onward.
    PasskeyOffer(Continuation),
}

/// The continuation that leads to `d` (its `onward`), for a step put before it.
pub fn of(d: &Destination) -> Continuation {
    match d {
        Destination::Resume(uid) => Continuation::new(uid, ""),
        Destination::Next(next) => Continuation::new("", next),
        Destination::Onboarding(c) | Destination::PasskeyOffer(c) => c.clone(),
        Destination::Home => Continuation::default(),
    }
}

/// Why a pending request cannot continue here: gone, or another browser's. One
/// answer for both, so a foreign `uid` tells nothing.
#[derive(Debug, thiserror::Error)]
pub enum RequestError {
    #[error("the sign-in request expired or belongs to another browser")]
    Unavailable,
    /// This browser's request, expired: it may say so and name the app.
    #[error("the sign-in request of this browser expired")]
    Expired { client_id: String },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("a stored request could not be read: {0}")]
    Corrupt(#[from] serde_json::Error),
}

/// The request named by `uid`, if it is alive and was started by the browser
/// holding `binding_value` (see `web::request_binding`). `None` for no `uid`.
pub async fn pending_request(
    store: &Store,
    binding_value: Option<&str>,
    uid: &str,
    now: i64,
) -> Result<Option<(Interaction, AuthRequest)>, RequestError> {
    if uid.is_empty() {
        return Ok(None);
    }
    let Some(ix) = store.interaction(uid, now).await? else {
        // Only the browser that started it learns that it expired (and for which
        // app); any other gets the one answer for gone and foreign.
        return Err(match store.expired_interaction(uid, now).await? {
            Some(ix) if is_bound(binding_value, &ix.binding) => RequestError::Expired {
                client_id: ix.client_id,
            },
            _ => RequestError::Unavailable,
        });
    };
    if !is_bound(binding_value, &ix.binding) {
        return Err(RequestError::Unavailable);
    }
    let req = serde_json::from_str(&ix.params)?;
    Ok(Some((ix, req)))
}

/// Whether the browser's binding value hashes to the request's binding.
pub fn is_bound(binding_value: Option<&str>, binding: &str) -> bool {
    let Some(value) = binding_value.filter(|v| v.len() == 43) else {
        return false;
    };
    let hash = crate::crypto::token_hash(value);
    !binding.is_empty() && bool::from(hash.as_bytes().ct_eq(binding.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn onward_prefers_the_request_then_next_then_home() {
        let both = Continuation::new("u1", "/teams");
        assert_eq!(both.onward(), Destination::Resume("u1".into()));
        let next = Continuation::new("", "/teams");
        assert_eq!(next.onward(), Destination::Next("/teams".into()));
        let unsafe_next = Continuation::new("", "https://evil.example");
        assert_eq!(unsafe_next.onward(), Destination::Home);
    }

    #[test]
    fn a_resume_page_in_next_is_its_request() {
        assert_eq!(
            Continuation::from_next("/authorize/resume?uid=Ab-9_x"),
            Continuation::new("Ab-9_x", "")
        );
        assert_eq!(
            Continuation::from_next("/authorize/resume?uid=a&x=1"),
            Continuation::new("", "/authorize/resume?uid=a&x=1")
        );
        assert_eq!(
            Continuation::from_next("/invite?token=t"),
            Continuation::new("", "/invite?token=t")
        );
        assert_eq!(Continuation::from_next(""), Continuation::default());
    }

    #[test]
    fn binding_needs_the_matching_value() {
        let value = "a".repeat(43);
        let binding = crate::crypto::token_hash(&value);
        assert!(is_bound(Some(&value), &binding));
        assert!(!is_bound(Some(&"b".repeat(43)), &binding));
        assert!(!is_bound(None, &binding));
        assert!(!is_bound(Some(&value), ""));
    }
}
