//! The relying-party view: the `openidconnect` crate against Lanyard on a socket,
//! from discovery to revocation, for each signing algorithm.

use crate::common::*;
use openidconnect::{
    AccessTokenHash, AuthType, AuthorizationCode, ClientId, ClientSecret, CsrfToken,
    IntrospectionUrl, IssuerUrl, Nonce, OAuth2TokenResponse, PkceCodeChallenge, RedirectUrl,
    RequestTokenError, Scope, TokenIntrospectionResponse, TokenResponse,
    core::{
        CoreAuthenticationFlow, CoreClient, CoreErrorResponseType, CoreJwsSigningAlgorithm,
        CoreProviderMetadata, CoreUserInfoClaims,
    },
};

crate::on_both_backends!(
    claims_parameter_and_acr_values,
    full_flow,
    every_signing_algorithm,
    third_party_consent_and_post_auth
);

/// Discovery → authorize → login form → code → tokens → ID token verified against
/// JWKS → userinfo → refresh (old one rejected, grant revoked) → revoke → introspect.
async fn full_flow(backend: Backend) {
    // No reuse grace: a reused refresh token ends the grant at once (the grace is
    // tested in grants.rs and scale.rs).
    let app = TestApp::start_with(backend, |c| {
        c.tokens.refresh_reuse_grace = std::time::Duration::ZERO
    })
    .await;
    let user = app.add_user("alice").await;
    let http = http();

    let meta =
        CoreProviderMetadata::discover_async(IssuerUrl::new(app.base.clone()).unwrap(), &http)
            .await
            .expect("discovery");
    let raw: serde_json::Value = http
        .get(app.url("/.well-known/openid-configuration"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let client = CoreClient::from_provider_metadata(
        meta,
        ClientId::new("webapp".into()),
        Some(ClientSecret::new(SECRET.into())),
    )
    .set_redirect_uri(RedirectUrl::new(REDIRECT.into()).unwrap())
    .set_introspection_url(
        IntrospectionUrl::new(raw["introspection_endpoint"].as_str().unwrap().into()).unwrap(),
    );

    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (auth_url, state, nonce) = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scope(Scope::new("profile".into()))
        .add_scope(Scope::new("email".into()))
        .add_scope(Scope::new("offline_access".into()))
        .set_pkce_challenge(challenge)
        .url();

    let b = browser();
    let back =
        authorize_with_login(&app, &b, auth_url.as_str(), "alice", PASSWORD, Consent::No).await;
    assert!(back.starts_with(REDIRECT), "{back}");
    assert_eq!(
        query_param(&back, "state").as_deref(),
        Some(state.secret().as_str())
    );
    assert_eq!(
        query_param(&back, "iss").as_deref(),
        Some(app.base.as_str())
    );
    let code = query_param(&back, "code").expect("a code");

    let tokens = client
        .exchange_code(AuthorizationCode::new(code))
        .unwrap()
        .set_pkce_verifier(verifier)
        .request_async(&http)
        .await
        .expect("code exchange");
    let id_token = tokens.id_token().expect("an ID token");
    let verifier = client.id_token_verifier();
    let claims = id_token
        .claims(&verifier, &nonce)
        .expect("ID token verifies against JWKS");
    assert_eq!(claims.subject().as_str(), user.id);
    assert_eq!(claims.issuer().as_str(), app.base);
    assert!(claims.auth_time().is_some());
    // An access token was issued, so the scopes' claims come from userinfo, not
    // the ID token (OIDC Core §5.4; below, the `claims` parameter asks for one).
    assert_eq!(claims.email(), None);
    assert_eq!(claims.preferred_username(), None);
    let at_hash = AccessTokenHash::from_token(
        tokens.access_token(),
        id_token.signing_alg().unwrap(),
        id_token.signing_key(&verifier).unwrap(),
    )
    .unwrap();
    assert_eq!(claims.access_token_hash(), Some(&at_hash));
    let raw_claims = decode_jwt_claims(&id_token.to_string());
    assert!(raw_claims["sid"].as_str().is_some_and(|s| !s.is_empty()));
    assert_eq!(raw_claims["amr"], serde_json::json!(["pwd"]));

    let info: CoreUserInfoClaims = client
        .user_info(tokens.access_token().clone(), None)
        .unwrap()
        .request_async(&http)
        .await
        .expect("userinfo");
    assert_eq!(info.subject().as_str(), user.id);
    assert_eq!(info.preferred_username().map(|u| u.as_str()), Some("alice"));
    // POST works too (OIDC Core §5.3.1).
    let post = http
        .post(app.url("/userinfo"))
        .bearer_auth(tokens.access_token().secret())
        .send()
        .await
        .unwrap();
    assert_eq!(post.status(), 200);
    let post: serde_json::Value = post.json().await.unwrap();
    assert_eq!(post["sub"], user.id.as_str());
    assert_eq!(post["preferred_username"], "alice");
    assert_eq!(post["email"], "alice@example.com");

    let refresh = tokens
        .refresh_token()
        .expect("a refresh token for offline_access")
        .clone();
    let refreshed = client
        .exchange_refresh_token(&refresh)
        .unwrap()
        .request_async(&http)
        .await
        .expect("refresh");
    let new_refresh = refreshed
        .refresh_token()
        .expect("rotation returns a new refresh token")
        .clone();
    assert_ne!(new_refresh.secret(), refresh.secret());
    // The old refresh token is rejected, and its reuse revokes the whole grant.
    match client
        .exchange_refresh_token(&refresh)
        .unwrap()
        .request_async(&http)
        .await
    {
        Err(RequestTokenError::ServerResponse(e)) => {
            assert_eq!(*e.error(), CoreErrorResponseType::InvalidGrant)
        }
        other => panic!("reused refresh token accepted: {other:?}"),
    }
    match client
        .exchange_refresh_token(&new_refresh)
        .unwrap()
        .request_async(&http)
        .await
    {
        Err(RequestTokenError::ServerResponse(e)) => {
            assert_eq!(*e.error(), CoreErrorResponseType::InvalidGrant)
        }
        other => panic!("grant survived refresh token reuse: {other:?}"),
    }
    let intro = client
        .introspect(refreshed.access_token())
        .request_async(&http)
        .await
        .unwrap();
    assert!(
        !intro.active(),
        "access tokens of a revoked grant are inactive"
    );

    // A fresh grant, to revoke the RFC 7009 way.
    // The browser is signed in already, so the app gets a code without a login form.
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (auth_url, _, _) = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scope(Scope::new("offline_access".into()))
        .set_pkce_challenge(challenge)
        .url();
    let resp = b.get(auth_url.as_str()).send().await.unwrap();
    let code = query_param(&location(&resp), "code").expect("silent code for a signed-in browser");
    let tokens = client
        .exchange_code(AuthorizationCode::new(code))
        .unwrap()
        .set_pkce_verifier(verifier)
        .request_async(&http)
        .await
        .unwrap();
    let intro = client
        .introspect(tokens.access_token())
        .request_async(&http)
        .await
        .unwrap();
    assert!(intro.active());
    assert_eq!(intro.sub(), Some(user.id.as_str()));
    assert_eq!(intro.username(), Some("alice"));
    // The oauth2 crate refuses plain-http revocation URLs, so this is RFC 7009 by hand.
    let revoke = |token: String, hint: &'static str| {
        http.post(raw["revocation_endpoint"].as_str().unwrap())
            .basic_auth("webapp", Some(SECRET))
            .form(&[("token", token), ("token_type_hint", hint.to_string())])
            .send()
    };
    let r = revoke(tokens.access_token().secret().clone(), "access_token")
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let intro = client
        .introspect(tokens.access_token())
        .request_async(&http)
        .await
        .unwrap();
    assert!(!intro.active(), "a revoked access token is inactive");
    let resp = http
        .get(app.url("/userinfo"))
        .bearer_auth(tokens.access_token().secret())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 401);
    // Revoking the refresh token ends its grant.
    let refresh = tokens.refresh_token().unwrap().clone();
    let r = revoke(refresh.secret().clone(), "refresh_token")
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(
        client
            .exchange_refresh_token(&refresh)
            .unwrap()
            .request_async(&http)
            .await
            .is_err()
    );
}

