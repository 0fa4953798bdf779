//! Signing in through an upstream OpenID Provider (`[[upstream]]`, e.g. Google),
//! with the `openidconnect` crate as the relying party: discovery of the upstream
//! issuer, authorization code + PKCE + state + nonce, and ID token verification
//! (signature against the upstream's JWKS, issuer, audience, nonce, expiry).
//!
//! Accounts are found by the upstream's (issuer, sub), never by email alone. An
//! upstream email that matches an existing account is linked only when the upstream
//! says it is verified *and* the person signs in to that account with its password:
//! otherwise anyone able to get an unverified (or attacker-controlled) address
//! asserted by some provider could take over the local account.

use crate::{config::UpstreamConfig, crypto::MasterKey};
use openidconnect::{
    AccessToken, AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointMaybeSet,
    EndpointNotSet, EndpointSet, IssuerUrl, Nonce, OAuth2TokenResponse, PkceCodeChallenge,
    PkceCodeVerifier, RedirectUrl, Scope, SubjectIdentifier, TokenResponse,
    core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata, CoreUserInfoClaims},
};
use serde::{Deserialize, Serialize};

/// How long the person has to finish at the upstream.
pub const STATE_TTL: i64 = 900;

type Client = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// What went wrong upstream, said so a person understands it. Details are logged.
#[derive(Debug, thiserror::Error)]
pub enum FederationError {
    #[error("{0} could not be reached. Try again in a moment.")]
    Unreachable(String),
    #[error("{0} did not sign you in ({1}).")]
    Refused(String, String),
    #[error("The sign-in with {0} could not be verified, so it was not accepted.")]
    Invalid(String),
    #[error("This sign-in link expired or was not started in this browser. Start again.")]
    BadState,
    #[error(
        "{0} sent an email address that is not valid, so the sign-in was not accepted. Correct your email address at {0}, or sign in another way."
    )]
    BadEmail(String),
}

/// The verified facts an upstream asserted about a person.
#[derive(Debug, Clone)]
pub struct Assertion {
    pub issuer: String,
    pub subject: String,
    pub email: Option<String>,
    pub email_verified: bool,
    pub name: Option<String>,
    pub preferred_username: Option<String>,
    pub picture: Option<String>,
}

/// The secrets of one pending upstream request, sealed at rest.
#[derive(Serialize, Deserialize)]
pub struct Pending {
    pub pkce_verifier: String,
    pub nonce: String,
}

pub struct Upstream<'a> {
    pub config: &'a UpstreamConfig,
    pub redirect_uri: String,
    http: reqwest::Client,
}

