//! OAuth errors: an RFC error code plus a description a developer can act on, and
//! an optional detail for the log. The web layer delivers them as JSON, as a
//! redirect, or as an error page; the detail is logged there and never sent.

use std::fmt;

/// The error codes Lanyard sends, each with its registered spelling (RFC 6749
/// §4.1.2.1 and §5.2, OIDC Core §3.1.2.6 and §6.1, RFC 6750 §3.1, RFC 7009 §2.2.1,
/// RFC 8628 §3.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    InvalidRequest,
    InvalidClient,
    InvalidGrant,
    UnauthorizedClient,
    UnsupportedGrantType,
    UnsupportedResponseType,
    InvalidScope,
    AccessDenied,
    LoginRequired,
    ConsentRequired,
    RequestNotSupported,
    RequestUriNotSupported,
    InvalidToken,
    InsufficientScope,
    UnsupportedTokenType,
    /// The device flow's answers while the person has not finished (RFC 8628 §3.5).
    AuthorizationPending,
    SlowDown,
    ExpiredToken,
    ServerError,
}

impl ErrorCode {
    /// The code as the RFCs spell it (the `error` parameter).
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidRequest => "invalid_request",
            ErrorCode::InvalidClient => "invalid_client",
            ErrorCode::InvalidGrant => "invalid_grant",
            ErrorCode::UnauthorizedClient => "unauthorized_client",
            ErrorCode::UnsupportedGrantType => "unsupported_grant_type",
            ErrorCode::UnsupportedResponseType => "unsupported_response_type",
            ErrorCode::InvalidScope => "invalid_scope",
            ErrorCode::AccessDenied => "access_denied",
            ErrorCode::LoginRequired => "login_required",
            ErrorCode::ConsentRequired => "consent_required",
            ErrorCode::RequestNotSupported => "request_not_supported",
            ErrorCode::RequestUriNotSupported => "request_uri_not_supported",
            ErrorCode::InvalidToken => "invalid_token",
            ErrorCode::InsufficientScope => "insufficient_scope",
            ErrorCode::UnsupportedTokenType => "unsupported_token_type",
            ErrorCode::AuthorizationPending => "authorization_pending",
            ErrorCode::SlowDown => "slow_down",
            ErrorCode::ExpiredToken => "expired_token",
            ErrorCode::ServerError => "server_error",
        }
    }

    /// The HTTP status when delivered as a JSON response: 401 for a client that
    /// failed to authenticate (RFC 6749 §5.2) and a bad bearer token (RFC 6750
    /// §3.1), 403 for too small a scope (RFC 6750 §3.1), 500 for an internal
    /// failure, 400 for the rest.
    pub const fn status(self) -> u16 {
        match self {
            ErrorCode::InvalidClient | ErrorCode::InvalidToken => 401,
            ErrorCode::InsufficientScope => 403,
            ErrorCode::ServerError => 500,
            _ => 400,
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthError {
    pub code: ErrorCode,
    /// Sent to the client (`error_description`).
    pub description: String,
    /// For the log only, never sent: what went wrong inside (see [`OAuthError::log`]).
    pub detail: Option<String>,
}

impl OAuthError {
    pub fn new(code: ErrorCode, description: impl Into<String>) -> Self {
        OAuthError {
            code,
            description: description.into(),
            detail: None,
        }
    }
    /// Adds what the log should say; the client still gets only the description.
    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }
    /// HTTP status when delivered as a JSON response.
    pub fn status(&self) -> u16 {
        self.code.status()
    }
    /// Logs the detail, if any: called where the error is delivered.
    pub fn log(&self) {
        let Some(detail) = &self.detail else {
            return;
        };
        if self.code == ErrorCode::ServerError {
            tracing::error!(error = %detail, "request failed: {}", self.code);
        } else {
            tracing::info!(detail = %detail, "request refused: {}", self.code);
        }
    }
    pub fn invalid_request(d: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidRequest, d)
    }
    /// RFC 6749 §5.2: 401, with `WWW-Authenticate` added by the web layer.
    pub fn invalid_client(d: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidClient, d)
    }
    pub fn invalid_grant(d: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidGrant, d)
    }
    pub fn unauthorized_client(d: impl Into<String>) -> Self {
        Self::new(ErrorCode::UnauthorizedClient, d)
    }
    pub fn unsupported_grant_type(d: impl Into<String>) -> Self {
        Self::new(ErrorCode::UnsupportedGrantType, d)
    }
    pub fn unsupported_response_type(d: impl Into<String>) -> Self {
        Self::new(ErrorCode::UnsupportedResponseType, d)
    }
    pub fn invalid_scope(d: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidScope, d)
    }
    pub fn authorization_pending(d: impl Into<String>) -> Self {
        Self::new(ErrorCode::AuthorizationPending, d)
    }
    pub fn slow_down(d: impl Into<String>) -> Self {
        Self::new(ErrorCode::SlowDown, d)
    }
    pub fn expired_token(d: impl Into<String>) -> Self {
        Self::new(ErrorCode::ExpiredToken, d)
    }
    pub fn access_denied(d: impl Into<String>) -> Self {
        Self::new(ErrorCode::AccessDenied, d)
    }
    pub fn login_required(d: impl Into<String>) -> Self {
        Self::new(ErrorCode::LoginRequired, d)
    }
    pub fn consent_required(d: impl Into<String>) -> Self {
        Self::new(ErrorCode::ConsentRequired, d)
    }
    pub fn request_not_supported(d: impl Into<String>) -> Self {
        Self::new(ErrorCode::RequestNotSupported, d)
    }
    pub fn request_uri_not_supported(d: impl Into<String>) -> Self {
        Self::new(ErrorCode::RequestUriNotSupported, d)
    }
    /// RFC 6750 §3.1: 401 with `WWW-Authenticate: Bearer error="invalid_token"`.
    pub fn invalid_token(d: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidToken, d)
    }
    /// RFC 6750 §3.1: 403.
    pub fn insufficient_scope(d: impl Into<String>) -> Self {
        Self::new(ErrorCode::InsufficientScope, d)
    }
    /// RFC 7009 §2.2.1.
    pub fn unsupported_token_type(d: impl Into<String>) -> Self {
        Self::new(ErrorCode::UnsupportedTokenType, d)
    }
    /// Internal failure: what failed goes in the detail (logged, never sent).
    pub fn server_error(detail: impl Into<String>) -> Self {
        Self::new(
            ErrorCode::ServerError,
            "the server could not complete the request; try again",
        )
        .with_detail(detail)
    }
}

