//! RP-Initiated Logout 1.0: validating the logout request. Ending the session and
//! asking the person to confirm are the web layer's part.

use super::{Provider, authorize::id_token_hint_sub, error::OAuthError, params::Params};
use serde_json::Value;

#[derive(Debug, Default)]
pub struct LogoutRequest {
    /// Where to send the browser afterwards (already checked against the client).
    pub redirect: Option<String>,
    pub state: Option<String>,
    /// `sub` and `sid` of a valid id_token_hint: the hint identifies which session to end.
    pub hint_sub: Option<String>,
    pub hint_sid: Option<String>,
    pub client_id: Option<String>,
    /// A `post_logout_redirect_uri` came without `id_token_hint` or `client_id`
    /// (OmniAuth sends it so): nothing to check it against, so it is not followed
    /// (§3: the OP MUST NOT redirect to a URI it has not verified), and the page
    /// says the tab can be closed instead.
    pub unverified_redirect: bool,
}

pub fn validate(provider: &Provider, params: &Params) -> Result<LogoutRequest, OAuthError> {
    let mut client_id = params.get("client_id")?.map(String::from);
    let mut out = LogoutRequest::default();
    if let Some(hint) = params.get("id_token_hint")? {
        let keys = provider.keys.current();
        let claims = keys
            .verify_jwt(hint, "JWT")
            .ok()
            .filter(|c| c.get("iss").and_then(Value::as_str) == Some(provider.issuer.as_str()))
            .ok_or_else(|| {
                OAuthError::invalid_request("id_token_hint is not an ID token issued here")
            })?;
        let aud = match claims.get("aud") {
            Some(Value::String(a)) => Some(a.clone()),
            Some(Value::Array(a)) => a.first().and_then(Value::as_str).map(String::from),
            _ => None,
        };
        if let (Some(cid), Some(aud)) = (&client_id, &aud)
            && id_token_hint_sub(provider, hint, cid).is_none()
        {
            return Err(OAuthError::invalid_request(format!(
                "client_id {cid:?} is not the audience of id_token_hint ({aud:?})"
            )));
        }
        client_id = client_id.or(aud);
        out.hint_sub = claims.get("sub").and_then(Value::as_str).map(String::from);
        out.hint_sid = claims.get("sid").and_then(Value::as_str).map(String::from);
    }
    if let Some(uri) = params.get("post_logout_redirect_uri")? {
        let Some(id) = client_id.as_deref() else {
            out.unverified_redirect = true;
            return Ok(out);
        };
        let client = provider.clients.get(id).ok_or_else(|| {
            OAuthError::invalid_request(format!(
                "client_id {id:?} is not an application registered here"
            ))
        })?;
        if !client.post_logout_redirect_uris.iter().any(|u| u == uri) {
            return Err(OAuthError::invalid_request(format!(
                "post_logout_redirect_uri {uri:?} is not registered for this application"
            )));
        }
        let state = params.get("state")?;
        let mut url = url::Url::parse(uri)
            .map_err(|_| OAuthError::invalid_request("bad post_logout_redirect_uri"))?;
        if let Some(s) = state {
            url.query_pairs_mut().append_pair("state", s);
        }
        out.redirect = Some(url.to_string());
        out.state = state.map(String::from);
    }
    out.client_id = client_id;
    Ok(out)
}
