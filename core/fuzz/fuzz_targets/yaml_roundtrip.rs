//! The PyYAML-compatible loader and emitter: `safe_load` never panics; when a document
//! loads and `safe_dump` emits it, the emitted text loads again to an equal value
//! (Python equality; documents with NaN are exempt, NaN != NaN), or is refused only
//! for size: aliases are shared when loaded but written out in full, so a short alias
//! chain can dump to more than a document may hold (`LoadErrorKind::Limit`).
//! Loading uses a twentieth of the default node and scalar budgets so that one input
//! stays well inside the fuzzer's per-input timeout; the full budgets are tested in
//! `core/src/emulate/python/yaml/load.rs` and `docs/limits.md`. The exporter's loader
//! (libyaml's grammar) reads the same input and must not panic either.
#![no_main]
use libfuzzer_sys::fuzz_target;
use trustloop_core::api::anpkg::yaml::{libyaml_safe_load_with, safe_dump, safe_load, safe_load_with, Limits, LoadErrorKind};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let full = Limits::default();
    let small = Limits { max_nodes: full.max_nodes / 20, max_expanded_bytes: full.max_expanded_bytes / 20, ..full };
    let _ = libyaml_safe_load_with(text, small);
    let Ok(value) = safe_load_with(text, small) else { return };
    let Ok(dumped) = safe_dump(&value) else { return };
    let again = match safe_load(&dumped) {
        Ok(again) => again,
        Err(e) if e.kind == LoadErrorKind::Limit => return,
        Err(e) => panic!("dumped YAML does not load again: {e:?}\n--- input\n{text}\n--- dumped\n{dumped}"),
    };
    if !dumped.contains(".nan") {
        assert!(value.py_eq(&again), "load(dump(x)) != x\n--- input\n{text}\n--- dumped\n{dumped}");
    }
});
