//! The JS-facing surface: argument forms, option mapping, result and error shapes.
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

use super::{assert_clean, assert_code, vectors::to_value};

fn obj(json: &str) -> JsValue {
    js_sys::JSON::parse(json).expect("test JSON")
}

fn text(a: Uint8Array) -> String {
    String::from_utf8(a.to_vec()).expect("utf-8")
}

#[wasm_bindgen_test]
fn vectors_pass() {
    let summary = super::vectors::run_all().expect("vector files load");
    wasm_bindgen_test::console_log!("{}", summary.report());
    assert!(summary.passed > 0, "no vector ran");
    assert!(summary.failed.is_empty(), "{}", summary.report());
    assert!(summary.other_ops.is_empty(), "every vector op must run in the wasm host: {}", summary.report());
}

#[wasm_bindgen_test]
fn version_is_the_core_version() {
    assert_eq!(trustloop_wasm::version(), trustloop_core::api::VERSION);
}

#[wasm_bindgen_test]
fn bytes_arguments_accept_every_binary_form_and_strings() {
    let doc = r#"{"b":1,"a":[true,null]}"#;
    let want = r#"{"a":[true,null],"b":1}"#;
    let u8s = Uint8Array::from(doc.as_bytes());
    let forms: Vec<JsValue> = vec![
        JsValue::from_str(doc),
        u8s.clone().into(),
        u8s.buffer().into(),
        // A view into the middle of a larger buffer: only its own bytes count.
        {
            let mut padded = b"xx".to_vec();
            padded.extend_from_slice(doc.as_bytes());
            padded.extend_from_slice(b"yy");
            let buf = Uint8Array::from(padded.as_slice()).buffer();
            js_sys::DataView::new(&buf, 2, doc.len()).into()
        },
    ];
    for form in forms {
        let out = trustloop_wasm::canonicalize(form, JsValue::UNDEFINED).expect("canonicalize");
        assert_eq!(text(out), want);
    }
}

