//! Account rules shared by the pages and the CLI: what a valid username, email and
//! password are, photo processing, and the email links an account receives.

pub mod avatar;
pub mod links;
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
    /// The time of the request (Unix seconds): read once, passed down.
    pub now: i64,
}

impl Services<'_> {
    pub fn store(&self) -> &Store {
        self.store
    }
}
