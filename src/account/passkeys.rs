//! An account's passkeys: the ceremonies that add one and sign in with one, and
//! renaming and removing them. A ceremony's state waits in `passkey_ceremonies`
//! (single use, five minutes) under a random id the page holds; it ends only for
//! the kind and owner it began for (the account adding a passkey, the reset link,
//! the waiting two-step sign-in), so one person's ceremony cannot finish another's.
//! Sign-in answers are throttled like passwords: per IP and per credential.

use super::Services;
use crate::{
    audit::{self, Requester, event},
    auth::{
        passkey::{self, CEREMONY_TTL, PasskeyError, Passkeys, Verified},
        throttle::{Key, Kind},
    },
    crypto,
    oidc::vocab::Amr,
    store::{
        StoreError,
        passkeys::{PasskeyRow, kind},
        users::User,
    },
};
use serde_json::{Value, json};

/// The longest passkey name kept.
pub const MAX_NAME: usize = 60;

/// Why a passkey was not added or a sign-in with one refused: a catalog message
/// (`locales/*/passkeys.ftl`) for the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// The ceremony is unknown, used or over: start again.
    Expired,
    /// The answer did not read or verify.
    Refused,
    /// The passkey is not (or no longer) one of this site's.
    Unknown,
    /// It is registered already (to this account or another).
    Taken,
    /// A cloned authenticator is suspected: refused and audited.
    PossibleClone,
    /// Too many tries: wait this many seconds.
    Throttled(u64),
    /// This server has no passkeys (its issuer is on an IP address).
    Off,
}

impl Problem {
    pub fn message_id(self) -> &'static str {
        match self {
            Problem::Expired => "passkey-expired",
            Problem::Refused => "passkey-refused",
            Problem::Unknown => "passkey-unknown",
            Problem::Taken => "passkey-taken",
            Problem::PossibleClone => "passkey-clone",
            Problem::Throttled(_) => "passkey-throttled",
            Problem::Off => "passkey-off",
        }
    }
}

/// Starts a ceremony of `kind` for `owner`: keeps its state and returns what the
/// page's script needs: `{"ceremony": id, "options": …}`.
async fn begin(
    services: &Services<'_>,
    kind: &str,
    owner: &str,
    (options, state): (Value, String),
) -> anyhow::Result<Value> {
    let id = crypto::random_token();
    let expires = services.now + CEREMONY_TTL;
    services
        .store
        .create_ceremony(&crypto::token_hash(&id), kind, owner, &state, expires)
        .await?;
    Ok(json!({ "ceremony": id, "options": options }))
}

/// Ends a ceremony once; `None` when it is not one of `kind` for `owner`, or over.
async fn take(
    services: &Services<'_>,
    kind: &str,
    owner: &str,
    ceremony: &str,
) -> anyhow::Result<Option<String>> {
    if ceremony.is_empty() || ceremony.len() > 64 {
        return Ok(None);
    }
    let hash = crypto::token_hash(ceremony);
    Ok(services
        .store
        .take_ceremony(&hash, kind, owner, services.now)
        .await?)
}

fn on<'a>(services: &Services<'a>) -> Result<&'a Passkeys, Problem> {
    services.passkeys.ok_or(Problem::Off)
}

/// The account's passkeys as webauthn-rs reads them (a row that does not parse
/// is left out and logged).
async fn credentials(
    services: &Services<'_>,
    user_id: &str,
) -> anyhow::Result<Vec<webauthn_rs::prelude::Passkey>> {
    let rows = services.store.user_passkeys(user_id).await?;
    Ok(rows
        .iter()
        .filter_map(|r| {
            let p = passkey::parse_stored(&r.passkey);
            if p.is_none() {
                tracing::warn!(cred = %r.cred_id, "a stored passkey does not parse");
            }
            p
        })
        .collect())
}

