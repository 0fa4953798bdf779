//! A pending authorization request belongs to the browser that started it, consent
//! to the account that gave it, and `login_hint` to one request (issue 11, items 1
//! and 8).

use crate::common::*;
use crate::errors::{auth_url, pkce, redeem};
use crate::federation::decode_claims;

crate::on_both_backends!(
    a_request_link_opened_in_another_browser_gives_no_code,
    consent_counts_only_for_the_account_that_gave_it,
    a_consent_form_counts_for_the_account_it_showed,
    login_hint_picks_for_one_request_without_switching,
    prompt_none_with_login_hint_does_not_reveal_accounts,
);

const ELSEWHERE: &str = "This sign-in was started in another browser or has expired";

/// GET `url` and return the absolute Location of the 303 it must answer.
async fn hop(app: &TestApp, b: &reqwest::Client, url: &str) -> String {
    let r = b.get(url).send().await.unwrap();
    assert_eq!(r.status(), 303, "GET {url}: {}", r.text().await.unwrap());
    absolute(&app.base, &location(&r))
}

/// Signs in on the login page of a pending request; returns where it continues.
async fn sign_in_on(app: &TestApp, b: &reqwest::Client, login_url: &str, who: &str) -> String {
    let (html, csrf) = form_page(b, login_url).await;
    let r = b
        .post(app.url("/login"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("uid", hidden(&html, "uid").as_str()),
            ("identifier", who),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    absolute(&app.base, &location(&r))
}

/// Presses "Allow" on a consent page; returns where it continues (not followed).
async fn allow(app: &TestApp, b: &reqwest::Client, consent_url: &str) -> (String, String) {
    let (html, csrf) = form_page(b, consent_url).await;
    assert!(html.contains("Allow thirdparty?"), "{html}");
    let next = post_allow(app, b, &html, &csrf).await;
    (next, html)
}

/// Posts "Allow" from a consent page already shown; returns where it continues.
async fn post_allow(app: &TestApp, b: &reqwest::Client, html: &str, csrf: &str) -> String {
    let r = b
        .post(app.url("/consent"))
        .form(&[
            ("csrf", csrf),
            ("uid", hidden(html, "uid").as_str()),
            ("sid", hidden(html, "sid").as_str()),
            ("decision", "allow"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    absolute(&app.base, &location(&r))
}

async fn assert_refused(r: reqwest::Response, what: &str) {
    assert_eq!(r.status(), 400, "{what}");
    assert!(r.headers().get("location").is_none(), "{what} redirected");
    let html = r.text().await.unwrap();
    assert!(html.contains(ELSEWHERE), "{what}: {html}");
    assert!(
        html.contains("href=\"/login\""),
        "{what}: no way to start again"
    );
}

/// The attack of issue 11: a client's owner consents on their own request and sends
/// the resume link to a victim. Neither a signed-in nor a signed-out victim may end
/// up with a code; the owner's own browser still can.
async fn a_request_link_opened_in_another_browser_gives_no_code(backend: Backend) {
    let app = TestApp::start(backend).await;
    let mallory = app.add_user("mallory").await;
    app.add_user("alice").await;

    let attacker = browser();
    let login = hop(&app, &attacker, &auth_url(&app, "thirdparty", None, "")).await;
    assert!(login.contains("/login?uid="), "{login}");
    let uid = query_param(&login, "uid").unwrap();
    let resume = sign_in_on(&app, &attacker, &login, "mallory").await;
    let consent = hop(&app, &attacker, &resume).await;
    assert!(consent.contains("/consent?uid="), "{consent}");
    let (resume, _) = allow(&app, &attacker, &consent).await;
    assert!(resume.contains("/authorize/resume?uid="), "{resume}");

    // A signed-in victim follows every link of the request.
    let victim = browser();
    assert_eq!(
        post_login(&app, &victim, "alice", PASSWORD).await.status(),
        303
    );
    for path in ["/authorize/resume", "/login", "/consent", "/accounts"] {
        let url = app.url(&format!("{path}?uid={uid}"));
        assert_refused(victim.get(&url).send().await.unwrap(), &url).await;
    }
    let (_, csrf) = form_page(&victim, &app.url("/settings")).await;
    let r = victim
        .post(app.url("/consent"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("uid", &uid),
            ("decision", "allow"),
        ])
        .send()
        .await
        .unwrap();
    assert_refused(r, "POST /consent").await;

    // A signed-out victim who signs in on the request is refused before the password
    // is even checked, and is not signed in by it.
    let fresh = browser();
    let (_, csrf) = form_page(&fresh, &app.url("/login")).await;
    let r = fresh
        .post(app.url("/login"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("uid", &uid),
            ("identifier", "alice"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_refused(r, "POST /login").await;
    let again = hop(&app, &fresh, &auth_url(&app, "webapp", None, "")).await;
    assert!(again.contains("/login?uid="), "signed in anyway: {again}");

    // The browser that started it finishes it, as itself.
    let back = hop(&app, &attacker, &resume).await;
    assert_eq!(thirdparty_sub(&app, &back).await, mallory.id);
}

/// Redeems the code of a redirect back to `thirdparty`; the `sub` it was issued for.
async fn thirdparty_sub(app: &TestApp, back: &str) -> String {
    assert!(back.starts_with(REDIRECT), "{back}");
    let code = query_param(back, "code").unwrap_or_else(|| panic!("{back}"));
    let (status, body, _) = crate::errors::token_request(
        app,
        "thirdparty",
        Some(SECRET),
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", REDIRECT),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let id_token = decode_claims(body["id_token"].as_str().unwrap());
    id_token["sub"].as_str().unwrap().to_string()
}

/// Bob allows a request; Alice, signed in in the same browser, becomes the current
/// account before it resumes: she is asked herself, and Bob's remembered consent
/// does not count for her.
async fn consent_counts_only_for_the_account_that_gave_it(backend: Backend) {
    let app = TestApp::start(backend).await;
    let alice = app.add_user("alice").await;
    app.add_user("bob").await;
    let b = browser();
    assert_eq!(post_login(&app, &b, "bob", PASSWORD).await.status(), 303);

    let consent = hop(&app, &b, &auth_url(&app, "thirdparty", None, "")).await;
    assert!(consent.contains("/consent?uid="), "{consent}");
    let (resume, html) = allow(&app, &b, &consent).await;
    assert!(html.contains("bob@example.com"), "{html}");

    // Alice signs in in this browser (another tab) and is now the current account.
    assert_eq!(post_login(&app, &b, "alice", PASSWORD).await.status(), 303);
    let next = hop(&app, &b, &resume).await;
    assert!(
        next.contains("/consent?uid="),
        "no consent asked of alice: {next}"
    );
    let (resume, html) = allow(&app, &b, &next).await;
    assert!(html.contains("alice@example.com"), "{html}");
    let back = hop(&app, &b, &resume).await;
    assert_eq!(thirdparty_sub(&app, &back).await, alice.id);

    // Each has a remembered consent of their own now: no page for either.
    let back = hop(&app, &b, &auth_url(&app, "thirdparty", None, "")).await;
    assert!(back.starts_with(REDIRECT), "{back}");
}

/// The consent page is shown for Bob; Alice signs in in another tab before "Allow"
/// is pressed: the press does not count for her, she is asked herself.
async fn a_consent_form_counts_for_the_account_it_showed(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.add_user("alice").await;
    app.add_user("bob").await;
    let b = browser();
    assert_eq!(post_login(&app, &b, "bob", PASSWORD).await.status(), 303);
    let consent = hop(&app, &b, &auth_url(&app, "thirdparty", None, "")).await;
    let (html, csrf) = form_page(&b, &consent).await;
    assert!(html.contains("bob@example.com"), "{html}");

    assert_eq!(post_login(&app, &b, "alice", PASSWORD).await.status(), 303);
    let again = post_allow(&app, &b, &html, &csrf).await;
    assert!(again.contains("/consent?uid="), "{again}");
    let (html, _) = form_page(&b, &again).await;
    assert!(html.contains("alice@example.com"), "{html}");
    let alice = app
        .state
        .store()
        .user_by_login("alice")
        .await
        .unwrap()
        .unwrap();
    let saved = app
        .state
        .store()
        .consented_scope(&alice.id, "thirdparty")
        .await
        .unwrap();
    assert_eq!(saved, None, "alice's consent was recorded from bob's page");
}

async fn sub_of(app: &TestApp, b: &reqwest::Client, extra: &str) -> String {
    let p = pkce();
    let back = hop(app, b, &auth_url(app, "webapp", Some(&p), extra)).await;
    let code = query_param(&back, "code").unwrap_or_else(|| panic!("{back}"));
    let (status, body) = redeem(app, &code, &p).await;
    assert_eq!(status, 200, "{body}");
    decode_claims(body["id_token"].as_str().unwrap())["sub"]
        .as_str()
        .unwrap()
        .to_string()
}

/// `login_hint` picks the account for its own request; the browser's current
/// account stays what the person chose.
async fn login_hint_picks_for_one_request_without_switching(backend: Backend) {
    let app = TestApp::start(backend).await;
    let alice = app.add_user("alice").await;
    let bob = app.add_user("bob").await;
    let b = browser();
    assert_eq!(post_login(&app, &b, "alice", PASSWORD).await.status(), 303);
    assert_eq!(post_login(&app, &b, "bob", PASSWORD).await.status(), 303);

    assert_eq!(sub_of(&app, &b, "").await, bob.id);
    let hinted = sub_of(&app, &b, "&login_hint=alice%40example.com").await;
    assert_eq!(hinted, alice.id);
    assert_eq!(
        sub_of(&app, &b, "").await,
        bob.id,
        "the hint switched accounts"
    );
}

/// With prompt=none, a client nobody here has allowed gets the same answer whether
/// the account its `login_hint` names is signed in here or not.
async fn prompt_none_with_login_hint_does_not_reveal_accounts(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.add_user("alice").await;
    let b = browser();
    assert_eq!(post_login(&app, &b, "alice", PASSWORD).await.status(), 303);

    let error_for = |hint: &'static str| {
        let url = auth_url(
            &app,
            "thirdparty",
            None,
            &format!("&prompt=none&login_hint={hint}"),
        );
        let b = b.clone();
        let app = &app;
        async move {
            let back = hop(app, &b, &url).await;
            assert!(back.starts_with(REDIRECT), "{back}");
            query_param(&back, "error").unwrap_or_default()
        }
    };
    let here = error_for("alice%40example.com").await;
    let not_here = error_for("nobody%40example.com").await;
    assert_eq!(here, not_here);
    assert_eq!(here, "login_required");

    // Once alice has allowed the client, the hint works silently.
    let consent = hop(&app, &b, &auth_url(&app, "thirdparty", None, "")).await;
    let (resume, _) = allow(&app, &b, &consent).await;
    assert!(hop(&app, &b, &resume).await.contains("code="));
    assert_eq!(error_for("alice%40example.com").await, "");
}
