//! grant_type=refresh_token (RFC 6749 §6) with rotation: every use returns a new
//! refresh token, and presenting a rotated one revokes the whole grant
//! (OAuth 2.0 Security BCP §4.14.2).

use super::issue_for_grant;
use crate::oidc::{
    Provider, clients::Client, error::OAuthError, has_scope, params::Params, scope_list,
    token::TokenResponse,
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
    if row.rotated_at.is_some() || !provider.store.rotate_refresh_token(&hash, now).await? {
        provider.store.revoke_grant(&row.grant.id, now).await?;
        tracing::warn!(client = %client.id, grant = %row.grant.id, "rotated refresh token reused; grant revoked");
        return Err(invalid());
    }
    let mut grant = row.grant;
    // A narrower scope may be asked for; never a wider one (RFC 6749 §6).
    if let Some(requested) = params.get("scope")? {
        for s in scope_list(requested) {
            if !has_scope(&grant.scope, s) {
                return Err(OAuthError::invalid_scope(format!(
                    "scope {s:?} was not granted originally"
                )));
            }
        }
        let mut narrowed = scope_list(requested).join(" ");
        // Keep the grant refreshable: the new refresh token carries the original scope.
        if has_scope(&grant.scope, "offline_access") && !has_scope(&narrowed, "offline_access") {
            narrowed.push_str(" offline_access");
        }
        grant.scope = narrowed;
    }
    issue_for_grant(provider, client, &grant, None, now).await
}
