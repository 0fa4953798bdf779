//! Two-step verification (SPEC §5): enrollment from /settings ("Set up two-step
//! verification": QR code, `otpauth://` URI and secret, "Code", "Verify", then the
//! recovery codes), turning it off with the password, and the "Code" step of a
//! sign-in that every way of signing in (password, upstream) goes through.

use super::{field, form};
use crate::web::notice::Notice;
use crate::web::sealed;
use crate::{
    account::links,
    app::AppState,
    audit::Requester,
    audit::{self, event},
    auth::{
        throttle::{Key, Kind},
        totp,
    },
    oidc::now,
    store::users::User,
    web::{
        csrf,
        menu::SignedIn,
        render::{
            PageResult, csrf_failed, error_page, page, see_other, too_many, with_retry_after,
        },
        session::{self, clear_cookie, cookie_name, read_cookie, set_cookie},
    },
};
use askama::Template;
use axum::{
    body::Bytes,
    extract::State,
    http::{HeaderMap, HeaderValue, StatusCode},
    response::Response,
};
use serde::{Deserialize, Serialize};

/// The sealed cookie that carries a sign-in between its first factor and the code.
const PENDING_COOKIE: &str = "lanyard_2fa";
/// How long the code step waits for its code.
const PENDING_TTL: i64 = 600;
/// The long-lived cookie that recognises a browser, for new-browser notices.
const DEVICE_COOKIE: &str = "lanyard_device";

#[derive(Serialize, Deserialize)]
struct Pending {
    /// Random; its hash names the `two_step_pending` row that makes the cookie
    /// single use and counts its wrong codes.
    id: String,
    user_id: String,
    amr: String,
    remember: bool,
    uid: String,
    next: String,
}

/// How a sign-in continues once the first factor (password or upstream) is proved:
/// to the "Code" step when the account has two-step verification, else signed in.
/// `cookies` are set on the answer either way.
#[allow(clippy::too_many_arguments)]
pub async fn after_first_factor(
    state: &AppState,
    headers: &HeaderMap,
    client: &Requester,
    user: &User,
    amr: &str,
    remember: bool,
    uid: &str,
    next: &str,
    cookies: Vec<HeaderValue>,
) -> PageResult {
    if !user.two_step() {
        return complete(
            state, headers, client, user, amr, remember, uid, next, cookies,
        )
        .await;
    }
    let id = crate::crypto::random_token();
    let now = now();
    state
        .store()
        .two_step_pending_create(&crate::crypto::token_hash(&id), &user.id, now + PENDING_TTL)
        .await?;
    let pending = Pending {
        id,
        user_id: user.id.clone(),
        amr: amr.to_string(),
        remember,
        uid: uid.to_string(),
        next: next.to_string(),
    };
    let value = sealed::seal(
        &state.provider.master,
        PENDING_COOKIE,
        &pending,
        now,
        PENDING_TTL,
    )?;
    let cookie = set_cookie(state, PENDING_COOKIE, &value, None);
    Ok(see_other(
        "/login/code",
        cookies.into_iter().chain(std::iter::once(cookie)),
    ))
}

/// Signs the person in: a new session, the audit record, the new-browser notice,
/// then onward (onboarding, the pending authorization request, `next` or home).
#[allow(clippy::too_many_arguments)]
async fn complete(
    state: &AppState,
    headers: &HeaderMap,
    client: &Requester,
    user: &User,
    amr: &str,
    remember: bool,
    uid: &str,
    next: &str,
    mut cookies: Vec<HeaderValue>,
) -> PageResult {
    let (sid, cookie) = session::sign_in(state, headers, user, amr, remember).await?;
    cookies.push(cookie);
    let method = if amr.starts_with("fed") { "fed" } else { "pwd" };
    tracing::info!(user = %user.id, %amr, "signed in");
    crate::web::metrics::sign_in(method, true);
    audit::record(
        state.store(),
        client,
        event::SIGN_IN,
        Some(&user.id),
        Some(amr),
    )
    .await;
    cookies.extend(note_browser(state, headers, client, user).await?);
    if amr.starts_with("pwd") {
        cookies.extend(super::federate::claim_link_offer(state, headers, user).await?);
    }
    let to = super::login::after_sign_in(state, headers, user, &sid, uid, next).await?;
    Ok(see_other(&to, cookies))
}

