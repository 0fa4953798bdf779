//! The device authorization grant (RFC 8628): a TV or a command-line tool asks for
//! a device code and a user code (§3.1, §3.2), shows the user code, and polls the
//! token endpoint (§3.4, §3.5, in `grants::device_code`) while the person enters
//! the code at `/device` on a phone or computer and answers "Allow" or "Deny"
//! (§3.3, the web layer's page, which calls [`answer`]).

use super::{
    Provider, clients::Client, error::OAuthError, params::Params, scope_list, vocab::GrantType,
};
use crate::store::{
    StoreResult,
    device_codes::{DeviceCode, DeviceDecision, NewDeviceCode},
    grants::Grant,
    sessions::Session,
};
use serde::Serialize;

/// How long a device code and its user code stay usable (§3.2 `expires_in`).
pub const TTL: i64 = 600;
/// The first wait between polls (§3.2 `interval`; 5 s is the RFC's default).
pub const INTERVAL: i64 = 5;
/// Letters easy to read aloud and to type on a phone: consonants only (no words
/// are spelt by accident), none that look alike (RFC 8628 §6.1's example set).
const ALPHABET: &[u8; 20] = b"BCDFGHJKLMNPQRSTVWXZ";
/// 20^8 ≈ 2.6·10¹⁰ codes: with the throttle on guesses and a 10-minute life,
/// guessing a live one is out of reach (§5.1).
const USER_CODE_LEN: usize = 8;

/// The device authorization response (§3.2).
#[derive(Debug, Serialize)]
pub struct DeviceAuthorization {
    pub device_code: String,
    /// Shown grouped, `BCDF-GHJK`; typed with or without the dash, in any case.
    pub user_code: String,
    pub verification_uri: String,
    pub verification_uri_complete: String,
    pub expires_in: i64,
    pub interval: i64,
}

/// `POST /device_authorization`: authenticates the client (as at the token
/// endpoint), checks the scope, stores the request, and answers with both codes.
pub async fn authorize(
    provider: &Provider,
    authorization: Option<&str>,
    params: &Params,
    now: i64,
) -> Result<DeviceAuthorization, OAuthError> {
    let (client, _) =
        super::client_auth::authenticate_request(provider, authorization, params, now).await?;
    if !client.allows_grant(GrantType::DeviceCode) {
        return Err(OAuthError::unauthorized_client(
            "this client may not use the device authorization grant (add urn:ietf:params:oauth:grant-type:device_code to its grant_types)",
        ));
    }
    let scope = requested_scope(client, params.get("scope")?.unwrap_or("openid"))?;
    let device_code = crate::crypto::random_token();
    let user_code = new_user_code();
    provider
        .store
        .create_device_code(
            &NewDeviceCode {
                device_code_hash: &crate::crypto::token_hash(&device_code),
                user_code_hash: &crate::crypto::token_hash(&user_code),
                client_id: &client.id,
                scope: &scope,
                expires_at: now + TTL,
                poll_interval: INTERVAL,
            },
            now,
        )
        .await?;
    let shown = grouped(&user_code);
    let verification_uri = provider.endpoint("/device");
    Ok(DeviceAuthorization {
        device_code,
        verification_uri_complete: format!("{verification_uri}?user_code={shown}"),
        verification_uri,
        user_code: shown,
        expires_in: TTL,
        interval: INTERVAL,
    })
}

/// The scopes asked for, each allowed for the client; `offline_access` only when
/// the client may refresh (as at `/authorize`).
fn requested_scope(client: &Client, requested: &str) -> Result<String, OAuthError> {
    let mut granted = Vec::new();
    for s in scope_list(requested) {
        if !client.allows_scope(s) {
            return Err(OAuthError::invalid_scope(format!(
                "scope {s:?} is not allowed for this client"
            )));
        }
        if s == "offline_access" && !client.allows_grant(GrantType::RefreshToken) {
            continue;
        }
        granted.push(s);
    }
    Ok(granted.join(" "))
}

