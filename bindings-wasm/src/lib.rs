//! trustloop for WebAssembly: the browser and Node host of the verification core.
//!
//! Thin skin over [`trustloop_core::api`]: every export converts its arguments,
//! calls the core and converts the result. No verification logic lives here.
//!
//! * Results are plain JS objects with exactly the shape of the CLI's `--json`
//!   output (the core's JSON value, printed compactly and handed to `JSON.parse`).
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
use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

use trustloop_core::api::{self, BuildLocalOptions, VerifyOptions};

mod args;
mod errors;
mod options;
mod panic_hook;
mod to_js;

use errors::{to_js_error, JsResult};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** Document bytes: binary, or a string taken as UTF-8 text. */
export type Bytes = Uint8Array | ArrayBuffer | ArrayBufferView | string;

/** Options of verifyBundle / verifyDefinition (snake_case spellings are accepted too). */
export interface VerifyOptions {
  /** Exact, untrimmed comparison with the resolved contract signature. */
  expectedContractSignature?: string;
  /** Pinned Ed25519 keys: key id → base64 public key. */
  trustedKeys?: Record<string, string>;
  /** Accept legacy receipts (reported distinctly). */
  legacy?: boolean;
  /** Shown as `registry_record_path` (for example the file name). */
  recordPath?: string;
  /** The consumer lock file (`anip-package-lock/v1`) to check against. */
  lock?: Bytes;
}

/** Options of buildLocal (snake_case spellings are accepted too). */
export interface BuildLocalOptions {
  packageId?: string;
  packageVersion?: string;
  /** RFC 3339; default `2026-05-15T00:00:00Z`. */
  generatedAt?: string;
  /** base64 Ed25519 seed or private key; default: the development key. */
  signingKey?: string;
  signingKeyId?: string;
}

export interface Check {
  name: string;
  status: "pass" | "fail";
  detail?: string;
}

/** The CLI's `anip verify --json` document. */
export interface VerifyResult {
  status: "ok" | "failed";
  source_kind: "file" | "package-bundle" | "registry";
  receipt_status?: "none" | "verified" | "failed" | "present";
  checks: Check[];
  [field: string]: unknown;
}

export interface Finding {
  code: string;
  severity: "error" | "warning" | "info";
  message: string;
  location: { file?: string; path?: string };
}

/** What every function throws. */
export interface TrustloopError extends Error {
  name: "TrustloopError";
  /** Stable SCREAMING_SNAKE code (docs/codes.md). */
  code: string;
  findings: Finding[];
}

export interface KeyPair {
  key_id: string;
  algorithm: "ed25519";
  private_key_seed: string;
  private_key: string;
  public_key: string;
  extra_public_entry: string;
}
"#;

/// `anip verify --package-bundle` in memory: the verify result object
/// (`status`, `receipt_status`, `checks`, …). A failed check is a result with
/// `status: "failed"`, not an exception; hard errors throw.
///
/// `opts`: `expectedContractSignature`, `trustedKeys` (key id → base64 public key),
/// `legacy`, `recordPath`, and `lock` (the consumer lock file as bytes or text).
#[wasm_bindgen(js_name = verifyBundle, unchecked_return_type = "VerifyResult")]
pub fn verify_bundle(
    #[wasm_bindgen(unchecked_param_type = "Bytes")] bundle: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "VerifyOptions")] opts: JsValue,
) -> JsResult<JsValue> {
    panic_hook::install();
    let bundle = args::bytes(&bundle, "bundle")?;
    let (options, lock) = verify_options(&opts)?;
    let verdict = api::anip_verify_bundle(&bundle, lock.as_deref(), &options).map_err(|e| to_js_error(&e))?;
    to_js::value(&verdict.result)
}

/// `anip verify --definition` in memory (a plain service-definition file).
/// Same options and result shape as [`verify_bundle`].
#[wasm_bindgen(js_name = verifyDefinition, unchecked_return_type = "VerifyResult")]
pub fn verify_definition(
    #[wasm_bindgen(unchecked_param_type = "Bytes")] definition: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "VerifyOptions")] opts: JsValue,
) -> JsResult<JsValue> {
    panic_hook::install();
    let definition = args::bytes(&definition, "definition")?;
    let (options, lock) = verify_options(&opts)?;
    let verdict =
        api::anip_verify_definition(&definition, lock.as_deref(), &options).map_err(|e| to_js_error(&e))?;
    to_js::value(&verdict.result)
}

