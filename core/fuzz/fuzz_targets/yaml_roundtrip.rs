//! The PyYAML-compatible loader and emitter: `safe_load` never panics; when a document
//! loads and `safe_dump` emits it, the emitted text loads again to an equal value
//! (Python equality; documents with NaN are exempt, NaN != NaN).
#![no_main]
use libfuzzer_sys::fuzz_target;
use trustloop_core::api::anpkg::yaml::{safe_dump, safe_load};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(value) = safe_load(text) else { return };
    let Ok(dumped) = safe_dump(&value) else { return };
    let again = safe_load(&dumped).unwrap_or_else(|e| panic!("dumped YAML does not load again: {e:?}\n--- input\n{text}\n--- dumped\n{dumped}"));
    if !dumped.contains(".nan") {
        assert!(value.py_eq(&again), "load(dump(x)) != x\n--- input\n{text}\n--- dumped\n{dumped}");
    }
});
