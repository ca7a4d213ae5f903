//! ANIP package trust loop: verify, canonical JSON, trust stores (what the verify-only
//! build has; lock writing, build-local and keys are in `authoring`).
use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;

use trustloop_core::api::{self, VerifyOptions};

use crate::errors::{to_js_error, JsResult};
use crate::options::{self, HostOptions};
use crate::{args, panic_hook, to_js};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r##"
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
  /** Add trustloop's `receipt_trust` to upstream's result (CLI `--extended-report`); implied by `trustedKeys` and `legacy`. */
  extendedReport?: boolean;
  /** The consumer lock file (`anip-package-lock/v1`) to check against. */
  lock?: Bytes;
}

export interface Check {
  name: string;
  status: "pass" | "fail";
  detail?: string;
}

/** The CLI's `anip verify --json` document. */
export interface VerifyResult {
  status: "ok" | "ok_legacy" | "failed";
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
"##;

/// `anip verify --package-bundle` in memory: the verify result object
/// (`status`, `receipt_status`, `checks`, …). A failed check is a result with
/// `status: "failed"`, not an exception; hard errors throw.
///
/// `opts`: `expectedContractSignature`, `trustedKeys` (key id → base64 public key),
/// `legacy`, `recordPath`, `extendedReport`, and `lock` (the consumer lock file as bytes or text).
#[wasm_bindgen(js_name = verifyBundle, unchecked_return_type = "VerifyResult")]
pub fn verify_bundle(
    #[wasm_bindgen(unchecked_param_type = "Bytes")] bundle: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "VerifyOptions")] opts: JsValue,
) -> JsResult<JsValue> {
    panic_hook::install();
    let bundle = args::bytes(&bundle, "bundle")?;
    let (options, lock) = verify_options(options::from_js(&opts, &[&options::LOCK])?)?;
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
    let (options, lock) = verify_options(options::from_js(&opts, &[&options::LOCK])?)?;
    let verdict =
        api::anip_verify_definition(&definition, lock.as_deref(), &options).map_err(|e| to_js_error(&e))?;
    to_js::value(&verdict.result)
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

/// The verify options and the lock file bytes of a parsed options object.
pub(crate) fn verify_options(parsed: HostOptions) -> JsResult<(VerifyOptions, Option<Vec<u8>>)> {
    let lock = args::optional_bytes(&parsed.host(&options::LOCK), "options.lock")?;
    let options = VerifyOptions::from_value(&parsed.core).map_err(|e| to_js_error(&e))?;
    Ok((options, lock))
}

/// `anip verify --trust-store FILE`, the reading: the pinned keys of a trust-store
/// document (a `keys`, `items` or `registry_keys` array of `{key_id, algorithm,
/// public_key}`) as the `trustedKeys` object `verifyBundle` takes.
#[wasm_bindgen(js_name = trustStore, unchecked_return_type = "Record<string, string>")]
pub fn trust_store(#[wasm_bindgen(unchecked_param_type = "Bytes")] data: JsValue) -> JsResult<JsValue> {
    panic_hook::install();
    let data = args::bytes(&data, "trust store")?;
    let keys = api::anip::trust_store(&data).map_err(|e| to_js_error(&e))?;
    let mut map = trustloop_core::api::json::Map::new();
    for (key_id, public_key) in keys {
        map.insert(key_id, trustloop_core::api::json::Value::String(public_key));
    }
    to_js::value(&trustloop_core::api::json::Value::Object(map))
}
