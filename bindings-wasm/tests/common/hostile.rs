//! Hostile input: every call must return a result or throw a `TrustloopError`.
//! A panic would be a trap (`panic = "abort"` on wasm32), which fails the test and
//! would leave the module unusable; each test ends by using the module again.
use base64::Engine as _;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

use super::{assert_clean, assert_code};

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

fn nested(depth: usize) -> String {
    format!("{}{}", "[".repeat(depth), "]".repeat(depth))
}

fn nested_object(depth: usize) -> String {
    format!("{}1{}", r#"{"a":"#.repeat(depth), "}".repeat(depth))
}

/// Every operation that takes a document, on the same bytes.
fn every_op(input: &JsValue) -> Vec<Option<String>> {
    vec![
        assert_clean(trustloop_wasm::verify_bundle(input.clone(), JsValue::UNDEFINED)),
        assert_clean(trustloop_wasm::verify_definition(input.clone(), JsValue::UNDEFINED)),
        assert_clean(trustloop_wasm::write_lock(input.clone())),
        assert_clean(trustloop_wasm::build_local(input.clone(), JsValue::UNDEFINED)),
        assert_clean(trustloop_wasm::canonicalize(input.clone(), JsValue::UNDEFINED)),
        assert_clean(trustloop_wasm::digest(input.clone())),
    ]
}

fn still_works() {
    assert_eq!(
        trustloop_wasm::digest("{}".into()).unwrap(),
        "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
    );
}

#[wasm_bindgen_test]
fn not_json() {
    for input in ["not json", "", "{", "{\"a\":1,}", "\u{feff}{}", "[1,2", "nul", "{\"a\" 1}"] {
        for code in every_op(&input.into()) {
            assert!(code.is_some(), "{input:?} was accepted");
        }
        assert_code(trustloop_wasm::canonicalize(input.into(), JsValue::UNDEFINED), "JSON_SYNTAX");
    }
    // A lone surrogate escape is valid JSON for Go (decoded as U+FFFD): no trap either way.
    every_op(&"\"\\ud800\"".into());
    // Invalid UTF-8 bytes.
    let bad = js_sys::Uint8Array::from(&[b'"', 0xff, 0xfe, b'"'][..]);
    every_op(&bad.into());
    still_works();
}

#[wasm_bindgen_test]
fn deep_nesting() {
    for doc in [nested(200), nested_object(200), nested(100_000)] {
        every_op(&doc.as_str().into());
        assert_code(trustloop_wasm::canonicalize(doc.as_str().into(), JsValue::UNDEFINED), "JSON_TOO_DEEP");
    }
    // As options too: the options object goes through the same parser. (Far deeper
    // objects make JSON.stringify itself overflow: INVALID_OPTION, also clean.)
    let opts = js_sys::JSON::parse(&format!(r#"{{"trustedKeys":{{"k":{}}}}}"#, nested(200))).unwrap();
    assert_code(trustloop_wasm::verify_bundle("{}".into(), opts), "JSON_TOO_DEEP");
    let opts = js_sys::JSON::parse(&format!(r#"{{"trustedKeys":{{"k":{}}}}}"#, nested(100_000))).unwrap();
    assert_clean(trustloop_wasm::verify_bundle("{}".into(), opts));
    still_works();
}

#[wasm_bindgen_test]
fn fifty_megabyte_string() {
    let doc = format!("\"{}\"", "a".repeat(50 << 20));
    // As a JS string and as bytes.
    assert_code(trustloop_wasm::canonicalize(doc.as_str().into(), JsValue::UNDEFINED), "JSON_STRING_TOO_LONG");
    let bytes: JsValue = js_sys::Uint8Array::from(doc.as_bytes()).into();
    every_op(&bytes);
    let in_object = format!(r#"{{"service_definition":{doc}}}"#);
    every_op(&in_object.as_str().into());
    drop((doc, in_object));
    still_works();
}

#[wasm_bindgen_test]
fn short_and_malformed_keys() {
    let key31 = B64.encode([7u8; 31]);
    let key33 = B64.encode([7u8; 33]);
    for key in [key31.as_str(), key33.as_str(), "!!not base64!!", "QUJD=", "", "=", "A"] {
        let build = js_sys::JSON::parse(&format!(
            r#"{{"packageId":"p","packageVersion":"1.0.0","signingKey":"{key}","signingKeyId":"k"}}"#
        ))
        .unwrap();
        assert_clean(trustloop_wasm::build_local("{}".into(), build));
        let verify = js_sys::JSON::parse(&format!(r#"{{"trustedKeys":{{"k":"{key}"}}}}"#)).unwrap();
        assert_clean(trustloop_wasm::verify_bundle("{}".into(), verify));
    }
    // Bad base64 in a signature string inside an otherwise plausible bundle.
    let bundle = r#"{"package":{"package_id":"p","package_version":"1","receipt_signature":"ed25519:k:@@@"},
        "receipt":{"signature":"ed25519:k:%%%"},"registry_keys":[{"key_id":"k","public_key":"AAAA"}],
        "service_definition":{}}"#;
    every_op(&bundle.into());
    still_works();
}

#[wasm_bindgen_test]
fn hostile_key_ids() {
    for id in ["", "   ", "a:b", &"k".repeat(100_000), "\u{0}"] {
        assert_clean(trustloop_wasm::keygen(id.into()));
    }
    still_works();
}
