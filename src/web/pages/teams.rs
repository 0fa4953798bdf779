//! `/teams`: the teams of the signed-in account; create one, invite people, see
//! members, remove them (owner) or leave (member).

use super::prelude::*;
use crate::{
    account::teams,
    store::teams::{Member, TeamMembership},
    web::{menu::Menu, ui::Ui},
};
use axum::extract::Path;

#[derive(Template)]
#[template(path = "teams.html")]
struct TeamsPage<'a> {
    ui: Ui,
    menu: &'a Menu,
    teams: Vec<TeamMembership>,
    error: Option<&'a str>,
}

#[derive(Template)]
#[template(path = "team.html")]
struct TeamPage<'a> {
    ui: Ui,
    menu: &'a Menu,
    team: TeamMembership,
    members: Vec<Member>,
    is_owner: bool,
    notice: Option<&'a str>,
    error: Option<&'a str>,
}

/// A form with no fields of its own (the CSRF token only).
#[derive(Deserialize)]
pub struct Empty {}

/// "Invite people" in the request's language, when it is not a list of addresses.
fn invites_problem(p: &teams::InvitesProblem) -> String {
    Ui::current().tr.with(p.message_id(), &p.args())
}

/// The answer when invitations were not sent: 429 with `Retry-After` when the
/// account is over its invitation allowance (see `account::teams`).
fn not_invited(e: teams::InviteError) -> PageResult {
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
            ui: Ui::current(),
            menu: &s.menu,
            teams,
            error,
        },
        s.cookie.clone(),
    ))
}

pub async fn index(State(state): State<AppState>, s: SignedIn) -> PageResult {
    list(&state, &s, StatusCode::OK, None).await
}

/// "Team name" and "Invite people" (one address per line or comma).
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NewTeam {
    team: String,
    invites: String,
}

pub async fn create(
    State(state): State<AppState>,
    s: SignedIn,
    CsrfForm(f): CsrfForm<NewTeam>,
) -> PageResult {
    let name = f.team.trim();
    if let Some(p) = teams::team_name_problem(name) {
        let message = Ui::current().t(p);
        return list(&state, &s, StatusCode::BAD_REQUEST, Some(&message)).await;
    }
    let emails = match teams::parse_invites(&f.invites) {
        Ok(e) => e,
        Err(p) => {
            let message = invites_problem(&p);
            return list(&state, &s, StatusCode::BAD_REQUEST, Some(&message)).await;
        }
    };
    match teams::create(&state.account(s.now), &s.user, name, &emails).await {
        Ok(id) => Ok(see_other(&urls::team(&id), [])),
        Err(e) => not_invited(e),
    }
}

/// The team if the signed-in person is in it; a 404 page otherwise.
async fn membership(state: &AppState, s: &SignedIn, id: &str) -> Result<TeamMembership, PageError> {
    state
        .store()
        .team_for_member(id, &s.user.id)
        .await?
        .ok_or_else(|| PageError::NotFound(Ui::current().t("teams-not-member")))
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
            ui: Ui::current(),
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

/// `?done=invited` after invitations were sent.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Done {
    done: String,
}

pub async fn show(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<String>,
    Query(q): Query<Done>,
) -> PageResult {
    let team = membership(&state, &s, &id).await?;
    let notice = (q.done == "invited").then(|| Ui::current().t("team-invited"));
    team_page(&state, &s, team, StatusCode::OK, notice.as_deref(), None).await
}

/// "Invite people" on a team's page.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Invites {
    invites: String,
}

pub async fn invite(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<Invites>,
) -> PageResult {
    let team = membership(&state, &s, &id).await?;
    if team.role != "owner" {
        return Err(PageError::Forbidden(
            Ui::current().t("team-owner-only-invite"),
        ));
    }
    let emails = match teams::parse_invites(&f.invites) {
        Ok(e) if e.is_empty() => {
            let message = Ui::current().t("team-no-invites");
            let status = StatusCode::BAD_REQUEST;
            return team_page(&state, &s, team, status, None, Some(&message)).await;
        }
        Ok(e) => e,
        Err(p) => {
            let message = invites_problem(&p);
            let status = StatusCode::BAD_REQUEST;
            return team_page(&state, &s, team, status, None, Some(&message)).await;
        }
    };
    if let Err(e) = teams::invite(
        &state.account(s.now),
        &team.id,
        &team.name,
        &s.user,
        &emails,
    )
    .await
    {
        return not_invited(e);
    }
    Ok(see_other(
        &format!("{}?done=invited", urls::team(&team.id)),
        [],
    ))
}

/// The member to remove.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Remove {
    user: String,
}

pub async fn remove(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<Remove>,
) -> PageResult {
    let team = membership(&state, &s, &id).await?;
    if team.role != "owner" {
        return Err(PageError::Forbidden(
            Ui::current().t("team-owner-only-remove"),
        ));
    }
    state.store().remove_member(&team.id, &f.user).await?;
    Ok(see_other(&urls::team(&team.id), []))
}

pub async fn leave(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<Empty>,
) -> PageResult {
    let team = membership(&state, &s, &id).await?;
    if !state.store().remove_member(&team.id, &s.user.id).await? {
        return Err(PageError::BadRequest(
            Ui::current().t("team-owner-cannot-leave"),
        ));
    }
    Ok(see_other("/teams", []))
}
