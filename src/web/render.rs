//! Turning templates and errors into responses. Words come from the request's
//! language (`web::ui`); error pages say what happened in plain words and offer a
//! way forward, and keep any technical detail in a collapsed block.

use super::ui::Ui;
use askama::Template;
use axum::{
    http::{HeaderValue, StatusCode, header},
    response::{Html, IntoResponse, Redirect, Response},
};

/// Renders a page with a status and any cookies to set.
pub fn page(
    status: StatusCode,
    t: &impl Template,
    cookies: impl IntoIterator<Item = HeaderValue>,
) -> Response {
    match t.render() {
        Ok(html) => {
            let mut r = (status, Html(html)).into_response();
            let h = r.headers_mut();
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            for c in cookies {
                h.append(header::SET_COOKIE, c);
            }
            r
        }
        Err(e) => {
            tracing::error!(error = %e, "template rendering failed");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                Ui::current().t("error-rendering"),
            )
                .into_response()
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage<'a> {
    pub ui: Ui,
    pub title: &'a str,
    pub message: &'a str,
    /// For developers (a relying app's mistake), shown folded away.
    pub detail: Option<&'a str>,
    /// The way forward; `None`: the person's account home.
    pub back: Option<(&'a str, &'a str)>,
}

#[derive(Template)]
#[template(path = "message.html")]
pub struct MessagePage<'a> {
    pub ui: Ui,
    pub title: &'a str,
    pub message: &'a str,
    pub link: Option<(&'a str, &'a str)>,
}

impl<'a> MessagePage<'a> {
    pub fn new(title: &'a str, message: &'a str, link: Option<(&'a str, &'a str)>) -> Self {
        MessagePage {
            ui: Ui::current(),
            title,
            message,
            link,
        }
    }
}

pub fn error_page(status: StatusCode, title: &str, message: &str) -> Response {
    let page_ = ErrorPage {
        ui: Ui::current(),
        title,
        message,
        detail: None,
        back: None,
    };
    page(status, &page_, [])
}

/// An error page with a developer's detail and a way forward of its own.
pub fn error_page_with(
    status: StatusCode,
    title: &str,
    message: &str,
    detail: Option<&str>,
    back: Option<(&str, &str)>,
) -> Response {
    let page_ = ErrorPage {
        ui: Ui::current(),
        title,
        message,
        detail,
        back,
    };
    page(status, &page_, [])
}

/// A 303 to `to`, setting cookies.
pub fn see_other(to: &str, cookies: impl IntoIterator<Item = HeaderValue>) -> Response {
    let mut r = Redirect::to(to).into_response();
    for c in cookies {
        r.headers_mut().append(header::SET_COOKIE, c);
    }
    r
}

/// An error of the hosted pages. Internal details are logged, never shown.
#[derive(Debug)]
pub enum PageError {
    BadRequest(String),
    Forbidden(String),
    NotFound(String),
    /// The pending sign-in request named in the URL is gone, or belongs to another
    /// browser; the same answer for both, so a foreign `uid` tells nothing.
    RequestUnavailable,
    /// This browser's pending request expired: it may say so, name the app and
    /// lead back to it (its `client_uri`, when it has one).
    RequestExpired {
        client: String,
        back: Option<String>,
    },
    Internal(anyhow::Error),
}

impl<E: Into<anyhow::Error>> From<E> for PageError {
    fn from(e: E) -> Self {
        PageError::Internal(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let ui = Ui::current();
        match self {
            PageError::BadRequest(m) => {
                error_page(StatusCode::BAD_REQUEST, &ui.t("error-failed-title"), &m)
            }
            PageError::Forbidden(m) => {
                error_page(StatusCode::FORBIDDEN, &ui.t("error-failed-title"), &m)
            }
            PageError::NotFound(m) => {
                error_page(StatusCode::NOT_FOUND, &ui.t("error-not-found-title"), &m)
            }
            PageError::RequestUnavailable => request_unavailable(),
            PageError::RequestExpired { client, back } => request_expired(&client, back.as_deref()),
            PageError::Internal(e) => {
                tracing::error!(error = format!("{e:#}"), "request failed");
                error_page(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    &ui.t("error-internal-title"),
                    &ui.t("error-internal"),
                )
            }
        }
    }
}

/// The page for a sign-in request that cannot continue in this browser. It never
/// leads on to the application: the way forward is to start again from it.
pub fn request_unavailable() -> Response {
    let ui = Ui::current();
    let title = ui.t("request-unavailable-title");
    let message = ui.t("request-unavailable");
    let link = ui.t("request-unavailable-sign-in");
    page(
        StatusCode::BAD_REQUEST,
        &MessagePage::new(&title, &message, Some(("/login", &link))),
        [],
    )
}

/// The page for this browser's expired sign-in request: back to the app when it
/// has an address, else to the account.
pub fn request_expired(client: &str, back: Option<&str>) -> Response {
    let ui = Ui::current();
    let title = ui.t("request-expired-title");
    let message = ui.t1("request-expired", "client", client);
    let back_text = ui.t1("back-to-app", "client", client);
    error_page_with(
        StatusCode::BAD_REQUEST,
        &title,
        &message,
        None,
        back.map(|href| (href, back_text.as_str())),
    )
}

pub type PageResult = Result<Response, PageError>;

/// The answer to a form whose CSRF token is missing or wrong.
pub fn csrf_failed() -> PageError {
    PageError::Forbidden(Ui::current().t("error-csrf"))
}

/// Adds `Retry-After` to a throttled answer (RFC 6585 §4, RFC 9110 §10.2.3).
pub fn with_retry_after(mut r: Response, secs: u64) -> Response {
    r.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(secs));
    r
}

/// 429 with `Retry-After`: the client must slow down.
pub fn too_many(secs: u64) -> Response {
    let ui = Ui::current();
    with_retry_after(
        error_page(
            StatusCode::TOO_MANY_REQUESTS,
            &ui.t("error-too-many-title"),
            &ui.t1("error-too-many", "seconds", secs),
        ),
        secs,
    )
}
