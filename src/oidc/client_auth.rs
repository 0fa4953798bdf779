//! Client authentication at the token, revocation and introspection endpoints
//! (RFC 6749 §2.3; OIDC Core §9 methods client_secret_basic, client_secret_post, none).

use super::{
    clients::{AuthMethod, Client},
    error::OAuthError,
    params::Params,
};
use base64::{Engine, engine::general_purpose::STANDARD};

/// Authenticates the client of a request by any method: a `private_key_jwt`
/// assertion, else a secret or a public client's id ([`authenticate`]).
pub async fn authenticate_request<'p>(
    provider: &'p super::Provider,
    authorization: Option<&str>,
    params: &Params,
    now: i64,
) -> Result<(&'p Client, AuthMethod), OAuthError> {
    let Some(kind) = params.get("client_assertion_type")? else {
        if params.get("client_assertion")?.is_some() {
            return Err(OAuthError::invalid_request(
                "client_assertion needs client_assertion_type",
            ));
        }
        return authenticate(&provider.clients, authorization, params);
    };
    if kind != super::client_assertion::JWT_BEARER {
        return Err(OAuthError::invalid_client(format!(
            "client_assertion_type must be {}",
            super::client_assertion::JWT_BEARER
        )));
    }
    if authorization.is_some() || params.get("client_secret")?.is_some() {
        return Err(OAuthError::invalid_request(
            "use one client authentication method, not an assertion and a secret (RFC 6749 §2.3)",
        ));
    }
    let assertion = params.require("client_assertion")?;
    let client =
        super::client_assertion::verify(provider, assertion, params.get("client_id")?, now).await?;
    if client
        .auth_method
        .is_some_and(|m| m != AuthMethod::PrivateKeyJwt)
    {
        return Err(OAuthError::invalid_client(
            "this client is registered for a different token_endpoint_auth_method",
        ));
    }
    Ok((client, AuthMethod::PrivateKeyJwt))
}

/// Authenticates the client of a request. `authorization` is the raw header value.
/// Every failure is `invalid_client` (401) without saying whether the client exists.
pub fn authenticate<'a>(
    clients: &'a super::clients::Clients,
    authorization: Option<&str>,
    params: &Params,
) -> Result<(&'a Client, AuthMethod), OAuthError> {
    let body_id = params.get("client_id")?;
    let body_secret = params.get("client_secret")?;
    // The secret as sent in a Basic header, before form-decoding (see `parse_basic`).
    let mut verbatim = None;
    let (id, secret, method) = match authorization {
        Some(header) => {
            let (id, secret, raw) = parse_basic(header)?;
            verbatim = Some(raw);
            if body_secret.is_some() {
                return Err(OAuthError::invalid_request(
                    "use one client authentication method, not both Basic and client_secret (RFC 6749 §2.3)",
                ));
            }
            if body_id.is_some_and(|b| b != id) {
                return Err(OAuthError::invalid_request(
                    "client_id differs from the Basic credentials",
                ));
            }
            (id, Some(secret), AuthMethod::Basic)
        }
        None => {
            let id = body_id.ok_or_else(|| {
                OAuthError::invalid_client(
                    "client authentication is missing: send HTTP Basic or client_id",
                )
            })?;
            match body_secret {
                Some(s) => (id.to_string(), Some(s.to_string()), AuthMethod::Post),
                None => (id.to_string(), None, AuthMethod::None),
            }
        }
    };
    let bad = || OAuthError::invalid_client("client authentication failed");
    let client = clients.get(&id).ok_or_else(bad)?;
    match (&secret, client.is_public()) {
        (None, true) => {}
        (Some(_), true) => return Err(bad()),
        (None, false) if client.keys.is_some() => {
            return Err(OAuthError::invalid_client(
                "this client must authenticate with a private_key_jwt assertion",
            ));
        }
        (None, false) => {
            return Err(OAuthError::invalid_client(
                "this client must authenticate with its secret",
            ));
        }
        (Some(s), false) => {
            // Both forms are always compared (`|`, not `||`): the time taken does
            // not tell which one matched.
            let raw = verbatim.as_deref().unwrap_or(s.as_str());
            if !(client.secret_matches(s) | client.secret_matches(raw)) {
                return Err(bad());
            }
        }
    }
    if let Some(required) = client.auth_method
        && required != method
    {
        return Err(OAuthError::invalid_client(
            "this client is registered for a different token_endpoint_auth_method",
        ));
    }
    Ok((client, method))
}

/// `Basic base64(urlencode(id):urlencode(secret))` (RFC 6749 §2.3.1): the id and
/// the secret form-decoded, and the secret as sent. Authlib and requests-oauthlib
/// skip the encoding, so a secret with `+` would lose it to a space if only the
/// decoded form were tried.
fn parse_basic(header: &str) -> Result<(String, String, String), OAuthError> {
    let bad = || {
        OAuthError::invalid_client("the Authorization header is not valid HTTP Basic credentials")
    };
    let (scheme, rest) = header.trim().split_once(' ').ok_or_else(bad)?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return Err(bad());
    }
    let decoded = STANDARD.decode(rest.trim()).map_err(|_| bad())?;
    let text = String::from_utf8(decoded).map_err(|_| bad())?;
    let (id, secret) = text.split_once(':').ok_or_else(bad)?;
    let dec = |s: &str| {
        url::form_urlencoded::parse(format!("x={s}").as_bytes())
            .next()
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default()
    };
    Ok((dec(id), dec(secret), secret.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_is_form_decoded() {
        let h = format!("Basic {}", STANDARD.encode("my%20app:s%3Acret+x"));
        assert_eq!(
            parse_basic(&h).unwrap(),
            ("my app".into(), "s:cret x".into(), "s%3Acret+x".into())
        );
        assert!(parse_basic("Bearer abc").is_err());
        assert!(parse_basic("Basic !!!").is_err());
        assert!(parse_basic("Basic").is_err());
    }
}
