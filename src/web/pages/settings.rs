//! `/settings`: one page in sections, with a navigation (a sidebar on a desktop, a
//! row of links on a phone): profile (name and photo), email change (confirmed by
//! a link to the new address before it takes effect; the pending address is
//! shown), password change (asks for the current one) or "Set a password" for an
//! account without one, two-step verification, the account's sessions, connected
//! apps, linked sign-in methods and "Your data". Each form's error is shown next
//! to its field. The connected apps' removal, the download and the deletion are
//! `settings_data`'s.

use super::prelude::*;
use crate::{
    account::{links, links::CONFIRM_TTL, profile, rules},
    auth::throttle::{Key, Kind},
    web::{
        dated::{Dated, utc_text},
        extract::CsrfUpload,
        notice::Notice,
        session,
        ui::Ui,
    },
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
    /// For the "Sign out" button's label (UTC, said as such).
    pub signed_in: String,
    pub signed_in_at: Dated,
    pub current: bool,
}

/// A passkey as Settings lists it.
pub struct PasskeyListed {
    pub id: String,
    pub name: String,
    pub added: Dated,
    pub used: Option<Dated>,
}

/// A connected app as Settings lists it.
pub struct AppRow {
    pub client_id: String,
    pub name: String,
    /// The first letter of its name, shown when it has no logo.
    pub initial: String,
    pub logo: Option<String>,
    /// What it may see, in words.
    pub scopes: Vec<String>,
    pub allowed: Option<Dated>,
    pub last_used: Option<Dated>,
}

/// What a form got wrong, next to the field it is about (`aria-invalid`,
/// `aria-describedby`, class `field-error`).
#[derive(Default)]
pub struct Errors {
    pub name: Option<String>,
    pub photo: Option<String>,
    pub email: Option<String>,
    pub email_current: Option<String>,
    pub current: Option<String>,
    pub password: Option<String>,
    pub set_password: Option<String>,
    pub two_step: Option<String>,
    /// About the sign-in methods list as a whole (unlinking).
    pub methods: Option<String>,
    /// About the passkeys section (adding, removing the last one).
    pub passkey: Option<String>,
}

/// What the page says: a notice after a redirect, or the errors of a form sent,
/// with what was typed into "New email".
#[derive(Default)]
struct Said {
    notice: Option<String>,
    errors: Errors,
    new_email: String,
}

impl Said {
    fn error(set: impl FnOnce(&mut Errors) -> &mut Option<String>, id: &str) -> Said {
        let mut said = Said::default();
        *set(&mut said.errors) = Some(Ui::current().t(id));
        said
    }
}

#[derive(Template)]
#[template(path = "settings.html")]
struct SettingsPage<'a> {
    ui: Ui,
    /// This server has passkeys (its issuer has a host name).
    passkeys_on: bool,
    passkeys: Vec<PasskeyListed>,
    reauth_for_passkey: String,
    menu: &'a crate::web::menu::Menu,
    username: &'a str,
    name: &'a str,
    email_verified: bool,
    /// The address a change waits to be confirmed for, while its link works.
    pending_email: Option<String>,
    sessions: Vec<SessionRow>,
    has_password: bool,
    /// Signed in (or confirmed it is them) recently: "Set a password" shows its
    /// form; otherwise it leads to "Confirm it's you" first.
    recent: bool,
    reauth_for_password: String,
    methods: Vec<MethodRow>,
    can_unlink: bool,
    apps: Vec<AppRow>,
    notice: Option<String>,
    errors: Errors,
    new_email: String,
    two_step: bool,
    recovery_left: i64,
}

/// Where "Set a password" comes back to after "Confirm it's you".
const PASSWORD_SECTION: &str = "/settings#password";
/// Where "Add a passkey" comes back to after "Confirm it's you".
const PASSKEY_SECTION: &str = "/settings#passkeys";

