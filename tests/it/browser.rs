//! Real Chromium through WebDriver (chromedriver from Debian). Every control is found
//! by its SPEC label, as a person or a screen reader would. Runs when
//! `LANYARD_TEST_CHROMEDRIVER` names chromedriver; screenshots of each page land in
//! target/tmp/screenshots/, and in docs/screenshots/ for the README only with
//! `LANYARD_UPDATE_SCREENSHOTS=1`.

use crate::common::*;
use fantoccini::{Client, ClientBuilder, Locator, elements::Element};
use serde_json::json;
use std::{
    process::{Child, Command},
    sync::LazyLock,
    time::Duration,
};

/// How long the waits below poll (100 ms ticks): 30 s, so that a loaded machine
/// (a sign-in hashes a password in a debug build) is not mistaken for a failure;
/// a wait that succeeds returns at once.
const WAIT_TICKS: usize = 300;

/// One browser at a time: the machine has two cores.
pub static ONE_BROWSER: LazyLock<tokio::sync::Mutex<()>> =
    LazyLock::new(|| tokio::sync::Mutex::new(()));

pub struct Browser {
    pub c: Client,
    driver: Child,
    _profile: tempfile::TempDir,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Browser {
    /// Starts chromedriver and a headless Chromium, or `None` (a [`skip`]) when
    /// `LANYARD_TEST_CHROMEDRIVER` is not set.
    pub async fn start() -> Option<Browser> {
        Self::start_with(&[]).await
    }

    /// [`Browser::start`] with more Chromium flags (dark mode, say).
    pub async fn start_with(extra: &[&str]) -> Option<Browser> {
        let driver_path = gated_env("LANYARD_TEST_CHROMEDRIVER", "the browser test")?;
        let chromium = std::env::var("LANYARD_TEST_CHROMIUM")
            .ok()
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| "/usr/bin/chromium".into());
        for (var, path) in [
            ("LANYARD_TEST_CHROMEDRIVER", &driver_path),
            ("LANYARD_TEST_CHROMIUM", &chromium),
        ] {
            assert!(
                std::path::Path::new(path).is_file(),
                "{var}: no such file {path}"
            );
        }
        // Two rustls providers are in the tree (ring via reqwest, aws-lc-rs); pick one
        // for fantoccini's (unused, plain-http) TLS connector.
        let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
        // chromedriver says so once its port is bound; one that lost its port to
        // another process exits instead, and starts again on another.
        let (driver, port) = spawn_announced(
            |port| {
                let mut c = Command::new(&driver_path);
                c.arg(format!("--port={port}"));
                // A zone that is not UTC (and not a whole hour off it), so that a
                // page showing times in UTC instead of the reader's zone shows.
                c.env("TZ", "Asia/Kolkata");
                c
            },
            "started successfully",
        );
        let profile = tempfile::tempdir().unwrap();
        let mut args: Vec<String> = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1100,900",
        ]
        .map(String::from)
        .to_vec();
        args.push(format!("--user-data-dir={}", profile.path().display()));
        args.extend(extra.iter().map(|a| a.to_string()));
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            json!({ "binary": chromium, "args": args }),
        );
        let mut last = None;
        for _ in 0..50 {
            match ClientBuilder::rustls()
                .unwrap()
                .capabilities(caps.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(c) => {
                    return Some(Browser {
                        c,
                        driver,
                        _profile: profile,
                    });
                }
                Err(e) => last = Some(e),
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        panic!("chromedriver did not start: {last:?}");
    }

    pub async fn goto(&self, url: &str) {
        self.c.goto(url).await.unwrap();
    }

    pub async fn find(&self, xpath: &str) -> Element {
        match self
            .c
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::XPath(xpath))
            .await
        {
            Ok(e) => e,
            Err(e) => panic!(
                "{xpath} not found on {}: {e}\n{}",
                self.url().await,
                self.text().await
            ),
        }
    }

    /// The form control whose `<label>` reads exactly `label`.
    pub async fn field(&self, label: &str) -> Element {
        let l = self
            .find(&format!("//label[normalize-space()=\"{label}\"]"))
            .await;
        let id = l
            .attr("for")
            .await
            .unwrap()
            .expect("labels name their control");
        self.c.find(Locator::Id(&id)).await.unwrap()
    }

    pub async fn fill(&self, label: &str, text: &str) {
        let f = self.field(label).await;
        f.clear().await.unwrap();
        f.send_keys(text).await.unwrap();
    }

    pub async fn click_button(&self, text: &str) {
        self.find(&format!(
            "//button[normalize-space()=\"{text}\" or @aria-label=\"{text}\"]"
        ))
        .await
        .click()
        .await
        .unwrap();
    }

    pub async fn click_link(&self, text: &str) {
        self.find(&format!("//a[normalize-space()=\"{text}\"]"))
            .await
            .click()
            .await
            .unwrap();
    }

    /// The page's text; retried while a navigation is still replacing the document.
    pub async fn text(&self) -> String {
        for _ in 0..50 {
            if let Ok(body) = self.c.find(Locator::Css("body")).await
                && let Ok(text) = body.text().await
            {
                return text;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the page never had a body");
    }

    pub async fn url(&self) -> String {
        self.c.current_url().await.unwrap().to_string()
    }

    /// Waits until the page's address starts with `prefix`.
    pub async fn wait_url(&self, prefix: &str) {
        for _ in 0..WAIT_TICKS {
            if self.url().await.starts_with(prefix) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("never reached {prefix}…: still on {}", self.url().await);
    }

    /// Waits until the page text contains `needle`.
    pub async fn wait_text(&self, needle: &str) {
        for _ in 0..WAIT_TICKS {
            if self.text().await.contains(needle) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!(
            "{needle:?} never appeared on {}:\n{}",
            self.url().await,
            self.text().await
        );
    }

    /// Takes a screenshot for the README: always into `target/tmp/screenshots/` (to
    /// look at), and into the tracked `docs/screenshots/` only when asked with
    /// `LANYARD_UPDATE_SCREENSHOTS=1`, so a test run leaves the checkout as it was.
    pub async fn shot(&self, name: &str) {
        let png = self.c.screenshot().await.unwrap();
        let file = format!("{name}.png");
        let taken = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
        std::fs::create_dir_all(&taken).unwrap();
        std::fs::write(taken.join(&file), &png).unwrap();
        if std::env::var("LANYARD_UPDATE_SCREENSHOTS").is_ok_and(|v| v == "1") {
            let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots");
            std::fs::create_dir_all(&docs).unwrap();
            std::fs::copy(taken.join(&file), docs.join(&file)).unwrap();
        }
    }

    /// Ticks "I'm not a robot" and waits until the worker has solved it.
    pub async fn solve_captcha(&self) {
        self.field("I'm not a robot").await.click().await.unwrap();
        self.find("//*[@data-captcha and @data-state='verified']")
            .await;
    }

    pub async fn sign_in(&self, login: &str, password: &str) {
        self.fill("Email or username", login).await;
        self.fill("Password", password).await;
        self.click_button("Sign In").await;
    }

    /// Signs the only account out and waits for the sign-in page it lands on, so a
    /// `goto` right after is not overtaken by the form's own navigation.
    pub async fn sign_out(&self) {
        self.click_button("Account menu").await;
        self.click_button("Sign out").await;
        for _ in 0..WAIT_TICKS {
            if self.url().await.contains("/login") {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("signing out never reached /login: {}", self.url().await);
    }

    pub async fn close(self) {
        let Browser { c, .. } = &self;
        c.clone().close().await.unwrap();
    }
}

fn photo_file(dir: &std::path::Path) -> String {
    let img = image::RgbImage::from_fn(400, 300, |x, y| {
        image::Rgb([(x / 2) as u8, (y / 2) as u8, 180])
    });
    let path = dir.join("me.png");
    img.save(&path).unwrap();
    path.display().to_string()
}

/// Signup → confirmation email → confirm → first sign-in → profile with photo →
/// "Maybe Later" → sign out → "Trouble signing in?" → captcha → Submit → email →
/// reset → sign in with the new password.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signup_to_recovery_in_chromium() {
    let _one = ONE_BROWSER.lock().await;
    let Some(br) = Browser::start().await else {
        return;
    };
    let app = TestApp::start_with(Backend::Sqlite, |c| c.captcha.difficulty = 3000).await;

    br.goto(&app.url("/login")).await;
    br.shot("login").await;
    br.click_link("Create Account").await;
    br.fill("Email", "pat@example.com").await;
    br.fill("Username", "pat").await;
    br.fill("Password", "pat's long password").await;
    let terms = br
        .find("//label[contains(normalize-space(), 'Terms of Use')]")
        .await;
    let id = terms.attr("for").await.unwrap().unwrap();
    br.c.find(Locator::Id(&id))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    br.shot("signup").await;
    br.click_button("Create free account").await;
    br.wait_text("Check your email").await;

    let mail = app
        .wait_mail("pat@example.com", "Confirm your email", 1)
        .await;
    br.goto(&mail.link(&app.base)).await;
    // One press: this browser signed pat up, so it is signed in and goes on.
    br.click_button("Confirm email").await;
    br.wait_text("Set up your profile").await;
    br.fill("Name", "Pat Doe").await;
    let dir = tempfile::tempdir().unwrap();
    br.field("Photo")
        .await
        .send_keys(&photo_file(dir.path()))
        .await
        .unwrap();
    br.shot("onboarding-profile").await;
    br.click_button("Continue").await;
    br.wait_text("Create a team").await;
    br.shot("onboarding-team").await;
    br.click_button("Maybe Later").await;
    br.wait_text("Hello, Pat Doe").await;
    let pat = app
        .state
        .store()
        .user_by_login("pat")
        .await
        .unwrap()
        .unwrap();
    assert!(pat.picture_version.is_some(), "the photo was saved");
    br.click_button("Account menu").await;
    br.shot("account-menu").await;
    br.click_link("Settings").await;
    br.wait_text("Where you are signed in").await;
    br.shot("settings").await;
    br.sign_out().await;

    br.wait_text("Sign in").await;
    br.click_link("Trouble signing in?").await;
    br.fill("Email", "pat@example.com").await;
    br.solve_captcha().await;
    br.shot("recover").await;
    br.click_button("Submit").await;
    br.wait_text("If an account uses pat@example.com").await;

    let mail = app.wait_mail("pat@example.com", "password reset", 1).await;
    assert!(mail.text.contains("Your username is: pat"));
    br.goto(&mail.link(&app.base)).await;
    br.fill("New password", "pat's newer password").await;
    br.shot("reset").await;
    br.click_button("Reset password").await;
    br.wait_text("Your password is set").await;
    br.click_link("Sign in").await;
    br.sign_in("pat@example.com", "pat's newer password").await;
    br.wait_text("Hello, Pat Doe").await;
    br.shot("home").await;
    br.close().await;
}

/// A team owner invites someone new by email; they create an account from the
/// invitation and join the team.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn team_invitation_in_chromium() {
    let _one = ONE_BROWSER.lock().await;
    let Some(br) = Browser::start().await else {
        return;
    };
    let app = TestApp::start(Backend::Sqlite).await;
    app.add_user("quinn").await;

    br.goto(&app.url("/login")).await;
    br.sign_in("quinn", PASSWORD).await;
    br.wait_text("Hello").await;
    br.goto(&app.url("/teams")).await;
    br.fill("Team name", "Rocket Club").await;
    br.fill("Invite people", "rae@example.com").await;
    br.click_button("Create team").await;
    br.wait_text("Members").await;
    br.sign_out().await;

    let mail = app
        .wait_mail("rae@example.com", "You are invited to join a team", 1)
        .await;
    br.goto(&mail.link(&app.base)).await;
    br.wait_text("Join Rocket Club").await;
    br.click_link("Create Account").await;
    br.fill("Email", "rae@example.com").await;
    br.fill("Username", "rae").await;
    br.fill("Password", "rae's long password").await;
    let terms = br
        .find("//label[contains(normalize-space(), 'Terms of Use')]")
        .await;
    let id = terms.attr("for").await.unwrap().unwrap();
    br.c.find(Locator::Id(&id))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    br.click_button("Create free account").await;
    br.wait_text("Check your email").await;
    let confirm = app
        .wait_mail("rae@example.com", "Confirm your email", 1)
        .await;
    br.goto(&confirm.link(&app.base)).await;
    br.click_button("Confirm email").await;
    br.wait_text("Set up your profile").await;
    br.click_button("Continue").await;
    br.click_button("Maybe Later").await;
    // Back to the invitation after onboarding.
    br.wait_text("Join Rocket Club").await;
    br.click_button("Accept invitation").await;
    br.wait_text("Members").await;
    let text = br.text().await;
    assert!(
        text.contains("quinn") && text.contains("rae@example.com"),
        "{text}"
    );
    br.shot("team").await;
    br.close().await;
}

/// A relying app's callback for browser tests: answers every request and keeps the
/// query strings it received.
async fn callback_server() -> (String, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
    let store = seen.clone();
    let app = axum::Router::new().fallback(move |uri: axum::http::Uri| {
        let store = store.clone();
        async move {
            store
                .lock()
                .unwrap()
                .push(uri.query().unwrap_or_default().to_string());
            "Back at the app"
        }
    });
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("{base}/callback"), seen)
}

/// "Sign in with Google" where Google is a second Lanyard.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_with_google_in_chromium() {
    let _one = ONE_BROWSER.lock().await;
    let Some(br) = Browser::start().await else {
        return;
    };
    let (a, _b) = crate::federation::pair(Backend::Sqlite, |_, _| vec![]).await;
    br.goto(&a.url("/login")).await;
    br.click_button("Sign in with Google").await;
    // Now on the upstream's own login page (A's own page also says "Sign in", so
    // wait for the address to change, not for the text).
    br.wait_url("http://localhost:").await;
    br.wait_text("Sign in").await;
    br.sign_in("gus", PASSWORD).await;
    br.wait_text("Set up your profile").await;
    br.click_button("Continue").await;
    br.click_button("Maybe Later").await;
    br.wait_text("Hello, gus Example").await;
    br.shot("signed-in-with-google").await;
    let gus = a.state.store().user_by_login("gus").await.unwrap().unwrap();
    assert_eq!(
        a.state
            .store()
            .user_identities(&gus.id)
            .await
            .unwrap()
            .len(),
        1
    );
    br.close().await;
}

/// Two accounts in one browser: switching, prompt=select_account, logging out one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn several_accounts_in_chromium() {
    let _one = ONE_BROWSER.lock().await;
    let Some(br) = Browser::start().await else {
        return;
    };
    let (callback, seen) = callback_server().await;
    let cb = callback.clone();
    let app = TestApp::start_with(Backend::Sqlite, move |c| {
        for client in &mut c.clients {
            client.redirect_uris.push(cb.clone());
        }
    })
    .await;
    let uma = app.add_user("uma").await;
    let vic = app.add_user("vic").await;

    br.goto(&app.url("/login")).await;
    br.sign_in("uma", PASSWORD).await;
    br.wait_text("Hello, uma Example").await;
    br.click_button("Account menu").await;
    br.click_link("Add a new account").await;
    br.sign_in("vic@example.com", PASSWORD).await;
    br.wait_text("Hello, vic Example").await;
    br.goto(&app.url("/settings")).await;
    br.wait_text("vic@example.com").await;
    assert!(!br.text().await.contains("uma@example.com"));
    br.click_button("Account menu").await;
    br.shot("account-menu-two-accounts").await;
    br.click_button("Switch to uma Example (uma@example.com)")
        .await;
    br.goto(&app.url("/settings")).await;
    br.wait_text("uma@example.com").await;
    assert!(!br.text().await.contains("Username: vic"));

    // prompt=select_account: the chooser; picking vic sends vic's sub to the app.
    let p = crate::errors::pkce();
    let url = crate::errors::auth_url(&app, "webapp", Some(&p), "&prompt=select_account").replace(
        &crate::e2e::urlencode(REDIRECT),
        &crate::e2e::urlencode(&callback),
    );
    br.goto(&url).await;
    br.wait_text("Choose an account").await;
    br.shot("account-chooser").await;
    br.find("//button[contains(., 'vic@example.com')]")
        .await
        .click()
        .await
        .unwrap();
    br.wait_text("Back at the app").await;
    // (The browser also asks the app for /favicon.ico.)
    let all = seen.lock().unwrap().clone();
    let query = all
        .iter()
        .rev()
        .find(|q| !q.is_empty())
        .cloned()
        .unwrap_or_else(|| panic!("{all:?}"));
    let code = query_param(&format!("http://x/?{query}"), "code").unwrap();
    let (s, tokens, _) = crate::errors::token_request(
        &app,
        "webapp",
        Some(SECRET),
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", &callback),
            ("code_verifier", &p.verifier),
        ],
    )
    .await;
    assert_eq!(s, 200, "{tokens}");
    let claims = crate::federation::decode_claims(tokens["id_token"].as_str().unwrap());
    assert_eq!(claims["sub"], vic.id.as_str());

    // The app logs vic out: only vic's session ends; uma stays signed in.
    br.goto(&app.url(&format!(
        "/logout?id_token_hint={}&post_logout_redirect_uri={}",
        tokens["id_token"].as_str().unwrap(),
        crate::e2e::urlencode(POST_LOGOUT)
    )))
    .await;
    br.goto(&app.url("/")).await;
    br.wait_text("Hello, uma Example").await;
    br.click_button("Account menu").await;
    // The menu is open (its items are visible text now), and vic is not in it.
    br.wait_text("Sign out of all accounts").await;
    let panel = br.find("//div[@id='account-menu']").await;
    assert!(panel.is_displayed().await.unwrap(), "the menu never opened");
    let text = panel.text().await.unwrap();
    assert!(text.contains("uma@example.com"), "{text}");
    assert!(
        !text.contains("vic@example.com"),
        "vic was signed out: {text}"
    );
    let switches =
        br.c.find_all(Locator::XPath(
            "//button[starts-with(@aria-label, 'Switch to')]",
        ))
        .await
        .unwrap();
    assert!(
        switches.is_empty(),
        "a switch to another account is offered"
    );
    let sessions = app
        .state
        .store()
        .user_sessions(&uma.id, lanyard::oidc::now())
        .await
        .unwrap();
    assert_eq!(sessions.len(), 1);
    assert!(
        app.state
            .store()
            .user_sessions(&vic.id, lanyard::oidc::now())
            .await
            .unwrap()
            .is_empty()
    );
    br.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_step_verification_in_chromium() {
    use lanyard::{auth::totp, oidc::now};
    let _one = ONE_BROWSER.lock().await;
    let Some(br) = Browser::start().await else {
        return;
    };
    let app = TestApp::start(Backend::Sqlite).await;
    app.add_user("wren").await;
    br.goto(&app.url("/login")).await;
    br.sign_in("wren", PASSWORD).await;
    br.wait_text("Hello, wren Example").await;
    br.goto(&app.url("/settings")).await;
    br.click_button("Set up two-step verification").await;
    br.wait_text("Scan this QR code").await;
    // The QR code is a real image the browser decoded (CSP allows data: images).
    let width =
        br.c.execute(
            "return document.querySelector('p.qr img').naturalWidth",
            vec![],
        )
        .await
        .unwrap();
    assert!(width.as_u64().unwrap_or(0) > 50, "QR image width {width}");
    assert!(br.c.source().await.unwrap().contains("otpauth://totp/"));
    let b32 = br
        .find("//code[@aria-label='Secret key']")
        .await
        .text()
        .await
        .unwrap();
    let secret = totp_rs::Secret::try_from_base32(b32.trim())
        .unwrap()
        .as_bytes()
        .to_vec();
    br.shot("two-step-setup").await;
    br.fill("Code", &totp::code_at(&secret, now())).await;
    br.click_button("Verify").await;
    br.wait_text("Two-step verification is on").await;
    let codes = br.find("//ul[@aria-label='Recovery codes']").await;
    let codes = codes.text().await.unwrap();
    assert_eq!(codes.lines().count(), 10, "ten recovery codes: {codes}");
    br.shot("two-step-recovery-codes").await;
    // "Copy" (shown by copy.js) puts them on the clipboard, one a line.
    br.click_button("Copy the recovery codes").await;
    br.wait_text("Copied").await;
    let copied =
        br.c.execute_async(
            "const done = arguments[arguments.length - 1];
             navigator.clipboard.readText().then(done, () => done(null));",
            vec![],
        )
        .await
        .unwrap();
    if let Some(copied) = copied.as_str() {
        assert_eq!(copied.trim(), codes.trim(), "the clipboard");
    }

    br.goto(&app.url("/")).await;
    br.sign_out().await;
    br.goto(&app.url("/login")).await;
    br.sign_in("wren", PASSWORD).await;
    br.wait_text("Enter the 6-digit code").await;
    br.shot("two-step-code").await;
    br.fill("Code", &totp::code_at(&secret, now() + 30)).await;
    br.click_button("Verify").await;
    br.wait_text("Hello, wren Example").await;
    br.close().await;
}

