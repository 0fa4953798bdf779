//! Lanyard's integration tests: one binary (link time), one module per area.

mod account_links;
mod accounts;
mod browser;
mod cli;
mod common;
mod e2e;
mod errors;
mod federation;
mod keys;
mod malformed;
mod scale;
mod security;
