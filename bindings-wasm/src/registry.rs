//! ANIP registry sources, sans-IO: the caller fetched `/download`, `/receipt` and
//! `/keys` (the JS wrapper's `verifyRegistry` does, with `fetch`); the core decides.
use wasm_bindgen::prelude::*;

use trustloop_core::api::{self, RegistryPolicy, RegistryResponses};
use trustloop_core::api::json::Value;

use crate::errors::{to_js_error, JsResult};
use crate::options::{self, HostOptions};
use crate::{anip, args, panic_hook, to_js};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r##"
/** The three Registry responses of one package, as fetched. */
export interface RegistryResponses {
  /** `{base}/registry-api/v1/packages/{id}/{version}` (shown as `registry_record_path`). */
  packageUrl: string;
  /** Body of `GET {packageUrl}/download` (the package record). */
  download: Bytes;
  /** Body of `GET {packageUrl}/receipt`. */
  receipt: Bytes;
  /** Body of `GET {base}/registry-api/v1/keys`. */
  keys: Bytes;
}

/** Client trust policy of a registry source (upstream's flags). */
export interface RegistryPolicyOptions {
  /** `--require-registry-mode`: the signing mode `/keys` must report. */
  requireRegistryMode?: string;
  /** `--trusted-registry-key-id`: the key id the receipt must use. */
  trustedRegistryKeyId?: string;
  /** `--allow-yanked-package`. */
  allowYankedPackage?: boolean;
}

export interface VerifyRegistryOptions extends VerifyOptions, RegistryPolicyOptions {}
"##;

/// The core names of [`RegistryPolicy`]'s options; the rest are [`api::VerifyOptions`].
const POLICY_KEYS: &[&str] = &["require_registry_mode", "trusted_registry_key_id", "allow_yanked_package"];

/// The owned bodies behind a [`RegistryResponses`].
struct Responses {
    package_url: String,
    download: Vec<u8>,
    receipt: Vec<u8>,
    keys: Vec<u8>,
}

impl Responses {
    fn from_js(v: &JsValue) -> JsResult<Responses> {
        const WHAT: &str = "responses";
        if !v.is_object() {
            return Err(crate::errors::error("INVALID_ARGUMENT", "responses must be an object {packageUrl, download, receipt, keys}"));
        }
        let field = |k: &str| args::get(v, k, WHAT);
        Ok(Responses {
            package_url: args::string(&field("packageUrl")?, "responses.packageUrl")?,
            download: args::bytes(&field("download")?, "responses.download")?,
            receipt: args::bytes(&field("receipt")?, "responses.receipt")?,
            keys: args::bytes(&field("keys")?, "responses.keys")?,
        })
    }

    fn as_core(&self) -> RegistryResponses<'_> {
        RegistryResponses { package_url: &self.package_url, download: &self.download, receipt: &self.receipt, keys: &self.keys }
    }
}

fn policy(value: &Value) -> JsResult<RegistryPolicy> {
    RegistryPolicy::from_value(value).map_err(|e| to_js_error(&e))
}

/// `anip verify --registry-url … --package ID@VERSION` without the fetching: the
/// verify result for a registry package whose three responses the caller fetched.
/// Lifecycle refusals (yanked, takedown) throw, as upstream exits 1.
///
/// `opts`: the verify options (`expectedContractSignature`, `trustedKeys`,
/// `legacy`, `recordPath`, `lock`) and the registry policy
/// (`requireRegistryMode`, `trustedRegistryKeyId`, `allowYankedPackage`).
#[wasm_bindgen(js_name = verifyRegistryResponses, unchecked_return_type = "VerifyResult")]
pub fn verify_registry_responses(
    #[wasm_bindgen(unchecked_param_type = "RegistryResponses")] responses: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "VerifyRegistryOptions")] opts: JsValue,
) -> JsResult<JsValue> {
    panic_hook::install();
    let responses = Responses::from_js(&responses)?;
    let mut parsed: HostOptions = options::from_js(&opts, &[&options::LOCK])?;
    let policy = policy(&parsed.split_off(POLICY_KEYS))?;
    let (verify, lock) = anip::verify_options(parsed)?;
    let verdict = api::anip_verify_registry(&responses.as_core(), lock.as_deref(), &verify, &policy)
        .map_err(|e| to_js_error(&e))?;
    to_js::value(&verdict.result)
}

#[cfg(feature = "full")]
/// `anip lock write --registry-url … --package ID@VERSION` without the fetching: the
/// consumer lock file (with `registry_url`) as UTF-8 bytes. Throws when the package
/// fails trust verification. `opts`: the registry policy.
#[wasm_bindgen(js_name = writeLockRegistryResponses)]
pub fn write_lock_registry_responses(
    #[wasm_bindgen(unchecked_param_type = "RegistryResponses")] responses: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "RegistryPolicyOptions")] opts: JsValue,
) -> JsResult<js_sys::Uint8Array> {
    panic_hook::install();
    let responses = Responses::from_js(&responses)?;
    let policy = policy(&options::from_js(&opts, &[])?.core)?;
    let lock = api::anip_write_lock_registry(&responses.as_core(), &policy).map_err(|e| to_js_error(&e))?;
    Ok(js_sys::Uint8Array::from(lock.as_bytes()))
}
