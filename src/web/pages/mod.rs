//! The hosted pages (SPEC §5). Each module is one page: GET shows it, POST acts.
//! Pages are leaves: they read typed requests (`web::extract`), call the account
//! code or the sign-in flow (`web::signin`), and render; none imports another.

pub mod accounts;
pub mod confirm;
pub mod consent;
pub mod device;
pub mod federate;
pub mod home;
pub mod invite;
pub mod login;
pub mod login_code;
pub mod misc;
pub mod onboarding;
pub mod reauth;
pub mod recover;
pub mod reset;
pub mod settings;
pub mod settings_data;
pub mod settings_passkeys;
pub mod signup;
pub mod teams;
pub mod two_step;

/// What nearly every page uses, imported once: `use super::prelude::*;`.
mod prelude {
    pub use crate::{
        audit::{self, Requester, event},
        oidc::backchannel,
        signin::{Continuation, safe_next},
        web::{
            csrf,
            extract::{CsrfForm, Now, Query},
            menu::SignedIn,
            render::{
                MessagePage, PageError, PageResult, error_page, page, see_other, too_many,
                with_retry_after,
            },
            state::AppState,
            urls,
        },
    };
    pub use askama::Template;
    pub use axum::{
        extract::State,
        http::{HeaderMap, StatusCode},
        response::Response,
    };
    pub use serde::Deserialize;
}

use super::{render::error_page, ui::Ui};
use axum::{http::StatusCode, response::Response};

pub async fn not_found() -> Response {
    let ui = Ui::current();
    error_page(
        StatusCode::NOT_FOUND,
        &ui.t("error-not-found-title"),
        &ui.t("error-not-found"),
    )
}
