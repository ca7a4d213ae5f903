//! The core's code table (`docs/codes.md`), for `codes()` in `index.js`.
use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;
use trustloop_core::api::codes;

use crate::to_js;

/// Every finding and error code, once: `[{code, section, severity, meaning}]`.
#[napi]
pub fn codes(env: &Env) -> napi::Result<Unknown<'_>> {
    to_js::value(env, &codes::to_value())
}
