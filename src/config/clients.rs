//! The relying apps (OAuth clients) the config declares.

use crate::oidc::vocab::{AuthMethod, GrantType, SigningAlg};
use serde::{Deserialize, Serialize};

/// A relying app. Config is the source of truth; secrets are hashed on load.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientConfig {
    pub id: String,
    /// Omit for a public client (PKCE S256 required).
    pub secret: Option<String>,
    #[serde(default)]
    pub redirect_uris: Vec<String>,
    #[serde(default)]
    pub post_logout_redirect_uris: Vec<String>,
    #[serde(default = "default_grant_types")]
    pub grant_types: Vec<GrantType>,
    #[serde(default = "default_scopes")]
    pub scopes: Vec<String>,
    /// Skip the consent page.
    #[serde(default)]
    pub first_party: bool,
    /// `client_secret_basic`, `client_secret_post`, `none` or `private_key_jwt`;
    /// unset: basic or post.
    pub token_endpoint_auth_method: Option<AuthMethod>,
    /// `RS256` (default), `ES256` or `EdDSA`.
    pub id_token_signed_response_alg: Option<SigningAlg>,
    /// Whose tokens it may introspect (RFC 7662): `own` (default) or `any` (a
    /// resource server checking tokens issued to other clients).
    #[serde(default)]
    pub introspection: Option<String>,
    /// Shown on sign-in, consent, the account chooser and logout (RFC 7591
    /// `client_name`); unset: the id.
    #[serde(default)]
    pub name: Option<String>,
    /// The app's logo, shown beside its name (RFC 7591 `logo_uri`).
    #[serde(default)]
    pub logo_uri: Option<String>,
    /// The app's home page (RFC 7591 `client_uri`).
    #[serde(default)]
    pub client_uri: Option<String>,
    /// The app's privacy policy (RFC 7591 `policy_uri`), linked on the consent page.
    #[serde(default)]
    pub policy_uri: Option<String>,
    /// The app's terms (RFC 7591 `tos_uri`), linked on the consent page.
    #[serde(default)]
    pub tos_uri: Option<String>,
    /// Where the app hears that a person signed out (OIDC Back-Channel Logout 1.0
    /// §2.2): a signed logout token is POSTed there.
    #[serde(default)]
    pub backchannel_logout_uri: Option<String>,
    /// The app needs `sid` in logout tokens (§2.2); Lanyard always sends it when
    /// the sign-in had a session.
    #[serde(default)]
    pub backchannel_logout_session_required: bool,
    /// Authorization requests of this app must be pushed to `/par` first (RFC 9126
    /// §6): parameters in the browser's address are refused.
    #[serde(default)]
    pub require_pushed_authorization_requests: bool,
    /// Put the scopes' claims (name, email…) in ID tokens too. Off, as OIDC Core
    /// §5.4 has it: they come from userinfo, since an access token is issued; an
    /// app can still ask for single ones with the `claims` parameter (§5.5).
    #[serde(default)]
    pub id_token_claims: bool,
    /// The client's public keys for `private_key_jwt`, as a JWK Set (RFC 7517 §5)
    /// in JSON: `jwks = '{"keys":[…]}'`.
    #[serde(default)]
    pub jwks: Option<String>,
    /// Or where to fetch them (fetched with a 5 s timeout, kept 5 minutes).
    #[serde(default)]
    pub jwks_uri: Option<String>,
}

impl ClientConfig {
    /// The name people see: `name`, else the id.
    pub fn display_name(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.id)
    }
}

pub(super) fn default_grant_types() -> Vec<GrantType> {
    vec![GrantType::AuthorizationCode, GrantType::RefreshToken]
}

pub(super) fn default_scopes() -> Vec<String> {
    ["openid", "profile", "email", "offline_access"]
        .map(String::from)
        .to_vec()
}

pub const INTROSPECTION: &[&str] = &["own", "any"];
