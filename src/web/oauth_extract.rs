//! Extractors for the protocol endpoints: [`OAuthForm`], a form body read as the
//! protocol's [`Params`] (a parameter may appear at most once, RFC 6749 §3.1), and
//! [`Bearer`], the access token of a resource request (RFC 6750 §2.1 and §2.2).
//! Their rejections are the OAuth error responses of `oidc_handlers::oauth_error`.

use super::oidc_handlers::oauth_error;
use crate::oidc::{error::OAuthError, params::Params};
use axum::{
    body::Bytes,
    extract::{FromRequest, Request, rejection::BytesRejection},
    http::{HeaderMap, header},
    response::{IntoResponse, Response},
};

/// Why a protocol request's form or token could not be read.
#[derive(Debug)]
pub enum OAuthRejection {
    /// The body could not be read (too large, cut off): axum's own answer.
    Body(BytesRejection),
    /// The request is not one the protocol accepts: an OAuth error.
    OAuth(OAuthError),
}

impl From<OAuthError> for OAuthRejection {
    fn from(e: OAuthError) -> Self {
        OAuthRejection::OAuth(e)
    }
}

impl IntoResponse for OAuthRejection {
    fn into_response(self) -> Response {
        match self {
            OAuthRejection::Body(r) => r.into_response(),
            OAuthRejection::OAuth(e) => oauth_error(&e),
        }
    }
}

/// The body read whole, as the handlers took it before these extractors.
async fn body<S: Send + Sync>(req: Request, state: &S) -> Result<Bytes, OAuthRejection> {
    Bytes::from_request(req, state)
        .await
        .map_err(OAuthRejection::Body)
}

/// A form body as [`Params`]; anything but `application/x-www-form-urlencoded` is
/// `invalid_request` (RFC 6749 §3.2).
#[derive(Debug)]
pub struct OAuthForm(pub Params);

impl<S: Send + Sync> FromRequest<S> for OAuthForm {
    type Rejection = OAuthRejection;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let headers = req.headers().clone();
        let body = body(req, state).await?;
        Ok(OAuthForm(form_params(&headers, &body)?))
    }
}

/// Reads a form body, insisting on the form content type.
fn form_params(headers: &HeaderMap, body: &Bytes) -> Result<Params, OAuthError> {
    let ct = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let mime = ct.split(';').next().unwrap_or("").trim();
    if !mime.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
        return Err(OAuthError::invalid_request(
            "the body must be application/x-www-form-urlencoded (RFC 6749 §3.2)",
        ));
    }
    Ok(Params::parse(body))
}

/// The `Authorization` header, if sent; `invalid_request` when it is not text.
pub fn authorization(headers: &HeaderMap) -> Result<Option<&str>, OAuthError> {
    match headers.get(header::AUTHORIZATION) {
        None => Ok(None),
        Some(v) => v.to_str().map(Some).map_err(|_| {
            OAuthError::invalid_request("the Authorization header is not readable text")
        }),
    }
}

/// The access token of a resource request: from `Authorization: Bearer`, or from an
/// `access_token` parameter in a form body (RFC 6750 §2.1 and §2.2; never from the
/// query). Missing or malformed: `invalid_token` (401 with its challenge); sent
/// twice in the form: `invalid_request`.
#[derive(Debug)]
pub struct Bearer(pub String);

impl<S: Send + Sync> FromRequest<S> for Bearer {
    type Rejection = OAuthRejection;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let headers = req.headers().clone();
        let body = body(req, state).await?;
        Ok(Bearer(bearer_token(&headers, &body)?))
    }
}

fn bearer_token(headers: &HeaderMap, body: &Bytes) -> Result<String, OAuthError> {
    let missing =
        || OAuthError::invalid_token("send the access token as Authorization: Bearer <token>");
    if let Some(h) = authorization(headers).map_err(|_| missing())? {
        let (scheme, token) = h.trim().split_once(' ').ok_or_else(missing)?;
        if !scheme.eq_ignore_ascii_case("bearer") || token.trim().is_empty() {
            return Err(missing());
        }
        return Ok(token.trim().to_string());
    }
    if !body.is_empty()
        && let Ok(params) = form_params(headers, body)
        && let Some(t) = params.get("access_token")?
    {
        return Ok(t.to_string());
    }
    Err(missing())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::oidc::error::ErrorCode;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    const FORM: &str = "application/x-www-form-urlencoded";

    #[test]
    fn form_needs_the_form_content_type() {
        let body = Bytes::from_static(b"a=1");
        let form = form_params(&headers(&[(header::CONTENT_TYPE, FORM)]), &body).unwrap();
        assert_eq!(form.get("a").unwrap(), Some("1"));
        let charset = format!("{} ; charset=UTF-8", FORM.to_uppercase());
        assert!(form_params(&headers(&[(header::CONTENT_TYPE, &charset)]), &body).is_ok());
        for h in [
            headers(&[]),
            headers(&[(header::CONTENT_TYPE, "application/json")]),
        ] {
            let e = form_params(&h, &body).unwrap_err();
            assert_eq!(e.code, ErrorCode::InvalidRequest);
        }
    }

    #[test]
    fn bearer_from_the_header_or_the_form_body() {
        let none = Bytes::new();
        let auth = |v: &str| headers(&[(header::AUTHORIZATION, v)]);
        assert_eq!(bearer_token(&auth("Bearer abc"), &none).unwrap(), "abc");
        assert_eq!(bearer_token(&auth(" bearer  abc "), &none).unwrap(), "abc");
        for bad in ["Basic abc", "Bearer", "Bearer  ", "abc"] {
            let e = bearer_token(&auth(bad), &none).unwrap_err();
            assert_eq!(
                (e.code, e.status()),
                (ErrorCode::InvalidToken, 401),
                "{bad}"
            );
        }
        let form = headers(&[(header::CONTENT_TYPE, FORM)]);
        let one = Bytes::from_static(b"access_token=xyz");
        assert_eq!(bearer_token(&form, &one).unwrap(), "xyz");
        // The body counts only as a form.
        let e = bearer_token(&headers(&[]), &one).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidToken);
        // Twice in the form: the duplicate rule.
        let two = Bytes::from_static(b"access_token=a&access_token=b");
        let e = bearer_token(&form, &two).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidRequest);
        // Nothing at all.
        let e = bearer_token(&headers(&[]), &none).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidToken);
    }
}
