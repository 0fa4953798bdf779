//! The hosted account experience over HTTP: signup and confirmation, recovery with
//! the captcha, uploads, bad input. (The same flows in a real browser: browser.rs.)

use crate::common::*;
use lanyard::auth::captcha;
use serde_json::Value;

crate::on_both_backends!(signup_confirm_onboard, recovery_and_captcha);

async fn count_users(app: &TestApp) -> usize {
    app.state.store().list_users().await.unwrap().len()
}

async fn signup(app: &TestApp, b: &reqwest::Client, fields: &[(&str, &str)]) -> (u16, String) {
    let (_, csrf) = form_page(b, &app.url("/signup")).await;
    let mut form: Vec<(&str, &str)> = vec![("csrf", &csrf)];
    form.extend_from_slice(fields);
    let r = b.post(app.url("/signup")).form(&form).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

async fn signup_confirm_onboard(backend: Backend) {
    let app = TestApp::start(backend).await;
    let b = browser();
    // Bad input: each field says what is wrong, nothing is created.
    let (s, html) = signup(
        &app,
        &b,
        &[
            ("email", "nope"),
            ("username", "X"),
            ("password", "password"),
        ],
    )
    .await;
    assert_eq!(s, 400);
    for m in [
        "Enter an email address",
        "Use 3 to 32 characters",
        "most common",
        "Agree to the Terms of Use",
    ] {
        assert!(html.contains(m), "{m} missing");
    }
    assert_eq!(count_users(&app).await, 0);

    let good = [
        ("email", "Nora@Example.com"),
        ("username", "nora"),
        ("password", "a fine long password"),
        ("terms", "on"),
    ];
    let (s, new_page) = signup(&app, &b, &good).await;
    assert_eq!(s, 200);
    assert!(new_page.contains("Check your email"));
    let mail = app
        .wait_mail("nora@example.com", "Confirm your email", 1)
        .await;
    assert!(mail.html.contains("<a href=\""), "HTML part with the link");
    let link = mail.link(&app.base);
    assert!(link.contains("/confirm?token="));

    // A taken username is said; a taken email is not (same page, a note to its owner).
    let (s, html) = signup(
        &app,
        &b,
        &[
            ("email", "x@example.com"),
            ("username", "nora"),
            ("password", "a fine long password"),
            ("terms", "on"),
        ],
    )
    .await;
    assert_eq!(s, 400);
    assert!(html.contains("username is taken"));
    let (s, dup_page) = signup(
        &app,
        &b,
        &[
            ("email", "nora@example.com"),
            ("username", "nora2"),
            ("password", "a fine long password"),
            ("terms", "on"),
        ],
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(strip_csrf(&dup_page), strip_csrf(&new_page));
    app.wait_mail("nora@example.com", "already have", 1).await;
    assert_eq!(count_users(&app).await, 1);

    // Signing in before confirming explains, and can send the link again.
    let r = post_login(&app, &b, "nora", "a fine long password").await;
    assert_eq!(r.status(), 403);
    let html = r.text().await.unwrap();
    assert!(html.contains("Confirm your email first"));
    let r = b
        .post(app.url("/confirm/resend"))
        .form(&[
            ("csrf", hidden(&html, "csrf").as_str()),
            ("pending", &hidden(&html, "pending")),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let newer = app
        .wait_mail("nora@example.com", "Confirm your email", 2)
        .await
        .link(&app.base);

    // Confirm (GET shows a button; POST uses the link, once). The newer link
    // replaced the first one.
    let (html, csrf) = form_page(&b, &link).await;
    let older = hidden(&html, "token");
    let (html, _) = form_page(&b, &newer).await;
    let token = hidden(&html, "token");
    let confirm = |t: String| {
        b.post(app.url("/confirm"))
            .form(&[("csrf", csrf.clone()), ("token", t)])
            .send()
    };
    assert_eq!(confirm(older).await.unwrap().status(), 400);
    // This browser signed nora up: confirming signs her in, on to onboarding.
    let r = confirm(token.clone()).await.unwrap();
    assert_eq!(r.status(), 303);
    assert!(
        location(&r).starts_with("/onboarding/profile"),
        "{}",
        location(&r)
    );
    assert_eq!(confirm(token).await.unwrap().status(), 400);
    assert!(
        app.state
            .store()
            .user_by_login("nora")
            .await
            .unwrap()
            .unwrap()
            .email_verified
    );

    // First sign-in goes to onboarding; "Maybe Later" finishes it.
    let r = post_login(&app, &b, "nora@example.com", "a fine long password").await;
    assert!(
        location(&r).starts_with("/onboarding/profile"),
        "{}",
        location(&r)
    );
    let (html, csrf) = form_page(&b, &app.url(&location(&r))).await;
    assert!(html.contains("Name") && html.contains("Photo") && html.contains("Continue"));

    // Bad uploads: a clear message, nothing saved (not even the name sent with them).
    let upload = |name: &'static str, bytes: Vec<u8>, filename: &'static str| {
        let form = reqwest::multipart::Form::new()
            .text("csrf", csrf.clone())
            .text("name", name)
            .part(
                "photo",
                reqwest::multipart::Part::bytes(bytes).file_name(filename),
            );
        b.post(app.url("/onboarding/profile"))
            .multipart(form)
            .send()
    };
    for (bytes, file, message) in [
        (
            b"just some text, not a picture".to_vec(),
            "photo.png",
            "must be a PNG, JPEG or WebP",
        ),
        (vec![0x89; 6 * 1024 * 1024], "big.png", "5 MB or smaller"),
        (huge_png_header(), "bomb.png", "larger than 8000"),
    ] {
        let r = upload("Half Saved", bytes, file).await.unwrap();
        assert_eq!(r.status(), 400, "{file}");
        assert!(
            r.text().await.unwrap().contains(message),
            "{file}: {message}"
        );
    }
    let nora = app
        .state
        .store()
        .user_by_login("nora")
        .await
        .unwrap()
        .unwrap();
    assert_eq!((nora.name, nora.picture_version), (None, None));

    // A real photo: stored re-encoded as a 256x256 PNG, served with caching, in `picture`.
    let r = upload("Nora N", jpeg(800, 600), "me.jpg").await.unwrap();
    assert_eq!(r.status(), 303);
    assert!(location(&r).starts_with("/onboarding/team"));
    let nora = app
        .state
        .store()
        .user_by_login("nora")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(nora.name.as_deref(), Some("Nora N"));
    let r = b
        .get(app.url(&format!("/avatars/{}", nora.id)))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["content-type"], "image/png");
    assert!(
        r.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("max-age")
    );
    let img = image::load_from_memory(&r.bytes().await.unwrap()).unwrap();
    assert_eq!((img.width(), img.height()), (256, 256));

    let (html, csrf) = form_page(&b, &app.url("/onboarding/team")).await;
    assert!(
        html.contains("Team name")
            && html.contains("Invite people")
            && html.contains("Maybe Later")
    );
    let r = b
        .post(app.url("/onboarding/team"))
        .form(&[("csrf", csrf.as_str()), ("action", "skip")])
        .send()
        .await
        .unwrap();
    assert_eq!(location(&r), "/");
    let home = b
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(home.contains("Account menu") && home.contains("Nora N"));
}

/// The page without its CSRF token (which differs per browser, not per account).
/// The page without its per-answer values: the CSRF token and the sealed address
/// "Resend" posts (sealed anew, differently, for every answer).
fn strip_csrf(html: &str) -> String {
    html.lines()
        .filter(|l| !l.contains("name=\"csrf\"") && !l.contains("name=\"address\""))
        .collect::<Vec<_>>()
        .join("\n")
}

fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 255) as u8, (y % 255) as u8, 90])
    });
    let mut out = Vec::new();
    img.write_to(
        &mut std::io::Cursor::new(&mut out),
        image::ImageFormat::Jpeg,
    )
    .unwrap();
    out
}

