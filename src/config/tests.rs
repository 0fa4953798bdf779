//! Loading and validating the config.

use super::{
    clients::{default_grant_types, default_scopes},
    env::top_level_keys,
    *,
};
use crate::oidc::vocab::{AuthMethod, GrantType, SigningAlg};

#[test]
fn defaults_are_valid() {
    assert!(Config::default().problems().is_empty());
}

/// Every section can be overridden from the environment (`LANYARD_AUDIT__…` was
/// silently ignored while the list was kept by hand and lacked `audit`).
#[test]
fn every_top_level_key_takes_environment_overrides() {
    let keys = top_level_keys();
    for section in [
        "issuer",
        "listen",
        "data_dir",
        "database",
        "tls",
        "secrets",
        "sessions",
        "tokens",
        "mail",
        "captcha",
        "signup",
        "rate_limit",
        "proxy",
        "audit",
        "metrics",
        "log",
        "upstream",
        "clients",
    ] {
        assert!(keys.iter().any(|k| k == section), "{section} in {keys:?}");
    }
}

/// Every key the README documents with an environment variable names a real key
/// of the config, under a section the overrides are read for.
#[test]
fn every_documented_environment_override_reaches_its_key() {
    let defaults = serde_json::to_value(Config::default()).unwrap();
    let sections = top_level_keys();
    let mut checked = 0;
    for row in include_str!("../../README.md").lines() {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let (Some(key), Some(env)) = (cells.get(1), cells.get(3)) else {
            continue;
        };
        let (Some(key), Some(env)) = (
            key.strip_prefix('`').and_then(|k| k.strip_suffix('`')),
            env.strip_prefix("`LANYARD_")
                .and_then(|e| e.strip_suffix('`')),
        ) else {
            continue;
        };
        assert_eq!(env.to_lowercase().replace("__", "."), key, "{row}");
        let mut path = key.split('.');
        let top = path.next().unwrap();
        assert!(sections.iter().any(|s| s == top), "{key}: not overridable");
        let mut at = &defaults[top];
        for part in path {
            // An optional section (`tls`) is null by default: its keys are
            // still read, as that section's fields.
            if at.is_null() {
                break;
            }
            at = at.get(part).unwrap_or_else(|| panic!("{key}: no such key"));
        }
        checked += 1;
    }
    assert!(checked >= 30, "only {checked} documented overrides found");
}

#[test]
fn pool_size_defaults_by_backend_and_follows_the_key() {
    let mut c = Config::default();
    assert_eq!(c.pool_size(), 4, "SQLite by default");
    c.database.url = Some("postgres://db.internal/lanyard".into());
    assert_eq!(c.pool_size(), 16);
    c.database.max_connections = Some(7);
    assert_eq!(c.pool_size(), 7);
    c.database.max_connections = Some(0);
    let keys: Vec<String> = c.problems().into_iter().map(|p| p.key).collect();
    assert!(keys.contains(&"database.max_connections".to_string()));
}

#[test]
fn problems_name_their_keys() {
    let mut c = Config {
        listen: "nope".into(),
        ..Config::default()
    };
    c.clients.push(ClientConfig {
        id: "app".into(),
        secret: None,
        redirect_uris: vec!["not a url".into(), "myapp:/cb".into()],
        post_logout_redirect_uris: vec![],
        grant_types: vec![GrantType::ClientCredentials],
        scopes: default_scopes(),
        first_party: false,
        token_endpoint_auth_method: Some(AuthMethod::Post),
        id_token_signed_response_alg: None,
        introspection: Some("all".into()),
        name: None,
        logo_uri: None,
        client_uri: None,
        policy_uri: None,
        tos_uri: None,
        backchannel_logout_uri: None,
        backchannel_logout_session_required: false,
        require_pushed_authorization_requests: false,
        id_token_claims: false,
        jwks: None,
        jwks_uri: None,
    });
    c.metrics.token = Some("short".into());
    c.tokens.refresh_reuse_grace = Duration::from_secs(301);
    let keys: Vec<String> = c.problems().into_iter().map(|p| p.key).collect();
    for k in [
        "listen",
        "tokens.refresh_reuse_grace",
        "clients[0].redirect_uris[0]",
        "clients[0].redirect_uris[1]",
        "clients[0].grant_types",
        "clients[0].token_endpoint_auth_method",
        "clients[0].introspection",
        "metrics.token",
    ] {
        assert!(keys.iter().any(|x| x == k), "{k} missing from {keys:?}");
    }
}

/// Loads `toml` as a config file (environment overrides apply as in production).
fn load_text(toml: &str) -> Result<Config, ConfigErrors> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lanyard.toml");
    std::fs::write(&file, toml).unwrap();
    Config::load(Some(&file))
}