/// Remembers this browser for the account; mails the owner when it is a browser
/// the account has not signed in from before (but not at its very first sign-in).
async fn note_browser(
    state: &AppState,
    headers: &HeaderMap,
    client: &Requester,
    user: &User,
) -> anyhow::Result<Option<HeaderValue>> {
    let (device, cookie) = match read_cookie(headers, &cookie_name(state, DEVICE_COOKIE)) {
        Some(d) if d.len() == 43 => (d, None),
        _ => {
            let d = crate::crypto::random_token();
            // 400 days: the longest lifetime browsers honour.
            let c = set_cookie(state, DEVICE_COOKIE, &d, Some(400 * 24 * 3600));
            (d, Some(c))
        }
    };
    let hash = crate::crypto::token_hash(&device);
    let (is_new, had_any) = state.store().note_browser(&user.id, &hash, now()).await?;
    if is_new && had_any {
        let browser = super::settings::device(client.user_agent.as_deref());
        links::send_new_sign_in(&state.account(), user, &browser, &client.ip_text()).await?;
    }
    Ok(cookie)
}

fn read_pending(state: &AppState, headers: &HeaderMap) -> Option<Pending> {
    let raw = read_cookie(headers, &cookie_name(state, PENDING_COOKIE))?;
    sealed::open(&state.provider.master, PENDING_COOKIE, &raw, now())
}

impl Pending {
    fn id_hash(&self) -> String {
        crate::crypto::token_hash(&self.id)
    }
}

/// Wrong codes one pending sign-in may try before it ends: the per-account
/// allowance of the sign-in throttle (`rate_limit.account_failures`).
fn max_code_tries(state: &AppState) -> i64 {
    i64::from(state.config.rate_limit.account_failures.max(1))
}

/// The answer for a cookie whose sign-in is over (expired, completed, or ended by
/// wrong codes); the cookie is dropped, as it can do nothing more.
fn expired(state: &AppState) -> Response {
    ended(
        state,
        StatusCode::BAD_REQUEST,
        "This sign-in expired, was already completed, or had too many wrong codes. \
         Go back to the sign-in page and start again.",
    )
}

fn ended(state: &AppState, status: StatusCode, message: &str) -> Response {
    let mut r = error_page(status, "Sign in again", message);
    r.headers_mut().append(
        axum::http::header::SET_COOKIE,
        clear_cookie(state, PENDING_COOKIE),
    );
    r
}

#[derive(Template)]
#[template(path = "login_code.html")]
struct CodePage<'a> {
    csrf: &'a str,
    error: Option<&'a str>,
}

fn code_page(
    state: &AppState,
    headers: &HeaderMap,
    status: StatusCode,
    error: Option<&str>,
) -> Response {
    let (csrf, cookie) = csrf::token(state, headers);
    page(status, &CodePage { csrf: &csrf, error }, cookie)
}

pub async fn code_show(State(state): State<AppState>, headers: HeaderMap) -> PageResult {
    let Some(pending) = read_pending(&state, &headers) else {
        return Ok(expired(&state));
    };
    if !state
        .store()
        .two_step_pending_open(&pending.id_hash(), now())
        .await?
    {
        return Ok(expired(&state));
    }
    // The authorization request it continues must still be this browser's.
    super::pending(&state, &headers, &pending.uid).await?;
    Ok(code_page(&state, &headers, StatusCode::OK, None))
}

/// Checks a 6-digit code (each time step at most once) or a recovery code (once).
/// Returns the `amr` values it adds (RFC 8176: `otp`, and `mfa` for both).
pub(super) async fn check_code(
    state: &AppState,
    user_id: &str,
    answer: &str,
) -> anyhow::Result<Option<&'static str>> {
    let store = state.store();
    if totp::is_recovery_code(answer) {
        let ok = store
            .use_recovery_code(user_id, &totp::recovery_hash(answer), now())
            .await?;
        return Ok(ok.then_some("mfa"));
    }
    let Some(sealed) = store.totp_secret(user_id).await? else {
        return Ok(None);
    };
    let secret = state
        .provider
        .master
        .open(&totp_context(user_id), &sealed)?;
    let Some(step) = totp::matching_step(&secret, answer, now()) else {
        return Ok(None);
    };
    Ok(store
        .use_totp_step(user_id, step)
        .await?
        .then_some("otp mfa"))
}

