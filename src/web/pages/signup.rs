//! `/signup`: "Email", "Username", "Password", the "Terms of Use" checkbox and
//! "Create free account". The account starts unconfirmed; a link by email confirms it.
//!
//! An email address that already has an account gets the same "check your email"
//! answer as a new one (its owner receives a note instead), so the form does not tell
//! a stranger which addresses have accounts. Usernames are public names, so a taken
//! one is reported.

use super::prelude::*;
use crate::{
    account::{links, rules},
    auth::throttle::{Key, Kind},
    signin::confirmation::SignedUp,
    store::{StoreError, users::NewUser},
    web::{
        signin::{self, Jar, check_your_email, upstream_buttons},
        ui::Ui,
    },
};

fn taken() -> String {
    Ui::current().t("signup-username-taken")
}

#[derive(Default)]
pub struct FieldErrors {
    pub email: Option<String>,
    pub username: Option<String>,
    pub password: Option<String>,
    pub terms: Option<String>,
}

impl FieldErrors {
    fn any(&self) -> bool {
        self.email.is_some()
            || self.username.is_some()
            || self.password.is_some()
            || self.terms.is_some()
    }
}

#[derive(Template)]
#[template(path = "signup.html")]
struct SignupPage<'a> {
    ui: Ui,
    csrf: &'a str,
    next: &'a str,
    email: &'a str,
    username: &'a str,
    terms: bool,
    terms_url: &'a str,
    error: Option<&'a str>,
    errors: FieldErrors,
    upstreams: Vec<(String, String)>,
    /// "Sign in", keeping the pending request or `next`.
    sign_in: String,
}

struct Filled<'a> {
    next: &'a str,
    email: &'a str,
    username: &'a str,
    terms: bool,
}

fn render(
    state: &AppState,
    headers: &HeaderMap,
    status: StatusCode,
    f: Filled<'_>,
    errors: FieldErrors,
    error: Option<&str>,
) -> Response {
    let (token, cookie) = csrf::token(state, headers);
    page(
        status,
        &SignupPage {
            ui: Ui::current(),
            csrf: &token,
            next: f.next,
            email: f.email,
            username: f.username,
            terms: f.terms,
            terms_url: &state.config.signup.terms_url,
            error,
            errors,
            upstreams: upstream_buttons(state),
            sign_in: urls::login(&Continuation::from_next(f.next)),
        },
        cookie,
    )
}

fn disabled() -> Response {
    let ui = Ui::current();
    error_page(
        StatusCode::NOT_FOUND,
        &ui.t("signup-closed-title"),
        &ui.t("signup-closed"),
    )
}

/// `?next=`: where a new account continues after confirming.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Next {
    next: String,
}

pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<Next>,
) -> PageResult {
    if !state.config.signup.enabled {
        return Ok(disabled());
    }
    let filled = Filled {
        next: safe_next(&q.next).unwrap_or_default(),
        email: "",
        username: "",
        terms: false,
    };
    Ok(render(
        &state,
        &headers,
        StatusCode::OK,
        filled,
        FieldErrors::default(),
        None,
    ))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SignupForm {
    next: String,
    email: String,
    username: String,
    password: String,
    terms: Option<String>,
}

pub async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    client: Requester,
    now: Now,
    CsrfForm(f): CsrfForm<SignupForm>,
) -> PageResult {
    if !state.config.signup.enabled {
        return Ok(disabled());
    }
    // Each signup sends mail: limit how many one address can start.
    let key = Key::ip(Kind::IpRequests, "signup", client.ip);
    if let Err(wait) = state.throttle.request(state.store(), &[key]).await {
        return Ok(too_many(wait.0));
    }
    let email = f.email.trim().to_lowercase();
    let username = f.username.trim().to_lowercase();
    let password = f.password.as_str();
    let terms = f.terms.is_some();
    let next = safe_next(&f.next).unwrap_or_default();
    let filled = Filled {
        next,
        email: &email,
        username: &username,
        terms,
    };

    let store = state.store();
    let ui = Ui::current();
    let say = |id: Option<&str>| id.map(|id| ui.t(id));
    let mut errors = FieldErrors {
        email: say(rules::email_problem(&email)),
        username: say(rules::username_problem(&username)),
        password: say(rules::password_problem(password, &username, &email)),
        terms: (!terms).then(|| ui.t("signup-terms-required")),
    };
    // A look-alike of a taken name (same confusable skeleton: "pаypal" with a
    // Cyrillic "а", "paypa1") is taken too, whatever else is wrong with it.
    if username.chars().count() <= 64 && store.identifier_in_use(&username).await? {
        errors.username = Some(taken());
    }
    let refused = |filled, errors| {
        let status = StatusCode::BAD_REQUEST;
        Ok(render(&state, &headers, status, filled, errors, None))
    };
    if errors.any() {
        return refused(filled, errors);
    }
    // Hash before looking at the email, so both outcomes take the same time.
    let hash = state.hasher.hash(password).await?;
    let new = NewUser {
        username: &username,
        email: &email,
        email_verified: false,
        name: None,
        password_hash: Some(&hash),
    };
    // This browser may finish signing in with the confirmation link. Every answer
    // sets the cookie (for an address that has an account, one that names nobody),
    // so the response does not tell which it was.
    let mut signed_up = uuid::Uuid::new_v4().to_string();
    match store.create_user(&new, now.0).await {
        Ok(user) => {
            store.set_locale(&user.id, Ui::current().lang()).await?;
            links::send_confirmation(&state.account(now.0), &user, next).await?;
            tracing::info!(user = %user.id, "account created, waiting for confirmation");
            signed_up = user.id;
        }
        Err(StoreError::Conflict(_)) => match store.user_by_login(&email).await? {
            Some(existing) => links::send_signup_attempt(&state.account(now.0), &existing).await?,
            // A look-alike of an address that has an account: the same answer as
            // for a taken address, and no account. Only the typed address hears why.
            None if store.identifier_in_use(&email).await? => {
                links::send_lookalike_address(&state.account(now.0), &email).await?
            }
            None => {
                // The username was taken between the check and the insert.
                let errors = FieldErrors {
                    username: Some(taken()),
                    ..FieldErrors::default()
                };
                return refused(filled, errors);
            }
        },
        Err(e) => return Err(e.into()),
    }
    let previous = signin::browser(&state, &headers).signed_up;
    let master = &state.provider.master;
    let cookie = SignedUp::cookie(previous.as_deref(), &signed_up, master, now.0)?;
    let mut r = check_your_email(&state, &headers, now, &email, next, false)?;
    for c in Jar::new(&state, [cookie]) {
        r.headers_mut().append(axum::http::header::SET_COOKIE, c);
    }
    Ok(r)
}
