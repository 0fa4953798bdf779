//! Turning templates and errors into responses.

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
                "The page could not be rendered.",
            )
                .into_response()
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage<'a> {
    pub title: &'a str,
    pub message: &'a str,
}

#[derive(Template)]
#[template(path = "message.html")]
pub struct MessagePage<'a> {
    pub title: &'a str,
    pub message: &'a str,
    pub link: Option<(&'a str, &'a str)>,
}

pub fn error_page(status: StatusCode, title: &str, message: &str) -> Response {
    page(status, &ErrorPage { title, message }, [])
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
    Internal(anyhow::Error),
}

impl<E: Into<anyhow::Error>> From<E> for PageError {
    fn from(e: E) -> Self {
        PageError::Internal(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        match self {
            PageError::BadRequest(m) => {
                error_page(StatusCode::BAD_REQUEST, "That did not work", &m)
            }
            PageError::Forbidden(m) => error_page(StatusCode::FORBIDDEN, "That did not work", &m),
            PageError::NotFound(m) => error_page(StatusCode::NOT_FOUND, "Not found", &m),
            PageError::RequestUnavailable => request_unavailable(),
            PageError::Internal(e) => {
                tracing::error!(error = format!("{e:#}"), "request failed");
                error_page(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Something went wrong",
                    "Lanyard could not complete this request. Please try again in a moment.",
                )
            }
        }
    }
}

/// The page for a sign-in request that cannot continue in this browser. It never
/// leads on to the application: the way forward is to start again from it.
pub fn request_unavailable() -> Response {
    page(
        StatusCode::BAD_REQUEST,
        &MessagePage {
            title: "This sign-in was started in another browser or has expired",
            message: "For your safety, a sign-in continues only in the browser that \
                      started it, for up to an hour. Go back to the application and sign \
                      in again from this browser.",
            link: Some(("/login", "Sign in to your account")),
        },
        [],
    )
}

pub type PageResult = Result<Response, PageError>;

/// "Check your email" after a signup or a new confirmation link; the same answer
/// whether or not the address has an account.
pub fn check_your_email(email: &str) -> Response {
    let message = format!(
        "We sent a link to {email}. Open it to confirm your address and finish creating your account. The link works for 24 hours."
    );
    page(
        StatusCode::OK,
        &MessagePage {
            title: "Check your email",
            message: &message,
            link: Some(("/login", "Back to sign in")),
        },
        [],
    )
}

/// The answer to a form whose CSRF token is missing or wrong.
pub fn csrf_failed() -> PageError {
    PageError::Forbidden(
        "This form expired or was not sent from Lanyard. Go back, reload the page and try again."
            .into(),
    )
}

/// Adds `Retry-After` to a throttled answer (RFC 6585 §4, RFC 9110 §10.2.3).
pub fn with_retry_after(mut r: Response, secs: u64) -> Response {
    r.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(secs));
    r
}

/// 429 with `Retry-After`: the client must slow down.
pub fn too_many(secs: u64) -> Response {
    with_retry_after(
        error_page(
            StatusCode::TOO_MANY_REQUESTS,
            "Too many attempts",
            &format!("Too many attempts from here. Wait {secs} seconds, then try again."),
        ),
        secs,
    )
}
