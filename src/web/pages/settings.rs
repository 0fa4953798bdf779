//! `/settings`: name and photo, email change (confirmed by a link to the new
//! address before it takes effect), password change (asks for the current one),
//! and the account's sessions, each with "Sign out".

use super::{field, onboarding::save_profile};
use crate::web::notice::Notice;
use crate::{
    account::{links, rules},
    app::AppState,
    audit::{self, event},
    oidc::{now, params::Params},
    web::{
        csrf,
        menu::{SignedIn, require},
        render::{PageResult, csrf_failed, page, see_other},
        session, upload,
    },
};
use askama::Template;
use axum::{
    body::Bytes,
    extract::{Multipart, RawQuery, State, multipart::MultipartRejection},
    http::{HeaderMap, StatusCode},
    response::Response,
};

pub struct MethodRow {
    pub name: String,
    pub detail: String,
    pub issuer: String,
    pub subject: String,
}

pub struct SessionRow {
    pub sid: String,
    pub device: String,
    pub signed_in: String,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "settings.html")]
struct SettingsPage<'a> {
    menu: &'a crate::web::menu::Menu,
    username: &'a str,
    name: &'a str,
    email_verified: bool,
    sessions: Vec<SessionRow>,
    has_password: bool,
    methods: Vec<MethodRow>,
    can_unlink: bool,
    notice: Option<&'a str>,
    error: Option<&'a str>,
    two_step: bool,
    recovery_left: i64,
}