/// Options for adding a passkey to `user`; `kind`/`owner` say what authorizes it
/// (a signed-in session: REGISTER and the account id; a reset link: RESET and the
/// link's hash).
pub async fn registration_options(
    services: &Services<'_>,
    user: &User,
    kind: &str,
    owner: &str,
) -> anyhow::Result<Result<Value, Problem>> {
    let Ok(pk) = on(services) else {
        return Ok(Err(Problem::Off));
    };
    let Some(handle) = passkey::handle(&user.id) else {
        anyhow::bail!("account {} has no UUID id for a user handle", user.id);
    };
    let existing = credentials(services, &user.id).await?;
    let display = user.name.as_deref().unwrap_or(&user.username);
    let started = pk.start_registration(handle, &user.email, display, &existing)?;
    Ok(Ok(begin(services, kind, owner, started).await?))
}

/// A name for a passkey: what was typed, trimmed and cut to [`MAX_NAME`], else a
/// default ("Passkey").
pub fn clean_name(typed: &str, default: &str) -> String {
    let name: String = typed
        .trim()
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_NAME)
        .collect();
    if name.is_empty() {
        default.to_string()
    } else {
        name
    }
}

/// Adds the passkey a registration ceremony produced.
pub async fn add(
    services: &Services<'_>,
    requester: &Requester,
    user: &User,
    (kind, owner, ceremony): (&str, &str, &str),
    answer: &str,
    name: &str,
) -> anyhow::Result<Result<(), Problem>> {
    let Ok(pk) = on(services) else {
        return Ok(Err(Problem::Off));
    };
    let Some(state) = take(services, kind, owner, ceremony).await? else {
        return Ok(Err(Problem::Expired));
    };
    let credential = match pk.finish_registration(answer, &state) {
        Ok(c) => c,
        Err(e) => {
            tracing::info!(user = %user.id, error = %e, "a passkey was not added");
            return Ok(Err(Problem::Refused));
        }
    };
    let row = PasskeyRow {
        cred_id: passkey::cred_id_text(credential.cred_id()),
        user_id: user.id.clone(),
        name: name.to_string(),
        passkey: passkey::stored(&credential),
        backup_eligible: backup_eligible(&credential),
        created_at: services.now,
        last_used_at: None,
    };
    match services.store.add_passkey(&row).await {
        Ok(()) => {}
        Err(StoreError::Conflict(_)) => return Ok(Err(Problem::Taken)),
        Err(e) => return Err(e.into()),
    }
    let detail = format!("{} ({})", row.name, row.cred_id);
    audit::record(
        services.store,
        requester,
        event::PASSKEY_ADDED,
        Some(&user.id),
        Some(&detail),
    )
    .await;
    Ok(Ok(()))
}

/// Whether a credential is synced or may be (from its stored JSON: the flag is
/// not exposed otherwise).
fn backup_eligible(credential: &webauthn_rs::prelude::Passkey) -> bool {
    serde_json::to_value(credential)
        .ok()
        .and_then(|v| v.pointer("/cred/backup_eligible").and_then(Value::as_bool))
        .unwrap_or(false)
}

/// RFC 8176 values for a verified passkey: `swk` for a synced (software) key,
/// `hwk` for a device-bound one; `user` and `mfa` when it verified the user.
pub fn amr(v: &Verified) -> Vec<Amr> {
    let key = if v.backup_eligible {
        Amr::Swk
    } else {
        Amr::Hwk
    };
    if v.user_verified {
        vec![key, Amr::User, Amr::Mfa]
    } else {
        vec![key]
    }
}

/// Options for a sign-in without a name; `modal` for the button (autofill keeps
/// conditional mediation).
pub async fn sign_in_options(
    services: &Services<'_>,
    modal: bool,
) -> anyhow::Result<Result<Value, Problem>> {
    let Ok(pk) = on(services) else {
        return Ok(Err(Problem::Off));
    };
    let started = pk.start_sign_in(modal)?;
    Ok(Ok(begin(services, kind::SIGN_IN, "", started).await?))
}

