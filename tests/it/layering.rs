//! The floors of the code (issue 12): the protocol core, the store, the account and
//! auth rules, config, audit, mail, federation and the network helpers know nothing
//! of HTTP serving. Only `src/web` (and the wiring in `src/app.rs`, `src/cli.rs`)
//! may use axum or the web layer. The sign-in flow (`src/signin`) is a floor too:
//! the web layer adapts it to HTTP.
//!
//! Inside the web layer, the hosted pages are leaves: no page module imports
//! another, none parses forms by hand or reads the protocol's `Params`.

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
    "src/signin",
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

fn page_modules(root: &Path) -> Vec<(String, String)> {
    let dir = root.join("src/web/pages");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        if name != "mod" {
            out.push((name, std::fs::read_to_string(&path).unwrap()));
        }
    }
    assert!(out.len() > 10, "only {} page modules found", out.len());
    out
}

/// The code of a file without its comments (line comments only; the pages use no
/// block comments).
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(n, l)| (n + 1, l.split("//").next().unwrap_or_default()))
}

#[test]
fn pages_are_leaves() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let pages = page_modules(root);
    let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
    let mut found = Vec::new();
    for (page, text) in &pages {
        for (n, code) in code_lines(text) {
            for other in names.iter().filter(|o| *o != page) {
                for path in [format!("super::{other}"), format!("pages::{other}")] {
                    if code.contains(&path) {
                        found.push(format!("{page}.rs:{n}: imports page {other}"));
                    }
                }
            }
            for banned in [
                "signed_in_form",
                "field(&",
                "form(&body",
                "params::Params",
                "Params::parse",
                "body: Bytes",
            ] {
                if code.contains(banned) {
                    found.push(format!("{page}.rs:{n}: uses {banned}"));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "pages that are not leaves:\n{}",
        found.join("\n")
    );
}

#[test]
fn no_function_takes_too_many_arguments() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    let allowed: Vec<String> = files
        .iter()
        .filter(|f| {
            std::fs::read_to_string(f)
                .unwrap()
                .contains("too_many_arguments")
        })
        .map(|f| f.strip_prefix(root).unwrap().display().to_string())
        .collect();
    assert!(
        allowed.is_empty(),
        "too_many_arguments allowed in {allowed:?}"
    );
}

#[test]
fn no_source_file_is_over_600_lines() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let lines = std::fs::read_to_string(f).unwrap().lines().count();
            (lines > 600).then(|| format!("{} ({lines})", f.strip_prefix(root).unwrap().display()))
        })
        .collect();
    assert!(long.is_empty(), "files over 600 lines: {long:?}");
}
