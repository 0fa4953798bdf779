//! The HTTP side of the sign-in flow (`crate::signin`): reads the browser's cookies
//! into a `Browser`, lends the flow what it needs, and turns its `Outcome` into a
//! response, every cookie set through one [`Jar`].

use super::{
    csrf,
    extract::Now,
    render::{PageError, page, see_other},
    request_binding::BINDING_COOKIE,
    session::{SESSION_COOKIE, clear_cookie, cookie_name, read_cookie, set_cookie},
    state::AppState,
    ui::Ui,
    urls,
};
use crate::{
    audit::Requester,
    oidc::authorize::AuthRequest,
    signin::{
        Browser, Continuation, Flow, Outcome, RequestError, SetCookie, Step,
        confirmation::{ResendTo, SignedUp},
        continuation::pending_request,
        sealed::SealedState,
    },
    store::interactions::Interaction,
};
use askama::Template;
use axum::{
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponseParts, Response, ResponseParts},
};
use serde::Deserialize;

/// The long-lived cookie that recognises a browser, for new-browser notices.
const DEVICE_COOKIE: &str = "lanyard_device";
/// An offer to link an upstream identity to the account that signs in next.
const LINK_COOKIE: &str = "lanyard_link";
/// A sign-in waiting for its code.
const TWO_STEP_COOKIE: &str = "lanyard_2fa";
/// The account this browser signed up, until its address is confirmed.
const SIGNUP_COOKIE: &str = "lanyard_signup";

/// `uid` and `next`, as the sign-in pages carry them.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Carried {
    pub uid: String,
    pub next: String,
}

impl Carried {
    pub fn continuation(&self) -> Continuation {
        Continuation::new(&self.uid, &self.next)
    }
}

/// The browser's cookies the flow reads.
pub fn browser(state: &AppState, headers: &HeaderMap) -> Browser {
    let read = |base: &str| read_cookie(headers, &cookie_name(state, base));
    Browser {
        session: read(SESSION_COOKIE),
        device: read(DEVICE_COOKIE),
        link_offer: read(LINK_COOKIE),
        two_step: read(TWO_STEP_COOKIE),
        request: read(BINDING_COOKIE),
        signed_up: read(SIGNUP_COOKIE),
    }
}

/// One "Sign in with NAME" button per `[[upstream]]`: (id, name).
pub fn upstream_buttons(state: &AppState) -> Vec<(String, String)> {
    state
        .config
        .upstream
        .iter()
        .map(|u| (u.id.clone(), u.display_name()))
        .collect()
}

/// The flow for one request.
pub fn flow<'a>(
    state: &'a AppState,
    requester: &'a Requester,
    browser: &'a Browser,
    now: Now,
) -> Flow<'a> {
    Flow {
        services: state.account(now.0),
        master: &state.provider.master,
        requester,
        browser,
        now: now.0,
    }
}

/// The `Set-Cookie` values of one response.
#[derive(Default)]
pub struct Jar(Vec<HeaderValue>);

impl Jar {
    pub fn new(state: &AppState, cookies: impl IntoIterator<Item = SetCookie>) -> Jar {
        let mut jar = Jar::default();
        for c in cookies {
            jar.add(state, c);
        }
        jar
    }

    /// Adds the header for one cookie the flow asked for.
    pub fn add(&mut self, state: &AppState, c: SetCookie) {
        let remember = state.config.sessions.remember_me.as_secs() as i64;
        self.0.push(match c {
            SetCookie::Session { token, persistent } => set_cookie(
                state,
                SESSION_COOKIE,
                &token,
                persistent.then_some(remember),
            ),
            // 400 days: the longest lifetime browsers honour.
            SetCookie::Device(v) => set_cookie(state, DEVICE_COOKIE, &v, Some(400 * 24 * 3600)),
            SetCookie::TwoStep(v) => set_cookie(state, TWO_STEP_COOKIE, &v, None),
            SetCookie::ClearTwoStep => clear_cookie(state, TWO_STEP_COOKIE),
            SetCookie::LinkOffer(v) => set_cookie(
                state,
                LINK_COOKIE,
                &v,
                Some(<crate::signin::LinkOffer as crate::signin::sealed::SealedState>::TTL),
            ),
            SetCookie::ClearLinkOffer => clear_cookie(state, LINK_COOKIE),
            SetCookie::SignedUp(v) => set_cookie(
                state,
                SIGNUP_COOKIE,
                &v,
                Some(<SignedUp as SealedState>::TTL),
            ),
            SetCookie::ClearSignedUp => clear_cookie(state, SIGNUP_COOKIE),
        });
    }

    /// A header set elsewhere (the CSRF cookie of a page, say).
    pub fn push(&mut self, value: Option<HeaderValue>) {
        self.0.extend(value);
    }
}

