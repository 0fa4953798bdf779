//! The "Code" step of a sign-in with two-step verification: the sign-in waits in a
//! sealed cookie, single use and with its own count of wrong codes (a
//! `two_step_pending` row), until a code from the authenticator app or a recovery
//! code completes it.

use super::{Continuation, Flow, Outcome, RequestError, SetCookie, sealed::SealedState};
use crate::{
    account::Services,
    audit::{self, event},
    auth::{
        throttle::{Key, Kind},
        totp,
    },
    crypto::{self, MasterKey},
    oidc::vocab::Amr,
    store::users::User,
};
use serde::{Deserialize, Serialize};

/// A sign-in between its first factor and the code.
#[derive(Clone, Serialize, Deserialize)]
pub struct Pending {
    /// Random; its hash names the `two_step_pending` row that makes the cookie
    /// single use and counts its wrong codes.
    id: String,
    user_id: String,
    amr: Amr,
    remember: bool,
    cont: Continuation,
}

impl Pending {
    /// Where the sign-in goes afterwards (its pending request, `next`).
    pub fn continuation(&self) -> &Continuation {
        &self.cont
    }
}

impl SealedState for Pending {
    const PURPOSE: &'static str = "lanyard_2fa";
    /// How long the code step waits for its code.
    const TTL: i64 = 600;
}

impl Pending {
    fn id_hash(&self) -> String {
        crypto::token_hash(&self.id)
    }

    /// The account the sign-in is for.
    pub fn user_id(&self) -> &str {
        &self.user_id
    }

    /// What a passkey ceremony of this sign-in is bound to: this waiting sign-in only.
    pub fn ceremony_owner(&self) -> String {
        self.id_hash()
    }
}

/// An answer to the second step: a code (6 digits or a recovery code), or a
/// passkey's answer to the ceremony the page started ("Use a passkey").
pub enum Answer<'a> {
    Code(&'a str),
    Passkey {
        ceremony: &'a str,
        credential: &'a str,
    },
}

/// What a submitted code led to.
pub enum CodeStep {
    /// The sign-in is over (expired, completed, or ended by wrong codes): start again.
    Expired,
    /// Too many tries from here or for the account: wait this many seconds.
    Throttled(u64),
    /// Not right; `last` when that was the sign-in's last try.
    Wrong { last: bool },
    /// Right: signed in.
    Done(Outcome),
}