/// "Chrome on Linux", from a User-Agent header.
pub fn device(user_agent: Option<&str>) -> String {
    let ua = user_agent.unwrap_or_default();
    let browser = [
        ("Edg/", "Edge"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
    ]
    .iter()
    .find(|(k, _)| ua.contains(k))
    .map_or("A browser", |(_, v)| v);
    let os = [
        ("Android", "Android"),
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Windows", "Windows"),
        ("Mac OS", "macOS"),
        ("Linux", "Linux"),
    ]
    .iter()
    .find(|(k, _)| ua.contains(k))
    .map(|(_, v)| format!(" on {v}"))
    .unwrap_or_default();
    format!("{browser}{os}")
}

fn when(t: i64) -> String {
    let fmt = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
    time::OffsetDateTime::from_unix_timestamp(t)
        .ok()
        .and_then(|d| d.format(&fmt).ok())
        .unwrap_or_default()
}

async fn render(
    state: &AppState,
    s: &SignedIn,
    status: StatusCode,
    notice: Option<&str>,
    error: Option<&str>,
) -> PageResult {
    let sessions = state
        .store()
        .user_sessions(&s.user.id, now())
        .await?
        .into_iter()
        .map(|(sid, ua, created)| SessionRow {
            current: sid == s.session.sid,
            sid,
            device: device(ua.as_deref()),
            signed_in: when(created),
        })
        .collect();
    let methods: Vec<MethodRow> = state
        .store()
        .user_identities(&s.user.id)
        .await?
        .into_iter()
        .map(|i| MethodRow {
            name: state
                .config
                .upstream
                .iter()
                .find(|u| u.id == i.upstream_id)
                .map_or_else(|| i.upstream_id.clone(), |u| u.display_name()),
            detail: i.email.unwrap_or_default(),
            issuer: i.issuer,
            subject: i.subject,
        })
        .collect();
    let has_password = s.user.password_hash.is_some();
    let recovery_left = if s.user.two_step() {
        state.store().recovery_codes_left(&s.user.id).await?
    } else {
        0
    };
    Ok(page(
        status,
        &SettingsPage {
            has_password,
            can_unlink: has_password || methods.len() > 1,
            methods,
            menu: &s.menu,
            username: &s.user.username,
            name: s.user.name.as_deref().unwrap_or_default(),
            email_verified: s.user.email_verified,
            sessions,
            notice,
            error,
            two_step: s.user.two_step(),
            recovery_left,
        },
        s.cookie.clone(),
    ))
}

async fn signed_in(state: &AppState, headers: &HeaderMap) -> Result<SignedIn, Response> {
    require(state, headers, "/settings").await
}

pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> PageResult {
    let s = match signed_in(&state, &headers).await {
        Ok(s) => s,
        Err(r) => return Ok(r),
    };
    let q = Params::parse(q.unwrap_or_default().as_bytes());
    let shown = Notice::from_query(&q);
    render(
        &state,
        &s,
        StatusCode::OK,
        shown.filter(|n| !n.is_problem()).map(Notice::message),
        shown.filter(|n| n.is_problem()).map(Notice::message),
    )
    .await
}

pub async fn profile(
    State(state): State<AppState>,
    headers: HeaderMap,
    mp: Result<Multipart, MultipartRejection>,
) -> PageResult {
    let s = match signed_in(&state, &headers).await {
        Ok(s) => s,
        Err(r) => return Ok(r),
    };
    let up = match upload::read(mp, "photo").await {
        Ok(u) => u,
        Err(e) => {
            return render(
                &state,
                &s,
                StatusCode::BAD_REQUEST,
                None,
                Some(&e.to_string()),
            )
            .await;
        }
    };
    if !csrf::verify(&state, &headers, field(&up.fields, "csrf")) {
        return Err(csrf_failed());
    }
    let name = field(&up.fields, "name").unwrap_or_default();
    if let Err(message) = save_profile(&state, &s, name, up.file).await {
        return render(&state, &s, StatusCode::BAD_REQUEST, None, Some(&message)).await;
    }
    Ok(see_other(&Notice::ProfileSaved.url(), []))
}

pub async fn email(
    State(state): State<AppState>,
    headers: HeaderMap,
    client: crate::audit::Requester,
    body: Bytes,
) -> PageResult {
    let (s, f) = super::signed_in_form!(state, headers, body, "/settings");
    // Each request mails a link to an address of the asker's choosing.
    use crate::auth::throttle::{Key, Kind};
    let key = Key(
        Kind::IpRequests,
        format!("email_change:account:{}", s.user.id),
    );
    if let Err(wait) = state.throttle.request(state.store(), &[key], now()).await {
        return Ok(crate::web::render::too_many(wait.0));
    }
    // A session alone must not be enough to move the account (and its password
    // resets) to another address: the password is asked again, or, for an account
    // without one, a recent sign-in through its upstream. The old address is told
    // either way.
    if s.user.password_hash.is_some() {
        if let Some(answer) =
            wrong_current_password(&state, &s, field(&f, "current").unwrap_or_default()).await
        {
            return answer;
        }
    } else if let Some(r) = super::reauth::needed(&s, "/settings") {
        // Nothing to ask for here: a recent sign-in through its upstream stands in.
        return Ok(r);
    }
    let email = field(&f, "email").unwrap_or_default().trim().to_lowercase();
    if let Some(p) = rules::email_problem(&email) {
        return render(&state, &s, StatusCode::BAD_REQUEST, None, Some(p)).await;
    }
    if email == s.user.email {
        return render(
            &state,
            &s,
            StatusCode::BAD_REQUEST,
            None,
            Some("That is already your email address."),
        )
        .await;
    }
    // An address that belongs to another account, or looks like one that does
    // (same confusable skeleton), gets the same answer and no link, so this form
    // does not reveal which addresses have accounts.
    if state.store().identifier_in_use(&email).await? {
        state
            .store()
            .supersede_email_changes(&s.user.id, &email, now())
            .await?;
    } else {
        links::send_email_change(&state.account(), &s.user, &email).await?;
    }
    audit::record(
        state.store(),
        &client,
        event::EMAIL_CHANGE_REQUESTED,
        Some(&s.user.id),
        Some(&email),
    )
    .await;
    Ok(see_other(&Notice::EmailLinkSent.url(), []))
}

/// Checks "Current password". It is guessable here too (by whoever holds a stolen
/// session), so its tries are throttled per account, each counted before the hash
/// is checked. `Some` is the answer to send instead of going on.
async fn wrong_current_password(
    state: &AppState,
    s: &SignedIn,
    current: &str,
) -> Option<PageResult> {
    let keys = [crate::auth::throttle::Key::account("password", &s.user.id)];
    if let Err(wait) = state.throttle.attempt(state.store(), &keys, now()).await {
        return Some(Ok(crate::web::render::too_many(wait.0)));
    }
    let stored = s.user.password_hash.as_deref();
    if state.hasher.verify(current, stored).await {
        state.throttle.clear(state.store(), &keys[0]).await;
        return None;
    }
    let message = "The current password is not right.";
    Some(render(state, s, StatusCode::BAD_REQUEST, None, Some(message)).await)
}

pub async fn password(
    State(state): State<AppState>,
    headers: HeaderMap,
    client: crate::audit::Requester,
    body: Bytes,
) -> PageResult {
    let (s, f) = super::signed_in_form!(state, headers, body, "/settings");
    let current = field(&f, "current").unwrap_or_default();
    let new = field(&f, "password").unwrap_or_default();
    if let Some(answer) = wrong_current_password(&state, &s, current).await {
        return answer;
    }
    if let Some(p) = rules::password_problem(new, &s.user.username, &s.user.email) {
        return render(&state, &s, StatusCode::BAD_REQUEST, None, Some(&p)).await;
    }
    let hash = state.hasher.hash(new).await?;
    let store = state.store();
    let now = now();
    store.set_password_hash(&s.user.id, &hash, now).await?;
    store.end_other_sessions(&s.user.id, &s.session.sid).await?;
    store.revoke_user_grants(&s.user.id, now).await?;
    links::send_password_changed(&state.account(), &s.user).await?;
    tracing::info!(user = %s.user.id, "password changed");
    audit::record_user(store, &client, event::PASSWORD_CHANGED, &s.user.id).await;
    // A privilege change: renew the session id.
    let renewed = session::renew(&state, &headers).await?;
    Ok(see_other(&Notice::PasswordChanged.url(), renewed))
}

pub async fn end_session(
    State(state): State<AppState>,
    headers: HeaderMap,
    client: crate::audit::Requester,
    body: Bytes,
) -> PageResult {
    let (s, f) = super::signed_in_form!(state, headers, body, "/settings");
    let sid = field(&f, "sid").unwrap_or_default();
    state.store().delete_user_session(&s.user.id, sid).await?;
    audit::record_user(state.store(), &client, event::SESSION_ENDED, &s.user.id).await;
    if sid == s.session.sid {
        return Ok(see_other("/login", []));
    }
    Ok(see_other(&Notice::SessionEnded.url(), []))
}

/// Removes a linked sign-in method, only when another way to sign in remains.
pub async fn unlink(
    State(state): State<AppState>,
    headers: HeaderMap,
    client: crate::audit::Requester,
    body: Bytes,
) -> PageResult {
    let (s, f) = super::signed_in_form!(state, headers, body, "/settings");
    let identities = state.store().user_identities(&s.user.id).await?;
    if s.user.password_hash.is_none() && identities.len() <= 1 {
        let msg = "This is your only way to sign in. Set a password (Trouble signing in?) before removing it.";
        return render(&state, &s, StatusCode::BAD_REQUEST, None, Some(msg)).await;
    }
    let issuer = field(&f, "issuer").unwrap_or_default();
    let subject = field(&f, "subject").unwrap_or_default();
    if !state
        .store()
        .unlink_identity(&s.user.id, issuer, subject)
        .await?
    {
        return render(
            &state,
            &s,
            StatusCode::BAD_REQUEST,
            None,
            Some("That sign-in method is not linked."),
        )
        .await;
    }
    tracing::info!(user = %s.user.id, %issuer, "upstream identity unlinked");
    audit::record(
        state.store(),
        &client,
        event::IDENTITY_UNLINKED,
        Some(&s.user.id),
        Some(issuer),
    )
    .await;
    Ok(see_other(&Notice::MethodUnlinked.url(), []))
}