/// A fresh user code, uniformly drawn from [`ALPHABET`] (bytes past the largest
/// multiple of 20 are skipped, so that no letter is likelier than another).
fn new_user_code() -> String {
    let mut code = String::with_capacity(USER_CODE_LEN);
    while code.len() < USER_CODE_LEN {
        for b in crate::crypto::random_bytes::<16>() {
            if b < 240 && code.len() < USER_CODE_LEN {
                code.push(ALPHABET[(b % 20) as usize] as char);
            }
        }
    }
    code
}

/// `BCDFGHJK` as people read it: `BCDF-GHJK`.
pub fn grouped(code: &str) -> String {
    let (a, b) = code.split_at(USER_CODE_LEN / 2);
    format!("{a}-{b}")
}

/// What a person typed, as the stored form: dashes and spaces dropped, any case.
/// `None` when it cannot be a user code (wrong length or letters), so nothing is
/// looked up for it.
pub fn normalize(typed: &str) -> Option<String> {
    let code: String = typed
        .chars()
        .filter(|c| !matches!(c, '-' | ' ' | '\u{2010}'..='\u{2015}'))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (code.len() == USER_CODE_LEN && code.bytes().all(|b| ALPHABET.contains(&b))).then_some(code)
}

/// The request a typed code names, while it waits for an answer; with the stored
/// hash the answer is given for.
pub async fn pending(
    provider: &Provider,
    typed: &str,
    now: i64,
) -> StoreResult<Option<(String, DeviceCode)>> {
    let Some(code) = normalize(typed) else {
        return Ok(None);
    };
    let hash = crate::crypto::token_hash(&code);
    Ok(provider
        .store
        .pending_device_code(&hash, now)
        .await?
        .map(|d| (hash, d)))
}

/// "Allow" or "Deny" from the person signed in with `session`. Allowing makes the
/// grant the device's tokens will hang off, with the session's sign-in (its time,
/// methods and `sid`). False when the request was answered or expired meanwhile.
pub async fn answer(
    provider: &Provider,
    user_code_hash: &str,
    request: &DeviceCode,
    session: &Session,
    allow: bool,
    now: i64,
) -> StoreResult<bool> {
    let store = &provider.store;
    if !allow {
        return store
            .decide_device_code(user_code_hash, DeviceDecision::Deny, now)
            .await;
    }
    let grant = Grant {
        id: crate::crypto::random_id(),
        client_id: request.client_id.clone(),
        user_id: session.user_id.clone(),
        sid: Some(session.sid.clone()),
        scope: request.scope.clone(),
        auth_time: session.last_authenticated(),
        amr: session.amr.clone(),
        // Until the device redeems it (issuing tokens extends it).
        expires_at: request.expires_at,
        revoked_at: None,
        claims: None,
    };
    store.create_grant(&grant, now).await?;
    let decided = store
        .decide_device_code(user_code_hash, DeviceDecision::Allow(&grant.id), now)
        .await?;
    if !decided {
        store.revoke_grant(&grant.id, now).await?;
    }
    Ok(decided)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_codes_are_readable_and_typed_loosely() {
        for _ in 0..200 {
            let code = new_user_code();
            assert_eq!(code.len(), USER_CODE_LEN);
            assert!(code.bytes().all(|b| ALPHABET.contains(&b)), "{code}");
            let shown = grouped(&code);
            assert_eq!(shown.len(), USER_CODE_LEN + 1);
            assert_eq!(normalize(&shown).as_deref(), Some(code.as_str()));
            assert_eq!(
                normalize(&shown.to_lowercase().replace('-', " ")).as_deref(),
                Some(code.as_str())
            );
        }
        // Vowels, digits, ambiguous letters and wrong lengths are no code at all.
        for typed in [
            "BCDF-GHJA",
            "BCDF-GHJ1",
            "BCDF-GHJ",
            "BCDF-GHJKL",
            "",
            "BCDF-GHJO",
        ] {
            assert_eq!(normalize(typed), None, "{typed}");
        }
    }

    #[test]
    fn every_letter_is_drawn() {
        let mut seen = [false; 20];
        for _ in 0..100 {
            for b in new_user_code().bytes() {
                seen[ALPHABET.iter().position(|a| *a == b).unwrap()] = true;
            }
        }
        assert!(seen.iter().all(|s| *s), "{seen:?}");
    }
}
