//! From "Create free account" to signed in with one press of "Confirm email".
//!
//! Signup leaves a sealed [`SignedUp`] cookie in the browser that created the
//! account (it proved the password there). When the confirmation link is used in
//! that browser, [`Flow::after_confirmation`] signs the account in and the browser
//! goes on where the signup was going (onboarding, the pending request, `next`).
//! Anywhere else the link only confirms: the sign-in form follows, its identifier
//! filled in from a sealed [`Confirmed`] value, so nothing forgeable in the URL
//! says "confirmed". The "Check your email" page resends through a sealed
//! [`ResendTo`] (the address as typed), so the same page and the same answer serve
//! every address, with an account or not.

use super::{Continuation, Flow, Outcome, SetCookie, sealed::SealedState};
use crate::{crypto::MasterKey, oidc::vocab::Amr, store::users::User};
use serde::{Deserialize, Serialize};

/// The accounts this browser signed up (the latest few), until their addresses
/// are confirmed. Every signup answer adds one id, a real or (for an address that
/// has an account) a random one, so the cookie looks the same either way and an
/// earlier signup in this browser is not forgotten.
#[derive(Serialize, Deserialize, Default)]
pub struct SignedUp(pub Vec<String>);

/// How many signups one browser remembers.
const SIGNED_UP_MAX: usize = 4;

impl SealedState for SignedUp {
    const PURPOSE: &'static str = "signed_up";
    /// As long as the confirmation link works.
    const TTL: i64 = 24 * 3600;
}

impl SignedUp {
    /// The cookie after this browser signed up `user_id`, keeping the latest
    /// earlier ones of `previous` (the cookie it had; the oldest goes first).
    pub fn cookie(
        previous: Option<&str>,
        user_id: &str,
        master: &MasterKey,
        now: i64,
    ) -> anyhow::Result<SetCookie> {
        let mut ids = previous
            .and_then(|raw| SignedUp::open(master, raw, now))
            .unwrap_or_default()
            .0;
        ids.retain(|id| id != user_id);
        ids.push(user_id.to_string());
        let skip = ids.len().saturating_sub(SIGNED_UP_MAX);
        let ids = ids.split_off(skip);
        Ok(SetCookie::SignedUp(SignedUp(ids).seal(master, now)?))
    }
}

/// A confirmed account's username, for the sign-in form that follows a link used
/// in another browser (the username is public; the address is not put in a URL).
#[derive(Serialize, Deserialize)]
pub struct Confirmed(pub String);

impl SealedState for Confirmed {
    const PURPOSE: &'static str = "confirmed";
    const TTL: i64 = 900;
}

/// The address a "Check your email" page may send the link to again, and where
/// the account continues afterwards.
#[derive(Serialize, Deserialize)]
pub struct ResendTo {
    pub email: String,
    pub next: String,
}

impl SealedState for ResendTo {
    const PURPOSE: &'static str = "resend_to";
    const TTL: i64 = 24 * 3600;
}

impl Flow<'_> {
    /// After `user`'s address was confirmed in this browser: when this browser
    /// signed the account up, the sign-in as after a password (without "Keep me
    /// signed in"), then onward along `cont`; otherwise `None`. Either way, a
    /// sign-up cookie for this account is spent.
    pub async fn after_confirmation(
        &self,
        user: &User,
        cont: &Continuation,
    ) -> anyhow::Result<Option<Outcome>> {
        let signed_up = self
            .browser
            .signed_up
            .as_deref()
            .and_then(|raw| SignedUp::open(self.master, raw, self.now));
        match signed_up {
            Some(SignedUp(ids)) if ids.contains(&user.id) => {
                let mut outcome = self.first_factor(user, Amr::Pwd, false, cont).await?;
                outcome.cookies.push(SetCookie::ClearSignedUp);
                Ok(Some(outcome))
            }
            _ => Ok(None),
        }
    }
}
