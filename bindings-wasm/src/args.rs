//! Positional arguments: document bytes, strings, numbers, bundle trees, file maps
//! and JSON-shaped data.
//!
//! Bytes are accepted as `Uint8Array` (and Node's `Buffer`, a subclass),
//! `ArrayBuffer`, any other typed-array view, or a string (taken as UTF-8 text).
//! Anything else is refused with `INVALID_ARGUMENT` instead of being coerced.
//!
//! Every read of a caller's object goes through a `catch` import (`Reflect.get`,
//! `Object.keys`, `JSON.stringify`), so a throwing getter or proxy becomes an
//! `INVALID_ARGUMENT` error instead of an exception unwinding through Rust frames.
use std::collections::BTreeMap;

use js_sys::{Array, ArrayBuffer, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use trustloop_core::api;
use trustloop_core::api::json::Value;

use crate::errors::{error, to_js_error, JsResult};

fn invalid(message: String) -> JsValue {
    error("INVALID_ARGUMENT", message)
}

pub fn bytes(v: &JsValue, what: &str) -> JsResult<Vec<u8>> {
    optional_bytes(v, what)?.ok_or_else(|| invalid(format!("{what} is required (Uint8Array, ArrayBuffer or string)")))
}

/// `undefined` and `null` mean "not given".
pub fn optional_bytes(v: &JsValue, what: &str) -> JsResult<Option<Vec<u8>>> {
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    if let Some(s) = v.as_string() {
        return Ok(Some(s.into_bytes()));
    }
    if let Some(a) = v.dyn_ref::<Uint8Array>() {
        return Ok(Some(a.to_vec()));
    }
    if let Some(b) = v.dyn_ref::<ArrayBuffer>() {
        return Ok(Some(Uint8Array::new(b).to_vec()));
    }
    if ArrayBuffer::is_view(v) {
        // DataView or another typed array: its bytes, not its elements.
        let view: &js_sys::DataView = v.unchecked_ref();
        let buffer = view.buffer();
        let range = u32::try_from(view.byte_offset()).ok().zip(u32::try_from(view.byte_length()).ok());
        let (offset, len) = range.ok_or_else(|| invalid(format!("{what} is too large")))?;
        return Ok(Some(Uint8Array::new_with_byte_offset_and_length(&buffer, offset, len).to_vec()));
    }
    Err(invalid(format!("{what} must be a Uint8Array, ArrayBuffer or string")))
}

/// A required string argument.
pub fn string(v: &JsValue, what: &str) -> JsResult<String> {
    v.as_string().ok_or_else(|| invalid(format!("{what} must be a string")))
}

/// An optional string argument (`undefined`/`null` = not given).
pub fn optional_string(v: &JsValue, what: &str) -> JsResult<Option<String>> {
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    string(v, what).map(Some)
}

/// A whole JS number within ±2^53 (the integers a JS number holds exactly).
pub fn integer(v: &JsValue, what: &str) -> JsResult<i64> {
    const MAX_SAFE: f64 = 9_007_199_254_740_991.0;
    match v.as_f64() {
        Some(n) if n.fract() == 0.0 && n.abs() <= MAX_SAFE => Ok(n as i64),
        _ => Err(invalid(format!("{what} must be an integer"))),
    }
}

/// An optional boolean (`undefined`/`null` = false).
pub fn flag(v: &JsValue, what: &str) -> JsResult<bool> {
    if v.is_undefined() || v.is_null() {
        return Ok(false);
    }
    v.as_bool().ok_or_else(|| invalid(format!("{what} must be a boolean")))
}

/// `obj[key]`, refusing an object whose getter or proxy throws.
pub fn get(obj: &JsValue, key: &str, what: &str) -> JsResult<JsValue> {
    Reflect::get(obj, &JsValue::from_str(key)).map_err(|_| invalid(format!("{what}.{key} cannot be read")))
}

/// `Array.isArray`, which throws for a revoked proxy: treated as "not an array".
fn is_array(v: &JsValue) -> bool {
    array_is_array(v).unwrap_or(false)
}

fn is_object(v: &JsValue) -> bool {
    v.is_object() && !is_array(v)
}

#[cfg(feature = "full")]
/// Calls `f` with each element of a JS array, read with `Reflect.get`, in order.
/// Elements are visited one at a time (never collected up front), so a sparse array
/// with a huge `length` fails at its first hole instead of allocating.
pub fn each_element(v: &JsValue, what: &str, mut f: impl FnMut(usize, &JsValue) -> JsResult<()>) -> JsResult<()> {
    if !is_array(v) {
        return Err(invalid(format!("{what} must be an array")));
    }
    let len = get(v, "length", what)?.as_f64().unwrap_or(0.0);
    let len = u32::try_from(len as u64).map_err(|_| invalid(format!("{what} is too long")))?;
    for i in 0..len {
        let item = Reflect::get_u32(v, i).map_err(|_| invalid(format!("{what}[{i}] cannot be read")))?;
        f(i as usize, &item)?;
    }
    Ok(())
}

/// A plain object's own enumerable string keys.
fn keys(v: &JsValue, what: &str) -> JsResult<Vec<String>> {
    let list = object_keys(v).map_err(|_| invalid(format!("{what} cannot be read")))?;
    Ok(list.iter().filter_map(|k| k.as_string()).collect())
}

#[cfg(feature = "full")]
/// A bundle tree: `[{path, bytes}]`, `{path, symlink: true}` or `{path, special: true}`
/// (a FIFO, socket or device; never read). The core walks, selects and limits it.
pub fn entries(v: &JsValue, what: &str) -> JsResult<Vec<api::BundleEntry<'static>>> {
    let mut out = Vec::new();
    each_element(v, what, |i, item| {
        let at = format!("{what}[{i}]");
        if !is_object(item) {
            return Err(invalid(format!("{at} must be an object {{path, bytes}}")));
        }
        let path = string(&get(item, "path", &at)?, &format!("{at}.path"))?;
        let entry = if flag(&get(item, "symlink", &at)?, &format!("{at}.symlink"))? {
            api::BundleEntry::symlink(path)
        } else if flag(&get(item, "special", &at)?, &format!("{at}.special"))? {
            api::BundleEntry::special(path)
        } else {
            api::BundleEntry::file(path, bytes(&get(item, "bytes", &at)?, &format!("{at}.bytes"))?)
        };
        out.push(entry);
        Ok(())
    })?;
    Ok(out)
}

