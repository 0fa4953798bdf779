//! grant_type=client_credentials (RFC 6749 §4.4): a token for the client itself.
//! No storage is touched: the access token is a signed JWT, so this is the fastest path.

use crate::oidc::{
    Provider,
    claims::{self, AccessToken},
    clients::Client,
    error::OAuthError,
    grants::TokenResponse,
    params::Params,
    scope_list,
};

/// Scopes that only make sense for a person.
const USER_SCOPES: &[&str] = &["openid", "profile", "email", "offline_access", "teams"];

pub fn exchange(
    provider: &Provider,
    client: &Client,
    params: &Params,
    now: i64,
) -> Result<TokenResponse, OAuthError> {
    if client.is_public() {
        return Err(OAuthError::unauthorized_client(
            "public clients cannot use client_credentials",
        ));
    }
    let scope = match params.get("scope")? {
        Some(requested) => {
            let list = scope_list(requested);
            for s in &list {
                if USER_SCOPES.contains(s) || !client.allows_scope(s) {
                    return Err(OAuthError::invalid_scope(format!(
                        "scope {s:?} is not available to this client's own tokens"
                    )));
                }
            }
            list.join(" ")
        }
        None => client
            .scopes
            .iter()
            .filter(|s| !USER_SCOPES.contains(&s.as_str()))
            .cloned()
            .collect::<Vec<_>>()
            .join(" "),
    };
    let (access_token, _) = claims::access_token(
        provider,
        &AccessToken {
            sub: &client.id,
            client_id: &client.id,
            scope: &scope,
            grant_id: None,
            auth_time: None,
            alg: client.alg,
        },
        now,
    );
    Ok(TokenResponse {
        access_token,
        token_type: "Bearer",
        expires_in: provider.access_token_ttl,
        scope,
        refresh_token: None,
        id_token: None,
    })
}
