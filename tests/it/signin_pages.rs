//! Issue 13 §4, the sign-in pages over HTTP: the captcha's bounded puzzle and its
//! widget's words, one-click confirmation and "Resend", error pages in plain words
//! with a way forward, links that keep the pending request, "Add a new account"
//! and sign-out with "Cancel", the team page's heading, the two-step setup's link
//! and the recovery codes' download, and log lines without colour codes. (The
//! captcha's progress and one-click confirmation in a real browser: browser.rs.)

use crate::{
    common::*,
    errors::{auth_url, pkce},
    on_both_backends,
};
use lanyard::config::CaptchaConfig;
use serde_json::Value;

on_both_backends!(
    the_puzzle_grows_only_to_what_a_slow_phone_solves,
    confirming_in_the_browser_that_signed_up_signs_in,
    confirming_elsewhere_fills_in_the_sign_in_form,
    resend_gives_one_answer_for_every_address,
    an_expired_request_says_so_and_leads_back_to_the_app,
    two_step_setup_links_and_recovery_codes_download,
    an_expired_form_keeps_what_was_typed,
);

/// An app whose name and address the pages can show.
fn named_webapp(c: &mut lanyard::config::Config) {
    let web = c.clients.iter_mut().find(|c| c.id == "webapp").unwrap();
    web.name = Some("Web App".into());
    web.client_uri = Some("https://webapp.example/".into());
}

async fn text(r: reqwest::Response) -> (u16, String) {
    (r.status().as_u16(), r.text().await.unwrap())
}

/// Signs up in browser `b` from `path` (the signup page, with its `next`); returns
/// the "Check your email" page.
async fn sign_up(app: &TestApp, b: &reqwest::Client, path: &str, who: &str) -> String {
    let (html, csrf) = form_page(b, &app.url(path)).await;
    let email = format!("{who}@example.com");
    let r = b
        .post(app.url("/signup"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("next", &hidden(&html, "next")),
            ("email", &email),
            ("username", who),
            ("password", "a fine long password"),
            ("terms", "on"),
        ])
        .send()
        .await
        .unwrap();
    let (status, html) = text(r).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Check your email"), "{html}");
    html
}

/// Opens a confirmation link in `b` and presses "Confirm email".
async fn press_confirm(app: &TestApp, b: &reqwest::Client, link: &str) -> reqwest::Response {
    let (html, csrf) = form_page(b, link).await;
    assert!(html.contains("Confirm email"), "{html}");
    b.post(app.url("/confirm"))
        .form(&[
            ("csrf", csrf),
            ("token", hidden(&html, "token")),
            ("next", hidden(&html, "next")),
        ])
        .send()
        .await
        .unwrap()
}

/// A pending authorization request of `b` for webapp (`extra` parameters): its
/// `uid`.
async fn pending_request(app: &TestApp, b: &reqwest::Client, extra: &str) -> String {
    let r = b
        .get(auth_url(app, "webapp", Some(&pkce()), extra))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let to = absolute(&app.base, &location(&r));
    assert!(to.contains("/login?uid="), "{to}");
    query_param(&to, "uid").unwrap()
}

