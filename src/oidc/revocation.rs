//! Token revocation (RFC 7009). Revoking a refresh token revokes its grant, and with
//! it the access tokens of that grant (§2.1 "SHOULD"); revoking an access token puts
//! its `jti` on the deny list. Unknown or invalid tokens are answered 200 (§2.2).

use super::{Provider, client_auth, error::OAuthError, params::Params};
use serde_json::Value;

pub async fn revoke(
    provider: &Provider,
    authorization: Option<&str>,
    params: &Params,
    now: i64,
) -> Result<(), OAuthError> {
    let (client, _) =
        client_auth::authenticate_request(provider, authorization, params, now).await?;
    let token = params.require("token")?;
    match params.get("token_type_hint")? {
        None | Some("access_token") | Some("refresh_token") => {}
        Some(other) => {
            return Err(OAuthError::unsupported_token_type(format!(
                "token_type_hint {other:?} is not supported"
            )));
        }
    }
    let not_yours =
        || OAuthError::invalid_request("the token was not issued to this client (RFC 7009 §2.1)");
    // An access token of ours: signature checked, expiry not (revoking an expired
    // token is harmless and answers 200 either way).
    if let Ok(at) = provider.keys.current().verify_jwt(token, "at+jwt") {
        if at.get("client_id").and_then(Value::as_str) != Some(client.id.as_str()) {
            return Err(not_yours());
        }
        if let (Some(jti), Some(exp)) = (
            at.get("jti").and_then(Value::as_str),
            at.get("exp").and_then(Value::as_i64),
        ) && exp > now
        {
            provider.store.revoke_access_token(jti, exp).await?;
        }
        return Ok(());
    }
    if let Some(row) = provider
        .store
        .refresh_token(&crate::crypto::token_hash(token))
        .await?
    {
        if row.grant.client_id != client.id {
            return Err(not_yours());
        }
        provider.store.revoke_grant(&row.grant.id, now).await?;
    }
    Ok(())
}