/// In each shipped language, chosen with the "Language" select on the sign-in
/// page: sign up, confirm, sign in, skip onboarding, sign out, recover the password
/// behind the captcha, and sign in with the new one. Every label is found by its
/// translated text, so a page that stayed English fails here.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signup_sign_in_and_recovery_in_every_language_in_chromium() {
    let _one = ONE_BROWSER.lock().await;
    let catalogs =
        std::sync::Arc::new(lanyard::i18n::Catalogs::load(None, "en", "Lanyard").unwrap());
    for lang in lanyard::i18n::SHIPPED {
        let Some(br) = Browser::start().await else {
            return;
        };
        let app = TestApp::start_with(Backend::Sqlite, |c| c.captcha.difficulty = 3000).await;
        let tr = catalogs.for_tag(Some(lang));
        let t = |id: &str| tr.t(id);
        br.goto(&app.url("/login")).await;
        // The select applies on change (forms.js); its button is for keyboards.
        let select = br.field("Language").await;
        if *lang != "en" {
            select.select_by_value(lang).await.unwrap();
            br.find(&format!("//html[@lang='{lang}']")).await;
            // Now the select's own label is translated.
            br.field(&t("language-label")).await;
        }
        let user = format!("user-{lang}");
        let email = format!("{user}@example.com");
        br.click_link(&t("login-create-account")).await;
        br.fill(&t("signup-email"), &email).await;
        br.fill(&t("signup-username"), &user).await;
        br.fill(&t("signup-password"), "a long first password")
            .await;
        let terms = br
            .find(&format!(
                "//label[contains(normalize-space(), \"{}\")]",
                t("signup-terms-link")
            ))
            .await;
        let id = terms.attr("for").await.unwrap().unwrap();
        br.c.find(Locator::Id(&id))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        br.click_button(&t("signup-submit")).await;
        br.wait_text(&t("check-email-title")).await;

        let mail = app.wait_mail(&email, "", 1).await;
        assert_eq!(mail.subject, t("mail-confirm-subject"), "{lang}");
        br.goto(&mail.link(&app.base)).await;
        br.click_button(&t("confirm-submit")).await;
        br.wait_text(&t("onboarding-profile-title")).await;
        br.click_button(&t("continue")).await;
        br.click_button(&t("onboarding-skip")).await;
        br.wait_text(&tr.t1("home-hello", "name", &user)).await;

        br.click_button(&t("menu-button")).await;
        br.click_button(&t("menu-sign-out")).await;
        br.wait_url(&app.url("/login")).await;
        br.click_link(&t("login-trouble")).await;
        br.fill(&t("recover-email"), &email).await;
        br.field(&t("recover-robot")).await.click().await.unwrap();
        br.find("//*[@data-captcha and @data-state='verified']")
            .await;
        br.click_button(&t("recover-submit")).await;
        let mail = app.wait_mail(&email, "", 2).await;
        assert_eq!(mail.subject, t("mail-recovery-subject"), "{lang}");
        br.goto(&mail.link(&app.base)).await;
        br.fill(&t("reset-password"), "a long second password")
            .await;
        br.click_button(&t("reset-submit")).await;
        br.wait_text(&t("reset-done-title")).await;
        br.click_link(&t("reset-sign-in")).await;
        br.fill(&t("login-identifier"), &email).await;
        br.fill(&t("login-password"), "a long second password")
            .await;
        br.click_button(&t("login-submit")).await;
        br.wait_text(&tr.t1("home-hello", "name", &user)).await;
        // Settings: this browser by its name in this language, and when it signed in
        // in this language and the browser's time zone (not the server's UTC).
        br.goto(&app.url("/settings")).await;
        let device = tr.t2("device-on", "browser", "Chrome", "os", "Linux");
        br.wait_text(&device).await;
        br.find("//time[@data-local]").await;
        let seen =
            br.c.execute(
                "var t = document.querySelector('time[data-local]');
                 var f = new Intl.DateTimeFormat(document.documentElement.lang,
                   { dateStyle: 'medium', timeStyle: 'short' });
                 return [t.textContent, f.format(new Date(t.getAttribute('datetime'))),
                   f.resolvedOptions().timeZone, f.resolvedOptions().locale];",
                vec![],
            )
            .await
            .unwrap();
        let seen: Vec<String> = serde_json::from_value(seen).unwrap();
        assert_eq!(seen[0], seen[1], "{lang}: {seen:?}");
        // ICU may still call it by its older name.
        assert!(
            ["Asia/Kolkata", "Asia/Calcutta"].contains(&seen[2].as_str()),
            "{seen:?}"
        );
        assert!(seen[3].starts_with(lang), "{lang}: {seen:?}");
        assert!(!seen[0].contains("UTC"), "{lang}: {seen:?}");
        if *lang == "de" {
            br.shot("login-de").await;
        }
        br.close().await;
    }
}

