//! Settings in sections, and the account's data (issue 13, SPEC §8), over HTTP on
//! both databases: the navigation and each form's error next to its field; the
//! pending address of an email change; "Set a password" for an account without
//! one; connected apps and "Remove access"; "Delete account"; "Download my data".

use crate::common::*;
use crate::errors::{auth_url, pkce, redeem, token_request};
use lanyard::store::{Store, federation::Identity};

crate::on_both_backends!(
    sections_and_errors_next_to_their_fields,
    pending_address_is_shown_until_confirmed,
    set_a_password_for_an_account_without_one,
    connected_apps_and_remove_access,
    delete_account_needs_the_username_and_removes_everything,
    download_my_data_has_everything_and_no_secret,
);

async fn settings(app: &TestApp, b: &reqwest::Client) -> String {
    let r = b.get(app.url("/settings")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    r.text().await.unwrap()
}

/// POSTs a form of `/settings` (with its CSRF token); returns the status, the body
/// and the `Location`.
async fn post(
    app: &TestApp,
    b: &reqwest::Client,
    action: &str,
    fields: &[(&str, &str)],
) -> (u16, String, String) {
    post_from(app, b, "/settings", action, fields).await
}

/// The field `id` is marked invalid and described by its error `message`, which
/// stands right after it (before the next field or button); it is the only
/// invalid field of the page, and no error shows anywhere else.
#[track_caller]
fn error_next_to(html: &str, id: &str, message: &str) {
    let input_at = html
        .find(&format!("<input id=\"{id}\""))
        .unwrap_or_else(|| panic!("no field {id} in:\n{html}"));
    let input = &html[input_at..input_at + html[input_at..].find('>').unwrap()];
    assert!(input.contains("aria-invalid=\"true\""), "{input}");
    let error_id = format!("{id}-error");
    assert!(
        input.contains("aria-describedby=\"") && input.contains(&error_id),
        "{input}"
    );
    let error = format!("<p class=\"field-error\" id=\"{error_id}\">{message}</p>");
    let error_at = html
        .find(&error)
        .unwrap_or_else(|| panic!("no {error} in:\n{html}"));
    assert!(error_at > input_at, "the error stands before its field");
    let between = &html[input_at + input.len()..error_at];
    assert!(
        !between.contains("<input") && !between.contains("<button") && !between.contains("<label"),
        "something stands between {id} and its error: {between}"
    );
    assert_eq!(html.matches("aria-invalid=\"true\"").count(), 1, "{html}");
    assert_eq!(html.matches(message).count(), 1, "{html}");
    assert!(
        !html.contains("role=\"alert\""),
        "an error far from its field"
    );
}

/// Runs one statement with bound text values on the app's database.
async fn sql(app: &TestApp, statement: &'static str, values: &[&str]) -> u64 {
    macro_rules! run {
        ($p:expr) => {{
            let mut q = sqlx::query(statement);
            for v in values {
                q = q.bind(*v);
            }
            q.execute($p).await.unwrap().rows_affected()
        }};
    }
    match app.state.store() {
        Store::Sqlite(p) => run!(p),
        Store::Postgres(p) => run!(p),
    }
}

/// One text column of the rows a query finds.
async fn texts(app: &TestApp, query: &'static str, value: &str) -> Vec<String> {
    match app.state.store() {
        Store::Sqlite(p) => sqlx::query_scalar(query).bind(value).fetch_all(p).await,
        Store::Postgres(p) => sqlx::query_scalar(query).bind(value).fetch_all(p).await,
    }
    .unwrap()
}

/// Makes `username`'s sessions old: the last sign-in is no longer recent.
async fn age_sessions(app: &TestApp, username: &str) {
    let n = sql(
        app,
        "UPDATE sessions SET auth_time = auth_time - 1000 \
         WHERE user_id = (SELECT id FROM users WHERE username = $1)",
        &[username],
    )
    .await;
    assert!(n > 0);
}

async fn refresh(app: &TestApp, client: &str, token: &str) -> (u16, serde_json::Value) {
    let (s, v, _) = token_request(
        app,
        client,
        Some(SECRET),
        &[("grant_type", "refresh_token"), ("refresh_token", token)],
    )
    .await;
    (s, v)
}

/// The navigation names every section and leads to it; each form's error stands
/// next to its field, and the typed new address stays in its field.
async fn sections_and_errors_next_to_their_fields(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.add_user("alice").await;
    let b = signed_in(&app, "alice").await;
    let html = settings(&app, &b).await;
    let nav_at = html
        .find("<nav class=\"settings-nav\"")
        .expect("the navigation");
    let nav = &html[nav_at..nav_at + html[nav_at..].find("</nav>").unwrap()];
    assert!(nav.contains("aria-label=\"Settings sections\""), "{nav}");
    for (anchor, label) in [
        ("profile", "Profile"),
        ("email", "Email"),
        ("password", "Password"),
        ("two-step", "Two-step verification"),
        ("sessions", "Sessions"),
        ("apps", "Connected apps"),
        ("methods", "Linked sign-in methods"),
        ("data", "Your data"),
    ] {
        assert!(
            nav.contains(&format!("<a href=\"#{anchor}\">{label}</a>")),
            "{anchor}: {nav}"
        );
        assert!(
            html.contains(&format!("<section id=\"{anchor}\"")),
            "no section {anchor}"
        );
    }
    for text in [
        "Where you are signed in",
        "Sign-in methods",
        "Download my data",
        "Delete account",
        "No apps have access to your account.",
    ] {
        assert!(html.contains(text), "{text}");
    }
    assert!(
        !html.contains("aria-invalid"),
        "an error before any form was sent"
    );

    let (s, html, _) = post(
        &app,
        &b,
        "/settings/email",
        &[("email", "new@example.com"), ("current", "not it")],
    )
    .await;
    assert_eq!(s, 400);
    error_next_to(
        &html,
        "email_password",
        "The current password is not right.",
    );
    assert!(
        html.contains("value=\"new@example.com\""),
        "the typed address is lost"
    );

    let (s, html, _) = post(
        &app,
        &b,
        "/settings/email",
        &[("email", "not an address"), ("current", PASSWORD)],
    )
    .await;
    assert_eq!(s, 400);
    error_next_to(
        &html,
        "new_email",
        "Enter an email address like name@example.com.",
    );
    let (s, html, _) = post(
        &app,
        &b,
        "/settings/email",
        &[("email", "alice@example.com"), ("current", PASSWORD)],
    )
    .await;
    assert_eq!(s, 400);
    error_next_to(&html, "new_email", "That is already your email address.");

    let (s, html, _) = post(
        &app,
        &b,
        "/settings/password",
        &[("current", "not it"), ("password", "a fine new passphrase")],
    )
    .await;
    assert_eq!(s, 400);
    error_next_to(
        &html,
        "current_password",
        "The current password is not right.",
    );
    let (s, html, _) = post(
        &app,
        &b,
        "/settings/password",
        &[("current", PASSWORD), ("password", "short")],
    )
    .await;
    assert_eq!(s, 400);
    error_next_to(&html, "new_password", "Use at least 8 characters.");

    // The profile form is multipart.
    let (_, csrf) = form_page(&b, &app.url("/settings")).await;
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf)
        .text("name", "n".repeat(101));
    let r = b
        .post(app.url("/settings/profile"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let html = r.text().await.unwrap();
    error_next_to(&html, "name", "Use at most 100 characters for your name.");
}

/// After an email change, Settings shows the address waiting for its link (the
/// same for an address another account has, which gets no link), until the
/// change is confirmed.
async fn pending_address_is_shown_until_confirmed(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.add_user("alice").await;
    app.add_user("bob").await;
    let b = signed_in(&app, "alice").await;
    assert!(
        !settings(&app, &b)
            .await
            .contains("Waiting for confirmation")
    );

    let (s, _, to) = post(
        &app,
        &b,
        "/settings/email",
        &[("email", "bob@example.com"), ("current", PASSWORD)],
    )
    .await;
    assert_eq!((s, to.as_str()), (303, "/settings?done=email"));
    let html = settings(&app, &b).await;
    assert!(
        html.contains("Waiting for confirmation: bob@example.com"),
        "{html}"
    );

    let (s, _, _) = post(
        &app,
        &b,
        "/settings/email",
        &[("email", "Alice.New@example.com"), ("current", PASSWORD)],
    )
    .await;
    assert_eq!(s, 303);
    let html = settings(&app, &b).await;
    assert!(
        html.contains("Waiting for confirmation: alice.new@example.com"),
        "{html}"
    );
    assert!(
        !html.contains("bob@example.com"),
        "the older change is shown"
    );
    assert!(html.contains("Your email is <strong>alice@example.com</strong>"));

    let mail = app
        .wait_mail("alice.new@example.com", "Confirm your new email", 1)
        .await;
    let link = mail.link(&app.base);
    let (page, csrf) = form_page(&b, &link).await;
    let r = b
        .post(app.url("/confirm"))
        .form(&[("csrf", csrf), ("token", hidden(&page, "token"))])
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success() || r.status().is_redirection());
    let html = settings(&app, &b).await;
    assert!(!html.contains("Waiting for confirmation"), "{html}");
    assert!(html.contains("Your email is <strong>alice.new@example.com</strong>"));
}

/// An account without a password sees "Set a password" (the new password only),
/// never a "Change password" form that can only fail; it needs a recent sign-in.
async fn set_a_password_for_an_account_without_one(backend: Backend) {
    let app = TestApp::start(backend).await;
    let carol = app.add_user("carol").await;
    let b = signed_in(&app, "carol").await;
    sql(
        &app,
        "UPDATE users SET password_hash = NULL WHERE username = $1",
        &["carol"],
    )
    .await;
    let html = settings(&app, &b).await;
    assert!(html.contains("action=\"/settings/password/set\""), "{html}");
    assert!(html.contains(">Set a password</button>"), "{html}");
    assert!(html.contains("<label for=\"set_password\">New password</label>"));
    assert!(!html.contains("Change password"), "{html}");
    assert!(!html.contains("Current password"), "{html}");
    assert!(!html.contains("action=\"/settings/password\""), "{html}");

    let (s, html, _) = post(&app, &b, "/settings/password/set", &[("password", "short")]).await;
    assert_eq!(s, 400);
    error_next_to(&html, "set_password", "Use at least 8 characters.");

    // Not signed in recently: the page leads to "Confirm it's you" first, and so
    // does the form.
    age_sessions(&app, "carol").await;
    let html = settings(&app, &b).await;
    assert!(
        !html.contains("action=\"/settings/password/set\""),
        "{html}"
    );
    assert!(
        html.contains("href=\"/reauth?next=%2Fsettings%23password\">Set a password</a>"),
        "{html}"
    );
    let new = "carol's own new passphrase";
    let (s, _, to) = post(&app, &b, "/settings/password/set", &[("password", new)]).await;
    assert_eq!(
        (s, to.as_str()),
        (303, "/reauth?next=%2Fsettings%23password")
    );
    let still = app.state.store().user_by_id(&carol.id).await.unwrap();
    assert!(
        still.unwrap().password_hash.is_none(),
        "set without a recent sign-in"
    );
    sql(
        &app,
        "UPDATE sessions SET auth_time = auth_time + 1000 \
         WHERE user_id = (SELECT id FROM users WHERE username = $1)",
        &["carol"],
    )
    .await;

    let (s, body, to) = post(&app, &b, "/settings/password/set", &[("password", new)]).await;
    assert_eq!(
        (s, to.as_str()),
        (303, "/settings?done=password_set"),
        "{body}"
    );
    // (The session id was renewed; the browser keeps its session.)
    let r = b.get(app.url(&to)).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("Your password is set. You can now sign in with it too."),
        "{html}"
    );
    assert!(html.contains("Change password"), "{html}");
    let mail = app
        .wait_mail("carol@example.com", "A password was set", 1)
        .await;
    assert!(mail.text.contains("carol"), "{}", mail.text);
    let r = post_login(&app, &browser(), "carol", new).await;
    assert_eq!((r.status().as_u16(), location(&r)), (303, "/".to_string()));
    let audit = app.state.store().audit_records(Some(&carol.id), 0, 100);
    let events: Vec<String> = audit.await.unwrap().into_iter().map(|r| r.event).collect();
    assert!(events.iter().any(|e| e == "password_set"), "{events:?}");
    // With a password now, the form is gone and a second "set" changes nothing.
    let before = app.state.store().user_by_id(&carol.id).await.unwrap();
    let (s, _, _) = post(
        &app,
        &b,
        "/settings/password/set",
        &[("password", "yet another passphrase")],
    )
    .await;
    assert_eq!(s, 303);
    let after = app.state.store().user_by_id(&carol.id).await.unwrap();
    assert_eq!(before.unwrap().password_hash, after.unwrap().password_hash);
}

