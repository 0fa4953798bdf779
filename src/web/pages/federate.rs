//! `/federate/{id}` and its callback: "Sign in with Google" (and any other
//! `[[upstream]]`). The protocol work is in `crate::federation`; this module decides
//! what a verified assertion means for the accounts here.

use super::prelude::*;
use crate::{
    account::avatar,
    crypto,
    federation::{self, Assertion, FederationError, Upstream},
    oidc::vocab::Amr,
    signin::LinkOffer,
    store::{
        StoreError,
        federation::{Identity, NewState},
        users::{NewUser, User},
    },
    web::{
        session::{cookie_name, read_cookie, set_cookie},
        signin::{self, Carried, Jar, pending},
        ui::Ui,
    },
};
use axum::extract::Path;

/// Binds an upstream round trip to the browser that started it (login CSRF defence).
const FED_COOKIE: &str = "lanyard_fed";

/// An upstream sign-in that did not work: counted, written to the audit log as a
/// failed sign-in (`fed <upstream id>`; no account is known yet), and explained.
async fn failed(
    state: &AppState,
    client: &Requester,
    upstream_id: &str,
    e: &FederationError,
) -> Response {
    audit::count_sign_in("fed", false);
    let detail = format!("fed {upstream_id}");
    let event = event::SIGN_IN_FAILED;
    audit::record(state.store(), client, event, None, Some(&detail)).await;
    let ui = Ui::current();
    let (message, detail) = explain(&ui, e);
    let back = ui.t("back-to-sign-in");
    crate::web::render::error_page_with(
        StatusCode::BAD_GATEWAY,
        &ui.t("federate-failed-title"),
        &message,
        detail.as_deref(),
        Some(("/login", &back)),
    )
}

/// What a failed upstream sign-in tells the person (the error's `Display` is
/// English, for logs), and what it tells a developer (the upstream's error code).
fn explain(ui: &Ui, e: &FederationError) -> (String, Option<String>) {
    let plain = |m: String| (m, None);
    match e {
        FederationError::Unreachable(name) => plain(ui.t1("federate-unreachable", "name", name)),
        FederationError::Refused(name, code) => (
            ui.t1("federate-refused", "name", name),
            Some(format!("error={code}")),
        ),
        FederationError::Invalid(name) => plain(ui.t1("federate-invalid", "name", name)),
        FederationError::BadState => plain(ui.t("federate-bad-state")),
        FederationError::BadEmail(name) => plain(ui.t1("federate-bad-email", "name", name)),
    }
}

/// The `[[upstream]]` named in the path.
fn upstream<'a>(state: &'a AppState, id: &str) -> Option<Upstream<'a>> {
    let found = state.config.upstream.iter().find(|u| u.id == id);
    found.map(|u| Upstream::new(u, state.config.issuer()))
}

/// The page for a path that names no `[[upstream]]`.
fn unknown_upstream() -> Response {
    let ui = Ui::current();
    error_page(
        StatusCode::NOT_FOUND,
        &ui.t("federate-unknown-title"),
        &ui.t("federate-unknown"),
    )
}

pub async fn start(
    State(state): State<AppState>,
    headers: HeaderMap,
    client: Requester,
    now: Now,
    Path(id): Path<String>,
    Query(q): Query<Carried>,
) -> PageResult {
    let Some(up) = upstream(&state, &id) else {
        return Ok(unknown_upstream());
    };
    let cont = q.continuation();
    pending(&state, &headers, &cont, now).await?;
    let (url, st, sealed) = match up.start(&state.provider.master).await {
        Ok(x) => x,
        Err(e) => return Ok(failed(&state, &client, &id, &e).await),
    };
    let (binding, cookie) =
        match read_cookie(&headers, &cookie_name(&state, FED_COOKIE)).filter(|v| v.len() == 43) {
            Some(v) => (v, None),
            None => {
                let v = crypto::random_token();
                let c = set_cookie(&state, FED_COOKIE, &v, None);
                (v, Some(c))
            }
        };
    let now = now.0;
    state
        .store()
        .create_federation_state(
            &NewState {
                state_hash: &crypto::token_hash(&st),
                upstream_id: &id,
                browser_hash: &crypto::token_hash(&binding),
                secrets: &sealed,
                uid: cont.uid(),
                next: cont.next(),
            },
            now,
            now + federation::STATE_TTL,
        )
        .await?;
    Ok(see_other(&url, cookie))
}

/// What an upstream sends back (OAuth 2.0, RFC 6749 §4.1.2 and §4.1.2.1).
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Callback {
    state: String,
    code: String,
    error: Option<String>,
}