/// A real challenge of `app` (difficulty `max`) whose secret number lies in the
/// top quarter, so solving it takes a while and shows progress: candidates are
/// searched in that quarter only, off the async threads.
async fn slow_challenge(app: &TestApp, max: u64) -> serde_json::Value {
    let state = app.state.clone();
    tokio::task::spawn_blocking(move || {
        loop {
            let ch = state
                .captcha
                .challenge(lanyard::oidc::now(), 1)
                .expect("the built-in captcha");
            let (salt, target) = (
                ch["salt"].as_str().unwrap(),
                ch["challenge"].as_str().unwrap(),
            );
            let top = (max * 3 / 4..=max).any(|n| {
                lanyard::crypto::hex_encode(&lanyard::crypto::sha256(
                    format!("{salt}{n}").as_bytes(),
                )) == target
            });
            if top {
                return ch;
            }
        }
    })
    .await
    .unwrap()
}

/// The page's next `fetch` of the challenge answers `challenge` (a real one of
/// the server, picked by the test), so the test knows the puzzle is a long one.
async fn serve_challenge(br: &Browser, challenge: &serde_json::Value) {
    br.c.execute(
        "const ch = arguments[0]; const real = window.fetch;
         window.fetch = function (url, opts) {
           if (String(url).indexOf('/captcha/challenge') >= 0) {
             return Promise.resolve(new Response(JSON.stringify(ch), {headers: {'Content-Type': 'application/json'}}));
           }
           return real(url, opts);
         };",
        vec![challenge.clone()],
    )
    .await
    .unwrap();
}