#[wasm_bindgen_test]
fn wrong_argument_types_are_invalid_argument() {
    assert_code(trustloop_wasm::digest(JsValue::from_f64(42.0)), "INVALID_ARGUMENT");
    assert_code(trustloop_wasm::digest(JsValue::UNDEFINED), "INVALID_ARGUMENT");
    assert_code(trustloop_wasm::verify_bundle(obj("{}"), JsValue::UNDEFINED), "INVALID_ARGUMENT");
    assert_code(trustloop_wasm::write_lock(JsValue::NULL), "INVALID_ARGUMENT");
    assert_code(trustloop_wasm::build_local(JsValue::TRUE, JsValue::UNDEFINED), "INVALID_ARGUMENT");
    assert_code(trustloop_wasm::canonicalize("{}".into(), JsValue::from_f64(1.0)), "INVALID_ARGUMENT");
    assert_code(trustloop_wasm::keygen(obj("{}")), "INVALID_ARGUMENT");
    let opts = obj(r#"{"lock": 7}"#);
    assert_code(trustloop_wasm::verify_bundle("{}".into(), opts), "INVALID_ARGUMENT");
}

#[wasm_bindgen_test]
fn canonical_modes_and_digest() {
    let doc = r#"{"z":"<&>","a":1e21}"#;
    let digest_mode = text(trustloop_wasm::canonicalize(doc.into(), "digest".into()).unwrap());
    let default_mode = text(trustloop_wasm::canonicalize(doc.into(), JsValue::UNDEFINED).unwrap());
    assert_eq!(digest_mode, default_mode);
    let jcs = text(trustloop_wasm::canonicalize(doc.into(), "jcs".into()).unwrap());
    assert!(jcs.starts_with(r#"{"a":1e+21,"#), "{jcs}");
    assert_code(trustloop_wasm::canonicalize(doc.into(), "yaml".into()), "UNKNOWN_MODE");
    let d = trustloop_wasm::digest(doc.into()).unwrap();
    assert_eq!(d, trustloop_core::api::digest::sha256_bytes(digest_mode.as_bytes()));
}

#[wasm_bindgen_test]
fn errors_are_trustloop_errors_with_findings() {
    let e = trustloop_wasm::digest("{".into()).unwrap_err();
    assert!(e.is_instance_of::<js_sys::Error>());
    let findings = to_value(&Reflect::get(&e, &"findings".into()).unwrap()).unwrap();
    let f = &findings.as_array().unwrap()[0];
    assert_eq!(f.str_at("code"), "JSON_SYNTAX");
    assert_eq!(f.str_at("severity"), "error");
    assert!(!f.str_at("message").is_empty());
    assert!(f.get("location").is_some_and(|l| l.as_object().is_some()));
    let message = String::from(js_sys::Error::from(e).message());
    assert!(message.starts_with("decode JSON: "), "{message}");
}

#[wasm_bindgen_test]
fn keygen_uses_the_js_random_source() {
    let js = trustloop_wasm::keygen("ci-key".into()).unwrap();
    let a = to_value(&js).unwrap();
    let b = to_value(&trustloop_wasm::keygen(JsValue::UNDEFINED).unwrap()).unwrap();
    assert_eq!(a.str_at("key_id"), "ci-key");
    assert_eq!(a.str_at("algorithm"), "ed25519");
    assert_eq!(a.str_at("public_key").len(), 44, "32 bytes in base64");
    assert_eq!(a.str_at("extra_public_entry"), format!("ci-key={}", a.str_at("public_key")));
    assert_eq!(b.str_at("key_id"), "trustloop-ed25519");
    assert_ne!(a.str_at("private_key_seed"), b.str_at("private_key_seed"));
    // Key order as printed by the CLI (`keygen --json`).
    let keys: Vec<String> = js_sys::Object::keys(js.unchecked_ref::<js_sys::Object>()).iter().filter_map(|k| k.as_string()).collect();
    assert_eq!(keys, ["key_id", "algorithm", "private_key_seed", "private_key", "public_key", "extra_public_entry"]);
}

#[wasm_bindgen_test]
fn options_accept_camel_case_and_snake_case() {
    let camel = obj(r#"{"expectedContractSignature":"sha256:x","trustedKeys":{"k1":"AAAA"},"legacy":false,"recordPath":"p"}"#);
    let snake = obj(r#"{"expected_contract_signature":"sha256:x","trusted_keys":{},"record_path":"p"}"#);
    for opts in [camel, snake, JsValue::UNDEFINED, JsValue::NULL, obj("{}")] {
        let code = assert_clean(trustloop_wasm::verify_bundle("{}".into(), opts));
        assert_ne!(code.as_deref(), Some("INVALID_OPTION"));
        assert_ne!(code.as_deref(), Some("OPTIONS_NOT_OBJECT"));
    }
    let build = obj(r#"{"packageId":"p","packageVersion":"1.0.0","generatedAt":"2026-05-15T00:00:00Z","signingKeyId":"k"}"#);
    let code = assert_clean(trustloop_wasm::build_local("{}".into(), build));
    assert_ne!(code.as_deref(), Some("INVALID_OPTION"));
}

#[wasm_bindgen_test]
fn bad_options_are_refused_by_name() {
    let verify = |o: JsValue| trustloop_wasm::verify_bundle("{}".into(), o);
    assert_code(verify(obj(r#"{"expectedContractSignatur":"x"}"#)), "INVALID_OPTION");
    assert_code(verify(obj(r#"{"legacy":"yes"}"#)), "INVALID_OPTION");
    assert_code(verify(obj(r#"{"recordPath":"a","record_path":"b"}"#)), "INVALID_OPTION");
    assert_code(verify(obj(r#"{"packageId":"p"}"#)), "INVALID_OPTION");
    assert_code(verify("opts".into()), "OPTIONS_NOT_OBJECT");
    assert_code(verify(obj("[1]")), "OPTIONS_NOT_OBJECT");
    assert_code(verify(JsValue::from_f64(1.0)), "OPTIONS_NOT_OBJECT");
    // A cycle and a BigInt make JSON.stringify throw: a clean error, not an unwind.
    let cyclic = obj("{}");
    Reflect::set(&cyclic, &"self".into(), &cyclic).unwrap();
    assert_code(verify(cyclic), "INVALID_OPTION");
    let big = obj("{}");
    Reflect::set(&big, &"legacy".into(), &js_sys::BigInt::from(1u8).into()).unwrap();
    assert_code(verify(big), "INVALID_OPTION");
    let build = |o: JsValue| trustloop_wasm::build_local("{}".into(), o);
    assert_code(build(obj(r#"{"lock":"x"}"#)), "INVALID_OPTION");
    assert_code(build(obj(r#"{"packageId":1}"#)), "INVALID_OPTION");
}

#[wasm_bindgen_test]
fn the_callers_options_object_is_not_modified() {
    let opts = obj(r#"{"recordPath":"p"}"#);
    Reflect::set(&opts, &"lock".into(), &Uint8Array::from(&b"{}"[..])).unwrap();
    let _ = trustloop_wasm::verify_bundle("{}".into(), opts.clone());
    assert!(Reflect::get(&opts, &"lock".into()).unwrap().is_instance_of::<Uint8Array>());
}
