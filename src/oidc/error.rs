//! OAuth errors: an RFC error code plus a description a developer can act on.
//! The web layer delivers them as JSON, as a redirect, or as an error page.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthError {
    /// The RFC 6749 / OIDC Core / RFC 6750 / RFC 7009 error code.
    pub code: &'static str,
    pub description: String,
    /// HTTP status when delivered as a JSON response.
    pub status: u16,
}

impl OAuthError {
    fn new(code: &'static str, status: u16, description: impl Into<String>) -> Self {
        OAuthError {
            code,
            description: description.into(),
            status,
        }
    }
    pub fn invalid_request(d: impl Into<String>) -> Self {
        Self::new("invalid_request", 400, d)
    }
    /// RFC 6749 §5.2: 401, with `WWW-Authenticate` added by the web layer.
    pub fn invalid_client(d: impl Into<String>) -> Self {
        Self::new("invalid_client", 401, d)
    }
    pub fn invalid_grant(d: impl Into<String>) -> Self {
        Self::new("invalid_grant", 400, d)
    }
    pub fn unauthorized_client(d: impl Into<String>) -> Self {
        Self::new("unauthorized_client", 400, d)
    }
    pub fn unsupported_grant_type(d: impl Into<String>) -> Self {
        Self::new("unsupported_grant_type", 400, d)
    }
    pub fn unsupported_response_type(d: impl Into<String>) -> Self {
        Self::new("unsupported_response_type", 400, d)
    }
    pub fn invalid_scope(d: impl Into<String>) -> Self {
        Self::new("invalid_scope", 400, d)
    }
    pub fn access_denied(d: impl Into<String>) -> Self {
        Self::new("access_denied", 400, d)
    }
    pub fn login_required(d: impl Into<String>) -> Self {
        Self::new("login_required", 400, d)
    }
    pub fn consent_required(d: impl Into<String>) -> Self {
        Self::new("consent_required", 400, d)
    }
    pub fn request_not_supported(d: impl Into<String>) -> Self {
        Self::new("request_not_supported", 400, d)
    }
    pub fn request_uri_not_supported(d: impl Into<String>) -> Self {
        Self::new("request_uri_not_supported", 400, d)
    }
    /// RFC 6750 §3.1: 401 with `WWW-Authenticate: Bearer error="invalid_token"`.
    pub fn invalid_token(d: impl Into<String>) -> Self {
        Self::new("invalid_token", 401, d)
    }
    /// RFC 6750 §3.1: 403.
    pub fn insufficient_scope(d: impl Into<String>) -> Self {
        Self::new("insufficient_scope", 403, d)
    }
    /// RFC 7009 §2.2.1.
    pub fn unsupported_token_type(d: impl Into<String>) -> Self {
        Self::new("unsupported_token_type", 400, d)
    }
    /// Internal failure: the details are logged, never sent.
    pub fn server_error() -> Self {
        Self::new(
            "server_error",
            500,
            "the server could not complete the request; try again",
        )
    }
}

impl fmt::Display for OAuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.description)
    }
}

impl From<crate::store::StoreError> for OAuthError {
    fn from(e: crate::store::StoreError) -> Self {
        tracing::error!(error = %e, "storage failure in the protocol core");
        OAuthError::server_error()
    }
}

pub type OAuthResult<T> = Result<T, OAuthError>;