/// "I'm not a robot" on a long puzzle: the bar and the polite status show how far
/// it got; Submit pressed meanwhile says it waits, and the form goes once solved.
/// Submit before ticking asks to tick first, and a second press then still works.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn captcha_shows_progress_and_submit_waits_in_chromium() {
    let _one = ONE_BROWSER.lock().await;
    let Some(br) = Browser::start().await else {
        return;
    };
    const MAX: u64 = 4_000_000;
    let app = TestApp::start_with(Backend::Sqlite, |c| c.captcha.difficulty = MAX).await;
    app.add_user("vic").await;

    // Submit first: "tick first"; then tick, wait, and submit: it goes (the first
    // press did not leave the form marked as sent).
    br.goto(&app.url("/recover")).await;
    br.fill("Email", "vic@example.com").await;
    br.click_button("Submit").await;
    br.wait_text("Tick “I'm not a robot” first.").await;
    br.solve_captcha().await;
    br.wait_text("Verified").await;
    // The worker's own measure of its rate on this machine, for the README.
    let rate =
        br.c.execute(
            "const p = JSON.parse(atob(document.querySelector('input[name=altcha]').value));
             return [p.number, p.took];",
            vec![],
        )
        .await
        .unwrap();
    if let (Some(n), Some(ms)) = (rate[0].as_u64(), rate[1].as_u64()) {
        eprintln!("Chromium's worker: {n} numbers in {ms} ms");
    }
    br.click_button("Submit").await;
    br.wait_text("If an account uses vic@example.com").await;
    app.wait_mail("vic@example.com", "password reset", 1).await;

    // A long puzzle: Submit while it works.
    let slow = slow_challenge(&app, MAX).await;
    br.goto(&app.url("/recover")).await;
    br.fill("Email", "vic@example.com").await;
    serve_challenge(&br, &slow).await;
    let started = std::time::Instant::now();
    br.field("I'm not a robot").await.click().await.unwrap();
    br.click_button("Submit").await;
    br.wait_text("The form is sent as soon as the check is done.")
        .await;
    // The bar moves, and the box says how far it got.
    br.find("//*[@data-captcha and @data-progress > 0]").await;
    let bar = br.find("//div[@data-captcha]//progress").await;
    assert!(bar.is_displayed().await.unwrap(), "the progress bar shows");
    assert_eq!(
        bar.attr("aria-label").await.unwrap().as_deref(),
        Some("Progress of the robot check")
    );
    br.shot("recover-checking").await;
    // The visible status reads the percentage; the polite live region says the
    // same in quarter steps.
    let status = br
        .find("//div[@data-captcha]//*[@data-captcha-status]")
        .await;
    assert!(
        status.text().await.unwrap().starts_with("Checking… "),
        "{:?}",
        status.text().await
    );
    let live = br.find("//div[@data-captcha]//*[@data-captcha-live]").await;
    assert_eq!(
        live.attr("aria-live").await.unwrap().as_deref(),
        Some("polite")
    );
    assert!(
        live.prop("textContent")
            .await
            .unwrap()
            .unwrap_or_default()
            .contains("The form is sent as soon as the check is done."),
        "the live region said it waits"
    );
    // Without another press, the form is sent once the answer is there.
    for _ in 0..300 {
        if br
            .text()
            .await
            .contains("If an account uses vic@example.com")
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    br.wait_text("If an account uses vic@example.com").await;
    let took = started.elapsed();
    app.wait_mail("vic@example.com", "password reset", 2).await;
    eprintln!(
        "Chromium solved a puzzle of at least {} numbers in {took:?}",
        MAX * 3 / 4
    );
    br.close().await;
}

