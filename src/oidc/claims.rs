//! Claims: what the scopes reveal about a person (OIDC Core §5.4), and the contents
//! of ID tokens (§2) and access tokens (RFC 9068).

use super::{Provider, clients::Client, error::OAuthError, has_scope, keys::Alg};
use crate::store::{StoreError, grants::Grant, users::User};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

/// What an authorization request asks the ID token to carry beyond `sub` and the
/// protocol claims: single claims by name (the `claims` parameter's `id_token`
/// member, OIDC Core §5.5) and `acr` (`acr_values`, §3.1.2.1, or `acr` named
/// there). Claims are still released only for granted scopes: the parameter says
/// where a claim goes, the person's consent to the scope says whether it may.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdTokenRequest {
    #[serde(default)]
    pub claims: Vec<String>,
    #[serde(default)]
    pub acr: bool,
}

impl IdTokenRequest {
    /// From the `claims` and `acr_values` parameters; `None` when neither asks
    /// anything of the ID token.
    pub fn parse(
        claims: Option<&str>,
        acr_values: Option<&str>,
    ) -> Result<Option<IdTokenRequest>, OAuthError> {
        let mut out = IdTokenRequest {
            acr: acr_values.is_some(),
            ..Default::default()
        };
        if let Some(text) = claims {
            let bad = || {
                OAuthError::invalid_request(
                    "claims must be a JSON object with optional \"id_token\" and \"userinfo\" objects (OIDC Core §5.5)",
                )
            };
            let v: Value = serde_json::from_str(text).map_err(|_| bad())?;
            let top = v.as_object().ok_or_else(bad)?;
            for member in ["id_token", "userinfo"] {
                if top.get(member).is_some_and(|m| !m.is_object()) {
                    return Err(bad());
                }
            }
            if let Some(Value::Object(wanted)) = top.get("id_token") {
                for name in wanted.keys().take(50) {
                    match name.as_str() {
                        "acr" => out.acr = true,
                        n if !out.claims.iter().any(|c| c == n) => out.claims.push(n.into()),
                        _ => {}
                    }
                }
            }
        }
        Ok((out != IdTokenRequest::default()).then_some(out))
    }
}

/// The claims of `all` (from [`user_claims`]) an ID token carries: every one when
/// the client asks for them in ID tokens (`id_token_claims`), else `sub` and those
/// the request named; and `acr` "0" when it was asked for (a passkey sign-in's
/// level replaces it in [`id_token`]).
pub fn for_id_token(
    client: &Client,
    grant: &Grant,
    mut all: Map<String, Value>,
) -> Map<String, Value> {
    let asked: IdTokenRequest = grant
        .claims
        .as_deref()
        .and_then(|c| serde_json::from_str(c).ok())
        .unwrap_or_default();
    if !client.id_token_claims {
        all.retain(|k, _| k == "sub" || asked.claims.iter().any(|c| c == k));
    }
    if asked.acr {
        all.insert("acr".into(), json!("0"));
    }
    all
}

/// Standard claims released for the granted scopes (OIDC Core §5.4), and `teams`
/// for the `teams` scope.
pub async fn user_claims(
    provider: &Provider,
    user: &User,
    scope: &str,
) -> Result<Map<String, Value>, StoreError> {
    let mut m = Map::new();
    m.insert("sub".into(), json!(user.id));
    if has_scope(scope, "profile") {
        if let Some(name) = &user.name {
            m.insert("name".into(), json!(name));
        }
        m.insert("preferred_username".into(), json!(user.username));
        if let Some(url) = crate::account::profile::picture_url(&provider.issuer, user) {
            m.insert("picture".into(), json!(url));
        }
        m.insert("updated_at".into(), json!(user.updated_at));
    }
    if has_scope(scope, "email") {
        m.insert("email".into(), json!(user.email));
        m.insert("email_verified".into(), json!(user.email_verified));
    }
    if has_scope(scope, "teams") {
        let teams: Vec<Value> = provider
            .store
            .user_teams(&user.id)
            .await?
            .into_iter()
            .map(|t| json!({"id": t.id, "name": t.name, "role": t.role}))
            .collect();
        m.insert("teams".into(), Value::Array(teams));
    }
    Ok(m)
}

