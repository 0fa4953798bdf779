//! Upstream OpenID Providers people can sign in through.

use super::duration_text;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// An OpenID Provider people can sign in through ("Sign in with NAME").
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpstreamConfig {
    /// Used in URLs (`/federate/<id>`); `google` gets Google's issuer and scopes.
    pub id: String,
    /// Shown on the buttons; default: Google for `google`, else the id.
    pub name: Option<String>,
    pub client_id: String,
    pub client_secret: String,
    /// The upstream's issuer (discovery starts there); default for `google`:
    /// https://accounts.google.com. Plain http:// only on a loopback address.
    pub issuer: Option<String>,
    /// Scopes asked for; default `openid email profile`.
    pub scopes: Option<Vec<String>>,
    /// How long to wait for the upstream on each call.
    #[serde(with = "duration_text", default = "default_upstream_timeout")]
    pub timeout: Duration,
}

fn default_upstream_timeout() -> Duration {
    Duration::from_secs(10)
}

impl UpstreamConfig {
    pub fn issuer(&self) -> &str {
        match (&self.issuer, self.id.as_str()) {
            // Used verbatim: OpenID Discovery compares issuers as exact strings.
            (Some(i), _) => i.as_str(),
            (None, _) => "https://accounts.google.com",
        }
    }

    pub fn display_name(&self) -> String {
        match (&self.name, self.id.as_str()) {
            (Some(n), _) => n.clone(),
            (None, "google") => "Google".into(),
            (None, id) => id.to_string(),
        }
    }

    pub fn scopes(&self) -> Vec<String> {
        self.scopes
            .clone()
            .unwrap_or_else(|| ["openid", "email", "profile"].map(String::from).to_vec())
    }
}
