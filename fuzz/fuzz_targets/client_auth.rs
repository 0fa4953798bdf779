//! Client authentication at the token, revocation and introspection endpoints:
//! `oidc::client_auth::authenticate`, which parses the `Authorization: Basic` header
//! (base64 of form-encoded id:secret) and the client_id/client_secret form fields.
//!
//! Input: `header \n body`. First byte 0: no header; 1: the header is
//! `Basic base64(<header part>)`, encoded here to reach the credential parser;
//! otherwise the header is taken as sent.
#![no_main]

use base64::{Engine, engine::general_purpose::STANDARD};
use lanyard::oidc::{client_auth, clients::AuthMethod, params::Params};
use lanyard_fuzz::{FIRST_SECRET, SVC_SECRET, WEBAPP_SECRET, provider, split_once};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let (header, body) = split_once(rest, b'\n');
    let params = Params::parse(body);
    let header: Option<String> = match mode {
        0 => None,
        1 => Some(format!("Basic {}", STANDARD.encode(header))),
        _ => match std::str::from_utf8(header) {
            Ok(h) => Some(h.to_string()),
            Err(_) => return,
        },
    };
    let p = provider();
    let res = client_auth::authenticate(&p.clients, header.as_deref(), &params);
    lanyard_fuzz::debug(|| format!("authenticate = {:?}", res.as_ref().map(|(c, m)| (&c.id, m))));
    match res {
        Ok((client, method)) => {
            if let Some(required) = client.auth_method {
                assert_eq!(required, method);
            }
            match method {
                AuthMethod::None => assert!(client.is_public() && header.is_none()),
                AuthMethod::Post | AuthMethod::Basic => {
                    // Only the real secret gets a confidential client through.
                    let secret = match client.id.as_str() {
                        "webapp" => WEBAPP_SECRET,
                        "svc" => SVC_SECRET,
                        "first" => FIRST_SECRET,
                        other => panic!("{other} authenticated with a secret"),
                    };
                    assert!(client.secret_matches(secret));
                    if method == AuthMethod::Post {
                        assert_eq!(params.get("client_secret").unwrap(), Some(secret));
                    }
                }
                // Assertions are `authenticate_request`'s (async, with the store).
                AuthMethod::PrivateKeyJwt => panic!("authenticate took a private_key_jwt"),
            }
        }
        Err(e) => assert!(matches!(e.code.as_str(), "invalid_client" | "invalid_request")),
    }
});
