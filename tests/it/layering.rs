//! The floors of the code (issue 12): the protocol core, the store, the account and
//! auth rules, config, audit, mail, federation and the network helpers know nothing
//! of HTTP serving. Only `src/web` (and the wiring in `src/app.rs`, `src/cli.rs`)
//! may use axum or the web layer.

use std::path::{Path, PathBuf};

/// Below the web layer: none of these may mention it, the app wiring or axum.
const FLOORS: &[&str] = &[
    "src/oidc",
    "src/store",
    "src/account",
    "src/auth",
    "src/federation",
    "src/mail",
    "src/config",
    "src/audit.rs",
    "src/net.rs",
    "src/crypto.rs",
    "src/files.rs",
];
const ABOVE: &[&str] = &["crate::web", "crate::app", "axum"];

fn rust_files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        for entry in std::fs::read_dir(path).unwrap() {
            rust_files(&entry.unwrap().path(), out);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        out.push(path.to_path_buf());
    }
}

#[test]
fn lower_floors_do_not_reach_up_into_the_web_layer() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for floor in FLOORS {
        let path = root.join(floor);
        assert!(path.exists(), "{floor} moved: update this list");
        rust_files(&path, &mut files);
    }
    assert!(files.len() > 40, "only {} files found", files.len());
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            for above in ABOVE {
                if code.contains(above) {
                    let rel = file.strip_prefix(root).unwrap().display();
                    found.push(format!("{rel}:{}: {}", n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "floors reaching up:\n{}",
        found.join("\n")
    );
}