/// An app allowed through consent is listed (name, what it may see, when it was
/// used); "Remove access" ends its refresh and access tokens, and its next request
/// asks for consent again. Another account cannot remove it.
async fn connected_apps_and_remove_access(backend: Backend) {
    let app = TestApp::start(backend).await;
    let alice = app.add_user("alice").await;
    app.add_user("bob").await;
    let b = browser();
    let p = pkce();
    let url = auth_url(&app, "thirdparty", Some(&p), "");
    let back = authorize_with_login(
        &app,
        &b,
        &url,
        "alice",
        PASSWORD,
        Consent::Allow(&["Allow thirdparty?"]),
    )
    .await;
    let code = query_param(&back, "code").expect("a code");
    let (s, tokens, _) = token_request(
        &app,
        "thirdparty",
        Some(SECRET),
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", REDIRECT),
            ("code_verifier", &p.verifier),
        ],
    )
    .await;
    assert_eq!(s, 200, "{tokens}");
    let (s, tokens) = refresh(
        &app,
        "thirdparty",
        tokens["refresh_token"].as_str().unwrap(),
    )
    .await;
    assert_eq!(s, 200, "{tokens}");

    let html = settings(&app, &b).await;
    let start = html.find("<section id=\"apps\"").unwrap();
    let section = &html[start..start + html[start..].find("</section>").unwrap()];
    for text in [
        "<h3>thirdparty</h3>",
        "It may:",
        "Know who you are on Lanyard",
        "See your name, username and photo",
        "Stay connected when you are not using it",
        "Allowed ",
        "Last used ",
        "aria-label=\"Remove access for thirdparty\">Remove access</button>",
        "name=\"client_id\" value=\"thirdparty\"",
    ] {
        assert!(section.contains(text), "{text}: {section}");
    }

    // Bob removing "thirdparty" removes nothing of alice's.
    let bobs = signed_in(&app, "bob").await;
    let (s, _, _) = post(
        &app,
        &bobs,
        "/settings/apps/remove",
        &[("client_id", "thirdparty")],
    )
    .await;
    assert_eq!(s, 303);
    let apps = app
        .state
        .store()
        .connected_apps(&alice.id, lanyard::oidc::now());
    assert_eq!(apps.await.unwrap().len(), 1);

    let (s, _, to) = post(
        &app,
        &b,
        "/settings/apps/remove",
        &[("client_id", "thirdparty")],
    )
    .await;
    assert_eq!((s, to.as_str()), (303, "/settings?done=app_removed"));
    let html = b
        .get(app.url(&to))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("That app no longer has access to your account."),
        "{html}"
    );
    assert!(
        html.contains("No apps have access to your account."),
        "{html}"
    );
    let (s, v) = refresh(
        &app,
        "thirdparty",
        tokens["refresh_token"].as_str().unwrap(),
    )
    .await;
    assert_eq!(
        (s, v["error"].as_str()),
        (400, Some("invalid_grant")),
        "{v}"
    );
    let r = http()
        .get(app.url("/userinfo"))
        .bearer_auth(tokens["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401, "the access token still works");
    let audit = app.state.store().audit_records(Some(&alice.id), 0, 100);
    let removed: Vec<_> = audit
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.event == "app_access_removed")
        .collect();
    assert_eq!(removed.len(), 1);
    assert_eq!(removed[0].detail.as_deref(), Some("thirdparty"));

    // The next request asks for consent again (alice is still signed in here).
    let p2 = pkce();
    let url = auth_url(&app, "thirdparty", Some(&p2), "");
    let r = b.get(&url).send().await.unwrap();
    assert!(
        location(&r).starts_with("/consent?uid="),
        "{}",
        location(&r)
    );
    let back = authorize_with_login(
        &app,
        &b,
        &url,
        "alice",
        PASSWORD,
        Consent::Allow(&["Allow thirdparty?"]),
    )
    .await;
    assert!(query_param(&back, "code").is_some(), "{back}");
}

