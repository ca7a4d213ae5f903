//! Where a registry package lives, from the core (`api::anip::registry_urls`): the
//! API base and the three URLs `helpers.js` fetches, so the JS side only does the GETs.
use wasm_bindgen::prelude::*;

use trustloop_core::api::anip::registry_urls::{api_base, split_package_ref, PackageUrls};

use crate::errors::{error, to_js_error, JsResult};
use crate::{panic_hook, to_js};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r##"
/** The URLs of one registry package (what `fetchRegistryResponses` GETs). */
export interface RegistryUrls {
  /** `{base}/registry-api/v1`. */
  registryUrl: string;
  /** `{registryUrl}/packages/{id}/{version}` (the `packageUrl` of `RegistryResponses`). */
  packageUrl: string;
  /** `{packageUrl}/download`, with `?allow_yanked=true` when asked. */
  downloadUrl: string;
  /** `{packageUrl}/receipt`. */
  receiptUrl: string;
  /** `{registryUrl}/keys`. */
  keysUrl: string;
}
"##;

/// A non-blank `baseUrl`; the helpers' error for anything else.
fn base_url(v: &JsValue) -> JsResult<String> {
    v.as_string()
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| error("INVALID_ARGUMENT", "baseUrl is required (the Registry base URL)"))
}

/// `{base}/registry-api/v1`, appending the API path unless `baseUrl` already ends with it.
#[wasm_bindgen(js_name = registryApiBase)]
pub fn registry_api_base(
    #[wasm_bindgen(js_name = baseUrl, unchecked_param_type = "string")] base: JsValue,
) -> JsResult<String> {
    panic_hook::install();
    Ok(api_base(&base_url(&base)?))
}

/// The URLs of the registry package `packageRef` (`ID@VERSION`, split at the last
/// `@`; `PACKAGE_REF_INVALID` otherwise) under `baseUrl`, ids escaped as Go's
/// `url.PathEscape` does.
#[wasm_bindgen(js_name = registryUrls, unchecked_return_type = "RegistryUrls")]
pub fn registry_urls(
    #[wasm_bindgen(js_name = baseUrl, unchecked_param_type = "string")] base: JsValue,
    #[wasm_bindgen(js_name = packageRef, unchecked_param_type = "string")] package_ref: JsValue,
    #[wasm_bindgen(js_name = allowYankedPackage)] allow_yanked: Option<bool>,
) -> JsResult<JsValue> {
    panic_hook::install();
    let base = base_url(&base)?;
    // Not a string reads as blank: "package reference is required".
    let (id, version) = split_package_ref(&package_ref.as_string().unwrap_or_default()).map_err(|e| to_js_error(&e))?;
    let urls = PackageUrls::new(&base, &id, &version, allow_yanked == Some(true));
    let out: JsValue = js_sys::Object::new().into();
    to_js::set(&out, "registryUrl", &urls.api.into())?;
    to_js::set(&out, "packageUrl", &urls.package.into())?;
    to_js::set(&out, "downloadUrl", &urls.download.into())?;
    to_js::set(&out, "receiptUrl", &urls.receipt.into())?;
    to_js::set(&out, "keysUrl", &urls.keys.into())?;
    Ok(out)
}
