//! Every hosted page through axe-core (injected through WebDriver), in light and
//! dark mode, at 1280×800 and 390×844, and once in German: no serious or critical
//! violation anywhere. The same walk takes the README's screenshots (light, dark,
//! German) when `LANYARD_UPDATE_SCREENSHOTS=1`.
//!
//! axe-core comes from npm (`.ci/run` installs it); `LANYARD_TEST_AXE` names its
//! `axe.min.js`.

use crate::browser::{Browser, ONE_BROWSER};
use crate::common::*;
use crate::errors::{auth_url, pkce};
use fantoccini::Locator;
use std::time::Duration;

/// How one walk looks at the pages.
struct Look {
    name: &'static str,
    dark: bool,
    size: (u32, u32),
    lang: &'static str,
    /// Screenshots of this walk go into the README's set.
    shots: bool,
}

const LOOKS: &[Look] = &[
    Look {
        name: "light",
        dark: false,
        size: (1280, 800),
        lang: "en",
        shots: true,
    },
    Look {
        name: "light-phone",
        dark: false,
        size: (390, 844),
        lang: "en",
        shots: false,
    },
    Look {
        name: "dark",
        dark: true,
        size: (1280, 800),
        lang: "en",
        shots: true,
    },
    Look {
        name: "dark-phone",
        dark: true,
        size: (390, 844),
        lang: "en",
        shots: false,
    },
    Look {
        name: "de",
        dark: false,
        size: (1280, 800),
        lang: "de",
        shots: true,
    },
];

/// Runs axe on the page; the serious and critical violations, one line each.
async fn violations(br: &Browser, axe: &str, page: &str) -> Vec<String> {
    br.c.execute(axe, vec![]).await.unwrap();
    let found =
        br.c.execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { resultTypes: ['violations'] }).then(r => done(
               r.violations
                 .filter(v => v.impact === 'serious' || v.impact === 'critical')
                 .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — ' +
                      v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))));",
            vec![],
        )
        .await
        .unwrap();
    found
        .as_array()
        .unwrap()
        .iter()
        .map(|v| format!("{page}: {}", v.as_str().unwrap()))
        .collect()
}