async fn the_puzzle_grows_only_to_what_a_slow_phone_solves(backend: Backend) {
    let app = TestApp::start(backend).await;
    let b = browser();
    let mut seen = Vec::new();
    for _ in 0..50 {
        let ch: Value = b
            .get(app.url("/captcha/challenge"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        seen.push(ch["maxnumber"].as_u64().unwrap());
    }
    assert_eq!(seen[0], 100_000);
    assert_eq!(seen[15], 200_000, "it still grows: {seen:?}");
    let max = CaptchaConfig::SLOW_PHONE_MAX;
    assert!(seen.iter().all(|m| *m <= max), "{seen:?}");
    assert_eq!(*seen.last().unwrap(), max, "16x is capped: {seen:?}");

    // The widget's words are the page's language, for the script to use.
    let html = b
        .get(app.url("/recover"))
        .header("accept-language", "de")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for attr in [
        "data-checking=\"Wird geprüft…\"",
        "data-checking-progress=\"Wird geprüft… {pct} %\"",
        "data-wait=\"Das Formular wird gesendet",
        "data-tick-first=\"Setzen Sie zuerst",
    ] {
        assert!(html.contains(attr), "{attr} in {html}");
    }
    assert!(html.contains("<progress max=\"100\""), "{html}");
}

/// Signup from an app's sign-in page; the link opened in the same browser: one
/// press of "Confirm email" signs in and goes on to the app, with a code.
async fn confirming_in_the_browser_that_signed_up_signs_in(backend: Backend) {
    let app = TestApp::start_with(backend, |c| c.onboarding.enabled = false).await;
    let b = browser();
    let uid = pending_request(&app, &b, "").await;
    let (login, _) = form_page(&b, &app.url(&format!("/login?uid={uid}"))).await;
    let signup = format!("/signup?next=%2Fauthorize%2Fresume%3Fuid%3D{uid}");
    assert!(login.contains(&signup.replace('&', "&#38;")), "{login}");
    // The signup page's "Sign in" keeps the request.
    let (page, _) = form_page(&b, &app.url(&signup)).await;
    assert!(
        page.contains(&format!("href=\"/login?uid={uid}&#38;next=\"")),
        "{page}"
    );
    sign_up(&app, &b, &signup, "olga").await;
    let mail = app
        .wait_mail("olga@example.com", "Confirm your email", 1)
        .await;
    let link = mail.link(&app.base);

    // A mail scanner's GET changes nothing.
    let scanner = browser();
    let (html, _) = form_page(&scanner, &link).await;
    assert!(html.contains("Confirm email"));
    let olga = app.state.store().user_by_login("olga").await.unwrap();
    assert!(!olga.unwrap().email_verified);

    let r = press_confirm(&app, &b, &link).await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), format!("/authorize/resume?uid={uid}"));
    let r = b.get(app.url(&location(&r))).send().await.unwrap();
    assert_eq!(r.status(), 303);
    let back = location(&r);
    assert!(back.starts_with(REDIRECT), "{back}");
    assert!(query_param(&back, "code").is_some(), "{back}");
    assert_eq!(query_param(&back, "state").as_deref(), Some("xyz"));
    // Signed in for good: home shows the account.
    let (_, home) = text(b.get(app.url("/")).send().await.unwrap()).await;
    assert!(home.contains("olga@example.com"), "{home}");
    // The link is spent.
    assert_eq!(press_confirm(&app, &b, &link).await.status(), 400);
}

