//! Several accounts in one browser, over plain HTTP: switching through
//! `/accounts`, `prompt=select_account`, `login_hint`, `prompt=none` with
//! `id_token_hint`, "Sign out" and "Sign out of all accounts"; and an upstream
//! link offer claimed by another account (issue 19, holes to fill).

use crate::common::*;
use crate::errors::{auth_url, pkce, redeem};
use crate::federation::decode_claims;

crate::on_both_backends!(
    switching_and_signing_out_of_all_accounts,
    select_account_and_login_hint_pick_for_one_request,
    prompt_none_with_id_token_hint,
    link_offer_claimed_by_another_account_links_nothing,
);

async fn sign_in(app: &TestApp, b: &reqwest::Client, who: &str) {
    assert_eq!(post_login(app, b, who, PASSWORD).await.status(), 303);
}

/// The username the home page shows as the current account; None when signed out.
async fn current(app: &TestApp, b: &reqwest::Client) -> Option<String> {
    let r = b.get(app.url("/")).send().await.unwrap();
    if r.status() == 303 {
        assert_eq!(location(&r), "/login");
        return None;
    }
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    let line = html
        .split("<p class=\"muted\">")
        .nth(1)
        .unwrap_or_else(|| panic!("{html}"));
    Some(line.split(" · ").next().unwrap().to_string())
}

/// (sid, email) of each account button on an `/accounts` page.
fn choices(html: &str) -> Vec<(String, String)> {
    html.split("<form method=\"post\" action=\"/accounts\">")
        .skip(1)
        .map(|f| {
            let email = f
                .split("<span class=\"muted\">")
                .nth(1)
                .and_then(|s| s.split('<').next())
                .unwrap_or_default()
                .to_string();
            (hidden(f, "sid"), email)
        })
        .collect()
}

async fn choose(app: &TestApp, b: &reqwest::Client, uid: &str, sid: &str) -> reqwest::Response {
    let (_, csrf) = form_page(b, &app.url("/settings")).await;
    b.post(app.url("/accounts"))
        .form(&[("csrf", csrf.as_str()), ("uid", uid), ("sid", sid)])
        .send()
        .await
        .unwrap()
}

async fn hop(app: &TestApp, b: &reqwest::Client, url: &str) -> String {
    let r = b.get(url).send().await.unwrap();
    assert_eq!(r.status(), 303, "GET {url}: {}", r.text().await.unwrap());
    absolute(&app.base, &location(&r))
}

/// Follows a request for `webapp` (with `extra` parameters) to the app; returns the
/// ID token's claims, or panics with where it stopped.
async fn id_claims(app: &TestApp, b: &reqwest::Client, extra: &str) -> serde_json::Value {
    let (claims, _) = id_token(app, b, extra).await;
    claims
}

async fn id_token(app: &TestApp, b: &reqwest::Client, extra: &str) -> (serde_json::Value, String) {
    let p = pkce();
    let back = hop(app, b, &auth_url(app, "webapp", Some(&p), extra)).await;
    let code = query_param(&back, "code").unwrap_or_else(|| panic!("no code: {back}"));
    let (status, body) = redeem(app, &code, &p).await;
    assert_eq!(status, 200, "{body}");
    let token = body["id_token"].as_str().unwrap().to_string();
    (decode_claims(&token), token)
}

async fn sub(app: &TestApp, b: &reqwest::Client, extra: &str) -> String {
    id_claims(app, b, extra).await["sub"]
        .as_str()
        .unwrap()
        .to_string()
}

async fn session_count(app: &TestApp, user: &str) -> usize {
    let u = app
        .state
        .store()
        .user_by_login(user)
        .await
        .unwrap()
        .unwrap();
    let now = lanyard::oidc::now();
    app.state
        .store()
        .user_sessions(&u.id, now)
        .await
        .unwrap()
        .len()
}