impl IntoIterator for Jar {
    type Item = HeaderValue;
    type IntoIter = std::vec::IntoIter<HeaderValue>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl IntoResponseParts for Jar {
    type Error = std::convert::Infallible;
    fn into_response_parts(self, mut res: ResponseParts) -> Result<ResponseParts, Self::Error> {
        for c in self.0 {
            res.headers_mut().append(header::SET_COOKIE, c);
        }
        Ok(res)
    }
}

#[derive(Template)]
#[template(path = "confirm_first.html")]
struct ConfirmFirstPage<'a> {
    ui: Ui,
    csrf: &'a str,
    email: &'a str,
    pending: &'a str,
    /// Where the new link continues: the pending request or `next`.
    next: &'a str,
    /// "Back to sign in", with the pending request.
    back: &'a str,
}

/// Where a confirmation link continues after `cont`: the pending request's resume
/// page, else its `next`.
pub fn confirmation_next(cont: &Continuation) -> String {
    match cont.uid() {
        "" => cont.next().to_string(),
        uid => urls::resume(uid),
    }
}

#[derive(Template)]
#[template(path = "check_email.html")]
struct CheckEmailPage<'a> {
    ui: Ui,
    csrf: &'a str,
    message: &'a str,
    notice: Option<&'a str>,
    /// The sealed [`ResendTo`] that "Resend" posts back.
    address: &'a str,
    back: &'a str,
}

/// "Check your email" after a signup or a new confirmation link, with "Resend";
/// the same answer whether or not the address has an account (`resent`: after a
/// "Resend", which says so in the same words for every address). The link it
/// resends continues to `next`.
pub fn check_your_email(
    state: &AppState,
    headers: &HeaderMap,
    now: Now,
    email: &str,
    next: &str,
    resent: bool,
) -> Result<Response, PageError> {
    let ui = Ui::current();
    let (csrf, cookie) = csrf::token(state, headers);
    let address = ResendTo {
        email: email.to_string(),
        next: next.to_string(),
    }
    .seal(&state.provider.master, now.0)?;
    let message = ui.t1("check-email", "email", email);
    let notice = resent.then(|| ui.t1("check-email-resent", "email", email));
    let back = urls::login(&Continuation::from_next(next));
    Ok(page(
        StatusCode::OK,
        &CheckEmailPage {
            ui,
            csrf: &csrf,
            message: &message,
            notice: notice.as_deref(),
            address: &address,
            back: &back,
        },
        cookie,
    ))
}

/// The answer to a flow step. `disabled` is the leaf's own page for a disabled
/// account (the sign-in form says it next to the fields; the upstream callback
/// on an error page).
pub fn respond(
    state: &AppState,
    headers: &HeaderMap,
    outcome: Outcome,
    disabled: impl FnOnce() -> Response,
) -> Response {
    let mut jar = Jar::new(state, outcome.cookies);
    match outcome.step {
        Step::SignedIn(to) => see_other(&urls::destination(&to), jar),
        Step::SecondFactor => see_other("/login/code", jar),
        Step::Disabled => disabled(),
        Step::ConfirmEmailFirst {
            email,
            reference,
            cont,
        } => {
            let (csrf, cookie) = csrf::token(state, headers);
            jar.push(cookie);
            page(
                StatusCode::FORBIDDEN,
                &ConfirmFirstPage {
                    ui: Ui::current(),
                    csrf: &csrf,
                    email: &email,
                    pending: &reference,
                    next: &confirmation_next(&cont),
                    back: &urls::login(&cont),
                },
                jar,
            )
        }
    }
}

/// The page error for a request that cannot continue. (Not a `From`: `PageError`
/// takes every error as internal, and this one must not become a 500.)
pub fn request_error(state: &AppState, e: RequestError) -> PageError {
    match e {
        RequestError::Unavailable => PageError::RequestUnavailable,
        RequestError::Expired { client_id } => {
            let app = state.app(&client_id);
            PageError::RequestExpired {
                client: app.name,
                back: app.client_uri,
            }
        }
        other => PageError::Internal(other.into()),
    }
}

/// The pending authorization request of `cont`: `None` when it names none;
/// [`PageError::RequestUnavailable`] when it has expired or was started in
/// another browser (see `request_binding`).
pub async fn pending(
    state: &AppState,
    headers: &HeaderMap,
    cont: &Continuation,
    now: Now,
) -> Result<Option<(Interaction, AuthRequest)>, PageError> {
    let binding = read_cookie(headers, &cookie_name(state, BINDING_COOKIE));
    pending_request(state.store(), binding.as_deref(), cont.uid(), now.0)
        .await
        .map_err(|e| request_error(state, e))
}