fn decode_jwt_claims(jwt: &str) -> serde_json::Value {
    use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
    let part = jwt.split('.').nth(1).unwrap();
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).unwrap()).unwrap()
}

/// Each registered algorithm signs the ID tokens of its clients, and they verify.
async fn every_signing_algorithm(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.add_user("bob").await;
    let http = http();
    let b = browser();
    for (client_id, alg) in [
        ("webapp", CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256),
        ("es256app", CoreJwsSigningAlgorithm::EcdsaP256Sha256),
        ("eddsaapp", CoreJwsSigningAlgorithm::EdDsa),
    ] {
        let meta =
            CoreProviderMetadata::discover_async(IssuerUrl::new(app.base.clone()).unwrap(), &http)
                .await
                .unwrap();
        let client = CoreClient::from_provider_metadata(
            meta,
            ClientId::new(client_id.into()),
            Some(ClientSecret::new(SECRET.into())),
        )
        .set_redirect_uri(RedirectUrl::new(REDIRECT.into()).unwrap());
        let (challenge, pkce) = PkceCodeChallenge::new_random_sha256();
        let (url, _, nonce) = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .set_pkce_challenge(challenge)
            .url();
        let back = authorize_with_login(&app, &b, url.as_str(), "bob", PASSWORD, Consent::No).await;
        let code = query_param(&back, "code").unwrap();
        let tokens = client
            .exchange_code(AuthorizationCode::new(code))
            .unwrap()
            .set_pkce_verifier(pkce)
            .request_async(&http)
            .await
            .unwrap();
        let id_token = tokens.id_token().unwrap();
        assert_eq!(id_token.signing_alg().unwrap(), &alg);
        let verifier = client
            .id_token_verifier()
            .set_allowed_algs(vec![alg.clone()]);
        let claims = id_token.claims(&verifier, &nonce).expect("verifies");
        let at_hash = AccessTokenHash::from_token(
            tokens.access_token(),
            &alg,
            id_token.signing_key(&verifier).unwrap(),
        )
        .unwrap();
        assert_eq!(claims.access_token_hash(), Some(&at_hash), "{client_id}");
    }
}

