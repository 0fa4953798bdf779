//! `/reauth` ("Confirm it's you"): sensitive settings (turning on two-step
//! verification, new recovery codes, changing the email of an account without a
//! password) need the person to have proved it is them within [`RECENT`]: by
//! signing in, or here with the password (an account without one signs in again
//! through its upstream: "Continue with NAME"). A stolen session cookie alone
//! therefore cannot lock the owner out. (NIST SP 800-63B §4.2.3 and OWASP ASVS
//! V3.7: re-authenticate before sensitive changes.)

use super::prelude::*;
use crate::{
    auth::throttle::Key,
    signin::second_factor::check_code,
    web::{menu::Menu, ui::Ui},
};

#[derive(Template)]
#[template(path = "reauth.html")]
struct ReauthPage<'a> {
    ui: Ui,
    menu: &'a Menu,
    next: &'a str,
    has_password: bool,
    /// Two-step verification is on: the code is asked too, so the password alone
    /// (phished, or known to whoever holds the session) does not pass.
    two_step: bool,
    upstreams: Vec<(String, String)>,
    error: Option<&'a str>,
}

/// The upstreams this account can sign in with again: its linked identities.
async fn linked_upstreams(state: &AppState, s: &SignedIn) -> anyhow::Result<Vec<(String, String)>> {
    let linked = state.store().user_identities(&s.user.id).await?;
    Ok(state
        .config
        .upstream
        .iter()
        .filter(|u| linked.iter().any(|i| i.upstream_id == u.id))
        .map(|u| (u.id.clone(), u.display_name()))
        .collect())
}

async fn render(
    state: &AppState,
    s: &SignedIn,
    status: StatusCode,
    next: &str,
    error: Option<&str>,
) -> PageResult {
    let has_password = s.user.password_hash.is_some();
    let upstreams = match has_password {
        true => Vec::new(),
        false => linked_upstreams(state, s).await?,
    };
    Ok(page(
        status,
        &ReauthPage {
            ui: Ui::current(),
            menu: &s.menu,
            next,
            has_password,
            two_step: s.user.two_step(),
            upstreams,
            error,
        },
        s.cookie.clone(),
    ))
}

/// Where to go back to afterwards (a local page; Settings by default).
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Back {
    next: String,
}

/// A local page, Settings by default.
fn back_to(next: &str) -> &str {
    safe_next(next).unwrap_or("/settings")
}

pub async fn show(State(state): State<AppState>, s: SignedIn, Query(q): Query<Back>) -> PageResult {
    render(&state, &s, StatusCode::OK, back_to(&q.next), None).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ReauthForm {
    next: String,
    password: String,
    code: String,
}

/// Checks the password. It is guessable (by whoever holds a stolen session), so it
/// shares the throttle of "Current password" in Settings.
pub async fn submit(
    State(state): State<AppState>,
    client: Requester,
    s: SignedIn,
    CsrfForm(f): CsrfForm<ReauthForm>,
) -> PageResult {
    let next = back_to(&f.next).to_string();
    let ui = Ui::current();
    if s.user.password_hash.is_none() {
        let msg = ui.t("reauth-no-password");
        return render(&state, &s, StatusCode::BAD_REQUEST, &next, Some(&msg)).await;
    }
    // Counted before the hash is checked, on the counter of "Current password" in
    // Settings, so parallel guesses get no more checks than a sequence would.
    let keys = [Key::account("password", &s.user.id)];
    if let Err(wait) = state.throttle.attempt(state.store(), &keys).await {
        return Ok(too_many(wait.0));
    }
    if !state
        .hasher
        .verify(&f.password, s.user.password_hash.as_deref())
        .await
    {
        audit::record_user(state.store(), &client, event::SIGN_IN_FAILED, &s.user.id).await;
        let msg = ui.t("reauth-wrong-password");
        return render(&state, &s, StatusCode::UNAUTHORIZED, &next, Some(&msg)).await;
    }
    state.throttle.clear(state.store(), &keys[0]).await;
    if s.user.two_step() && !code_proved(&state, &s, &f.code).await? {
        audit::record_user(
            state.store(),
            &client,
            event::SECOND_FACTOR_FAILED,
            &s.user.id,
        )
        .await;
        let msg = ui.t("reauth-wrong-code");
        return render(&state, &s, StatusCode::UNAUTHORIZED, &next, Some(&msg)).await;
    }
    state
        .store()
        .mark_reauthenticated(&s.session.sid, s.now)
        .await?;
    audit::record_user(state.store(), &client, event::REAUTHENTICATED, &s.user.id).await;
    Ok(see_other(&next, []))
}

/// Checks the second factor of a two-step account, counted before checking on the
/// same per-account counter as the sign-in's "Code" step.
async fn code_proved(state: &AppState, s: &SignedIn, code: &str) -> anyhow::Result<bool> {
    let keys = [Key::account("2fa", &s.user.id)];
    if state.throttle.attempt(state.store(), &keys).await.is_err() {
        return Ok(false);
    }
    let code = code.trim();
    if code.is_empty() || code.len() > 40 {
        return Ok(false);
    }
    let (services, master) = (state.account(s.now), &state.provider.master);
    let proved = check_code(&services, master, &s.user.id, code, s.now)
        .await?
        .is_some();
    if proved {
        state.throttle.clear(state.store(), &keys[0]).await;
    }
    Ok(proved)
}
