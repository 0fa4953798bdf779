//! Authentication building blocks.

pub mod captcha;
pub mod password;
