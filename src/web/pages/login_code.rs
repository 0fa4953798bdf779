//! `/login/code`: the "Code" step of a sign-in with two-step verification, which
//! every way of signing in (password, upstream) goes through. The flow's
//! `second_factor` decides; this page asks and answers.

use super::prelude::*;
use crate::{
    account::passkeys,
    signin::second_factor::{Answer, CodeStep, Pending},
    web::render::error_page_with,
    web::{
        passkey::passkey_json,
        signin::{self, Jar, request_error},
        ui::Ui,
    },
};

#[derive(Template)]
#[template(path = "login_code.html")]
struct CodePage<'a> {
    ui: Ui,
    csrf: &'a str,
    error: Option<&'a str>,
    /// "Sign in as someone else": the sign-in form, keeping the pending request.
    login: &'a str,
    /// "Use a passkey": the account has one (and this server has passkeys).
    passkey: bool,
}

/// The page: `pending` is the waiting sign-in (its account and request).
async fn code_page(
    state: &AppState,
    headers: &HeaderMap,
    status: StatusCode,
    error: Option<&str>,
    pending: &Pending,
) -> Result<Response, PageError> {
    let (csrf, cookie) = csrf::token(state, headers);
    let passkey = state.passkeys.is_some()
        && !state
            .store()
            .user_passkeys(pending.user_id())
            .await?
            .is_empty();
    let code_page = CodePage {
        ui: Ui::current(),
        csrf: &csrf,
        error,
        login: &urls::login(pending.continuation()),
        passkey,
    };
    Ok(page(status, &code_page, cookie))
}

/// The answer for a sign-in that is over; its cookie is dropped, as it can do
/// nothing more. The way on is the sign-in form (of the pending request, if known).
fn ended(state: &AppState, status: StatusCode, message: &str, cont: &Continuation) -> Response {
    let ui = Ui::current();
    let login = urls::login(cont);
    let mut r = error_page_with(
        status,
        &ui.t("login-code-ended-title"),
        message,
        None,
        Some((&login, &ui.t("back-to-sign-in"))),
    );
    let jar = Jar::new(state, [crate::signin::SetCookie::ClearTwoStep]);
    for c in jar {
        r.headers_mut().append(axum::http::header::SET_COOKIE, c);
    }
    r
}

fn expired(state: &AppState, cont: &Continuation) -> Response {
    let message = Ui::current().t("login-code-expired");
    ended(state, StatusCode::BAD_REQUEST, &message, cont)
}

pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    client: Requester,
    now: Now,
) -> PageResult {
    let browser = signin::browser(&state, &headers);
    let flow = signin::flow(&state, &client, &browser, now);
    // The authorization request it continues must still be this browser's.
    match flow
        .waiting_for_code()
        .await
        .map_err(|e| request_error(&state, e))?
    {
        Some(p) => code_page(&state, &headers, StatusCode::OK, None, &p).await,
        None => Ok(expired(&state, &Continuation::default())),
    }
}

/// The sign-in waiting for its code in this browser (the request it continues must
/// still be this browser's), or the page that says it is over.
async fn waiting(
    state: &AppState,
    flow: &crate::signin::Flow<'_>,
) -> Result<Result<Pending, Response>, PageError> {
    match flow
        .waiting_for_code()
        .await
        .map_err(|e| request_error(state, e))?
    {
        Some(p) => Ok(Ok(p)),
        None => Ok(Err(expired(state, &Continuation::default()))),
    }
}

/// `POST /login/code/passkey`: "Use a passkey", a ceremony for the waiting sign-in's
/// account and this sign-in only, as JSON.
pub async fn passkey_options(
    State(state): State<AppState>,
    headers: HeaderMap,
    client: Requester,
    now: Now,
    CsrfForm(_): CsrfForm<CodeForm>,
) -> PageResult {
    let pending = {
        let browser = signin::browser(&state, &headers);
        match waiting(&state, &signin::flow(&state, &client, &browser, now)).await? {
            Ok(p) => p,
            Err(over) => return Ok(over),
        }
    };
    let services = state.account(now.0);
    let owner = pending.ceremony_owner();
    let options = passkeys::second_step_options(&services, pending.user_id(), &owner).await?;
    Ok(passkey_json(options))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CodeForm {
    code: String,
    /// "Use a passkey": its ceremony and the browser's answer.
    ceremony: String,
    credential: String,
}

pub async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    client: Requester,
    now: Now,
    CsrfForm(f): CsrfForm<CodeForm>,
) -> PageResult {
    let browser = signin::browser(&state, &headers);
    let flow = signin::flow(&state, &client, &browser, now);
    // The request it continues must still be this browser's; checked before a try
    // is spent or a session made.
    let pending = match waiting(&state, &flow).await? {
        Ok(p) => p,
        Err(over) => return Ok(over),
    };
    let ui = Ui::current();
    let cont = pending.continuation().clone();
    let again = pending.clone();
    let answer = if f.credential.is_empty() {
        Answer::Code(&f.code)
    } else {
        Answer::Passkey {
            ceremony: &f.ceremony,
            credential: &f.credential,
        }
    };
    let wrong = if f.credential.is_empty() {
        "login-code-wrong"
    } else {
        "passkey-second-step-wrong"
    };
    Ok(match flow.second_factor(pending, answer).await? {
        CodeStep::Done(outcome) => {
            signin::respond(&state, &headers, outcome, || expired(&state, &cont))
        }
        CodeStep::Expired => expired(&state, &cont),
        CodeStep::Throttled(wait) => {
            let message = ui.t1("login-code-too-many", "seconds", wait);
            let status = StatusCode::TOO_MANY_REQUESTS;
            let r = code_page(&state, &headers, status, Some(&message), &again).await?;
            with_retry_after(r, wait)
        }
        CodeStep::Wrong { last: true } => ended(
            &state,
            StatusCode::UNAUTHORIZED,
            &ui.t("login-code-last"),
            &cont,
        ),
        CodeStep::Wrong { last: false } => {
            let status = StatusCode::UNAUTHORIZED;
            code_page(&state, &headers, status, Some(&ui.t(wrong)), &again).await?
        }
    })
}