/// Waits until the document at `path` (a prefix of its URL path) has loaded.
async fn at(br: &Browser, app: &TestApp, path: &str) {
    for _ in 0..100 {
        let url = br.url().await;
        let ready =
            br.c.execute("return document.readyState", vec![])
                .await
                .map(|v| v == "complete")
                .unwrap_or(false);
        if url.starts_with(&app.url(path)) && ready {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("never reached {path}: at {}", br.url().await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_passes_axe_in_light_and_dark_on_desktop_and_phone() {
    let _one = ONE_BROWSER.lock().await;
    let Some(axe_path) = gated_env("LANYARD_TEST_AXE", "the accessibility test") else {
        return;
    };
    let axe = format!(
        "{}\nreturn true;",
        std::fs::read_to_string(&axe_path).expect("LANYARD_TEST_AXE names axe.min.js")
    );
    let app = TestApp::start_with(Backend::Sqlite, |c| c.captcha.difficulty = 3000).await;
    let mut found = Vec::new();
    for (i, look) in LOOKS.iter().enumerate() {
        let flags: &[&str] = if look.dark {
            &["--blink-settings=preferredColorScheme=0"]
        } else {
            &[]
        };
        let Some(br) = Browser::start_with(flags).await else {
            return;
        };
        br.c.set_window_size(look.size.0, look.size.1)
            .await
            .unwrap();
        let check = async |page: &str| {
            let mut v = violations(&br, &axe, &format!("{} {page}", look.name)).await;
            if look.shots {
                let suffix = if look.name == "light" {
                    String::new()
                } else {
                    format!("-{}", look.name)
                };
                br.shot(&format!("a11y-{page}{suffix}")).await;
            }
            std::mem::take(&mut v)
        };
        br.goto(&app.url("/login")).await;
        if look.dark {
            let dark =
                br.c.execute(
                    "return matchMedia('(prefers-color-scheme: dark)').matches",
                    vec![],
                )
                .await
                .unwrap();
            assert_eq!(dark, true, "the dark walk must be in dark mode");
        }
        if look.lang != "en" {
            br.goto(&app.url(&format!("/language?lang={}&back=/login", look.lang)))
                .await;
            br.find(&format!("//html[@lang='{}']", look.lang)).await;
        }
        // Signed out.
        for (name, path) in [
            ("login", "/login"),
            ("signup", "/signup"),
            ("recover", "/recover"),
            ("terms", "/terms"),
            ("not-found", "/nowhere"),
            ("reset-expired", "/reset?token=expired"),
            ("confirm", "/confirm?token=abc"),
        ] {
            br.goto(&app.url(path)).await;
            at(&br, &app, path.split('?').next().unwrap()).await;
            found.extend(check(name).await);
        }
        // A form sent after the browser lost its CSRF cookie: "Send that again?".
        br.goto(&app.url("/login")).await;
        at(&br, &app, "/login").await;
        let typed = br.c.find_all(Locator::Css("form[action='/login'] input[type=text], form[action='/login'] input[type=password]")).await.unwrap();
        typed[0].send_keys("someone").await.unwrap();
        typed[1].send_keys("a password").await.unwrap();
        br.c.delete_cookie("lanyard_csrf").await.unwrap();
        br.c.find(Locator::Css("form[action='/login'] button[type=submit]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        br.find("//input[@id='again-password']").await;
        at(&br, &app, "/login").await;
        found.extend(check("form-expired").await);
        // A first sign-in: onboarding, then the signed-in pages.
        let user = format!("walker{i}");
        let u = app.add_user(&user).await;
        exec_sql(&app, "UPDATE users SET onboarded_at = NULL").await;
        br.goto(&app.url("/login")).await;
        let ids = br.c.find_all(Locator::Css("form[action='/login'] input[type=text], form[action='/login'] input[type=password]")).await.unwrap();
        ids[0].send_keys(&user).await.unwrap();
        ids[1].send_keys(PASSWORD).await.unwrap();
        br.c.find(Locator::Css("form[action='/login'] button[type=submit]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        at(&br, &app, "/onboarding/profile").await;
        found.extend(check("onboarding-profile").await);
        br.goto(&app.url("/onboarding/team")).await;
        at(&br, &app, "/onboarding/team").await;
        found.extend(check("onboarding-team").await);
        app.state
            .store()
            .set_onboarded(&u.id, lanyard::oidc::now())
            .await
            .unwrap();
        let team = lanyard::account::teams::create(
            &app.state.account(lanyard::oidc::now()),
            &u,
            "Walkers",
            &[],
        )
        .await
        .map_err(|_| "team not created")
        .unwrap();
        // An invitation of that team that expired yesterday.
        let invitation = format!("walk-invitation-{i}");
        let sent = lanyard::oidc::now() - 8 * 24 * 3600;
        app.state
            .store()
            .create_invite(
                &lanyard::crypto::token_hash(&invitation),
                &team,
                "guest@example.com",
                &u.id,
                sent,
                sent + 7 * 24 * 3600,
            )
            .await
            .unwrap();
        for (name, path) in [
            ("invite-expired", format!("/invite?token={invitation}")),
            ("home", "/".to_string()),
            ("settings", "/settings".to_string()),
            ("teams", "/teams".to_string()),
            ("team", format!("/teams/{team}")),
            ("accounts", "/accounts".to_string()),
            ("reauth", "/reauth?next=%2Fsettings".to_string()),
            ("logout", "/logout".to_string()),
            ("add-account", "/login?add=1".to_string()),
            ("delete-account", "/settings/delete".to_string()),
            ("device", "/device".to_string()),
            (
                "device-unknown-code",
                "/device?user_code=BCDF-GHJK".to_string(),
            ),
        ] {
            br.goto(&app.url(&path)).await;
            at(&br, &app, path.split('?').next().unwrap()).await;
            found.extend(check(name).await);
        }
        // The menu, open.
        br.goto(&app.url("/")).await;
        at(&br, &app, "/").await;
        br.c.find(Locator::Css("[data-menu-button]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        found.extend(check("menu").await);
        // Consent for a third-party app.
        br.goto(&auth_url(&app, "thirdparty", Some(&pkce()), ""))
            .await;
        at(&br, &app, "/consent").await;
        found.extend(check("consent").await);
        // Two-step setup.
        br.goto(&app.url("/settings")).await;
        at(&br, &app, "/settings").await;
        br.c.find(Locator::Css(
            "form[action='/settings/two-step/setup'] button",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
        at(&br, &app, "/settings/two-step/setup").await;
        found.extend(check("two-step-setup").await);
        br.close().await;
    }
    assert!(
        found.is_empty(),
        "axe found {} serious or critical violations:\n{}",
        found.len(),
        found.join("\n")
    );
}

/// The branded example of the README: "Acme ID" in German with its logo and colour
/// (`branding::acme`), through axe too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_branded_example_passes_axe() {
    let _one = ONE_BROWSER.lock().await;
    let Some(axe_path) = gated_env("LANYARD_TEST_AXE", "the accessibility test") else {
        return;
    };
    let axe = format!(
        "{}\nreturn true;",
        std::fs::read_to_string(&axe_path).unwrap()
    );
    let dir = tempfile::tempdir().unwrap();
    let app = TestApp::start_with(Backend::Sqlite, crate::branding::acme(dir.path())).await;
    let Some(br) = Browser::start().await else {
        return;
    };
    let mut found = Vec::new();
    // Chromium asks for English (Accept-Language beats the default): choose German.
    br.goto(&app.url("/language?lang=de&back=/login")).await;
    for (name, path) in [("login", "/login"), ("signup", "/signup")] {
        br.goto(&app.url(path)).await;
        at(&br, &app, path).await;
        br.find("//html[@lang='de']").await;
        assert!(br.text().await.contains("Acme ID"));
        found.extend(violations(&br, &axe, &format!("acme {name}")).await);
        br.shot(&format!("branded-{name}")).await;
    }
    br.close().await;
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// The passkey pages (only an issuer with a host name has them): "Sign in faster
/// next time", Settings with a passkey listed, and the sign-in page with "Sign in
/// with a passkey", in light mode on a desktop and dark mode on a phone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_passkey_pages_pass_axe() {
    let _one = ONE_BROWSER.lock().await;
    let Some(axe_path) = gated_env("LANYARD_TEST_AXE", "the accessibility test") else {
        return;
    };
    let axe = format!(
        "{}\nreturn true;",
        std::fs::read_to_string(&axe_path).unwrap()
    );
    let app = crate::passkeys::localhost_app(Backend::Sqlite).await;
    let mut found = Vec::new();
    for (i, look) in [&LOOKS[0], &LOOKS[3]].into_iter().enumerate() {
        let flags: &[&str] = if look.dark {
            &["--blink-settings=preferredColorScheme=0"]
        } else {
            &[]
        };
        let Some(br) = Browser::start_with(flags).await else {
            return;
        };
        br.c.set_window_size(look.size.0, look.size.1)
            .await
            .unwrap();
        br.add_virtual_authenticator().await;
        br.without_passkey_autofill().await;
        let user = format!("keyholder{i}");
        app.add_user(&user).await;
        br.goto(&app.url("/login")).await;
        br.sign_in(&user, PASSWORD).await;
        br.wait_text("Sign in faster next time").await;
        found.extend(violations(&br, &axe, &format!("{} passkey-offer", look.name)).await);
        br.fill("Passkey name", "Laptop").await;
        br.click_button("Add a passkey").await;
        // The ceremony ends in a form post and a redirect home; going on before it
        // lands would be overtaken by it (`at(.., "/")` matches every page).
        br.wait_text(&format!("Hello, {user} Example")).await;
        br.goto(&app.url("/settings#passkeys")).await;
        br.wait_text("Laptop").await;
        found.extend(violations(&br, &axe, &format!("{} settings-passkeys", look.name)).await);
        br.sign_out().await;
        br.wait_text("Sign in with a passkey").await;
        found.extend(violations(&br, &axe, &format!("{} login-passkey", look.name)).await);
        br.close().await;
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}