/// A valid PNG header claiming 60000 x 60000 pixels: a decompression bomb's shape.
fn huge_png_header() -> Vec<u8> {
    fn crc32(data: &[u8]) -> u32 {
        let mut crc = 0xffff_ffffu32;
        for &b in data {
            crc ^= b as u32;
            for _ in 0..8 {
                crc = if crc & 1 != 0 {
                    (crc >> 1) ^ 0xedb8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend_from_slice(&60000u32.to_be_bytes());
    ihdr.extend_from_slice(&60000u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend_from_slice(&13u32.to_be_bytes());
    png.extend_from_slice(&ihdr);
    png.extend_from_slice(&crc32(&ihdr).to_be_bytes());
    png.extend_from_slice(&[0, 0, 0, 0]);
    png.extend_from_slice(b"IEND");
    png.extend_from_slice(&crc32(b"IEND").to_be_bytes());
    png
}

async fn recover(
    app: &TestApp,
    b: &reqwest::Client,
    email: &str,
    altcha: Option<&str>,
) -> (u16, String) {
    let (_, csrf) = form_page(b, &app.url("/recover")).await;
    let mut form = vec![("csrf", csrf.as_str()), ("email", email)];
    if let Some(a) = altcha {
        form.push(("altcha", a));
    }
    let r = b
        .post(app.url("/recover"))
        .form(&form)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

async fn solved(app: &TestApp) -> String {
    let ch: Value = http()
        .get(app.url("/captcha/challenge"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(ch["algorithm"], "SHA-256");
    captcha::solve(&ch).unwrap()
}

async fn recovery_and_captcha(backend: Backend) {
    let app = TestApp::start_with(backend, |c| {
        c.captcha.difficulty = 5000;
        // More recovery mails to one address than the default limit lets through.
        c.rate_limit.account_failures = 20;
    })
    .await;
    app.add_user("olga").await;
    let b = browser();
    let page = b
        .get(app.url("/recover"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for label in ["Email", "I'm not a robot", "Submit"] {
        // As HTML writes it: askama escapes the apostrophe.
        assert!(page.contains(&label.replace('\'', "&#39;")), "{label}");
    }

    // Missing, forged, expired and replayed payloads are refused.
    let (s, html) = recover(&app, &b, "olga@example.com", None).await;
    assert!(s == 400 && html.contains("Tick"), "missing");
    let good = solved(&app).await;
    let forged = {
        use base64::{Engine, engine::general_purpose::STANDARD};
        let mut v: Value = serde_json::from_slice(&STANDARD.decode(&good).unwrap()).unwrap();
        v["signature"] = Value::String("00".repeat(32));
        STANDARD.encode(v.to_string())
    };
    let (s, html) = recover(&app, &b, "olga@example.com", Some(&forged)).await;
    assert!(
        s == 400 && html.contains("not issued by this server"),
        "forged"
    );
    let (s, _) = recover(&app, &b, "olga@example.com", Some(&good)).await;
    assert_eq!(s, 200);
    let (s, html) = recover(&app, &b, "olga@example.com", Some(&good)).await;
    assert!(s == 400 && html.contains("already used"), "replayed");
    // Expired: a challenge whose salt says it expired (signed with the server's key).
    let old = app
        .state
        .captcha
        .challenge(lanyard::oidc::now() - 2 * captcha::CHALLENGE_TTL, 1)
        .unwrap();
    let (s, html) = recover(
        &app,
        &b,
        "olga@example.com",
        Some(&captcha::solve(&old).unwrap()),
    )
    .await;
    assert!(s == 400 && html.contains("expired"), "expired");

    // The known address gets its username and a one-hour reset link.
    let mail = app.wait_mail("olga@example.com", "password reset", 1).await;
    assert!(mail.text.contains("Your username is: olga"));
    let link = mail.link(&app.base);

    // A known and an unknown address get the same page.
    let (s1, known) = recover(&app, &b, "olga@example.com", Some(&solved(&app).await)).await;
    let (s2, unknown) = recover(&app, &b, "nobody@example.com", Some(&solved(&app).await)).await;
    assert_eq!((s1, s2), (200, 200));
    assert_eq!(
        known.replace("olga@example.com", "X"),
        unknown.replace("nobody@example.com", "X")
    );
    // Nothing is queued for the unknown address: a marker request made after it
    // is mailed, and by then the outbox holds exactly the known address's mail.
    let (s, _) = recover(&app, &b, "olga@example.com", Some(&solved(&app).await)).await;
    assert_eq!(s, 200);
    let marker = app.wait_mail("olga@example.com", "password reset", 3).await;
    assert_eq!(count_rows(&app, "mail_outbox").await, 3);
    assert!(app.mails_to("nobody@example.com").is_empty());
    assert_eq!(app.mails_to("").len(), 3);
    // Each request sent a newer link, which replaced the earlier ones.
    let first = link;
    let second = app
        .wait_mail("olga@example.com", "password reset", 2)
        .await
        .link(&app.base);
    let link = marker.link(&app.base);
    assert_eq!(b.get(&first).send().await.unwrap().status(), 400);
    assert_eq!(b.get(&second).send().await.unwrap().status(), 400);

    // Reset: sessions and refresh tokens end, a notice is sent, the new password works.
    let other = browser();
    let p = crate::errors::pkce();
    let code = crate::errors::code_for(&app, &other, "webapp", Some(&p), "olga").await;
    let (s, tokens) = crate::errors::redeem(&app, &code, &p).await;
    assert_eq!(s, 200);
    let refresh = tokens["refresh_token"].as_str().expect("a refresh token");
    let (html, csrf) = form_page(&b, &link).await;
    let token = hidden(&html, "token");
    let reset = |b: &reqwest::Client, csrf: &str, token: &str, password: &str| {
        let form = [("csrf", csrf), ("token", token), ("password", password)]
            .map(|(k, v)| (k, v.to_string()));
        b.post(app.url("/reset")).form(&form).send()
    };
    let r = reset(&b, &csrf, &token, "password1").await.unwrap();
    assert_eq!(r.status(), 400, "a common password is refused");
    let r = reset(&b, &csrf, &token, "olga's brand new secret")
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    app.wait_mail("olga@example.com", "password was changed", 1)
        .await;
    assert_eq!(
        location(&other.get(app.url("/")).send().await.unwrap()),
        "/login"
    );
    let (s, body, _) = crate::errors::token_request(
        &app,
        "webapp",
        Some(SECRET),
        &[("grant_type", "refresh_token"), ("refresh_token", refresh)],
    )
    .await;
    assert_eq!((s, body["error"].as_str()), (400, Some("invalid_grant")));
    assert_eq!(count_rows(&app, "sessions").await, 0, "no session left");
    // The link is spent: posting it again changes nothing.
    let r = reset(&b, &csrf, &token, "yet another long secret")
        .await
        .unwrap();
    assert_eq!(r.status(), 400, "a used link posted again");
    assert_eq!(b.get(&link).send().await.unwrap().status(), 400);
    let r = post_login(&app, &browser(), "olga", "yet another long secret").await;
    assert_eq!(r.status(), 401);
    let r = post_login(&app, &b, "olga", "olga's brand new secret").await;
    assert_eq!(location(&r), "/");

    // Two uses of one link at once: exactly one sets its password.
    let (s, _) = recover(&app, &b, "olga@example.com", Some(&solved(&app).await)).await;
    assert_eq!(s, 200);
    let link = app
        .wait_mail("olga@example.com", "password reset", 4)
        .await
        .link(&app.base);
    let (b1, b2) = (browser(), browser());
    let (html1, csrf1) = form_page(&b1, &link).await;
    let (html2, csrf2) = form_page(&b2, &link).await;
    let (t1, t2) = (hidden(&html1, "token"), hidden(&html2, "token"));
    let (r1, r2) = tokio::join!(
        reset(&b1, &csrf1, &t1, "racing secret number one"),
        reset(&b2, &csrf2, &t2, "racing secret number two"),
    );
    let mut statuses = [r1.unwrap().status().as_u16(), r2.unwrap().status().as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 400], "one use wins, the other is refused");
    let one = post_login(&app, &browser(), "olga", "racing secret number one").await;
    let two = post_login(&app, &browser(), "olga", "racing secret number two").await;
    let mut signed = [one.status().as_u16(), two.status().as_u16()];
    signed.sort();
    assert_eq!(
        signed,
        [303, 401],
        "exactly one of the two passwords is set"
    );

    // An expired link is refused, shown or posted.
    let (s, _) = recover(&app, &b, "olga@example.com", Some(&solved(&app).await)).await;
    assert_eq!(s, 200);
    let link = app
        .wait_mail("olga@example.com", "password reset", 5)
        .await
        .link(&app.base);
    let (html, csrf) = form_page(&b, &link).await;
    let token = hidden(&html, "token");
    assert_eq!(
        exec_sql(
            &app,
            "UPDATE password_resets SET expires_at = 1 WHERE used_at IS NULL"
        )
        .await,
        1
    );
    assert_eq!(b.get(&link).send().await.unwrap().status(), 400);
    let r = reset(&b, &csrf, &token, "too late for this secret")
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let r = post_login(&app, &browser(), "olga", "too late for this secret").await;
    assert_eq!(r.status(), 401);
}

/// Third-party captchas verify through their siteverify API (here a local fake).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn third_party_captcha_uses_siteverify() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let verify_url = format!(
        "http://127.0.0.1:{}/siteverify",
        listener.local_addr().unwrap().port()
    );
    let fake = axum::Router::new().route(
        "/siteverify",
        axum::routing::post(|body: String| async move {
            let ok =
                body.contains("secret=turnstile-secret") && body.contains("response=good-token");
            axum::Json(serde_json::json!({ "success": ok }))
        }),
    );
    tokio::spawn(async move { axum::serve(listener, fake).await.unwrap() });
    let app = TestApp::start_with(Backend::Sqlite, |c| {
        c.captcha.provider = "turnstile".into();
        c.captcha.site_key = Some("site-key-1".into());
        c.captcha.secret = Some("turnstile-secret".into());
        c.captcha.verify_url = Some(verify_url);
    })
    .await;
    let b = browser();
    let r = b.get(app.url("/recover")).send().await.unwrap();
    assert!(
        r.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("https://challenges.cloudflare.com")
    );
    let html = r.text().await.unwrap();
    assert!(html.contains("data-sitekey=\"site-key-1\""));
    let csrf = hidden(&html, "csrf");
    let post = |token: &'static str| {
        b.post(app.url("/recover"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("email", "x@example.com"),
                ("cf-turnstile-response", token),
            ])
            .send()
    };
    let r = post("bad-token").await.unwrap();
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("did not accept"));
    assert_eq!(post("good-token").await.unwrap().status(), 200);
}

/// Changing the email address: the password is asked again, the new address confirms
/// it, the old one is told, and the requests (each a mail to an address of the
/// asker's choosing) are throttled.
#[tokio::test]
async fn email_change_tells_the_old_address_and_is_throttled() {
    let app = TestApp::start_with(Backend::Sqlite, |c| c.rate_limit.ip_requests = 2).await;
    app.stop_throttle_clock();
    app.add_user("vera").await;
    let b = browser();
    assert_eq!(post_login(&app, &b, "vera", PASSWORD).await.status(), 303);
    let change = |email: &'static str, current: &'static str| {
        let (app, b) = (&app, &b);
        async move {
            let (html, csrf) = form_page(b, &app.url("/settings")).await;
            assert!(html.contains("for=\"email_password\">Current password<"));
            b.post(app.url("/settings/email"))
                .form(&[
                    ("csrf", csrf.as_str()),
                    ("email", email),
                    ("current", current),
                ])
                .send()
                .await
                .unwrap()
        }
    };
    // A session alone cannot move the account: the password is asked again.
    let r = change("vera.new@example.com", "not the password").await;
    assert_eq!(r.status(), 400);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("The current password is not right.")
    );
    assert!(app.mails_to("vera.new@example.com").is_empty());
    assert_eq!(change("vera.new@example.com", PASSWORD).await.status(), 303);
    // The allowance is 2 requests (the refused one counted): the third, right
    // after (within the first 1 s wait), waits.
    let r = change("vera.third@example.com", PASSWORD).await;
    assert_eq!(r.status(), 429);
    assert!(r.headers().contains_key("retry-after"));
    let mail = app
        .wait_mail("vera.new@example.com", "Confirm your new email address", 1)
        .await;
    let (html, csrf) = form_page(&b, &absolute(&app.base, &mail.link("/confirm"))).await;
    let r = b
        .post(app.url("/confirm"))
        .form(&[("csrf", csrf), ("token", hidden(&html, "token"))])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let user = app
        .state
        .store()
        .user_by_login("vera")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(user.email, "vera.new@example.com");
    let notice = app
        .wait_mail(
            "vera@example.com",
            "Your Lanyard email address was changed",
            1,
        )
        .await;
    assert!(
        notice.text.contains("vera.new@example.com"),
        "{}",
        notice.text
    );
    assert!(notice.text.contains("/settings"), "{}", notice.text);
    assert!(app.mails_to("vera.third@example.com").is_empty());
}