async fn app_rows(state: &AppState, s: &SignedIn) -> anyhow::Result<Vec<AppRow>> {
    let ui = Ui::current();
    let apps = state.store().connected_apps(&s.user.id, s.now).await?;
    Ok(apps
        .into_iter()
        .map(|a| {
            let app = state.app(&a.client_id);
            let mut scopes: Vec<&str> = a
                .scope
                .split_whitespace()
                .map(crate::web::ui::scope_message)
                .collect();
            scopes.dedup();
            AppRow {
                initial: app.name.chars().take(1).collect::<String>().to_uppercase(),
                name: app.name,
                logo: app.logo_uri,
                scopes: scopes.into_iter().map(|id| ui.t(id)).collect(),
                allowed: a
                    .allowed_at
                    .map(|t| Dated::new(&ui, "settings-app-allowed", t)),
                last_used: a
                    .last_used_at
                    .map(|t| Dated::new(&ui, "settings-app-last-used", t)),
                client_id: a.client_id,
            }
        })
        .collect())
}

async fn render(state: &AppState, s: &SignedIn, status: StatusCode, said: Said) -> PageResult {
    let ui = Ui::current();
    let sessions = state
        .store()
        .user_sessions(&s.user.id, s.now)
        .await?
        .into_iter()
        .map(|(sid, ua, created)| SessionRow {
            current: sid == s.session.sid,
            sid,
            device: crate::audit::device(&ui.tr, ua.as_deref()),
            signed_in: utc_text(created),
            signed_in_at: Dated::new(&ui, "settings-session-signed-in", created),
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
    let pending_email = state
        .store()
        .pending_email(&s.user.id)
        .await?
        .filter(|(email, asked)| *asked + CONFIRM_TTL > s.now && *email != s.user.email)
        .map(|(email, _)| email);
    let passkeys = state
        .store()
        .user_passkeys(&s.user.id)
        .await?
        .into_iter()
        .map(|p| PasskeyListed {
            added: Dated::new(&ui, "passkeys-added", p.created_at),
            used: p.last_used_at.map(|t| Dated::new(&ui, "passkeys-used", t)),
            id: p.cred_id,
            name: p.name,
        })
        .collect::<Vec<_>>();
    let has_passkey = !passkeys.is_empty();
    Ok(page(
        status,
        &SettingsPage {
            ui: Ui::current(),
            passkeys_on: state.passkeys.is_some(),
            passkeys,
            reauth_for_passkey: urls::reauth(PASSKEY_SECTION),
            has_password,
            recent: s.now - s.session.last_authenticated() <= crate::web::menu::RECENT,
            reauth_for_password: urls::reauth(PASSWORD_SECTION),
            can_unlink: has_password || has_passkey || methods.len() > 1,
            methods,
            apps: app_rows(state, s).await?,
            menu: &s.menu,
            username: &s.user.username,
            name: s.user.name.as_deref().unwrap_or_default(),
            email_verified: s.user.email_verified,
            pending_email,
            sessions,
            notice: said.notice,
            errors: said.errors,
            new_email: said.new_email,
            two_step: s.user.two_step(),
            recovery_left,
        },
        s.cookie.clone(),
    ))
}

pub async fn show(State(state): State<AppState>, s: SignedIn, RawQuery(q): RawQuery) -> PageResult {
    let mut said = Said::default();
    match Notice::from_query(q.as_deref().unwrap_or_default()) {
        // The one problem a redirect reports is about the two-step form's field.
        Some(n) if n.is_problem() => {
            let words = Some(Ui::current().t(n.message_id()));
            match n {
                Notice::TwoStepWrong => said.errors.two_step = words,
                _ => said.errors.passkey = words,
            }
        }
        Some(n) => said.notice = Some(Ui::current().t(n.message_id())),
        None => {}
    }
    render(&state, &s, StatusCode::OK, said).await
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
            let said = Said::error(|x| &mut x.photo, e.message_id());
            return render(&state, &s, StatusCode::BAD_REQUEST, said).await;
        }
    };
    let name = &up.fields.name;
    let saved = profile::save(&state.account(s.now), &s.user.id, name, up.photo).await;
    if let Err(e) = saved {
        let said = match e {
            profile::ProfileError::NameTooLong => Said::error(|x| &mut x.name, e.message_id()),
            _ => Said::error(|x| &mut x.photo, e.message_id()),
        };
        return render(&state, &s, StatusCode::BAD_REQUEST, said).await;
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
    let typed = f.email.trim().to_string();
    let refuse = |mut said: Said| {
        said.new_email = typed.clone();
        render(&state, &s, StatusCode::BAD_REQUEST, said)
    };
    // A session alone must not be enough to move the account (and its password
    // resets) to another address: the password is asked again, or, for an account
    // without one, a recent sign-in through its upstream. The old address is told
    // either way.
    if s.user.password_hash.is_some() {
        match check_current(&state, &s, &f.current).await {
            Current::Right => {}
            Current::Throttled(r) => return Ok(r),
            Current::Wrong => {
                let said = Said::error(|x| &mut x.email_current, "settings-wrong-password");
                return refuse(said).await;
            }
        }
    } else if let Some(r) = s.reauth_needed("/settings") {
        // Nothing to ask for here: a recent sign-in through its upstream stands in.
        return Ok(r);
    }
    let email = typed.to_lowercase();
    if let Some(p) = rules::email_problem(&email) {
        return refuse(Said::error(|x| &mut x.email, p)).await;
    }
    if email == s.user.email {
        return refuse(Said::error(|x| &mut x.email, "settings-same-email")).await;
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

/// What "Current password" proved.
enum Current {
    Right,
    Wrong,
    /// Too many tries: the answer to send instead.
    Throttled(Response),
}

/// Checks "Current password". It is guessable here too (by whoever holds a stolen
/// session), so its tries are throttled per account, each counted before the hash
/// is checked.
async fn check_current(state: &AppState, s: &SignedIn, current: &str) -> Current {
    let keys = [Key::account("password", &s.user.id)];
    if let Err(wait) = state.throttle.attempt(state.store(), &keys).await {
        return Current::Throttled(too_many(wait.0));
    }
    let stored = s.user.password_hash.as_deref();
    if state.hasher.verify(current, stored).await {
        state.throttle.clear(state.store(), &keys[0]).await;
        return Current::Right;
    }
    Current::Wrong
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
    match check_current(&state, &s, &f.current).await {
        Current::Right => {}
        Current::Throttled(r) => return Ok(r),
        Current::Wrong => {
            let said = Said::error(|x| &mut x.current, "settings-wrong-password");
            return render(&state, &s, StatusCode::BAD_REQUEST, said).await;
        }
    }
    if let Some(p) = rules::password_problem(new, &s.user.username, &s.user.email) {
        let said = Said::error(|x| &mut x.password, p);
        return render(&state, &s, StatusCode::BAD_REQUEST, said).await;
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

/// "New password" of "Set a password".
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SetPasswordForm {
    password: String,
}

/// "Set a password", for an account without one (created through an upstream):
/// no current password to ask for, so a recent sign-in stands in for it.
pub async fn set_password(
    State(state): State<AppState>,
    headers: HeaderMap,
    client: Requester,
    s: SignedIn,
    CsrfForm(f): CsrfForm<SetPasswordForm>,
) -> PageResult {
    if s.user.password_hash.is_some() {
        return Ok(see_other(PASSWORD_SECTION, []));
    }
    if let Some(r) = s.reauth_needed(PASSWORD_SECTION) {
        return Ok(r);
    }
    if let Some(p) = rules::password_problem(&f.password, &s.user.username, &s.user.email) {
        let said = Said::error(|x| &mut x.set_password, p);
        return render(&state, &s, StatusCode::BAD_REQUEST, said).await;
    }
    let hash = state.hasher.hash(&f.password).await?;
    let store = state.store();
    store.set_password_hash(&s.user.id, &hash, s.now).await?;
    links::send_password_set(&state.account(s.now), &s.user).await?;
    tracing::info!(user = %s.user.id, "password set");
    audit::record_user(store, &client, event::PASSWORD_SET, &s.user.id).await;
    // A privilege change: renew the session id.
    let renewed = session::renew(&state, &headers, s.now).await?;
    Ok(see_other(&Notice::PasswordSet.url(), renewed))
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
    let provider = &state.provider;
    backchannel::notify(provider, &s.user.id, Some(&sid), s.now).await?;
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
    let passkeys = state.store().user_passkeys(&s.user.id).await?;
    if s.user.password_hash.is_none() && passkeys.is_empty() && identities.len() <= 1 {
        let said = Said::error(|x| &mut x.methods, "settings-only-method");
        return render(&state, &s, StatusCode::BAD_REQUEST, said).await;
    }
    let (issuer, subject) = (f.issuer.as_str(), f.subject.as_str());
    if !state
        .store()
        .unlink_identity(&s.user.id, issuer, subject)
        .await?
    {
        let said = Said::error(|x| &mut x.methods, "settings-method-not-linked");
        return render(&state, &s, StatusCode::BAD_REQUEST, said).await;
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
