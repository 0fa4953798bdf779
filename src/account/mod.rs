//! Account rules shared by the pages and the CLI: what a valid username, email and
//! password are, photo processing, and the email links an account receives.

pub mod avatar;
pub mod links;
pub mod rules;
pub mod teams;
