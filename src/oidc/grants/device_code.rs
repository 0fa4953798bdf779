//! grant_type=urn:ietf:params:oauth:grant-type:device_code (RFC 8628 §3.4, §3.5):
//! the device polls with its device code until the person has answered.

use super::issue_for_grant;
use crate::oidc::{
    Provider, clients::Client, error::OAuthError, grants::TokenResponse, params::Params,
};

pub async fn exchange(
    provider: &Provider,
    client: &Client,
    params: &Params,
    now: i64,
) -> Result<TokenResponse, OAuthError> {
    let code = params.require("device_code")?;
    let hash = crate::crypto::token_hash(code);
    let store = &provider.store;
    let invalid = || OAuthError::invalid_grant("the device_code is invalid or was already used");
    let request = store
        .device_code(&hash)
        .await?
        .filter(|d| d.client_id == client.id)
        .ok_or_else(invalid)?;
    if request.redeemed_at.is_some() {
        // Tokens went out for it once already: a second redemption means the code
        // leaked, so what it issued ends (as for a reused authorization code).
        if let Some(grant) = &request.grant_id {
            store.revoke_grant(grant, now).await?;
        }
        return Err(invalid());
    }
    if request.expires_at <= now {
        return Err(OAuthError::expired_token(
            "the device code expired; start again with a new device authorization request",
        ));
    }
    if request.denied_at.is_some() {
        return Err(OAuthError::access_denied("the person declined the request"));
    }
    if !store.device_poll(&hash, now).await? {
        return Err(OAuthError::slow_down(format!(
            "polled sooner than every {} s; wait 5 s longer between polls from now on",
            request.poll_interval
        )));
    }
    let Some(grant_id) = request.grant_id else {
        return Err(OAuthError::authorization_pending(
            "the person has not answered yet; poll again after the interval",
        ));
    };
    // One redemption wins, however many polls are in flight.
    if !store.redeem_device_code(&hash, now).await? {
        return Err(invalid());
    }
    let grant = store
        .grant(&grant_id)
        .await?
        .filter(|g| g.revoked_at.is_none())
        .ok_or_else(invalid)?;
    issue_for_grant(provider, client, &grant, None, now).await
}
