//! `/login/code`: the "Code" step of a sign-in with two-step verification, which
//! every way of signing in (password, upstream) goes through. The flow's
//! `second_factor` decides; this page asks and answers.

use super::prelude::*;
use crate::{
    signin::second_factor::CodeStep,
    web::render::error_page_with,
    web::{
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
}

fn code_page(
    state: &AppState,
    headers: &HeaderMap,
    status: StatusCode,
    error: Option<&str>,
    cont: &Continuation,
) -> Response {
    let (csrf, cookie) = csrf::token(state, headers);
    let code_page = CodePage {
        ui: Ui::current(),
        csrf: &csrf,
        error,
        login: &urls::login(cont),
    };
    page(status, &code_page, cookie)
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
        Some(p) => Ok(code_page(
            &state,
            &headers,
            StatusCode::OK,
            None,
            p.continuation(),
        )),
        None => Ok(expired(&state, &Continuation::default())),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CodeForm {
    code: String,
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
    let Some(pending) = flow
        .waiting_for_code()
        .await
        .map_err(|e| request_error(&state, e))?
    else {
        return Ok(expired(&state, &Continuation::default()));
    };
    let ui = Ui::current();
    let cont = pending.continuation().clone();
    Ok(match flow.second_factor(pending, &f.code).await? {
        CodeStep::Done(outcome) => {
            signin::respond(&state, &headers, outcome, || expired(&state, &cont))
        }
        CodeStep::Expired => expired(&state, &cont),
        CodeStep::Throttled(wait) => with_retry_after(
            code_page(
                &state,
                &headers,
                StatusCode::TOO_MANY_REQUESTS,
                Some(&ui.t1("login-code-too-many", "seconds", wait)),
                &cont,
            ),
            wait,
        ),
        CodeStep::Wrong { last: true } => ended(
            &state,
            StatusCode::UNAUTHORIZED,
            &ui.t("login-code-last"),
            &cont,
        ),
        CodeStep::Wrong { last: false } => code_page(
            &state,
            &headers,
            StatusCode::UNAUTHORIZED,
            Some(&ui.t("login-code-wrong")),
            &cont,
        ),
    })
}