pub fn totp_context(user_id: &str) -> String {
    format!("totp:{user_id}")
}

pub async fn code_submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    client: Requester,
    body: Bytes,
) -> PageResult {
    let f = form(&body);
    if !csrf::verify(&state, &headers, field(&f, "csrf")) {
        return Err(csrf_failed());
    }
    let Some(pending) = read_pending(&state, &headers) else {
        return Ok(expired(&state));
    };
    // The authorization request it continues must still be this browser's; checked
    // before a try is spent or a session made.
    super::pending(&state, &headers, &pending.uid).await?;
    let store = state.store();
    let Some(user) = store
        .user_by_id(&pending.user_id)
        .await?
        .filter(|u| !u.disabled && u.two_step())
    else {
        return Ok(expired(&state));
    };
    // Codes are guessable (10^6): their tries have their own per-account counter,
    // which only a correct code clears (not a correct password), and the IP's. Each
    // try is counted before the code is checked.
    // The IP's counter first, as at the password step (see `login::submit`).
    let keys = [
        Key::ip(Kind::IpFailures, "login", client.ip),
        Key::account("2fa", &user.id),
    ];
    if let Err(wait) = state.throttle.attempt(store, &keys, now()).await {
        audit::record(
            store,
            &client,
            event::SIGN_IN_THROTTLED,
            Some(&user.id),
            Some("code"),
        )
        .await;
        return Ok(with_retry_after(
            code_page(
                &state,
                &headers,
                StatusCode::TOO_MANY_REQUESTS,
                Some(&format!(
                    "Too many tries. Wait {} seconds, then try again.",
                    wait.0
                )),
            ),
            wait.0,
        ));
    }
    // This sign-in's own tries, also taken before checking: it ends after
    // `max_code_tries`, however many codes are sent at once.
    let id_hash = pending.id_hash();
    let tries = store
        .two_step_pending_try(&id_hash, max_code_tries(&state), now())
        .await?
        .filter(|(owner, _)| *owner == user.id);
    let Some((_, tries)) = tries else {
        for k in &keys {
            state.throttle.refund(store, k).await;
        }
        return Ok(expired(&state));
    };
    let answer = field(&f, "code").unwrap_or_default().trim();
    let added = if answer.is_empty() || answer.len() > 40 {
        None
    } else {
        check_code(&state, &user.id, answer).await?
    };
    let Some(added) = added else {
        audit::record_user(store, &client, event::SECOND_FACTOR_FAILED, &user.id).await;
        crate::web::metrics::sign_in("otp", false);
        if tries >= max_code_tries(&state) {
            store.two_step_pending_take(&id_hash, now()).await?;
            return Ok(ended(
                &state,
                StatusCode::UNAUTHORIZED,
                "That code is not right, and that was the last try for this sign-in. \
                 Go back to the sign-in page, sign in again, then enter the current code.",
            ));
        }
        return Ok(code_page(
            &state,
            &headers,
            StatusCode::UNAUTHORIZED,
            Some("That code is not right, or it was already used. Enter the current code."),
        ));
    };
    // Single use: of concurrent right answers with one cookie, one signs in.
    if !store.two_step_pending_take(&id_hash, now()).await? {
        return Ok(expired(&state));
    }
    state.throttle.clear(store, &keys[1]).await;
    state.throttle.refund(store, &keys[0]).await;
    if added == "mfa" {
        audit::record_user(store, &client, event::RECOVERY_CODE_USED, &user.id).await;
    }
    let amr = format!("{} {added}", pending.amr);
    let clear = clear_cookie(&state, PENDING_COOKIE);
    complete(
        &state,
        &headers,
        &client,
        &user,
        &amr,
        pending.remember,
        &pending.uid,
        &pending.next,
        vec![clear],
    )
    .await
}

// ---- enrollment and turning it off (from /settings) ----

#[derive(Template)]
#[template(path = "two_step_setup.html")]
struct SetupPage<'a> {
    menu: &'a crate::web::menu::Menu,
    qr: &'a str,
    uri: &'a str,
    secret: &'a str,
    error: Option<&'a str>,
}

#[derive(Template)]
#[template(path = "two_step_codes.html")]
struct CodesPage<'a> {
    menu: &'a crate::web::menu::Menu,
    codes: &'a [String],
}

