//! Options objects from JS.
//!
//! The object is serialized with `JSON.stringify` and parsed by the core
//! ([`trustloop_core::api::parse_options`]), so the same limits and the same
//! "unknown option" errors apply as in every other host. Top-level camelCase keys
//! are renamed to the core's snake_case names; nested keys (trusted key ids) are
//! left alone. The `lock` field of verify options carries bytes and is taken out
//! before serialization.
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

use trustloop_core::api::parse_options;
use trustloop_core::json::{Map, Value};

use crate::args;
use crate::errors::{error, to_js_error, JsResult};

/// JS name → core name. Keys not listed pass through unchanged, so snake_case
/// works too and unknown keys reach the core, which refuses them by name.
const CAMEL_TO_SNAKE: &[(&str, &str)] = &[
    ("expectedContractSignature", "expected_contract_signature"),
    ("trustedKeys", "trusted_keys"),
    ("recordPath", "record_path"),
    ("packageId", "package_id"),
    ("packageVersion", "package_version"),
    ("generatedAt", "generated_at"),
    ("signingKey", "signing_key"),
    ("signingKeyId", "signing_key_id"),
];

const LOCK_KEY: &str = "lock";

/// Whether an operation takes a consumer lock file in its options.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum LockField {
    Accepted,
    Refused,
}

pub struct HostOptions {
    /// The options object in the core's spelling.
    pub core: Value,
    /// `opts.lock`: consumer lock file bytes.
    pub lock: Option<Vec<u8>>,
}

pub fn from_js(opts: &JsValue, lock_field: LockField) -> JsResult<HostOptions> {
    if opts.is_undefined() || opts.is_null() {
        return Ok(HostOptions { core: Value::Object(Map::new()), lock: None });
    }
    if !opts.is_object() {
        return Err(error("OPTIONS_NOT_OBJECT", "options must be a plain object"));
    }
    // Arrays pass this point and are refused by the core (OPTIONS_NOT_OBJECT) after
    // serialization; every JS call below that could throw (proxies, getters) is a
    // `catch` import, so a hostile object yields an error, never an unwind through Rust.
    let mut lock = None;
    let mut serializable: JsValue = opts.clone();
    if lock_field == LockField::Accepted {
        let value = get(opts, LOCK_KEY)?;
        if !value.is_undefined() {
            lock = args::optional_bytes(&value, "options.lock")?;
            // A shallow copy without `lock`: the caller's object is not touched.
            let copy = object_assign(&Object::new(), opts).map_err(|_| unreadable("options"))?;
            let _ = Reflect::delete_property(&copy, &JsValue::from_str(LOCK_KEY));
            serializable = copy.into();
        }
    }
    let text = js_sys::JSON::stringify(&serializable)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| error("INVALID_OPTION", "options must be JSON-serializable (no cycles, BigInt or functions)"))?;
    let parsed = parse_options(&text).map_err(|e| to_js_error(&e))?;
    Ok(HostOptions { core: rename_keys(parsed)?, lock })
}

fn rename_keys(v: Value) -> JsResult<Value> {
    let Value::Object(m) = v else { return Ok(v) };
    let mut out = Map::new();
    for (key, value) in m.iter() {
        let name = CAMEL_TO_SNAKE.iter().find(|(js, _)| js == key).map_or(key.as_str(), |(_, core)| core);
        if out.contains_key(name) {
            return Err(error("INVALID_OPTION", format!("option {name:?} is given twice (camelCase and snake_case)")));
        }
        out.insert(name, value.clone());
    }
    Ok(Value::Object(out))
}

fn get(obj: &JsValue, key: &str) -> JsResult<JsValue> {
    Reflect::get(obj, &JsValue::from_str(key)).map_err(|_| unreadable(&format!("options.{key}")))
}

fn unreadable(what: &str) -> JsValue {
    error("INVALID_OPTION", format!("{what} cannot be read"))
}

#[wasm_bindgen]
extern "C" {
    /// `Object.assign`, declared with `catch` (js-sys's binding does not catch).
    #[wasm_bindgen(catch, js_namespace = Object, js_name = assign)]
    fn object_assign(target: &Object, source: &JsValue) -> Result<Object, JsValue>;
}
