//! Onboarding after the first sign-in: the profile ("Name", "Photo", "Continue"),
//! then the optional team ("Team name", "Invite people", "Continue", "Maybe Later").
//! Both carry the sign-in's continuation, and end by going on to it.

use super::prelude::*;
use crate::{
    account::{profile, teams},
    web::{extract::CsrfUpload, passkey::onward_offering, signin::Carried, ui::Ui},
};

#[derive(Template)]
#[template(path = "onboarding_profile.html")]
struct ProfilePage<'a> {
    ui: Ui,
    csrf: &'a str,
    uid: &'a str,
    next: &'a str,
    name: &'a str,
    error: Option<&'a str>,
}

#[derive(Template)]
#[template(path = "onboarding_team.html")]
struct TeamPage<'a> {
    ui: Ui,
    csrf: &'a str,
    uid: &'a str,
    next: &'a str,
    team: &'a str,
    invites: &'a str,
    error: Option<&'a str>,
}

/// Once onboarding is done, its pages and forms act no more: they send the person
/// on to where they were going (so nothing, invitations included, is sent twice).
fn done(s: &SignedIn, cont: &Continuation) -> Option<Response> {
    s.user
        .onboarded_at
        .is_some()
        .then(|| see_other(&urls::onward(cont), []))
}

fn profile_page(
    s: &SignedIn,
    status: StatusCode,
    cont: &Continuation,
    name: &str,
    error: Option<&str>,
) -> Response {
    let p = ProfilePage {
        ui: Ui::current(),
        csrf: &s.menu.csrf,
        uid: cont.uid(),
        next: cont.next(),
        name,
        error,
    };
    page(status, &p, s.cookie.clone())
}

pub async fn profile(s: SignedIn, Query(q): Query<Carried>) -> PageResult {
    let cont = q.continuation();
    if let Some(r) = done(&s, &cont) {
        return Ok(r);
    }
    let name = s.user.name.clone().unwrap_or_default();
    Ok(profile_page(&s, StatusCode::OK, &cont, &name, None))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ProfileForm {
    uid: String,
    next: String,
    name: String,
}

pub async fn profile_submit(
    State(state): State<AppState>,
    s: SignedIn,
    CsrfUpload(upload): CsrfUpload<ProfileForm>,
) -> PageResult {
    let up = match upload {
        Ok(u) => u,
        Err(_) if s.user.onboarded_at.is_some() => return Ok(see_other("/", [])),
        Err(e) => {
            let (status, cont) = (StatusCode::BAD_REQUEST, Continuation::default());
            let message = Ui::current().t(e.message_id());
            return Ok(profile_page(&s, status, &cont, "", Some(&message)));
        }
    };
    let f = up.fields;
    let cont = Continuation::new(&f.uid, &f.next);
    if let Some(r) = done(&s, &cont) {
        return Ok(r);
    }
    let saved = profile::save(&state.account(s.now), &s.user.id, &f.name, up.photo).await;
    if let Err(e) = saved {
        let (status, message) = (StatusCode::BAD_REQUEST, Ui::current().t(e.message_id()));
        return Ok(profile_page(&s, status, &cont, &f.name, Some(&message)));
    }
    // Without teams, the profile is the whole of onboarding.
    if !state.config.onboarding.teams {
        state.store().set_onboarded(&s.user.id, s.now).await?;
        let to = onward_offering(&state, &s.user, s.now, &cont).await?;
        return Ok(see_other(&to, []));
    }
    Ok(see_other(&urls::onboarding_team(&cont), []))
}

struct TeamView<'a> {
    cont: &'a Continuation,
    team: &'a str,
    invites: &'a str,
}

fn team_page(s: &SignedIn, status: StatusCode, v: TeamView<'_>, error: Option<&str>) -> Response {
    let p = TeamPage {
        ui: Ui::current(),
        csrf: &s.menu.csrf,
        uid: v.cont.uid(),
        next: v.cont.next(),
        team: v.team,
        invites: v.invites,
        error,
    };
    page(status, &p, s.cookie.clone())
}

pub async fn team(s: SignedIn, Query(q): Query<Carried>) -> PageResult {
    let cont = q.continuation();
    if let Some(r) = done(&s, &cont) {
        return Ok(r);
    }
    let view = TeamView {
        cont: &cont,
        team: "",
        invites: "",
    };
    Ok(team_page(&s, StatusCode::OK, view, None))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct TeamForm {
    uid: String,
    next: String,
    team: String,
    invites: String,
    action: String,
}

pub async fn team_submit(
    State(state): State<AppState>,
    s: SignedIn,
    CsrfForm(f): CsrfForm<TeamForm>,
) -> PageResult {
    let cont = Continuation::new(&f.uid, &f.next);
    if let Some(r) = done(&s, &cont) {
        return Ok(r);
    }
    let onward = see_other(&onward_offering(&state, &s.user, s.now, &cont).await?, []);
    let team = f.team.trim();
    let skip = f.action == "skip" || (team.is_empty() && f.invites.trim().is_empty());
    let store = state.store();
    if skip {
        store.set_onboarded(&s.user.id, s.now).await?;
        return Ok(onward);
    }
    let again = |msg: &str| {
        let view = TeamView {
            cont: &cont,
            team,
            invites: &f.invites,
        };
        Ok(team_page(&s, StatusCode::BAD_REQUEST, view, Some(msg)))
    };
    let ui = Ui::current();
    if let Some(p) = teams::team_name_problem(team) {
        return again(&ui.t(p));
    }
    let emails = match teams::parse_invites(&f.invites) {
        Ok(e) => e,
        Err(p) => return again(&ui.tr.with(p.message_id(), &p.args())),
    };
    // Onboarding ends here, once: of concurrent submissions only the first goes
    // on to create the team, so this form sends its invitations at most once.
    if !store.set_onboarded(&s.user.id, s.now).await? {
        return Ok(onward);
    }
    match teams::create(&state.account(s.now), &s.user, team, &emails).await {
        Ok(_) => Ok(onward),
        // Onboarding is over either way; say what did not happen and lead on.
        Err(teams::InviteError::TooMany(wait)) => {
            let title = ui.t("onboarding-team-not-created-title");
            let message = ui.t("onboarding-team-not-created");
            let (to, label) = (urls::onward(&cont), ui.t("continue"));
            let said = MessagePage::new(&title, &message, Some((&to, &label)));
            let answer = page(StatusCode::TOO_MANY_REQUESTS, &said, []);
            Ok(with_retry_after(answer, wait))
        }
        Err(teams::InviteError::Failed(e)) => Err(e.into()),
    }
}
