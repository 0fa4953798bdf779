//! Rows for `validate`: which requests reach the policy, and as what.

use super::*;

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
            (Valid::Page, Err(AuthorizeError::Page(..))) => true,
            _ => false,
        };
        if !ok {
            failures.push(format!("{name}: got {result:?}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
