//! Account rules shared by the pages and the CLI: what a valid username, email and
//! password are, photo processing, and the email links an account receives.

pub mod avatar;
pub mod export;
pub mod links;
pub mod passkeys;
pub mod profile;
pub mod rules;
pub mod teams;

use crate::{auth::throttle::Throttle, config::Config, mail::Mailer, store::Store};

/// What account actions need of the running server: the store, the mailer, the
/// throttle and the config (for the issuer in links), and the request's time. The web layer lends them
/// (`AppState::account`); the CLI could too.
#[derive(Clone, Copy)]
pub struct Services<'a> {
    pub store: &'a Store,
    pub mailer: &'a Mailer,
    pub throttle: &'a Throttle,
    pub config: &'a Config,
    pub catalogs: &'a std::sync::Arc<crate::i18n::Catalogs>,
    /// The passkeys' relying party, when the issuer has a host name.
    pub passkeys: Option<&'a crate::auth::passkey::Passkeys>,
    /// The time of the request (Unix seconds): read once, passed down.
    pub now: i64,
}

impl Services<'_> {
    /// The language and brand of a mail to a person who last used `locale`.
    pub fn look(&self, locale: Option<&str>) -> crate::mail::messages::Look {
        let primary = crate::config::colour::Rgb::parse(&self.config.branding.primary_color)
            .unwrap_or(crate::config::colour::Rgb(0x2f, 0x5b, 0xe7));
        crate::mail::messages::Look {
            tr: self.tr_for(locale),
            primary: primary.hex(),
            primary_ink: primary.ink().hex(),
        }
    }

    /// The language of mail to a person: the one they last used, else the
    /// request's (an address without an account, an account that never chose).
    pub fn tr_for(&self, locale: Option<&str>) -> crate::i18n::Tr {
        match locale {
            Some(l) => self.catalogs.for_tag(Some(l)),
            None => crate::i18n::request_tr().unwrap_or_else(|| self.catalogs.for_tag(None)),
        }
    }

    pub fn store(&self) -> &Store {
        self.store
    }
}
