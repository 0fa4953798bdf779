//! Lanyard: an OAuth 2.0 / OpenID Connect identity provider.
//!
//! The binary (`main.rs`) only parses the command line and calls [`cli::run`]; tests
//! build the same state and router the binary serves ([`app::build_state`],
//! [`web::routes::router`]).

pub mod account;
pub mod app;
pub mod audit;
pub mod auth;
pub mod cli;
pub mod config;
pub mod crypto;
pub mod federation;
pub mod files;
pub mod i18n;
pub mod mail;
pub mod net;
pub mod oidc;
pub mod signin;
pub mod store;
pub mod web;
