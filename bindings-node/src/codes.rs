//! The core's code table (`docs/codes.md`), for `codes()` in `index.js`.
use napi_derive::napi;
use trustloop_core::api::{codes, json};

/// Every finding and error code as `[{code, section, severity, meaning}]` JSON.
#[napi]
pub fn codes() -> String {
    json::to_compact(&codes::to_value())
}
