//! The state every request handler shares: config, the protocol core, the hasher,
//! the mailer, the captcha, the CSRF key, the throttle and the trusted proxies.
//! Built at start-up by `crate::app::build_state`.

use crate::{
    auth::{captcha::Captcha, password::Hasher},
    config::Config,
    mail::Mailer,
    oidc::Provider,
    store::Store,
};
use std::{ops::Deref, sync::Arc};

/// Shared by every request. Cheap to clone.
#[derive(Clone)]
pub struct AppState(pub(crate) Arc<AppInner>);

pub struct AppInner {
    pub config: Config,
    pub provider: Provider,
    pub hasher: Hasher,
    pub mailer: Arc<Mailer>,
    pub captcha: Captcha,
    pub csrf_key: aws_lc_rs::hmac::Key,
    pub throttle: crate::auth::throttle::Throttle,
    /// `[proxy] trusted`, parsed.
    pub trusted_proxies: Vec<crate::net::Cidr>,
}

impl Deref for AppState {
    type Target = AppInner;
    fn deref(&self) -> &AppInner {
        &self.0
    }
}

impl AppState {
    pub fn store(&self) -> &Store {
        &self.provider.store
    }

    /// What the account actions (`crate::account`) need, lent from this state.
    pub fn account(&self, now: i64) -> crate::account::Services<'_> {
        crate::account::Services {
            store: self.store(),
            mailer: &self.mailer,
            throttle: &self.throttle,
            config: &self.config,
            now,
        }
    }
}
