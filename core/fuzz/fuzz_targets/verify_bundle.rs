//! A fuzzed package bundle through verify (default, legacy, pinned), lint, the lock
//! writer and the material listing: a result or an error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use trustloop_core::api::{self, VerifyOptions};

fuzz_target!(|data: &[u8]| {
    let _ = api::anip_verify_bundle(data, None, &VerifyOptions::default());
    let legacy = VerifyOptions { legacy: true, ..Default::default() };
    let _ = api::anip_verify_bundle(data, None, &legacy);
    // Pinned to the development key's id with an all-zero (small-order) key.
    let pinned = VerifyOptions {
        trusted_keys: vec![("anip-dev".into(), "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=".into())],
        ..Default::default()
    };
    let _ = api::anip_verify_bundle(data, None, &pinned);
    let _ = api::anip_lint(data);
    let _ = api::anip_write_lock(data);
    let _ = api::anip_bundle_materials(data);
});
