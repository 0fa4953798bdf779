//! The files under `static/`, compiled into the binary so a release build serves
//! them from anywhere (no checkout needed next to it).

use axum::{
    extract::Path,
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};

const FILES: &[(&str, &str, &[u8])] = &[
    (
        "css/pages.css",
        "text/css; charset=utf-8",
        include_bytes!("../../static/css/pages.css"),
    ),
    (
        "js/menu.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../static/js/menu.js"),
    ),
    (
        "js/time.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../static/js/time.js"),
    ),
    (
        "js/passkeys.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../static/js/passkeys.js"),
    ),
    (
        "js/forms.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../static/js/forms.js"),
    ),
    (
        "js/captcha.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../static/js/captcha.js"),
    ),
    (
        "js/copy.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../static/js/copy.js"),
    ),
    (
        "js/captcha-worker.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../static/js/captcha-worker.js"),
    ),
];

pub async fn serve(Path(path): Path<String>) -> Response {
    let Some((_, mime, body)) = FILES.iter().find(|(p, _, _)| *p == path) else {
        return (StatusCode::NOT_FOUND, "no such file").into_response();
    };
    let mut r = (*body).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    r
}
