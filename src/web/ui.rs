//! What every page shows besides its own content: the brand, the language and the
//! "Language" select. The language is chosen once per request by [`scope`] and kept
//! for it (a task-local), so a page, its error page and a mail it sends all speak
//! the same language without passing it through every function.

use super::{brand::Brand, session, state::AppState};
use crate::i18n::{Catalogs, Tr};
use axum::{
    body::Body,
    extract::{Request, State},
    http::{HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use std::sync::{Arc, LazyLock};

/// The "Language" choice: kept a year.
pub const LANG_COOKIE: &str = "lanyard_lang";
/// `ui_locales` of the sign-in request under way (OIDC Core §3.1.2.1): kept while
/// the browser is open, replaced by the next `/authorize` and by a "Language" choice.
pub const UI_LOCALES_COOKIE: &str = "lanyard_ui_locales";
const YEAR: i64 = 365 * 24 * 3600;

tokio::task_local! {
    static CURRENT: Ui;
}

/// The brand and language of one request. Cheap to clone.
#[derive(Clone)]
pub struct Ui {
    pub tr: Tr,
    pub brand: Arc<Brand>,
    /// This page's path and query, where the "Language" select comes back to.
    pub here: String,
}

/// Outside any request (start-up, unit tests): English, the default brand.
static FALLBACK: LazyLock<Ui> = LazyLock::new(|| {
    let config = crate::config::Config::default();
    let catalogs = Arc::new(
        Catalogs::load(None, "en", &config.branding.product_name)
            .expect("the shipped catalogs load"),
    );
    Ui {
        tr: catalogs.for_tag(None),
        brand: Arc::new(Brand::load(&config).expect("the default brand has no files to read")),
        here: "/".into(),
    }
});

impl Ui {
    /// The request's (set by [`scope`]), else English with the default brand.
    pub fn current() -> Ui {
        CURRENT
            .try_with(Ui::clone)
            .unwrap_or_else(|_| FALLBACK.clone())
    }

    pub fn lang(&self) -> &str {
        self.tr.lang()
    }

    pub fn t(&self, id: &str) -> String {
        self.tr.t(id)
    }

    pub fn t1(&self, id: &str, name: &str, value: impl std::fmt::Display) -> String {
        self.tr.t1(id, name, value)
    }

    pub fn t2(
        &self,
        id: &str,
        n1: &str,
        v1: impl std::fmt::Display,
        n2: &str,
        v2: impl std::fmt::Display,
    ) -> String {
        self.tr.t2(id, n1, v1, n2, v2)
    }

    /// The "Language" select's options.
    pub fn languages(&self) -> Vec<Choice> {
        self.tr
            .choices()
            .into_iter()
            .map(|(tag, name, selected)| Choice {
                tag,
                name,
                selected,
            })
            .collect()
    }
}

/// The catalog message that describes what a scope lets an app see (the consent
/// page and the connected apps in Settings).
pub fn scope_message(scope: &str) -> &'static str {
    match scope {
        "openid" => "consent-scope-openid",
        "profile" => "consent-scope-profile",
        "email" => "consent-scope-email",
        "offline_access" => "consent-scope-offline-access",
        "teams" => "consent-scope-teams",
        _ => "consent-scope-other",
    }
}

pub struct Choice {
    pub tag: String,
    pub name: String,
    pub selected: bool,
}

/// The paths that never show a page: no language is chosen for them, so the
/// protocol's hot paths do no work for it.
fn is_protocol(path: &str) -> bool {
    matches!(
        path,
        "/token"
            | "/jwks"
            | "/userinfo"
            | "/introspect"
            | "/revoke"
            | "/healthz"
            | "/readyz"
            | "/metrics"
    ) || path.starts_with("/.well-known/")
        || path.starts_with("/static/")
}

/// `ui_locales` of an `/authorize` request, from its query or, for a POST, its form
/// body (OIDC Core §3.1.2.1 allows both); the body is read here and handed on.
async fn authorize_ui_locales(req: Request) -> Result<(Request, String), Response> {
    if req.method() != Method::POST {
        let v = query_value(req.uri().query().unwrap_or_default(), "ui_locales");
        return Ok((req, v.unwrap_or_default()));
    }
    let form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"));
    if !form {
        return Ok((req, String::new()));
    }
    let too_large = || {
        let text = "The request body is too large or was cut off; send at most 64 KiB.";
        (StatusCode::PAYLOAD_TOO_LARGE, text).into_response()
    };
    // A body announced too large is refused before a byte of it is read.
    let announced = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
    if announced.is_some_and(|n| n > super::routes::MAX_BODY) {
        return Err(too_large());
    }
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, super::routes::MAX_BODY).await else {
        return Err(too_large());
    };
    let v = query_value(&bytes, "ui_locales").unwrap_or_default();
    Ok((Request::from_parts(parts, Body::from(bytes)), v))
}

