//! `/invite`: the link from a team invitation. Works for someone signed in (accept
//! with the current account) and for someone new (sign in or create an account,
//! then come back here).

use super::prelude::*;
use crate::{crypto, web::ui::Ui};

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
    let Some(invite) = state
        .store()
        .invite(&crypto::token_hash(&token), now)
        .await?
    else {
        return Ok(invalid());
    };
    let (csrf, cookie) = csrf::token(&state, &headers);
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