impl<'a> Upstream<'a> {
    pub fn new(config: &'a UpstreamConfig, lanyard_issuer: &str) -> Upstream<'a> {
        let http = crate::net::outbound_http(config.timeout);
        Upstream {
            config,
            redirect_uri: format!("{lanyard_issuer}/federate/{}/callback", config.id),
            http,
        }
    }

    fn name(&self) -> String {
        self.config.display_name()
    }

    async fn client(&self) -> Result<Client, FederationError> {
        let unreachable = |e: String| {
            tracing::warn!(upstream = %self.config.id, error = %e, "upstream discovery failed");
            FederationError::Unreachable(self.name())
        };
        let issuer = IssuerUrl::new(self.config.issuer().to_string())
            .map_err(|e| unreachable(e.to_string()))?;
        let meta = CoreProviderMetadata::discover_async(issuer, &self.http)
            .await
            .map_err(|e| unreachable(format!("{e:?}")))?;
        let redirect =
            RedirectUrl::new(self.redirect_uri.clone()).map_err(|e| unreachable(e.to_string()))?;
        Ok(CoreClient::from_provider_metadata(
            meta,
            ClientId::new(self.config.client_id.clone()),
            Some(ClientSecret::new(self.config.client_secret.clone())),
        )
        .set_redirect_uri(redirect))
    }

    /// Where to send the browser, the `state` to remember, and the sealed secrets.
    pub async fn start(
        &self,
        master: &MasterKey,
    ) -> Result<(String, String, Vec<u8>), FederationError> {
        let client = self.client().await?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .set_pkce_challenge(challenge);
        for s in self.config.scopes().into_iter().filter(|s| s != "openid") {
            request = request.add_scope(Scope::new(s));
        }
        let (url, state, nonce) = request.url();
        let pending = Pending {
            pkce_verifier: verifier.secret().clone(),
            nonce: nonce.secret().clone(),
        };
        let sealed = master.seal(
            "federation_state",
            &serde_json::to_vec(&pending).unwrap_or_default(),
        );
        Ok((url.to_string(), state.secret().clone(), sealed))
    }

    /// Redeems the code and verifies the ID token.
    pub async fn finish(
        &self,
        master: &MasterKey,
        sealed: &[u8],
        code: &str,
    ) -> Result<Assertion, FederationError> {
        let pending: Pending = master
            .open("federation_state", sealed)
            .ok()
            .and_then(|p| serde_json::from_slice(&p).ok())
            .ok_or(FederationError::BadState)?;
        let client = self.client().await?;
        let invalid = |what: &str, e: String| {
            tracing::warn!(upstream = %self.config.id, error = %e, "{what}");
            FederationError::Invalid(self.name())
        };
        let request = client
            .exchange_code(AuthorizationCode::new(code.to_string()))
            .map_err(|e| invalid("upstream token endpoint missing", e.to_string()))?
            .set_pkce_verifier(PkceCodeVerifier::new(pending.pkce_verifier));
        let token = request.request_async(&self.http).await.map_err(|e| {
            use openidconnect::RequestTokenError::*;
            match e {
                ServerResponse(r) => {
                    tracing::warn!(upstream = %self.config.id, error = %r.error(), "upstream token endpoint refused the code");
                    FederationError::Refused(self.name(), r.error().to_string())
                }
                Request(e) => {
                    tracing::warn!(upstream = %self.config.id, error = ?e, "upstream token request failed");
                    FederationError::Unreachable(self.name())
                }
                other => invalid("upstream token response unreadable", format!("{other:?}")),
            }
        })?;
        let id_token = token
            .id_token()
            .ok_or_else(|| invalid("upstream sent no ID token", String::new()))?;
        let claims = id_token
            .claims(&client.id_token_verifier(), &Nonce::new(pending.nonce))
            .map_err(|e| invalid("upstream ID token rejected", e.to_string()))?;
        let mut a = Assertion {
            issuer: claims.issuer().to_string(),
            subject: claims.subject().to_string(),
            email: claims.email().map(|e| e.to_string().to_lowercase()),
            email_verified: claims.email_verified().unwrap_or(false),
            name: claims
                .name()
                .and_then(|n| n.get(None))
                .map(|n| n.to_string()),
            preferred_username: claims.preferred_username().map(|u| u.to_string()),
            picture: claims
                .picture()
                .and_then(|p| p.get(None))
                .map(|p| p.to_string()),
        };
        // An OpenID Provider may keep the scopes' claims out of the ID token when it
        // issues an access token (OIDC Core §5.4; Lanyard itself does): ask userinfo.
        if a.email.is_none() {
            self.add_userinfo(&client, token.access_token(), &mut a)
                .await;
        }
        // The address becomes an account's (and a login name): the same rule as at
        // signup, whatever the upstream accepts.
        if let Some(e) = &a.email
            && crate::account::rules::email_problem(e).is_some()
        {
            tracing::warn!(upstream = %self.config.id, "upstream asserted an invalid email address; sign-in refused");
            return Err(FederationError::BadEmail(self.name()));
        }
        Ok(a)
    }

    /// Fills in what the ID token left out from the upstream's userinfo endpoint
    /// (OIDC Core §5.3), whose `sub` must be the ID token's (§5.3.2; the crate
    /// checks it). Nothing changes when there is no endpoint or it fails.
    async fn add_userinfo(&self, client: &Client, at: &AccessToken, a: &mut Assertion) {
        let subject = SubjectIdentifier::new(a.subject.clone());
        let Ok(request) = client.user_info(at.clone(), Some(subject)) else {
            return;
        };
        let info: CoreUserInfoClaims = match request.request_async(&self.http).await {
            Ok(info) => info,
            Err(e) => {
                tracing::warn!(upstream = %self.config.id, error = ?e, "upstream userinfo failed");
                return;
            }
        };
        if let Some(email) = info.email() {
            a.email = Some(email.to_string().to_lowercase());
            a.email_verified = info.email_verified().unwrap_or(false);
        }
        if a.name.is_none() {
            a.name = info.name().and_then(|n| n.get(None)).map(|n| n.to_string());
        }
        if a.preferred_username.is_none() {
            a.preferred_username = info.preferred_username().map(|u| u.to_string());
        }
        if a.picture.is_none() {
            a.picture = info
                .picture()
                .and_then(|p| p.get(None))
                .map(|p| p.to_string());
        }
    }

    /// Fetches the upstream's photo (bounded size and time); `None` on any problem.
    pub async fn fetch_picture(&self, url: &str) -> Option<Vec<u8>> {
        let parsed = url::Url::parse(url).ok()?;
        // https only, except plain http from a loopback upstream used in tests.
        let loopback_upstream = self.config.issuer().starts_with("http://");
        if parsed.scheme() != "https" && !(loopback_upstream && parsed.scheme() == "http") {
            return None;
        }
        let mut resp = self
            .http
            .get(parsed)
            .send()
            .await
            .ok()?
            .error_for_status()
            .ok()?;
        let mut buf = Vec::new();
        while let Some(chunk) = resp.chunk().await.ok()? {
            if buf.len() + chunk.len() > crate::account::avatar::MAX_BYTES {
                return None;
            }
            buf.extend_from_slice(&chunk);
        }
        Some(buf)
    }
}

/// A username for a new federated account: from the upstream's preferred username
/// or the email's local part, reduced to the username alphabet.
pub fn username_base(a: &Assertion) -> String {
    let raw = a
        .preferred_username
        .clone()
        .or_else(|| {
            a.email
                .as_ref()
                .and_then(|e| e.split('@').next().map(String::from))
        })
        .or_else(|| a.name.clone())
        .unwrap_or_default()
        .to_lowercase();
    let mut base: String = raw
        .chars()
        .map(|c| if c == ' ' { '.' } else { c })
        .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(*c))
        .collect();
    base = base
        .trim_start_matches(['.', '_', '-'])
        .chars()
        .take(24)
        .collect();
    if base.len() < 3 {
        base = format!("user{base}");
    }
    base
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(pu: Option<&str>, email: Option<&str>) -> Assertion {
        Assertion {
            issuer: "i".into(),
            subject: "s".into(),
            email: email.map(String::from),
            email_verified: true,
            name: None,
            preferred_username: pu.map(String::from),
            picture: None,
        }
    }

    #[test]
    fn usernames() {
        assert_eq!(
            username_base(&a(None, Some("Jane.Doe+x@gmail.com"))),
            "jane.doex"
        );
        assert_eq!(username_base(&a(Some("Zoë"), None)), "userzo");
        assert_eq!(username_base(&a(None, None)), "user");
        assert!(
            crate::account::rules::username_problem(&username_base(&a(Some("__a b c__"), None)))
                .is_none()
        );
    }
}
