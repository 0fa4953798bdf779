//! The operator's own product: brand and languages, over HTTP. An operator ships
//! "Acme ID" in German with a logo, a favicon, a colour and a stylesheet, without
//! rebuilding; no page or mail says "Lanyard". The language comes from
//! `ui_locales`, else the "Language" choice, else `Accept-Language`, else the
//! default; an operator's `[i18n] dir` overrides strings.

use crate::common::*;
use crate::errors::{auth_url, pkce};
use crate::on_both_backends;
use lanyard::config::Config;

const LOGO: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><rect width=\"10\" height=\"10\" fill=\"#0a7\"/></svg>";

/// Acme ID's files and config: German by default, a logo, a favicon, a stylesheet,
/// an override of one string, and a named app.
pub fn acme(dir: &std::path::Path) -> impl FnOnce(&mut Config) + use<> {
    let brand = dir.join("brand");
    std::fs::create_dir_all(brand.join("locales/de")).unwrap();
    std::fs::write(brand.join("logo.svg"), LOGO).unwrap();
    std::fs::write(brand.join("favicon.png"), b"\x89PNG\r\n\x1a\nnot really").unwrap();
    std::fs::write(brand.join("site.css"), "body { letter-spacing: .01em; }").unwrap();
    std::fs::write(
        brand.join("locales/de/acme.ftl"),
        "login-trouble = Passwort vergessen? Hilfe bei { $product }\n",
    )
    .unwrap();
    move |c: &mut Config| {
        c.branding.product_name = "Acme ID".into();
        c.branding.logo = Some(brand.join("logo.svg"));
        c.branding.favicon = Some(brand.join("favicon.png"));
        c.branding.custom_css = Some(brand.join("site.css"));
        c.branding.primary_color = "#0a7d55".into();
        c.branding.support_url = Some("https://acme.example/help".into());
        c.branding.privacy_url = Some("https://acme.example/privacy".into());
        c.mail.from = "Orchard ID <id@acme.example>".into();
        c.i18n.default_locale = "de".into();
        c.i18n.dir = Some(brand.join("locales"));
        let shop = c.clients.iter_mut().find(|c| c.id == "thirdparty").unwrap();
        shop.name = Some("Acme Shop".into());
        shop.policy_uri = Some("https://shop.acme.example/privacy".into());
        shop.logo_uri = Some("https://cdn.acme.example/shop.png".into());
        shop.tos_uri = Some("https://shop.acme.example/terms".into());
    }
}

