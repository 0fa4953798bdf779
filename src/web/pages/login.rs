//! `/login`: "Email or username", "Password", "Keep me signed in", "Sign In".
//! Signing in adds the account to this browser; other accounts stay signed in.
//! The password is this page's; what follows is the sign-in flow's (`signin`).

use super::prelude::*;
use crate::{
    account::passkeys,
    auth::throttle::{Key, Kind},
    oidc::vocab::Amr,
    signin::{confirmation::Confirmed, sealed::SealedState},
    web::{
        passkey::{passkey_json, passkey_problem},
        session,
        signin::{self, confirmation_next, pending, upstream_buttons},
        ui::Ui,
    },
};

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage<'a> {
    ui: Ui,
    csrf: &'a str,
    uid: &'a str,
    next: &'a str,
    identifier: &'a str,
    remember: bool,
    error: Option<&'a str>,
    client_name: Option<&'a str>,
    upstreams: Vec<(String, String)>,
    signup_enabled: bool,
    /// Where a new account continues after confirming: the pending request or `next`.
    signup_next: String,
    /// "Trouble signing in?", keeping the pending request.
    recover: String,
    /// A notice above the form ("Your email is confirmed…").
    notice: Option<&'a str>,
    /// "Add a new account": the account signed in here now, and where "Cancel"
    /// goes back to.
    adding: Option<Adding>,
    /// "Sign in with a passkey" and passkeys in autofill (the issuer has a host name).
    passkeys: bool,
}

/// The context of "Add a new account" (`/login?add=1`) while an account is
/// signed in here.
#[derive(Clone)]
struct Adding {
    email: String,
    cancel: String,
}

/// What the form shows besides its fixed parts.
struct View<'a> {
    cont: &'a Continuation,
    identifier: &'a str,
    remember: bool,
    error: Option<&'a str>,
    client: Option<&'a str>,
    notice: Option<&'a str>,
    adding: Option<Adding>,
}

fn render(state: &AppState, headers: &HeaderMap, status: StatusCode, v: View<'_>) -> Response {
    let (token, cookie) = csrf::token(state, headers);
    let signup_next = confirmation_next(v.cont);
    page(
        status,
        &LoginPage {
            ui: Ui::current(),
            csrf: &token,
            uid: v.cont.uid(),
            next: v.cont.next(),
            identifier: v.identifier,
            remember: v.remember,
            error: v.error,
            client_name: v.client,
            upstreams: upstream_buttons(state),
            signup_enabled: state.config.signup.enabled,
            signup_next: urls::encode(&signup_next),
            recover: urls::recover(v.cont),
            notice: v.notice,
            adding: v.adding,
            passkeys: state.passkeys.is_some(),
        },
        cookie,
    )
}

/// `uid` and `next`; `add=1` ("Add a new account"); `confirmed`, the sealed
/// username of an account whose address was just confirmed in another browser.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LoginQuery {
    uid: String,
    next: String,
    add: String,
    confirmed: String,
}

/// "Add a new account" while someone is signed in here: who, and where "Cancel"
/// goes (the chooser of the pending request, else `next`, else home).
async fn adding(
    state: &AppState,
    headers: &HeaderMap,
    now: Now,
    add: bool,
    cont: &Continuation,
) -> Result<Option<Adding>, PageError> {
    if !add {
        return Ok(None);
    }
    let Some((_, user)) = session::all(state, headers, now.0)
        .await?
        .into_iter()
        .next()
    else {
        return Ok(None);
    };
    let cancel = match cont.uid() {
        "" => urls::onward(cont),
        uid => urls::accounts(uid),
    };
    Ok(Some(Adding {
        email: user.email,
        cancel,
    }))
}

pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    now: Now,
    Query(q): Query<LoginQuery>,
) -> PageResult {
    let cont = Continuation::new(&q.uid, &q.next);
    let pending = pending(&state, &headers, &cont, now).await?;
    let confirmed = Confirmed::open(&state.provider.master, &q.confirmed, now.0);
    let hint = match &confirmed {
        Some(Confirmed(username)) => username.clone(),
        None => pending
            .as_ref()
            .and_then(|(_, r)| r.login_hint.clone())
            .unwrap_or_default(),
    };
    let notice = confirmed.map(|_| Ui::current().t("confirm-done-sign-in"));
    let client = pending
        .as_ref()
        .map(|(ix, _)| state.app(&ix.client_id).name);
    let view = View {
        cont: &cont,
        identifier: &hint,
        remember: true,
        error: None,
        client: client.as_deref(),
        notice: notice.as_deref(),
        adding: adding(&state, &headers, now, q.add == "1", &cont).await?,
    };
    Ok(render(&state, &headers, StatusCode::OK, view))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LoginForm {
    uid: String,
    next: String,
    add: String,
    identifier: String,
    password: String,
    remember: Option<String>,
}

pub async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    client: Requester,
    now: Now,
    CsrfForm(f): CsrfForm<LoginForm>,
) -> PageResult {
    let cont = Continuation::new(&f.uid, &f.next);
    let identifier = f.identifier.trim();
    // A request of another browser is refused before any password is checked.
    pending(&state, &headers, &cont, now).await?;
    let remember = f.remember.is_some();
    let ui = Ui::current();
    let add = adding(&state, &headers, now, f.add == "1", &cont).await?;
    let again = |status, message: &str| {
        let view = View {
            cont: &cont,
            identifier,
            remember,
            error: Some(message),
            client: None,
            notice: None,
            adding: add.clone(),
        };
        Ok(render(&state, &headers, status, view))
    };
    if identifier.is_empty() || f.password.is_empty() {
        return again(StatusCode::BAD_REQUEST, &ui.t("login-missing"));
    }
    if identifier.len() > 320 || f.password.len() > 1024 {
        return again(StatusCode::BAD_REQUEST, &ui.t("login-too-long"));
    }
    let store = state.store();
    let user = store.user_by_login(identifier).await?;
    // Guesses are limited per identifier as typed (known or not, so a 429 says
    // nothing about which identifiers share an account) and per IP, and counted
    // before the hash is checked, so parallel guesses get no more checks.
    // The IP's counter comes first: an attempt it refuses leaves the identifier's
    // counter untouched, so a throttled address cannot keep restarting the wait of
    // an account it names.
    let keys = [
        Key::ip(Kind::IpFailures, "login", client.ip),
        Key::identifier("login", identifier),
    ];
    if let Err(wait) = state.throttle.attempt(store, &keys).await {
        let user_id = user.as_ref().map(|u| u.id.as_str());
        audit::record(store, &client, event::SIGN_IN_THROTTLED, user_id, None).await;
        let message = ui.t1("login-too-many", "seconds", wait.0);
        return again(StatusCode::TOO_MANY_REQUESTS, &message).map(|r| with_retry_after(r, wait.0));
    }
    // Always hash, so an unknown account takes as long as a wrong password.
    let hash = user.as_ref().and_then(|u| u.password_hash.as_deref());
    let ok = state.hasher.verify(&f.password, hash).await;
    let user = match user {
        Some(u) if ok => u,
        _ => {
            tracing::info!("sign-in failed");
            audit::count_sign_in("pwd", false);
            let user_id = user.as_ref().map(|u| u.id.as_str());
            audit::record(store, &client, event::SIGN_IN_FAILED, user_id, Some("pwd")).await;
            return again(StatusCode::UNAUTHORIZED, &ui.t("login-no-match"));
        }
    };
    // The owner's password clears what was typed, and its try was no failure of
    // this IP. Second-factor failures have their own counter, not cleared here.
    state.throttle.clear(store, &keys[1]).await;
    state.throttle.refund(store, &keys[0]).await;
    let browser = signin::browser(&state, &headers);
    let flow = signin::flow(&state, &client, &browser, now);
    let outcome = flow.first_factor(&user, Amr::Pwd, remember, &cont).await?;
    Ok(signin::respond(&state, &headers, outcome, || {
        render(
            &state,
            &headers,
            StatusCode::FORBIDDEN,
            View {
                cont: &cont,
                identifier,
                remember,
                error: Some(&ui.t("login-disabled")),
                client: None,
                notice: None,
                adding: None,
            },
        )
    }))
}

/// The script's request for passkey options: `mode=autofill` keeps the browser's
/// conditional mediation (autofill), else the button's modal dialog.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct OptionsForm {
    mode: String,
}

/// `POST /login/passkey/options`: a sign-in ceremony without a name, as JSON.
pub async fn passkey_options(
    State(state): State<AppState>,
    now: Now,
    CsrfForm(f): CsrfForm<OptionsForm>,
) -> PageResult {
    let modal = f.mode != "autofill";
    Ok(passkey_json(
        passkeys::sign_in_options(&state.account(now.0), modal).await?,
    ))
}

/// "Sign in with a passkey" (or a passkey picked in autofill): the ceremony's id
/// and the browser's answer, with the pending request.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PasskeyForm {
    uid: String,
    next: String,
    remember: Option<String>,
    ceremony: String,
    credential: String,
}

/// `POST /login/passkey`: checks the answer, then the sign-in flow goes on as for
/// a password (a passkey that verified the person is two factors on its own).
pub async fn passkey_submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    client: Requester,
    now: Now,
    CsrfForm(f): CsrfForm<PasskeyForm>,
) -> PageResult {
    let cont = Continuation::new(&f.uid, &f.next);
    pending(&state, &headers, &cont, now).await?;
    let remember = f.remember.is_some();
    let ui = Ui::current();
    let refused = |status, message: &str| {
        let view = View {
            cont: &cont,
            identifier: "",
            remember,
            error: Some(message),
            client: None,
            notice: None,
            adding: None,
        };
        render(&state, &headers, status, view)
    };
    let services = state.account(now.0);
    let checked = passkeys::sign_in(&services, &client, &f.ceremony, &f.credential).await?;
    let (user, amr) = match checked {
        Ok(x) => x,
        Err(problem) => {
            let (status, message) = passkey_problem(&ui, problem);
            let r = refused(status, &message);
            return Ok(match problem {
                passkeys::Problem::Throttled(s) => with_retry_after(r, s),
                _ => r,
            });
        }
    };
    let browser = signin::browser(&state, &headers);
    let flow = signin::flow(&state, &client, &browser, now);
    let outcome = flow.proved(&user, &amr, remember, &cont).await?;
    Ok(signin::respond(&state, &headers, outcome, || {
        refused(StatusCode::FORBIDDEN, &ui.t("login-disabled"))
    }))
}
