//! Hostile input: every call must return a result or throw a `TrustloopError`.
//! A panic would be a trap (`panic = "abort"` on wasm32), which fails the test and
//! would leave the module unusable; each test ends by using the module again.
use base64::Engine as _;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

use super::{assert_clean, assert_code};

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

fn nested(depth: usize) -> String {
    format!("{}{}", "[".repeat(depth), "]".repeat(depth))
}

fn nested_object(depth: usize) -> String {
    format!("{}1{}", r#"{"a":"#.repeat(depth), "}".repeat(depth))
}

/// Every operation that takes a JSON document, on the same bytes.
fn every_op(input: &JsValue) -> Vec<Option<String>> {
    let python = || js_sys::JSON::parse(r#"{"target":"python"}"#).unwrap();
    let attach = || js_sys::JSON::parse(r#"{"packageVersion":"1.0.1","customCodeBundleRef":"registry://a/b@1.0.0#sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}"#).unwrap();
    let responses = || {
        let r = js_sys::Object::new();
        js_sys::Reflect::set(&r, &"packageUrl".into(), &"http://r.test/registry-api/v1/packages/p/1".into()).unwrap();
        for k in ["download", "receipt", "keys"] {
            js_sys::Reflect::set(&r, &k.into(), input).unwrap();
        }
        JsValue::from(r)
    };
    vec![
        assert_clean(trustloop_wasm::verify_bundle(input.clone(), JsValue::UNDEFINED)),
        assert_clean(trustloop_wasm::verify_definition(input.clone(), JsValue::UNDEFINED)),
        assert_clean(trustloop_wasm::write_lock(input.clone())),
        assert_clean(trustloop_wasm::build_local(input.clone(), JsValue::UNDEFINED)),
        assert_clean(trustloop_wasm::canonicalize(input.clone(), JsValue::UNDEFINED)),
        assert_clean(trustloop_wasm::digest(input.clone())),
        assert_clean(trustloop_wasm::tree_combine(input.clone(), JsValue::UNDEFINED)),
        assert_clean(trustloop_wasm::bundle_materials(input.clone())),
        assert_clean(trustloop_wasm::bundle_report(input.clone(), js_sys::Array::new().into(), python())),
        assert_clean(trustloop_wasm::attach_implementation(input.clone(), attach())),
        assert_clean(trustloop_wasm::lint(input.clone())),
        assert_clean(trustloop_wasm::verify_registry_responses(responses(), JsValue::UNDEFINED)),
        assert_clean(trustloop_wasm::write_lock_registry_responses(responses(), JsValue::UNDEFINED)),
    ]
}

/// Every operation that takes archive bytes: a result or a clean error, nothing else.
fn every_archive_op(input: &JsValue) {
    assert_clean(trustloop_wasm::assets_pa_read(input.clone()));
    assert!(trustloop_wasm::assets_pa_verify(input.clone()).is_ok(), "assetsPaVerify never throws for bytes");
    assert_clean(trustloop_wasm::assets_pa_extract(input.clone(), JsValue::from_f64(0.0)));
    assert_clean(trustloop_wasm::assets_pa_companions(input.clone()));
    assert_clean(trustloop_wasm::assets_pa_verify_companions(input.clone(), "[]".into(), "[]".into()));
    assert!(trustloop_wasm::anpkg_validate(input.clone(), JsValue::UNDEFINED).is_ok(), "anpkgValidate reports, never throws for bytes");
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
    // Go's limit is 10,000 levels: accepted on WASM's 1 MB stack, one more is refused.
    for doc in [nested(10_000), nested_object(10_000)] {
        every_op(&doc.as_str().into());
        trustloop_wasm::canonicalize(doc.as_str().into(), JsValue::UNDEFINED).expect("Go accepts 10,000 levels");
    }
    for doc in [nested(10_001), nested_object(10_001), nested(100_000)] {
        every_op(&doc.as_str().into());
        assert_code(trustloop_wasm::canonicalize(doc.as_str().into(), JsValue::UNDEFINED), "JSON_TOO_DEEP");
    }
    // As options too: the options object goes through the same parser. Whether the
    // engine's JSON.stringify itself gives up first (INVALID_OPTION) depends on the JS
    // stack, so only a clean error is asserted.
    let opts = js_sys::JSON::parse(&format!(r#"{{"trustedKeys":{{"k":{}}}}}"#, nested(10_001))).unwrap();
    assert_clean(trustloop_wasm::verify_bundle("{}".into(), opts));
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

#[wasm_bindgen_test]
fn garbage_archives() {
    // Truncated zip and assets.pa headers, random bytes, a zip end record alone.
    let mut inputs: Vec<Vec<u8>> = vec![
        b"PK\x03\x04".to_vec(),
        b"PK\x05\x06\0\0\0\0\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\0\0".to_vec(),
        b"PMTA".to_vec(),
        [b"PMTA".as_slice(), &[0xff; 64]].concat(),
        Vec::new(),
    ];
    let mut x: u32 = 0x9e37_79b9;
    inputs.push((0..4096).map(|_| { x ^= x << 13; x ^= x >> 17; x ^= x << 5; x as u8 }).collect());
    for bytes in inputs {
        every_archive_op(&js_sys::Uint8Array::from(bytes.as_slice()).into());
    }
    still_works();
}

/// A JS value whose every property read throws (a Proxy with a throwing `get` trap).
fn throwing_proxy(target: JsValue) -> JsValue {
    let handler = js_sys::Object::new();
    let trap = js_sys::Function::new_no_args("throw new Error('hostile getter')");
    js_sys::Reflect::set(&handler, &"get".into(), &trap).unwrap();
    js_sys::Reflect::set(&handler, &"ownKeys".into(), &trap).unwrap();
    js_sys::Proxy::new(target.unchecked_ref(), &handler).into()
}

fn revoked_proxy(target: JsValue) -> JsValue {
    let r = js_sys::Proxy::revocable(target.unchecked_ref(), &js_sys::Object::new());
    let proxy = js_sys::Reflect::get(&r, &"proxy".into()).unwrap();
    let revoke: js_sys::Function = js_sys::Reflect::get(&r, &"revoke".into()).unwrap().unchecked_into();
    revoke.call0(&JsValue::NULL).unwrap();
    proxy
}

#[wasm_bindgen_test]
fn hostile_js_arguments() {
    let array = || JsValue::from(js_sys::Array::of1(&js_sys::Object::new()));
    let object = || JsValue::from(js_sys::Object::new());
    let hostile = [throwing_proxy(array()), throwing_proxy(object()), revoked_proxy(array()), revoked_proxy(object())];
    for h in hostile {
        // Bundle trees, file maps, registry responses, asset entries, GLYPH specs, options.
        assert_code(trustloop_wasm::tree_digest(h.clone(), JsValue::UNDEFINED), "INVALID_ARGUMENT");
        assert_code(trustloop_wasm::bundle_report("{}".into(), h.clone(), JsValue::UNDEFINED), "INVALID_ARGUMENT");
        assert_code(trustloop_wasm::anpkg_export_files(h.clone(), JsValue::UNDEFINED), "INVALID_ARGUMENT");
        assert_code(trustloop_wasm::assets_pa_pack_files(h.clone(), JsValue::UNDEFINED), "INVALID_ARGUMENT");
        assert_code(trustloop_wasm::verify_registry_responses(h.clone(), JsValue::UNDEFINED), "INVALID_ARGUMENT");
        assert_code(trustloop_wasm::assets_pa_write(h.clone(), JsValue::UNDEFINED), "INVALID_ARGUMENT");
        assert_code(trustloop_wasm::assets_pa_glyph_bank(h.clone()), "INVALID_ARGUMENT");
        assert_clean(trustloop_wasm::tree_digest(js_sys::Array::of1(&h).into(), JsValue::UNDEFINED));
        assert_clean(trustloop_wasm::attach_implementation("{}".into(), h.clone()));
        assert_clean(trustloop_wasm::anpkg_validate("x".into(), h.clone()));
    }
    // A getter that throws on one field of an otherwise good entry.
    let entry = js_sys::Object::new();
    js_sys::Reflect::set(&entry, &"path".into(), &"a.py".into()).unwrap();
    let descriptor = js_sys::Object::new();
    js_sys::Reflect::set(&descriptor, &"get".into(), &js_sys::Function::new_no_args("throw new Error('no bytes')")).unwrap();
    js_sys::Object::define_property(&entry, &"bytes".into(), &descriptor);
    assert_code(trustloop_wasm::tree_digest(js_sys::Array::of1(&entry).into(), JsValue::UNDEFINED), "INVALID_ARGUMENT");
    still_works();
}
