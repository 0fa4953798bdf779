//! The token endpoint (RFC 6749 §3.2): client authentication, then one module per
//! grant type under `grants/`.

pub use super::grants::TokenResponse;
use super::{Provider, client_auth, error::OAuthError, grants, params::Params, vocab::GrantType};

/// Authenticates the client and runs its grant; returns the grant type with the
/// response (the metrics count tokens by grant).
pub async fn exchange(
    provider: &Provider,
    authorization: Option<&str>,
    params: &Params,
    now: i64,
) -> Result<(GrantType, TokenResponse), OAuthError> {
    let grant_type = params.require("grant_type")?;
    let (client, _) =
        client_auth::authenticate_request(provider, authorization, params, now).await?;
    let grant: GrantType = grant_type.parse().map_err(|_| {
        OAuthError::unsupported_grant_type(format!("grant_type {grant_type:?} is not supported"))
    })?;
    if !client.allows_grant(grant) {
        return Err(OAuthError::unauthorized_client(format!(
            "this client may not use the {grant} grant"
        )));
    }
    let response = match grant {
        GrantType::AuthorizationCode => {
            grants::authorization_code::exchange(provider, client, params, now).await
        }
        GrantType::RefreshToken => {
            grants::refresh_token::exchange(provider, client, params, now).await
        }
        GrantType::ClientCredentials => {
            grants::client_credentials::exchange(provider, client, params, now)
        }
        GrantType::DeviceCode => grants::device_code::exchange(provider, client, params, now).await,
    }?;
    Ok((grant, response))
}
