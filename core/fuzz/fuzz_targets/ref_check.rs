//! Remote custom-code-bundle refs (`git+https://…@<sha>#sha256:<hex>`, Go net/url
//! parser underneath): a result or an error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use trustloop_core::api;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = api::anip_ref_check(&text);
});
