//! Compact JWS / JWT parsing and verification against the real key ring (fixed
//! RS256, ES256 and EdDSA keys): `KeySet::verify_jwt`, and the callers that take a
//! token from a request: `claims::verify_access_token` (userinfo, introspection)
//! and `authorize::id_token_hint_sub` (authorize and end_session `id_token_hint`).
//!
//! The first byte picks a mode:
//! - 0: the rest is the token, as sent;
//! - 1: the rest is `header JSON \0 claims JSON \0 signature`, each part base64url
//!   encoded here, so the fuzzer reaches the JSON and key lookup behind the encoding;
//! - 2: the rest is a claims JSON that is signed with every key and must verify back;
//! - otherwise: the whole input is the token.
#![no_main]

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD as B64};
use lanyard::oidc::{
    authorize,
    claims,
    keys::{Alg, JwtError},
};
use lanyard_fuzz::{NOW, provider, split_once};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fn check_token(token: &str) {
    let p = provider();
    let keys = p.keys.current();
    for typ in ["JWT", "at+jwt"] {
        let res = keys.verify_jwt(token, typ);
        lanyard_fuzz::debug(|| format!("verify_jwt({typ}) = {res:?}"));
        match res {
            Ok(claims) => {
                assert!(claims.is_object());
                assert!(token.len() <= 16 * 1024);
                assert_eq!(token.split('.').count(), 3);
            }
            Err(JwtError::WrongType(t)) => assert_eq!(t, typ),
            Err(_) => {}
        }
    }
    if let Some(at) = claims::verify_access_token(p, token, NOW) {
        assert_eq!(at["iss"], lanyard_fuzz::ISSUER);
        assert!(at["exp"].as_i64().unwrap() > NOW);
    }
    for client in ["webapp", "spa", ""] {
        if let Some(sub) = authorize::id_token_hint_sub(p, token, client) {
            let claims = keys.verify_jwt(token, "JWT").expect("a hint that verified");
            assert_eq!(claims["sub"].as_str(), Some(sub.as_str()));
            if !client.is_empty() {
                assert!(authorize::audience_contains(&claims, client));
            }
        }
    }
}

/// JSON equality, except that floats may differ in the last bits: serde_json's
/// default float parser does not always round-trip an f64 exactly.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.is_f64() || y.is_f64() => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            x == y || ((x - y) / x.abs().max(y.abs())).abs() < 1e-12
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    match mode {
        0 => {
            if let Ok(t) = std::str::from_utf8(rest) {
                check_token(t);
            }
        }
        1 => {
            let (h, rest) = split_once(rest, 0);
            let (c, s) = split_once(rest, 0);
            let token = format!("{}.{}.{}", B64.encode(h), B64.encode(c), B64.encode(s));
            check_token(&token);
        }
        2 => {
            let Ok(v) = serde_json::from_slice::<Value>(rest) else {
                return;
            };
            if !v.is_object() {
                return;
            }
            let keys = provider().keys.current();
            for alg in Alg::ALL {
                let jwt = keys.signer(alg).sign_jwt("JWT", &v);
                if jwt.len() > 16 * 1024 {
                    continue; // verify_jwt refuses these by design
                }
                let back = keys.verify_jwt(&jwt, "JWT");
                assert!(
                    back.as_ref().is_ok_and(|b| same(b, &v)),
                    "{alg:?} {jwt}: {back:?} != {v:?}"
                );
                assert_eq!(keys.verify_jwt(&jwt, "at+jwt"), Err(JwtError::WrongType("at+jwt")));
                check_token(&jwt);
            }
        }
        _ => {
            if let Ok(t) = std::str::from_utf8(data) {
                check_token(t);
            }
        }
    }
});