/// A signed ID token for `grant`, carrying `claims` (from [`user_claims`]).
pub fn id_token(
    provider: &Provider,
    client: &Client,
    grant: &Grant,
    mut c: Map<String, Value>,
    nonce: Option<&str>,
    access_token: &str,
    now: i64,
) -> String {
    let keys = provider.keys.current();
    let key = keys.signer(client.alg);
    c.insert("iss".into(), json!(provider.issuer));
    c.insert("aud".into(), json!(client.id));
    c.insert("azp".into(), json!(client.id));
    c.insert("iat".into(), json!(now));
    c.insert("exp".into(), json!(now + provider.access_token_ttl));
    c.insert("auth_time".into(), json!(grant.auth_time));
    c.insert("at_hash".into(), json!(client.alg.half_hash(access_token)));
    c.insert(
        "amr".into(),
        json!(grant.amr.split(' ').collect::<Vec<_>>()),
    );
    if let Some(acr) = acr(&grant.amr) {
        c.insert("acr".into(), json!(acr));
    }
    if let Some(sid) = &grant.sid {
        c.insert("sid".into(), json!(sid));
    }
    if let Some(nonce) = nonce {
        c.insert("nonce".into(), json!(nonce));
    }
    key.sign_jwt("JWT", &Value::Object(c))
}

/// The `acr` of a sign-in (OIDC Core §2), from what its `amr` says: a passkey is
/// phishing-resistant, `phrh` when the key is bound to its device and `phr` when it
/// is synced (OpenID EAP ACR Values 1.0 §2); other sign-ins claim no level.
pub fn acr(amr: &str) -> Option<&'static str> {
    let has = |v: &str| amr.split(' ').any(|a| a == v);
    if has("hwk") {
        Some("phrh")
    } else if has("swk") {
        Some("phr")
    } else {
        None
    }
}

/// What an access token says (RFC 9068 §2.2). `gid` ties it to its grant so that
/// revoking the grant stops it at userinfo and introspection.
pub struct AccessToken<'a> {
    pub sub: &'a str,
    pub client_id: &'a str,
    pub scope: &'a str,
    pub grant_id: Option<&'a str>,
    pub auth_time: Option<i64>,
    pub alg: Alg,
}

/// Signs an access token; returns the JWT and its `jti`.
pub fn access_token(provider: &Provider, t: &AccessToken<'_>, now: i64) -> (String, String) {
    let jti = crate::crypto::random_id();
    let mut c = json!({
        "iss": provider.issuer,
        "sub": t.sub,
        "aud": t.client_id,
        "client_id": t.client_id,
        "scope": t.scope,
        "iat": now,
        "exp": now + provider.access_token_ttl,
        "jti": jti,
    });
    if let Some(g) = t.grant_id {
        c["gid"] = json!(g);
    }
    if let Some(at) = t.auth_time {
        c["auth_time"] = json!(at);
    }
    let keys = provider.keys.current();
    (keys.signer(t.alg).sign_jwt("at+jwt", &c), jti)
}

/// A verified, unexpired access token of ours (signature, type, issuer, expiry).
/// Whether it was revoked is the store's question.
pub fn verify_access_token(provider: &Provider, token: &str, now: i64) -> Option<Value> {
    let claims = provider.keys.current().verify_jwt(token, "at+jwt").ok()?;
    let iss_ok = claims.get("iss").and_then(Value::as_str) == Some(provider.issuer.as_str());
    let exp_ok = claims
        .get("exp")
        .and_then(Value::as_i64)
        .is_some_and(|e| e > now);
    let jti_ok = claims.get("jti").and_then(Value::as_str).is_some();
    (iss_ok && exp_ok && jti_ok).then_some(claims)
}
