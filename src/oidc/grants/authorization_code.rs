//! grant_type=authorization_code (RFC 6749 §4.1.3, RFC 7636 §4.6, OIDC Core §3.1.3).

use super::issue_for_grant;
use crate::oidc::{
    Provider, clients::Client, error::OAuthError, grants::TokenResponse, params::Params, pkce,
};

pub async fn exchange(
    provider: &Provider,
    client: &Client,
    params: &Params,
    now: i64,
) -> Result<TokenResponse, OAuthError> {
    let code = params.require("code")?;
    let code_hash = crate::crypto::token_hash(code);
    let invalid = || OAuthError::invalid_grant("the code is invalid, expired, or was already used");
    let stored = provider.store.code(&code_hash).await?.ok_or_else(invalid)?;
    if stored.client_id != client.id {
        return Err(invalid());
    }
    // A second use means the code leaked: revoke everything it issued
    // (RFC 6749 §4.1.2, "SHOULD revoke ... all tokens previously issued").
    if stored.consumed_at.is_some() || !provider.store.consume_code(&code_hash, now).await? {
        provider.store.revoke_grant(&stored.grant_id, now).await?;
        tracing::warn!(client = %client.id, grant = %stored.grant_id, "authorization code reused; grant revoked");
        return Err(invalid());
    }
    if stored.expires_at <= now {
        return Err(invalid());
    }
    match params.get("redirect_uri")? {
        Some(uri) if uri == stored.redirect_uri => {}
        _ => {
            return Err(OAuthError::invalid_grant(
                "redirect_uri must be the one of the authorization request (RFC 6749 §4.1.3)",
            ));
        }
    }
    let verifier = params.get("code_verifier")?;
    match (&stored.code_challenge, verifier) {
        (Some(challenge), Some(v)) => pkce::verify(v, challenge)?,
        (Some(_), None) => {
            return Err(OAuthError::invalid_grant("code_verifier is missing (PKCE)"));
        }
        (None, Some(_)) => {
            return Err(OAuthError::invalid_grant(
                "code_verifier sent, but the authorization request had no code_challenge",
            ));
        }
        (None, None) => {}
    }
    let grant = provider
        .store
        .grant(&stored.grant_id)
        .await?
        .filter(|g| g.revoked_at.is_none())
        .ok_or_else(invalid)?;
    issue_for_grant(provider, client, &grant, stored.nonce.as_deref(), now).await
}
