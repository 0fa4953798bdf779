//! Issue 11, account items: invitation limits that hold whatever the page,
//! onboarding that closes, invitation subjects nobody else writes, email links that
//! end with what they confirm, look-alike names, and recent authentication before
//! sensitive settings.

use crate::common::*;
use crate::errors::exec_sql;
use lanyard::store::users::{NewUser, User};
use std::collections::HashSet;

crate::on_both_backends!(
    onboarding_invitations_are_sent_once_within_the_limit,
    onboarding_respects_the_invitation_limit_of_the_teams_pages,
    superseded_email_change_link_is_refused,
    email_change_to_a_taken_address_ends_the_older_link,
    reset_link_ends_with_an_email_change,
    reset_link_ends_with_a_newer_link_and_a_reset,
    reset_link_ends_with_a_password_change_in_settings,
    older_signup_confirmation_cannot_revert_the_address,
    lookalike_names_are_refused_like_taken_ones,
    concurrent_lookalike_signups_make_one_account,
    lanyard_user_add_refuses_lookalikes,
    sensitive_settings_need_a_recent_sign_in,
);

const INVITATION: &str = "You are invited to join a team";
const PAYPAL_CYRILLIC: &str = "p\u{430}ypal";

/// A verified account with [`PASSWORD`] that has not been through onboarding.
async fn new_user(app: &TestApp, username: &str) -> User {
    let hash = app.state.hasher.hash(PASSWORD).await.unwrap();
    app.state
        .store()
        .create_user(
            &NewUser {
                username,
                email: &format!("{username}@example.com"),
                email_verified: true,
                name: None,
                password_hash: Some(&hash),
            },
            lanyard::oidc::now(),
        )
        .await
        .unwrap()
}

/// `SELECT COUNT(*) … WHERE <column> LIKE $1` on the app's database: what was
/// written, without waiting for the mail worker.
async fn count(app: &TestApp, sql: &'static str, like: &str) -> i64 {
    use lanyard::store::Store;
    match app.state.store() {
        Store::Sqlite(p) => sqlx::query_scalar(sql).bind(like).fetch_one(p).await,
        Store::Postgres(p) => sqlx::query_scalar(sql).bind(like).fetch_one(p).await,
    }
    .unwrap()
}

const INVITES_TO: &str = "SELECT COUNT(*) FROM team_invites WHERE email LIKE $1";
const LINKS_TO: &str = "SELECT COUNT(*) FROM email_tokens WHERE email LIKE $1";

/// Waits for tasks spawned together (so their requests were in flight at once).
async fn join_all<T>(tasks: impl Iterator<Item = tokio::task::JoinHandle<T>>) -> Vec<T> {
    let tasks: Vec<_> = tasks.collect();
    let mut out = Vec::with_capacity(tasks.len());
    for t in tasks {
        out.push(t.await.unwrap());
    }
    out
}

