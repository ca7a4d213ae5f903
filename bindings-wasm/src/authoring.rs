//! ANIP authoring, in the full build only: consumer lock files, `build-local`, fresh
//! keys. The verify-only build (`trustloop-wasm/verify`) leaves them out.
use js_sys::{Object, Uint8Array};
use wasm_bindgen::prelude::*;

use trustloop_core::api::{self, BuildLocalOptions};

use crate::errors::{to_js_error, JsResult};
use crate::{args, options, panic_hook, to_js};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r##"
/** Options of buildLocal (snake_case spellings are accepted too): upstream's flags. */
export interface BuildLocalOptions {
  packageId?: string;
  packageVersion?: string;
  /** RFC 3339 as Go's `time.Parse` accepts it, copied verbatim; default `2026-05-15T00:00:00Z`. */
  generatedAt?: string;
  /** Display name; default: the definition's `identity.system_name`. */
  name?: string;
  /** Default `studio-source:<packageId>`. */
  projectRef?: string;
  /** Default `<packageId>:product:v1`. */
  productRevisionRef?: string;
  /** Default `<packageId>:developer:v1`. */
  developerRevisionRef?: string;
  /** http(s) URL listed as "Source documentation". */
  sourceDocUrl?: string;
  /** http(s) URL listed as "Showcase files". */
  showcaseUrl?: string;
  /** Port shown in the README and usage; default 9100. */
  port?: number;
  /** Also return `<id>-<version>-service-definition.json`. */
  writeDefinition?: boolean;
  /** How decode errors name the definition (the CLI: its path); default `service definition`. */
  definitionPath?: string;
  /** base64 Ed25519 seed or private key; default: the development key. */
  signingKey?: string;
  signingKeyId?: string;
}

export interface KeyPair {
  key_id: string;
  algorithm: "ed25519";
  private_key_seed: string;
  private_key: string;
  public_key: string;
  extra_public_entry: string;
}
"##;

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
/// `opts`: upstream's flags (`packageId`, `packageVersion`, `generatedAt`, `name`, `port`,
/// `writeDefinition`, …; see `BuildLocalOptions`) and `signingKey`, `signingKeyId`.
#[wasm_bindgen(js_name = buildLocal, unchecked_return_type = "Record<string, Uint8Array>")]
pub fn build_local(
    #[wasm_bindgen(unchecked_param_type = "Bytes")] definition: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "BuildLocalOptions")] opts: JsValue,
) -> JsResult<Object> {
    panic_hook::install();
    let definition = args::bytes(&definition, "definition")?;
    let value = options::from_js(&opts, &[])?.core;
    let options = BuildLocalOptions::from_value(&value).map_err(|e| to_js_error(&e))?;
    let files = api::anip_build_local(&definition, &options).map_err(|e| to_js_error(&e))?;
    to_js::files(files.iter().map(|f| (f.name.as_str(), f.bytes.as_slice())))
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
