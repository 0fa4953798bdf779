//! `/settings`: name and photo, email change (confirmed by a link to the new
//! address before it takes effect), password change (asks for the current one),
//! and the account's sessions, each with "Sign out".

use super::prelude::*;
use crate::{
    account::{links, profile, rules},
    auth::throttle::{Key, Kind},
    web::{extract::CsrfUpload, notice::Notice, session, ui::Ui},
};
use axum::extract::RawQuery;

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
    ui: Ui,
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
        .user_sessions(&s.user.id, s.now)
        .await?
        .into_iter()
        .map(|(sid, ua, created)| SessionRow {
            current: sid == s.session.sid,
            sid,
            device: crate::audit::device(ua.as_deref()),
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
            ui: Ui::current(),
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

pub async fn show(State(state): State<AppState>, s: SignedIn, RawQuery(q): RawQuery) -> PageResult {
    let shown = Notice::from_query(q.as_deref().unwrap_or_default());
    let said = shown.map(|n| (n.is_problem(), Ui::current().t(n.message_id())));
    let notice = said.as_ref().filter(|(p, _)| !p).map(|(_, m)| m.as_str());
    let error = said.as_ref().filter(|(p, _)| *p).map(|(_, m)| m.as_str());
    render(&state, &s, StatusCode::OK, notice, error).await
}

/// "Name" on the profile form (the photo is the upload's file).
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ProfileForm {
    name: String,
}

pub async fn profile(
    State(state): State<AppState>,
    s: SignedIn,
    CsrfUpload(upload): CsrfUpload<ProfileForm>,
) -> PageResult {
    let up = match upload {
        Ok(u) => u,
        Err(e) => {
            let message = Ui::current().t(e.message_id());
            return render(&state, &s, StatusCode::BAD_REQUEST, None, Some(&message)).await;
        }
    };
    let name = &up.fields.name;
    let saved = profile::save(&state.account(s.now), &s.user.id, name, up.photo).await;
    if let Err(e) = saved {
        let message = Ui::current().t(e.message_id());
        return render(&state, &s, StatusCode::BAD_REQUEST, None, Some(&message)).await;
    }
    Ok(see_other(&Notice::ProfileSaved.url(), []))
}

/// "New email" and, for an account with a password, "Current password".
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct EmailForm {
    email: String,
    current: String,
}

pub async fn email(
    State(state): State<AppState>,
    client: Requester,
    s: SignedIn,
    CsrfForm(f): CsrfForm<EmailForm>,
) -> PageResult {
    // Each request mails a link to an address of the asker's choosing.
    let key = Key(
        Kind::IpRequests,
        format!("email_change:account:{}", s.user.id),
    );
    if let Err(wait) = state.throttle.request(state.store(), &[key]).await {
        return Ok(too_many(wait.0));
    }
    // A session alone must not be enough to move the account (and its password
    // resets) to another address: the password is asked again, or, for an account
    // without one, a recent sign-in through its upstream. The old address is told
    // either way.
    if s.user.password_hash.is_some() {
        if let Some(answer) = wrong_current_password(&state, &s, &f.current).await {
            return answer;
        }
    } else if let Some(r) = s.reauth_needed("/settings") {
        // Nothing to ask for here: a recent sign-in through its upstream stands in.
        return Ok(r);
    }
    let email = f.email.trim().to_lowercase();
    if let Some(p) = rules::email_problem(&email) {
        let message = Ui::current().t(p);
        return render(&state, &s, StatusCode::BAD_REQUEST, None, Some(&message)).await;
    }
    if email == s.user.email {
        let message = Ui::current().t("settings-same-email");
        return render(&state, &s, StatusCode::BAD_REQUEST, None, Some(&message)).await;
    }
    // An address that belongs to another account, or looks like one that does
    // (same confusable skeleton), gets the same answer and no link, so this form
    // does not reveal which addresses have accounts.
    if state.store().identifier_in_use(&email).await? {
        state
            .store()
            .supersede_email_changes(&s.user.id, &email, s.now)
            .await?;
    } else {
        links::send_email_change(&state.account(s.now), &s.user, &email).await?;
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
    let keys = [Key::account("password", &s.user.id)];
    if let Err(wait) = state.throttle.attempt(state.store(), &keys).await {
        return Some(Ok(too_many(wait.0)));
    }
    let stored = s.user.password_hash.as_deref();
    if state.hasher.verify(current, stored).await {
        state.throttle.clear(state.store(), &keys[0]).await;
        return None;
    }
    let message = Ui::current().t("settings-wrong-password");
    Some(render(state, s, StatusCode::BAD_REQUEST, None, Some(&message)).await)
}

/// "Current password" and the new "Password".
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PasswordForm {
    current: String,
    password: String,
}

pub async fn password(
    State(state): State<AppState>,
    headers: HeaderMap,
    client: Requester,
    s: SignedIn,
    CsrfForm(f): CsrfForm<PasswordForm>,
) -> PageResult {
    let new = f.password.as_str();
    if let Some(answer) = wrong_current_password(&state, &s, &f.current).await {
        return answer;
    }
    if let Some(p) = rules::password_problem(new, &s.user.username, &s.user.email) {
        let message = Ui::current().t(p);
        return render(&state, &s, StatusCode::BAD_REQUEST, None, Some(&message)).await;
    }
    let hash = state.hasher.hash(new).await?;
    let store = state.store();
    let now = s.now;
    store.set_password_hash(&s.user.id, &hash, now).await?;
    store.end_other_sessions(&s.user.id, &s.session.sid).await?;
    store.revoke_user_grants(&s.user.id, now).await?;
    links::send_password_changed(&state.account(s.now), &s.user).await?;
    tracing::info!(user = %s.user.id, "password changed");
    audit::record_user(store, &client, event::PASSWORD_CHANGED, &s.user.id).await;
    // A privilege change: renew the session id.
    let renewed = session::renew(&state, &headers, now).await?;
    Ok(see_other(&Notice::PasswordChanged.url(), renewed))
}

/// The session to end, from the list of sessions.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct EndSession {
    sid: String,
}

pub async fn end_session(
    State(state): State<AppState>,
    client: Requester,
    s: SignedIn,
    CsrfForm(EndSession { sid }): CsrfForm<EndSession>,
) -> PageResult {
    state.store().delete_user_session(&s.user.id, &sid).await?;
    audit::record_user(state.store(), &client, event::SESSION_ENDED, &s.user.id).await;
    if sid == s.session.sid {
        return Ok(see_other("/login", []));
    }
    Ok(see_other(&Notice::SessionEnded.url(), []))
}

/// Removes a linked sign-in method, only when another way to sign in remains.
/// The linked identity to remove.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Unlink {
    issuer: String,
    subject: String,
}

pub async fn unlink(
    State(state): State<AppState>,
    client: Requester,
    s: SignedIn,
    CsrfForm(f): CsrfForm<Unlink>,
) -> PageResult {
    let identities = state.store().user_identities(&s.user.id).await?;
    if s.user.password_hash.is_none() && identities.len() <= 1 {
        let message = Ui::current().t("settings-only-method");
        return render(&state, &s, StatusCode::BAD_REQUEST, None, Some(&message)).await;
    }
    let (issuer, subject) = (f.issuer.as_str(), f.subject.as_str());
    if !state
        .store()
        .unlink_identity(&s.user.id, issuer, subject)
        .await?
    {
        let message = Ui::current().t("settings-method-not-linked");
        return render(&state, &s, StatusCode::BAD_REQUEST, None, Some(&message)).await;
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
