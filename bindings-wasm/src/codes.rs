//! The core's code table (`docs/codes.md`): `codes()`, and the `Code` union and
//! `CodeInfo` of `codes.d.ts` (rendered from the table by `tests/tests/codes.rs`).
use wasm_bindgen::prelude::*;

use trustloop_core::api::codes;

use crate::errors::JsResult;
use crate::to_js;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = include_str!("codes.d.ts");

/// Every finding and error code, once: `[{code, section, severity, meaning}]`.
#[wasm_bindgen(unchecked_return_type = "CodeInfo[]")]
pub fn codes() -> JsResult<JsValue> {
    to_js::value(&codes::to_value())
}