impl fmt::Display for OAuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.description)
    }
}

impl From<crate::store::StoreError> for OAuthError {
    fn from(e: crate::store::StoreError) -> Self {
        OAuthError::server_error(format!("storage failure in the protocol core: {e}"))
    }
}

pub type OAuthResult<T> = Result<T, OAuthError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_keep_their_rfc_spelling_and_status() {
        for (code, text, status) in [
            (ErrorCode::InvalidRequest, "invalid_request", 400),
            (ErrorCode::InvalidClient, "invalid_client", 401),
            (ErrorCode::InvalidGrant, "invalid_grant", 400),
            (ErrorCode::UnauthorizedClient, "unauthorized_client", 400),
            (
                ErrorCode::UnsupportedGrantType,
                "unsupported_grant_type",
                400,
            ),
            (
                ErrorCode::UnsupportedResponseType,
                "unsupported_response_type",
                400,
            ),
            (ErrorCode::InvalidScope, "invalid_scope", 400),
            (ErrorCode::AccessDenied, "access_denied", 400),
            (ErrorCode::LoginRequired, "login_required", 400),
            (ErrorCode::ConsentRequired, "consent_required", 400),
            (ErrorCode::RequestNotSupported, "request_not_supported", 400),
            (
                ErrorCode::RequestUriNotSupported,
                "request_uri_not_supported",
                400,
            ),
            (ErrorCode::InvalidToken, "invalid_token", 401),
            (ErrorCode::InsufficientScope, "insufficient_scope", 403),
            (
                ErrorCode::UnsupportedTokenType,
                "unsupported_token_type",
                400,
            ),
            (
                ErrorCode::AuthorizationPending,
                "authorization_pending",
                400,
            ),
            (ErrorCode::SlowDown, "slow_down", 400),
            (ErrorCode::ExpiredToken, "expired_token", 400),
            (ErrorCode::ServerError, "server_error", 500),
        ] {
            assert_eq!(code.as_str(), text);
            assert_eq!(code.status(), status, "{text}");
        }
    }

    #[test]
    fn the_detail_stays_out_of_what_is_sent() {
        let e = OAuthError::server_error("disk full at /var/lib/lanyard");
        assert_eq!(e.detail.as_deref(), Some("disk full at /var/lib/lanyard"));
        assert!(!e.description.contains("disk"));
        assert!(!e.to_string().contains("disk"));
    }
}
