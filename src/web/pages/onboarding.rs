//! Onboarding after the first sign-in: the profile ("Name", "Photo", "Continue"),
//! then the optional team ("Team name", "Invite people", "Continue", "Maybe Later").

use super::{field, form, login::continue_to};
use crate::{
    account::{avatar, teams},
    app::AppState,
    oidc::{now, params::Params},
    web::{
        csrf,
        menu::{SignedIn, encode, require, safe_next},
        render::{MessagePage, PageResult, csrf_failed, page, see_other, with_retry_after},
        upload,
    },
};
use askama::Template;
use axum::{
    body::Bytes,
    extract::{Multipart, RawQuery, State, multipart::MultipartRejection},
    http::{HeaderMap, StatusCode},
    response::Response,
};

#[derive(Template)]
#[template(path = "onboarding_profile.html")]
struct ProfilePage<'a> {
    csrf: &'a str,
    uid: &'a str,
    next: &'a str,
    name: &'a str,
    error: Option<&'a str>,
}

#[derive(Template)]
#[template(path = "onboarding_team.html")]
struct TeamPage<'a> {
    csrf: &'a str,
    uid: &'a str,
    next: &'a str,
    team: &'a str,
    invites: &'a str,
    error: Option<&'a str>,
}

/// The uid and next carried through the steps.
fn carried(p: &Params) -> (String, String) {
    let uid = field(p, "uid").unwrap_or_default().to_string();
    let next = field(p, "next")
        .and_then(safe_next)
        .unwrap_or_default()
        .to_string();
    (uid, next)
}

/// Once onboarding is done, its pages and forms act no more: they send the person
/// on to where they were going (so nothing, invitations included, is sent twice).
fn done(s: &SignedIn, uid: &str, next: &str) -> Option<Response> {
    s.user
        .onboarded_at
        .is_some()
        .then(|| see_other(&continue_to(uid, next), []))
}

fn query(q: Option<String>) -> Params {
    Params::parse(q.unwrap_or_default().as_bytes())
}

fn profile_page(
    s: &SignedIn,
    status: StatusCode,
    uid: &str,
    next: &str,
    name: &str,
    error: Option<&str>,
) -> Response {
    let p = ProfilePage {
        csrf: &s.menu.csrf,
        uid,
        next,
        name,
        error,
    };
    page(status, &p, s.cookie.clone())
}

pub async fn profile(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> PageResult {
    let s = match require(&state, &headers, "/onboarding/profile").await {
        Ok(s) => s,
        Err(r) => return Ok(r),
    };
    let (uid, next) = carried(&query(q));
    if let Some(r) = done(&s, &uid, &next) {
        return Ok(r);
    }
    let name = s.user.name.clone().unwrap_or_default();
    Ok(profile_page(&s, StatusCode::OK, &uid, &next, &name, None))
}

/// Saves name and photo; the photo is checked first so a bad one saves nothing.
pub async fn save_profile(
    state: &AppState,
    s: &SignedIn,
    name: &str,
    photo: Option<Vec<u8>>,
) -> Result<(), String> {
    let name = name.trim();
    if name.chars().count() > 100 || name.chars().any(char::is_control) {
        return Err("Use at most 100 characters for your name.".into());
    }
    let png = match photo {
        None => None,
        Some(bytes) => Some(
            avatar::process_limited(bytes)
                .await
                .map_err(|e| e.to_string())?,
        ),
    };
    let store = state.store();
    let result = async {
        if let Some(png) = png {
            store.set_avatar(&s.user.id, &png, now()).await?;
        }
        store
            .set_name(&s.user.id, (!name.is_empty()).then_some(name), now())
            .await
    }
    .await;
    result.map_err(|e| {
        tracing::error!(error = %e, "saving a profile failed");
        "Your profile could not be saved. Try again.".to_string()
    })
}

pub async fn profile_submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    mp: Result<Multipart, MultipartRejection>,
) -> PageResult {
    let s = match require(&state, &headers, "/onboarding/profile").await {
        Ok(s) => s,
        Err(r) => return Ok(r),
    };
    let up = match upload::read(mp, "photo").await {
        Ok(u) => u,
        Err(_) if s.user.onboarded_at.is_some() => return Ok(see_other("/", [])),
        Err(e) => {
            return Ok(profile_page(
                &s,
                StatusCode::BAD_REQUEST,
                "",
                "",
                "",
                Some(&e.to_string()),
            ));
        }
    };
    if !csrf::verify(&state, &headers, field(&up.fields, "csrf")) {
        return Err(csrf_failed());
    }
    let (uid, next) = carried(&up.fields);
    if let Some(r) = done(&s, &uid, &next) {
        return Ok(r);
    }
    let name = field(&up.fields, "name").unwrap_or_default();
    if let Err(message) = save_profile(&state, &s, name, up.file).await {
        return Ok(profile_page(
            &s,
            StatusCode::BAD_REQUEST,
            &uid,
            &next,
            name,
            Some(&message),
        ));
    }
    Ok(see_other(
        &format!(
            "/onboarding/team?uid={}&next={}",
            encode(&uid),
            encode(&next)
        ),
        [],
    ))
}

