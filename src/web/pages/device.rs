//! `/device`: the person's side of the device flow (RFC 8628 §3.3). Signed in (with
//! whatever the account needs: password, passkey, two-step code), they type the
//! code their TV or command-line tool shows ("Code", "Continue"), see which app asks
//! for what, and answer "Allow" or "Deny".
//!
//! User codes are short, so guesses are throttled per account and per address,
//! each counted before the lookup (§5.1); a found code is refunded, so only wrong
//! ones count (never cleared: anyone can make valid codes of their own).

use super::prelude::*;
use crate::{
    auth::throttle::{Key, Kind},
    oidc::{device, scope_list},
    store::device_codes::DeviceCode,
    web::{menu::Menu, state::App, ui::Ui},
};

#[derive(Template)]
#[template(path = "device.html")]
struct DevicePage<'a> {
    ui: Ui,
    menu: &'a Menu,
    /// What was typed (shown again with its error).
    typed: &'a str,
    error: Option<String>,
    /// The request the code names, once found: the confirmation step.
    asking: Option<Asking>,
}

/// The confirmation step: which app, for what, on which account.
struct Asking {
    app: App,
    scopes: Vec<String>,
    /// The code as the device shows it, to compare.
    code: String,
    sid: String,
}

/// `?user_code=` (the `verification_uri_complete` link) or the form's field.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CodeForm {
    user_code: String,
}

pub async fn show(
    State(state): State<AppState>,
    from: Requester,
    me: Option<SignedIn>,
    Query(CodeForm { user_code }): Query<CodeForm>,
) -> PageResult {
    let Some(me) = me else {
        return Ok(sign_in_first(&user_code));
    };
    if user_code.trim().is_empty() {
        return render(&me, StatusCode::OK, "", None, None);
    }
    code_step(&state, &from, &me, &user_code).await
}

/// "Continue" with a code typed on the page.
pub async fn submit(
    State(state): State<AppState>,
    from: Requester,
    me: Option<SignedIn>,
    CsrfForm(CodeForm { user_code }): CsrfForm<CodeForm>,
) -> PageResult {
    let Some(me) = me else {
        return Ok(sign_in_first(&user_code));
    };
    code_step(&state, &from, &me, &user_code).await
}

/// Sign in first, then back here with the code.
fn sign_in_first(user_code: &str) -> Response {
    let back = match user_code.trim() {
        "" => "/device".to_string(),
        c => format!("/device?user_code={}", urls::encode(c)),
    };
    see_other(&urls::login_then(&back), [])
}

/// Looks the code up (throttled) and shows the confirmation, or the form again
/// with what went wrong next to the field.
async fn code_step(state: &AppState, from: &Requester, me: &SignedIn, typed: &str) -> PageResult {
    let ui = Ui::current();
    match lookup(state, from, me, typed).await? {
        Lookup::Found(_, request) => {
            let asking = asking(state, &ui, &request, typed, &me.session.sid);
            render(me, StatusCode::OK, typed, None, Some(asking))
        }
        Lookup::Unknown => {
            let e = ui.t("device-code-unknown");
            render(me, StatusCode::BAD_REQUEST, typed, Some(e), None)
        }
        Lookup::Throttled(r) => Ok(r),
    }
}

enum Lookup {
    /// The stored hash and the request.
    Found(String, DeviceCode),
    Unknown,
    Throttled(Response),
}

async fn lookup(
    state: &AppState,
    from: &Requester,
    me: &SignedIn,
    typed: &str,
) -> Result<Lookup, PageError> {
    let keys = [
        Key::account("device_code", &me.user.id),
        Key::ip(Kind::IpFailures, "device_code", from.ip),
    ];
    if let Err(wait) = state.throttle.attempt(state.store(), &keys).await {
        return Ok(Lookup::Throttled(too_many(wait.0)));
    }
    match device::pending(&state.provider, typed, me.now).await? {
        Some((hash, request)) => {
            for k in &keys {
                state.throttle.refund(state.store(), k).await;
            }
            Ok(Lookup::Found(hash, request))
        }
        None => Ok(Lookup::Unknown),
    }
}

fn asking(state: &AppState, ui: &Ui, request: &DeviceCode, typed: &str, sid: &str) -> Asking {
    let mut ids: Vec<&'static str> = scope_list(&request.scope)
        .into_iter()
        .map(crate::web::ui::scope_message)
        .collect();
    ids.dedup();
    Asking {
        app: state.app(&request.client_id),
        scopes: ids.into_iter().map(|id| ui.t(id)).collect(),
        code: device::normalize(typed)
            .map(|c| device::grouped(&c))
            .unwrap_or_default(),
        sid: sid.to_string(),
    }
}

fn render(
    me: &SignedIn,
    status: StatusCode,
    typed: &str,
    error: Option<String>,
    asking: Option<Asking>,
) -> PageResult {
    Ok(page(
        status,
        &DevicePage {
            ui: Ui::current(),
            menu: &me.menu,
            typed,
            error,
            asking,
        },
        me.cookie.clone(),
    ))
}

/// "Allow" or "Deny" for the code the page showed, by the account it showed.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Decision {
    user_code: String,
    sid: String,
    decision: String,
}

pub async fn decide(
    State(state): State<AppState>,
    from: Requester,
    me: Option<SignedIn>,
    CsrfForm(f): CsrfForm<Decision>,
) -> PageResult {
    let Some(me) = me else {
        return Ok(sign_in_first(&f.user_code));
    };
    if f.sid != me.session.sid {
        // Another account was chosen in another tab: ask again, for this one.
        let again = format!("/device?user_code={}", urls::encode(&f.user_code));
        return Ok(see_other(&again, []));
    }
    let (hash, request) = match lookup(&state, &from, &me, &f.user_code).await? {
        Lookup::Found(hash, request) => (hash, request),
        Lookup::Throttled(r) => return Ok(r),
        Lookup::Unknown => return Ok(answered_page()),
    };
    let allow = f.decision == "allow";
    let provider = &state.provider;
    if !device::answer(provider, &hash, &request, &me.session, allow, me.now).await? {
        return Ok(answered_page());
    }
    let event = if allow {
        event::DEVICE_ALLOWED
    } else {
        event::DEVICE_DENIED
    };
    let detail = Some(request.client_id.as_str());
    audit::record(state.store(), &from, event, Some(&me.user.id), detail).await;
    let ui = Ui::current();
    let name = state.app(&request.client_id).name;
    let (title, message) = match allow {
        true => ("device-allowed-title", "device-allowed"),
        false => ("device-denied-title", "device-denied"),
    };
    let (title, message) = (ui.t(title), ui.t1(message, "client", &name));
    let another = ui.t("device-another");
    let to = MessagePage::new(&title, &message, Some(("/device", &another)));
    Ok(page(StatusCode::OK, &to, []))
}

/// The code was answered (or expired) meanwhile: say so, with the way to start over.
fn answered_page() -> Response {
    let ui = Ui::current();
    let (title, message) = (ui.t("device-gone-title"), ui.t("device-gone"));
    let again = ui.t("device-another");
    page(
        StatusCode::GONE,
        &MessagePage::new(&title, &message, Some(("/device", &again))),
        [],
    )
}
