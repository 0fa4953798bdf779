//! Message catalogs: every string a person reads on a page or in a mail, in each
//! language, as Project Fluent (`locales/<lang>/*.ftl`, compiled in), with an
//! operator's own files from `[i18n] dir` added on top at start-up (no rebuild).
//!
//! A floor: no web types. The web layer picks the language of a request
//! ([`Catalogs::choose`]) and hands a [`Tr`] to templates; mail takes the [`Tr`] of
//! the language the person last used.
//!
//! Every message gets `$product` (the `[branding] product_name`), so no string says
//! "Lanyard" unless the operator keeps that name.

mod negotiate;

use fluent_bundle::{FluentArgs, FluentResource, FluentValue, concurrent::FluentBundle};
use std::{borrow::Cow, fmt::Display, path::Path, sync::Arc};
use unic_langid::LanguageIdentifier;

pub use negotiate::parse_accept_language;

/// The languages that ship complete, English first (the fallback for any message a
/// catalog lacks).
pub const SHIPPED: &[&str] = &["en", "de", "fr", "es"];

/// The language tags there will be catalogs for: the shipped ones and each
/// language directory in `dir` (discovery's `ui_locales_supported`).
pub fn available_tags(dir: Option<&Path>) -> Vec<String> {
    let mut tags: Vec<String> = SHIPPED.iter().map(|t| t.to_string()).collect();
    let mut extra: Vec<String> = dir
        .and_then(|d| std::fs::read_dir(d).ok())
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|t| t.parse::<LanguageIdentifier>().is_ok() && !tags.contains(t))
        .collect();
    extra.sort();
    tags.extend(extra);
    tags
}

/// The compiled-in catalog files of one shipped language.
macro_rules! shipped {
    ($lang:literal) => {
        &[
            include_str!(concat!("../../locales/", $lang, "/common.ftl")),
            include_str!(concat!("../../locales/", $lang, "/signin.ftl")),
            include_str!(concat!("../../locales/", $lang, "/account.ftl")),
            include_str!(concat!("../../locales/", $lang, "/mail.ftl")),
            include_str!(concat!("../../locales/", $lang, "/apps.ftl")),
            include_str!(concat!("../../locales/", $lang, "/pages.ftl")),
            include_str!(concat!("../../locales/", $lang, "/data.ftl")),
            include_str!(concat!("../../locales/", $lang, "/passkeys.ftl")),
        ]
    };
}

/// The shipped catalog texts of `lang` (tests read them to compare languages).
pub fn shipped_sources(lang: &str) -> &'static [&'static str] {
    match lang {
        "de" => shipped!("de"),
        "fr" => shipped!("fr"),
        "es" => shipped!("es"),
        _ => shipped!("en"),
    }
}

/// One language: its tag, its name in itself (for the "Language" select) and its
/// messages.
struct Language {
    tag: String,
    id: LanguageIdentifier,
    bundle: FluentBundle<FluentResource>,
}

/// All languages, loaded once at start-up.
pub struct Catalogs {
    languages: Vec<Language>,
    default: usize,
    product: String,
}

/// A problem in a catalog file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogProblem {
    pub file: String,
    pub message: String,
}

