//! One module per grant type, plus the token issuance they share.

pub mod authorization_code;
pub mod client_credentials;
pub mod device_code;
pub mod refresh_token;

use super::{
    Provider,
    claims::{self, AccessToken},
    clients::Client,
    error::OAuthError,
    has_scope,
    vocab::GrantType,
};
use crate::store::grants::Grant;
use serde::Serialize;

/// A successful token response (RFC 6749 §5.1, OIDC Core §3.1.3.3).
#[derive(Debug, Serialize)]
pub struct TokenResponse {
    pub access_token: String,
    pub token_type: &'static str,
    pub expires_in: i64,
    pub scope: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id_token: Option<String>,
}

/// How far past its tokens' expiry a grant is kept when it is extended.
const GRANT_SLACK: i64 = 24 * 3600;

/// Issues the access token, the ID token (when `openid` was granted) and a new
/// refresh token (when `offline_access` was) for a person's grant.
pub(crate) async fn issue_for_grant(
    provider: &Provider,
    client: &Client,
    grant: &Grant,
    nonce: Option<&str>,
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
        let all = claims::user_claims(provider, &user, &grant.scope).await?;
        let claims = claims::for_id_token(client, grant, all);
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
    let mut needed = now + provider.access_token_ttl;
    let refresh_token = if has_scope(&grant.scope, "offline_access")
        && client.allows_grant(GrantType::RefreshToken)
    {
        let token = crate::crypto::random_token();
        let token_expires = now + provider.refresh_token_ttl;
        provider
            .store
            .create_refresh_token(
                &crate::crypto::token_hash(&token),
                &grant.id,
                now,
                token_expires,
            )
            .await?;
        needed = needed.max(token_expires);
        Some(token)
    } else {
        None
    };
    // The grant must outlive its tokens. It is pushed a day past that, so that the
    // refreshes of the next day need no write (the purge then keeps it a day longer).
    if grant.expires_at < needed {
        provider
            .store
            .extend_grant(&grant.id, needed + GRANT_SLACK)
            .await?;
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
