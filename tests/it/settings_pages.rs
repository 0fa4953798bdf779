//! `/settings` over HTTP: password change, ending sessions, and the profile form
//! (name and photo), on both databases (issue 19, holes to fill).

use crate::common::*;
use crate::errors::{code_for, pkce, redeem, token_request};

crate::on_both_backends!(
    password_change_checks_and_ends_other_sessions,
    ending_another_session_and_the_current_one,
    profile_name_and_photo,
);

/// Whether `b` still has a session: `/settings` shows the page, or sends to sign-in.
async fn has_session(app: &TestApp, b: &reqwest::Client) -> bool {
    let r = b.get(app.url("/settings")).send().await.unwrap();
    match r.status().as_u16() {
        200 => true,
        303 => {
            assert!(location(&r).starts_with("/login"), "{}", location(&r));
            false
        }
        s => panic!("GET /settings: {s}"),
    }
}

async fn post_password(
    app: &TestApp,
    b: &reqwest::Client,
    current: &str,
    new: &str,
) -> (u16, String, Option<String>) {
    let (_, csrf) = form_page(b, &app.url("/settings")).await;
    let r = b
        .post(app.url("/settings/password"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("current", current),
            ("password", new),
        ])
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let to = r
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string());
    (status, r.text().await.unwrap(), to)
}

async fn password_hash(app: &TestApp, username: &str) -> Option<String> {
    let u = app.state.store().user_by_login(username).await.unwrap();
    u.unwrap().password_hash
}

/// Wrong current password and weak new ones change nothing; a good change keeps
/// this session, ends the others and every refresh token, and mails the owner.
async fn password_change_checks_and_ends_other_sessions(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.add_user("alice").await;
    app.add_user("bob").await;
    let here = signed_in(&app, "alice").await;
    let elsewhere = signed_in(&app, "alice").await;
    let bobs = signed_in(&app, "bob").await;
    // An app holds alice's refresh token (and the grant's access token).
    let p = pkce();
    let code = code_for(&app, &browser(), "webapp", Some(&p), "alice").await;
    let (s, tokens) = redeem(&app, &code, &p).await;
    assert_eq!(s, 200, "{tokens}");
    let before = password_hash(&app, "alice").await;

    let (s, html, _) = post_password(&app, &here, "not my password", "a fine new passphrase").await;
    assert_eq!(s, 400);
    assert!(
        html.contains("The current password is not right."),
        "{html}"
    );
    let (s, html, _) = post_password(&app, &here, PASSWORD, "short").await;
    assert_eq!(s, 400);
    assert!(html.contains("Use at least 8 characters."), "{html}");
    let (s, html, _) = post_password(&app, &here, PASSWORD, "alice@example.com").await;
    assert_eq!(s, 400);
    assert!(
        html.contains("Do not use your username or email as your password."),
        "{html}"
    );
    assert_eq!(password_hash(&app, "alice").await, before, "changed anyway");
    assert!(
        has_session(&app, &elsewhere).await,
        "a refused change ended a session"
    );
    let changed = |m: &Mail| m.subject.contains("password was changed");
    assert!(!app.mails_to("alice@example.com").iter().any(changed));

    let new = "a fine new passphrase";
    let (s, body, to) = post_password(&app, &here, PASSWORD, new).await;
    assert_eq!(s, 303, "{body}");
    assert_eq!(to.as_deref(), Some("/settings?done=password"));
    let html = here
        .get(app.url("/settings?done=password"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("Your password is changed. Your other sessions were signed out."),
        "{html}"
    );
    assert!(
        !has_session(&app, &elsewhere).await,
        "the other session lives on"
    );
    assert!(
        has_session(&app, &bobs).await,
        "bob's session was ended too"
    );
    // Refresh token and access token of the grant are dead.
    let (s, v, _) = token_request(
        &app,
        "webapp",
        Some(SECRET),
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", tokens["refresh_token"].as_str().unwrap()),
        ],
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
    assert_eq!(r.status(), 401);
    let mail = app
        .wait_mail("alice@example.com", "Your Lanyard password was changed", 1)
        .await;
    assert!(mail.text.contains("/recover"), "{}", mail.text);
    // Only the new password signs in.
    assert_eq!(
        post_login(&app, &browser(), "alice", PASSWORD)
            .await
            .status(),
        401,
        "the old password still works"
    );
    let r = post_login(&app, &browser(), "alice", new).await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/");
}

/// The `sid` of each session row on the settings page, and which is "this browser".
fn session_rows(html: &str) -> Vec<(String, bool)> {
    let start = html.find("sessions-h").expect("the sessions section");
    let end = start + html[start..].find("</section>").expect("its end");
    html[start..end]
        .split("<li>")
        .skip(1)
        .map(|li| (hidden(li, "sid"), li.contains("this browser")))
        .collect()
}

/// Ending another session from the list signs that browser out; ending the current
/// one signs this browser out; nobody can end another account's session.
async fn ending_another_session_and_the_current_one(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.add_user("alice").await;
    app.add_user("bob").await;
    let here = signed_in(&app, "alice").await;
    let phone = signed_in(&app, "alice").await;
    let bobs = signed_in(&app, "bob").await;
    let end = |b: reqwest::Client, sid: String| {
        let app = &app;
        async move {
            let (_, csrf) = form_page(&b, &app.url("/settings")).await;
            let r = b
                .post(app.url("/settings/sessions/end"))
                .form(&[("csrf", csrf.as_str()), ("sid", sid.as_str())])
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 303);
            location(&r)
        }
    };

    let (html, _) = form_page(&here, &app.url("/settings")).await;
    let rows = session_rows(&html);
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows.iter().filter(|r| r.1).count(), 1, "{rows:?}");
    let mine = rows.iter().find(|r| r.1).unwrap().0.clone();
    let other = rows.iter().find(|r| !r.1).unwrap().0.clone();

    // Bob posts alice's session id: nothing ends.
    let (bob_html, _) = form_page(&bobs, &app.url("/settings")).await;
    let bob_sid = session_rows(&bob_html)[0].0.clone();
    end(bobs.clone(), other.clone()).await;
    assert!(has_session(&app, &phone).await, "bob ended alice's session");

    assert_eq!(end(here.clone(), other).await, "/settings?done=session");
    assert!(
        !has_session(&app, &phone).await,
        "the other session lives on"
    );
    assert!(has_session(&app, &here).await);
    let (html, _) = form_page(&here, &app.url("/settings?done=session")).await;
    assert!(html.contains("That session is signed out."), "{html}");
    assert_eq!(session_rows(&html), vec![(mine.clone(), true)]);

    // Alice posts bob's session id: nothing ends either.
    end(here.clone(), bob_sid).await;
    assert!(has_session(&app, &bobs).await, "alice ended bob's session");

    assert_eq!(end(here.clone(), mine).await, "/login");
    assert!(
        !has_session(&app, &here).await,
        "the current session lives on"
    );
    assert!(has_session(&app, &bobs).await);
}

