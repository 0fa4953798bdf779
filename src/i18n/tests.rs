use super::*;
use std::collections::BTreeSet;

fn catalogs() -> Arc<Catalogs> {
    Arc::new(Catalogs::load(None, "en", "Acme ID").unwrap())
}

/// The message ids of one shipped language.
fn ids(lang: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for text in shipped_sources(lang) {
        let res = FluentResource::try_new(text.to_string())
            .unwrap_or_else(|(_, e)| panic!("{lang}: catalog does not parse: {e:?}"));
        for entry in res.entries() {
            if let fluent_syntax::ast::Entry::Message(m) = entry {
                out.insert(m.id.name.to_string());
            }
        }
    }
    out
}

#[test]
fn every_shipped_language_has_every_english_message_and_no_other() {
    let english = ids("en");
    assert!(english.len() > 100, "the English catalog is nearly empty");
    for lang in &SHIPPED[1..] {
        let other = ids(lang);
        let missing: Vec<_> = english.difference(&other).collect();
        let extra: Vec<_> = other.difference(&english).collect();
        assert!(missing.is_empty(), "{lang} lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "{lang} has messages English lacks: {extra:?}"
        );
    }
}

#[test]
fn no_shipped_message_names_lanyard() {
    // The product name is the operator's: `{ $product }`, never the word itself.
    for lang in SHIPPED {
        for text in shipped_sources(lang) {
            for line in text.lines().filter(|l| !l.trim_start().starts_with('#')) {
                assert!(!line.contains("Lanyard"), "{lang}: {line}");
            }
        }
    }
}

#[test]
fn the_product_name_is_the_operators() {
    let c = catalogs();
    let tr = c.choose(None, None, None);
    assert_eq!(tr.lang(), "en");
    assert!(tr.t("page-title-suffix").contains("Acme ID"));
}

#[test]
fn ui_locales_beat_the_choice_which_beats_accept_language() {
    let c = catalogs();
    assert_eq!(
        c.choose(Some("fr-CA de"), Some("es"), Some("de")).lang(),
        "fr"
    );
    assert_eq!(c.choose(Some("xx"), Some("es"), Some("de")).lang(), "es");
    assert_eq!(
        c.choose(None, None, Some("da, de-AT;q=0.8, en;q=0.5"))
            .lang(),
        "de"
    );
    assert_eq!(
        c.choose(None, Some("zz"), Some("fr;q=0.1, es")).lang(),
        "es"
    );
    assert_eq!(c.choose(None, None, Some("da")).lang(), "en");
}

#[test]
fn accept_language_weights_and_refusals() {
    assert_eq!(parse_accept_language("fr;q=0.1, de"), ["de", "fr"]);
    assert_eq!(parse_accept_language("en;q=0, *;q=0.5, es"), ["es"]);
    assert_eq!(parse_accept_language("a;q=2, b;q=x, c"), ["c"]);
    assert_eq!(parse_accept_language(""), Vec::<&str>::new());
}

#[test]
fn the_default_locale_is_the_last_choice_and_must_exist() {
    let c = Arc::new(Catalogs::load(None, "de", "X").unwrap());
    assert_eq!(c.choose(None, None, Some("da")).lang(), "de");
    let err = Catalogs::load(None, "xx", "X").err().unwrap();
    assert!(err[0].message.contains("\"xx\""), "{err:?}");
}

#[test]
fn an_operator_overrides_a_message_and_adds_a_language() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("de")).unwrap();
    std::fs::write(
        dir.path().join("de/brand.ftl"),
        "login-submit = Los geht's\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("pt-BR")).unwrap();
    std::fs::write(
        dir.path().join("pt-BR/a.ftl"),
        "language-name = Português\n",
    )
    .unwrap();
    let c = Arc::new(Catalogs::load(Some(dir.path()), "en", "X").unwrap());
    assert_eq!(c.for_tag(Some("de")).t("login-submit"), "Los geht's");
    let pt = c.for_tag(Some("pt-BR"));
    assert_eq!(pt.lang(), "pt-BR");
    assert_eq!(pt.t("language-name"), "Português");
    // What pt-BR lacks comes from English.
    assert_eq!(pt.t("login-submit"), "Sign In");
    assert!(c.tags().any(|t| t == "pt-BR"));
}

#[test]
fn a_broken_operator_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("fr")).unwrap();
    std::fs::write(dir.path().join("fr/x.ftl"), "this is = = not fluent {\n").unwrap();
    let err = Catalogs::load(Some(dir.path()), "en", "X").err().unwrap();
    assert!(err[0].file.ends_with("x.ftl"), "{err:?}");
}

#[test]
fn numbers_choose_plurals() {
    let c = catalogs();
    let tr = c.for_tag(Some("en"));
    assert!(tr.t1("codes-left", "count", 1).contains("1 recovery code"));
    assert!(tr.t1("codes-left", "count", 3).contains("3 recovery codes"));
}