impl Catalogs {
    /// The shipped catalogs, the operator's `dir` on top (`<dir>/<lang>/*.ftl`: a
    /// message there replaces the shipped one; a new language directory adds a
    /// language), and `default_locale` as the last choice.
    pub fn load(
        dir: Option<&Path>,
        default_locale: &str,
        product: &str,
    ) -> Result<Catalogs, Vec<CatalogProblem>> {
        let mut problems = Vec::new();
        let mut languages = Vec::new();
        for tag in SHIPPED {
            let mut lang = Language::new(tag);
            for (i, text) in shipped_sources(tag).iter().enumerate() {
                lang.add(text, &format!("(shipped {tag} #{i})"), &mut problems);
            }
            languages.push(lang);
        }
        if let Some(dir) = dir {
            add_operator_files(dir, &mut languages, &mut problems);
        }
        let default = languages
            .iter()
            .position(|l| l.tag == default_locale)
            .unwrap_or_else(|| {
                problems.push(CatalogProblem {
                    file: "i18n.default_locale".into(),
                    message: format!(
                        "{default_locale:?} is not a language with a catalog (have: {})",
                        languages
                            .iter()
                            .map(|l| l.tag.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                });
                0
            });
        if problems.is_empty() {
            Ok(Catalogs {
                languages,
                default,
                product: product.to_string(),
            })
        } else {
            Err(problems)
        }
    }

    /// The language tags with a catalog, shipped first (discovery's
    /// `ui_locales_supported`).
    pub fn tags(&self) -> impl Iterator<Item = &str> {
        self.languages.iter().map(|l| l.tag.as_str())
    }

    /// Each language's tag and its own name ("Deutsch"), for the "Language" select.
    pub fn choices(&self) -> Vec<(String, String)> {
        self.languages
            .iter()
            .map(|l| (l.tag.clone(), self.text(l, "language-name", None)))
            .collect()
    }

    /// The language of a request (issue order): `ui_locales` (space-separated, OIDC
    /// Core §3.1.2.1), else the person's choice (the "Language" cookie), else
    /// `Accept-Language`, else `[i18n] default_locale`.
    pub fn choose(
        self: &Arc<Self>,
        ui_locales: Option<&str>,
        chosen: Option<&str>,
        accept_language: Option<&str>,
    ) -> Tr {
        let idx = ui_locales
            .and_then(|u| self.best(u.split_whitespace()))
            .or_else(|| chosen.and_then(|c| self.best([c])))
            .or_else(|| accept_language.and_then(|a| self.best(parse_accept_language(a))))
            .unwrap_or(self.default);
        Tr {
            catalogs: self.clone(),
            idx,
        }
    }

    /// The [`Tr`] of one tag (a person's stored language), else the default.
    pub fn for_tag(self: &Arc<Self>, tag: Option<&str>) -> Tr {
        self.choose(None, tag, None)
    }

    /// The first wanted language that has a catalog: the tag itself, else the same
    /// language without its region (`de-AT` → `de`).
    fn best<'a>(&self, wanted: impl IntoIterator<Item = &'a str>) -> Option<usize> {
        wanted.into_iter().find_map(|w| {
            let id: LanguageIdentifier = w.parse().ok()?;
            self.languages.iter().position(|l| l.id == id).or_else(|| {
                self.languages
                    .iter()
                    .position(|l| l.id.language == id.language)
            })
        })
    }

    fn text(&self, lang: &Language, id: &str, args: Option<&FluentArgs>) -> String {
        let english = &self.languages[0];
        let (bundle, msg) = match lang.bundle.get_message(id).filter(|m| m.value().is_some()) {
            Some(m) => (&lang.bundle, m),
            None => match english
                .bundle
                .get_message(id)
                .filter(|m| m.value().is_some())
            {
                Some(m) => (&english.bundle, m),
                None => {
                    tracing::warn!(message = id, "no catalog has this message");
                    return id.to_string();
                }
            },
        };
        let mut all = FluentArgs::new();
        all.set("product", FluentValue::from(self.product.as_str()));
        if let Some(args) = args {
            for (k, v) in args.iter() {
                all.set(k.to_string(), v.clone());
            }
        }
        let mut errors = Vec::new();
        let out =
            bundle.format_pattern(msg.value().expect("checked above"), Some(&all), &mut errors);
        if !errors.is_empty() {
            tracing::warn!(message = id, errors = ?errors, "a catalog message did not format cleanly");
        }
        out.into_owned()
    }
}

impl Language {
    fn new(tag: &str) -> Language {
        let id: LanguageIdentifier = tag.parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![id.clone()]);
        // Pages and mail are not bidirectional text fields: no isolation marks
        // around placeables (they would land inside links and copied addresses).
        bundle.set_use_isolating(false);
        Language {
            tag: tag.to_string(),
            id,
            bundle,
        }
    }

    /// Adds one file's messages; later files replace earlier messages of the same id.
    fn add(&mut self, text: &str, file: &str, problems: &mut Vec<CatalogProblem>) {
        let resource = match FluentResource::try_new(text.to_string()) {
            Ok(r) => r,
            Err((r, errors)) => {
                for e in errors {
                    problems.push(CatalogProblem {
                        file: file.to_string(),
                        message: format!("cannot parse: {e}"),
                    });
                }
                r
            }
        };
        self.bundle.add_resource_overriding(resource);
    }
}