/// A client that is not first party gets a consent page naming it and the scopes it
/// asks for; `prompt=consent` asks a first-party client too; client_secret_post works.
async fn third_party_consent_and_post_auth(backend: Backend) {
    let app = TestApp::start(backend).await;
    let user = app.add_user("carol").await;
    let b = browser();
    let (challenge, _) = PkceCodeChallenge::new_random_sha256();
    let url = format!(
        "{}?response_type=code&client_id=thirdparty&redirect_uri={}&scope=openid%20email&state=s1&code_challenge={}&code_challenge_method=S256",
        app.url("/authorize"),
        urlencode(REDIRECT),
        challenge.as_str()
    );
    // The first hop goes to /login, then to /consent, which must name the app and
    // describe exactly the scopes asked for.
    let first = b.get(&url).send().await.unwrap();
    assert!(location(&first).starts_with("/login?uid="));
    // "Deny": back to the app with access_denied and its state (RFC 6749 §4.1.2.1),
    // no code, and nothing remembered.
    let denied = authorize_with_login(
        &app,
        &b,
        &url,
        "carol",
        PASSWORD,
        Consent::Deny(&["Allow thirdparty?", "See your email address"]),
    )
    .await;
    assert!(denied.starts_with(REDIRECT), "{denied}");
    assert_eq!(
        query_param(&denied, "error").as_deref(),
        Some("access_denied")
    );
    assert_eq!(query_param(&denied, "state").as_deref(), Some("s1"));
    assert_eq!(query_param(&denied, "code"), None, "{denied}");
    let store = app.state.store();
    let remembered = store.consented_scope(&user.id, "thirdparty").await.unwrap();
    assert_eq!(remembered, None, "a denial is not a consent");
    // Signed in now, the same request asks again (and is allowed this time).
    let back = authorize_with_login(
        &app,
        &b,
        &url,
        "carol",
        PASSWORD,
        Consent::Allow(&[
            "Allow thirdparty?",
            "Know who you are on Lanyard",
            "See your email address",
        ]),
    )
    .await;
    assert!(query_param(&back, "code").is_some(), "{back}");
    assert_eq!(
        app.state
            .store()
            .consented_scope(&user.id, "thirdparty")
            .await
            .unwrap()
            .as_deref(),
        Some("openid email")
    );
    // Consent is remembered: the next request goes straight back with a code.
    let again = b.get(&url).send().await.unwrap();
    assert!(
        location(&again).starts_with(REDIRECT),
        "{}",
        location(&again)
    );
    // prompt=none for a scope never consented to: consent_required.
    let more = url.replace("scope=openid%20email", "scope=openid%20profile") + "&prompt=none";
    let r = b.get(&more).send().await.unwrap();
    assert_eq!(
        query_param(&location(&r), "error").as_deref(),
        Some("consent_required")
    );
    // Asked interactively, the page describes the scopes of that request.
    let more = url.replace("scope=openid%20email", "scope=openid%20profile");
    let r = b.get(&more).send().await.unwrap();
    let consent = absolute(&app.base, &location(&r));
    assert!(consent.contains("/consent"), "{consent}");
    let html = b.get(&consent).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("See your name, username and photo"), "{html}");
    assert!(!html.contains("See your email address"), "{html}");

    // A first-party app skips consent, unless it asks with prompt=consent.
    let http = http();
    let meta =
        CoreProviderMetadata::discover_async(IssuerUrl::new(app.base.clone()).unwrap(), &http)
            .await
            .unwrap();
    let client = CoreClient::from_provider_metadata(
        meta,
        ClientId::new("postapp".into()),
        Some(ClientSecret::new(SECRET.into())),
    )
    .set_redirect_uri(RedirectUrl::new(REDIRECT.into()).unwrap())
    .set_auth_type(AuthType::RequestBody);
    let (challenge, pkce) = PkceCodeChallenge::new_random_sha256();
    let (plain, _, _) = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .set_pkce_challenge(challenge)
        .url();
    let back = authorize_with_login(&app, &b, plain.as_str(), "carol", PASSWORD, Consent::No).await;
    assert!(query_param(&back, "code").is_some(), "{back}");
    let (challenge, pkce2) = PkceCodeChallenge::new_random_sha256();
    let (asked, _, nonce) = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scope(Scope::new("email".into()))
        .add_prompt(openidconnect::core::CoreAuthPrompt::Consent)
        .set_pkce_challenge(challenge)
        .url();
    let back = authorize_with_login(
        &app,
        &b,
        asked.as_str(),
        "carol",
        PASSWORD,
        Consent::Allow(&[
            "Allow postapp?",
            "Know who you are on Lanyard",
            "See your email address",
        ]),
    )
    .await;
    let code = query_param(&back, "code").expect("a code after consent");
    drop(pkce);
    // The code is redeemed with the secret in the form body (client_secret_post).
    let tokens = client
        .exchange_code(AuthorizationCode::new(code))
        .unwrap()
        .set_pkce_verifier(pkce2)
        .request_async(&http)
        .await
        .expect("client_secret_post code exchange");
    let claims = tokens
        .id_token()
        .unwrap()
        .claims(&client.id_token_verifier(), &nonce)
        .unwrap();
    assert_eq!(claims.subject().as_str(), user.id);
    assert_eq!(
        claims.email().map(|e| e.as_str()),
        Some("carol@example.com")
    );
}

