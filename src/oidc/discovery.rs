//! OpenID Connect Discovery 1.0 §3: the provider metadata.

use super::vocab::{AuthMethod, GrantType, Prompt, SigningAlg};
use serde_json::{Value, json};

pub const SCOPES: &[&str] = &["openid", "profile", "email", "offline_access", "teams"];
pub const CLAIMS: &[&str] = &[
    "sub",
    "iss",
    "aud",
    "exp",
    "iat",
    "auth_time",
    "nonce",
    "at_hash",
    "acr",
    "sid",
    "amr",
    "azp",
    "name",
    "preferred_username",
    "picture",
    "updated_at",
    "email",
    "email_verified",
];

/// `ui_locales_supported` lists the languages with a catalog (§3).
pub fn document(issuer: &str, locales: &[String]) -> Value {
    let ep = |p: &str| format!("{issuer}{p}");
    let client_auth = AuthMethod::NAMES;
    json!({
        "issuer": issuer,
        "authorization_endpoint": ep("/authorize"),
        "token_endpoint": ep("/token"),
        "userinfo_endpoint": ep("/userinfo"),
        "jwks_uri": ep("/jwks"),
        "revocation_endpoint": ep("/revoke"),
        "introspection_endpoint": ep("/introspect"),
        "end_session_endpoint": ep("/logout"),
        "device_authorization_endpoint": ep("/device_authorization"),
        "pushed_authorization_request_endpoint": ep("/par"),
        // Per client (`require_pushed_authorization_requests`), never for all.
        "require_pushed_authorization_requests": false,
        "scopes_supported": SCOPES,
        "claims_supported": CLAIMS,
        // A passkey sign-in says how phishing-resistant it was (OpenID EAP ACR Values 1.0).
        // "0": no phishing-resistant level, stated when `acr` was asked for.
        "acr_values_supported": ["phrh", "phr", "0"],
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": GrantType::NAMES,
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": SigningAlg::NAMES,
        "token_endpoint_auth_methods_supported": client_auth,
        "revocation_endpoint_auth_methods_supported": client_auth,
        "introspection_endpoint_auth_methods_supported": AuthMethod::CONFIDENTIAL,
        // What private_key_jwt assertions may be signed with (OIDC Discovery §3).
        "token_endpoint_auth_signing_alg_values_supported": SigningAlg::NAMES,
        "code_challenge_methods_supported": ["S256"],
        "prompt_values_supported": Prompt::NAMES,
        "claims_parameter_supported": true,
        "request_parameter_supported": false,
        "request_uri_parameter_supported": false,
        "authorization_response_iss_parameter_supported": true,
        // OIDC Back-Channel Logout 1.0 §2.1; `sid` is sent whenever there is one.
        "backchannel_logout_supported": true,
        "backchannel_logout_session_supported": true,
        "ui_locales_supported": locales,
    })
}
