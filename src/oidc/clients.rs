//! Relying apps, loaded from `[[clients]]`. Secrets are kept only as SHA-256 hashes
//! (client secrets must be high-entropy, so a fast hash is the right tool; a config
//! may also give `secret = "sha256:<hex>"` to keep the plaintext out of the file).

pub use super::vocab::AuthMethod;
use super::vocab::{GrantType, SigningAlg};
use crate::config::ClientConfig;
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct Client {
    pub id: String,
    secret_hash: Option<[u8; 32]>,
    pub redirect_uris: Vec<String>,
    pub post_logout_redirect_uris: Vec<String>,
    pub grant_types: Vec<GrantType>,
    pub scopes: Vec<String>,
    pub first_party: bool,
    /// `None`: basic or post, whichever the client uses.
    pub auth_method: Option<AuthMethod>,
    pub alg: SigningAlg,
    /// `introspection = "any"`: a resource server that may introspect every
    /// client's tokens; otherwise only its own.
    pub introspects_any: bool,
    /// Where logout tokens go (OIDC Back-Channel Logout 1.0).
    pub backchannel_logout_uri: Option<String>,
    /// Only pushed authorization requests (RFC 9126 §6).
    pub require_par: bool,
    /// The scopes' claims go in ID tokens too (`id_token_claims`).
    pub id_token_claims: bool,
    /// The public keys of a `private_key_jwt` client.
    pub keys: Option<super::client_keys::ClientKeys>,
}

impl Client {
    pub fn from_config(c: &ClientConfig) -> anyhow::Result<Client> {
        let secret_hash = match c.secret.as_deref() {
            None => None,
            Some(s) => Some(match s.strip_prefix("sha256:") {
                Some(hex) => crate::crypto::hex_decode(hex)
                    .ok()
                    .and_then(|b| b.try_into().ok())
                    .ok_or_else(|| {
                        anyhow::anyhow!("clients.{}.secret: sha256: needs 64 hex digits", c.id)
                    })?,
                None => crate::crypto::sha256(s.as_bytes()),
            }),
        };
        Ok(Client {
            id: c.id.clone(),
            secret_hash,
            redirect_uris: c.redirect_uris.clone(),
            post_logout_redirect_uris: c.post_logout_redirect_uris.clone(),
            grant_types: c.grant_types.clone(),
            scopes: c.scopes.clone(),
            first_party: c.first_party,
            auth_method: c.token_endpoint_auth_method,
            alg: c.id_token_signed_response_alg.unwrap_or(SigningAlg::RS256),
            introspects_any: c.introspection.as_deref() == Some("any"),
            backchannel_logout_uri: c.backchannel_logout_uri.clone(),
            require_par: c.require_pushed_authorization_requests,
            id_token_claims: c.id_token_claims,
            keys: super::client_keys::ClientKeys::from_config(c)?,
        })
    }

    /// Neither a secret nor keys: it cannot keep a credential (OAuth 2.1 §2.1).
    pub fn is_public(&self) -> bool {
        self.secret_hash.is_none() && self.keys.is_none()
    }

    pub fn allows_grant(&self, grant: GrantType) -> bool {
        self.grant_types.contains(&grant)
    }

    pub fn allows_scope(&self, scope: &str) -> bool {
        self.scopes.iter().any(|s| s == scope)
    }

    /// Exact string match (OAuth 2.0 Security BCP §4.1.3: no pattern matching),
    /// except that a loopback IP redirect (`http://127.0.0.1/…`, `http://[::1]/…`)
    /// matches with any port (RFC 8252 §7.3): a desktop app listens on whatever
    /// port the system gives it when it starts.
    pub fn has_redirect_uri(&self, uri: &str) -> bool {
        self.redirect_uris
            .iter()
            .any(|u| u == uri || same_loopback_but_port(u, uri))
    }