/// One press of "Confirm email": in the browser that signed up (from an app's
/// sign-in page), signed in and through onboarding back to the app; in another
/// browser, the sign-in form with the username filled in.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_click_confirmation_in_chromium() {
    let _one = ONE_BROWSER.lock().await;
    let Some(br) = Browser::start().await else {
        return;
    };
    let (callback, _seen) = callback_server().await;
    let cb = callback.clone();
    let app = TestApp::start_with(Backend::Sqlite, move |c| {
        for client in &mut c.clients {
            client.redirect_uris.push(cb.clone());
        }
    })
    .await;
    let p = crate::errors::pkce();
    let url = crate::errors::auth_url(&app, "webapp", Some(&p), "").replace(
        &crate::e2e::urlencode(REDIRECT),
        &crate::e2e::urlencode(&callback),
    );

    br.goto(&url).await;
    br.wait_url(&app.url("/login?uid=")).await;
    br.click_link("Create Account").await;
    let sign_up = async |email: &str, user: &str| {
        br.fill("Email", email).await;
        br.fill("Username", user).await;
        br.fill("Password", "a long signup password").await;
        let terms = br
            .find("//label[contains(normalize-space(), 'Terms of Use')]")
            .await;
        let id = terms.attr("for").await.unwrap().unwrap();
        br.c.find(Locator::Id(&id))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        br.click_button("Create free account").await;
        br.wait_text("Check your email").await;
    };
    sign_up("wes@example.com", "wes").await;
    br.shot("check-your-email").await;
    let mail = app
        .wait_mail("wes@example.com", "Confirm your email", 1)
        .await;
    br.goto(&mail.link(&app.base)).await;
    br.click_button("Confirm email").await;
    br.wait_text("Set up your profile").await;
    br.click_button("Continue").await;
    br.click_button("Maybe Later").await;
    br.wait_text("Back at the app").await;

    // Another browser (no cookies): the sign-in form, the username filled in.
    br.goto(&app.url("/signup")).await;
    sign_up("xia@example.com", "xia").await;
    let mail = app
        .wait_mail("xia@example.com", "Confirm your email", 1)
        .await;
    br.c.delete_all_cookies().await.unwrap();
    br.goto(&mail.link(&app.base)).await;
    br.click_button("Confirm email").await;
    br.wait_text("Your email is confirmed. Sign in to continue.")
        .await;
    let identifier = br.field("Email or username").await;
    assert_eq!(
        identifier.prop("value").await.unwrap().as_deref(),
        Some("xia")
    );
    br.fill("Password", "a long signup password").await;
    br.click_button("Sign In").await;
    br.wait_text("Set up your profile").await;
    br.close().await;
}

