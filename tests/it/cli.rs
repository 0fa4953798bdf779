//! The `lanyard` binary as an admin uses it.

use crate::common::*;
use std::{
    io::Write,
    process::{Command, Stdio},
};

pub(crate) fn lanyard(
    app_dir: &std::path::Path,
    db: &str,
    issuer: &str,
    args: &[&str],
    stdin: Option<&str>,
) -> (bool, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_lanyard"))
        .args(args)
        .env("LANYARD_ISSUER", issuer)
        .env("LANYARD_DATABASE__URL", db)
        .env("LANYARD_DATA_DIR", app_dir)
        .env_remove("LANYARD_CONFIG")
        .current_dir(app_dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn check_names_every_bad_key() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lanyard.toml");
    std::fs::write(
        &file,
        r#"
issuer = "ftp://id.example.com"
listen = "everywhere"
[database]
max_connections = "many"
[sessions]
remember_me = "forever"
[[clients]]
id = "shop"
redirect_uris = ["/relative"]
grant_types = ["client_credentials"]
id_token_signed_response_alg = "HS256"
"#,
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_lanyard"))
        .args(["check", "--config"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    // Type errors are reported first (the file cannot be read further until they are
    // fixed); a value outside a closed set, like HS256, is one too.
    assert!(
        err.contains("database.max_connections")
            || err.contains("sessions.remember_me")
            || err.contains("clients[0].id_token_signed_response_alg"),
        "{err}"
    );
    assert!(!err.contains("listen"), "{err}");

    // A value outside a closed set is a type error too: it names its key and the
    // allowed values.
    std::fs::write(
        &file,
        r#"
issuer = "ftp://id.example.com"
[[clients]]
id = "shop"
redirect_uris = ["/relative"]
grant_types = ["client_credentials"]
id_token_signed_response_alg = "HS256"
"#,
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_lanyard"))
        .args(["check", "--config"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "clients[0].id_token_signed_response_alg: \"HS256\" is not a signing algorithm; allowed: RS256, ES256, EdDSA"
        ),
        "{err}"
    );

    std::fs::write(
        &file,
        r#"
issuer = "ftp://id.example.com"
listen = "everywhere"
[[clients]]
id = "shop"
redirect_uris = ["/relative"]
grant_types = ["client_credentials"]
"#,
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_lanyard"))
        .args(["check", "--config"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    for key in [
        "issuer",
        "listen",
        "clients[0].redirect_uris[0]",
        "clients[0].grant_types",
    ] {
        assert!(err.contains(key), "{key} not named in:\n{err}");
    }
    // Unknown keys are errors too, and the server does not start on a bad config.
    std::fs::write(&file, "isuer = \"https://x\"\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_lanyard"))
        .args(["serve", "--config"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("isuer"));
    // Every section takes environment overrides (`audit` was once left out).
    std::fs::write(&file, "issuer = \"https://id.example.com\"\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_lanyard"))
        .args(["check", "--config"])
        .arg(&file)
        .env("LANYARD_AUDIT__RETENTION", "forever-ish")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("audit.retention"), "{err}");
    // A good file passes.
    let out = Command::new(env!("CARGO_BIN_EXE_lanyard"))
        .args(["check", "--config"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A secret whose characters change under form-encoding passes with a warning
    // (some clients leave HTTP Basic unencoded).
    std::fs::write(
        &file,
        r#"
issuer = "https://id.example.com"
[[clients]]
id = "shop"
secret = "k9+Zq/3xW=vB7+mR2/pL=="
grant_types = ["client_credentials"]
scopes = ["api.read"]
"#,
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_lanyard"))
        .args(["check", "--config"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains(
            "warning: clients[0].secret: has characters that HTTP Basic must form-encode"
        ),
        "{said}"
    );
}

crate::on_both_backends!(user_admin);

async fn user_admin(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (dir, db, issuer) = (app.data_dir(), app.db_url(), app.base.clone());
    let run = |args: Vec<&'static str>, stdin: Option<&'static str>| {
        let (dir, db, issuer) = (dir.clone(), db.clone(), issuer.clone());
        tokio::task::spawn_blocking(move || lanyard(&dir, &db, &issuer, &args, stdin))
    };
    let (ok, out, err) = run(
        vec![
            "user",
            "add",
            "--email",
            "Lee@Example.com",
            "--username",
            "lee",
            "--password-stdin",
            "--verified",
            "--name",
            "Lee",
        ],
        Some("a long password\n"),
    )
    .await
    .unwrap();
    assert!(ok, "{err}");
    assert!(out.contains("created lee"));
    let (ok, _, err) = run(
        vec![
            "user",
            "add",
            "--email",
            "lee@example.com",
            "--username",
            "lee2",
        ],
        None,
    )
    .await
    .unwrap();
    assert!(!ok && err.contains("already exists"), "{err}");
    let (ok, _, err) = run(
        vec!["user", "add", "--email", "not-an-email", "--username", "x!"],
        None,
    )
    .await
    .unwrap();
    assert!(!ok && err.contains("--username"), "{err}");

    // The new account signs in with the password from stdin.
    let b = browser();
    let html = b
        .get(app.url("/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let r = b
        .post(app.url("/login"))
        .form(&[
            ("identifier", "lee@example.com"),
            ("password", "a long password"),
            ("csrf", &hidden(&html, "csrf")),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);

    // Without a password: a one-time set-password link.
    let (ok, out, err) = run(
        vec![
            "user",
            "add",
            "--email",
            "mo@example.com",
            "--username",
            "moe",
        ],
        None,
    )
    .await
    .unwrap();
    assert!(ok, "{err}");
    let link = out
        .lines()
        .find_map(|l| l.split_once("link").map(|(_, r)| r))
        .unwrap();
    let link = link[link.find("http").unwrap()..].trim().to_string();
    let b2 = browser();
    let html = b2.get(&link).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("New password") && html.contains("Reset password"));
    let token = hidden(&html, "token");
    let csrf = hidden(&html, "csrf");
    let r = b2
        .post(app.url("/reset"))
        .form(&[
            ("token", token.as_str()),
            ("csrf", &csrf),
            ("password", "short"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let r = b2
        .post(app.url("/reset"))
        .form(&[
            ("token", token.as_str()),
            ("csrf", &csrf),
            ("password", "mo's new password"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    // Single use.
    let r = b2.get(&link).send().await.unwrap();
    assert_eq!(r.status(), 400);
    let (ok, out, _) = run(vec!["user", "list"], None).await.unwrap();
    assert!(ok && out.contains("lee@example.com") && out.contains("mo@example.com"));

    // Disabling ends the session; enable and delete work by username.
    let (ok, _, _) = run(vec!["user", "disable", "lee"], None).await.unwrap();
    assert!(ok);
    let r = b.get(app.url("/")).send().await.unwrap();
    assert_eq!(crate::common::location(&r), "/login");
    let (ok, out, _) = run(vec!["user", "list"], None).await.unwrap();
    assert!(
        ok && out
            .lines()
            .any(|l| l.contains("lee") && l.contains("disabled"))
    );
    // While disabled, the password does not sign in.
    let r = crate::common::post_login(&app, &browser(), "lee", "a long password").await;
    assert_ne!(r.status(), 303, "a disabled account signed in");
    assert!(run(vec!["user", "enable", "lee"], None).await.unwrap().0);
    let (ok, out, _) = run(vec!["user", "list"], None).await.unwrap();
    let line = out.lines().find(|l| l.contains("lee@example.com")).unwrap();
    assert!(ok && !line.contains("disabled"), "{out}");
    let lee = app
        .state
        .store()
        .user_by_login("lee")
        .await
        .unwrap()
        .unwrap();
    assert!(!lee.disabled);
    // Enabled again, it signs in.
    let b = browser();
    let r = crate::common::post_login(&app, &b, "lee", "a long password").await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        b.get(app.url("/settings")).send().await.unwrap().status(),
        200
    );
    assert!(
        run(vec!["user", "delete", "mo@example.com"], None)
            .await
            .unwrap()
            .0
    );
    let (ok, _, err) = run(vec!["user", "delete", "moe"], None).await.unwrap();
    assert!(!ok && err.contains("no account"), "{err}");
}
