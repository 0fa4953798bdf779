//! Table tests of the authorization endpoint's core with a fixed clock: every
//! numbered check of the prompt policy [`decide`] and its `prompt=none` variants,
//! and the request checks of [`validate`] that the policy relies on (which prompt
//! combinations reach it, what `max_age` and `id_token_hint` become).
//!
//! Each row names the check it covers ("3. max_age …"); a failure prints the row.

use super::*;
use crate::{config::Config, crypto::MasterKey, oidc::keys::Alg, store::Store};
use serde_json::json;
use std::sync::Arc;

/// The fixed "now" of every row.
const NOW: i64 = 1_700_000_000;
const ISSUER: &str = "https://id.example";
const REDIRECT: &str = "https://app.example/cb";
const ALICE: &str = "user-alice";
const BOB: &str = "user-bob";
/// A valid S256 challenge (RFC 7636 appendix B).
const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

/// A provider as the app builds it (keys in an in-memory SQLite), with a
/// first-party and a third-party client. Clients come from their config form.
async fn provider() -> Provider {
    let client = |id: &str, first_party: bool, secret: Option<&str>| {
        serde_json::from_value(json!({
            "id": id,
            "secret": secret,
            "redirect_uris": [REDIRECT],
            "scopes": ["openid", "profile", "email", "offline_access"],
            "first_party": first_party,
        }))
        .expect("a client config")
    };
    let config = Config {
        issuer: ISSUER.into(),
        clients: vec![
            client("first", true, Some("first-secret-0123456789")),
            client("third", false, Some("third-secret-0123456789")),
            client("spa", true, None),
        ],
        ..Config::default()
    };
    let store = Store::connect("sqlite::memory:", 1).await.unwrap();
    store.migrate().await.unwrap();
    Provider::new(
        &config,
        store,
        Arc::new(MasterKey::from_bytes([7; 32])),
        NOW,
    )
    .await
    .unwrap()
}

/// What a row expects of `decide`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    NeedLogin,
    SelectAccount,
    NeedConsent,
    Proceed,
    /// `Outcome::Fail` with this error code (prompt=none).
    Fail(&'static str),
}

/// An error's code as text (whatever type the code has).
fn code_of(e: &OAuthError) -> String {
    e.code.to_string()
}

fn seen(outcome: &Outcome) -> Expect {
    match outcome {
        Outcome::NeedLogin => Expect::NeedLogin,
        Outcome::SelectAccount => Expect::SelectAccount,
        Outcome::NeedConsent => Expect::NeedConsent,
        Outcome::Proceed => Expect::Proceed,
        Outcome::Fail(e) => Expect::Fail(match code_of(e).as_str() {
            "login_required" => "login_required",
            "consent_required" => "consent_required",
            "interaction_required" => "interaction_required",
            "account_selection_required" => "account_selection_required",
            other => panic!("decide failed with an unexpected code {other}"),
        }),
    }
}

struct Row {
    /// The numbered check of `decide` it covers, and the case.
    name: &'static str,
    client: &'static str,
    scope: &'static str,
    prompt: &'static [Prompt],
    max_age: Option<i64>,
    /// The `sub` of the request's id_token_hint.
    hint_sub: Option<&'static str>,
    /// The signed-in account (always ALICE) signed in this many seconds before NOW;
    /// `None`: nobody is signed in.
    signed_in_ago: Option<i64>,
    progress: Progress,
    /// The scope ALICE allowed this client before.
    prior_consent: Option<&'static str>,
    expect: Expect,
}

const NOTHING_YET: Progress = Progress {
    signed_in_now: false,
    chose_now: false,
    consented_now: false,
};
const SIGNED_IN_NOW: Progress = Progress {
    signed_in_now: true,
    ..NOTHING_YET
};
const CHOSE_NOW: Progress = Progress {
    chose_now: true,
    ..NOTHING_YET
};
const CONSENTED_NOW: Progress = Progress {
    consented_now: true,
    ..NOTHING_YET
};