/// The sign-in form sent after the browser lost its CSRF cookie (it was cleared
/// while the page stayed open): Chromium says the form came from this site, so what
/// was typed comes back with only the password to type again, and it signs in.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_form_keeps_what_was_typed_in_chromium() {
    let _one = ONE_BROWSER.lock().await;
    let Some(br) = Browser::start().await else {
        return;
    };
    let app = TestApp::start(Backend::Sqlite).await;
    app.add_user("noor").await;
    br.goto(&app.url("/login")).await;
    br.fill("Email or username", "noor").await;
    br.fill("Password", PASSWORD).await;
    br.c.delete_cookie("lanyard_csrf").await.unwrap();
    br.click_button("Sign In").await;
    br.wait_text("Send that again?").await;
    let kept = br.find("//input[@name='identifier']").await;
    assert_eq!(kept.attr("value").await.unwrap().as_deref(), Some("noor"));
    assert!(!br.c.source().await.unwrap().contains(PASSWORD));
    br.fill("Password", PASSWORD).await;
    br.click_button("Send again").await;
    br.wait_text("Hello, noor Example").await;
    br.close().await;
}

/// WebDriver's WebAuthn extension (WebAuthn Level 2 §11): a virtual authenticator
/// in the browser, and its credentials.
#[derive(Debug)]
enum VirtualAuthenticator {
    Add(serde_json::Value),
    Credentials(String),
    /// A Chrome DevTools command through chromedriver (`goog/cdp/execute`).
    Cdp(serde_json::Value),
}