/// Checks a sign-in answer: the account it signs in and its `amr`.
pub async fn sign_in(
    services: &Services<'_>,
    requester: &Requester,
    ceremony: &str,
    answer: &str,
) -> anyhow::Result<Result<(User, Vec<Amr>), Problem>> {
    let Ok(pk) = on(services) else {
        return Ok(Err(Problem::Off));
    };
    let (store, throttle) = (services.store, services.throttle);
    let ip = Key::ip(Kind::IpFailures, "login", requester.ip);
    if let Err(wait) = throttle.attempt(store, std::slice::from_ref(&ip)).await {
        audit::record(
            store,
            requester,
            event::SIGN_IN_THROTTLED,
            None,
            Some("passkey"),
        )
        .await;
        return Ok(Err(Problem::Throttled(wait.0)));
    }
    let Some(state) = take(services, kind::SIGN_IN, "", ceremony).await? else {
        throttle.refund(store, &ip).await;
        return Ok(Err(Problem::Expired));
    };
    let (cred, cred_id, handle) = match pk.identify(answer) {
        Ok(x) => x,
        Err(_) => {
            return Ok(Err(
                failed(services, requester, None, Problem::Refused).await
            ));
        }
    };
    // The stored credential, of the account the answer claims and enabled.
    let row = store.passkey(&cred_id).await?;
    let owner = match &row {
        Some(r) if passkey::handle(&r.user_id) == Some(handle) => {
            store.user_by_id(&r.user_id).await?
        }
        _ => None,
    };
    let (Some(row), Some(user)) = (row, owner) else {
        return Ok(Err(
            failed(services, requester, None, Problem::Unknown).await
        ));
    };
    let per_key = Key::account("passkey", &row.cred_id);
    if let Err(wait) = throttle
        .attempt(store, std::slice::from_ref(&per_key))
        .await
    {
        audit::record(
            store,
            requester,
            event::SIGN_IN_THROTTLED,
            Some(&user.id),
            Some("passkey"),
        )
        .await;
        return Ok(Err(Problem::Throttled(wait.0)));
    }
    let Some(stored) = passkey::parse_stored(&row.passkey) else {
        return Ok(Err(failed(
            services,
            requester,
            Some(&user.id),
            Problem::Unknown,
        )
        .await));
    };
    let verified = match pk.finish_sign_in(&cred, &state, &stored) {
        Ok(v) => v,
        Err(e) => return Ok(Err(refusal(services, requester, &user.id, &row, e).await)),
    };
    used(services, &row, stored, &verified).await?;
    throttle.clear(store, &per_key).await;
    throttle.refund(store, &ip).await;
    Ok(Ok((user, amr(&verified))))
}

/// Options for the second step of `user` (its passkeys allowed), for the waiting
/// sign-in `owner`.
pub async fn second_step_options(
    services: &Services<'_>,
    user_id: &str,
    owner: &str,
) -> anyhow::Result<Result<Value, Problem>> {
    let Ok(pk) = on(services) else {
        return Ok(Err(Problem::Off));
    };
    let existing = credentials(services, user_id).await?;
    if existing.is_empty() {
        return Ok(Err(Problem::Unknown));
    }
    let started = pk.start_second_step(&existing)?;
    Ok(Ok(begin(services, kind::SECOND_STEP, owner, started).await?))
}

/// Checks a second-step answer with one of `user`'s passkeys; the `amr` it adds
/// (without `user` and `mfa` the sign-in's `mfa` comes from the first factor).
/// The caller counts the try (the two-step sign-in's counters).
pub async fn second_step(
    services: &Services<'_>,
    requester: &Requester,
    user: &User,
    (owner, ceremony): (&str, &str),
    answer: &str,
) -> anyhow::Result<Option<Vec<Amr>>> {
    let Ok(pk) = on(services) else {
        return Ok(None);
    };
    let Some(state) = take(services, kind::SECOND_STEP, owner, ceremony).await? else {
        return Ok(None);
    };
    let verified = match pk.finish_second_step(answer, &state) {
        Ok(v) => v,
        Err(e) => {
            if let Some(row) = services.store.passkey(&answer_cred_id(answer)).await? {
                refusal(services, requester, &user.id, &row, e).await;
            }
            return Ok(None);
        }
    };
    let Some(row) = services.store.passkey(&verified.cred_id).await? else {
        return Ok(None);
    };
    if row.user_id != user.id {
        return Ok(None);
    }
    let Some(stored) = passkey::parse_stored(&row.passkey) else {
        return Ok(None);
    };
    used(services, &row, stored, &verified).await?;
    // A second factor: `mfa` whether or not it verified the user.
    let mut amr = amr(&verified);
    if !amr.contains(&Amr::Mfa) {
        amr.push(Amr::Mfa);
    }
    Ok(Some(amr))
}

