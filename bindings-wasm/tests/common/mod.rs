//! Shared by the Node (`node.rs`) and browser (`browser.rs`) test binaries: the
//! same tests, run once per JS engine environment.
pub mod api;
pub mod families;
pub mod hostile;
pub mod registry_urls;
pub mod vector_ops;
pub mod vectors;

use wasm_bindgen::JsValue;

/// Asserts `r` is a thrown `TrustloopError` carrying `code`.
#[track_caller]
pub fn assert_code<T: core::fmt::Debug>(r: Result<T, JsValue>, code: &str) {
    match r {
        Ok(v) => panic!("expected a TrustloopError {code}, got a result {v:?}"),
        Err(e) => match vectors::error_parts(&e) {
            Ok((got, message)) => assert_eq!(got, code, "wrong code (message: {message})"),
            Err(why) => panic!("bad error shape: {why}"),
        },
    }
}

/// The call returned normally or threw a well-formed `TrustloopError`; reaching
/// this point at all proves it did not trap.
#[track_caller]
pub fn assert_clean<T>(r: Result<T, JsValue>) -> Option<String> {
    match r {
        Ok(_) => None,
        Err(e) => match vectors::error_parts(&e) {
            Ok((code, _)) => {
                assert!(!code.is_empty() && code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_'), "code {code:?}");
                Some(code)
            }
            Err(why) => panic!("bad error shape: {why}"),
        },
    }
}
