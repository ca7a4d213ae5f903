//! Positional arguments: the bytes of a document.
//!
//! Accepted: `Uint8Array` (and Node's `Buffer`, a subclass), `ArrayBuffer`,
//! any other typed-array view, or a string (taken as UTF-8 text). Anything else
//! is refused with `INVALID_ARGUMENT` instead of being coerced.
use js_sys::{ArrayBuffer, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

use crate::errors::{error, JsResult};

pub fn bytes(v: &JsValue, what: &str) -> JsResult<Vec<u8>> {
    optional_bytes(v, what)?
        .ok_or_else(|| error("INVALID_ARGUMENT", format!("{what} is required (Uint8Array, ArrayBuffer or string)")))
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
        let (offset, len) = range.ok_or_else(|| error("INVALID_ARGUMENT", format!("{what} is too large")))?;
        return Ok(Some(Uint8Array::new_with_byte_offset_and_length(&buffer, offset, len).to_vec()));
    }
    Err(error("INVALID_ARGUMENT", format!("{what} must be a Uint8Array, ArrayBuffer or string")))
}

/// An optional string argument (`undefined`/`null` = not given).
pub fn optional_string(v: &JsValue, what: &str) -> JsResult<Option<String>> {
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    v.as_string().map(Some).ok_or_else(|| error("INVALID_ARGUMENT", format!("{what} must be a string")))
}
