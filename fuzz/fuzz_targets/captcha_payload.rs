//! The built-in captcha's ALTCHA payload (base64 JSON from the `altcha` form field):
//! `auth::captcha::check_solution`, i.e. everything before the database replay guard,
//! with the HMAC key the app derives (`master.derive("captcha")`) and a fixed clock.
//!
//! First byte 0: the rest is the form body (field `altcha` is read as the app does);
//! 1: the rest is the payload JSON, base64-encoded here; otherwise: the whole input
//! is the payload.
#![no_main]

use base64::{Engine, engine::general_purpose::STANDARD};
use lanyard::{
    auth::captcha::{self, CaptchaError},
    oidc::params::Params,
};
use lanyard_fuzz::{NOW, fixture};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn key() -> &'static lanyard::auth::captcha::Captcha {
    static C: OnceLock<captcha::Captcha> = OnceLock::new();
    C.get_or_init(|| {
        let c = captcha::Captcha::Pow {
            key: Box::new(fixture().master.derive("captcha")),
            max: 50,
        };
        // Sanity: a challenge this key issued, solved as the widget does, passes.
        let ch = c.challenge(NOW, 1).unwrap();
        let payload = captcha::solve(&ch).unwrap();
        let captcha::Captcha::Pow { key, .. } = &c else { unreachable!() };
        assert!(captcha::check_solution(key, &payload, NOW).is_ok());
        c
    })
}

fn check(payload: &str) {
    let captcha::Captcha::Pow { key, .. } = key() else { unreachable!() };
    let res = captcha::check_solution(key, payload, NOW);
    lanyard_fuzz::debug(|| format!("check_solution = {res:?}"));
    match res {
        Ok(expires) => {
            assert!(expires > NOW);
            assert!(payload.len() <= 2048);
            // Accepted now means expired once its time has come.
            if expires < i64::MAX {
                assert_eq!(
                    captcha::check_solution(key, payload, expires),
                    Err(CaptchaError::Expired)
                );
            }
        }
        Err(e) => assert!(matches!(
            e,
            CaptchaError::Malformed
                | CaptchaError::Forged
                | CaptchaError::Unsolved
                | CaptchaError::Expired
        )),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    match mode {
        0 => {
            let form = Params::parse(rest);
            if let Ok(Some(p)) = form.get("altcha") {
                check(p);
            }
        }
        1 => check(&STANDARD.encode(rest)),
        _ => {
            if let Ok(s) = std::str::from_utf8(data) {
                check(s);
            }
        }
    }
});
