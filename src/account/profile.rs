//! How an account presents itself: the name to show and its photo's URL, used by
//! the pages and by the claims relying apps get (`picture`).

use crate::store::users::User;

/// The URL of an account's photo; it changes with every new photo, so it can be
/// cached forever.
pub fn picture_url(issuer: &str, user: &User) -> Option<String> {
    user.picture_version
        .map(|v| format!("{issuer}/avatars/{}?v={v}", user.id))
}

/// The name to show: the account's name, else its username.
pub fn display_name(user: &User) -> String {
    user.name
        .clone()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| user.username.clone())
}