/// Two accounts in one cookie jar: the last one signed in is current; `/accounts`
/// lists both and switches; "Sign out" ends the current one only and the other
/// takes over; "Sign out of all accounts" ends every account of this browser and
/// nothing of another browser.
async fn switching_and_signing_out_of_all_accounts(backend: Backend) {
    let app = TestApp::start(backend).await;
    let alice = app.add_user("alice").await;
    let bob = app.add_user("bob").await;
    let b = browser();
    sign_in(&app, &b, "alice").await;
    // Alice signed in a minute before bob (not within the same second), so that an
    // order by sign-in time and the order of selection disagree once she is picked.
    let earlier = "UPDATE sessions SET created_at = created_at - 60, auth_time = auth_time - 60 \
                   WHERE user_id = (SELECT id FROM users WHERE username = 'alice')";
    assert_eq!(exec_sql(&app, earlier).await, 1);
    sign_in(&app, &b, "bob").await;
    assert_eq!(current(&app, &b).await.as_deref(), Some("bob"));
    assert_eq!(sub(&app, &b, "").await, bob.id);

    let (html, _) = form_page(&b, &app.url("/")).await;
    assert!(
        html.contains("Switch to alice Example (alice@example.com)"),
        "{html}"
    );
    let (html, _) = form_page(&b, &app.url("/accounts")).await;
    let listed = choices(&html);
    let emails: Vec<&str> = listed.iter().map(|(_, e)| e.as_str()).collect();
    assert_eq!(emails.len(), 2, "{listed:?}");
    assert!(emails.contains(&"alice@example.com") && emails.contains(&"bob@example.com"));
    let sid_of = |email: &str| listed.iter().find(|(_, e)| e == email).unwrap().0.clone();

    // Switch to alice.
    let r = choose(&app, &b, "", &sid_of("alice@example.com")).await;
    assert_eq!((r.status().as_u16(), location(&r)), (303, "/".to_string()));
    assert_eq!(current(&app, &b).await.as_deref(), Some("alice"));
    assert_eq!(sub(&app, &b, "").await, alice.id);

    // A session of another browser cannot be chosen here.
    let other = browser();
    sign_in(&app, &other, "alice").await;
    let (html, _) = form_page(&other, &app.url("/accounts")).await;
    let foreign = choices(&html)[0].0.clone();
    let r = choose(&app, &b, "", &foreign).await;
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("no longer signed in here"));
    assert_eq!(current(&app, &b).await.as_deref(), Some("alice"));

    // "Sign out": alice's session here ends, bob takes over.
    let (_, csrf) = form_page(&b, &app.url("/")).await;
    let r = b
        .post(app.url("/signout"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!((r.status().as_u16(), location(&r)), (303, "/".to_string()));
    assert_eq!(current(&app, &b).await.as_deref(), Some("bob"));
    assert_eq!(
        session_count(&app, "alice").await,
        1,
        "only the other browser's"
    );

    // "Sign out of all accounts".
    sign_in(&app, &b, "alice").await;
    assert_eq!(session_count(&app, "alice").await, 2);
    let (_, csrf) = form_page(&b, &app.url("/")).await;
    let r = b
        .post(app.url("/signout"))
        .form(&[("csrf", csrf.as_str()), ("all", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(
        (r.status().as_u16(), location(&r)),
        (303, "/login".to_string())
    );
    assert_eq!(current(&app, &b).await, None);
    let (html, _) = form_page(&b, &app.url("/login")).await;
    assert!(!html.contains("Switch to"), "{html}");
    assert_eq!(session_count(&app, "bob").await, 0);
    assert_eq!(
        session_count(&app, "alice").await,
        1,
        "the other browser's ended"
    );
    assert_eq!(current(&app, &other).await.as_deref(), Some("alice"));
    // A request now asks to sign in.
    let to = hop(&app, &b, &auth_url(&app, "webapp", None, "")).await;
    assert!(to.contains("/login?uid="), "{to}");
}

/// `prompt=select_account` shows both accounts for the request and continues with
/// the one picked; `login_hint` picks an account for its request only, and one
/// that names nobody signed in here opens the login form prefilled.
async fn select_account_and_login_hint_pick_for_one_request(backend: Backend) {
    let app = TestApp::start(backend).await;
    let alice = app.add_user("alice").await;
    let bob = app.add_user("bob").await;
    app.add_user("carol").await;
    let b = browser();
    sign_in(&app, &b, "alice").await;
    sign_in(&app, &b, "bob").await;

    let p = pkce();
    let chooser = hop(
        &app,
        &b,
        &auth_url(&app, "webapp", Some(&p), "&prompt=select_account"),
    )
    .await;
    assert!(chooser.contains("/accounts?uid="), "{chooser}");
    let uid = query_param(&chooser, "uid").unwrap();
    let (html, _) = form_page(&b, &chooser).await;
    assert!(
        html.contains("to continue to <strong>webapp</strong>"),
        "{html}"
    );
    let listed = choices(&html);
    assert_eq!(listed.len(), 2, "{listed:?}");
    let alice_sid = &listed
        .iter()
        .find(|(_, e)| e == "alice@example.com")
        .unwrap()
        .0;
    let r = choose(&app, &b, &uid, alice_sid).await;
    assert_eq!(r.status(), 303);
    let resume = absolute(&app.base, &location(&r));
    assert!(resume.contains("/authorize/resume?uid="), "{resume}");
    let back = hop(&app, &b, &resume).await;
    let code = query_param(&back, "code").unwrap_or_else(|| panic!("{back}"));
    let (s, body) = redeem(&app, &code, &p).await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(
        decode_claims(body["id_token"].as_str().unwrap())["sub"],
        alice.id.as_str()
    );
    // Choosing is the person's act: alice is now the current account.
    assert_eq!(current(&app, &b).await.as_deref(), Some("alice"));

    // login_hint, by username and by address: that account, for that request only.
    assert_eq!(sub(&app, &b, "&login_hint=bob").await, bob.id);
    assert_eq!(current(&app, &b).await.as_deref(), Some("alice"));
    assert_eq!(sub(&app, &b, "&login_hint=BOB%40example.com").await, bob.id);
    assert_eq!(
        sub(&app, &b, "").await,
        alice.id,
        "the hint switched accounts"
    );

    // A hint naming someone not signed in here: the login form, prefilled.
    let login = hop(
        &app,
        &b,
        &auth_url(&app, "webapp", None, "&login_hint=carol"),
    )
    .await;
    assert!(login.contains("/login?uid="), "{login}");
    let (html, _) = form_page(&b, &login).await;
    assert!(html.contains("value=\"carol\""), "{html}");
    assert_eq!(current(&app, &b).await.as_deref(), Some("alice"));
}

/// `prompt=none` with `id_token_hint`: the named account when it is signed in here
/// (without switching), `login_required` when it is not; with two accounts and no
/// hint, the current one.
async fn prompt_none_with_id_token_hint(backend: Backend) {
    let app = TestApp::start(backend).await;
    let alice = app.add_user("alice").await;
    let bob = app.add_user("bob").await;
    app.add_user("carol").await;
    let token_of = |who: &'static str| {
        let app = &app;
        async move {
            let b = browser();
            sign_in(app, &b, who).await;
            id_token(app, &b, "").await.1
        }
    };
    let (alice_token, bob_token, carol_token) = (
        token_of("alice").await,
        token_of("bob").await,
        token_of("carol").await,
    );
    let none_with = |t: &str| format!("&prompt=none&id_token_hint={t}");
    let error_of = |b: reqwest::Client, extra: String| {
        let app = &app;
        async move {
            let back = hop(app, &b, &auth_url(app, "webapp", None, &extra)).await;
            assert!(back.starts_with(REDIRECT), "{back}");
            query_param(&back, "error")
        }
    };

    let b = browser();
    sign_in(&app, &b, "alice").await;
    assert_eq!(
        error_of(b.clone(), none_with(&bob_token)).await.as_deref(),
        Some("login_required")
    );
    assert_eq!(sub(&app, &b, &none_with(&alice_token)).await, alice.id);
    // Interactive, a mismatching hint asks to sign in.
    let to = hop(
        &app,
        &b,
        &auth_url(&app, "webapp", None, &format!("&id_token_hint={bob_token}")),
    )
    .await;
    assert!(to.contains("/login?uid="), "{to}");

    // Two accounts, bob current.
    sign_in(&app, &b, "bob").await;
    assert_eq!(sub(&app, &b, "&prompt=none").await, bob.id);
    assert_eq!(sub(&app, &b, &none_with(&alice_token)).await, alice.id);
    assert_eq!(
        current(&app, &b).await.as_deref(),
        Some("bob"),
        "the hint switched"
    );
    assert_eq!(sub(&app, &b, &none_with(&bob_token)).await, bob.id);
    assert_eq!(
        error_of(b.clone(), none_with(&carol_token))
            .await
            .as_deref(),
        Some("login_required")
    );
    // A hint that is not an ID token of this provider is an error, not a guess.
    let back = hop(
        &app,
        &b,
        &auth_url(&app, "webapp", None, &none_with("not.a.token")),
    )
    .await;
    assert!(back.starts_with(REDIRECT), "{back}");
    assert!(query_param(&back, "error").is_some(), "{back}");
}

/// An upstream offers to link its identity to gus's account (same address); the
/// browser then signs in as mallory: nothing is linked to anyone, and the offer is
/// gone, so gus's later password sign-in in that browser links nothing either.
async fn link_offer_claimed_by_another_account_links_nothing(backend: Backend) {
    use crate::federation::{pair, via_upstream};
    let (a, b) = pair(backend, |_, _| vec![]).await;
    let gus = a.add_user("gus").await; // gus@example.com, the upstream's address too
    let mallory = a.add_user("mallory").await;
    let br = browser();
    let back = via_upstream(&a, &b, &br, "/federate/google").await;
    let r = br.get(&back).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("Link your account"));

    let identities = |id: String| {
        let store = a.state.store().clone();
        async move { store.user_identities(&id).await.unwrap().len() }
    };
    sign_in(&a, &br, "mallory").await;
    assert_eq!(current(&a, &br).await.as_deref(), Some("mallory"));
    assert_eq!(identities(mallory.id.clone()).await, 0, "linked to mallory");
    assert_eq!(identities(gus.id.clone()).await, 0, "linked to gus");
    sign_in(&a, &br, "gus").await;
    assert_eq!(
        identities(gus.id.clone()).await,
        0,
        "the offer outlived its use"
    );
    assert_eq!(a.state.store().list_users().await.unwrap().len(), 2);

    // The upstream identity still leads to the offer, not into either account.
    let fresh = browser();
    let back = via_upstream(&a, &b, &fresh, "/federate/google").await;
    let r = fresh.get(&back).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("Link your account"));
    assert_eq!(current(&a, &fresh).await, None);
}
