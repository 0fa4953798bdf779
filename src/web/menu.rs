//! The account menu every signed-in page shows (SPEC §5): the avatar button named
//! "Account menu", every account signed in in this browser, switching between them,
//! "Add a new account", "Sign out" and "Sign out of all accounts".

use super::{csrf, session};
use crate::{
    store::{sessions::Session, users::User},
    web::state::AppState,
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
    /// Whether the Teams pages exist (`[onboarding] teams`).
    pub teams: bool,
}

/// The signed-in person of a page, with the menu to show.
pub struct SignedIn {
    pub session: Session,
    pub user: User,
    pub menu: Menu,
    /// A CSRF cookie to set when the browser had none.
    pub cookie: Option<HeaderValue>,
    /// The request's clock reading.
    pub now: i64,
}

/// How long a sign-in or a "Confirm it's you" counts as recent, in seconds.
pub const RECENT: i64 = 300;

impl SignedIn {
    /// `None` when this person proved it is them within [`RECENT`] seconds;
    /// otherwise the redirect to "Confirm it's you" (`/reauth`), which comes back
    /// to `back_to`. Sensitive changes ask for it (NIST SP 800-63B §4.2.3, OWASP
    /// ASVS V3.7), so a stolen session cookie alone cannot lock the owner out.
    pub fn reauth_needed(&self, back_to: &str) -> Option<Response> {
        if self.now - self.session.last_authenticated() <= RECENT {
            return None;
        }
        Some(super::render::see_other(&super::urls::reauth(back_to), []))
    }
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
pub async fn signed_in(
    state: &AppState,
    headers: &HeaderMap,
    now: i64,
) -> anyhow::Result<Option<SignedIn>> {
    let mut all = session::all(state, headers, now).await?;
    if all.is_empty() {
        return Ok(None);
    }
    let (session, user) = all.remove(0);
    let (csrf, cookie) = csrf::token(state, headers);
    let menu = Menu {
        current: entry(state, &session, &user),
        others: all.iter().map(|(s, u)| entry(state, s, u)).collect(),
        csrf,
        teams: state.config.onboarding.teams,
    };
    Ok(Some(SignedIn {
        session,
        user,
        menu,
        cookie,
        now,
    }))
}
