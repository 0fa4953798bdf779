//! `/confirm`: the link from a confirmation or email-change message. Opening it shows
//! a button; the POST uses the link (so mail scanners that fetch links do not).
//! Pressing it in the browser that signed up signs the account in and goes on
//! (onboarding, the pending request); anywhere else the sign-in form follows, its
//! identifier filled in (`signin::confirmation`).
//! `/confirm/resend`: a new link, from "Confirm your email first" (a sign-in before
//! confirming) or from "Check your email" (after signing up).

use super::prelude::*;
use crate::{
    account::{Services, links},
    auth::throttle::{Key, Kind},
    crypto,
    signin::{
        ConfirmFirst,
        confirmation::{Confirmed, ResendTo},
        sealed::SealedState,
    },
    store::email_tokens::{self, EmailToken, LinkUse},
    web::{
        render::error_page_with,
        signin::{self, check_your_email},
        ui::Ui,
    },
};

#[derive(Template)]
#[template(path = "confirm.html")]
struct ConfirmPage<'a> {
    ui: Ui,
    csrf: &'a str,
    token: &'a str,
    next: &'a str,
}

/// A dead link: signing in is the way to a new one ("Confirm your email first").
fn invalid(next: &str) -> Response {
    let ui = Ui::current();
    let login = urls::login(&Continuation::from_next(next));
    error_page_with(
        StatusCode::BAD_REQUEST,
        &ui.t("confirm-invalid-title"),
        &ui.t("confirm-invalid"),
        None,
        Some((&login, &ui.t("confirm-invalid-sign-in"))),
    )
}

fn superseded() -> Response {
    let ui = Ui::current();
    error_page_with(
        StatusCode::BAD_REQUEST,
        &ui.t("confirm-superseded-title"),
        &ui.t("confirm-superseded"),
        None,
        Some(("/settings", &ui.t("confirm-superseded-settings"))),
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
    headers: HeaderMap,
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
        LinkUse::Dead => return Ok(invalid(next)),
        LinkUse::Superseded => return Ok(superseded()),
        LinkUse::Taken => {
            return Ok(error_page(
                StatusCode::CONFLICT,
                &ui.t("confirm-taken-title"),
                &ui.t("confirm-taken"),
            ));
        }
    };
    if t.purpose == email_tokens::CHANGE_EMAIL {
        let (title, message) = (ui.t("confirm-changed-title"), ui.t("confirm-changed"));
        let settings = ui.t("confirm-superseded-settings");
        return Ok(page(
            StatusCode::OK,
            &MessagePage::new(&title, &message, Some(("/settings", &settings))),
            [],
        ));
    }
    let Some(user) = state.store().user_by_id(&t.user_id).await? else {
        return Ok(invalid(next));
    };
    // The browser that signed up: signed in, and on where the signup was going.
    let cont = Continuation::from_next(next);
    let browser = signin::browser(&state, &headers);
    let flow = signin::flow(&state, &client, &browser, now);
    if let Some(outcome) = flow.after_confirmation(&user, &cont).await? {
        return Ok(signin::respond(&state, &headers, outcome, || {
            let ui = Ui::current();
            error_page(
                StatusCode::FORBIDDEN,
                &ui.t("federate-disabled-title"),
                &ui.t("federate-disabled"),
            )
        }));
    }
    // Another browser: the sign-in form, the username filled in.
    let confirmed = Confirmed(user.username.clone()).seal(&state.provider.master, now.0)?;
    let login = format!(
        "{}&confirmed={}",
        urls::login(&Continuation::new("", next)),
        urls::encode(&confirmed)
    );
    Ok(see_other(&login, []))
}

/// "Resend": the sealed "Confirm your email first" reference (`pending`, with the
/// `next` the link continues to), or the sealed address of "Check your email"
/// (`address`).
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Resend {
    pending: String,
    next: String,
    address: String,
}

fn resend_expired() -> Response {
    let ui = Ui::current();
    error_page_with(
        StatusCode::BAD_REQUEST,
        &ui.t("confirm-resend-expired-title"),
        &ui.t("confirm-resend-expired"),
        None,
        Some(("/login", &ui.t("back-to-sign-in"))),
    )
}

pub async fn resend(
    State(state): State<AppState>,
    headers: HeaderMap,
    client: Requester,
    now: Now,
    CsrfForm(f): CsrfForm<Resend>,
) -> PageResult {
    // Each resend is a mail: limit them like signups.
    let key = Key::ip(Kind::IpRequests, "resend", client.ip);
    if let Err(wait) = state.throttle.request(state.store(), &[key]).await {
        return Ok(too_many(wait.0));
    }
    let master = &state.provider.master;
    if let Some(to) = ResendTo::open(master, &f.address, now.0) {
        return resend_to(&state, &headers, now, to).await;
    }
    let Some(ConfirmFirst(user_id)) = ConfirmFirst::open(master, &f.pending, now.0) else {
        return Ok(resend_expired());
    };
    let next = safe_next(&f.next).unwrap_or_default();
    let Some(user) = state.store().user_by_id(&user_id).await? else {
        return Ok(resend_expired());
    };
    if !user.email_verified {
        links::send_confirmation(&state.account(now.0), &user, next).await?;
    }
    check_your_email(&state, &headers, now, &user.email, next, false)
}

/// "Resend" on "Check your email": a new link when the address belongs to an
/// account waiting for confirmation; the same page, in the same time, for every
/// address (the lookup is made either way, the mail queued off the request path).
async fn resend_to(state: &AppState, headers: &HeaderMap, now: Now, to: ResendTo) -> PageResult {
    // Per address, known or not, so nobody floods an inbox from many addresses.
    let key = Key::account("resend", &to.email);
    if let Err(wait) = state.throttle.request(state.store(), &[key]).await {
        return Ok(too_many(wait.0));
    }
    let next = safe_next(&to.next).unwrap_or_default().to_string();
    let user = state.store().user_by_login(&to.email).await?;
    if let Some(user) = user.filter(|u| !u.email_verified && !u.disabled && u.email == to.email) {
        let state = state.clone();
        let next = next.clone();
        tokio::spawn(async move {
            if let Err(e) = links::send_confirmation(&state.account(now.0), &user, &next).await {
                tracing::error!(error = %e, "queueing a confirmation email failed");
            }
        });
    }
    check_your_email(state, headers, now, &to.email, &next, true)
}
