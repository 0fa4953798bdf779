//! Desktop and mobile apps (RFC 8252, OAuth 2.0 for Native Apps): a public client
//! that signs in through the system browser. The `openidconnect` crate plays the
//! app; a real loopback listener on a port the system picked receives the
//! redirect, as a desktop app's would.

use crate::common::*;
use lanyard::{config::ClientConfig, oidc::vocab::GrantType};
use openidconnect::{
    AuthorizationCode, ClientId, CsrfToken, IssuerUrl, Nonce, OAuth2TokenResponse,
    PkceCodeChallenge, RedirectUrl, Scope, TokenResponse,
    core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata},
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

crate::on_both_backends!(
    a_desktop_app_signs_in_on_a_loopback_port_of_its_own,
    native_redirect_rules
);

/// Registered without a port: any port matches (RFC 8252 §7.3).
const LOOPBACK: &str = "http://127.0.0.1/callback";
const LOOPBACK_V6: &str = "http://[::1]/callback";
/// A private-use scheme in reverse-domain form (§7.1).
const PRIVATE_USE: &str = "com.example.desktop:/oauth2redirect";
/// A claimed https redirect (§7.2): an app link / universal link.
const CLAIMED: &str = "https://app.example.com/oauth2/callback";

fn desktop_client() -> ClientConfig {
    let mut c = client(
        "desktop",
        None,
        &[GrantType::AuthorizationCode, GrantType::RefreshToken],
        true,
    );
    c.redirect_uris = [LOOPBACK, LOOPBACK_V6, PRIVATE_USE, CLAIMED]
        .map(String::from)
        .to_vec();
    c.name = Some("Acme Desktop".into());
    c
}

async fn start(backend: Backend) -> TestApp {
    TestApp::start_with(backend, |c| c.clients.push(desktop_client())).await
}

/// What a desktop app does after it opened the browser: accept the one request the
/// redirect brings, answer it with a short page, and hand back its path and query.
async fn receive_redirect(listener: tokio::net::TcpListener) -> String {
    let (mut conn, _) = listener.accept().await.unwrap();
    let mut buf = vec![0u8; 8192];
    let mut got = 0;
    while !buf[..got].windows(4).any(|w| w == b"\r\n\r\n") {
        let n = conn.read(&mut buf[got..]).await.unwrap();
        assert!(n > 0, "the browser closed before sending its request");
        got += n;
    }
    let head = String::from_utf8_lossy(&buf[..got]).to_string();
    let target = head.split(' ').nth(1).unwrap().to_string();
    let page = "You are signed in. You can close this window.";
    conn.write_all(
        format!(
            "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{page}",
            page.len()
        )
        .as_bytes(),
    )
    .await
    .unwrap();
    target
}

/// The whole desktop flow: the app listens on a port the system gave it, sends the
/// browser to `/authorize` with that port in `redirect_uri`, receives the code on
/// its listener, and redeems it with PKCE and no secret.
async fn a_desktop_app_signs_in_on_a_loopback_port_of_its_own(backend: Backend) {
    let app = start(backend).await;
    let user = app.add_user("dora").await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let redirect = format!("http://127.0.0.1:{port}/callback");
    let receiver = tokio::spawn(receive_redirect(listener));

    let http = http();
    let meta =
        CoreProviderMetadata::discover_async(IssuerUrl::new(app.base.clone()).unwrap(), &http)
            .await
            .unwrap();
    let client = CoreClient::from_provider_metadata(meta, ClientId::new("desktop".into()), None)
        .set_redirect_uri(RedirectUrl::new(redirect.clone()).unwrap());
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (auth_url, state, nonce) = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scope(Scope::new("offline_access".into()))
        .set_pkce_challenge(challenge)
        .url();
    let b = browser();
    let back =
        authorize_with_login(&app, &b, auth_url.as_str(), "dora", PASSWORD, Consent::No).await;
    assert!(back.starts_with(&redirect), "{back}");
    // The browser follows the redirect to the app's own listener.
    let page = b.get(&back).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let target = receiver.await.unwrap();
    assert!(target.starts_with("/callback?"), "{target}");
    let got = |name: &str| query_param(&format!("http://x{target}"), name);
    assert_eq!(got("state").as_deref(), Some(state.secret().as_str()));

    let tokens = client
        .exchange_code(AuthorizationCode::new(got("code").unwrap()))
        .unwrap()
        .set_pkce_verifier(verifier)
        .request_async(&http)
        .await
        .expect("a public client redeems its code with PKCE");
    let claims = tokens
        .id_token()
        .unwrap()
        .claims(&client.id_token_verifier(), &nonce)
        .unwrap();
    assert_eq!(claims.subject().as_str(), user.id);
    assert!(tokens.refresh_token().is_some());
}

/// The redirect rules for native apps, one request each.
async fn native_redirect_rules(backend: Backend) {
    let app = start(backend).await;
    app.add_user("dora").await;
    let b = signed_in(&app, "dora").await;
    let challenge = PkceCodeChallenge::new_random_sha256().0;
    let url = |redirect: &str, pkce: bool| {
        let mut u = format!(
            "/authorize?response_type=code&client_id=desktop&scope=openid&state=s1&redirect_uri={}",
            crate::e2e::urlencode(redirect)
        );
        if pkce {
            u.push_str(&format!(
                "&code_challenge={}&code_challenge_method=S256",
                challenge.as_str()
            ));
        }
        app.url(&u)
    };
    // Accepted: a code comes back to exactly the address asked for.
    for redirect in [
        "http://127.0.0.1:51234/callback",
        "http://127.0.0.1/callback",
        "http://[::1]:4000/callback",
        PRIVATE_USE,
        CLAIMED,
    ] {
        let r = b.get(url(redirect, true)).send().await.unwrap();
        assert!(r.status().is_redirection(), "{redirect}: {}", r.status());
        let loc = location(&r);
        assert!(
            loc.starts_with(&format!("{redirect}?")),
            "{redirect}: {loc}"
        );
        assert!(query_param(&loc, "code").is_some(), "{redirect}: {loc}");
    }
    // A public client always needs PKCE; the error goes back to the app.
    let r = b
        .get(url("http://127.0.0.1:51234/callback", false))
        .send()
        .await
        .unwrap();
    let loc = location(&r);
    assert!(loc.starts_with("http://127.0.0.1:51234/callback?"), "{loc}");
    assert_eq!(
        query_param(&loc, "error").as_deref(),
        Some("invalid_request")
    );
    // Refused with an error page (never a redirect): localhost (§8.3), another
    // path on the loopback address, another scheme, another private-use scheme.
    for (redirect, says) in [
        ("http://localhost:51234/callback", "instead of localhost"),
        ("http://127.0.0.1:51234/other", "is not registered"),
        ("https://127.0.0.1:51234/callback", "is not registered"),
        ("com.example.other:/oauth2redirect", "is not registered"),
        (
            "http://app.example.com/oauth2/callback",
            "is not registered",
        ),
    ] {
        let r = b.get(url(redirect, true)).send().await.unwrap();
        assert_eq!(r.status(), 400, "{redirect}");
        let html = r.text().await.unwrap();
        assert!(html.contains(says), "{redirect}: {html}");
    }
}