impl Flow<'_> {
    /// Starts waiting for the code: the `two_step_pending` row and its cookie.
    pub(super) async fn await_code(
        &self,
        user: &User,
        amr: Amr,
        remember: bool,
        cont: &Continuation,
    ) -> anyhow::Result<SetCookie> {
        let id = crypto::random_token();
        self.services
            .store
            .two_step_pending_create(&crypto::token_hash(&id), &user.id, self.now + Pending::TTL)
            .await?;
        let pending = Pending {
            id,
            user_id: user.id.clone(),
            amr,
            remember,
            cont: cont.clone(),
        };
        Ok(SetCookie::TwoStep(pending.seal(self.master, self.now)?))
    }

    /// The sign-in waiting for a code in this browser: `None` when there is none
    /// (or it is over); an error when the request it continues is no longer this
    /// browser's.
    pub async fn waiting_for_code(&self) -> Result<Option<Pending>, RequestError> {
        let Some(pending) = self
            .browser
            .two_step
            .as_deref()
            .and_then(|raw| Pending::open(self.master, raw, self.now))
        else {
            return Ok(None);
        };
        if !self
            .services
            .store
            .two_step_pending_open(&pending.id_hash(), self.now)
            .await?
        {
            return Ok(None);
        }
        super::continuation::pending_request(
            self.services.store,
            self.browser.request.as_deref(),
            pending.cont.uid(),
            self.now,
        )
        .await?;
        Ok(Some(pending))
    }

    /// Checks `answer` for the waiting sign-in. Each try is counted before the
    /// code is checked: per IP, per account (only a right code clears that, not a
    /// password) and for this sign-in, which ends after the account allowance of
    /// wrong codes however many are sent at once.
    pub async fn second_factor(
        &self,
        pending: Pending,
        answer: Answer<'_>,
    ) -> anyhow::Result<CodeStep> {
        let (store, throttle, now) = (self.services.store, self.services.throttle, self.now);
        let Some(user) = store
            .user_by_id(&pending.user_id)
            .await?
            .filter(|u| !u.disabled && u.two_step())
        else {
            return Ok(CodeStep::Expired);
        };
        // The IP's counter first, as at the password step.
        let keys = [
            Key::ip(Kind::IpFailures, "login", self.requester.ip),
            Key::account("2fa", &user.id),
        ];
        if let Err(wait) = throttle.attempt(store, &keys).await {
            let (client, id) = (self.requester, Some(user.id.as_str()));
            audit::record(store, client, event::SIGN_IN_THROTTLED, id, Some("code")).await;
            return Ok(CodeStep::Throttled(wait.0));
        }
        let max_tries = i64::from(self.services.config.rate_limit.account_failures.max(1));
        let id_hash = pending.id_hash();
        let tries = store
            .two_step_pending_try(&id_hash, max_tries, now)
            .await?
            .filter(|(owner, _)| *owner == user.id);
        let Some((_, tries)) = tries else {
            for k in &keys {
                throttle.refund(store, k).await;
            }
            return Ok(CodeStep::Expired);
        };
        let added = match answer {
            Answer::Code(code) => {
                let code = code.trim();
                if code.is_empty() || code.len() > 40 {
                    None
                } else {
                    check_code(&self.services, self.master, &user.id, code, now).await?
                }
            }
            Answer::Passkey {
                ceremony,
                credential,
            } => {
                let owner = pending.ceremony_owner();
                let bound = (owner.as_str(), ceremony);
                crate::account::passkeys::second_step(
                    &self.services,
                    self.requester,
                    &user,
                    bound,
                    credential,
                )
                .await?
            }
        };
        let Some(added) = added else {
            audit::record_user(store, self.requester, event::SECOND_FACTOR_FAILED, &user.id).await;
            audit::count_sign_in("otp", false);
            let last = tries >= max_tries;
            if last {
                store.two_step_pending_take(&id_hash, now).await?;
            }
            return Ok(CodeStep::Wrong { last });
        };
        // Single use: of concurrent right answers with one cookie, one signs in.
        if !store.two_step_pending_take(&id_hash, now).await? {
            return Ok(CodeStep::Expired);
        }
        throttle.clear(store, &keys[1]).await;
        throttle.refund(store, &keys[0]).await;
        if added == [Amr::Mfa] {
            audit::record_user(store, self.requester, event::RECOVERY_CODE_USED, &user.id).await;
        }
        let amr: Vec<Amr> = std::iter::once(pending.amr).chain(added).collect();
        let done = self
            .complete(
                &user,
                &amr,
                pending.remember,
                &pending.cont,
                vec![SetCookie::ClearTwoStep],
            )
            .await?;
        Ok(CodeStep::Done(done))
    }
}

/// Checks a 6-digit code (each time step at most once) or a recovery code (once).
/// Returns the `amr` values it adds (RFC 8176: `otp`, and `mfa` for both).
pub async fn check_code(
    services: &Services<'_>,
    master: &MasterKey,
    user_id: &str,
    answer: &str,
    now: i64,
) -> anyhow::Result<Option<Vec<Amr>>> {
    let store = services.store;
    if totp::is_recovery_code(answer) {
        let ok = store
            .use_recovery_code(user_id, &totp::recovery_hash(answer), now)
            .await?;
        return Ok(ok.then(|| vec![Amr::Mfa]));
    }
    let Some(sealed) = store.totp_secret(user_id).await? else {
        return Ok(None);
    };
    let secret = master.open(&totp_context(user_id), &sealed)?;
    let Some(step) = totp::matching_step(&secret, answer, now) else {
        return Ok(None);
    };
    Ok(store
        .use_totp_step(user_id, step)
        .await?
        .then(|| vec![Amr::Otp, Amr::Mfa]))
}

/// The purpose a TOTP secret is sealed for at rest.
pub fn totp_context(user_id: &str) -> String {
    format!("totp:{user_id}")
}