/// "Delete account" needs a recent sign-in and the right "Username"; then the
/// account, its sessions (in every browser), memberships, owned teams, photo and
/// tokens are gone, and signing in fails.
async fn delete_account_needs_the_username_and_removes_everything(backend: Backend) {
    let app = TestApp::start(backend).await;
    let alice = app.add_user("alice").await;
    let bob = app.add_user("bob").await;
    let store = app.state.store();
    let now = lanyard::oidc::now();
    store
        .create_team("t-alpha", "Alpha", &alice.id, now)
        .await
        .unwrap();
    store
        .create_team("t-beta", "Beta", &bob.id, now)
        .await
        .unwrap();
    for (token, team, email, by, who) in [
        ("i-1", "t-alpha", "bob@example.com", &alice.id, &bob.id),
        ("i-2", "t-beta", "alice@example.com", &bob.id, &alice.id),
    ] {
        store
            .create_invite(token, team, email, by, now, now + 60)
            .await
            .unwrap();
        store.accept_invite(token, who, now).await.unwrap();
    }
    store.set_avatar(&alice.id, b"png", now).await.unwrap();
    let b = browser();
    let p = pkce();
    let code = crate::errors::code_for(&app, &b, "webapp", Some(&p), "alice").await;
    let (s, tokens) = redeem(&app, &code, &p).await;
    assert_eq!(s, 200, "{tokens}");
    let elsewhere = signed_in(&app, "alice").await;

    let html = settings(&app, &b).await;
    assert!(
        html.contains("href=\"/settings/delete\">Delete account</a>"),
        "{html}"
    );
    let r = b.get(app.url("/settings/delete")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    for text in [
        "<h1>Delete account</h1>",
        "<label for=\"delete_username\">Username</label>",
        ">Delete my account</button>",
        "They are deleted with your account",
        "Alpha <span class=\"muted\">(2 members)</span>",
    ] {
        assert!(html.contains(text), "{text}: {html}");
    }
    assert!(!html.contains("Beta"), "a team alice does not own: {html}");
    let delete = |b: reqwest::Client, username: &'static str| {
        let app = &app;
        async move {
            let (_, csrf) = form_page(&b, &app.url("/settings")).await;
            let r = b
                .post(app.url("/settings/delete"))
                .form(&[("csrf", csrf.as_str()), ("username", username)])
                .send()
                .await
                .unwrap();
            let status = r.status().as_u16();
            let to = r
                .headers()
                .get("location")
                .map(|l| l.to_str().unwrap().to_string());
            (status, to, r.text().await.unwrap())
        }
    };

    // Not recent: "Confirm it's you" first, for the page and the form.
    age_sessions(&app, "alice").await;
    let r = b.get(app.url("/settings/delete")).send().await.unwrap();
    assert_eq!(location(&r), "/reauth?next=%2Fsettings%2Fdelete");
    let (s, to, _) = delete(b.clone(), "alice").await;
    assert_eq!(
        (s, to.as_deref()),
        (303, Some("/reauth?next=%2Fsettings%2Fdelete"))
    );
    assert!(store.user_by_id(&alice.id).await.unwrap().is_some());
    // "Confirm it's you" with the password makes it recent again.
    let (page, csrf) = form_page(&b, &app.url("/reauth?next=/settings/delete")).await;
    assert!(page.contains("Confirm it"), "{page}");
    let r = b
        .post(app.url("/reauth"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("next", "/settings/delete"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(location(&r), "/settings/delete");

    let (s, _, html) = delete(b.clone(), "bob").await;
    assert_eq!(s, 400);
    error_next_to(
        &html,
        "delete_username",
        "That is not your username. Type it exactly as shown.",
    );
    assert!(store.user_by_id(&alice.id).await.unwrap().is_some());

    let (s, _, html) = delete(b.clone(), " Alice ").await;
    assert_eq!(s, 200, "{html}");
    assert!(html.contains("Your account is deleted"), "{html}");
    assert!(store.user_by_id(&alice.id).await.unwrap().is_none());
    assert!(store.user_by_login("alice").await.unwrap().is_none());
    assert!(
        store
            .user_sessions(&alice.id, now)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(store.user_teams(&alice.id).await.unwrap().is_empty());
    assert!(store.avatar(&alice.id).await.unwrap().is_none());
    let r = http()
        .get(app.url(&format!("/avatars/{}", alice.id)))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    // The team alice owned is gone (with bob's membership); bob's team stays, without her.
    let left = store.user_teams(&bob.id).await.unwrap();
    assert_eq!(
        left.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(),
        ["t-beta"]
    );
    let members = store.team_members("t-beta").await.unwrap();
    assert_eq!(members.len(), 1);
    assert_eq!(members[0].user_id, bob.id);
    // Every browser is signed out, and signing in fails.
    for br in [&b, &elsewhere] {
        let r = br.get(app.url("/settings")).send().await.unwrap();
        assert!(location(&r).starts_with("/login"), "{}", location(&r));
    }
    assert_eq!(
        post_login(&app, &browser(), "alice", PASSWORD)
            .await
            .status(),
        401
    );
    let (s, v) = refresh(&app, "webapp", tokens["refresh_token"].as_str().unwrap()).await;
    assert_eq!(
        (s, v["error"].as_str()),
        (400, Some("invalid_grant")),
        "{v}"
    );
    let r = http()
        .get(app.url("/userinfo"))
        .bearer_auth(tokens["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let rows = texts(
        &app,
        "SELECT event FROM audit_log WHERE user_id = $1 AND event = 'account_deleted'",
        &alice.id,
    )
    .await;
    assert_eq!(rows.len(), 1);
    app.wait_mail("alice@example.com", "account was deleted", 1)
        .await;
    // Bob is untouched.
    assert_eq!(
        post_login(&app, &browser(), "bob", PASSWORD).await.status(),
        303
    );
}

/// "Download my data": a JSON attachment with every part of the account (the
/// pending address too), and not one secret: no password hash, TOTP secret,
/// recovery code hash, session id, browser or token hash.
async fn download_my_data_has_everything_and_no_secret(backend: Backend) {
    let app = TestApp::start(backend).await;
    let alice = app.add_user("alice").await;
    let store = app.state.store();
    let now = lanyard::oidc::now();
    let b = signed_in(&app, "alice").await;
    let html = settings(&app, &b).await;
    assert!(
        html.contains("<form method=\"post\" action=\"/settings/data\" data-download>"),
        "{html}"
    );
    // Something in every part: a pending address, a linked identity, a team, an
    // app with a refresh token, two-step verification with recovery codes.
    let (s, _, _) = post(
        &app,
        &b,
        "/settings/email",
        &[("email", "alice.next@example.com"), ("current", PASSWORD)],
    )
    .await;
    assert_eq!(s, 303);
    store
        .link_identity(
            &Identity {
                issuer: "https://accounts.example".into(),
                subject: "up-123".into(),
                user_id: alice.id.clone(),
                upstream_id: "google".into(),
                email: Some("alice@gmail.example".into()),
            },
            now,
        )
        .await
        .unwrap();
    store
        .create_team("t-1", "Alpha", &alice.id, now)
        .await
        .unwrap();
    let p = pkce();
    let code = crate::errors::code_for(&app, &b, "webapp", Some(&p), "alice").await;
    let (s, tokens) = redeem(&app, &code, &p).await;
    assert_eq!(s, 200, "{tokens}");
    store
        .set_pending_totp(&alice.id, b"sealed-totp-secret")
        .await
        .unwrap();
    let recovery = [
        "rc-hash-0000000001".to_string(),
        "rc-hash-0000000002".to_string(),
    ];
    assert!(
        store
            .enable_totp(&alice.id, 1, &recovery, now)
            .await
            .unwrap()
    );

    let (_, csrf) = form_page(&b, &app.url("/settings")).await;
    let r = b
        .post(app.url("/settings/data"))
        .form(&[("csrf", "wrong")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403, "no CSRF check");
    let r = b
        .post(app.url("/settings/data"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let h = r.headers().clone();
    assert_eq!(h["content-type"], "application/json; charset=utf-8");
    assert_eq!(
        h["content-disposition"],
        "attachment; filename=\"account-data-alice.json\""
    );
    assert_eq!(h["cache-control"], "no-store");
    let body = r.text().await.unwrap();
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    for key in [
        "exported_at",
        "profile",
        "addresses",
        "linked_identities",
        "teams",
        "sessions",
        "connected_apps",
        "audit_log",
    ] {
        assert!(v.get(key).is_some(), "no {key}: {v:#}");
    }
    let profile = &v["profile"];
    assert_eq!(profile["id"], alice.id.as_str());
    assert_eq!(profile["username"], "alice");
    assert_eq!(profile["email"], "alice@example.com");
    assert_eq!(profile["has_password"], true);
    assert_eq!(profile["two_step"]["enabled"], true);
    assert_eq!(profile["two_step"]["recovery_codes_left"], 2);
    let addresses = v["addresses"].as_array().unwrap();
    assert_eq!(addresses.len(), 2, "{addresses:?}");
    assert_eq!(addresses[1]["email"], "alice.next@example.com");
    assert_eq!(addresses[1]["status"], "pending");
    assert_eq!(v["linked_identities"][0]["subject"], "up-123");
    assert_eq!(v["linked_identities"][0]["email"], "alice@gmail.example");
    assert_eq!(v["teams"][0]["name"], "Alpha");
    assert_eq!(v["teams"][0]["role"], "owner");
    assert!(!v["sessions"].as_array().unwrap().is_empty());
    assert_eq!(v["connected_apps"][0]["client_id"], "webapp");
    assert!(
        v["connected_apps"][0]["scopes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s == "offline_access")
    );
    let events: Vec<&str> = v["audit_log"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["event"].as_str())
        .collect();
    assert!(events.contains(&"sign_in"), "{events:?}");
    assert!(events.contains(&"email_change_requested"), "{events:?}");

    // Not one secret.
    let hash = store.user_by_id(&alice.id).await.unwrap().unwrap();
    let mut secrets = vec![hash.password_hash.unwrap(), "$argon2".to_string()];
    secrets.extend(recovery.iter().cloned());
    for column in [
        "SELECT sid FROM sessions WHERE user_id = $1",
        "SELECT browser_hash FROM sessions WHERE user_id = $1",
        "SELECT token_hash FROM refresh_tokens WHERE grant_id IN (SELECT id FROM grants WHERE user_id = $1)",
        "SELECT token_hash FROM email_tokens WHERE user_id = $1",
        "SELECT id FROM grants WHERE user_id = $1",
    ] {
        let found = texts(&app, column, &alice.id).await;
        assert!(!found.is_empty(), "{column}");
        secrets.extend(found);
    }
    secrets.push(tokens["refresh_token"].as_str().unwrap().to_string());
    secrets.push(tokens["access_token"].as_str().unwrap().to_string());
    {
        use base64::Engine;
        let b64 = base64::engine::general_purpose::STANDARD;
        secrets.push(b64.encode(b"sealed-totp-secret"));
    }
    secrets.push("sealed-totp-secret".into());
    for secret in &secrets {
        assert!(!body.contains(secret.as_str()), "the export holds {secret}");
    }
    for name in [
        "password_hash",
        "totp_secret",
        "token_hash",
        "browser_hash",
        "\"sid\"",
    ] {
        assert!(!body.contains(name), "the export names {name}");
    }
    let audit = store.audit_records(Some(&alice.id), 0, 100).await.unwrap();
    assert!(audit.iter().any(|r| r.event == "data_exported"));

    // Not signed in recently: "Confirm it's you" first.
    age_sessions(&app, "alice").await;
    let r = b
        .post(app.url("/settings/data"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(location(&r), "/reauth?next=%2Fsettings%23data");
}

/// In Chromium: on a phone (390 px) the navigation is a row of links and nothing
/// is wider than the screen; on a desktop it is a sidebar beside the sections. A
/// refused form puts focus on the field with the error, and "Download my data" is
/// not marked as sent (its page stays), so it takes a second press.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_on_a_phone_and_a_desktop_in_chromium() {
    use crate::browser::{Browser, ONE_BROWSER};
    use fantoccini::Locator;
    let _one = ONE_BROWSER.lock().await;
    let Some(br) = Browser::start().await else {
        return;
    };
    let app = TestApp::start(Backend::Sqlite).await;
    let pia = app.add_user("pia").await;
    let store = app.state.store();
    let now = lanyard::oidc::now();
    store
        .save_consent(&pia.id, "thirdparty", "openid profile email", now)
        .await
        .unwrap();
    store
        .create_team("t-1", "Pia's team", &pia.id, now)
        .await
        .unwrap();
    br.goto(&app.url("/login")).await;
    br.sign_in("pia", PASSWORD).await;
    br.wait_text("Hello, pia Example").await;
    let js = |script: &'static str| {
        let c = br.c.clone();
        async move { c.execute(script, vec![]).await.unwrap() }
    };

    br.c.set_window_size(390, 844).await.unwrap();
    br.goto(&app.url("/settings")).await;
    br.wait_text("Where you are signed in").await;
    let row =
        js("return getComputedStyle(document.querySelector('.settings-nav ul')).flexDirection")
            .await;
    assert_eq!(row, "row");
    let width = js("return document.documentElement.scrollWidth").await;
    let inner = js("return window.innerWidth").await;
    assert!(
        width.as_u64().unwrap() <= inner.as_u64().unwrap(),
        "the page is wider than the phone: {width} > {inner}"
    );
    br.shot("settings-phone").await;
    // A link of the row leads to its section.
    br.click_link("Connected apps").await;
    br.wait_url(&app.url("/settings#apps")).await;

    br.fill("New email", "pia.new@example.com").await;
    br.c.find(Locator::Id("email_password"))
        .await
        .unwrap()
        .send_keys("not the password")
        .await
        .unwrap();
    br.click_button("Change email").await;
    br.wait_text("The current password is not right.").await;
    let mut focused = serde_json::Value::Null;
    for _ in 0..50 {
        focused = js("return document.activeElement && document.activeElement.id").await;
        if focused == "email_password" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(
        focused, "email_password",
        "focus is not on the field in error"
    );

    br.c.set_window_size(1100, 900).await.unwrap();
    br.goto(&app.url("/settings")).await;
    br.wait_text("Where you are signed in").await;
    let column =
        js("return getComputedStyle(document.querySelector('.settings-nav ul')).flexDirection")
            .await;
    assert_eq!(column, "column");
    let beside = js(
        "var n = document.querySelector('.settings-nav').getBoundingClientRect(); \
         var s = document.querySelector('.settings-sections').getBoundingClientRect(); \
         return n.right <= s.left && n.top < s.bottom",
    )
    .await;
    assert_eq!(beside, true, "the navigation is not a sidebar");
    // "Delete account" leads to its confirmation (the sign-in is recent).
    br.click_link("Delete account").await;
    br.wait_text("Delete my account").await;
    br.goto(&app.url("/settings")).await;
    br.wait_text("Where you are signed in").await;

    br.click_button("Download my data").await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let sent = js(
        "return document.querySelector('form[data-download]').hasAttribute('data-sent') \
         || !!document.querySelector('form[data-download] button[aria-busy]')",
    )
    .await;
    assert_eq!(sent, false, "the download form was marked as sent");
    assert!(br.url().await.starts_with(&app.url("/settings")));
}
