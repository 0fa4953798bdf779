//! What a page says after a redirect (`/settings?done=…`): a closed set of fixed
//! catalog messages named in the query, so no text from a URL is ever shown.

/// What Settings says after a redirect: a closed set, named in the query
/// (`/settings?done=…` or `?error=…`) and never reflected as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    ProfileSaved,
    EmailLinkSent,
    PasswordChanged,
    PasswordSet,
    SessionEnded,
    MethodUnlinked,
    AppRemoved,
    TwoStepOff,
    /// A problem: turning two-step verification off was not proved.
    TwoStepWrong,
    PasskeyAdded,
    PasskeyRenamed,
    PasskeyRemoved,
    /// Problems of the passkeys section.
    PasskeyNotAdded,
    PasskeyTaken,
    PasskeyLast,
}

impl Notice {
    pub const ALL: [Notice; 15] = [
        Notice::ProfileSaved,
        Notice::EmailLinkSent,
        Notice::PasswordChanged,
        Notice::PasswordSet,
        Notice::SessionEnded,
        Notice::MethodUnlinked,
        Notice::AppRemoved,
        Notice::TwoStepOff,
        Notice::TwoStepWrong,
        Notice::PasskeyAdded,
        Notice::PasskeyRenamed,
        Notice::PasskeyRemoved,
        Notice::PasskeyNotAdded,
        Notice::PasskeyTaken,
        Notice::PasskeyLast,
    ];

    /// (query parameter, its value): the wire names kept from before.
    fn code(self) -> (&'static str, &'static str) {
        match self {
            Notice::ProfileSaved => ("done", "profile"),
            Notice::EmailLinkSent => ("done", "email"),
            Notice::PasswordChanged => ("done", "password"),
            Notice::PasswordSet => ("done", "password_set"),
            Notice::SessionEnded => ("done", "session"),
            Notice::MethodUnlinked => ("done", "unlinked"),
            Notice::AppRemoved => ("done", "app_removed"),
            Notice::TwoStepOff => ("done", "two_step_off"),
            Notice::TwoStepWrong => ("error", "two_step_wrong"),
            Notice::PasskeyAdded => ("done", "passkey_added"),
            Notice::PasskeyRenamed => ("done", "passkey_renamed"),
            Notice::PasskeyRemoved => ("done", "passkey_removed"),
            Notice::PasskeyNotAdded => ("error", "passkey_not_added"),
            Notice::PasskeyTaken => ("error", "passkey_taken"),
            Notice::PasskeyLast => ("error", "passkey_last"),
        }
    }

    /// The catalog message (`locales/*/account.ftl`, newer ones in `data.ftl`)
    /// Settings shows.
    pub fn message_id(self) -> &'static str {
        match self {
            Notice::ProfileSaved => "notice-profile-saved",
            Notice::EmailLinkSent => "notice-email-link-sent",
            Notice::PasswordChanged => "notice-password-changed",
            Notice::PasswordSet => "notice-password-set",
            Notice::SessionEnded => "notice-session-ended",
            Notice::MethodUnlinked => "notice-method-unlinked",
            Notice::AppRemoved => "notice-app-removed",
            Notice::TwoStepOff => "notice-two-step-off",
            Notice::TwoStepWrong => "notice-two-step-wrong",
            Notice::PasskeyAdded => "notice-passkey-added",
            Notice::PasskeyRenamed => "notice-passkey-renamed",
            Notice::PasskeyRemoved => "notice-passkey-removed",
            Notice::PasskeyNotAdded => "notice-passkey-not-added",
            Notice::PasskeyTaken => "passkey-taken",
            Notice::PasskeyLast => "notice-passkey-last",
        }
    }

    pub fn is_problem(self) -> bool {
        self.code().0 == "error"
    }

    /// The Settings page showing this notice (at its section, for the passkeys).
    pub fn url(self) -> String {
        let (name, value) = self.code();
        let at = if value.starts_with("passkey_") {
            "#passkeys"
        } else {
            ""
        };
        format!("/settings?{name}={value}{at}")
    }

    /// The notice a Settings URL's query names, if any.
    pub fn from_query(query: &str) -> Option<Notice> {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap_or_default();
        Notice::ALL.into_iter().find(|n| {
            let (name, value) = n.code();
            pairs.iter().any(|(k, v)| k == name && v == value)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_notice_round_trips_through_its_url() {
        for n in Notice::ALL {
            let url = n.url();
            let query = url.split_once('?').unwrap().1;
            let query = query.split('#').next().unwrap();
            assert_eq!(Notice::from_query(query), Some(n));
        }
        assert_eq!(Notice::from_query("done=<script>"), None);
    }
}