impl fantoccini::wd::WebDriverCompatibleCommand for VirtualAuthenticator {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        let s = session.unwrap_or_default();
        base.join(&match self {
            VirtualAuthenticator::Add(_) => format!("session/{s}/webauthn/authenticator"),
            VirtualAuthenticator::Credentials(a) => {
                format!("session/{s}/webauthn/authenticator/{a}/credentials")
            }
            VirtualAuthenticator::Cdp(_) => format!("session/{s}/goog/cdp/execute"),
        })
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        match self {
            VirtualAuthenticator::Add(b) | VirtualAuthenticator::Cdp(b) => {
                (http::Method::POST, Some(b.to_string()))
            }
            VirtualAuthenticator::Credentials(_) => (http::Method::GET, None),
        }
    }
}

impl Browser {
    /// A platform authenticator that keeps discoverable credentials and verifies
    /// the person (a fingerprint, say) every time; its id.
    pub async fn add_virtual_authenticator(&self) -> String {
        let id = self
            .c
            .issue_cmd(VirtualAuthenticator::Add(json!({
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": true,
                "hasUserVerification": true,
                "isUserConsenting": true,
                "isUserVerified": true,
            })))
            .await
            .unwrap();
        id.as_str().unwrap().to_string()
    }

    /// Pages opened from now on find no conditional mediation (passkeys in
    /// autofill), as in a browser without it: the virtual authenticator answers an
    /// autofill request at once, which leaves no page to press a button on.
    pub async fn without_passkey_autofill(&self) {
        let source =
            "PublicKeyCredential.isConditionalMediationAvailable = () => Promise.resolve(false);";
        self.c
            .issue_cmd(VirtualAuthenticator::Cdp(json!({
                "cmd": "Page.addScriptToEvaluateOnNewDocument",
                "params": { "source": source },
            })))
            .await
            .unwrap();
    }