/// `<dir>/<lang>/*.ftl`, in name order, onto the shipped languages (or as new ones).
fn add_operator_files(
    dir: &Path,
    languages: &mut Vec<Language>,
    problems: &mut Vec<CatalogProblem>,
) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            problems.push(CatalogProblem {
                file: dir.display().to_string(),
                message: format!("cannot read the directory: {e}"),
            });
            return;
        }
    };
    let mut dirs: Vec<_> = entries.flatten().filter(|e| e.path().is_dir()).collect();
    dirs.sort_by_key(|e| e.file_name());
    for d in dirs {
        let tag = d.file_name().to_string_lossy().to_string();
        if tag.parse::<LanguageIdentifier>().is_err() {
            problems.push(CatalogProblem {
                file: d.path().display().to_string(),
                message: format!("{tag:?} is not a language tag like de or pt-BR"),
            });
            continue;
        }
        let idx = match languages.iter().position(|l| l.tag == tag) {
            Some(i) => i,
            None => {
                languages.push(Language::new(&tag));
                languages.len() - 1
            }
        };
        let mut files: Vec<_> = std::fs::read_dir(d.path())
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
            .collect();
        files.sort();
        for f in files {
            match std::fs::read_to_string(&f) {
                Ok(text) => languages[idx].add(&text, &f.display().to_string(), problems),
                Err(e) => problems.push(CatalogProblem {
                    file: f.display().to_string(),
                    message: format!("cannot read: {e}"),
                }),
            }
        }
    }
}

tokio::task_local! {
    static REQUEST: Tr;
}

/// Runs `f` with `tr` as the language of the request it serves.
pub async fn scope<F: std::future::Future>(tr: Tr, f: F) -> F::Output {
    REQUEST.scope(tr, f).await
}

/// The language of the request being served, if any.
pub fn request_tr() -> Option<Tr> {
    REQUEST.try_with(Tr::clone).ok()
}

/// One language of the catalogs, as a request or a mail uses it. Cheap to clone.
#[derive(Clone)]
pub struct Tr {
    catalogs: Arc<Catalogs>,
    idx: usize,
}

impl Tr {
    /// The language tag (`<html lang>`, the stored choice).
    pub fn lang(&self) -> &str {
        &self.catalogs.languages[self.idx].tag
    }

    /// The message `id`.
    pub fn t(&self, id: &str) -> String {
        self.format(id, None)
    }

    /// The message `id` with one variable.
    pub fn t1(&self, id: &str, name: &str, value: impl Display) -> String {
        self.with(id, &[(name, value.to_string())])
    }

    /// The message `id` with two variables.
    pub fn t2(&self, id: &str, n1: &str, v1: impl Display, n2: &str, v2: impl Display) -> String {
        self.with(id, &[(n1, v1.to_string()), (n2, v2.to_string())])
    }

    /// The message `id` with any variables; a number stays a number, so plurals
    /// (`{ $count -> [one] … *[other] … }`) choose right.
    pub fn with(&self, id: &str, vars: &[(&str, String)]) -> String {
        let mut args = FluentArgs::new();
        for (k, v) in vars {
            match v.parse::<i64>() {
                Ok(n) => args.set(k.to_string(), FluentValue::from(n)),
                Err(_) => args.set(k.to_string(), FluentValue::from(Cow::Owned(v.clone()))),
            }
        }
        self.format(id, Some(&args))
    }

    /// The "Language" select's options: (tag, own name, whether it is this one).
    pub fn choices(&self) -> Vec<(String, String, bool)> {
        self.catalogs
            .choices()
            .into_iter()
            .map(|(tag, name)| {
                let on = tag == self.lang();
                (tag, name, on)
            })
            .collect()
    }

    fn format(&self, id: &str, args: Option<&FluentArgs>) -> String {
        let lang = &self.catalogs.languages[self.idx];
        self.catalogs.text(lang, id, args)
    }
}

#[cfg(test)]
mod tests;
