//! Authentication building blocks.

pub mod password;
pub mod captcha;
