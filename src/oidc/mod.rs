//! The protocol core: OAuth 2.0 and OpenID Connect logic, free of HTTP framework
//! types, cookies and templates. Handlers in `web::oidc_handlers` parse a request,
//! call in here and turn the result into a response.

pub mod authorize;
pub mod backchannel;
pub mod claims;
pub mod client_assertion;
pub mod client_auth;
pub mod client_keys;
pub mod clients;
pub mod device;
pub mod discovery;
pub mod end_session;
pub mod error;
pub mod grants;
pub mod interaction;
pub mod introspection;
pub mod keys;
pub mod par;
pub mod params;
pub mod pkce;
pub mod revocation;
pub mod token;
pub mod userinfo;
pub mod vocab;

use crate::{config::Config, crypto::MasterKey, store::Store};
use std::sync::Arc;

/// Everything the protocol core needs, built once at start.
pub struct Provider {
    pub issuer: String,
    pub store: Store,
    pub keys: keys::KeyRing,
    pub clients: clients::Clients,
    pub master: Arc<MasterKey>,
    pub access_token_ttl: i64,
    pub refresh_token_ttl: i64,
    /// Seconds a rotated refresh token still gets tokens (`[tokens] refresh_reuse_grace`).
    pub refresh_reuse_grace: i64,
    pub code_ttl: i64,
    /// How long a pending sign-in may take before the request must start over.
    pub interaction_ttl: i64,
    /// The discovery document, serialized once.
    pub discovery_json: bytes::Bytes,
    /// Wakes the back-channel logout worker when a logout token is queued.
    pub backchannel_wake: tokio::sync::Notify,
    /// `private_key_jwt` clients' fetched key sets.
    pub client_keys: client_keys::KeyCache,
}

impl Provider {
    pub async fn new(
        config: &Config,
        store: Store,
        master: Arc<MasterKey>,
        now: i64,
    ) -> anyhow::Result<Provider> {
        let access_token_ttl = config.tokens.access_token.as_secs() as i64;
        let keys = keys::KeyRing::load(&store, &master, config.key_retention(), now).await?;
        let issuer = config.issuer().to_string();
        Ok(Provider {
            discovery_json: discovery::document(
                &issuer,
                &crate::i18n::available_tags(config.i18n.dir.as_deref()),
            )
            .to_string()
            .into(),
            issuer,
            store,
            keys,
            clients: clients::Clients::from_config(&config.clients)?,
            master,
            access_token_ttl,
            refresh_token_ttl: config.tokens.refresh_token.as_secs() as i64,
            refresh_reuse_grace: config.tokens.refresh_reuse_grace.as_secs() as i64,
            code_ttl: config.tokens.authorization_code.as_secs() as i64,
            interaction_ttl: 3600,
            backchannel_wake: tokio::sync::Notify::new(),
            client_keys: client_keys::KeyCache::default(),
        })
    }

    pub fn endpoint(&self, path: &str) -> String {
        format!("{}{}", self.issuer, path)
    }
}

/// Unix seconds now. The core never reads the clock itself: callers pass `now`.
pub fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// Splits a space-delimited scope string (RFC 6749 §3.3) into unique tokens, in order.
pub fn scope_list(scope: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for s in scope.split(' ').filter(|s| !s.is_empty()) {
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

pub fn has_scope(scope: &str, wanted: &str) -> bool {
    scope.split(' ').any(|s| s == wanted)
}
