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
    /// Every page's and mail's words, in each language.
    pub catalogs: Arc<crate::i18n::Catalogs>,
    /// `[branding]`, with its files read.
    pub brand: Arc<super::brand::Brand>,
    /// The passkeys' relying party; `None` for an issuer on an IP address.
    pub passkeys: Option<crate::auth::passkey::Passkeys>,
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
            catalogs: &self.catalogs,
            passkeys: self.passkeys.as_ref(),
            now,
        }
    }

    /// How a relying app appears on the pages: its `name` (else its id) and the
    /// links it registered.
    pub fn app(&self, client_id: &str) -> App {
        let c = self.config.clients.iter().find(|c| c.id == client_id);
        App {
            name: c.map_or(client_id, |c| c.display_name()).to_string(),
            logo_uri: c.and_then(|c| c.logo_uri.clone()),
            client_uri: c.and_then(|c| c.client_uri.clone()),
            policy_uri: c.and_then(|c| c.policy_uri.clone()),
            tos_uri: c.and_then(|c| c.tos_uri.clone()),
        }
    }
}

impl crate::account::export::AppNames for AppState {
    fn app_name(&self, client_id: &str) -> String {
        self.app(client_id).name
    }
}

/// A relying app as the pages show it (RFC 7591 client metadata).
#[derive(Clone, Debug)]
pub struct App {
    pub name: String,
    pub logo_uri: Option<String>,
    pub client_uri: Option<String>,
    pub policy_uri: Option<String>,
    pub tos_uri: Option<String>,
}
