//! Core errors as JS exceptions.
//!
//! Every failure becomes a JS `Error` (so `instanceof Error` and stack traces work)
//! named `TrustloopError`, whose `message` is the core's (upstream's) message and
//! which carries the finding's stable `code` and `findings` (the shared
//! `{code, severity, message, location}` shape) as properties.
use js_sys::Reflect;
use wasm_bindgen::JsValue;

use trustloop_core::api::diag::{findings_to_value, Error};
use trustloop_core::api::json::to_compact;

/// What every export returns; `Err` is thrown by wasm-bindgen's glue.
pub type JsResult<T> = Result<T, JsValue>;

pub const ERROR_NAME: &str = "TrustloopError";

pub fn to_js_error(e: &Error) -> JsValue {
    let err = js_sys::Error::new(e.message());
    err.set_name(ERROR_NAME);
    // `JSON.parse` of the compact text, as `to_js::value` does; not through it, since
    // it reports its own failures with this module (that would be an import circle).
    let findings = js_sys::JSON::parse(&to_compact(&findings_to_value(core::slice::from_ref(e.finding()))))
        .unwrap_or_else(|_| js_sys::Array::new().into());
    // Setting a data property on a fresh, extensible Error object cannot fail.
    let _ = Reflect::set(&err, &JsValue::from_str("code"), &JsValue::from_str(e.code()));
    let _ = Reflect::set(&err, &JsValue::from_str("findings"), &findings);
    err.into()
}

/// A binding-level error (bad argument type, options that cannot be serialized).
pub fn error(code: &'static str, message: impl Into<String>) -> JsValue {
    to_js_error(&Error::new(code, message))
}
