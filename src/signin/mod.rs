//! The sign-in flow: what happens between "this person proved a first factor" and
//! "signed in; go on to X". It owns the state machine and its effects and knows
//! nothing of HTTP: the web layer (`web::signin`) reads the browser's cookies into
//! a [`Browser`], calls the flow, and turns the [`Outcome`] into a response, setting
//! every cookie it asks for through one jar. The pages are leaves that call it.
//!
//! ```text
//!  /login (password) ────┐                  ┌ disabled ─────────────► Step::Disabled
//!  upstream callback ────┼► proved ─────────┼ email not confirmed ──► Step::ConfirmEmailFirst
//!  passkey (no name) ────┘                  ├ two-step on ──────────► Step::SecondFactor
//!                                           │                          (sealed cookie)
//!                                           └ otherwise ─┐
//!  /login/code ─► second_factor ─ code/passkey ──────────┤
//!                                                        ▼
//!   complete: session row, audit record, new-browser mail, link offer, request
//!             marked signed in ─► Step::SignedIn(Destination)
//!   Destination: onboarding (first time) → pending request → next → home
//! ```

pub mod confirmation;
pub mod continuation;
mod effects;
pub mod sealed;
pub mod second_factor;

pub use continuation::{Continuation, Destination, RequestError, safe_next};
pub use effects::LinkOffer;

use crate::{
    account::Services,
    audit::{self, Requester, event},
    crypto::MasterKey,
    oidc::vocab::Amr,
    store::users::User,
};
use sealed::SealedState;
use serde::{Deserialize, Serialize};

/// What the flow needs of the running server and of this request.
pub struct Flow<'a> {
    pub services: Services<'a>,
    pub master: &'a MasterKey,
    pub requester: &'a Requester,
    pub browser: &'a Browser,
    /// The request's one clock reading.
    pub now: i64,
}

/// The cookies of this browser the flow reads (raw values; checked here).
#[derive(Debug, Default)]
pub struct Browser {
    /// The session token (`lanyard_session`).
    pub session: Option<String>,
    /// The long-lived value that recognises this browser (`lanyard_device`).
    pub device: Option<String>,
    /// An offer to link an upstream identity (`lanyard_link`).
    pub link_offer: Option<String>,
    /// A sign-in waiting for its code (`lanyard_2fa`).
    pub two_step: Option<String>,
    /// The value binding pending requests to this browser (`lanyard_request`).
    pub request: Option<String>,
    /// The account this browser signed up, not confirmed yet (`lanyard_signup`).
    pub signed_up: Option<String>,
}

/// A cookie the flow asks the web layer to set or clear.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetCookie {
    /// The new session token; `persistent` when an account here asked to be
    /// remembered ("Keep me signed in").
    Session {
        token: String,
        persistent: bool,
    },
    Device(String),
    TwoStep(String),
    ClearTwoStep,
    LinkOffer(String),
    ClearLinkOffer,
    /// The account this browser just signed up (`confirmation::SignedUp`).
    SignedUp(String),
    ClearSignedUp,
}

/// Where the flow stands after a step.
#[derive(Debug)]
pub enum Step {
    /// The account is disabled: no session.
    Disabled,
    /// The address is not confirmed yet: no session; `reference` (sealed, an hour)
    /// lets the page send the link again, which continues along `cont`.
    ConfirmEmailFirst {
        email: String,
        reference: String,
        cont: Continuation,
    },
    /// Two-step verification is on: the code is asked next.
    SecondFactor,
    /// Signed in; the browser goes on to the destination.
    SignedIn(Destination),
}

/// A step and the cookies that come with it.
#[derive(Debug)]
pub struct Outcome {
    pub step: Step,
    pub cookies: Vec<SetCookie>,
}

impl Outcome {
    fn bare(step: Step) -> Self {
        Outcome {
            step,
            cookies: Vec::new(),
        }
    }
}

/// The "Confirm your email first" reference: an account id, not a sign-in.
#[derive(Serialize, Deserialize)]
pub struct ConfirmFirst(pub String);

impl SealedState for ConfirmFirst {
    const PURPOSE: &'static str = "confirm_first";
    const TTL: i64 = 3600;
}