/// A file map: `{ "relative/path": bytes }`.
pub fn file_map(v: &JsValue, what: &str) -> JsResult<BTreeMap<String, Vec<u8>>> {
    if !is_object(v) {
        return Err(invalid(format!("{what} must be an object of path → bytes")));
    }
    let mut out = BTreeMap::new();
    for key in keys(v, what)? {
        let at = format!("{what}[{key:?}]");
        let value = bytes(&get(v, &key, what)?, &at)?;
        out.insert(key, value);
    }
    Ok(out)
}

/// A list of inputs: an array of bytes (each as [`bytes`] takes it).
pub fn bytes_list(v: &JsValue, what: &str) -> JsResult<Vec<Vec<u8>>> {
    let Some(array) = v.dyn_ref::<js_sys::Array>() else {
        return Err(invalid(format!("{what} must be an array of Uint8Array")));
    };
    array.iter().enumerate().map(|(i, item)| bytes(&item, &format!("{what}[{i}]"))).collect()
}

#[cfg(feature = "full")]
/// An object serialized as JSON without its `key`, and the value of `key` (for
/// documents with one binary field). The caller's object is not modified.
pub fn json_object_without(v: &JsValue, key: &str, what: &str) -> JsResult<(Value, JsValue)> {
    if !is_object(v) {
        return Err(invalid(format!("{what} must be an object")));
    }
    let taken = get(v, key, what)?;
    if taken.is_undefined() {
        return Ok((json(v, what)?, taken));
    }
    let copy = object_assign(&js_sys::Object::new(), v).map_err(|_| invalid(format!("{what} cannot be read")))?;
    let _ = Reflect::delete_property(&copy, &JsValue::from_str(key));
    Ok((json(&copy, what)?, taken))
}

/// JSON-shaped data (no bytes inside), serialized with `JSON.stringify` and parsed
/// by the core with its limits. `undefined` is `null`.
pub fn json(v: &JsValue, what: &str) -> JsResult<Value> {
    if v.is_undefined() {
        return Ok(Value::Null);
    }
    let text = js_sys::JSON::stringify(v)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| invalid(format!("{what} must be JSON-serializable (no cycles, BigInt or functions)")))?;
    api::parse_json(text.as_bytes(), what).map_err(|e| to_js_error(&e))
}

#[wasm_bindgen]
extern "C" {
    /// `Object.keys`, declared with `catch` (a proxy's `ownKeys` trap may throw).
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(target: &JsValue) -> Result<Array, JsValue>;

    /// `Object.assign`, declared with `catch` (js-sys's binding does not catch).
    #[wasm_bindgen(catch, js_namespace = Object, js_name = assign)]
    fn object_assign(target: &js_sys::Object, source: &JsValue) -> Result<js_sys::Object, JsValue>;

    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn array_is_array(value: &JsValue) -> Result<bool, JsValue>;
}
