//! The effects of a finished sign-in, each in one place: the session row, the
//! browser remembered for new-browser notices, and the upstream link offer.

use super::{Flow, SetCookie, sealed::SealedState};
use crate::{
    account::links,
    crypto,
    store::{StoreError, federation::Identity, sessions::NewSession, users::User},
};
use serde::{Deserialize, Serialize};

impl Flow<'_> {
    /// A session row for `user` under a fresh browser token (the session id is
    /// renewed at every sign-in, carrying the browser's other accounts over).
    /// Returns the new `sid` and the session cookie.
    pub(super) async fn start_session(
        &self,
        user: &User,
        amr: &str,
        remember: bool,
    ) -> anyhow::Result<(String, SetCookie)> {
        let (store, config, now) = (self.services.store, self.services.config, self.now);
        let token = crypto::random_token();
        let new_hash = crypto::token_hash(&token);
        if let Some(old) = &self.browser.session {
            let old = crypto::token_hash(old);
            store.rekey_browser(&old, &new_hash).await?;
            store.end_browser_user_sessions(&new_hash, &user.id).await?;
        }
        let ttl = if remember {
            config.sessions.remember_me
        } else {
            config.sessions.default
        };
        let sid = crypto::random_id();
        store
            .create_session(
                &NewSession {
                    sid: &sid,
                    browser_hash: &new_hash,
                    user_id: &user.id,
                    amr,
                    remember,
                    expires_at: now + ttl.as_secs() as i64,
                    idle_until: now + config.sessions.idle.as_secs() as i64,
                    user_agent: self.requester.user_agent.as_deref(),
                },
                now,
            )
            .await?;
        // Mail goes out in the language the person last signed in with.
        if let Some(tr) = crate::i18n::request_tr() {
            store.set_locale(&user.id, tr.lang()).await?;
        }
        // The cookie lives as long as the longest-lived account in it; when no
        // account asked for "Keep me signed in" it is a browser-session cookie.
        let persistent = remember || store.browser_remembered(&new_hash, now).await?;
        Ok((sid, SetCookie::Session { token, persistent }))
    }

    /// Remembers this browser for the account; mails the owner when it is a browser
    /// the account has not signed in from before (but not at its very first sign-in).
    pub(super) async fn note_browser(&self, user: &User) -> anyhow::Result<Option<SetCookie>> {
        let (device, cookie) = match self.browser.device.as_deref() {
            Some(d) if d.len() == 43 => (d.to_string(), None),
            _ => {
                let d = crypto::random_token();
                (d.clone(), Some(SetCookie::Device(d)))
            }
        };
        let hash = crypto::token_hash(&device);
        let store = self.services.store;
        let (is_new, had_any) = store.note_browser(&user.id, &hash, self.now).await?;
        if is_new && had_any {
            let (agent, ip) = (
                self.requester.user_agent.as_deref(),
                self.requester.ip_text(),
            );
            links::send_new_sign_in(&self.services, user, agent, &ip).await?;
        }
        Ok(cookie)
    }

    /// After a password sign-in: links the offered upstream identity when the
    /// account is the one the offer is for. Asks to clear the offer either way.
    pub(super) async fn claim_link_offer(&self, user: &User) -> anyhow::Result<Option<SetCookie>> {
        let Some(raw) = &self.browser.link_offer else {
            return Ok(None);
        };
        let offer = LinkOffer::open(self.master, raw, self.now);
        if let Some(o) = offer.filter(|o| o.email == user.email) {
            let identity = Identity {
                issuer: o.issuer,
                subject: o.subject,
                user_id: user.id.clone(),
                upstream_id: o.upstream_id,
                email: Some(o.email),
            };
            match self.services.store.link_identity(&identity, self.now).await {
                Ok(()) => {
                    tracing::info!(user = %user.id, upstream = %identity.upstream_id, "upstream identity linked")
                }
                Err(StoreError::Conflict(_)) => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(Some(SetCookie::ClearLinkOffer))
    }
}

/// An offer to link an upstream identity to the account with `email`, made when an
/// upstream asserts an address an account already has; the password sign-in that
/// follows in this browser claims it.
#[derive(Serialize, Deserialize)]
pub struct LinkOffer {
    pub issuer: String,
    pub subject: String,
    pub upstream_id: String,
    pub email: String,
}

impl SealedState for LinkOffer {
    const PURPOSE: &'static str = "lanyard_link";
    const TTL: i64 = 900;
}

impl LinkOffer {
    /// The cookie that carries the offer.
    pub fn cookie(&self, flow_master: &crypto::MasterKey, now: i64) -> anyhow::Result<SetCookie> {
        Ok(SetCookie::LinkOffer(self.seal(flow_master, now)?))
    }
}
