//! Raw bytes as an `.anpkg` (zip) through the validator, first finding and all
//! findings: a result, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use trustloop_core::api::{self, AnpkgValidateOptions};

fuzz_target!(|data: &[u8]| {
    let first = AnpkgValidateOptions { path: "fuzz.anpkg".into(), ..Default::default() };
    let _ = api::anpkg_validate(data, &first);
    let all = AnpkgValidateOptions { path: "fuzz.anpkg".into(), all: true, ..Default::default() };
    let _ = api::anpkg_validate(data, &all);
});