    /// The credentials the virtual authenticator holds.
    pub async fn credentials(&self, authenticator: &str) -> Vec<serde_json::Value> {
        let v = self
            .c
            .issue_cmd(VirtualAuthenticator::Credentials(authenticator.into()))
            .await
            .unwrap();
        v.as_array().cloned().unwrap_or_default()
    }
}

/// Passkeys in Chromium with its virtual authenticator: "Add a passkey" in
/// Settings (a discoverable credential the authenticator now holds), "Sign in with
/// a passkey" with nothing typed, the passkey as the second step, and removal,
/// refused for the last way to sign in.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn passkeys_in_chromium() {
    let _one = ONE_BROWSER.lock().await;
    let Some(br) = Browser::start().await else {
        return;
    };
    let app = crate::passkeys::localhost_app(Backend::Sqlite).await;
    let pat = app.add_user("pat").await;
    let authenticator = br.add_virtual_authenticator().await;
    br.goto(&app.url("/login")).await;
    br.sign_in("pat", PASSWORD).await;
    // Offered once after a password sign-in: "Sign in faster next time".
    br.wait_text("Sign in faster next time").await;
    br.shot("passkeys-offer").await;
    br.fill("Passkey name", "Chromium").await;
    br.click_button("Add a passkey").await;
    br.wait_text("Hello, pat Example").await;
    br.goto(&app.url("/settings#passkeys")).await;
    br.wait_text("Chromium").await;
    br.shot("passkeys-settings").await;
    let held = br.credentials(&authenticator).await;
    assert_eq!(held.len(), 1, "{held:?}");
    assert_eq!(held[0]["isResidentCredential"], true, "discoverable");
    let rows = app.state.store().user_passkeys(&pat.id).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].name, "Chromium");

    // Signed out, the sign-in page asks for passkeys in autofill (conditional
    // mediation), and the virtual authenticator picks its one at once: signed in
    // again with nothing typed.
    let passkey_sign_ins =
        "SELECT COUNT(*) FROM audit_log WHERE event = 'sign_in' AND detail = 'hwk user mfa'";
    assert_eq!(count_sql(&app, passkey_sign_ins).await, 0);
    br.click_button("Account menu").await;
    br.click_button("Sign out").await;
    br.wait_text("Hello, pat Example").await;
    assert_eq!(count_sql(&app, passkey_sign_ins).await, 1, "autofill");

    // Without autofill: "Sign in with a passkey", nothing typed.
    br.without_passkey_autofill().await;
    br.sign_out().await;
    br.wait_text("Sign in with a passkey").await;
    br.shot("passkeys-login").await;
    br.click_button("Sign in with a passkey").await;
    br.wait_text("Hello, pat Example").await;
    assert_eq!(count_sql(&app, passkey_sign_ins).await, 2, "the button");

    // Two-step verification on: the code page offers "Use a passkey".
    br.goto(&app.url("/settings")).await;
    br.click_button("Set up two-step verification").await;
    br.wait_text("Scan this QR code").await;
    let b32 = br
        .find("//code[@aria-label='Secret key']")
        .await
        .text()
        .await
        .unwrap();
    let secret = totp_rs::Secret::try_from_base32(b32.trim())
        .unwrap()
        .as_bytes()
        .to_vec();
    br.fill(
        "Code",
        &lanyard::auth::totp::code_at(&secret, lanyard::oidc::now()),
    )
    .await;
    br.click_button("Verify").await;
    br.wait_text("Two-step verification is on").await;
    br.goto(&app.url("/")).await;
    br.sign_out().await;
    br.sign_in("pat", PASSWORD).await;
    br.wait_text("Use a passkey").await;
    br.shot("passkeys-second-step").await;
    br.click_button("Use a passkey").await;
    br.wait_text("Hello, pat Example").await;

    // The only passkey of an account without a password cannot be removed.
    exec_sql(&app, "UPDATE users SET password_hash = NULL").await;
    br.goto(&app.url("/settings#passkeys")).await;
    br.click_button("Remove the passkey Chromium").await;
    br.wait_text("only way to sign in").await;
    assert_eq!(
        app.state
            .store()
            .user_passkeys(&pat.id)
            .await
            .unwrap()
            .len(),
        1
    );
    // With a password again it may go.
    let hash = app.state.hasher.hash(PASSWORD).await.unwrap();
    let store = app.state.store();
    store
        .set_password_hash(&pat.id, &hash, lanyard::oidc::now())
        .await
        .unwrap();
    br.click_button("Remove the passkey Chromium").await;
    br.wait_text("Passkey removed.").await;
    assert!(store.user_passkeys(&pat.id).await.unwrap().is_empty());
    br.close().await;
}
