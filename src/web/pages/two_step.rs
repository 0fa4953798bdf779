//! Two-step verification from /settings (SPEC §5): enrollment ("Set up two-step
//! verification": QR code, `otpauth://` URI and secret, "Code", "Verify", then the
//! recovery codes), new recovery codes, and turning it off with the password. The
//! "Code" step of a sign-in is `login_code`'s.

use super::prelude::*;
use crate::{
    auth::{throttle::Key, totp},
    signin::second_factor::{check_code, totp_context},
    web::{notice::Notice, session, ui::Ui},
};
use axum::{
    http::{HeaderValue, header},
    response::IntoResponse,
};

#[derive(Template)]
#[template(path = "two_step_setup.html")]
struct SetupPage<'a> {
    ui: Ui,
    menu: &'a crate::web::menu::Menu,
    qr: &'a str,
    uri: &'a str,
    secret: &'a str,
    error: Option<&'a str>,
}

#[derive(Template)]
#[template(path = "two_step_codes.html")]
struct CodesPage<'a> {
    ui: Ui,
    menu: &'a crate::web::menu::Menu,
    codes: &'a [String],
    /// The codes, space-separated, for "Download" (which posts them back).
    joined: String,
}

/// The label authenticator apps show: the product's name (`[branding]`), without
/// colons (the `otpauth` label may not contain one), so a person's app lists
/// "Acme ID", not a host name.
fn issuer_label(state: &AppState) -> String {
    state.brand.name.replace(':', "")
}

fn setup_page(
    state: &AppState,
    s: &SignedIn,
    secret: &[u8],
    status: StatusCode,
    error: Option<&str>,
) -> PageResult {
    let account = if s.user.email.contains(':') {
        &s.user.username
    } else {
        &s.user.email
    };
    let e = totp::enrollment(secret, &issuer_label(state), account)
        .ok_or_else(|| anyhow::anyhow!("building the TOTP enrollment failed"))?;
    Ok(page(
        status,
        &SetupPage {
            ui: Ui::current(),
            menu: &s.menu,
            qr: &e.qr_png_base64,
            uri: &e.uri,
            secret: &e.secret_base32,
            error,
        },
        s.cookie.clone(),
    ))
}

/// A settings form with no fields of its own (the CSRF token only).
#[derive(Deserialize)]
pub struct Empty {}

/// The code (enrollment) or the password or code (turning it off).
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ProofForm {
    code: String,
    password: String,
}

/// "Set up two-step verification": a new secret, shown until a code confirms it.
pub async fn setup(
    State(state): State<AppState>,
    s: SignedIn,
    CsrfForm(_): CsrfForm<Empty>,
) -> PageResult {
    if s.user.two_step() {
        return Ok(see_other("/settings", []));
    }
    // Turning it on could lock the owner out if a stolen session did it.
    if let Some(r) = s.reauth_needed("/settings") {
        return Ok(r);
    }
    let secret = totp::new_secret();
    let sealed = state
        .provider
        .master
        .seal(&totp_context(&s.user.id), &secret);
    state.store().set_pending_totp(&s.user.id, &sealed).await?;
    setup_page(&state, &s, &secret, StatusCode::OK, None)
}

/// "Verify" on the enrollment page: the first code turns it on; the recovery
/// codes are shown once.
pub async fn verify(
    State(state): State<AppState>,
    headers: HeaderMap,
    client: Requester,
    s: SignedIn,
    CsrfForm(f): CsrfForm<ProofForm>,
) -> PageResult {
    if let Some(r) = s.reauth_needed("/settings") {
        return Ok(r);
    }
    let store = state.store();
    let (Some(sealed), false) = (store.totp_secret(&s.user.id).await?, s.user.two_step()) else {
        return Ok(see_other("/settings", []));
    };
    let secret = state
        .provider
        .master
        .open(&totp_context(&s.user.id), &sealed)?;
    let Some(step) = totp::matching_step(&secret, &f.code, s.now) else {
        let message = Ui::current().t("two-step-wrong-code");
        return setup_page(&state, &s, &secret, StatusCode::BAD_REQUEST, Some(&message));
    };
    let (codes, hashes) = new_codes();
    if !store.enable_totp(&s.user.id, step, &hashes, s.now).await? {
        return Ok(see_other("/settings", []));
    }
    audit::record_user(store, &client, event::TWO_STEP_ENABLED, &s.user.id).await;
    // A privilege change: renew the session id.
    let renewed = session::renew(&state, &headers, s.now).await?;
    Ok(codes_page(&s, &codes, renewed))
}