    pub fn secret_matches(&self, presented: &str) -> bool {
        match &self.secret_hash {
            Some(h) => crate::crypto::ct_eq(&crate::crypto::sha256(presented.as_bytes()), h),
            None => false,
        }
    }
}

/// Whether `presented` is the `registered` loopback IP redirect on another port.
/// Only a canonical `presented` counts (what the browser will be sent to is then
/// exactly what was checked).
fn same_loopback_but_port(registered: &str, presented: &str) -> bool {
    let (Ok(mut r), Ok(mut p)) = (url::Url::parse(registered), url::Url::parse(presented)) else {
        return false;
    };
    if p.as_str() != presented || !is_loopback_ip(&r) || !is_loopback_ip(&p) {
        return false;
    }
    // Loopback IP URLs always have a host, so setting the port cannot fail.
    let _ = (r.set_port(None), p.set_port(None));
    r == p
}

/// `http://localhost…`: a name that may resolve elsewhere, so not a loopback
/// redirect (RFC 8252 §8.3); said so where one is met.
pub fn is_http_localhost(uri: &str) -> bool {
    url::Url::parse(uri).is_ok_and(|u| u.scheme() == "http" && u.host_str() == Some("localhost"))
}

/// `http://127.0.0.1…` or `http://[::1]…` (RFC 8252 §7.3; `localhost` is not one, §8.3).
pub fn is_loopback_ip(u: &url::Url) -> bool {
    u.scheme() == "http"
        && match u.host() {
            Some(url::Host::Ipv4(ip)) => ip == std::net::Ipv4Addr::LOCALHOST,
            Some(url::Host::Ipv6(ip)) => ip == std::net::Ipv6Addr::LOCALHOST,
            _ => false,
        }
}

#[derive(Debug, Default)]
pub struct Clients(HashMap<String, Client>);

impl Clients {
    pub fn from_config(list: &[ClientConfig]) -> anyhow::Result<Clients> {
        list.iter()
            .map(|c| Ok((c.id.clone(), Client::from_config(c)?)))
            .collect::<anyhow::Result<_>>()
            .map(Clients)
    }

    pub fn get(&self, id: &str) -> Option<&Client> {
        self.0.get(id)
    }
}

#[cfg(test)]
mod tests {
    use super::same_loopback_but_port as same;

    #[test]
    fn loopback_redirects_match_on_any_port() {
        for (registered, presented, want) in [
            ("http://127.0.0.1/cb", "http://127.0.0.1:51234/cb", true),
            (
                "http://127.0.0.1:8000/cb",
                "http://127.0.0.1:51234/cb",
                true,
            ),
            ("http://127.0.0.1:8000/cb", "http://127.0.0.1/cb", true),
            ("http://[::1]/cb", "http://[::1]:4000/cb", true),
            ("http://127.0.0.1/cb?x=1", "http://127.0.0.1:9/cb?x=1", true),
            // Another path, query, scheme or host is another URI.
            ("http://127.0.0.1/cb", "http://127.0.0.1:9/other", false),
            ("http://127.0.0.1/cb", "http://127.0.0.1:9/cb?x=1", false),
            ("http://127.0.0.1/cb", "https://127.0.0.1:9/cb", false),
            ("http://127.0.0.1/cb", "http://[::1]:9/cb", false),
            ("http://127.0.0.1/cb", "http://127.0.0.2:9/cb", false),
            // localhost is a name, not the loopback interface (RFC 8252 §8.3).
            ("http://localhost/cb", "http://localhost:9/cb", false),
            ("http://127.0.0.1/cb", "http://localhost:9/cb", false),
            // Only canonical forms: what is checked is what the browser gets.
            ("http://127.0.0.1/cb", "http://127.0.0.1:9/x/../cb", false),
            (
                "https://app.example/cb",
                "https://app.example:444/cb",
                false,
            ),
        ] {
            assert_eq!(
                same(registered, presented),
                want,
                "{registered} / {presented}"
            );
        }
    }
}
