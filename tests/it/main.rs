//! Lanyard's integration tests: one binary (link time), one module per area.

mod account_links;
mod accounts;
mod bound_requests;
mod branding;
mod browser;
mod cli;
mod common;
mod e2e;
mod errors;
mod federation;
mod fixture;
mod grants;
mod hardening;
mod holes;
mod keys;
mod layering;
mod malformed;
mod multi_account;
mod scale;
mod security;
mod settings_pages;
mod signin_pages;
mod store_suite;
mod teams_pages;
mod throttles;