/// Closed sets are parsed at load: a wrong value names its key and the allowed values.
#[test]
fn closed_sets_list_their_allowed_values() {
    let client = |line: &str| {
        format!(
            "[[clients]]\nid = \"svc\"\nsecret = \"s3cret-s3cret\"\nredirect_uris = [\"https://a.example/cb\"]\n{line}\n"
        )
    };
    for (line, key, message) in [
        (
            "grant_types = [\"client_credentials\", \"password\"]",
            "clients[0].grant_types[1]",
            "\"password\" is not a grant type; allowed: authorization_code, refresh_token, client_credentials, urn:ietf:params:oauth:grant-type:device_code",
        ),
        (
            "token_endpoint_auth_method = \"client_secret_jwt\"",
            "clients[0].token_endpoint_auth_method",
            "\"client_secret_jwt\" is not a token endpoint auth method; allowed: client_secret_basic, client_secret_post, none, private_key_jwt",
        ),
        (
            "id_token_signed_response_alg = \"HS256\"",
            "clients[0].id_token_signed_response_alg",
            "\"HS256\" is not a signing algorithm; allowed: RS256, ES256, EdDSA",
        ),
    ] {
        let problems = load_text(&client(line)).unwrap_err().0;
        assert!(
            problems
                .iter()
                .any(|p| p.key == key && p.message == message),
            "{line}: {problems:?}"
        );
    }
    // The documented spellings load into the runtime values.
    let c = load_text(&client(
        "grant_types = [\"authorization_code\", \"refresh_token\", \"client_credentials\", \"urn:ietf:params:oauth:grant-type:device_code\"]\n\
         token_endpoint_auth_method = \"client_secret_post\"\n\
         id_token_signed_response_alg = \"EdDSA\"",
    ))
    .unwrap();
    assert_eq!(c.clients[0].grant_types, GrantType::ALL);
    assert_eq!(
        c.clients[0].token_endpoint_auth_method,
        Some(AuthMethod::Post)
    );
    assert_eq!(
        c.clients[0].id_token_signed_response_alg,
        Some(SigningAlg::EdDSA)
    );
    // Unset: the defaults.
    let c = load_text(&client("")).unwrap();
    assert_eq!(c.clients[0].grant_types, default_grant_types());
    assert_eq!(c.clients[0].token_endpoint_auth_method, None);
}

/// `lanyard check` warns about what clients are known to get wrong: secrets that
/// change under form-encoding, `localhost` redirects.
#[test]
fn client_warnings() {
    let c = load_text(
        "[[clients]]\nid = \"app\"\nsecret = \"a+b/c=d-0123456789\"\nredirect_uris = [\"http://localhost:3000/cb\", \"http://127.0.0.1/cb\", \"com.example.app:/cb\"]\n\n[[clients]]\nid = \"hashed\"\nsecret = \"sha256:0000000000000000000000000000000000000000000000000000000000000000\"\ngrant_types = [\"client_credentials\"]\n",
    )
    .unwrap();
    assert!(c.problems().is_empty(), "{:?}", c.problems());
    let keys: Vec<String> = c.warnings().into_iter().map(|w| w.key).collect();
    for k in ["clients[0].secret", "clients[0].redirect_uris[0]"] {
        assert!(keys.iter().any(|x| x == k), "{k} missing from {keys:?}");
    }
    for k in [
        "clients[0].redirect_uris[1]",
        "clients[0].redirect_uris[2]",
        "clients[1].secret",
    ] {
        assert!(!keys.iter().any(|x| x == k), "{k} in {keys:?}");
    }
}

/// `private_key_jwt` needs keys and no secret; keys need that method; a bad set
/// or an http `jwks_uri` off loopback is named.
#[test]
fn private_key_jwt_clients_need_keys() {
    let client = |lines: &str| {
        format!("[[clients]]\nid = \"k\"\ngrant_types = [\"client_credentials\"]\n{lines}\n")
    };
    let ec = r#"{"keys":[{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}]}"#;
    for (lines, key) in [
        (
            "token_endpoint_auth_method = \"private_key_jwt\"",
            "clients[0].token_endpoint_auth_method",
        ),
        (
            "token_endpoint_auth_method = \"private_key_jwt\"\nsecret = \"s3cret-s3cret\"\njwks_uri = \"https://k.example/jwks\"",
            "clients[0].token_endpoint_auth_method",
        ),
        (
            "jwks_uri = \"https://k.example/jwks\"",
            "clients[0].token_endpoint_auth_method",
        ),
        (
            "token_endpoint_auth_method = \"private_key_jwt\"\njwks = '{\"keys\": []}'",
            "clients[0].jwks",
        ),
        (
            "token_endpoint_auth_method = \"private_key_jwt\"\njwks_uri = \"http://k.example/jwks\"",
            "clients[0].jwks_uri",
        ),
    ] {
        let keys: Vec<String> = match load_text(&client(lines)) {
            Ok(c) => c.problems().into_iter().map(|p| p.key).collect(),
            Err(e) => e.0.into_iter().map(|p| p.key).collect(),
        };
        assert!(keys.iter().any(|k| k == key), "{lines}: {keys:?}");
    }
    let ok = client(&format!(
        "token_endpoint_auth_method = \"private_key_jwt\"\njwks = '{ec}'"
    ));
    let c = load_text(&ok).unwrap();
    assert!(c.problems().is_empty(), "{:?}", c.problems());
}
