//! Every ANIP operation takes values nested as deep as Go accepts (10,000 levels)
//! wherever a bundle or definition carries arbitrary JSON, on a 256 KiB stack.
use alloc::string::{String, ToString};

use super::build_local::{build_local, BuildLocalOptions};
use super::verify::{verify_bundle, verify_definition, VerifyOptions};
use crate::json::deep_tests::{nested, on_small_stack};
use crate::json::{parse, to_compact, Value};

const DEFINITION: &[u8] = include_bytes!("../../../examples/anip/order-desk-service-definition.json");

fn built_bundle() -> Value {
    let options = BuildLocalOptions { package_id: "deep".into(), package_version: "1.0.0".into(), ..Default::default() };
    let files = build_local(DEFINITION, &options).expect("the example builds");
    let bundle = files.iter().find(|f| f.name.ends_with(".anip-package.json")).expect("a bundle");
    parse(&bundle.bytes).expect("bundle JSON")
}

/// `value` with `deep` spliced in at `/<at>/x_deep` (or at the top when `at` is "").
fn with_deep(value: &Value, at: &str, depth: usize) -> String {
    let mut text = to_compact(value);
    let deep = nested(depth);
    let anchor = if at.is_empty() { String::from("{") } else { alloc::format!("\"{at}\":{{") };
    let i = text.find(&anchor).expect("anchor") + anchor.len();
    text.insert_str(i, &alloc::format!("\"x_deep\":{deep},"));
    text
}

#[test]
fn deep_bundle_values_verify_lock_and_lint() {
    on_small_stack(|| {
        let bundle = built_bundle();
        for at in ["", "publication", "manifest", "lineage", "receipt", "lifecycle"] {
            if !at.is_empty() && !to_compact(&bundle).contains(&alloc::format!("\"{at}\":{{")) {
                continue;
            }
            let text = with_deep(&bundle, at, 9_990);
            // A value under a signed part changes a digest: a verdict or an ANIP error, never a crash.
            if let Err(e) = verify_bundle(text.as_bytes(), None, &VerifyOptions::default()) {
                assert!(e.code().starts_with("ANIP_"), "{at}: {e}");
            }
            let _ = super::write_lock::write_lock_for_bundle(text.as_bytes());
            assert!(super::lint::lint(text.as_bytes()).is_ok(), "{at}");
        }
    });
}

#[test]
fn deep_definition_values_verify_and_build() {
    on_small_stack(|| {
        let definition = parse(DEFINITION).expect("definition JSON");
        let text = with_deep(&definition, "", 9_999);
        assert!(verify_definition(text.as_bytes(), None, &VerifyOptions::default()).is_ok());
        let options = BuildLocalOptions { package_id: "deep".into(), package_version: "1.0.0".into(), ..Default::default() };
        let _ = build_local(text.as_bytes(), &options);
    });
}

#[test]
fn one_level_too_deep_is_gos_decode_error() {
    on_small_stack(|| {
        let text = with_deep(&built_bundle(), "manifest", 9_999);
        let e = verify_bundle(text.as_bytes(), None, &VerifyOptions::default()).unwrap_err();
        assert_eq!(e.to_string(), "decode package bundle: invalid character '[' exceeded max depth");
        assert_eq!(e.code(), "JSON_TOO_DEEP");
    });
}
