//! `application/x-www-form-urlencoded` bodies and query strings: `Params::parse`
//! (every OAuth endpoint), `web::extract::parse_form` into the hosted pages' form
//! structs (every hosted page), and the
//! field checks run on what they return (scope lists, PKCE, account rules, invites),
//! plus the same bytes as the Cookie header (session, CSRF) and X-Forwarded-For
//! (`net::client_ip`), and a `code` field as a two-step code (`auth::totp`).
#![no_main]

use lanyard::{
    account::{rules, teams},
    auth::totp,
    net::{Cidr, client_ip},
    oidc::{has_scope, params::Params, pkce, scope_list},
    web::{extract::parse_form, pages, session},
};
use std::net::IpAddr;
use libfuzzer_sys::fuzz_target;

const NAMES: &[&str] = &[
    "client_id", "redirect_uri", "scope", "state", "code", "code_verifier",
    "code_challenge", "code_challenge_method", "grant_type", "refresh_token",
    "username", "email", "password", "csrf", "altcha", "invites", "",
];

/// A field of the protocol's parameters; a repeated one counts as missing.
fn field<'a>(p: &'a Params, name: &str) -> Option<&'a str> {
    p.get(name).ok().flatten()
}

fuzz_target!(|data: &[u8]| {
    let p = Params::parse(data);
    // The pages' typed forms: parsed or refused, never a panic.
    let _ = parse_form::<pages::login::LoginForm>(data);
    let _ = parse_form::<pages::signup::SignupForm>(data);
    let _ = parse_form::<pages::consent::Decision>(data);
    let _ = parse_form::<pages::onboarding::TeamForm>(data);
    let _ = parse_form::<pages::recover::RecoverForm>(data);
    let _ = parse_form::<Vec<(String, String)>>(data);

    // get/require/field agree with each other and with the RFC 6749 §3.1 rules.
    let names = NAMES.iter().copied().chain(p.pairs().iter().map(|(k, _)| k.as_str()));
    for name in names.take(64) {
        let got = p.get(name);
        let nonempty = p.pairs().iter().filter(|(k, v)| k == name && !v.is_empty()).count();
        match &got {
            Ok(None) => assert_eq!(nonempty, 0),
            Ok(Some(v)) => {
                assert_eq!(nonempty, 1);
                assert!(!v.is_empty());
                assert_eq!(p.require(name).ok(), Some(*v));
            }
            Err(e) => {
                assert!(nonempty > 1);
                assert_eq!(e.code.as_str(), "invalid_request");
            }
        }
    }

    // Re-encoding what was decoded gives the same pairs back.
    let mut ser = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in p.pairs() {
        ser.append_pair(k, v);
    }
    let again = Params::parse(ser.finish().as_bytes());
    assert_eq!(again.pairs(), p.pairs());

    if let Some(scope) = field(&p, "scope") {
        let list = scope_list(scope);
        for s in &list {
            assert!(!s.is_empty() && !s.contains(' '));
            assert!(has_scope(scope, s));
        }
    }
    let challenge = field(&p, "code_challenge");
    if let Some(c) = challenge {
        let _ = pkce::check_challenge(c, field(&p, "code_challenge_method"));
    }
    if let Some(v) = field(&p, "code_verifier") {
        let _ = pkce::verify(v, challenge.unwrap_or("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
    }
    let username = field(&p, "username").unwrap_or_default();
    let email = field(&p, "email").unwrap_or_default();
    let _ = rules::username_problem(username);
    let _ = rules::email_problem(email);
    if let Some(pw) = field(&p, "password") {
        let _ = rules::password_problem(pw, username, email);
    }
    if let Some(text) = field(&p, "invites") {
        if let Ok(list) = teams::parse_invites(text) {
            for e in list {
                assert!(rules::email_problem(&e).is_none());
            }
        }
    }
    if let Some(name) = field(&p, "team") {
        let _ = teams::team_name_problem(name);
    }

    if let Some(code) = field(&p, "code") {
        let _ = totp::matching_step(b"12345678901234567890", code, lanyard_fuzz::NOW);
        if totp::is_recovery_code(code) {
            assert_eq!(totp::recovery_hash(code).len(), 43);
        }
    }

    if let Ok(text) = std::str::from_utf8(data) {
        // X-Forwarded-For from behind trusted proxies: the answer is the peer or
        // one of the listed hops, never something else.
        let trusted: Vec<Cidr> = ["10.0.0.0/8", "::1", "fd00::/8"]
            .iter()
            .map(|c| Cidr::parse(c).unwrap())
            .collect();
        let peer: IpAddr = "10.1.2.3".parse().unwrap();
        let ip = client_ip(&trusted, peer, Some(text));
        assert!(
            ip == peer || text.split(',').any(|h| h.trim().parse::<IpAddr>().ok() == Some(ip)),
            "{ip} is not in {text:?}"
        );
        // A CIDR from config text: it contains its own address.
        if let Some(c) = Cidr::parse(text) {
            let addr: IpAddr = text.trim().split('/').next().unwrap().parse().unwrap();
            assert!(c.contains(addr), "{text:?} does not contain {addr}");
        }
    }

    // The same bytes as a Cookie header.
    if let Ok(v) = http::HeaderValue::from_bytes(data) {
        let mut h = http::HeaderMap::new();
        h.insert(http::header::COOKIE, v);
        let _ = session::read_cookie(&h, "lanyard_session");
        let _ = session::read_cookie(&h, "__Host-lanyard_csrf");
    }
});