fn png(side: u32) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(side, side, image::Rgb([20, 120, 200]));
    let mut out = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

async fn post_profile(
    app: &TestApp,
    b: &reqwest::Client,
    name: &str,
    photo: Option<Vec<u8>>,
) -> (u16, String, Option<String>) {
    let (_, csrf) = form_page(b, &app.url("/settings")).await;
    let mut form = reqwest::multipart::Form::new()
        .text("csrf", csrf)
        .text("name", name.to_string());
    if let Some(bytes) = photo {
        form = form.part(
            "photo",
            reqwest::multipart::Part::bytes(bytes)
                .file_name("me.png")
                .mime_str("image/png")
                .unwrap(),
        );
    }
    let r = b
        .post(app.url("/settings/profile"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let to = r
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string());
    (status, r.text().await.unwrap(), to)
}

/// The name is saved; a photo is stored and served; a name too long and a photo
/// over 5 MB are refused with their messages and change nothing.
async fn profile_name_and_photo(backend: Backend) {
    let app = TestApp::start(backend).await;
    let alice = app.add_user("alice").await;
    let b = signed_in(&app, "alice").await;
    let user = || async {
        let u = app.state.store().user_by_id(&alice.id).await.unwrap();
        u.unwrap()
    };

    let (s, body, to) = post_profile(&app, &b, "Alice Liddell", None).await;
    assert_eq!(s, 303, "{body}");
    assert_eq!(to.as_deref(), Some("/settings?done=profile"));
    assert_eq!(user().await.name.as_deref(), Some("Alice Liddell"));
    assert_eq!(user().await.picture_version, None);
    let (html, _) = form_page(&b, &app.url("/settings?done=profile")).await;
    assert!(html.contains("Your profile is saved."), "{html}");
    assert!(html.contains("value=\"Alice Liddell\""), "{html}");

    let (s, body, _) = post_profile(&app, &b, "Alice Liddell", Some(png(64))).await;
    assert_eq!(s, 303, "{body}");
    assert_eq!(user().await.picture_version, Some(1));
    let r = http()
        .get(app.url(&format!("/avatars/{}", alice.id)))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let served = r.bytes().await.unwrap();
    assert!(
        image::load_from_memory(&served).is_ok(),
        "the avatar is not an image"
    );

    let long = "n".repeat(101);
    let (s, html, _) = post_profile(&app, &b, &long, None).await;
    assert_eq!(s, 400);
    assert!(
        html.contains("Use at most 100 characters for your name."),
        "{html}"
    );
    assert_eq!(user().await.name.as_deref(), Some("Alice Liddell"));

    // Over 5 MB, under the upload body limit: the page says why.
    let mut big = png(16);
    big.resize(6 * 1024 * 1024, 0);
    let (s, html, _) = post_profile(&app, &b, "Someone Else", Some(big)).await;
    assert_eq!(s, 400);
    assert!(
        html.contains("The photo must be 5 MB or smaller."),
        "{html}"
    );
    let after = user().await;
    assert_eq!(after.picture_version, Some(1), "the photo was replaced");
    assert_eq!(after.name.as_deref(), Some("Alice Liddell"));
}
