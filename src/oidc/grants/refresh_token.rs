//! grant_type=refresh_token (RFC 6749 §6) with rotation: every use returns a new
//! refresh token, and presenting a rotated one revokes the whole grant
//! (OAuth 2.0 Security BCP §4.14.2), except within `[tokens] refresh_reuse_grace`
//! of its rotation: clients that send one token in two requests at once (or retry
//! after a lost answer) get tokens for the same grant instead of being signed out,
//! as Okta, Auth0 and Ory Hydra allow.

use super::issue_for_grant;
use crate::oidc::{
    Provider, clients::Client, error::OAuthError, grants::TokenResponse, has_scope, params::Params,
    scope_list,
};

pub async fn exchange(
    provider: &Provider,
    client: &Client,
    params: &Params,
    now: i64,
) -> Result<TokenResponse, OAuthError> {
    let token = params.require("refresh_token")?;
    let hash = crate::crypto::token_hash(token);
    let invalid = || OAuthError::invalid_grant("the refresh token is invalid, expired or revoked");
    let row = provider
        .store
        .refresh_token(&hash)
        .await?
        .ok_or_else(invalid)?;
    if row.grant.client_id != client.id {
        return Err(invalid());
    }
    if row.grant.revoked_at.is_some() || row.token_expires_at <= now {
        return Err(invalid());
    }
    let in_grace = |rotated_at: i64| now - rotated_at < provider.refresh_reuse_grace;
    if row.rotated_at.is_some_and(|at| !in_grace(at)) {
        return reused(provider, client, &row.grant.id, now).await;
    }
    // The request is checked completely before the token is rotated: a refused
    // request leaves the refresh token usable.
    let scope = requested_scope(&row.grant.scope, params.get("scope")?)?;
    // Rotation is the atomic step: of concurrent uses, one wins and the rest are
    // reuse, forgiven within the grace (the winner rotated it a moment ago).
    let grace = match row.rotated_at {
        Some(_) => true,
        None => !provider.store.rotate_refresh_token(&hash, now).await?,
    };
    if grace {
        if provider.refresh_reuse_grace == 0 {
            return reused(provider, client, &row.grant.id, now).await;
        }
        tracing::info!(client = %client.id, grant = %row.grant.id, "rotated refresh token used again within the reuse grace");
    }
    let mut grant = row.grant;
    grant.scope = scope;
    issue_for_grant(provider, client, &grant, None, now).await
}

/// A rotated refresh token came back: it leaked, so the whole grant ends.
async fn reused(
    provider: &Provider,
    client: &Client,
    grant_id: &str,
    now: i64,
) -> Result<TokenResponse, OAuthError> {
    provider.store.revoke_grant(grant_id, now).await?;
    tracing::warn!(client = %client.id, grant = %grant_id, "rotated refresh token reused; grant revoked");
    Err(OAuthError::invalid_grant(
        "the refresh token is invalid, expired or revoked",
    ))
}

/// The scope of the tokens to issue: the grant's, or a narrower one asked for;
/// never a wider one (RFC 6749 §6).
fn requested_scope(granted: &str, requested: Option<&str>) -> Result<String, OAuthError> {
    let Some(requested) = requested else {
        return Ok(granted.to_string());
    };
    if let Some(s) = scope_list(requested)
        .into_iter()
        .find(|s| !has_scope(granted, s))
    {
        return Err(OAuthError::invalid_scope(format!(
            "scope {s:?} was not granted originally"
        )));
    }
    let mut narrowed = scope_list(requested).join(" ");
    // Keep the grant refreshable: the new refresh token carries the original scope.
    if has_scope(granted, "offline_access") && !has_scope(&narrowed, "offline_access") {
        narrowed.push_str(" offline_access");
    }
    Ok(narrowed)
}
