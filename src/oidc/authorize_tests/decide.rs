//! Rows for `decide`: every numbered check and its `prompt=none` variants.

use super::*;

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
        id_token: None,
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