/// Middleware: chooses the request's language and runs the rest inside it. An
/// `/authorize` request remembers its `ui_locales` for the pages that follow.
pub async fn scope(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    if is_protocol(&path) {
        return next.run(req).await;
    }
    let (req, from_request) = if path == "/authorize" {
        match authorize_ui_locales(req).await {
            Ok((req, v)) => (req, Some(v)),
            Err(too_large) => return too_large,
        }
    } else {
        (req, None)
    };
    let headers = req.headers();
    let remembered =
        session::read_cookie(headers, &session::cookie_name(&state, UI_LOCALES_COOKIE));
    let ui_locales = from_request
        .clone()
        .or(remembered.map(|r| from_cookie(&r)))
        .filter(|v| !v.is_empty());
    let chosen = session::read_cookie(headers, &session::cookie_name(&state, LANG_COOKIE));
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    let tr = state
        .catalogs
        .choose(ui_locales.as_deref(), chosen.as_deref(), accept);
    let here = req
        .uri()
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .to_string();
    let ui = Ui {
        tr: tr.clone(),
        brand: state.brand.clone(),
        here,
    };
    let mut res = crate::i18n::scope(tr, CURRENT.scope(ui, next.run(req))).await;
    // `/authorize` replaces what an earlier request remembered (or forgets it).
    if let Some(v) = from_request {
        let cookie = match cookie_safe(&v).as_str() {
            "" => session::clear_cookie(&state, UI_LOCALES_COOKIE),
            v => session::set_cookie(&state, UI_LOCALES_COOKIE, v, None),
        };
        res.headers_mut().append(header::SET_COOKIE, cookie);
    }
    res
}

/// One field of a query string or form body.
fn query_value(query: impl AsRef<[u8]>, name: &str) -> Option<String> {
    url::form_urlencoded::parse(query.as_ref())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// Language tags hold letters, digits and `-`; spaces separate them. Anything
/// else is dropped, so the value is a valid cookie.
fn cookie_safe(v: &str) -> String {
    v.split_whitespace()
        .filter(|t| t.len() <= 35 && t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        .take(5)
        .collect::<Vec<_>>()
        .join("_")
}

/// The cookie's value back as `ui_locales`.
fn from_cookie(v: &str) -> String {
    v.replace('_', " ")
}

/// `GET /language?lang=de&back=/login`: the "Language" select. Remembers the choice
/// (a display preference, nothing about the account, so a plain GET form) and goes
/// back to the page it was made on.
pub async fn choose(State(state): State<AppState>, req: Request) -> Response {
    let query = req.uri().query().unwrap_or_default();
    let lang = query_value(query, "lang").unwrap_or_default();
    let back = query_value(query, "back").unwrap_or_default();
    let back = crate::signin::safe_next(&back).unwrap_or("/").to_string();
    let mut cookies: Vec<HeaderValue> = vec![session::clear_cookie(&state, UI_LOCALES_COOKIE)];
    if state.catalogs.tags().any(|t| t == lang) {
        cookies.push(session::set_cookie(&state, LANG_COOKIE, &lang, Some(YEAR)));
    }
    super::render::see_other(&back, cookies)
}
