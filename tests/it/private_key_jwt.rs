//! `private_key_jwt` (RFC 7523, OIDC Core §9) over HTTP: clients sign assertions
//! with their own keys (generated here with aws-lc-rs), published at a `jwks_uri`
//! served on a real socket or given inline; then every refusal.

use crate::common::*;
use crate::errors::token_request;
use aws_lc_rs::{
    rand::SystemRandom,
    signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, Ed25519KeyPair, KeyPair},
};
use axum::{Router, routing::get};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD as B64};
use lanyard::oidc::vocab::{AuthMethod, GrantType};
use serde_json::{Value, json};
use std::sync::{
    Arc,
    atomic::{AtomicUsize, Ordering},
};

crate::on_both_backends!(clients_sign_in_with_their_own_keys);

const ASSERTION: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// A client's signing key.
enum Key {
    Es(EcdsaKeyPair),
    Ed(Ed25519KeyPair),
}

impl Key {
    fn es256() -> Key {
        Key::Es(EcdsaKeyPair::generate(&ECDSA_P256_SHA256_FIXED_SIGNING).unwrap())
    }
    fn ed25519() -> Key {
        Key::Ed(Ed25519KeyPair::generate().unwrap())
    }
    fn jwk(&self, kid: &str) -> Value {
        match self {
            Key::Es(k) => {
                let p = k.public_key().as_ref();
                json!({"kty": "EC", "crv": "P-256", "kid": kid, "use": "sig",
                       "x": B64.encode(&p[1..33]), "y": B64.encode(&p[33..65])})
            }
            Key::Ed(k) => json!({"kty": "OKP", "crv": "Ed25519", "kid": kid,
                                 "x": B64.encode(k.public_key().as_ref())}),
        }
    }
    /// A compact JWS of `claims`, with `kid` in the header.
    fn sign(&self, kid: &str, claims: &Value) -> String {
        let alg = match self {
            Key::Es(_) => "ES256",
            Key::Ed(_) => "EdDSA",
        };
        let header = json!({"alg": alg, "typ": "JWT", "kid": kid});
        let signed = format!(
            "{}.{}",
            B64.encode(header.to_string()),
            B64.encode(claims.to_string())
        );
        let sig = match self {
            Key::Es(k) => k
                .sign(&SystemRandom::new(), signed.as_bytes())
                .unwrap()
                .as_ref()
                .to_vec(),
            Key::Ed(k) => k.sign(signed.as_bytes()).as_ref().to_vec(),
        };
        format!("{signed}.{}", B64.encode(sig))
    }
}

/// The claims RFC 7523 §3 asks for, for `client`, to `aud`, with a fresh `jti`.
fn claims(client: &str, aud: &str) -> Value {
    let now = lanyard::oidc::now();
    json!({"iss": client, "sub": client, "aud": aud, "iat": now, "exp": now + 60,
           "jti": lanyard::crypto::random_id()})
}

/// A client_credentials request authenticated by `assertion`: (status, body).
async fn with_assertion(app: &TestApp, assertion: &str) -> (u16, Value) {
    let form = [
        ("grant_type", "client_credentials"),
        ("client_assertion_type", ASSERTION),
        ("client_assertion", assertion),
    ];
    let (s, v, _) = token_request(app, "", None, &form).await;
    (s, v)
}

fn key_client(id: &str) -> lanyard::config::ClientConfig {
    let mut c = client(id, None, &[GrantType::ClientCredentials], false);
    c.token_endpoint_auth_method = Some(AuthMethod::PrivateKeyJwt);
    c.redirect_uris = vec![];
    c
}