/// Ten "Continue" presses on the onboarding team step at once, twelve invitees
/// each (120 mails on the old code, with the limit at 3): exactly one press acts.
async fn onboarding_invitations_are_sent_once_within_the_limit(backend: Backend) {
    let app = TestApp::start_with(backend, |c| c.rate_limit.ip_requests = 3).await;
    new_user(&app, "olga").await;
    let b = browser();
    let r = post_login(&app, &b, "olga", PASSWORD).await;
    assert!(location(&r).starts_with("/onboarding/profile"));
    let (_, csrf) = form_page(&b, &app.url("/onboarding/team")).await;
    let presses = (0..10).map(|i| {
        let invites: Vec<String> = (0..12)
            .map(|j| format!("guest{i}x{j}@flood.example"))
            .collect();
        let form = [
            ("csrf", csrf.clone()),
            ("team", "Acme".to_string()),
            ("invites", invites.join(", ")),
            ("action", "continue".to_string()),
        ];
        let (b, url) = (b.clone(), app.url("/onboarding/team"));
        tokio::spawn(async move { b.post(url).form(&form).send().await.unwrap().status() })
    });
    for status in join_all(presses).await {
        assert_eq!(status, 303);
    }
    assert_eq!(count(&app, INVITES_TO, "%@flood.example").await, 12);
    app.wait_mail("@flood.example", INVITATION, 12).await;
    let teams = app
        .state
        .store()
        .user_teams(&new_user_id(&app, "olga").await)
        .await
        .unwrap();
    assert_eq!(teams.len(), 1, "one team");

    // Onboarding is over: its pages send the person on, and its form sends nothing.
    for path in ["/onboarding/team", "/onboarding/profile"] {
        let r = b.get(app.url(path)).send().await.unwrap();
        assert_eq!(r.status(), 303, "{path}");
        assert_eq!(location(&r), "/", "{path}");
    }
    let r = b
        .post(app.url("/onboarding/team"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("team", "Again"),
            ("invites", "late@flood.example"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(count(&app, INVITES_TO, "late@flood.example").await, 0);
    assert_eq!(count(&app, INVITES_TO, "%@flood.example").await, 12);
}

async fn new_user_id(app: &TestApp, username: &str) -> String {
    app.state
        .store()
        .user_by_login(username)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// The allowance is the account's, whatever page spends it: after the Teams page
/// used it up, the onboarding team step is refused too and sends nothing.
async fn onboarding_respects_the_invitation_limit_of_the_teams_pages(backend: Backend) {
    let app = TestApp::start_with(backend, |c| c.rate_limit.ip_requests = 3).await;
    app.stop_throttle_clock();
    new_user(&app, "pia").await;
    let b = browser();
    post_login(&app, &b, "pia", PASSWORD).await;
    let (_, csrf) = form_page(&b, &app.url("/teams")).await;
    let forms = (0..8).map(|i| {
        let form = [
            ("csrf", csrf.clone()),
            ("team", format!("Team {i}")),
            ("invites", format!("t{i}@teams.example")),
        ];
        let (b, url) = (b.clone(), app.url("/teams"));
        tokio::spawn(async move { b.post(url).form(&form).send().await.unwrap().status() })
    });
    let statuses: Vec<u16> = join_all(forms).await.iter().map(|s| s.as_u16()).collect();
    assert!(statuses.contains(&303), "{statuses:?}");
    let invites: Vec<String> = (0..50).map(|j| format!("o{j}@onboard.example")).collect();
    let r = b
        .post(app.url("/onboarding/team"))
        .form(&[
            ("csrf", csrf.clone()),
            ("team", "Onboarding team".to_string()),
            ("invites", invites.join("\n")),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 429);
    assert!(r.headers().contains_key("retry-after"));
    assert_eq!(count(&app, INVITES_TO, "%@onboard.example").await, 0);
}

/// The subject of an invitation is fixed text; the team name, which anyone can
/// write, is in the body, quoted as the inviter's words.
#[tokio::test]
async fn invitation_subject_is_fixed_and_the_body_quotes_the_team_name() {
    let app = TestApp::start(Backend::Sqlite).await;
    app.add_user("quinn").await;
    let b = browser();
    post_login(&app, &b, "quinn", PASSWORD).await;
    let (_, csrf) = form_page(&b, &app.url("/teams")).await;
    let team = "Your account is locked - act now";
    let r = b
        .post(app.url("/teams"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("team", team),
            ("invites", "rae@example.com"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let mail = app.wait_mail("rae@example.com", INVITATION, 1).await;
    assert_eq!(mail.subject, "You are invited to join a team on Lanyard");
    assert!(!mail.subject.contains("locked"), "{}", mail.subject);
    assert!(!mail.subject.contains("quinn"), "{}", mail.subject);
    assert!(
        mail.text
            .contains(&format!("as the inviter wrote it: \u{201c}{team}\u{201d}")),
        "{}",
        mail.text
    );
    assert!(mail.text.contains("/invite?token="), "{}", mail.text);
}

// ---- email links ----

async fn change_email(app: &TestApp, b: &reqwest::Client, email: &str) -> reqwest::Response {
    let (_, csrf) = form_page(b, &app.url("/settings")).await;
    b.post(app.url("/settings/email"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("email", email),
            ("current", PASSWORD),
        ])
        .send()
        .await
        .unwrap()
}

/// Opens a `/confirm` link and presses "Confirm email" in browser `b`.
async fn confirm(app: &TestApp, b: &reqwest::Client, link: &str) -> reqwest::Response {
    let (html, csrf) = form_page(b, &absolute(&app.base, link)).await;
    b.post(app.url("/confirm"))
        .form(&[("csrf", csrf), ("token", hidden(&html, "token"))])
        .send()
        .await
        .unwrap()
}

async fn email_of(app: &TestApp, username: &str) -> String {
    app.state
        .store()
        .user_by_login(username)
        .await
        .unwrap()
        .unwrap()
        .email
}

/// Vera, signed in, asks to move to a mistyped address: her browser and the link
/// that was mailed there.
async fn mistyped_email_change(app: &TestApp) -> (reqwest::Client, String) {
    app.add_user("vera").await;
    let b = browser();
    post_login(app, &b, "vera", PASSWORD).await;
    assert_eq!(
        change_email(app, &b, "vera@exmaple.com").await.status(),
        303
    );
    let typo = app
        .wait_mail("vera@exmaple.com", "Confirm your new email address", 1)
        .await
        .link("/confirm");
    (b, typo)
}

/// A mistyped address, corrected by a second change: the first link, opened later
/// from a browser with no session, does not move the account to it.
async fn superseded_email_change_link_is_refused(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (b, typo) = mistyped_email_change(&app).await;
    assert_eq!(
        change_email(&app, &b, "vera@new.example").await.status(),
        303
    );
    let right = app
        .wait_mail("vera@new.example", "Confirm your new email address", 1)
        .await
        .link("/confirm");

    let stranger = browser();
    let r = confirm(&app, &stranger, &typo).await;
    assert_eq!(r.status(), 400);
    assert_eq!(email_of(&app, "vera").await, "vera@example.com");

    assert_eq!(confirm(&app, &stranger, &right).await.status(), 200);
    assert_eq!(email_of(&app, "vera").await, "vera@new.example");
    assert_eq!(confirm(&app, &stranger, &typo).await.status(), 400);
    assert_eq!(email_of(&app, "vera").await, "vera@new.example");
}

/// A change to an address another account has gets no link, but it still replaces
/// the earlier (mistyped) change: that link no longer works.
async fn email_change_to_a_taken_address_ends_the_older_link(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.add_user("walt").await;
    let (b, typo) = mistyped_email_change(&app).await;
    assert_eq!(
        change_email(&app, &b, "walt@example.com").await.status(),
        303
    );
    assert_eq!(confirm(&app, &browser(), &typo).await.status(), 400);
    assert_eq!(email_of(&app, "vera").await, "vera@example.com");
}

pub(crate) async fn reset_link(app: &TestApp, user: &User) -> String {
    let subject = "password reset link";
    let before = app
        .mails_to(&user.email)
        .iter()
        .filter(|m| m.subject.contains(subject))
        .count();
    lanyard::account::links::send_recovery(&app.state.account(lanyard::oidc::now()), user)
        .await
        .unwrap();
    let mail = app.wait_mail(&user.email, subject, before + 1).await;
    query_param(&absolute(&app.base, &mail.link("/reset")), "token").unwrap()
}

/// Opens a reset link and sets `password` with it; the answer's status.
pub(crate) async fn use_reset(app: &TestApp, token: &str, password: &str) -> u16 {
    let b = browser();
    let r = b
        .get(app.url(&format!("/reset?token={token}")))
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let html = r.text().await.unwrap();
    if status != 200 {
        assert!(html.contains("This link has expired"), "{html}");
        // The form cannot be had; posting the token anyway is refused too.
        let (_, csrf) = form_page(&b, &app.url("/login")).await;
        let r = b
            .post(app.url("/reset"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("token", token),
                ("password", password),
            ])
            .send()
            .await
            .unwrap();
        return r.status().as_u16();
    }
    let csrf = hidden(&html, "csrf");
    b.post(app.url("/reset"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("token", token),
            ("password", password),
        ])
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

async fn signs_in_with(app: &TestApp, login: &str, password: &str) -> bool {
    let r = post_login(app, &browser(), login, password).await;
    r.status() == 303
}

async fn reset_link_ends_with_an_email_change(backend: Backend) {
    let app = TestApp::start(backend).await;
    let user = app.add_user("wade").await;
    let token = reset_link(&app, &user).await;
    let b = browser();
    post_login(&app, &b, "wade", PASSWORD).await;
    change_email(&app, &b, "wade@new.example").await;
    let link = app
        .wait_mail("wade@new.example", "Confirm your new email address", 1)
        .await
        .link("/confirm");
    assert_eq!(confirm(&app, &b, &link).await.status(), 200);
    // The link went to the old address: it no longer sets the password.
    assert_eq!(
        use_reset(&app, &token, "a password from the old inbox").await,
        400
    );
    assert!(!signs_in_with(&app, "wade", "a password from the old inbox").await);
    assert!(signs_in_with(&app, "wade", PASSWORD).await);
}

async fn reset_link_ends_with_a_newer_link_and_a_reset(backend: Backend) {
    let app = TestApp::start(backend).await;
    let user = app.add_user("xena").await;
    let older = reset_link(&app, &user).await;
    let newer = reset_link(&app, &user).await;
    assert_eq!(
        use_reset(&app, &newer, "the first new passphrase").await,
        200
    );
    assert_eq!(
        use_reset(&app, &older, "the second new passphrase").await,
        400
    );
    assert!(signs_in_with(&app, "xena", "the first new passphrase").await);
    assert!(!signs_in_with(&app, "xena", "the second new passphrase").await);
}

async fn reset_link_ends_with_a_password_change_in_settings(backend: Backend) {
    let app = TestApp::start(backend).await;
    let user = app.add_user("yuri").await;
    let token = reset_link(&app, &user).await;
    let b = browser();
    post_login(&app, &b, "yuri", PASSWORD).await;
    let (_, csrf) = form_page(&b, &app.url("/settings")).await;
    let r = b
        .post(app.url("/settings/password"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("current", PASSWORD),
            ("password", "changed in settings"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(location(&r), "/settings?done=password");
    assert_eq!(
        use_reset(&app, &token, "set through an old link").await,
        400
    );
    assert!(signs_in_with(&app, "yuri", "changed in settings").await);
}

/// A signup confirmation link left unused, opened after the account moved to
/// another address, must not move it back.
async fn older_signup_confirmation_cannot_revert_the_address(backend: Backend) {
    let app = TestApp::start(backend).await;
    let b = browser();
    let (_, csrf) = form_page(&b, &app.url("/signup")).await;
    let r = b
        .post(app.url("/signup"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("email", "zoe@old.example"),
            ("username", "zoe"),
            ("password", PASSWORD),
            ("terms", "on"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let old_link = app
        .wait_mail("zoe@old.example", "Confirm your email address", 1)
        .await
        .link("/confirm");
    // Confirmed some other way meanwhile (here: directly), so the link stays unused.
    exec_sql(
        &app,
        "UPDATE users SET email_verified = TRUE WHERE username = 'zoe'",
    )
    .await;
    assert!(location(&post_login(&app, &b, "zoe", PASSWORD).await).starts_with("/onboarding"));
    change_email(&app, &b, "zoe@new.example").await;
    let link = app
        .wait_mail("zoe@new.example", "Confirm your new email address", 1)
        .await
        .link("/confirm");
    assert_eq!(confirm(&app, &b, &link).await.status(), 200);
    assert_eq!(email_of(&app, "zoe").await, "zoe@new.example");

    let r = confirm(&app, &browser(), &old_link).await;
    assert_eq!(r.status(), 400);
    assert_eq!(email_of(&app, "zoe").await, "zoe@new.example");
}

// ---- look-alikes ----

async fn signup(app: &TestApp, email: &str, username: &str) -> (u16, String) {
    let b = browser();
    let (_, csrf) = form_page(&b, &app.url("/signup")).await;
    let r = b
        .post(app.url("/signup"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("email", email),
            ("username", username),
            ("password", PASSWORD),
            ("terms", "on"),
        ])
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

/// An answer page with what differs by design taken out: the typed value and the
/// CSRF token.
fn answer(html: &str, typed: &[&str]) -> String {
    let mut out = html.to_string();
    if html.contains("name=\"csrf\" value=") {
        out = out.replace(&hidden(html, "csrf"), "CSRF");
    }
    // "Resend" carries the address sealed, differently in every answer.
    if html.contains("name=\"address\" value=") {
        out = out.replace(&hidden(html, "address"), "SEALED");
    }
    for t in typed {
        out = out.replace(t, "TYPED");
    }
    out
}

async fn lookalike_names_are_refused_like_taken_ones(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.add_user("paypal").await;

    // A username: the answer of a taken one.
    let (taken_status, taken) = signup(&app, "someone@example.org", "paypal").await;
    let (status, lookalike) = signup(&app, "someone@example.org", PAYPAL_CYRILLIC).await;
    assert_eq!(taken_status, 400);
    assert_eq!(status, taken_status);
    assert!(lookalike.contains("This username is taken"), "{lookalike}");
    assert_eq!(
        answer(&lookalike, &[PAYPAL_CYRILLIC]),
        answer(&taken, &["paypal"])
    );
    let (status, ascii) = signup(&app, "someone@example.org", "paypa1").await;
    assert_eq!(status, 400);
    assert!(ascii.contains("This username is taken"), "{ascii}");

    // An email: the answer of a taken one ("check your email"), and no account.
    let cyrillic_email = format!("{PAYPAL_CYRILLIC}@example.com");
    let (taken_status, taken) = signup(&app, "paypal@example.com", "newcomer").await;
    let (status, lookalike) = signup(&app, &cyrillic_email, "newcomer").await;
    assert_eq!((taken_status, status), (200, 200));
    assert_eq!(
        answer(&lookalike, &[&cyrillic_email]),
        answer(&taken, &["paypal@example.com"])
    );
    assert!(
        app.state
            .store()
            .user_by_login("newcomer")
            .await
            .unwrap()
            .is_none()
    );
    let notice = app.wait_mail(&cyrillic_email, "was not created", 1).await;
    assert!(!notice.text.contains("/confirm"), "{}", notice.text);

    // Email change: the answer of a taken address, and no link is sent.
    app.add_user("alice").await;
    let b = browser();
    post_login(&app, &b, "alice", PASSWORD).await;
    let taken = change_email(&app, &b, "paypal@example.com").await;
    let lookalike = change_email(&app, &b, &cyrillic_email).await;
    assert_eq!(location(&taken), "/settings?done=email");
    assert_eq!(location(&lookalike), "/settings?done=email");
    assert_eq!(count(&app, LINKS_TO, &cyrillic_email).await, 0);
    assert_eq!(count(&app, LINKS_TO, "paypal@example.com").await, 0);
    assert_eq!(email_of(&app, "alice").await, "alice@example.com");
}

/// Look-alike usernames signing up at the same time: the unique skeleton lets
/// exactly one account be made.
async fn concurrent_lookalike_signups_make_one_account(backend: Backend) {
    let app = TestApp::start(backend).await;
    let names = [
        "mallory",
        "rnallory",
        "ma11ory",
        "mal1ory",
        "rna1lory",
        "m\u{430}llory",
    ];
    let tries = names.iter().enumerate().map(|(i, name)| {
        let (base, name) = (app.base.clone(), name.to_string());
        tokio::spawn(async move {
            let b = browser();
            let html = b
                .get(format!("{base}/signup"))
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            let csrf = hidden(&html, "csrf");
            b.post(format!("{base}/signup"))
                .form(&[
                    ("csrf", csrf.as_str()),
                    ("email", &format!("m{i}@example.net")),
                    ("username", &name),
                    ("password", PASSWORD),
                    ("terms", "on"),
                ])
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        })
    });
    let statuses: Vec<u16> = join_all(tries).await;
    let users = app.state.store().list_users().await.unwrap();
    let made: HashSet<&str> = users.iter().map(|u| u.username.as_str()).collect();
    assert_eq!(made.len(), 1, "{made:?} {statuses:?}");
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
}

/// `lanyard user add` refuses a look-alike like a taken name or address.
async fn lanyard_user_add_refuses_lookalikes(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.add_user("paypal").await;
    let (dir, db, issuer) = (app.data_dir(), app.db_url(), app.base.clone());
    let add = |email: String, username: &'static str| {
        let (dir, db, issuer) = (dir.clone(), db.clone(), issuer.clone());
        tokio::task::spawn_blocking(move || {
            let args = ["user", "add", "--email", &email, "--username", username];
            crate::cli::lanyard(&dir, &db, &issuer, &args, None)
        })
    };
    for (email, username) in [
        ("someone@example.org".to_string(), "paypa1"),
        (format!("{PAYPAL_CYRILLIC}@example.com"), "someone"),
    ] {
        let (ok, _, err) = add(email, username).await.unwrap();
        assert!(!ok, "{username} was added");
        assert!(err.contains("already exists"), "{err}");
    }
    let (ok, _, err) = add("someone@example.org".into(), "someone").await.unwrap();
    assert!(ok, "{err}");
}

// ---- recent authentication ----

/// Moves the sign-ins (and confirmations) of every session 10 minutes back.
async fn age_sessions(app: &TestApp) {
    exec_sql(
        app,
        "UPDATE sessions SET auth_time = auth_time - 600, reauth_at = reauth_at - 600",
    )
    .await;
}

async fn post_settings(app: &TestApp, b: &reqwest::Client, path: &str) -> reqwest::Response {
    let (_, csrf) = form_page(b, &app.url("/settings")).await;
    b.post(app.url(path))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap()
}

async fn reauth(app: &TestApp, b: &reqwest::Client, password: &str) -> reqwest::Response {
    reauth_with_code(app, b, password, None).await
}

/// "Confirm it's you" with the password and, for a two-step account, a code.
async fn reauth_with_code(
    app: &TestApp,
    b: &reqwest::Client,
    password: &str,
    code: Option<&str>,
) -> reqwest::Response {
    let r = b
        .get(app.url("/reauth?next=/settings"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains("Confirm it&#39;s you") || html.contains("Confirm it's you"));
    assert!(html.contains(">Password</label>"), "{html}");
    assert_eq!(html.contains(">Code</label>"), code.is_some(), "{html}");
    let mut form = vec![
        ("csrf", hidden(&html, "csrf")),
        ("next", hidden(&html, "next")),
        ("password", password.to_string()),
    ];
    if let Some(code) = code {
        form.push(("code", code.to_string()));
    }
    b.post(app.url("/reauth")).form(&form).send().await.unwrap()
}

fn recovery_codes(html: &str) -> Vec<String> {
    html.split("<li><code>")
        .skip(1)
        .map(|s| s.split('<').next().unwrap().to_string())
        .collect()
}

async fn sensitive_settings_need_a_recent_sign_in(backend: Backend) {
    use lanyard::{auth::totp, oidc::now};
    let app = TestApp::start(backend).await;
    app.add_user("rita").await;
    let b = browser();
    post_login(&app, &b, "rita", PASSWORD).await;
    age_sessions(&app).await;

    // A session signed in 10 minutes ago cannot turn two-step verification on.
    let r = post_settings(&app, &b, "/settings/two-step/setup").await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/reauth?next=%2Fsettings");
    assert_eq!(reauth(&app, &b, "not the password").await.status(), 401);
    let r = post_settings(&app, &b, "/settings/two-step/setup").await;
    assert_eq!(r.status(), 303, "a wrong password is no confirmation");
    let r = reauth(&app, &b, PASSWORD).await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/settings");

    // Confirmed just now: it works.
    let r = post_settings(&app, &b, "/settings/two-step/setup").await;
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    let b32 = html
        .split("aria-label=\"Secret key\">")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap();
    let secret = totp_rs::Secret::try_from_base32(b32.trim())
        .unwrap()
        .as_bytes()
        .to_vec();
    let verify = |code: String| {
        let b = b.clone();
        let url = app.url("/settings/two-step/verify");
        let settings = app.url("/settings");
        async move {
            let (_, csrf) = form_page(&b, &settings).await;
            b.post(url)
                .form(&[("csrf", csrf), ("code", code)])
                .send()
                .await
                .unwrap()
        }
    };
    let r = verify(totp::code_at(&secret, now())).await;
    assert_eq!(r.status(), 200);
    let first = recovery_codes(&r.text().await.unwrap());
    assert_eq!(first.len(), 10);

    // New recovery codes, 10 minutes later: confirm first, with the second factor
    // too (the password alone, phished or known, must not replace the codes).
    age_sessions(&app).await;
    let r = post_settings(&app, &b, "/settings/two-step/codes").await;
    assert_eq!(location(&r), "/reauth?next=%2Fsettings");
    let r = reauth_with_code(&app, &b, PASSWORD, Some("000000")).await;
    assert_eq!(r.status(), 401);
    let r = post_settings(&app, &b, "/settings/two-step/codes").await;
    assert_eq!(
        location(&r),
        "/reauth?next=%2Fsettings",
        "a wrong code passed"
    );
    let r = reauth_with_code(&app, &b, PASSWORD, Some(&first[0])).await;
    assert_eq!(r.status(), 303);
    let r = post_settings(&app, &b, "/settings/two-step/codes").await;
    assert_eq!(r.status(), 200);
    let second = recovery_codes(&r.text().await.unwrap());
    assert_eq!(second.len(), 10);
    assert!(first.iter().all(|c| !second.contains(c)));
}

/// Turning on two-step verification with a stale session is refused even at the
/// "Verify" step (a stolen session cannot finish an enrollment started earlier).
#[tokio::test]
async fn two_step_verify_needs_a_recent_sign_in_too() {
    let app = TestApp::start(Backend::Sqlite).await;
    app.add_user("sam").await;
    let b = browser();
    post_login(&app, &b, "sam", PASSWORD).await;
    assert_eq!(
        post_settings(&app, &b, "/settings/two-step/setup")
            .await
            .status(),
        200
    );
    age_sessions(&app).await;
    let (_, csrf) = form_page(&b, &app.url("/settings")).await;
    let r = b
        .post(app.url("/settings/two-step/verify"))
        .form(&[("csrf", csrf.as_str()), ("code", "123456")])
        .send()
        .await
        .unwrap();
    assert_eq!(location(&r), "/reauth?next=%2Fsettings");
    let user = app
        .state
        .store()
        .user_by_login("sam")
        .await
        .unwrap()
        .unwrap();
    assert!(!user.two_step());
}

/// An account without a password (it signs in through an upstream) changes its
/// email only after a recent sign-in there: "Continue with NAME" on the
/// "Confirm it's you" page goes through the upstream again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn upstream_only_account_confirms_through_its_upstream() {
    use crate::federation::{pair, via_upstream};
    let (a, b) = pair(Backend::Sqlite, |_, _| vec![]).await;
    let br = browser();
    let back = via_upstream(&a, &b, &br, "/federate/google").await;
    assert_eq!(br.get(&back).send().await.unwrap().status(), 303);
    let user = a.state.store().list_users().await.unwrap().remove(0);
    assert!(user.password_hash.is_none());
    a.state
        .store()
        .set_onboarded(&user.id, lanyard::oidc::now())
        .await
        .unwrap();
    age_sessions(&a).await;

    let change = || async {
        let (_, csrf) = form_page(&br, &a.url("/settings")).await;
        br.post(a.url("/settings/email"))
            .form(&[("csrf", csrf.as_str()), ("email", "gus@elsewhere.example")])
            .send()
            .await
            .unwrap()
    };
    let r = change().await;
    assert_eq!(location(&r), "/reauth?next=%2Fsettings");
    let html = br
        .get(a.url("/reauth?next=/settings"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Continue with"), "{html}");
    assert!(!html.contains(">Password</label>"), "{html}");
    assert_eq!(count(&a, LINKS_TO, "gus@elsewhere.example").await, 0);

    // A fresh sign-in through the upstream, back to Settings: now it goes through.
    let back = via_upstream(&a, &b, &br, "/federate/google?next=/settings").await;
    let r = br.get(&back).send().await.unwrap();
    assert_eq!(location(&r), "/settings");
    assert_eq!(location(&change().await), "/settings?done=email");
    assert_eq!(count(&a, LINKS_TO, "gus@elsewhere.example").await, 1);
}