fn team_page(
    s: &SignedIn,
    status: StatusCode,
    uid: &str,
    next: &str,
    team: &str,
    invites: &str,
    error: Option<&str>,
) -> Response {
    let p = TeamPage {
        csrf: &s.menu.csrf,
        uid,
        next,
        team,
        invites,
        error,
    };
    page(status, &p, s.cookie.clone())
}

pub async fn team(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> PageResult {
    let s = match require(&state, &headers, "/onboarding/team").await {
        Ok(s) => s,
        Err(r) => return Ok(r),
    };
    let (uid, next) = carried(&query(q));
    if let Some(r) = done(&s, &uid, &next) {
        return Ok(r);
    }
    Ok(team_page(&s, StatusCode::OK, &uid, &next, "", "", None))
}

pub async fn team_submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> PageResult {
    let s = match require(&state, &headers, "/onboarding/team").await {
        Ok(s) => s,
        Err(r) => return Ok(r),
    };
    let f = form(&body);
    let (uid, next) = carried(&f);
    if let Some(r) = done(&s, &uid, &next) {
        return Ok(r);
    }
    if !csrf::verify(&state, &headers, field(&f, "csrf")) {
        return Err(csrf_failed());
    }
    let onward = see_other(&continue_to(&uid, &next), []);
    let team = field(&f, "team").unwrap_or_default().trim();
    let invites = field(&f, "invites").unwrap_or_default();
    let skip =
        field(&f, "action") == Some("skip") || (team.is_empty() && invites.trim().is_empty());
    if skip {
        state.store().set_onboarded(&s.user.id, now()).await?;
        return Ok(onward);
    }
    let again = |msg: &str| {
        Ok(team_page(
            &s,
            StatusCode::BAD_REQUEST,
            &uid,
            &next,
            team,
            invites,
            Some(msg),
        ))
    };
    if let Some(p) = teams::team_name_problem(team) {
        return again(p);
    }
    let emails = match teams::parse_invites(invites) {
        Ok(e) => e,
        Err(m) => return again(&m),
    };
    // Onboarding ends here, once: of concurrent submissions only the first goes
    // on to create the team, so this form sends its invitations at most once.
    if !state.store().set_onboarded(&s.user.id, now()).await? {
        return Ok(onward);
    }
    match teams::create(&state.account(), &s.user, team, &emails).await {
        Ok(_) => Ok(onward),
        // Onboarding is over either way; say what did not happen and lead on.
        Err(teams::InviteError::TooMany(wait)) => Ok(with_retry_after(
            page(
                StatusCode::TOO_MANY_REQUESTS,
                &MessagePage {
                    title: "Your team was not created",
                    message: "This account sent many invitations lately. Create the team \
                              later from Teams in the account menu.",
                    link: Some((&continue_to(&uid, &next), "Continue")),
                },
                [],
            ),
            wait,
        )),
        Err(teams::InviteError::Failed(e)) => Err(e.into()),
    }
}
