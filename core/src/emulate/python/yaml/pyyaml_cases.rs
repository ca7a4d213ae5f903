//! Test support: the documents of a `tests/anpkg/*/cases.json` (written by the
//! generate.py beside it, with PyYAML's answers) loaded here, each compared with what
//! PyYAML gave: the `repr` of the value, or null where PyYAML raised an error.
use super::load::safe_load;
use crate::emulate::python::repr::repr;
use crate::json::{self, Value as Json};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// Fails with the first twenty differing cases, or when the file has fewer than `min`.
pub(super) fn assert_pyyaml_answers(cases_json: &str, min: usize) {
    let doc = json::parse(cases_json.as_bytes()).expect("cases.json parses");
    let cases = doc.get("cases").and_then(Json::as_array).expect("cases array");
    assert!(cases.len() >= min, "too few cases: {}", cases.len());
    let mut failures = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let yaml = case.get("yaml").and_then(Json::as_str).expect("yaml");
        let expected = case.get("expected").and_then(Json::as_str);
        let got = safe_load(yaml).ok().map(|v| repr(&v));
        if got.as_deref() != expected {
            failures.push(format!("case {i}: {yaml:?}\n  expected {expected:?}\n  got      {got:?}"));
        }
    }
    let shown: String = failures.iter().take(20).map(|f| format!("{f}\n")).collect();
    assert!(failures.is_empty(), "{} of {} cases differ:\n{shown}", failures.len(), cases.len());
}
