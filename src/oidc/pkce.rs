//! PKCE (RFC 7636). Only S256 is offered: `plain` protects nothing against an
//! attacker who can read the authorization request.

use super::error::OAuthError;
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};

/// Checks a `code_challenge` from an authorization request (§4.2: 43 characters of
/// base64url for S256).
pub fn check_challenge(challenge: &str, method: Option<&str>) -> Result<(), OAuthError> {
    match method.unwrap_or("plain") {
        "S256" => {}
        "plain" => {
            return Err(OAuthError::invalid_request(
                "code_challenge_method must be S256 (plain is not supported)",
            ));
        }
        other => {
            return Err(OAuthError::invalid_request(format!(
                "code_challenge_method {other:?} is not supported; use S256"
            )));
        }
    }
    if challenge.len() != 43 || URL_SAFE_NO_PAD.decode(challenge).is_err() {
        return Err(OAuthError::invalid_request(
            "code_challenge must be the base64url SHA-256 of the code_verifier (43 characters)",
        ));
    }
    Ok(())
}

/// Verifies a `code_verifier` against the stored S256 challenge (§4.6).
pub fn verify(verifier: &str, challenge: &str) -> Result<(), OAuthError> {
    let well_formed = (43..=128).contains(&verifier.len())
        && verifier
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b));
    if !well_formed {
        return Err(OAuthError::invalid_grant(
            "code_verifier must be 43-128 characters of [A-Za-z0-9-._~] (RFC 7636 §4.1)",
        ));
    }
    let computed = URL_SAFE_NO_PAD.encode(crate::crypto::sha256(verifier.as_bytes()));
    if !crate::crypto::ct_eq(computed.as_bytes(), challenge.as_bytes()) {
        return Err(OAuthError::invalid_grant(
            "code_verifier does not match the code_challenge",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc7636_appendix_b() {
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
        assert!(check_challenge(challenge, Some("S256")).is_ok());
        assert!(verify(verifier, challenge).is_ok());
        assert!(verify(&verifier.replace('d', "e"), challenge).is_err());
        assert!(check_challenge(challenge, Some("plain")).is_err());
        assert!(check_challenge("short", Some("S256")).is_err());
    }
}
