//! Core JSON values as JS values.
//!
//! The core's compact JSON text goes through `JSON.parse`, so a JS result is
//! exactly the CLI's `--json` document (same keys, same key order, same numbers),
//! without a second serializer that could drift.
use wasm_bindgen::JsValue;

use trustloop_core::api::json::{to_compact, Value};

use crate::errors::{error, JsResult};

pub fn value(v: &Value) -> JsResult<JsValue> {
    js_sys::JSON::parse(&to_compact(v))
        .map_err(|_| error("INTERNAL_JSON", "trustloop produced JSON the JS engine could not parse"))
}

/// `{ name: Uint8Array }` in the given order (JS keeps string keys in insertion order).
pub fn files<'a>(files: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> JsResult<js_sys::Object> {
    let out = js_sys::Object::new();
    for (name, bytes) in files {
        js_sys::Reflect::set(&out, &JsValue::from_str(name), &js_sys::Uint8Array::from(bytes))?;
    }
    Ok(out)
}

/// Sets `key` on a result object this crate created (cannot fail on a fresh object).
pub fn set(target: &JsValue, key: &str, value: &JsValue) -> JsResult<()> {
    js_sys::Reflect::set(target, &JsValue::from_str(key), value)?;
    Ok(())
}