pub async fn callback(
    State(state): State<AppState>,
    headers: HeaderMap,
    client: Requester,
    now: Now,
    Path(id): Path<String>,
    Query(q): Query<Callback>,
) -> PageResult {
    let Some(up) = upstream(&state, &id) else {
        return Ok(unknown_upstream());
    };
    let taken = state
        .store()
        .take_federation_state(&crypto::token_hash(&q.state), now.0)
        .await?;
    let binding =
        read_cookie(&headers, &cookie_name(&state, FED_COOKIE)).map(|v| crypto::token_hash(&v));
    let Some(taken) =
        taken.filter(|p| Some(&p.browser_hash) == binding.as_ref() && p.upstream_id == id)
    else {
        tracing::warn!(upstream = %id, "federation callback with an unknown state or from another browser");
        return Ok(failed(&state, &client, &id, &FederationError::BadState).await);
    };
    // The authorization request it continues must still be this browser's.
    let cont = Continuation::new(&taken.uid, &taken.next);
    pending(&state, &headers, &cont, now).await?;
    if let Some(error) = &q.error {
        tracing::info!(upstream = %id, %error, "upstream refused the sign-in");
        let short: String = error
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
            .take(40)
            .collect();
        let refused = FederationError::Refused(up.config.display_name(), short);
        return Ok(failed(&state, &client, &id, &refused).await);
    }
    let assertion = match up
        .finish(&state.provider.master, &taken.secrets, &q.code)
        .await
    {
        Ok(a) => a,
        Err(e) => return Ok(failed(&state, &client, &id, &e).await),
    };
    let store = state.store();
    let user = match store
        .identity(&assertion.issuer, &assertion.subject)
        .await?
    {
        Some(identity) => store.user_by_id(&identity.user_id).await?,
        None => None,
    };
    let user = match user {
        Some(u) => u,
        None => match new_account(&state, &up, &assertion, &urls::login(&cont), now.0).await? {
            NewAccount::Created(u) => u,
            NewAccount::Page(r) => return Ok(r),
        },
    };
    tracing::info!(user = %user.id, upstream = %id, "upstream sign-in");
    let browser = signin::browser(&state, &headers);
    let flow = signin::flow(&state, &client, &browser, now);
    let outcome = flow.first_factor(&user, Amr::Fed, true, &cont).await?;
    Ok(signin::respond(&state, &headers, outcome, || {
        let ui = Ui::current();
        error_page(
            StatusCode::FORBIDDEN,
            &ui.t("federate-disabled-title"),
            &ui.t("federate-disabled"),
        )
    }))
}

enum NewAccount {
    Created(User),
    Page(Response),
}

/// First sign-in with this upstream identity: create the account, or offer to link
/// it to an existing account with the same (verified) email.
async fn new_account(
    state: &AppState,
    up: &Upstream<'_>,
    a: &Assertion,
    back_to: &str,
    now: i64,
) -> anyhow::Result<NewAccount> {
    let name = up.config.display_name();
    let ui = Ui::current();
    let Some(email) = a.email.clone() else {
        return Ok(NewAccount::Page(error_page(
            StatusCode::BAD_REQUEST,
            &ui.t("federate-no-email-title"),
            &ui.t1("federate-no-email", "name", &name),
        )));
    };
    let with_both = |id: &str| ui.t2(id, "email", &email, "name", &name);
    let store = state.store();
    if store.user_by_login(&email).await?.is_some() {
        if !a.email_verified {
            return Ok(NewAccount::Page(error_page(
                StatusCode::CONFLICT,
                &ui.t("federate-exists-title"),
                &with_both("federate-exists-unconfirmed"),
            )));
        }
        let offer = LinkOffer {
            issuer: a.issuer.clone(),
            subject: a.subject.clone(),
            upstream_id: up.config.id.clone(),
            email: email.clone(),
        };
        let jar = Jar::new(state, [offer.cookie(&state.provider.master, now)?]);
        let (title, message) = (ui.t("federate-link-title"), with_both("federate-link"));
        let sign_in = ui.t("federate-link-sign-in");
        return Ok(NewAccount::Page(page(
            StatusCode::OK,
            &MessagePage::new(&title, &message, Some((back_to, &sign_in))),
            jar,
        )));
    }
    let lookalike = || {
        Ok(NewAccount::Page(error_page(
            StatusCode::CONFLICT,
            &ui.t("federate-lookalike-title"),
            &ui.t1("federate-lookalike", "email", &email),
        )))
    };
    if store.identifier_in_use(&email).await? {
        return lookalike();
    }
    if !a.email_verified {
        return Ok(NewAccount::Page(error_page(
            StatusCode::FORBIDDEN,
            &ui.t("federate-unconfirmed-title"),
            &with_both("federate-unconfirmed"),
        )));
    }
    if !state.config.signup.enabled {
        return Ok(NewAccount::Page(error_page(
            StatusCode::FORBIDDEN,
            &ui.t("signup-closed-title"),
            &ui.t("signup-closed"),
        )));
    }
    let base = federation::username_base(a);
    let identity = Identity {
        issuer: a.issuer.clone(),
        subject: a.subject.clone(),
        user_id: String::new(),
        upstream_id: up.config.id.clone(),
        email: Some(email.clone()),
    };
    for attempt in 0..20 {
        let username = match attempt {
            0 => base.clone(),
            n if n < 10 => format!("{base}{}", n + 1),
            _ => format!("{base}{}", u16::from_le_bytes(crypto::random_bytes::<2>())),
        };
        if store.user_by_login(&username).await?.is_some() {
            continue;
        }
        let new = NewUser {
            username: &username,
            email: &email,
            email_verified: a.email_verified,
            name: a.name.as_deref(),
            password_hash: None,
        };
        match store.create_federated_user(&new, &identity, now).await {
            Ok(user) => {
                tracing::info!(user = %user.id, upstream = %up.config.id, "account created through an upstream");
                if let Some(url) = &a.picture
                    && let Some(bytes) = up.fetch_picture(url).await
                    && let Ok(png) = avatar::process_limited(bytes).await
                {
                    store.set_avatar(&user.id, &png, now).await?;
                }
                let user = store.user_by_id(&user.id).await?.unwrap_or(user);
                return Ok(NewAccount::Created(user));
            }
            Err(StoreError::Conflict(_)) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    // Twenty conflicts: usernames were taken, or (in a race) the address itself got
    // an account meanwhile; the latter is the usual answer, the former a 500.
    if store.identifier_in_use(&email).await? {
        return lookalike();
    }
    anyhow::bail!("could not find a free username for {base}")
}
