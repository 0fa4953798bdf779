//! Profile photo uploads: `account::avatar::process` (format sniffing, PNG/JPEG/WebP
//! decoding under size limits, crop, resize, PNG re-encoding).
#![no_main]

use lanyard::account::avatar::{self, AvatarError};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match avatar::process(data) {
        Ok(png) => {
            assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
        }
        Err(AvatarError::TooBig) => assert!(data.len() > avatar::MAX_BYTES),
        Err(_) => {}
    }
});
