//! Lanyard's integration tests: one binary (link time), one module per area.

mod accounts;
mod browser;
mod cli;
mod common;
mod e2e;
mod federation;
mod errors;
mod keys;
mod malformed;
