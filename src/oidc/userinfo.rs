//! The UserInfo endpoint (OIDC Core §5.3) with bearer tokens (RFC 6750).

use super::{Provider, claims, error::OAuthError, has_scope};
use serde_json::{Map, Value};

/// Claims for the person an access token was issued to.
pub async fn userinfo(
    provider: &Provider,
    token: &str,
    now: i64,
) -> Result<Map<String, Value>, OAuthError> {
    let invalid = || OAuthError::invalid_token("the access token is invalid, expired or revoked");
    let at = claims::verify_access_token(provider, token, now).ok_or_else(invalid)?;
    let jti = at["jti"].as_str().unwrap_or_default();
    let Some(grant_id) = at.get("gid").and_then(Value::as_str) else {
        return Err(OAuthError::invalid_token(
            "this token was issued to a client, not to a person",
        ));
    };
    if !provider
        .store
        .access_token_live(jti, Some(grant_id), now)
        .await?
    {
        return Err(invalid());
    }
    let scope = at.get("scope").and_then(Value::as_str).unwrap_or_default();
    if !has_scope(scope, "openid") {
        return Err(OAuthError::insufficient_scope(
            "the access token was not granted the openid scope",
        ));
    }
    let sub = at.get("sub").and_then(Value::as_str).unwrap_or_default();
    let user = provider
        .store
        .user_by_id(sub)
        .await?
        .filter(|u| !u.disabled)
        .ok_or_else(invalid)?;
    Ok(claims::user_claims(provider, &user, scope).await?)
}
