//! A fuzzed service definition through `anip verify --definition` (the definition
//! validation) and `package build-local`; a bundle that build-local writes must then
//! verify.
#![no_main]
use libfuzzer_sys::fuzz_target;
use trustloop_core::api::{self, BuildLocalOptions, VerifyOptions};

fuzz_target!(|data: &[u8]| {
    let _ = api::anip_verify_definition(data, None, &VerifyOptions::default());
    let opts = BuildLocalOptions { package_id: "fuzz".into(), package_version: "1.0.0".into(), ..Default::default() };
    if let Ok(files) = api::anip_build_local(data, &opts) {
        if let Some(b) = files.iter().find(|f| f.name.ends_with(".anip-package.json")) {
            let v = api::anip_verify_bundle(&b.bytes, None, &VerifyOptions::default());
            assert!(v.is_ok(), "a bundle build-local wrote does not verify: {v:?}");
        }
    }
});
