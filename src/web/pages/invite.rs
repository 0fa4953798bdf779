//! `/invite`: the link from a team invitation. Works for someone signed in (accept
//! with the current account) and for someone new (sign in or create an account,
//! then come back here).

use super::prelude::*;
use crate::{
    account::teams::{self, Renewal},
    crypto,
    web::ui::Ui,
};

#[derive(Template)]
#[template(path = "invite.html")]
struct InvitePage<'a> {
    ui: Ui,
    csrf: &'a str,
    token: &'a str,
    team: &'a str,
    account: Option<&'a str>,
    next_encoded: &'a str,
}

#[derive(Template)]
#[template(path = "invite_expired.html")]
struct ExpiredPage<'a> {
    ui: Ui,
    csrf: &'a str,
    token: &'a str,
    inviter: &'a str,
    team: &'a str,
}

fn invalid() -> Response {
    let ui = Ui::current();
    error_page(
        StatusCode::BAD_REQUEST,
        &ui.t("invite-invalid-title"),
        &ui.t("invite-invalid"),
    )
}

/// The invitation's token, from the link (and the form that accepts it).
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Invitation {
    token: String,
}

pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    Now(now): Now,
    me: Option<SignedIn>,
    Query(Invitation { token }): Query<Invitation>,
) -> PageResult {
    let (csrf, cookie) = csrf::token(&state, &headers);
    let store = state.store();
    let hash = crypto::token_hash(&token);
    let Some(invite) = store.invite(&hash, now).await? else {
        return expired(&state, &hash, now, (&csrf, cookie), &token).await;
    };
    let next = urls::encode(&urls::invitation(&token));
    Ok(page(
        StatusCode::OK,
        &InvitePage {
            ui: Ui::current(),
            csrf: &csrf,
            token: &token,
            team: &invite.team_name,
            account: me.as_ref().map(|s| s.user.email.as_str()),
            next_encoded: &next,
        },
        cookie,
    ))
}

pub async fn accept(
    State(state): State<AppState>,
    Now(now): Now,
    me: Option<SignedIn>,
    CsrfForm(Invitation { token }): CsrfForm<Invitation>,
) -> PageResult {
    let Some(me) = me else {
        return Ok(see_other(&urls::login_then(&urls::invitation(&token)), []));
    };
    match state
        .store()
        .accept_invite(&crypto::token_hash(&token), &me.user.id, now)
        .await?
    {
        Some(team_id) => {
            tracing::info!(team = %team_id, user = %me.user.id, "invitation accepted");
            Ok(see_other(&urls::team(&team_id), []))
        }
        None => Ok(invalid()),
    }
}

/// An expired invitation offers "Ask for a new invitation" (its sender is told);
/// any other unusable link says plainly what may have happened.
async fn expired(
    state: &AppState,
    hash: &str,
    now: i64,
    (csrf, cookie): (&str, Option<axum::http::HeaderValue>),
    token: &str,
) -> PageResult {
    let store = state.store();
    let Some(invite) = store.expired_invite(hash, now).await? else {
        return Ok(invalid());
    };
    let Some(inviter) = store.user_by_id(&invite.inviter_id).await? else {
        return Ok(invalid());
    };
    let name = inviter.name.unwrap_or(inviter.username);
    let form = ExpiredPage {
        ui: Ui::current(),
        csrf,
        token,
        inviter: &name,
        team: &invite.team_name,
    };
    Ok(page(StatusCode::GONE, &form, cookie))
}

/// `POST /invite/renew`: "Ask for a new invitation".
pub async fn renew(
    State(state): State<AppState>,
    now: Now,
    CsrfForm(Invitation { token }): CsrfForm<Invitation>,
) -> PageResult {
    let ui = Ui::current();
    let (id, inviter, email) = match teams::ask_renewal(&state.account(now.0), &token).await? {
        Renewal::Asked { inviter, email } => ("invite-renewal-asked", inviter, email),
        Renewal::AlreadyAsked { inviter, email } => ("invite-renewal-already", inviter, email),
        Renewal::Unavailable => return Ok(invalid()),
    };
    let (title, message) = (
        ui.t("invite-renewal-asked-title"),
        ui.t2(id, "inviter", inviter, "email", email),
    );
    let home = ui.t("error-back-home");
    let to = MessagePage::new(&title, &message, Some(("/", &home)));
    Ok(page(StatusCode::OK, &to, []))
}
