//! HTTP adapters: routing, cookies, CSRF, headers, and the handlers that connect
//! requests to the protocol core (`oidc_handlers`) and to the hosted pages (`pages`).

pub mod assets;
pub mod brand;
pub mod client_ip;
pub mod csrf;
pub mod dated;
pub mod expired_form;
pub mod extract;
pub mod logout;
pub mod menu;
pub mod metrics;
pub mod notice;
pub mod oauth_extract;
pub mod oidc_handlers;
pub mod pages;
pub mod passkey;
pub mod render;
pub mod request_binding;
pub mod request_log;
pub mod routes;
pub mod session;
pub mod signin;
pub mod state;
pub mod ui;
pub mod upload;
pub mod urls;