pub fn urlencode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// The `claims` parameter (OIDC Core §5.5) names claims for the ID token; they are
/// released only for granted scopes. `acr_values`, or `acr` named there, puts
/// `acr` in it ("0": no phishing-resistant level). Refreshed ID tokens keep them.
async fn claims_parameter_and_acr_values(backend: Backend) {
    use crate::errors::{auth_url, pkce, redeem, token_request};
    let app = TestApp::start(backend).await;
    app.add_user("dee").await;
    let b = signed_in(&app, "dee").await;
    let id_claims = |extra: String| {
        let (app, b) = (&app, &b);
        async move {
            let p = pkce();
            let r = b
                .get(auth_url(app, "webapp", Some(&p), &extra))
                .send()
                .await
                .unwrap();
            let back = location(&r);
            let code = query_param(&back, "code").unwrap_or_else(|| panic!("{back}"));
            let (s, tokens) = redeem(app, &code, &p).await;
            assert_eq!(s, 200, "{tokens}");
            tokens
        }
    };
    let claims =
        |tokens: &serde_json::Value| decode_jwt_claims(tokens["id_token"].as_str().unwrap());
    // The scope is "openid profile offline_access": email is not granted.
    let asked = r#"{"id_token":{"preferred_username":null,"email":{"essential":true},"acr":null},"userinfo":{"name":null}}"#;
    let tokens = id_claims(format!("&claims={}", urlencode(asked))).await;
    let c = claims(&tokens);
    assert_eq!(c["preferred_username"], "dee", "{c}");
    assert!(
        c.get("email").is_none(),
        "a claim of a scope not granted: {c}"
    );
    assert!(c.get("name").is_none(), "a claim not named: {c}");
    assert_eq!(c["acr"], "0", "{c}");
    // A refresh keeps what the request asked for.
    let form = [
        ("grant_type", "refresh_token"),
        ("refresh_token", tokens["refresh_token"].as_str().unwrap()),
    ];
    let (s, refreshed, _) = token_request(&app, "webapp", Some(SECRET), &form).await;
    assert_eq!(s, 200, "{refreshed}");
    let c = claims(&refreshed);
    assert_eq!(
        (c["preferred_username"].as_str(), c["acr"].as_str()),
        (Some("dee"), Some("0"))
    );
    // acr_values alone: acr, and no other claim.
    let c = claims(&id_claims("&acr_values=phr".into()).await);
    assert_eq!(c["acr"], "0");
    assert!(c.get("preferred_username").is_none(), "{c}");
    // Nothing asked: neither.
    let c = claims(&id_claims(String::new()).await);
    assert!(
        c.get("acr").is_none() && c.get("preferred_username").is_none(),
        "{c}"
    );
    // A claims parameter that is not the JSON §5.5 describes goes back as an error.
    for bad in ["not json", "[1]", r#"{"id_token":"email"}"#] {
        let r = b
            .get(auth_url(
                &app,
                "webapp",
                Some(&pkce()),
                &format!("&claims={}", urlencode(bad)),
            ))
            .send()
            .await
            .unwrap();
        let back = location(&r);
        assert_eq!(
            query_param(&back, "error").as_deref(),
            Some("invalid_request"),
            "{bad}: {back}"
        );
    }
}
