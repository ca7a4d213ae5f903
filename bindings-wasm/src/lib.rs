//! trustloop for WebAssembly: the browser and Node host of the verification core.
//!
//! Thin skin over [`trustloop_core::api`]: every export converts its arguments,
//! calls the core and converts the result. No verification logic lives here.
//! One module per artifact family: [`anip`] (verify, canonical JSON, trust stores),
//! [`registry`] (registry sources, sans-IO), [`registry_urls`] (the URLs `helpers.js`
//! fetches), `authoring` (lock files, build-local, keys), `material` (implementation
//! material: refs, tree digests, reports, attach, lint), `assets_pa` and `anpkg`.
//!
//! Feature `full` (default) exports every family; without it the crate is the ANIP
//! verify subset (`anip`, `registry`, `registry_urls`, the operation and budget
//! tables, and a [`call`] that dispatches through the core's
//! `api::call::verify_only`), which `build.sh` ships as `trustloop-wasm/verify`.
//!
//! * Results are plain JS objects with exactly the shape of the CLI's `--json`
//!   output, built from the core's JSON value without a text round trip ([`to_js`]).
//! * Every failure is thrown as a JS `Error` named `TrustloopError` with the
//!   finding's stable `code` and a `findings` array (see [`errors`]).
//! * Options are a JS object; camelCase keys are mapped to the core's snake_case
//!   names (see [`options`]).
//!
//! A Rust panic in `wasm32-unknown-unknown` is a trap (`panic = "abort"`; there is
//! no `catch_unwind` on this target), so nothing here may panic on input: the core
//! rejects bad input with findings, and this crate never unwraps JS-derived data.
//! If a bug panics anyway, [`panic_hook`] logs the message to `console.error`
//! before the trap surfaces in JS as a `WebAssembly.RuntimeError`.
#![forbid(unsafe_code)]
use wasm_bindgen::prelude::*;

pub mod anip;
#[cfg(feature = "full")]
pub mod anpkg;
#[cfg(feature = "full")]
pub mod assets_pa;
#[cfg(feature = "full")]
pub mod authoring;
pub mod call;
#[cfg(feature = "full")]
pub mod codes;
pub mod limits;
#[cfg(feature = "full")]
pub mod material;
pub mod registry;
pub mod registry_urls;

mod args;
mod errors;
mod options;
mod panic_hook;
mod to_js;

pub use anip::{canonicalize, digest, trust_store, verify_bundle, verify_definition};
#[cfg(feature = "full")]
pub use authoring::{build_local, keygen, write_lock};
#[cfg(feature = "full")]
pub use anpkg::{anpkg_export_files, anpkg_validate};
#[cfg(feature = "full")]
pub use assets_pa::{
    assets_pa_companions, assets_pa_extract, assets_pa_glyph_bank, assets_pa_pack_files, assets_pa_read, assets_pa_verify,
    assets_pa_verify_companions, assets_pa_write,
};
#[cfg(feature = "full")]
pub use codes::codes;
pub use limits::{limits, reset_limits, set_limit};
#[cfg(feature = "full")]
pub use material::{attach_implementation, bundle_materials, bundle_report, lint, ref_check, tree_combine, tree_digest};
pub use registry::verify_registry_responses;
#[cfg(feature = "full")]
pub use registry::write_lock_registry_responses;
pub use registry_urls::{registry_api_base, registry_urls};

#[wasm_bindgen(typescript_custom_section)]
const TS_OPERATION: &'static str = r#"
/** One row of the core's operation table. */
export interface Operation {
  family: "" | "json" | "anip" | "anpkg" | "assets_pa";
  name: string;
  /** `assets_pa_write`, `verify_bundle`: the `op` of the conformance vectors. */
  flat: string;
  python: string;
  js: string;
  cli: string;
  summary: string;
  hosts: { python: boolean; node: boolean; wasm: boolean };
  /** Parameters in call order, with the kind of value each takes. */
  params: { name: string; kind: "bytes" | "text" | "int" | "bool" | "json" | "files" | "options"; required: boolean }[];
  /** What it gives back: `json`, `bytes`, `text`, `int`, `files`, `nothing`, or `record(name: kind, …)`. */
  returns: string;
  /** The host fetches over HTTP, then calls the `…Responses` operation. */
  fetches: boolean;
}
"#;

/// The core's operation table this package is derived from (`js` is the name here):
/// the rows this build has (the verify-only build: the ANIP verify subset).
#[wasm_bindgen(unchecked_return_type = "Operation[]")]
pub fn operations() -> Result<JsValue, JsValue> {
    to_js::value(&trustloop_core::api::ops::to_value_where(call::has))
}

/// The exit code the `trustloop` CLI gives when the operation at `js_path`
/// (`verifyBundle`, `anpkg.validate`) fails with `code`; `undefined` when it has no CLI
/// command. `surface.js` puts it on every `TrustloopError` as `exitCode`.
#[wasm_bindgen(js_name = errorExitCode)]
pub fn error_exit_code(js_path: &str, code: &str) -> Option<u8> {
    trustloop_core::api::ops::OPS.iter().find(|o| o.js_path() == js_path).and_then(|o| o.error_exit_code(code))
}

/// The trustloop version (the core's crate version).
#[wasm_bindgen]
pub fn version() -> String {
    trustloop_core::api::VERSION.into()
}