/// The consumer lock file (`anip-package-lock/v1`) for a bundle, as UTF-8 bytes.
#[wasm_bindgen(js_name = writeLock)]
pub fn write_lock(#[wasm_bindgen(unchecked_param_type = "Bytes")] bundle: JsValue) -> JsResult<Uint8Array> {
    panic_hook::install();
    let bundle = args::bytes(&bundle, "bundle")?;
    let lock = api::anip_write_lock(&bundle).map_err(|e| to_js_error(&e))?;
    Ok(Uint8Array::from(lock.as_bytes()))
}

/// `anip package build-local` in memory: an object of file name → `Uint8Array`.
///
/// `opts`: `packageId`, `packageVersion`, `generatedAt`, `signingKey`, `signingKeyId`.
#[wasm_bindgen(js_name = buildLocal, unchecked_return_type = "Record<string, Uint8Array>")]
pub fn build_local(
    #[wasm_bindgen(unchecked_param_type = "Bytes")] definition: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "BuildLocalOptions")] opts: JsValue,
) -> JsResult<Object> {
    panic_hook::install();
    let definition = args::bytes(&definition, "definition")?;
    let value = options::from_js(&opts, options::LockField::Refused)?.core;
    let options = BuildLocalOptions::from_value(&value).map_err(|e| to_js_error(&e))?;
    let files = api::anip_build_local(&definition, &options).map_err(|e| to_js_error(&e))?;
    let out = Object::new();
    for file in &files {
        Reflect::set(&out, &JsValue::from_str(&file.name), &Uint8Array::from(file.bytes.as_slice()))?;
    }
    Ok(out)
}

/// Canonical bytes of a JSON document; `mode` is `digest` (default), `signature` or `jcs`.
#[wasm_bindgen]
pub fn canonicalize(
    #[wasm_bindgen(unchecked_param_type = "Bytes")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "\"digest\" | \"signature\" | \"jcs\"")] mode: JsValue,
) -> JsResult<Uint8Array> {
    panic_hook::install();
    let input = args::bytes(&input, "input")?;
    let mode = args::optional_string(&mode, "mode")?;
    let bytes = api::canonical_json(&input, mode.as_deref().unwrap_or("digest")).map_err(|e| to_js_error(&e))?;
    Ok(Uint8Array::from(bytes.as_slice()))
}

/// `sha256:<hex>` of a JSON document's digest-mode canonical bytes.
#[wasm_bindgen]
pub fn digest(#[wasm_bindgen(unchecked_param_type = "Bytes")] input: JsValue) -> JsResult<String> {
    panic_hook::install();
    let input = args::bytes(&input, "input")?;
    api::json_digest(&input).map_err(|e| to_js_error(&e))
}

/// A fresh Ed25519 key pair (`key_id`, `algorithm`, `private_key_seed`,
/// `private_key`, `public_key`, `extra_public_entry`), from the browser's or
/// Node's cryptographic random source.
#[wasm_bindgen(unchecked_return_type = "KeyPair")]
pub fn keygen(
    #[wasm_bindgen(js_name = keyId, unchecked_optional_param_type = "string")] key_id: JsValue,
) -> JsResult<JsValue> {
    panic_hook::install();
    let key_id = args::optional_string(&key_id, "keyId")?;
    let key = api::keygen(key_id.as_deref().unwrap_or("")).map_err(|e| to_js_error(&e))?;
    to_js::value(&key)
}

/// The trustloop version (the core's crate version).
#[wasm_bindgen]
pub fn version() -> String {
    trustloop_core::VERSION.into()
}

fn verify_options(opts: &JsValue) -> JsResult<(VerifyOptions, Option<Vec<u8>>)> {
    let parsed = options::from_js(opts, options::LockField::Accepted)?;
    let options = VerifyOptions::from_value(&parsed.core).map_err(|e| to_js_error(&e))?;
    Ok((options, parsed.lock))
}
