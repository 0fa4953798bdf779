//! Authentication building blocks.

pub mod captcha;
pub mod passkey;
pub mod password;
pub mod throttle;
pub mod totp;
