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

mod decide;
mod validate;
