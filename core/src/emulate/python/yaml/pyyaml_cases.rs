//! Test support: the documents of a `tests/anpkg/*/cases.json` (written by the
//! generate.py beside it, with PyYAML's answers) loaded here, each compared with what
//! PyYAML gave: the `repr` of the value, or null where PyYAML raised an error.
use super::load::{libyaml_safe_load_with, safe_load, Limits};
use super::load_error::LoadError;
use super::value::Value;
use crate::emulate::python::repr::repr;
use crate::json::{self, Value as Json};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// Fails with the first twenty differing cases, or when the file has fewer than `min`.
pub(super) fn assert_pyyaml_answers(cases_json: &str, min: usize) {
    assert_answers(cases_json, min, safe_load);
}

/// The same for the answers of PyYAML's `CSafeLoader` (libyaml), against the exporter's loader.
pub(super) fn assert_libyaml_answers(cases_json: &str, min: usize) {
    assert_answers(cases_json, min, |text| libyaml_safe_load_with(text, Limits::default()));
}

fn assert_answers(cases_json: &str, min: usize, load: impl Fn(&str) -> Result<Value, LoadError>) {
    let doc = json::parse(cases_json.as_bytes()).expect("cases.json parses");
    let cases = doc.get("cases").and_then(Json::as_array).expect("cases array");
    assert!(cases.len() >= min, "too few cases: {}", cases.len());
    let mut failures = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let yaml = case.get("yaml").and_then(Json::as_str).expect("yaml");
        let expected = case.get("expected").and_then(Json::as_str);
        let got = load(yaml).ok().map(|v| repr(&v));
        if got.as_deref() != expected {
            failures.push(format!("case {i}: {yaml:?}\n  expected {expected:?}\n  got      {got:?}"));
        }
    }
    let shown: String = failures.iter().take(20).map(|f| format!("{f}\n")).collect();
    assert!(failures.is_empty(), "{} of {} cases differ:\n{shown}", failures.len(), cases.len());
}

/// The cases `tests/anpkg/yaml_pyyaml_rules/explore.py` writes (random edits of config
/// texts, each with PyYAML's answer, or libyaml's when the file name ends in
/// `.libyaml.json`), named by `YAML_EXPLORE`: a tool run by that script, not part of the
/// suite (it has no cases of its own).
#[test]
#[ignore = "run by tests/anpkg/yaml_pyyaml_rules/explore.py"]
fn explore() {
    extern crate std;
    let path = std::env::var("YAML_EXPLORE").expect("YAML_EXPLORE names a cases file");
    let cases = std::fs::read_to_string(&path).expect("the cases file reads");
    if path.ends_with(".libyaml.json") {
        assert_libyaml_answers(&cases, 1);
    } else {
        assert_pyyaml_answers(&cases, 1);
    }
}