/// The link opened in another browser confirms and leads to the sign-in form with
/// the username filled in (sealed: nothing in the URL can fake it).
async fn confirming_elsewhere_fills_in_the_sign_in_form(backend: Backend) {
    let app = TestApp::start(backend).await;
    let phone = browser();
    sign_up(&app, &phone, "/signup?next=%2Fteams", "pia").await;
    let link = app
        .wait_mail("pia@example.com", "Confirm your email", 1)
        .await
        .link(&app.base);
    let laptop = browser();
    let r = press_confirm(&app, &laptop, &link).await;
    assert_eq!(r.status(), 303);
    let to = location(&r);
    assert!(to.starts_with("/login?"), "{to}");
    assert_eq!(
        query_param(&absolute(&app.base, &to), "next").as_deref(),
        Some("/teams")
    );
    assert!(
        app.state
            .store()
            .user_by_login("pia")
            .await
            .unwrap()
            .unwrap()
            .email_verified
    );
    let (_, form) = text(laptop.get(app.url(&to)).send().await.unwrap()).await;
    assert!(
        form.contains("Your email is confirmed. Sign in to continue."),
        "{form}"
    );
    assert!(form.contains("value=\"pia\""), "{form}");
    // No session in the laptop until the password.
    let (_, home) = text(laptop.get(app.url("/")).send().await.unwrap()).await;
    assert!(!home.contains("pia@example.com"));
    // A made-up "confirmed" says nothing and fills in nothing.
    let (_, forged) = text(
        laptop
            .get(app.url("/login?confirmed=pia"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(!forged.contains("Your email is confirmed"), "{forged}");
    // Signing in: onboarding, then on to /teams.
    let r = laptop
        .post(app.url("/login"))
        .form(&[
            ("csrf", hidden(&form, "csrf")),
            ("next", hidden(&form, "next")),
            ("identifier", "pia".into()),
            ("password", "a fine long password".into()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert!(
        location(&r).starts_with("/onboarding/profile"),
        "{}",
        location(&r)
    );
    assert!(location(&r).contains("next=%2Fteams"), "{}", location(&r));
}

/// "Resend" on "Check your email": a new link for an address waiting to be
/// confirmed; the same page for an address with a confirmed account (and no
/// mail); limited per address.
async fn resend_gives_one_answer_for_every_address(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.stop_throttle_clock();
    app.add_user("quinn").await;
    let b = browser();
    let new = sign_up(&app, &b, "/signup", "rhea").await;
    let taken = {
        let (html, csrf) = form_page(&b, &app.url("/signup")).await;
        let _ = html;
        let r = b
            .post(app.url("/signup"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("email", "quinn@example.com"),
                ("username", "quinn2"),
                ("password", "a fine long password"),
                ("terms", "on"),
            ])
            .send()
            .await
            .unwrap();
        text(r).await.1
    };
    assert!(new.contains(">Resend</button>"), "{new}");
    let resend = |html: String| {
        let b = b.clone();
        let url = app.url("/confirm/resend");
        async move {
            let r = b
                .post(url)
                .form(&[
                    ("csrf", hidden(&html, "csrf")),
                    ("address", hidden(&html, "address")),
                ])
                .send()
                .await
                .unwrap();
            text(r).await
        }
    };
    let (s1, again_new) = resend(new.clone()).await;
    let (s2, again_taken) = resend(taken.clone()).await;
    assert_eq!((s1, s2), (200, 200));
    let same = |html: &str, email: &str| {
        html.lines()
            .filter(|l| !l.contains("name=\"csrf\"") && !l.contains("name=\"address\""))
            .collect::<Vec<_>>()
            .join("\n")
            .replace(email, "EMAIL")
    };
    assert_eq!(
        same(&again_new, "rhea@example.com"),
        same(&again_taken, "quinn@example.com")
    );
    assert!(
        again_new
            .contains("If rhea@example.com is waiting to be confirmed, we sent it a new link."),
        "{again_new}"
    );
    let second = app
        .wait_mail("rhea@example.com", "Confirm your email", 2)
        .await;
    // The newer link replaced the first one and works.
    assert!(second.text.contains("/confirm?token="));
    assert!(
        app.mails_to("quinn@example.com")
            .iter()
            .all(|m| !m.subject.contains("Confirm your email")),
        "a confirmed account gets no link"
    );
    // Per address: the allowance runs out, for an address with an account or not.
    let mut last = 200;
    for _ in 0..10 {
        last = resend(again_new.clone()).await.0;
        if last == 429 {
            break;
        }
    }
    assert_eq!(last, 429);
    // A sealed address from elsewhere (or expired) opens nothing.
    let r = b
        .post(app.url("/confirm/resend"))
        .form(&[
            ("csrf", hidden(&new, "csrf")),
            ("address", "rhea@example.com".into()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
}

/// An /authorize request that cannot go back to its app: plain words, the
/// technical detail folded away, and the way back to the app when it has an
/// address.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn authorize_errors_are_plain_words_with_the_detail_folded_away() {
    let app = TestApp::start_with(Backend::Sqlite, named_webapp).await;
    let b = browser();
    let evil = auth_url(&app, "webapp", Some(&pkce()), "").replace(
        &crate::e2e::urlencode(REDIRECT),
        &crate::e2e::urlencode("https://evil.example/cb"),
    );
    let (s, html) = text(b.get(&evil).send().await.unwrap()).await;
    assert_eq!(s, 400);
    assert!(html.contains("This sign-in link is not valid"), "{html}");
    assert!(
        html.contains("gave an address to come back to that Lanyard does not know"),
        "{html}"
    );
    let details = &html[html.find("<details").expect("a details block")..];
    assert!(details.contains("Details for developers"), "{html}");
    assert!(details.contains("is not registered"), "{html}");
    let plain = &html[..html.find("<details").unwrap()];
    assert!(!plain.contains("redirect_uri"), "{plain}");
    assert!(
        html.contains("<a href=\"https://webapp.example/\">Back to Web App</a>"),
        "{html}"
    );

    // An unknown app: no way back to it, only home.
    let (s, html) = text(
        b.get(auth_url(&app, "nobody", Some(&pkce()), ""))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 400);
    assert!(html.contains("is not known to Lanyard"), "{html}");
    assert!(!html.contains("Back to"), "{html}");
    assert!(html.contains("Go to your account"), "{html}");

    // The same in German.
    let (_, html) = text(
        b.get(&evil)
            .header("accept-language", "de")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(html.contains("Dieser Anmeldelink ist ungültig"), "{html}");
    assert!(html.contains("Zurück zu Web App"), "{html}");

    // A broken sign-out link: plain words, the detail folded away.
    let (s, html) = text(
        b.get(app.url(
            "/logout?client_id=webapp&post_logout_redirect_uri=https%3A%2F%2Fevil.example%2F",
        ))
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(s, 400);
    assert!(html.contains("This sign-out link is not valid"), "{html}");
    assert!(html.contains("<details"), "{html}");
}

/// The browser that started a request hears that it expired, and gets the way
/// back to the app; another browser gets the one answer for gone and foreign.
async fn an_expired_request_says_so_and_leads_back_to_the_app(backend: Backend) {
    let app = TestApp::start_with(backend, named_webapp).await;
    let b = browser();
    let uid = pending_request(&app, &b, "").await;
    exec_sql(
        &app,
        "UPDATE interactions SET expires_at = expires_at - 7200",
    )
    .await;
    let login = app.url(&format!("/login?uid={uid}"));
    let (s, html) = text(b.get(&login).send().await.unwrap()).await;
    assert_eq!(s, 400);
    assert!(html.contains("This sign-in request has expired"), "{html}");
    assert!(
        html.contains("<a href=\"https://webapp.example/\">Back to Web App</a>"),
        "{html}"
    );
    let (s, resume) = text(
        b.get(app.url(&format!("/authorize/resume?uid={uid}")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 400);
    assert!(
        resume.contains("This sign-in request has expired"),
        "{resume}"
    );

    let stranger = browser();
    let (s, html) = text(stranger.get(&login).send().await.unwrap()).await;
    assert_eq!(s, 400);
    assert!(
        html.contains("started in another browser or has expired"),
        "{html}"
    );
    assert!(!html.contains("This sign-in request has expired"), "{html}");
    assert!(!html.contains("Web App"), "{html}");
}

/// Every link between the sign-in pages keeps the pending request.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn links_between_sign_in_pages_keep_the_request() {
    let app = TestApp::start(Backend::Sqlite).await;
    let b = browser();
    let uid = pending_request(&app, &b, "").await;
    let (login, _) = form_page(&b, &app.url(&format!("/login?uid={uid}"))).await;
    let recover = format!("/recover?uid={uid}&#38;next=");
    assert!(login.contains(&format!("href=\"{recover}\"")), "{login}");
    let (page, csrf) = form_page(&b, &app.url(&recover.replace("&#38;", "&"))).await;
    let back = format!("href=\"/login?uid={uid}&#38;next=\"");
    assert!(page.contains(&back), "{page}");
    assert_eq!(hidden(&page, "uid"), uid);
    // A refused address keeps it; so does the answer.
    let (_, refused) = text(
        b.post(app.url("/recover"))
            .form(&[("csrf", csrf.as_str()), ("uid", &uid), ("email", "nope")])
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(refused.contains(&back), "{refused}");

    // "Confirm your email first" and its "Resend" keep it too.
    sign_up(
        &app,
        &b,
        &format!("/signup?next=%2Fauthorize%2Fresume%3Fuid%3D{uid}"),
        "sam",
    )
    .await;
    let (_, csrf) = form_page(&b, &app.url(&format!("/login?uid={uid}"))).await;
    let (s, first) = text(
        b.post(app.url("/login"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("uid", &uid),
                ("identifier", "sam"),
                ("password", "a fine long password"),
            ])
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 403);
    assert!(first.contains("Confirm your email first"), "{first}");
    assert_eq!(
        hidden(&first, "next"),
        format!("/authorize/resume?uid={uid}")
    );
    assert!(first.contains(&back), "{first}");
    let (s, sent) = text(
        b.post(app.url("/confirm/resend"))
            .form(&[
                ("csrf", hidden(&first, "csrf")),
                ("pending", hidden(&first, "pending")),
                ("next", hidden(&first, "next")),
            ])
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 200);
    assert!(sent.contains(&back), "{sent}");
    let mail = app
        .wait_mail("sam@example.com", "Confirm your email", 2)
        .await;
    assert!(
        mail.text.contains("next=%2Fauthorize%2Fresume%3Fuid%3D"),
        "{}",
        mail.text
    );

    // A dead reset link leads to asking for a new one.
    let (s, html) = text(b.get(app.url("/reset?token=nope")).send().await.unwrap()).await;
    if s == 400 {
        assert!(
            html.contains("<a href=\"/recover\">Ask for a new link</a>"),
            "{html}"
        );
    } else {
        // The page asks first; the POST finds the link dead.
        let r = b
            .post(app.url("/reset"))
            .form(&[
                ("csrf", hidden(&html, "csrf")),
                ("token", "nope".into()),
                ("password", "another long password".into()),
            ])
            .send()
            .await
            .unwrap();
        let (s, html) = text(r).await;
        assert_eq!(s, 400);
        assert!(
            html.contains("<a href=\"/recover\">Ask for a new link</a>"),
            "{html}"
        );
    }
}

/// "Add a new account" says who is signed in and has "Cancel"; so does the
/// sign-out confirmation; a team's "Invite people" form has its own heading.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn add_account_and_sign_out_can_be_cancelled() {
    let app = TestApp::start_with(Backend::Sqlite, named_webapp).await;
    app.add_user("tess").await;
    let b = browser();
    assert_eq!(post_login(&app, &b, "tess", PASSWORD).await.status(), 303);
    let (_, add) = text(b.get(app.url("/login?add=1")).send().await.unwrap()).await;
    assert!(
        add.contains(
            "You are signed in as <strong>tess@example.com</strong>. Sign in to another account"
        ),
        "{add}"
    );
    assert!(add.contains("<a href=\"/\">Cancel</a>"), "{add}");
    assert!(add.contains("name=\"add\" value=\"1\""), "{add}");
    // A wrong password keeps the context.
    let r = b
        .post(app.url("/login"))
        .form(&[
            ("csrf", hidden(&add, "csrf")),
            ("add", "1".into()),
            ("identifier", "nobody".into()),
            ("password", "wrong password".into()),
        ])
        .send()
        .await
        .unwrap();
    let (s, again) = text(r).await;
    assert_eq!(s, 401);
    assert!(again.contains("You are signed in as"), "{again}");
    // From the chooser of a request, "Cancel" goes back to it.
    let uid = pending_request(&app, &b, "&prompt=login").await;
    let (_, add) = text(
        b.get(app.url(&format!("/login?uid={uid}&add=1")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(
        add.contains(&format!("<a href=\"/accounts?uid={uid}\">Cancel</a>")),
        "{add}"
    );
    // Signed out: no context, no Cancel.
    let (_, plain) = text(browser().get(app.url("/login?add=1")).send().await.unwrap()).await;
    assert!(!plain.contains("You are signed in as") && !plain.contains(">Cancel<"));

    // The sign-out confirmation: Cancel goes back to the app.
    let (_, logout) = text(
        b.get(app.url("/logout?client_id=webapp"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(logout.contains("Sign out?"), "{logout}");
    assert!(
        logout.contains("<a href=\"https://webapp.example/\">Cancel</a>"),
        "{logout}"
    );
    let (_, logout) = text(b.get(app.url("/logout")).send().await.unwrap()).await;
    assert!(logout.contains("<a href=\"/\">Cancel</a>"), "{logout}");

    // A team page: "Add members" above the "Invite people" field.
    let (teams, csrf) = form_page(&b, &app.url("/teams")).await;
    let _ = teams;
    let r = b
        .post(app.url("/teams"))
        .form(&[("csrf", csrf.as_str()), ("team", "Kites"), ("invites", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let (_, team) = text(b.get(app.url(&location(&r))).send().await.unwrap()).await;
    assert!(team.contains("<h2>Add members</h2>"), "{team}");
    assert!(team.contains(">Invite people</label>"), "{team}");
    assert!(!team.contains("<h2>Invite people</h2>"), "{team}");
}

/// The setup page's `otpauth://` link is a link; the recovery codes download as a
/// text file (the "Copy" buttons appear only with script).
async fn two_step_setup_links_and_recovery_codes_download(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.add_user("uli").await;
    let b = browser();
    assert_eq!(post_login(&app, &b, "uli", PASSWORD).await.status(), 303);
    let (_, csrf) = form_page(&b, &app.url("/settings")).await;
    let (s, setup) = text(
        b.post(app.url("/settings/two-step/setup"))
            .form(&[("csrf", csrf.as_str())])
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 200, "{setup}");
    assert!(
        setup.contains("<a class=\"otpauth\" href=\"otpauth://totp/"),
        "{setup}"
    );
    assert!(
        setup.contains("data-copy=\"two-step-secret\"") && setup.contains("hidden>Copy</button>"),
        "{setup}"
    );
    assert!(setup.contains("/static/js/copy.js"), "{setup}");
    let start = setup.find("id=\"two-step-secret\"").unwrap();
    let secret = &setup[start..];
    let secret = &secret[secret.find('>').unwrap() + 1..secret.find("</code>").unwrap()];
    let secret = totp_rs::Secret::try_from_base32(secret.trim())
        .unwrap()
        .as_bytes()
        .to_vec();
    let code = lanyard::auth::totp::code_at(&secret, lanyard::oidc::now());
    let (s, codes_page) = text(
        b.post(app.url("/settings/two-step/verify"))
            .form(&[("csrf", csrf.as_str()), ("code", &code)])
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 200, "{codes_page}");
    let codes = hidden(&codes_page, "codes");
    assert_eq!(codes.split(' ').count(), 10, "{codes}");
    assert!(codes_page.contains(">Download</button>"), "{codes_page}");
    let csrf = hidden(&codes_page, "csrf");
    let r = b
        .post(app.url("/settings/two-step/codes.txt"))
        .form(&[("csrf", csrf.as_str()), ("codes", &codes)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let h = r.headers().clone();
    assert_eq!(h["content-type"], "text/plain; charset=utf-8");
    assert_eq!(
        h["content-disposition"],
        "attachment; filename=\"recovery-codes.txt\""
    );
    assert_eq!(h["cache-control"], "no-store");
    let file = r.text().await.unwrap();
    assert!(
        file.starts_with("Lanyard recovery codes for uli@example.com\r\n"),
        "{file}"
    );
    for c in codes.split(' ') {
        assert!(file.contains(&format!("\r\n{c}\r\n")), "{c} in {file}");
    }
    // Only what looks like a recovery code is written.
    let r = b
        .post(app.url("/settings/two-step/codes.txt"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("codes", "<script>alert(1)</script>"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    // Signed out, or without the CSRF token: nothing.
    let r = browser()
        .post(app.url("/settings/two-step/codes.txt"))
        .form(&[("csrf", csrf.as_str()), ("codes", &codes)])
        .send()
        .await
        .unwrap();
    assert_ne!(r.status(), 200);
    let r = b
        .post(app.url("/settings/two-step/codes.txt"))
        .form(&[("codes", &codes)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
}

/// The first log line of `lanyard serve` with stderr going to a pipe (as to a
/// file), with `[log] format` from the environment.
fn first_log_line(format: Option<&str>) -> String {
    use std::io::BufRead;
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_lanyard"));
    cmd.arg("serve")
        .env("LANYARD_LISTEN", "127.0.0.1:0")
        .env("LANYARD_ISSUER", "http://127.0.0.1:1")
        .env("LANYARD_DATA_DIR", dir.path())
        .env("RUST_LOG", "info")
        .env_remove("LANYARD_CONFIG")
        .env_remove("LANYARD_LOG__FORMAT")
        .current_dir(dir.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped());
    if let Some(f) = format {
        cmd.env("LANYARD_LOG__FORMAT", f);
    }
    let mut child = cmd.spawn().unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let line = loop {
        match rx.recv_timeout(std::time::Duration::from_secs(30)) {
            Ok(l) if l.contains("is serving") => break l,
            Ok(_) => {}
            Err(e) => {
                let _ = child.kill();
                panic!("no serving line: {e}");
            }
        }
    };
    let _ = child.kill();
    let _ = child.wait();
    line
}

#[test]
fn log_lines_have_no_colour_codes_off_a_terminal_and_can_be_json() {
    let text = first_log_line(None);
    assert!(!text.contains('\u{1b}'), "colour codes in {text:?}");
    assert!(text.contains("INFO"), "{text}");
    let json = first_log_line(Some("json"));
    let v: Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
    assert_eq!(v["level"], "INFO", "{json}");
    assert_eq!(v["fields"]["message"], "Lanyard is serving", "{json}");
    // A format that does not exist stops the start, naming the key.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lanyard"))
        .arg("check")
        .env("LANYARD_LOG__FORMAT", "xml")
        .env_remove("LANYARD_CONFIG")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("log") && err.contains("format"), "{err}");
}

/// A form sent from this site's page after the browser lost its CSRF cookie keeps
/// what was typed (secrets are asked for again, never echoed), and sending it again
/// works; the same form from another site gets the plain refusal and echoes nothing.
async fn an_expired_form_keeps_what_was_typed(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.add_user("kim").await;
    let b = browser();
    let typed = [
        ("csrf", "a-token-of-a-lost-cookie"),
        ("identifier", "kim"),
        ("password", PASSWORD),
        ("remember", "on"),
    ];
    let post = |site: &'static str| {
        b.post(app.url("/login"))
            .header("sec-fetch-site", site)
            .form(&typed)
    };
    // From another site: refused, nothing of the form in the answer.
    let (status, html) = text(post("cross-site").send().await.unwrap()).await;
    assert_eq!(status, 403);
    assert!(html.contains("This form expired"), "{html}");
    assert!(!html.contains("value=\"kim\""), "{html}");

    // From this site's page: the form again, with what was typed but the password.
    let (status, html) = text(post("same-origin").send().await.unwrap()).await;
    assert_eq!(status, 403);
    assert!(html.contains("Send that again?"), "{html}");
    assert_eq!(hidden(&html, "identifier"), "kim");
    assert_eq!(hidden(&html, "remember"), "on");
    assert!(
        !html.contains(PASSWORD),
        "a password is never echoed: {html}"
    );
    assert!(
        html.contains("<label for=\"again-password\">Password</label>"),
        "{html}"
    );
    let csrf = hidden(&html, "csrf");
    assert_ne!(csrf, "a-token-of-a-lost-cookie");
    // "Send again", with the password typed again: signed in.
    let r = b
        .post(app.url("/login"))
        .header("sec-fetch-site", "same-origin")
        .form(&[
            ("csrf", csrf.as_str()),
            ("identifier", "kim"),
            ("remember", "on"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let home = b.get(app.url("/")).send().await.unwrap();
    assert_eq!(home.status(), 200, "signed in");
}
