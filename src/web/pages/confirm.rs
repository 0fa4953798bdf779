//! `/confirm`: the link from a confirmation or email-change message. Opening it shows
//! a button; the POST uses the link (so mail scanners that fetch links do not).
//! `/confirm/resend`: a new link for an account that signed in before confirming.

use super::prelude::*;
use crate::{
    account::{Services, links},
    auth::throttle::{Key, Kind},
    crypto,
    signin::{ConfirmFirst, sealed::SealedState},
    store::email_tokens::{self, EmailToken, LinkUse},
    web::{render::check_your_email, ui::Ui},
};

#[derive(Template)]
#[template(path = "confirm.html")]
struct ConfirmPage<'a> {
    ui: Ui,
    csrf: &'a str,
    token: &'a str,
    next: &'a str,
}

fn invalid() -> Response {
    let ui = Ui::current();
    error_page(
        StatusCode::BAD_REQUEST,
        &ui.t("confirm-invalid-title"),
        &ui.t("confirm-invalid"),
    )
}

fn superseded() -> Response {
    let ui = Ui::current();
    error_page(
        StatusCode::BAD_REQUEST,
        &ui.t("confirm-superseded-title"),
        &ui.t("confirm-superseded"),
    )
}

/// The record of a confirmed address; after a change, the old address is told, so
/// a hijacked account does not change hands silently. The change is done either
/// way: a mail failure is only logged.
async fn after_confirmed(
    services: &Services<'_>,
    client: &Requester,
    t: &EmailToken,
    previous: &str,
) {
    tracing::info!(user = %t.user_id, purpose = %t.purpose, "email confirmed");
    if t.purpose != email_tokens::CHANGE_EMAIL {
        return;
    }
    audit::record_user(services.store, client, event::EMAIL_CHANGED, &t.user_id).await;
    let Ok(Some(user)) = services.store.user_by_id(&t.user_id).await else {
        return;
    };
    if previous != t.email
        && let Err(e) =
            links::send_email_changed(services, previous, &user.username, &t.email).await
    {
        tracing::error!(error = %e, user = %t.user_id, "queueing the email-changed notice failed");
    }
}

/// The link's token and where the account continues afterwards.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Link {
    token: String,
    next: String,
}

pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<Link>,
) -> PageResult {
    let (csrf, cookie) = csrf::token(&state, &headers);
    Ok(page(
        StatusCode::OK,
        &ConfirmPage {
            ui: Ui::current(),
            csrf: &csrf,
            token: &q.token,
            next: safe_next(&q.next).unwrap_or_default(),
        },
        cookie,
    ))
}

pub async fn submit(
    State(state): State<AppState>,
    client: Requester,
    now: Now,
    CsrfForm(f): CsrfForm<Link>,
) -> PageResult {
    let next = safe_next(&f.next).unwrap_or_default();
    let ui = Ui::current();
    let t = match state
        .store()
        .use_email_token(&crypto::token_hash(&f.token), now.0)
        .await?
    {
        LinkUse::Applied { token, previous } => {
            after_confirmed(&state.account(now.0), &client, &token, &previous).await;
            token
        }
        LinkUse::Dead => return Ok(invalid()),
        LinkUse::Superseded => return Ok(superseded()),
        LinkUse::Taken => {
            return Ok(error_page(
                StatusCode::CONFLICT,
                &ui.t("confirm-taken-title"),
                &ui.t("confirm-taken"),
            ));
        }
    };
    let (title, message) = if t.purpose == email_tokens::CHANGE_EMAIL {
        ("confirm-changed-title", "confirm-changed")
    } else {
        ("confirm-done-title", "confirm-done")
    };
    let (title, message, sign_in) = (ui.t(title), ui.t(message), ui.t("confirm-sign-in"));
    let login = urls::login_then(next);
    Ok(page(
        StatusCode::OK,
        &MessagePage::new(&title, &message, Some((&login, &sign_in))),
        [],
    ))
}

/// The sealed "Confirm your email first" reference the page posts back.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Resend {
    pending: String,
}

pub async fn resend(
    State(state): State<AppState>,
    client: Requester,
    now: Now,
    CsrfForm(f): CsrfForm<Resend>,
) -> PageResult {
    // Each resend is a mail: limit them like signups.
    let key = Key::ip(Kind::IpRequests, "resend", client.ip);
    if let Err(wait) = state.throttle.request(state.store(), &[key]).await {
        return Ok(too_many(wait.0));
    }
    let Some(ConfirmFirst(user_id)) = ConfirmFirst::open(&state.provider.master, &f.pending, now.0)
    else {
        let ui = Ui::current();
        return Ok(error_page(
            StatusCode::BAD_REQUEST,
            &ui.t("confirm-resend-expired-title"),
            &ui.t("confirm-resend-expired"),
        ));
    };
    if let Some(user) = state.store().user_by_id(&user_id).await?
        && !user.email_verified
    {
        links::send_confirmation(&state.account(now.0), &user, "").await?;
    }
    Ok(check_your_email(
        &state
            .store()
            .user_by_id(&user_id)
            .await?
            .map(|u| u.email)
            .unwrap_or_default(),
    ))
}