/// The label authenticator apps show: the issuer's host (no port: the `otpauth`
/// label may not contain a colon).
fn issuer_label(state: &AppState) -> String {
    url::Url::parse(state.config.issuer())
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| "Lanyard".into())
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
            menu: &s.menu,
            qr: &e.qr_png_base64,
            uri: &e.uri,
            secret: &e.secret_base32,
            error,
        },
        s.cookie.clone(),
    ))
}

/// "Set up two-step verification": a new secret, shown until a code confirms it.
pub async fn setup(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> PageResult {
    let (s, _) = super::signed_in_form!(state, headers, body, "/settings");
    if s.user.two_step() {
        return Ok(see_other("/settings", []));
    }
    // Turning it on could lock the owner out if a stolen session did it.
    if let Some(r) = super::reauth::needed(&s, "/settings") {
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
    body: Bytes,
) -> PageResult {
    let (s, f) = super::signed_in_form!(state, headers, body, "/settings");
    if let Some(r) = super::reauth::needed(&s, "/settings") {
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
    let code = field(&f, "code").unwrap_or_default();
    let Some(step) = totp::matching_step(&secret, code, now()) else {
        return setup_page(
            &state,
            &s,
            &secret,
            StatusCode::BAD_REQUEST,
            Some(
                "That code is not right. Check the time on your phone and enter the current code.",
            ),
        );
    };
    let codes = totp::recovery_codes();
    let hashes: Vec<String> = codes.iter().map(|c| totp::recovery_hash(c)).collect();
    if !store.enable_totp(&s.user.id, step, &hashes, now()).await? {
        return Ok(see_other("/settings", []));
    }
    audit::record_user(store, &client, event::TWO_STEP_ENABLED, &s.user.id).await;
    // A privilege change: renew the session id.
    let renewed = session::renew(&state, &headers).await?;
    Ok(page(
        StatusCode::OK,
        &CodesPage {
            menu: &s.menu,
            codes: &codes,
        },
        s.cookie.into_iter().chain(renewed),
    ))
}

/// "New recovery codes": replaces every recovery code of the account with a fresh
/// set, shown once. Needs a recent authentication, like turning it on.
pub async fn new_recovery_codes(
    State(state): State<AppState>,
    headers: HeaderMap,
    client: Requester,
    body: Bytes,
) -> PageResult {
    let (s, _) = super::signed_in_form!(state, headers, body, "/settings");
    if let Some(r) = super::reauth::needed(&s, "/settings") {
        return Ok(r);
    }
    let codes = totp::recovery_codes();
    let hashes: Vec<String> = codes.iter().map(|c| totp::recovery_hash(c)).collect();
    let store = state.store();
    if !store.replace_recovery_codes(&s.user.id, &hashes).await? {
        return Ok(see_other("/settings", []));
    }
    audit::record_user(store, &client, event::RECOVERY_CODES_RENEWED, &s.user.id).await;
    Ok(page(
        StatusCode::OK,
        &CodesPage {
            menu: &s.menu,
            codes: &codes,
        },
        s.cookie,
    ))
}

/// "Turn off two-step verification": asks for the password (or, for an account
/// without one, a current code).
pub async fn disable(
    State(state): State<AppState>,
    headers: HeaderMap,
    client: Requester,
    body: Bytes,
) -> PageResult {
    let (s, f) = super::signed_in_form!(state, headers, body, "/settings");
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
    if let Err(wait) = state.throttle.attempt(store, &keys, now()).await {
        return Ok(too_many(wait.0));
    }
    let proved = if s.user.password_hash.is_some() {
        let password = field(&f, "password").unwrap_or_default();
        state
            .hasher
            .verify(password, s.user.password_hash.as_deref())
            .await
    } else {
        let code = field(&f, "code").unwrap_or_default();
        check_code(&state, &s.user.id, code).await?.is_some()
    };
    if !proved {
        return Ok(see_other(&Notice::TwoStepWrong.url(), []));
    }
    state.throttle.clear(store, &keys[0]).await;
    store.disable_totp(&s.user.id, now()).await?;
    audit::record_user(store, &client, event::TWO_STEP_DISABLED, &s.user.id).await;
    let renewed = session::renew(&state, &headers).await?;
    Ok(see_other(&Notice::TwoStepOff.url(), renewed))
}
