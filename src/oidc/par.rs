//! Pushed authorization requests (RFC 9126): a client sends its authorization
//! parameters to `/par` over the back channel, authenticated like at the token
//! endpoint, and sends the browser to `/authorize` with only `client_id` and the
//! `request_uri` it got. The parameters never pass through the browser, and they
//! are checked before anyone signs in.

use super::{
    Provider,
    authorize::{self, AuthorizeError},
    clients::Client,
    error::OAuthError,
    params::Params,
};
use crate::store::StoreResult;
use serde::Serialize;

/// What every `request_uri` starts with (RFC 9126 §2.2).
pub const REQUEST_URI_PREFIX: &str = "urn:ietf:params:oauth:request_uri:";
/// How long a pushed request waits for the browser (§2.2 suggests short).
pub const TTL: i64 = 60;

/// The answer to a push (§2.2), sent with 201 Created.
#[derive(Debug, Serialize)]
pub struct Pushed {
    pub request_uri: String,
    pub expires_in: i64,
}

/// `POST /par`: authenticates the client (as at the token endpoint), validates
/// the request as `/authorize` will (errors come back as JSON, never to a
/// redirect URI) and stores it.
pub async fn push(
    provider: &Provider,
    authorization: Option<&str>,
    params: &Params,
    now: i64,
) -> Result<Pushed, OAuthError> {
    let (client, _) =
        super::client_auth::authenticate_request(provider, authorization, params, now).await?;
    if params.get("request_uri")?.is_some() {
        return Err(OAuthError::invalid_request(
            "request_uri must not be sent to the pushed authorization request endpoint (RFC 9126 §2.1)",
        ));
    }
    if params.get("client_id")?.is_some_and(|id| id != client.id) {
        return Err(OAuthError::invalid_request(
            "client_id differs from the authenticated client",
        ));
    }
    // The request as /authorize will read it: the client's id, no credentials.
    let request = {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        query.append_pair("client_id", &client.id);
        for (k, v) in params.pairs() {
            if !matches!(k.as_str(), "client_id" | "client_secret") {
                query.append_pair(k, v);
            }
        }
        query.finish()
    };
    authorize::validate(provider, &Params::parse(request.as_bytes()), now).map_err(
        |e| match e {
            AuthorizeError::Page(_, detail) => OAuthError::invalid_request(detail),
            AuthorizeError::Redirect { error, .. } => error,
        },
    )?;
    let request_uri = format!("{REQUEST_URI_PREFIX}{}", crate::crypto::random_token());
    provider
        .store
        .push_request(
            &crate::crypto::token_hash(&request_uri),
            &client.id,
            &request,
            now + TTL,
        )
        .await?;
    Ok(Pushed {
        request_uri,
        expires_in: TTL,
    })
}

/// What `/authorize` makes of its `request_uri`.
pub enum Resolution {
    /// No `request_uri`: the query is the request.
    NotPushed,
    /// The pushed request, in place of the query.
    Pushed(Params),
    /// Unknown, used, expired or another client's: the developer's detail.
    Unusable(String),
}

/// At `/authorize`: the pushed request a `request_uri` names. It is used up here
/// (§4: one use), and the query's `client_id`, when given, must be its client's.
pub async fn resolve(provider: &Provider, params: &Params, now: i64) -> StoreResult<Resolution> {
    // A repeated request_uri is left for `validate` to refuse.
    let Ok(Some(uri)) = params.get("request_uri") else {
        return Ok(Resolution::NotPushed);
    };
    let hash = crate::crypto::token_hash(uri);
    let Some((client_id, request)) = provider.store.take_pushed_request(&hash, now).await? else {
        return Ok(Resolution::Unusable(
            "The request_uri is unknown, was used already, or expired (pushed requests live 60 s and work once).".into(),
        ));
    };
    if params
        .get("client_id")
        .ok()
        .flatten()
        .is_some_and(|id| id != client_id)
    {
        return Ok(Resolution::Unusable(
            "The client_id differs from the one of the pushed request.".into(),
        ));
    }
    Ok(Resolution::Pushed(Params::parse(request.as_bytes())))
}

/// RFC 9126 §6: a client that must push its requests sent one in the query.
pub fn required_but_not_pushed(client: &Client, pushed: bool) -> Option<OAuthError> {
    (client.require_par && !pushed).then(|| {
        OAuthError::invalid_request(
            "this application must push its authorization requests to /par first (RFC 9126)",
        )
    })
}
