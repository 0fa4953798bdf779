//! One module per grant type, plus the token issuance they share.

pub mod authorization_code;
pub mod client_credentials;
pub mod refresh_token;

use super::{
    Provider,
    claims::{self, AccessToken},
    clients::Client,
    error::OAuthError,
    has_scope,
    token::TokenResponse,
};
use crate::store::grants::{Grant, IssueWrites};

/// Issues the access token, the ID token (when `openid` was granted) and a new
/// refresh token (when `offline_access` was) for a person's grant. `exchanged` is
/// the hash of the refresh token this replaces; it is marked rotated in the same
/// transaction that stores the new one, and a lost race for it is a reuse.
pub(crate) async fn issue_for_grant(
    provider: &Provider,
    client: &Client,
    grant: &Grant,
    nonce: Option<&str>,
    exchanged: Option<&str>,
    now: i64,
) -> Result<TokenResponse, OAuthError> {
    let user = provider
        .store
        .user_by_id(&grant.user_id)
        .await?
        .filter(|u| !u.disabled)
        .ok_or_else(|| {
            OAuthError::invalid_grant("the account of this grant is disabled or gone")
        })?;
    let (access_token, _) = claims::access_token(
        provider,
        &AccessToken {
            sub: &user.id,
            client_id: &client.id,
            scope: &grant.scope,
            grant_id: Some(&grant.id),
            auth_time: Some(grant.auth_time),
            alg: client.alg,
        },
        now,
    );
    let id_token = if has_scope(&grant.scope, "openid") {
        let claims = claims::user_claims(provider, &user, &grant.scope).await?;
        Some(claims::id_token(
            provider,
            client,
            grant,
            claims,
            nonce,
            &access_token,
            now,
        ))
    } else {
        None
    };
    let refresh_token = (has_scope(&grant.scope, "offline_access")
        && client.allows_grant("refresh_token"))
    .then(crate::crypto::random_token);
    let refresh_hash = refresh_token.as_deref().map(crate::crypto::token_hash);
    let refresh_expires = now + provider.refresh_token_ttl;
    let written = provider
        .store
        .record_issue(&IssueWrites {
            grant_id: &grant.id,
            exchanged,
            refresh: refresh_hash.as_deref().map(|h| (h, refresh_expires)),
            grant_expires_at: if refresh_token.is_some() {
                refresh_expires.max(now + provider.access_token_ttl)
            } else {
                now + provider.access_token_ttl
            },
            now,
        })
        .await?;
    if !written {
        return Err(refresh_token::reused(provider, client, &grant.id, now).await);
    }
    Ok(TokenResponse {
        access_token,
        token_type: "Bearer",
        expires_in: provider.access_token_ttl,
        scope: grant.scope.clone(),
        refresh_token,
        id_token,
    })
}
