//! What the passkey ceremonies of the pages share: the options as JSON for the
//! page's script, and a refused answer in words.

use super::{state::AppState, ui::Ui, urls};
use crate::{
    account::passkeys::Problem,
    signin::{Continuation, Destination},
    store::users::User,
};
use axum::{
    Json,
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};

/// A ceremony's options for the page's script, or a 404 when this server has no
/// passkeys.
pub fn passkey_json(options: Result<serde_json::Value, Problem>) -> Response {
    match options {
        Ok(v) => ([(header::CACHE_CONTROL, "no-store")], Json(v)).into_response(),
        Err(p) => (
            StatusCode::NOT_FOUND,
            Json(serde_json::json!({ "error": p.message_id() })),
        )
            .into_response(),
    }
}

/// The status and words for a refused passkey answer.
pub fn passkey_problem(ui: &Ui, problem: Problem) -> (StatusCode, String) {
    use Problem as P;
    let status = match problem {
        P::Throttled(_) => StatusCode::TOO_MANY_REQUESTS,
        P::Expired | P::Off => StatusCode::BAD_REQUEST,
        P::Refused | P::Unknown | P::Taken | P::PossibleClone => StatusCode::UNAUTHORIZED,
    };
    let message = match problem {
        P::Throttled(s) => ui.t1(problem.message_id(), "seconds", s),
        _ => ui.t(problem.message_id()),
    };
    (status, message)
}

/// Onward along `cont` from the end of onboarding, through "Sign in faster next
/// time" when it is still to be offered.
pub async fn onward_offering(
    state: &AppState,
    user: &User,
    now: i64,
    cont: &Continuation,
) -> anyhow::Result<String> {
    // As after a sign-in: not on the way to an app.
    let for_app = !cont.uid().is_empty();
    let offer = !for_app && crate::signin::passkey_to_offer(&state.account(now), user).await?;
    Ok(if offer {
        urls::destination(&Destination::PasskeyOffer(cont.clone()))
    } else {
        urls::onward(cont)
    })
}
