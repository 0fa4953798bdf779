//! What a valid username, email address and password are. A problem is named by
//! its catalog message (`locales/*/account.ftl`, `rules-…`), which the page
//! showing it says in the request's language.

use std::{collections::HashSet, sync::LazyLock};

pub const MIN_PASSWORD: usize = 8;
pub const MAX_PASSWORD: usize = 1024;

/// The most common passwords of 8 characters or more (from SecLists' 10k list, MIT),
/// refused at signup, reset and change (NIST SP 800-63B §5.1.1.2).
static COMMON: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../auth/common_passwords.txt")
        .lines()
        .map(str::trim)
        .collect()
});

/// Username rules: 3-32 characters of a-z, 0-9, '.', '_', '-', starting with a letter or digit.
/// `Some` is the catalog message saying what is wrong.
pub fn username_problem(u: &str) -> Option<&'static str> {
    let ok_chars = u
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b));
    if !(3..=32).contains(&u.len()) {
        Some("rules-username-length")
    } else if !ok_chars {
        Some("rules-username-chars")
    } else if !u.as_bytes()[0].is_ascii_alphanumeric() {
        Some("rules-username-start")
    } else {
        None
    }
}

/// A plausible email address: one '@', something on both sides, a dot in the domain.
/// `Some` is the catalog message saying what is wrong.
pub fn email_problem(e: &str) -> Option<&'static str> {
    let bad = || Some("rules-email-invalid");
    let Some((local, domain)) = e.split_once('@') else {
        return bad();
    };
    if local.is_empty()
        || domain.contains('@')
        || !domain.contains('.')
        || domain.starts_with('.')
        || domain.ends_with('.')
        || domain.contains("..")
        || e.len() > 254
        || e.chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>,;\"()[]\\".contains(c))
    {
        return bad();
    }
    None
}

/// The confusable skeleton of a username or email (UTS #39 §4): two identifiers
/// with the same skeleton look alike ("pаypal" with a Cyrillic а, "paypa1"), so
/// the second is refused like a taken one. Identifiers are stored lower-case, so
/// they are lower-cased first; the skeleton maps some letters to capitals ('0' to
/// 'O'), so it is lower-cased again, which makes "g00gle" collide with "google" too.
pub fn skeleton(identifier: &str) -> String {
    let lower = identifier.to_lowercase();
    unicode_security::skeleton(&lower)
        .collect::<String>()
        .to_lowercase()
}

/// Password rules: long enough, not absurdly long, not a common password, not the
/// username or email itself. `Some` is the catalog message saying what is wrong
/// (the limits are written in it: a test checks they match).
pub fn password_problem(password: &str, username: &str, email: &str) -> Option<&'static str> {
    if password.chars().count() < MIN_PASSWORD {
        return Some("rules-password-short");
    }
    if password.len() > MAX_PASSWORD {
        return Some("rules-password-long");
    }
    let lower = password.to_lowercase();
    if COMMON.contains(lower.as_str()) {
        return Some("rules-password-common");
    }
    if (!username.is_empty() && lower == username.to_lowercase())
        || (!email.is_empty() && lower == email.to_lowercase())
    {
        return Some("rules-password-identifier");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules() {
        assert!(username_problem("alice").is_none());
        assert!(username_problem("al").is_some());
        assert!(username_problem("Alice").is_some());
        assert!(username_problem("-alice").is_some());
        assert!(email_problem("a@b.co").is_none());
        for bad in ["a", "a@b", "@b.co", "a@b..co", "a b@c.co", "a@b.co."] {
            assert!(email_problem(bad).is_some(), "{bad}");
        }
        assert!(password_problem("short", "", "").is_some());
        assert!(password_problem("password", "", "").is_some());
        assert!(password_problem("12345678", "", "").is_some());
        assert!(password_problem("aliceALICE", "alicealice", "").is_some());
        assert!(password_problem("correct horse battery", "alice", "a@b.co").is_none());
        assert!(COMMON.len() > 1000, "the common password list is shipped");
    }

    #[test]
    fn the_messages_name_the_limits() {
        let catalogs = std::sync::Arc::new(crate::i18n::Catalogs::load(None, "en", "X").unwrap());
        let tr = catalogs.for_tag(Some("en"));
        let short = tr.t(password_problem("short", "", "").unwrap());
        assert_eq!(short, format!("Use at least {MIN_PASSWORD} characters."));
        let long = tr.t(password_problem(&"x".repeat(MAX_PASSWORD + 1), "", "").unwrap());
        assert_eq!(long, format!("Use at most {MAX_PASSWORD} characters."));
    }

    #[test]
    fn look_alikes_share_a_skeleton() {
        assert_eq!(skeleton("p\u{430}ypal"), skeleton("paypal"));
        assert_eq!(skeleton("PayPal"), skeleton("paypal"));
        assert_eq!(skeleton("paypa1"), skeleton("paypal"));
        assert_eq!(skeleton("g00gle"), skeleton("google"));
        assert_eq!(
            skeleton("p\u{430}ypal@example.com"),
            skeleton("paypal@example.com")
        );
        assert_ne!(skeleton("alice"), skeleton("bob"));
        assert_ne!(skeleton("alice@example.com"), skeleton("alice@example.org"));
    }
}
