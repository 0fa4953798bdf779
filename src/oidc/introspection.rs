//! Token introspection (RFC 7662). Only confidential clients may ask; anything not
//! currently valid is just `{"active": false}` (§2.2). A client learns about its own
//! tokens only, unless it is a resource server (`introspection = "any"`): another
//! client's token is `{"active": false}` too, as §2.2 allows ("the authorization
//! server MAY respond … inactive"), so nothing about it (sub, username, scope) leaks.

use super::{Provider, claims, client_auth, clients::Client, error::OAuthError, params::Params};
use serde_json::{Value, json};

pub async fn introspect(
    provider: &Provider,
    authorization: Option<&str>,
    params: &Params,
    now: i64,
) -> Result<Value, OAuthError> {
    let (client, _) =
        client_auth::authenticate_request(provider, authorization, params, now).await?;
    if client.is_public() {
        return Err(OAuthError::invalid_client(
            "introspection needs a confidential client",
        ));
    }
    let token = params.require("token")?;
    // token_type_hint is only a hint (§2.1); both kinds are tried.
    if let Some(at) = claims::verify_access_token(provider, token, now) {
        let jti = at["jti"].as_str().unwrap_or_default();
        let gid = at.get("gid").and_then(Value::as_str);
        let owner = at["client_id"].as_str().unwrap_or_default();
        if may_see(client, owner) && provider.store.access_token_live(jti, gid, now).await? {
            let mut out = json!({"active": true, "token_type": "Bearer"});
            for k in [
                "scope",
                "client_id",
                "sub",
                "aud",
                "iss",
                "exp",
                "iat",
                "jti",
            ] {
                if let Some(v) = at.get(k) {
                    out[k] = v.clone();
                }
            }
            if gid.is_some()
                && let Some(user) = provider
                    .store
                    .user_by_id(at["sub"].as_str().unwrap_or_default())
                    .await?
            {
                out["username"] = json!(user.username);
            }
            return Ok(out);
        }
        return Ok(json!({"active": false}));
    }
    if let Some(row) = provider
        .store
        .refresh_token(&crate::crypto::token_hash(token))
        .await?
        && may_see(client, &row.grant.client_id)
        && row.rotated_at.is_none()
        && row.grant.revoked_at.is_none()
        && row.token_expires_at > now
        && let Some(user) = provider.store.user_by_id(&row.grant.user_id).await?
        && !user.disabled
    {
        return Ok(json!({
            "active": true,
            "token_type": "refresh_token",
            "scope": row.grant.scope,
            "client_id": row.grant.client_id,
            "sub": user.id,
            "username": user.username,
            "iss": provider.issuer,
            "exp": row.token_expires_at,
        }));
    }
    Ok(json!({"active": false}))
}

/// Whether `client` may learn about a token issued to `owner`.
fn may_see(client: &Client, owner: &str) -> bool {
    client.introspects_any || client.id == owner
}