fn no_lanyard(what: &str, text: &str) {
    assert!(
        !text.to_lowercase().contains("lanyard"),
        "{what} shows \"Lanyard\": {}",
        text.lines()
            .filter(|l| l.to_lowercase().contains("lanyard"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

async fn acme_id_in_german_without_rebuilding(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let app = TestApp::start_with(backend, acme(dir.path())).await;
    let b = browser();

    // The pages a visitor meets, signed out: German, Acme's, no "Lanyard".
    for path in [
        "/login",
        "/signup",
        "/recover",
        "/terms",
        "/nowhere",
        "/reset?token=x",
    ] {
        let r = b.get(app.url(path)).send().await.unwrap();
        let html = r.text().await.unwrap();
        assert!(html.contains("<html lang=\"de\""), "{path}: {html}");
        assert!(html.contains("· Acme ID</title>"), "{path}: title");
        assert!(html.contains("/static/brand/logo.svg?v="), "{path}: logo");
        assert!(
            html.contains("/static/brand/site.css?v="),
            "{path}: custom css"
        );
        assert!(
            html.contains("href=\"https://acme.example/help\""),
            "{path}: help"
        );
        assert!(
            html.contains("<label for=\"language\">Sprache</label>"),
            "{path}: Language"
        );
        no_lanyard(path, &html);
    }
    let login = b
        .get(app.url("/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(login.contains("Anmelden"), "German sign-in: {login}");
    // The operator's own string, from `[i18n] dir`, with the product name.
    assert!(
        login.contains("Passwort vergessen? Hilfe bei Acme ID"),
        "{login}"
    );

    // Their files are served, the favicon also where browsers look for it.
    let logo = b
        .get(app.url("/static/brand/logo.svg"))
        .send()
        .await
        .unwrap();
    assert_eq!(logo.headers()["content-type"], "image/svg+xml");
    assert_eq!(logo.text().await.unwrap(), LOGO);
    let fav = b.get(app.url("/favicon.ico")).send().await.unwrap();
    assert_eq!(fav.status(), 200);
    assert_eq!(fav.headers()["content-type"], "image/png");
    let theme = b
        .get(app.url("/static/brand/theme.css"))
        .send()
        .await
        .unwrap();
    let theme = theme.text().await.unwrap();
    assert!(theme.contains("--accent: #0a7d55"), "{theme}");

    // Discovery lists the languages.
    let d: serde_json::Value = http()
        .get(app.url("/.well-known/openid-configuration"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        d["ui_locales_supported"],
        serde_json::json!(["en", "de", "fr", "es"])
    );

    // Signing up: the confirmation mail is German, from Acme ID, without "Lanyard".
    let (_, csrf) = form_page(&b, &app.url("/signup")).await;
    let r = b
        .post(app.url("/signup"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("email", "greta@example.com"),
            ("username", "greta"),
            ("password", "ein schönes langes Passwort"),
            ("terms", "on"),
        ])
        .send()
        .await
        .unwrap();
    let page = r.text().await.unwrap();
    assert!(page.contains("E-Mail"), "{page}");
    no_lanyard("check your email", &page);
    let mail = app.wait_mail("greta@example.com", "", 1).await;
    assert!(
        mail.subject.contains("E-Mail"),
        "German subject: {}",
        mail.subject
    );
    no_lanyard("confirmation mail subject", &mail.subject);
    no_lanyard("confirmation mail text", &mail.text);
    no_lanyard("confirmation mail html", &mail.html);
    assert!(mail.text.contains("Acme ID"), "{}", mail.text);
    assert!(mail.html.contains("<html lang=\"de\">"), "{}", mail.html);
    // The link stands whole on a line of its own in the text part (no soft breaks).
    let link = mail.link(&app.base);
    assert!(mail.text.lines().any(|l| l == link), "{}", mail.text);

    // Signed in: home, settings and the two-step setup (its authenticator label).
    let user = app.add_user("hans").await;
    let r = post_login(&app, &b, "hans", PASSWORD).await;
    assert_eq!(r.status(), 303);
    let store = app.state.store();
    assert_eq!(
        store
            .user_by_id(&user.id)
            .await
            .unwrap()
            .unwrap()
            .locale
            .as_deref(),
        Some("de"),
        "the language used is remembered for mail"
    );
    for path in ["/", "/settings", "/teams"] {
        let html = b
            .get(app.url(path))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(html.contains("<html lang=\"de\""), "{path}");
        no_lanyard(path, &html);
    }
    let (_, csrf) = form_page(&b, &app.url("/settings")).await;
    let setup = b
        .post(app.url("/settings/two-step/setup"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        setup.contains("otpauth://totp/Acme%20ID:"),
        "issuer label: {setup}"
    );
    assert!(setup.contains("issuer=Acme%20ID"), "{setup}");
    no_lanyard("two-step setup", &setup);

    // A third-party app appears by its name, with its links, on the consent page.
    let p = pkce();
    let r = b
        .get(auth_url(&app, "thirdparty", Some(&p), "&prompt=consent"))
        .send()
        .await
        .unwrap();
    let consent_url = absolute(&app.base, &location(&r));
    let consent = b
        .get(&consent_url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(consent.contains("Acme Shop"), "{consent}");
    assert!(
        !consent.contains("thirdparty"),
        "the id is not shown: {consent}"
    );
    assert!(
        consent.contains("https://shop.acme.example/privacy"),
        "{consent}"
    );
    no_lanyard("consent", &consent);
}

async fn the_language_of_a_request(backend: Backend) {
    let app = TestApp::start(backend).await;
    let b = browser();
    let get = |path: &str, lang: Option<&str>| {
        let mut r = b.get(app.url(path));
        if let Some(l) = lang {
            r = r.header("accept-language", l);
        }
        async move { r.send().await.unwrap().text().await.unwrap() }
    };
    // Accept-Language, with its weights; English when none matches.
    let html = get("/login", Some("da, fr;q=0.9, en;q=0.1")).await;
    assert!(html.contains("<html lang=\"fr\""), "{html}");
    assert!(html.contains("Mot de passe"), "French labels");
    let html = get("/login", Some("da")).await;
    assert!(html.contains("<html lang=\"en\""));
    assert!(
        html.contains(">Email or username</label>"),
        "SPEC §5 labels"
    );

    // The "Language" select beats Accept-Language, and comes back to the page.
    let r = b
        .get(app.url("/language?lang=es&back=%2Frecover"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/recover");
    let html = get("/recover", Some("fr")).await;
    assert!(html.contains("<html lang=\"es\""), "{html}");
    assert!(
        html.contains("No soy un robot"),
        "Spanish captcha label: {html}"
    );
    // A foreign `back` stays on this site.
    let r = b
        .get(app.url("/language?lang=de&back=https%3A%2F%2Fevil.example%2F"))
        .send()
        .await
        .unwrap();
    assert_eq!(location(&r), "/");

    // `ui_locales` of the sign-in request beats the choice, for that sign-in.
    let r = b
        .get(auth_url(
            &app,
            "webapp",
            Some(&pkce()),
            "&ui_locales=fr-CA%20de",
        ))
        .send()
        .await
        .unwrap();
    let login = absolute(&app.base, &location(&r));
    let html = b.get(&login).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("<html lang=\"fr\""), "ui_locales: {html}");
    // A new request without it goes back to the person's choice (German now).
    let _ = b
        .get(auth_url(&app, "webapp", Some(&pkce()), ""))
        .send()
        .await
        .unwrap();
    let html = get("/login", None).await;
    assert!(html.contains("<html lang=\"de\""), "{html}");
    // The same for a request sent as a form POST (OIDC Core §3.1.2.1): its body's
    // `ui_locales` counts, and the request itself still arrives whole.
    let url = auth_url(&app, "webapp", Some(&pkce()), "&ui_locales=es");
    let (path, query) = url.split_once('?').unwrap();
    let r = b
        .post(path)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(query.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "POST /authorize");
    let login = absolute(&app.base, &location(&r));
    assert!(login.contains("/login?uid="), "{login}");
    let html = b.get(&login).send().await.unwrap().text().await.unwrap();
    assert!(
        html.contains("<html lang=\"es\""),
        "POST ui_locales: {html}"
    );

    // Recovery mail goes out in the language of the account's owner.
    let user = app.add_user("ines").await;
    app.state.store().set_locale(&user.id, "es").await.unwrap();
    let user = app
        .state
        .store()
        .user_by_id(&user.id)
        .await
        .unwrap()
        .unwrap();
    let (_, csrf) = form_page(&b, &app.url("/recover")).await;
    let _ = csrf;
    lanyard::account::links::send_recovery(&app.state.account(lanyard::oidc::now()), &user)
        .await
        .unwrap();
    let mail = app.wait_mail("ines@example.com", "", 1).await;
    assert!(
        mail.text.contains("Tu nombre de usuario"),
        "Spanish mail: {}",
        mail.text
    );
}

async fn onboarding_and_teams_can_be_switched_off(backend: Backend) {
    let app = TestApp::start_with(backend, |c| {
        c.onboarding.enabled = false;
        c.onboarding.teams = false;
    })
    .await;
    app.add_user("olaf").await;
    // A first sign-in goes straight on: no profile step.
    exec_sql(&app, "UPDATE users SET onboarded_at = NULL").await;
    let b = browser();
    let r = post_login(&app, &b, "olaf", PASSWORD).await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/", "no onboarding");
    let home = b
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(home.contains("olaf"), "{home}");
    assert!(!home.contains("href=\"/teams\""), "no Teams link: {home}");
    let r = b.get(app.url("/teams")).send().await.unwrap();
    assert_eq!(r.status(), 404, "no Teams pages");
}

on_both_backends!(
    acme_id_in_german_without_rebuilding,
    the_language_of_a_request,
    onboarding_and_teams_can_be_switched_off
);

#[test]
fn the_issuer_follows_listen_and_check_warns_when_it_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lanyard.toml");
    std::fs::write(&file, "listen = \"127.0.0.1:9191\"\n").unwrap();
    let c = Config::load(Some(&file)).unwrap();
    assert_eq!(c.issuer, "http://localhost:9191");
    assert!(c.warnings().is_empty(), "{:?}", c.warnings());
    std::fs::write(&file, "listen = \"10.1.2.3:80\"\n").unwrap();
    assert_eq!(
        Config::load(Some(&file)).unwrap().issuer,
        "http://10.1.2.3:80"
    );
    std::fs::write(
        &file,
        "listen = \"127.0.0.1:9191\"\nissuer = \"http://127.0.0.1:8080\"\n",
    )
    .unwrap();
    let c = Config::load(Some(&file)).unwrap();
    let w = c.warnings();
    assert_eq!(w.len(), 2, "{w:?}");
    assert_eq!(w[0].key, "issuer");
    assert!(
        w[0].message.contains("is not where this server listens"),
        "{w:?}"
    );
    // An IP address as the issuer: no passkeys, and check says so.
    assert!(w[1].message.starts_with("passkeys are off"), "{w:?}");
    // Behind a trusted proxy the public URL may differ.
    std::fs::write(
        &file,
        "listen = \"127.0.0.1:9191\"\nissuer = \"https://id.example.com\"\n[proxy]\ntrusted = [\"127.0.0.1\"]\n",
    )
    .unwrap();
    assert!(Config::load(Some(&file)).unwrap().warnings().is_empty());
    // Passkeys: the relying party is the issuer's host or a parent domain of it.
    let with = |webauthn: &str| {
        let text = format!("issuer = \"https://id.example.com\"\n[webauthn]\n{webauthn}\n");
        std::fs::write(&file, text).unwrap();
        Config::load(Some(&file)).map(|c| c.relying_party().map(|(rp, o)| (rp, o.len())))
    };
    assert_eq!(with("").unwrap(), Some(("id.example.com".into(), 1)));
    let parent = "rp_id = \"example.com\"\norigins = [\"https://login.example.com\"]";
    assert_eq!(with(parent).unwrap(), Some(("example.com".into(), 2)));
    let err = with("rp_id = \"other.example\"").unwrap_err().to_string();
    assert!(
        err.contains("webauthn.rp_id") && err.contains("nor a parent domain"),
        "{err}"
    );
    let err = with("origins = [\"https://evil.example\"]")
        .unwrap_err()
        .to_string();
    assert!(err.contains("webauthn.origins"), "{err}");
}

#[test]
fn check_names_bad_brand_files_and_colours_and_warns_on_contrast() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lanyard.toml");
    std::fs::write(
        &file,
        "[branding]\nlogo = \"nope.svg\"\nfavicon = \"f.gif\"\nprimary_color = \"blue\"\n[i18n]\ndefault_locale = \"xx\"\n",
    )
    .unwrap();
    let err = Config::load(Some(&file)).err().unwrap().to_string();
    for key in [
        "branding.logo",
        "branding.favicon",
        "branding.primary_color",
        "i18n.default_locale",
    ] {
        assert!(err.contains(key), "{key} missing: {err}");
    }
    // A light yellow gets dark text and passes; this mid grey reaches 4.5:1 with
    // neither white nor dark text.
    std::fs::write(&file, "[branding]\nprimary_color = \"#ffd400\"\n").unwrap();
    assert!(Config::load(Some(&file)).unwrap().warnings().is_empty());
    std::fs::write(&file, "[branding]\nprimary_color = \"#797979\"\n").unwrap();
    let w = Config::load(Some(&file)).unwrap().warnings();
    assert!(
        w.iter()
            .any(|p| p.key == "branding.primary_color" && p.message.contains("4.5:1")),
        "{w:?}"
    );
}
