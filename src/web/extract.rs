//! Typed edges: what a handler needs of a request, read and checked before the
//! handler runs, so handlers hold values, not bytes. Rejections answer the way the
//! pages do (the error page, or the sign-in redirect), never with a bare status.
//!
//! - [`Now`]: the request's one clock reading;
//! - [`SignedIn`] (and `Option<SignedIn>`): the browser's current account;
//! - [`CsrfForm<T>`]: a url-encoded form with its CSRF token checked, as a serde struct;
//! - [`CsrfUpload<T>`]: the same for `multipart/form-data` forms with a photo;
//! - [`Query<T>`]: the query string of a page, as a serde struct.

use super::{
    csrf, expired_form,
    menu::{self, SignedIn},
    render::{PageError, csrf_failed, see_other},
    state::AppState,
    upload::{self, UploadError},
    urls,
};
use axum::{
    body::Bytes,
    extract::{
        FromRequest, FromRequestParts, Multipart, OptionalFromRequestParts, Request,
        multipart::MultipartRejection,
    },
    http::{Method, request::Parts},
    response::{IntoResponse, Response},
};
use serde::{Deserialize, de::DeserializeOwned};
use std::convert::Infallible;

/// The time (Unix seconds) a request is handled at, read once, by the first
/// extractor that needs it, and passed down, so every check of one request sees the
/// same instant. Requests that need no time (JWKS, discovery) never read the clock.
#[derive(Clone, Copy, Debug)]
pub struct Now(pub i64);

impl Now {
    /// The request's reading: taken now if no extractor has taken it yet.
    pub fn of(parts: &mut Parts) -> i64 {
        if let Some(n) = parts.extensions.get::<Now>() {
            return n.0;
        }
        let now = crate::oidc::now();
        parts.extensions.insert(Now(now));
        now
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Now {
    type Rejection = Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        Ok(Now(Now::of(parts)))
    }
}

impl FromRequestParts<AppState> for SignedIn {
    /// The sign-in page, which comes back here (or, for a form, to its page).
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let now = Now::of(parts);
        match menu::signed_in(state, &parts.headers, now).await {
            Ok(Some(s)) => Ok(s),
            Ok(None) => {
                let back = match parts.method {
                    Method::GET | Method::HEAD => parts
                        .uri
                        .path_and_query()
                        .map_or("/", |p| p.as_str())
                        .to_string(),
                    _ => urls::form_page(parts.uri.path()),
                };
                Err(see_other(&urls::login_then(&back), []))
            }
            Err(e) => Err(PageError::Internal(e).into_response()),
        }
    }
}

impl OptionalFromRequestParts<AppState> for SignedIn {
    type Rejection = PageError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Option<Self>, PageError> {
        let now = Now::of(parts);
        Ok(menu::signed_in(state, &parts.headers, now).await?)
    }
}

/// The CSRF field every form carries (see `csrf`).
#[derive(Deserialize)]
struct Token {
    #[serde(default)]
    csrf: String,
}

/// A url-encoded form (or query string) as `T`; `None` when it does not parse (a
/// repeated field, say). Every typed form and query goes through here.
pub fn parse_form<T: DeserializeOwned>(body: &[u8]) -> Option<T> {
    serde_urlencoded::from_bytes(body).ok()
}

/// The answer to a form that does not parse (a repeated field, say).
fn unreadable() -> PageError {
    PageError::BadRequest(super::ui::Ui::current().t("error-unreadable-form"))
}

/// A url-encoded form whose CSRF token matched this browser's, as `T`. A repeated
/// field does not parse; give optional fields `#[serde(default)]`.
pub struct CsrfForm<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for CsrfForm<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Response> {
        let headers = req.headers().clone();
        let action = req.uri().path_and_query().map(|p| p.as_str().to_string());
        // A body over the limit keeps its 413.
        let body = Bytes::from_request(req, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let token: Option<Token> = parse_form(&body);
        if !csrf::verify(state, &headers, token.as_ref().map(|t| t.csrf.as_str())) {
            // Sent from this site's own page: keep what was typed.
            let again = match action {
                Some(a) if expired_form::from_this_site(&headers) => {
                    expired_form::again(state, &headers, &a, &body)
                }
                _ => None,
            };
            return Err(again.unwrap_or_else(|| csrf_failed().into_response()));
        }
        parse_form(&body)
            .map(CsrfForm)
            .ok_or_else(|| unreadable().into_response())
    }
}

/// A `multipart/form-data` form with a `photo` file. CSRF is checked whenever the
/// form could be read; a photo over the limit or a form that could not be read is
/// the `Err` inside, for the page to explain next to the field.
pub struct CsrfUpload<T>(pub Result<Upload<T>, UploadError>);

pub struct Upload<T> {
    pub fields: T,
    pub photo: Option<Vec<u8>>,
}

impl<T: DeserializeOwned> FromRequest<AppState> for CsrfUpload<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Response> {
        let headers = req.headers().clone();
        let mp: Result<Multipart, MultipartRejection> = Multipart::from_request(req, state).await;
        let read = match upload::read(mp, "photo").await {
            Ok(read) => read,
            Err(e) => return Ok(CsrfUpload(Err(e))),
        };
        let encoded = serde_urlencoded::to_string(&read.fields).unwrap_or_default();
        let token: Option<Token> = parse_form(encoded.as_bytes());
        if !csrf::verify(state, &headers, token.as_ref().map(|t| t.csrf.as_str())) {
            return Err(csrf_failed().into_response());
        }
        Ok(CsrfUpload(
            parse_form(encoded.as_bytes())
                .map(|fields| Upload {
                    fields,
                    photo: read.file,
                })
                .ok_or(UploadError::Malformed),
        ))
    }
}

/// The query string of a page as `T` (missing fields take their defaults; a
/// repeated one is refused with the error page).
pub struct Query<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, PageError> {
        parse_form(parts.uri.query().unwrap_or_default().as_bytes())
            .map(Query)
            .ok_or_else(|| {
                PageError::BadRequest(super::ui::Ui::current().t("error-unreadable-address"))
            })
    }
}
