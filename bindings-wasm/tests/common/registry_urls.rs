//! `registryApiBase` and `registryUrls`: the URLs `helpers.js` fetches come from the
//! core, with the helpers' argument errors.
use js_sys::Reflect;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

use super::{assert_code, vectors::error_parts};

fn field(v: &JsValue, key: &str) -> String {
    Reflect::get(v, &JsValue::from_str(key)).expect("get").as_string().unwrap_or_else(|| panic!("{key} is not a string"))
}

#[wasm_bindgen_test]
fn the_api_base_gets_its_path_once() {
    let base = |s: &str| trustloop_wasm::registry_api_base(JsValue::from_str(s)).expect("base");
    assert_eq!(base("http://r.example/"), "http://r.example/registry-api/v1");
    assert_eq!(base(" http://r.example/registry-api/v1/ "), "http://r.example/registry-api/v1");
    assert_code(trustloop_wasm::registry_api_base(JsValue::from_str(" ")), "INVALID_ARGUMENT");
    assert_code(trustloop_wasm::registry_api_base(JsValue::UNDEFINED), "INVALID_ARGUMENT");
}

#[wasm_bindgen_test]
fn a_package_s_urls_escape_its_id_and_version() {
    let urls = trustloop_wasm::registry_urls(JsValue::from_str("http://r.example/"), JsValue::from_str(" a b@1@2.0 "), Some(true))
        .expect("urls");
    assert_eq!(field(&urls, "registryUrl"), "http://r.example/registry-api/v1");
    assert_eq!(field(&urls, "packageUrl"), "http://r.example/registry-api/v1/packages/a%20b@1/2.0");
    assert_eq!(field(&urls, "downloadUrl"), "http://r.example/registry-api/v1/packages/a%20b@1/2.0/download?allow_yanked=true");
    assert_eq!(field(&urls, "receiptUrl"), "http://r.example/registry-api/v1/packages/a%20b@1/2.0/receipt");
    assert_eq!(field(&urls, "keysUrl"), "http://r.example/registry-api/v1/keys");
    let plain = trustloop_wasm::registry_urls(JsValue::from_str("http://r"), JsValue::from_str("p@1"), None).expect("urls");
    assert_eq!(field(&plain, "downloadUrl"), "http://r/registry-api/v1/packages/p/1/download");
}

#[wasm_bindgen_test]
fn bad_references_and_bases_throw_the_helpers_errors() {
    let message = |base: JsValue, package: JsValue| {
        let e = trustloop_wasm::registry_urls(base, package, None).expect_err("refused");
        error_parts(&e).expect("a TrustloopError")
    };
    let base = || JsValue::from_str("http://r");
    assert_eq!(message(JsValue::from_str(""), JsValue::from_str("p@1")).0, "INVALID_ARGUMENT");
    assert_eq!(
        message(base(), JsValue::from_str("p")),
        ("PACKAGE_REF_INVALID".to_string(), "package reference must use package_id@package_version".to_string())
    );
    assert_eq!(message(base(), JsValue::from_f64(1.0)), ("PACKAGE_REF_INVALID".to_string(), "package reference is required".to_string()));
}