/// A fresh set of recovery codes and their hashes.
fn new_codes() -> (Vec<String>, Vec<String>) {
    let codes = totp::recovery_codes();
    let hashes = codes.iter().map(|c| totp::recovery_hash(c)).collect();
    (codes, hashes)
}

/// The recovery codes, shown once.
fn codes_page(s: &SignedIn, codes: &[String], renewed: Option<HeaderValue>) -> Response {
    let cookies = s.cookie.clone().into_iter().chain(renewed);
    page(
        StatusCode::OK,
        &CodesPage {
            ui: Ui::current(),
            menu: &s.menu,
            codes,
            joined: codes.join(" "),
        },
        cookies,
    )
}

/// "New recovery codes": replaces every recovery code of the account with a fresh
/// set, shown once. Needs a recent authentication, like turning it on.
pub async fn new_recovery_codes(
    State(state): State<AppState>,
    client: Requester,
    s: SignedIn,
    CsrfForm(_): CsrfForm<Empty>,
) -> PageResult {
    if let Some(r) = s.reauth_needed("/settings") {
        return Ok(r);
    }
    let (codes, hashes) = new_codes();
    let store = state.store();
    if !store.replace_recovery_codes(&s.user.id, &hashes).await? {
        return Ok(see_other("/settings", []));
    }
    audit::record_user(store, &client, event::RECOVERY_CODES_RENEWED, &s.user.id).await;
    Ok(codes_page(&s, &codes, None))
}

/// The recovery codes the "Download" button posts back (they are stored hashed,
/// so the page that shows them once is the only place they exist).
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CodesForm {
    codes: String,
}

/// "Download": the recovery codes just shown, as a text file. Only what looks like
/// a recovery code is written, at most a set's worth; nothing is stored or read.
pub async fn download_codes(s: SignedIn, CsrfForm(f): CsrfForm<CodesForm>) -> PageResult {
    let codes: Vec<&str> = f
        .codes
        .split_whitespace()
        .filter(|c| totp::looks_like_recovery_code(c))
        .take(20)
        .collect();
    if codes.is_empty() {
        return Ok(see_other("/settings", []));
    }
    let ui = Ui::current();
    let mut text = format!(
        "{}\r\n{}\r\n\r\n",
        ui.t1("two-step-codes-file-heading", "account", &s.user.email),
        ui.t("two-step-codes-file-note")
    );
    for c in codes {
        text.push_str(c);
        text.push_str("\r\n");
    }
    let mut r = text.into_response();
    let h = r.headers_mut();
    for (name, value) in [
        (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
        (
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"recovery-codes.txt\"",
        ),
        (header::CACHE_CONTROL, "no-store"),
    ] {
        h.insert(name, HeaderValue::from_static(value));
    }
    Ok(r)
}

/// "Turn off two-step verification": asks for the password (or, for an account
/// without one, a current code).
pub async fn disable(
    State(state): State<AppState>,
    headers: HeaderMap,
    client: Requester,
    s: SignedIn,
    CsrfForm(f): CsrfForm<ProofForm>,
) -> PageResult {
    if !s.user.two_step() {
        return Ok(see_other("/settings", []));
    }
    let store = state.store();
    // Counted before checking, like at sign-in; a code tries the code's counter.
    let keys = [if s.user.password_hash.is_some() {
        Key::account("password", &s.user.id)
    } else {
        Key::account("2fa", &s.user.id)
    }];
    if let Err(wait) = state.throttle.attempt(store, &keys).await {
        return Ok(too_many(wait.0));
    }
    let proved = if s.user.password_hash.is_some() {
        state
            .hasher
            .verify(&f.password, s.user.password_hash.as_deref())
            .await
    } else {
        let (services, master) = (state.account(s.now), &state.provider.master);
        check_code(&services, master, &s.user.id, f.code.trim(), s.now)
            .await?
            .is_some()
    };
    if !proved {
        return Ok(see_other(&Notice::TwoStepWrong.url(), []));
    }
    state.throttle.clear(store, &keys[0]).await;
    store.disable_totp(&s.user.id, s.now).await?;
    audit::record_user(store, &client, event::TWO_STEP_DISABLED, &s.user.id).await;
    let renewed = session::renew(&state, &headers, s.now).await?;
    Ok(see_other(&Notice::TwoStepOff.url(), renewed))
}
