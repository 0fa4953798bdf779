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

/// Why a profile was not saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileError {
    NameTooLong,
    Photo(super::avatar::AvatarError),
    /// The store failed (logged).
    NotSaved,
}

impl ProfileError {
    /// The catalog message (`locales/*/account.ftl`) to show next to the form.
    pub fn message_id(&self) -> &'static str {
        match self {
            ProfileError::NameTooLong => "profile-name-too-long",
            ProfileError::Photo(e) => e.message_id(),
            ProfileError::NotSaved => "profile-not-saved",
        }
    }
}

/// Saves the name and photo of an account (onboarding and settings). The photo is
/// checked first, so a bad one saves nothing. `Err` names the message to show next
/// to the form.
pub async fn save(
    services: &super::Services<'_>,
    user_id: &str,
    name: &str,
    photo: Option<Vec<u8>>,
) -> Result<(), ProfileError> {
    let now = services.now;
    let name = name.trim();
    if name.chars().count() > 100 || name.chars().any(char::is_control) {
        return Err(ProfileError::NameTooLong);
    }
    let png = match photo {
        None => None,
        Some(bytes) => Some(
            super::avatar::process_limited(bytes)
                .await
                .map_err(ProfileError::Photo)?,
        ),
    };
    let store = services.store;
    let result = async {
        if let Some(png) = png {
            store.set_avatar(user_id, &png, now).await?;
        }
        store
            .set_name(user_id, (!name.is_empty()).then_some(name), now)
            .await
    }
    .await;
    result.map_err(|e| {
        tracing::error!(error = %e, "saving a profile failed");
        ProfileError::NotSaved
    })
}