impl Flow<'_> {
    /// The first factor is proved (`amr` says how): the account's state decides
    /// whether a session starts now, after a code, or not at all.
    pub async fn first_factor(
        &self,
        user: &User,
        amr: Amr,
        remember: bool,
        cont: &Continuation,
    ) -> anyhow::Result<Outcome> {
        self.proved(user, &[amr], remember, cont).await
    }

    /// Factors are proved (`amr`; a passkey's from `account::passkeys::amr`). When
    /// they are two already (`mfa`: a passkey that verified the person), no code is
    /// asked even with two-step verification on.
    pub async fn proved(
        &self,
        user: &User,
        amr: &[Amr],
        remember: bool,
        cont: &Continuation,
    ) -> anyhow::Result<Outcome> {
        let Some(&first) = amr.first() else {
            anyhow::bail!("a sign-in without any amr");
        };
        if user.disabled {
            return Ok(Outcome::bare(Step::Disabled));
        }
        if !user.email_verified {
            let reference = ConfirmFirst(user.id.clone()).seal(self.master, self.now)?;
            return Ok(Outcome::bare(Step::ConfirmEmailFirst {
                email: user.email.clone(),
                reference,
                cont: cont.clone(),
            }));
        }
        if user.two_step() && !amr.contains(&Amr::Mfa) {
            let cookie = self.await_code(user, first, remember, cont).await?;
            return Ok(Outcome {
                step: Step::SecondFactor,
                cookies: vec![cookie],
            });
        }
        self.complete(user, amr, remember, cont, Vec::new()).await
    }

    /// Signs the person in: a new session, the audit record, the new-browser
    /// notice, the link offer; then onward (onboarding, the pending authorization
    /// request, `next` or home).
    async fn complete(
        &self,
        user: &User,
        amr: &[Amr],
        remember: bool,
        cont: &Continuation,
        mut cookies: Vec<SetCookie>,
    ) -> anyhow::Result<Outcome> {
        let store = self.services.store;
        let amr_text = Amr::join(amr);
        let (sid, session) = self.start_session(user, &amr_text, remember).await?;
        cookies.push(session);
        tracing::info!(user = %user.id, amr = %amr_text, "signed in");
        let method = match amr.first() {
            Some(Amr::Fed) => "fed",
            Some(Amr::Hwk | Amr::Swk) => "passkey",
            _ => "pwd",
        };
        audit::count_sign_in(method, true);
        audit::record(
            store,
            self.requester,
            event::SIGN_IN,
            Some(&user.id),
            Some(&amr_text),
        )
        .await;
        cookies.extend(self.note_browser(user).await?);
        if amr.first() == Some(&Amr::Pwd) {
            cookies.extend(self.claim_link_offer(user).await?);
        }
        let mut destination = self.destination(user, &sid, cont).await?;
        // "Sign in faster next time" after a password, on this site's own pages: a
        // sign-in for an app goes straight back to it (the offer waits for a
        // sign-in here; onboarding makes it at its end).
        let here = matches!(destination, Destination::Home | Destination::Next(_));
        if here && amr.first() == Some(&Amr::Pwd) && self.passkey_to_offer(user).await? {
            destination = Destination::PasskeyOffer(continuation::of(&destination));
        }
        let step = Step::SignedIn(destination);
        Ok(Outcome { step, cookies })
    }

    /// Whether "Sign in faster next time" is still to be offered to `user`: this
    /// server has passkeys, the account has none and was never offered one.
    pub async fn passkey_to_offer(&self, user: &User) -> anyhow::Result<bool> {
        passkey_to_offer(&self.services, user).await
    }

    /// Where a fresh sign-in goes; marks the pending request signed in by `sid`.
    async fn destination(
        &self,
        user: &User,
        sid: &str,
        cont: &Continuation,
    ) -> anyhow::Result<Destination> {
        let request = continuation::pending_request(
            self.services.store,
            self.browser.request.as_deref(),
            cont.uid(),
            self.now,
        )
        .await;
        let uid = match request {
            Ok(Some((ix, _))) => {
                self.services
                    .store
                    .interaction_logged_in(&ix.uid, sid)
                    .await?;
                ix.uid
            }
            Ok(None) => String::new(),
            // The request expired (or was never this browser's) while the person
            // signed in: the sign-in stands, and the request's page says what happened.
            Err(RequestError::Unavailable | RequestError::Expired { .. }) => {
                return Ok(Destination::Resume(cont.uid().to_string()));
            }
            Err(e) => return Err(e.into()),
        };
        let cont = Continuation::new(&uid, cont.next());
        if user.onboarded_at.is_none() && self.services.config.onboarding.enabled {
            return Ok(Destination::Onboarding(cont));
        }
        Ok(cont.onward())
    }
}

/// Whether "Sign in faster next time" is still to be offered to `user` (see
/// [`Flow::passkey_to_offer`]); onboarding asks it too, at its end.
pub async fn passkey_to_offer(services: &Services<'_>, user: &User) -> anyhow::Result<bool> {
    if services.passkeys.is_none() || user.passkey_offered_at.is_some() {
        return Ok(false);
    }
    Ok(services.store.user_passkeys(&user.id).await?.is_empty())
}
