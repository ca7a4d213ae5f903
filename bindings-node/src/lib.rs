//! The napi-rs skin over `trustloop_core::api` (npm package `trustloop`).
//!
//! Thin by design: `Uint8Array`/`Buffer` and strings in, core call, bytes or compact
//! JSON text out (the JS wrapper `JSON.parse`s it). A core `Error` or a caught panic
//! is thrown as a JS `Error` whose message is `TRUSTLOOP_ERROR:` + `{code, message,
//! findings}` JSON; `index.js` turns that into a `TrustloopError`. Nothing unwinds
//! into Node.
use std::panic::{catch_unwind, AssertUnwindSafe};

use napi::bindgen_prelude::{Buffer, Uint8Array};
use napi::{Error as JsError, Status};
use napi_derive::napi;
use trustloop_core::api::{self, BuildLocalOptions, VerifyOptions};
use trustloop_core::diag::Error;
use trustloop_core::json::{self, Map, Value};

/// Marks an error thrown by this addon; `index.js` matches it.
const ERROR_PREFIX: &str = "TRUSTLOOP_ERROR:";

fn js_error(payload: &Value) -> JsError {
    JsError::new(Status::GenericFailure, format!("{ERROR_PREFIX}{}", json::to_compact(payload)))
}

/// Runs a core call, mapping its `Error` and any panic to a thrown JS error.
fn call<T>(f: impl FnOnce() -> Result<T, Error>) -> napi::Result<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(js_error(&e.to_value())),
        Err(payload) => {
            let msg = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            let v: Value = Map::record()
                .with("code", "INTERNAL_PANIC")
                .with("message", format!("internal error (panic): {msg}"))
                .with("findings", Value::Array(Vec::new()))
                .into();
            Err(js_error(&v))
        }
    }
}

fn verify_options(options_json: &str) -> Result<VerifyOptions, Error> {
    VerifyOptions::from_value(&api::parse_options(options_json)?)
}

/// The crate version.
#[napi]
pub fn version() -> String {
    trustloop_core::VERSION.to_string()
}

/// Canonical bytes of a JSON document in `digest`, `signature` or `jcs` mode.
#[napi]
pub fn canonicalize(input: Uint8Array, mode: String) -> napi::Result<Buffer> {
    call(|| api::canonical_json(&input, &mode)).map(Buffer::from)
}

/// `sha256:<hex>` of the digest-mode canonical bytes.
#[napi]
pub fn digest(input: Uint8Array) -> napi::Result<String> {
    call(|| api::json_digest(&input))
}

/// Verify result of a bundle, as compact JSON text.
#[napi]
pub fn verify_bundle(input: Uint8Array, lock: Option<Uint8Array>, options_json: String) -> napi::Result<String> {
    call(|| {
        let verdict = api::anip_verify_bundle(&input, lock.as_deref(), &verify_options(&options_json)?)?;
        Ok(json::to_compact(&verdict.result))
    })
}

/// Verify result of a plain service definition, as compact JSON text.
#[napi]
pub fn verify_definition(input: Uint8Array, lock: Option<Uint8Array>, options_json: String) -> napi::Result<String> {
    call(|| {
        let verdict = api::anip_verify_definition(&input, lock.as_deref(), &verify_options(&options_json)?)?;
        Ok(json::to_compact(&verdict.result))
    })
}

/// The consumer lock file bytes for a bundle.
#[napi]
pub fn write_lock(input: Uint8Array) -> napi::Result<Buffer> {
    call(|| api::anip_write_lock(&input)).map(|s| Buffer::from(s.into_bytes()))
}

/// One build-local output file.
#[napi(object)]
pub struct OutputFile {
    pub name: String,
    pub bytes: Buffer,
}

/// build-local output files, in core order.
#[napi]
pub fn build_local(definition: Uint8Array, options_json: String) -> napi::Result<Vec<OutputFile>> {
    let files = call(|| {
        let options = BuildLocalOptions::from_value(&api::parse_options(&options_json)?)?;
        api::anip_build_local(&definition, &options)
    })?;
    Ok(files.into_iter().map(|f| OutputFile { name: f.name, bytes: Buffer::from(f.bytes) }).collect())
}

/// A fresh Ed25519 key pair, as compact JSON text.
#[napi]
pub fn keygen(key_id: String) -> napi::Result<String> {
    call(|| api::keygen(&key_id).map(|v| json::to_compact(&v)))
}

/// Test hook: proves a panic in the addon surfaces as `INTERNAL_PANIC`.
#[napi(js_name = "_panicForTest")]
pub fn panic_for_test() -> napi::Result<()> {
    call(|| -> Result<(), Error> { panic!("deliberate test panic") })
}
