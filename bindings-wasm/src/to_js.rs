//! Core JSON values as JS values.
//!
//! The core's compact JSON text goes through `JSON.parse`, so a JS result is
//! exactly the CLI's `--json` document (same keys, same key order, same numbers),
//! without a second serializer that could drift.
use wasm_bindgen::JsValue;

use trustloop_core::json::{to_compact, Value};

use crate::errors::{error, JsResult};

pub fn value(v: &Value) -> JsResult<JsValue> {
    js_sys::JSON::parse(&to_compact(v))
        .map_err(|_| error("INTERNAL_JSON", "trustloop produced JSON the JS engine could not parse"))
}
