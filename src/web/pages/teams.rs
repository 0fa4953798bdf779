//! `/teams`: the teams of the signed-in account; create one, invite people, see
//! members, remove them (owner) or leave (member).

use super::field;
use crate::{
    account::teams,
    app::AppState,
    oidc::params::Params,
    store::teams::{Member, TeamMembership},
    web::{
        menu::{Menu, SignedIn, require},
        render::{PageError, PageResult, page, see_other, too_many},
    },
};
use askama::Template;
use axum::{
    body::Bytes,
    extract::{Path, RawQuery, State},
    http::{HeaderMap, StatusCode},
    response::Response,
};

#[derive(Template)]
#[template(path = "teams.html")]
struct TeamsPage<'a> {
    menu: &'a Menu,
    teams: Vec<TeamMembership>,
    error: Option<&'a str>,
}

#[derive(Template)]
#[template(path = "team.html")]
struct TeamPage<'a> {
    menu: &'a Menu,
    team: TeamMembership,
    members: Vec<Member>,
    is_owner: bool,
    notice: Option<&'a str>,
    error: Option<&'a str>,
}

async fn signed_in(state: &AppState, headers: &HeaderMap) -> Result<SignedIn, Response> {
    require(state, headers, "/teams").await
}

macro_rules! signed_in_or_return {
    ($state:expr, $headers:expr) => {
        match signed_in(&$state, &$headers).await {
            Ok(s) => s,
            Err(r) => return Ok(r),
        }
    };
}

/// The answer when invitations were not sent: 429 with `Retry-After` when the
/// account is over its invitation allowance (see `account::teams`).
pub(super) fn not_invited(e: teams::InviteError) -> PageResult {
    match e {
        teams::InviteError::TooMany(wait) => Ok(too_many(wait)),
        teams::InviteError::Failed(e) => Err(e.into()),
    }
}

async fn list(
    state: &AppState,
    s: &SignedIn,
    status: StatusCode,
    error: Option<&str>,
) -> PageResult {
    let teams = state.store().user_teams(&s.user.id).await?;
    Ok(page(
        status,
        &TeamsPage {
            menu: &s.menu,
            teams,
            error,
        },
        s.cookie.clone(),
    ))
}

pub async fn index(State(state): State<AppState>, headers: HeaderMap) -> PageResult {
    let s = signed_in_or_return!(state, headers);
    list(&state, &s, StatusCode::OK, None).await
}

pub async fn create(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> PageResult {
    let (s, f) = super::signed_in_form!(state, headers, body, "/teams");
    let name = field(&f, "team").unwrap_or_default().trim();
    if let Some(p) = teams::team_name_problem(name) {
        return list(&state, &s, StatusCode::BAD_REQUEST, Some(p)).await;
    }
    let emails = match teams::parse_invites(field(&f, "invites").unwrap_or_default()) {
        Ok(e) => e,
        Err(m) => return list(&state, &s, StatusCode::BAD_REQUEST, Some(&m)).await,
    };
    match teams::create(&state.account(), &s.user, name, &emails).await {
        Ok(id) => Ok(see_other(&format!("/teams/{id}"), [])),
        Err(e) => not_invited(e),
    }
}

/// The team if the signed-in person is in it; a 404 page otherwise.
async fn membership(state: &AppState, s: &SignedIn, id: &str) -> Result<TeamMembership, PageError> {
    state
        .store()
        .team_for_member(id, &s.user.id)
        .await?
        .ok_or_else(|| {
            PageError::NotFound("You are not a member of this team, or it does not exist.".into())
        })
}

async fn team_page(
    state: &AppState,
    s: &SignedIn,
    team: TeamMembership,
    status: StatusCode,
    notice: Option<&str>,
    error: Option<&str>,
) -> PageResult {
    let members = state.store().team_members(&team.id).await?;
    let is_owner = team.role == "owner";
    Ok(page(
        status,
        &TeamPage {
            menu: &s.menu,
            team,
            members,
            is_owner,
            notice,
            error,
        },
        s.cookie.clone(),
    ))
}

pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> PageResult {
    let s = signed_in_or_return!(state, headers);
    let team = membership(&state, &s, &id).await?;
    let q = Params::parse(q.unwrap_or_default().as_bytes());
    let notice = (field(&q, "done") == Some("invited")).then_some("Invitations sent.");
    team_page(&state, &s, team, StatusCode::OK, notice, None).await
}

pub async fn invite(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> PageResult {
    let (s, f) = super::signed_in_form!(state, headers, body, "/teams");
    let team = membership(&state, &s, &id).await?;
    if team.role != "owner" {
        return Err(PageError::Forbidden(
            "Only the team's owner can invite people.".into(),
        ));
    }
    let emails = match teams::parse_invites(field(&f, "invites").unwrap_or_default()) {
        Ok(e) if e.is_empty() => {
            return team_page(
                &state,
                &s,
                team,
                StatusCode::BAD_REQUEST,
                None,
                Some("Enter at least one email address."),
            )
            .await;
        }
        Ok(e) => e,
        Err(m) => {
            return team_page(&state, &s, team, StatusCode::BAD_REQUEST, None, Some(&m)).await;
        }
    };
    if let Err(e) = teams::invite(&state.account(), &team.id, &team.name, &s.user, &emails).await {
        return not_invited(e);
    }
    Ok(see_other(&format!("/teams/{}?done=invited", team.id), []))
}

pub async fn remove(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> PageResult {
    let (s, f) = super::signed_in_form!(state, headers, body, "/teams");
    let team = membership(&state, &s, &id).await?;
    if team.role != "owner" {
        return Err(PageError::Forbidden(
            "Only the team's owner can remove members.".into(),
        ));
    }
    state
        .store()
        .remove_member(&team.id, field(&f, "user").unwrap_or_default())
        .await?;
    Ok(see_other(&format!("/teams/{}", team.id), []))
}

pub async fn leave(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> PageResult {
    let (s, _) = super::signed_in_form!(state, headers, body, "/teams");
    let team = membership(&state, &s, &id).await?;
    if !state.store().remove_member(&team.id, &s.user.id).await? {
        return Err(PageError::BadRequest(
            "The owner cannot leave the team.".into(),
        ));
    }
    Ok(see_other("/teams", []))
}