/// A first-party request by a person signed in a minute ago: every check passes.
const BASE: Row = Row {
    name: "",
    client: "first",
    scope: "openid profile",
    prompt: &[],
    max_age: None,
    hint_sub: None,
    signed_in_ago: Some(60),
    progress: NOTHING_YET,
    prior_consent: None,
    expect: Expect::Proceed,
};

const NONE: &[Prompt] = &[Prompt::None];

const DECIDE: &[Row] = &[
    Row {
        name: "0. baseline: first party, signed in, nothing asked",
        ..BASE
    },
    Row {
        name: "0. baseline, prompt=none: silent sign-in succeeds",
        prompt: NONE,
        ..BASE
    },
    // 1. Nobody signed in.
    Row {
        name: "1. nobody signed in",
        signed_in_ago: None,
        expect: Expect::NeedLogin,
        ..BASE
    },
    Row {
        name: "1. nobody signed in, prompt=none",
        signed_in_ago: None,
        prompt: NONE,
        expect: Expect::Fail("login_required"),
        ..BASE
    },
    Row {
        name: "1. nobody signed in, prompt=consent: sign-in comes first",
        signed_in_ago: None,
        prompt: &[Prompt::Consent],
        expect: Expect::NeedLogin,
        ..BASE
    },
    Row {
        name: "1. nobody signed in, third party already allowed: still sign-in",
        client: "third",
        signed_in_ago: None,
        prior_consent: Some("openid profile"),
        expect: Expect::NeedLogin,
        ..BASE
    },
    Row {
        name: "1. nobody signed in, prompt=none, third party without consent: login_required first",
        client: "third",
        signed_in_ago: None,
        prompt: NONE,
        expect: Expect::Fail("login_required"),
        ..BASE
    },
    // 2. prompt=login.
    Row {
        name: "2. prompt=login with a live session",
        prompt: &[Prompt::Login],
        expect: Expect::NeedLogin,
        ..BASE
    },
    Row {
        name: "2. prompt=login, signed in for this request",
        prompt: &[Prompt::Login],
        progress: SIGNED_IN_NOW,
        expect: Expect::Proceed,
        ..BASE
    },
    Row {
        name: "2. prompt=login, picking the account on the chooser is not signing in",
        prompt: &[Prompt::Login],
        progress: CHOSE_NOW,
        expect: Expect::NeedLogin,
        ..BASE
    },
    Row {
        name: "2. prompt=login, having consented is not signing in",
        prompt: &[Prompt::Login],
        progress: CONSENTED_NOW,
        expect: Expect::NeedLogin,
        ..BASE
    },
    Row {
        name: "2. prompt=login consent, signed in now: consent still asked",
        prompt: &[Prompt::Login, Prompt::Consent],
        progress: SIGNED_IN_NOW,
        expect: Expect::NeedConsent,
        ..BASE
    },
    // 3. max_age.
    Row {
        name: "3. max_age exceeded by a second",
        max_age: Some(300),
        signed_in_ago: Some(301),
        expect: Expect::NeedLogin,
        ..BASE
    },
    Row {
        name: "3. max_age exceeded, prompt=none",
        max_age: Some(300),
        signed_in_ago: Some(301),
        prompt: NONE,
        expect: Expect::Fail("login_required"),
        ..BASE
    },
    Row {
        name: "3. max_age reached exactly is not exceeded",
        max_age: Some(300),
        signed_in_ago: Some(300),
        expect: Expect::Proceed,
        ..BASE
    },
    Row {
        name: "3. max_age not exceeded, prompt=none",
        max_age: Some(300),
        signed_in_ago: Some(299),
        prompt: NONE,
        expect: Expect::Proceed,
        ..BASE
    },
    Row {
        name: "3. max_age exceeded, but signed in for this request",
        max_age: Some(300),
        signed_in_ago: Some(10_000),
        progress: SIGNED_IN_NOW,
        expect: Expect::Proceed,
        ..BASE
    },
    Row {
        name: "3. max_age=0, signed in a second ago",
        max_age: Some(0),
        signed_in_ago: Some(1),
        expect: Expect::NeedLogin,
        ..BASE
    },
    Row {
        name: "3. max_age=0, signed in this very second",
        max_age: Some(0),
        signed_in_ago: Some(0),
        expect: Expect::Proceed,
        ..BASE
    },
    Row {
        name: "3. max_age exceeded, chosen on the chooser: not a fresh sign-in",
        max_age: Some(300),
        signed_in_ago: Some(301),
        progress: CHOSE_NOW,
        expect: Expect::NeedLogin,
        ..BASE
    },
    // 4. id_token_hint.
    Row {
        name: "4. id_token_hint names another account",
        hint_sub: Some(BOB),
        expect: Expect::NeedLogin,
        ..BASE
    },
    Row {
        name: "4. id_token_hint names another account, prompt=none",
        hint_sub: Some(BOB),
        prompt: NONE,
        expect: Expect::Fail("login_required"),
        ..BASE
    },
    Row {
        name: "4. id_token_hint names the signed-in account",
        hint_sub: Some(ALICE),
        expect: Expect::Proceed,
        ..BASE
    },
    Row {
        name: "4. id_token_hint names the signed-in account, prompt=none",
        hint_sub: Some(ALICE),
        prompt: NONE,
        expect: Expect::Proceed,
        ..BASE
    },
    Row {
        name: "4. id_token_hint names another account, even right after signing in",
        hint_sub: Some(BOB),
        progress: SIGNED_IN_NOW,
        expect: Expect::NeedLogin,
        ..BASE
    },
    Row {
        name: "4. before 5: hint mismatch with prompt=select_account asks for a sign-in",
        hint_sub: Some(BOB),
        prompt: &[Prompt::SelectAccount],
        expect: Expect::NeedLogin,
        ..BASE
    },
    // 5. prompt=select_account.
    Row {
        name: "5. prompt=select_account",
        prompt: &[Prompt::SelectAccount],
        expect: Expect::SelectAccount,
        ..BASE
    },
    Row {
        name: "5. prompt=select_account, chosen on the chooser",
        prompt: &[Prompt::SelectAccount],
        progress: CHOSE_NOW,
        expect: Expect::Proceed,
        ..BASE
    },
    Row {
        name: "5. prompt=select_account, signed in for this request (a new account)",
        prompt: &[Prompt::SelectAccount],
        progress: SIGNED_IN_NOW,
        expect: Expect::Proceed,
        ..BASE
    },
    Row {
        name: "5. prompt=select_account, third party: chosen, then consent",
        client: "third",
        prompt: &[Prompt::SelectAccount],
        progress: CHOSE_NOW,
        expect: Expect::NeedConsent,
        ..BASE
    },
    // 6. Consent.
    Row {
        name: "6. third party, never allowed",
        client: "third",
        expect: Expect::NeedConsent,
        ..BASE
    },
    Row {
        name: "6. third party, never allowed, prompt=none",
        client: "third",
        prompt: NONE,
        expect: Expect::Fail("consent_required"),
        ..BASE
    },
    Row {
        name: "6. third party, allowed these scopes before",
        client: "third",
        prior_consent: Some("openid profile"),
        expect: Expect::Proceed,
        ..BASE
    },
    Row {
        name: "6. third party, allowed these scopes before, prompt=none",
        client: "third",
        prior_consent: Some("profile openid"),
        prompt: NONE,
        expect: Expect::Proceed,
        ..BASE
    },
    Row {
        name: "6. third party, allowed more scopes before",
        client: "third",
        prior_consent: Some("openid profile email offline_access"),
        expect: Expect::Proceed,
        ..BASE
    },
    Row {
        name: "6. third party, allowed fewer scopes before",
        client: "third",
        scope: "openid profile email",
        prior_consent: Some("openid profile"),
        expect: Expect::NeedConsent,
        ..BASE
    },
    Row {
        name: "6. third party, allowed fewer scopes before, prompt=none",
        client: "third",
        scope: "openid profile email",
        prior_consent: Some("openid profile"),
        prompt: NONE,
        expect: Expect::Fail("consent_required"),
        ..BASE
    },
    Row {
        name: "6. third party, a scope that is a prefix of an allowed one is not allowed",
        client: "third",
        scope: "openid profile",
        prior_consent: Some("openid profiles"),
        expect: Expect::NeedConsent,
        ..BASE
    },
    Row {
        name: "6. third party, consented on this request",
        client: "third",
        progress: CONSENTED_NOW,
        expect: Expect::Proceed,
        ..BASE
    },
    Row {
        name: "6. prompt=consent, first party",
        prompt: &[Prompt::Consent],
        expect: Expect::NeedConsent,
        ..BASE
    },
    Row {
        name: "6. prompt=consent, third party allowed before: asked again",
        client: "third",
        prompt: &[Prompt::Consent],
        prior_consent: Some("openid profile"),
        expect: Expect::NeedConsent,
        ..BASE
    },
    Row {
        name: "6. prompt=consent, consented on this request",
        prompt: &[Prompt::Consent],
        progress: CONSENTED_NOW,
        expect: Expect::Proceed,
        ..BASE
    },
    Row {
        name: "6. a client no longer configured counts as third party",
        client: "gone",
        expect: Expect::NeedConsent,
        ..BASE
    },
];