async fn clients_sign_in_with_their_own_keys(backend: Backend) {
    // The client's keys, on a jwks_uri that counts its fetches.
    let (es, ed, other) = (Key::es256(), Key::ed25519(), Key::es256());
    let set = json!({"keys": [es.jwk("es-1")]});
    let fetches = Arc::new(AtomicUsize::new(0));
    let counted = fetches.clone();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let jwks_uri = format!("http://{}/jwks.json", listener.local_addr().unwrap());
    let served = Router::new().route(
        "/jwks.json",
        get(move || {
            counted.fetch_add(1, Ordering::SeqCst);
            let set = set.clone();
            async move { axum::Json(set) }
        }),
    );
    tokio::spawn(async move { axum::serve(listener, served).await.unwrap() });
    let inline = json!({"keys": [ed.jwk("ed-1")]}).to_string();
    let app = TestApp::start_with(backend, move |c| {
        let mut remote = key_client("keyapp");
        remote.jwks_uri = Some(jwks_uri);
        let mut local = key_client("inlineapp");
        local.jwks = Some(inline);
        c.clients.extend([remote, local]);
        // Many refusals from one address follow; the throttle on them is tested
        // in throttles.rs.
        c.rate_limit.enabled = false;
    })
    .await;
    let token_endpoint = app.url("/token");
    let disco: Value = http()
        .get(app.url("/.well-known/openid-configuration"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        disco["token_endpoint_auth_methods_supported"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m == "private_key_jwt")
    );

    // A signed assertion authenticates; the same one again is a replay.
    let first = es.sign("es-1", &claims("keyapp", &token_endpoint));
    let (s, v) = with_assertion(&app, &first).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["scope"], "api.read");
    let (s, v) = with_assertion(&app, &first).await;
    assert_eq!(
        (s, v["error"].as_str()),
        (401, Some("invalid_client")),
        "a replay"
    );
    // A fresh one works, from the cached key set; so does the issuer as audience.
    let (s, _) = with_assertion(&app, &es.sign("es-1", &claims("keyapp", &app.base))).await;
    assert_eq!(s, 200);
    assert_eq!(
        fetches.load(Ordering::SeqCst),
        1,
        "the key set is fetched once"
    );
    // Inline keys, EdDSA.
    let (s, v) = with_assertion(
        &app,
        &ed.sign("ed-1", &claims("inlineapp", &token_endpoint)),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    // Introspection takes the assertion too (a confidential client).
    let at = v["access_token"].as_str().unwrap();
    let r = http()
        .post(app.url("/introspect"))
        .form(&[
            ("token", at),
            ("client_assertion_type", ASSERTION),
            (
                "client_assertion",
                &ed.sign("ed-1", &claims("inlineapp", &app.url("/introspect"))),
            ),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let intro: Value = r.json().await.unwrap();
    assert_eq!(intro["active"], true);

    // Refused, each with invalid_client and nothing said about why.
    let now = lanyard::oidc::now();
    let with = |change: &dyn Fn(&mut Value)| {
        let mut c = claims("keyapp", &token_endpoint);
        change(&mut c);
        c
    };
    let cases: Vec<(&str, String)> = vec![
        (
            "another audience",
            es.sign(
                "es-1",
                &with(&|c| c["aud"] = json!("https://evil.example/token")),
            ),
        ),
        (
            "expired",
            es.sign("es-1", &with(&|c| c["exp"] = json!(now - 1))),
        ),
        (
            "no exp",
            es.sign(
                "es-1",
                &with(&|c| {
                    c.as_object_mut().unwrap().remove("exp");
                }),
            ),
        ),
        (
            "exp two hours ahead",
            es.sign("es-1", &with(&|c| c["exp"] = json!(now + 7200))),
        ),
        (
            "not valid yet",
            es.sign("es-1", &with(&|c| c["nbf"] = json!(now + 600))),
        ),
        (
            "sub is not iss",
            es.sign("es-1", &with(&|c| c["sub"] = json!("someone"))),
        ),
        (
            "no jti",
            es.sign(
                "es-1",
                &with(&|c| {
                    c.as_object_mut().unwrap().remove("jti");
                }),
            ),
        ),
        (
            "another key under the same kid",
            other.sign("es-1", &claims("keyapp", &token_endpoint)),
        ),
        (
            "an unknown kid",
            other.sign("es-9", &claims("keyapp", &token_endpoint)),
        ),
        (
            "another client's key",
            ed.sign("ed-1", &claims("keyapp", &token_endpoint)),
        ),
        (
            "an unknown client",
            es.sign("es-1", &claims("nobody", &token_endpoint)),
        ),
        ("not a JWS", "not.a.jws".into()),
        ("a tampered signature", {
            let t = es.sign("es-1", &claims("keyapp", &token_endpoint));
            let (signed, _) = t.rsplit_once('.').unwrap();
            format!("{signed}.{}", B64.encode([7u8; 64]))
        }),
    ];
    for (why, assertion) in cases {
        let (s, v) = with_assertion(&app, &assertion).await;
        assert_eq!(
            (s, v["error"].as_str()),
            (401, Some("invalid_client")),
            "{why}: {v}"
        );
        assert_eq!(
            v["error_description"], "client authentication failed",
            "{why}"
        );
    }
    // Other mistakes of the request itself.
    let good = || es.sign("es-1", &claims("keyapp", &token_endpoint));
    let form = |kind: &str, assertion: String| {
        vec![
            ("grant_type".to_string(), "client_credentials".to_string()),
            ("client_assertion_type".to_string(), kind.to_string()),
            ("client_assertion".to_string(), assertion),
        ]
    };
    let post = |form: Vec<(String, String)>, basic: bool| {
        let app = &app;
        async move {
            let mut r = http().post(app.url("/token")).form(&form);
            if basic {
                r = r.basic_auth("keyapp", Some("a-secret"));
            }
            let r = r.send().await.unwrap();
            let status = r.status().as_u16();
            let v: Value = r.json().await.unwrap();
            (status, v["error"].as_str().unwrap_or_default().to_string())
        }
    };
    assert_eq!(
        post(form("urn:other", good()), false).await,
        (401, "invalid_client".into())
    );
    assert_eq!(
        post(form(ASSERTION, good()), true).await,
        (400, "invalid_request".into())
    );
    // A key client may not use a secret instead.
    let (s, v, _) = token_request(
        &app,
        "keyapp",
        Some("a-secret"),
        &[("grant_type", "client_credentials")],
    )
    .await;
    assert_eq!((s, v["error"].as_str()), (401, Some("invalid_client")));
    assert_eq!(
        fetches.load(Ordering::SeqCst),
        1,
        "refusals fetched nothing new"
    );
}
