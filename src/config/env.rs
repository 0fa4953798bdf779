//! Environment overrides: `LANYARD_SECTION__KEY=value` sets `section.key`.

use super::Config;
use figment::providers::Env;

/// The top-level keys of the config, read off the type itself (its default,
/// serialised), so that no section can be missing from the environment overrides;
/// variables outside them are not config (for example `LANYARD_CONFIG` or
/// `LANYARD_TEST_POSTGRES_URL`).
pub(super) fn top_level_keys() -> Vec<String> {
    match serde_json::to_value(Config::default()) {
        Ok(serde_json::Value::Object(map)) => map.keys().cloned().collect(),
        _ => Vec::new(),
    }
}

/// The `LANYARD_*` variables that name a key of the config, split at `__`.
pub(super) fn overrides() -> Env {
    let sections = top_level_keys();
    Env::prefixed("LANYARD_").split("__").filter(move |k| {
        let k = k.as_str().to_ascii_lowercase().replace("__", ".");
        let top = k.split('.').next().unwrap_or_default();
        sections.iter().any(|s| s == top)
    })
}