fn request(row: &Row) -> AuthRequest {
    AuthRequest {
        client_id: row.client.into(),
        redirect_uri: REDIRECT.into(),
        scope: row.scope.into(),
        state: Some("xyz".into()),
        nonce: None,
        code_challenge: None,
        prompt: row.prompt.to_vec(),
        max_age: row.max_age,
        login_hint: None,
        hint_sub: row.hint_sub.map(String::from),
    }
}

#[tokio::test]
async fn decide_table() {
    let provider = provider().await;
    let mut failures = Vec::new();
    for row in DECIDE {
        let session = row.signed_in_ago.map(|ago| SessionView {
            sid: "sid-1".into(),
            user_id: ALICE.into(),
            auth_time: NOW - ago,
        });
        let outcome = decide(
            &provider,
            &request(row),
            session.as_ref(),
            &row.progress,
            row.prior_consent,
            NOW,
        );
        let got = seen(&outcome);
        if got != row.expect {
            failures.push(format!(
                "{}: expected {:?}, got {:?}",
                row.name, row.expect, outcome
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    // Every numbered check has rows, and rows for prompt=none.
    for check in 1..=6 {
        let prefix = format!("{check}. ");
        assert!(
            DECIDE.iter().any(|r| r.name.starts_with(&prefix)),
            "no row for check {check}"
        );
    }
    assert!(DECIDE.iter().filter(|r| r.prompt == NONE).count() >= 8);
}

/// `login_hint` does not enter the policy (the web layer uses it to pick the
/// account): the same row decides the same with and without it.
#[tokio::test]
async fn decide_ignores_login_hint() {
    let provider = provider().await;
    let session = SessionView {
        sid: "sid-1".into(),
        user_id: ALICE.into(),
        auth_time: NOW - 60,
    };
    for row in DECIDE {
        let mut req = request(row);
        let session = row.signed_in_ago.map(|_| &session);
        let without = seen(&decide(
            &provider,
            &req,
            session,
            &row.progress,
            row.prior_consent,
            NOW,
        ));
        req.login_hint = Some("bob@example.com".into());
        let with = seen(&decide(
            &provider,
            &req,
            session,
            &row.progress,
            row.prior_consent,
            NOW,
        ));
        assert_eq!(without, with, "{}", row.name);
    }
}

/// What a row expects of `validate`.
enum Valid {
    /// Accepted; the check reads the validated request.
    Ok(fn(&AuthRequest) -> bool),
    /// An error redirected to the client, with this code.
    Redirect(&'static str),
    /// An error page (the client or redirect_uri cannot be trusted).
    Page,
}

fn id_token(provider: &Provider, claims: serde_json::Value) -> String {
    provider
        .keys
        .current()
        .signer(Alg::RS256)
        .sign_jwt("JWT", &claims)
}

#[tokio::test]
async fn validate_table() {
    let provider = provider().await;
    let hint = |claims: serde_json::Value| {
        provider
            .keys
            .current()
            .signer(Alg::ES256)
            .sign_jwt("JWT", &claims)
    };
    let alice_for_third = id_token(
        &provider,
        json!({"iss": ISSUER, "sub": ALICE, "aud": "third", "exp": NOW + 60}),
    );
    let expired_in_list =
        hint(json!({"iss": ISSUER, "sub": ALICE, "aud": ["x", "third"], "exp": NOW - 86_400}));
    let for_other_client =
        hint(json!({"iss": ISSUER, "sub": ALICE, "aud": "first", "exp": NOW + 60}));
    let other_issuer =
        hint(json!({"iss": "https://evil.example", "sub": ALICE, "aud": "third", "exp": NOW + 60}));
    let access_token_typ = provider.keys.current().signer(Alg::RS256).sign_jwt(
        "at+jwt",
        &json!({"iss": ISSUER, "sub": ALICE, "aud": "third"}),
    );
    let enc = |s: &str| url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
    let base = format!(
        "client_id=third&redirect_uri={}&response_type=code&scope=openid+profile&state=s1",
        enc(REDIRECT)
    );
    let rows: Vec<(&str, String, Valid)> = vec![
        (
            "baseline",
            base.clone(),
            Valid::Ok(|r| {
                r.client_id == "third"
                    && r.scope == "openid profile"
                    && r.prompt.is_empty()
                    && r.max_age.is_none()
                    && r.hint_sub.is_none()
                    && r.state.as_deref() == Some("s1")
            }),
        ),
        (
            "prompt=none alone",
            format!("{base}&prompt=none"),
            Valid::Ok(|r| r.prompt == [Prompt::None] && r.prompts(Prompt::None)),
        ),
        (
            "prompt=none with login is refused before the policy",
            format!("{base}&prompt=none+login"),
            Valid::Redirect("invalid_request"),
        ),
        (
            "prompt=none with consent is refused",
            format!("{base}&prompt=consent+none"),
            Valid::Redirect("invalid_request"),
        ),
        (
            "prompt=none with select_account is refused (so no account_selection_required)",
            format!("{base}&prompt=none+select_account"),
            Valid::Redirect("invalid_request"),
        ),
        (
            "prompt=login consent select_account together",
            format!("{base}&prompt=login+consent+select_account"),
            Valid::Ok(|r| r.prompt == [Prompt::Login, Prompt::Consent, Prompt::SelectAccount]),
        ),
        (
            "prompt=login repeated counts once",
            format!("{base}&prompt=login+login"),
            Valid::Ok(|r| r.prompt == [Prompt::Login]),
        ),
        (
            "prompt=create is not supported",
            format!("{base}&prompt=create"),
            Valid::Redirect("invalid_request"),
        ),
        (
            "prompt is case-sensitive",
            format!("{base}&prompt=LOGIN"),
            Valid::Redirect("invalid_request"),
        ),
        (
            "max_age=0 is kept",
            format!("{base}&max_age=0"),
            Valid::Ok(|r| r.max_age == Some(0)),
        ),
        (
            "max_age=3600",
            format!("{base}&max_age=3600"),
            Valid::Ok(|r| r.max_age == Some(3600)),
        ),
        (
            "max_age negative",
            format!("{base}&max_age=-1"),
            Valid::Redirect("invalid_request"),
        ),
        (
            "max_age not a number",
            format!("{base}&max_age=soon"),
            Valid::Redirect("invalid_request"),
        ),
        (
            "id_token_hint of ours for this client",
            format!("{base}&id_token_hint={alice_for_third}"),
            Valid::Ok(|r| r.hint_sub.as_deref() == Some(ALICE)),
        ),
        (
            "id_token_hint expired long ago, audience list with this client: still a hint",
            format!("{base}&id_token_hint={expired_in_list}"),
            Valid::Ok(|r| r.hint_sub.as_deref() == Some(ALICE)),
        ),
        (
            "id_token_hint issued to another client",
            format!("{base}&id_token_hint={for_other_client}"),
            Valid::Redirect("invalid_request"),
        ),
        (
            "id_token_hint of another issuer (signed by our key)",
            format!("{base}&id_token_hint={other_issuer}"),
            Valid::Redirect("invalid_request"),
        ),
        (
            "id_token_hint that is an access token (typ at+jwt)",
            format!("{base}&id_token_hint={access_token_typ}"),
            Valid::Redirect("invalid_request"),
        ),
        (
            "id_token_hint garbage",
            format!("{base}&id_token_hint=not.a.jwt"),
            Valid::Redirect("invalid_request"),
        ),
        (
            "login_hint is carried to the web layer unchecked",
            format!("{base}&login_hint=Bob%40Example.com"),
            Valid::Ok(|r| r.login_hint.as_deref() == Some("Bob@Example.com")),
        ),
        (
            "scope the client may not have",
            base.replace("scope=openid+profile", "scope=openid+admin"),
            Valid::Redirect("invalid_scope"),
        ),
        (
            "PKCE S256 challenge is kept",
            format!("{base}&code_challenge={CHALLENGE}&code_challenge_method=S256"),
            Valid::Ok(|r| r.code_challenge.as_deref() == Some(CHALLENGE)),
        ),
        (
            "PKCE plain is refused",
            format!("{base}&code_challenge={CHALLENGE}&code_challenge_method=plain"),
            Valid::Redirect("invalid_request"),
        ),
        (
            "PKCE challenge without a method means plain: refused",
            format!("{base}&code_challenge={CHALLENGE}"),
            Valid::Redirect("invalid_request"),
        ),
        (
            "public client without PKCE",
            base.replace("client_id=third", "client_id=spa"),
            Valid::Redirect("invalid_request"),
        ),
        (
            "public client with PKCE",
            format!(
                "{}&code_challenge={CHALLENGE}&code_challenge_method=S256",
                base.replace("client_id=third", "client_id=spa")
            ),
            Valid::Ok(|r| r.client_id == "spa"),
        ),
        (
            "state is echoed on an error that redirects",
            base.replace("response_type=code", "response_type=token"),
            Valid::Redirect("unsupported_response_type"),
        ),
        (
            "unknown client: error page, never a redirect",
            base.replace("client_id=third", "client_id=nobody"),
            Valid::Page,
        ),
        (
            "unregistered redirect_uri: error page",
            base.replace("app.example", "evil.example"),
            Valid::Page,
        ),
    ];
    let mut failures = Vec::new();
    for (name, query, expect) in &rows {
        let result = validate(&provider, &Params::parse(query.as_bytes()), NOW);
        let ok = match (expect, &result) {
            (Valid::Ok(check), Ok(req)) => check(req),
            (Valid::Redirect(code), Err(AuthorizeError::Redirect { error, state, .. })) => {
                code_of(error) == *code && state.as_deref() == Some("s1")
            }
            (Valid::Page, Err(AuthorizeError::Page(_))) => true,
            _ => false,
        };
        if !ok {
            failures.push(format!("{name}: got {result:?}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
