//! `private_key_jwt` (RFC 7523 §2.2 and §3, OIDC Core §9): a client proves itself
//! with a JWT it signed with its own key, instead of sending a secret.

use super::{Provider, clients::Client, error::OAuthError};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD as B64};
use serde_json::Value;

/// The `client_assertion_type` of a JWT assertion (RFC 7523 §2.2).
pub const JWT_BEARER: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
/// How far ahead an assertion's `exp` may be (RFC 7523 §3 lets the server refuse
/// "unreasonably far" ones); and the clock skew allowed for `nbf`.
const MAX_LIFETIME: i64 = 3600;
const SKEW: i64 = 60;

/// The client a valid assertion names. Every failure is `invalid_client` with a
/// generic description; what was wrong goes to the log only.
pub async fn verify<'p>(
    provider: &'p Provider,
    assertion: &str,
    body_client_id: Option<&str>,
    now: i64,
) -> Result<&'p Client, OAuthError> {
    let fail =
        |why: String| OAuthError::invalid_client("client authentication failed").with_detail(why);
    let jws = Jws::parse(assertion)
        .ok_or_else(|| fail("the client_assertion is not a compact JWS".into()))?;
    let claim = |name: &str| jws.claims.get(name).and_then(Value::as_str);
    let client_id = claim("iss").ok_or_else(|| fail("the assertion has no iss".into()))?;
    if claim("sub") != Some(client_id) {
        return Err(fail(
            "the assertion's sub is not its iss (RFC 7523 §3)".into(),
        ));
    }
    if body_client_id.is_some_and(|id| id != client_id) {
        return Err(fail("client_id differs from the assertion's iss".into()));
    }
    let client = provider
        .clients
        .get(client_id)
        .ok_or_else(|| fail(format!("no client {client_id:?}")))?;
    let keys = client.keys.as_ref().ok_or_else(|| {
        fail(format!(
            "the client {client_id:?} has no jwks for private_key_jwt"
        ))
    })?;
    // A signature that fails with cached keys is tried once more with a fresh set
    // (the client may have rotated its key).
    let mut verified = false;
    for stale_ok in [true, false] {
        let set = provider
            .client_keys
            .keys(keys, stale_ok)
            .await
            .map_err(fail)?;
        if jws.verifies_with(&set) {
            verified = true;
            break;
        }
        if matches!(keys, super::client_keys::ClientKeys::Inline(_)) {
            break;
        }
    }
    if !verified {
        return Err(fail(
            "the assertion's signature matches none of the client's keys".into(),
        ));
    }
    check_times_and_audience(provider, &jws.claims, now).map_err(fail)?;
    let jti = claim("jti").ok_or_else(|| fail("the assertion has no jti".into()))?;
    let exp = jws.claims["exp"].as_i64().unwrap_or(now);
    let once = crate::crypto::token_hash(&format!("{client_id}\n{jti}"));
    if !provider.store.use_client_assertion(&once, exp).await? {
        return Err(fail(
            "the assertion was used before (its jti came back)".into(),
        ));
    }
    Ok(client)
}

/// `exp` (required, not past, not far ahead), `nbf` (not ahead), and `aud`: the
/// issuer or one of the endpoints a client authenticates at.
fn check_times_and_audience(provider: &Provider, claims: &Value, now: i64) -> Result<(), String> {
    let exp = claims
        .get("exp")
        .and_then(Value::as_i64)
        .ok_or("the assertion has no exp")?;
    if exp <= now {
        return Err("the assertion expired".into());
    }
    if exp > now + MAX_LIFETIME {
        return Err("the assertion's exp is more than an hour ahead".into());
    }
    if claims
        .get("nbf")
        .and_then(Value::as_i64)
        .is_some_and(|nbf| nbf > now + SKEW)
    {
        return Err("the assertion is not valid yet (nbf)".into());
    }
    let ours = |aud: &str| {
        aud == provider.issuer
            || [
                "/token",
                "/par",
                "/introspect",
                "/revoke",
                "/device_authorization",
            ]
            .iter()
            .any(|p| aud == provider.endpoint(p))
    };
    let aud_ok = match claims.get("aud") {
        Some(Value::String(a)) => ours(a),
        Some(Value::Array(list)) => list.iter().filter_map(Value::as_str).any(ours),
        _ => false,
    };
    if !aud_ok {
        return Err("the assertion's aud is neither the issuer nor a Lanyard endpoint".into());
    }
    Ok(())
}

/// A compact JWS, split and decoded (its signature not yet checked).
struct Jws {
    alg: String,
    kid: Option<String>,
    claims: Value,
    signed: String,
    signature: Vec<u8>,
}

impl Jws {
    fn parse(token: &str) -> Option<Jws> {
        if token.len() > 16 * 1024 {
            return None;
        }
        let mut parts = token.split('.');
        let (h, c, s) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        let header: Value = serde_json::from_slice(&B64.decode(h).ok()?).ok()?;
        let claims: Value = serde_json::from_slice(&B64.decode(c).ok()?).ok()?;
        if !claims.is_object() {
            return None;
        }
        Some(Jws {
            alg: header.get("alg")?.as_str()?.to_string(),
            kid: header.get("kid").and_then(Value::as_str).map(String::from),
            claims,
            signed: format!("{h}.{c}"),
            signature: B64.decode(s).ok()?,
        })
    }

    /// Whether a key of `set` (the one named by `kid`, when there is one) signed it.
    fn verifies_with(&self, set: &[Value]) -> bool {
        set.iter()
            .filter(|k| match &self.kid {
                Some(kid) => k.get("kid").and_then(Value::as_str) == Some(kid),
                None => true,
            })
            .any(|k| {
                super::client_keys::verifies(k, &self.alg, self.signed.as_bytes(), &self.signature)
            })
    }
}