/// The credential id an answer names (for the audit of a refused one).
fn answer_cred_id(answer: &str) -> String {
    serde_json::from_str::<Value>(answer)
        .ok()
        .and_then(|v| v.get("id").and_then(Value::as_str).map(str::to_string))
        .unwrap_or_default()
}

/// Saves what a sign-in changed: last used, and the counter and backup state.
async fn used(
    services: &Services<'_>,
    row: &PasskeyRow,
    mut stored: webauthn_rs::prelude::Passkey,
    verified: &Verified,
) -> anyhow::Result<()> {
    let changed = stored.update_credential(&verified.result) == Some(true);
    let json = changed.then(|| passkey::stored(&stored));
    services
        .store
        .passkey_used(&row.cred_id, json.as_deref(), services.now)
        .await?;
    Ok(())
}

/// A failed sign-in answer: audited (and counted), and the page's problem.
async fn failed(
    services: &Services<'_>,
    requester: &Requester,
    user_id: Option<&str>,
    problem: Problem,
) -> Problem {
    audit::count_sign_in("passkey", false);
    audit::record(
        services.store,
        requester,
        event::SIGN_IN_FAILED,
        user_id,
        Some("passkey"),
    )
    .await;
    problem
}

/// A verified-but-refused answer; a counter that went backwards is a possible
/// clone, audited as such.
async fn refusal(
    services: &Services<'_>,
    requester: &Requester,
    user_id: &str,
    row: &PasskeyRow,
    e: PasskeyError,
) -> Problem {
    if e == PasskeyError::PossibleClone {
        tracing::warn!(user = %user_id, cred = %row.cred_id, "passkey counter went backwards: possible clone");
        let detail = format!("{} ({})", row.name, row.cred_id);
        audit::record(
            services.store,
            requester,
            event::PASSKEY_CLONE_SUSPECTED,
            Some(user_id),
            Some(&detail),
        )
        .await;
        audit::count_sign_in("passkey", false);
        return Problem::PossibleClone;
    }
    tracing::info!(user = %user_id, error = %e, "passkey sign-in refused");
    failed(services, requester, Some(user_id), Problem::Refused).await
}

/// Why a passkey may not be removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RemoveProblem {
    /// The account has no such passkey.
    Unknown,
    /// It is the last way to sign in (no password, no linked account, no other passkey).
    Last,
}

/// Removes one of the account's passkeys, unless it is its last way to sign in.
pub async fn remove(
    services: &Services<'_>,
    requester: &Requester,
    user: &User,
    cred_id: &str,
) -> anyhow::Result<Result<(), RemoveProblem>> {
    let store = services.store;
    let mine = store.user_passkeys(&user.id).await?;
    let Some(row) = mine.iter().find(|r| r.cred_id == cred_id) else {
        return Ok(Err(RemoveProblem::Unknown));
    };
    let others = mine.len() > 1
        || user.password_hash.is_some()
        || !store.user_identities(&user.id).await?.is_empty();
    if !others {
        return Ok(Err(RemoveProblem::Last));
    }
    if !store.delete_passkey(&user.id, cred_id).await? {
        return Ok(Err(RemoveProblem::Unknown));
    }
    let detail = format!("{} ({})", row.name, row.cred_id);
    audit::record(
        store,
        requester,
        event::PASSKEY_REMOVED,
        Some(&user.id),
        Some(&detail),
    )
    .await;
    Ok(Ok(()))
}
