//! Options objects from JS.
//!
//! The object is serialized with `JSON.stringify` and parsed by the core
//! ([`trustloop_core::api::parse_options`]), so the same limits and the same
//! "unknown option" errors apply as in every other host. Top-level camelCase keys
//! are renamed to the core's snake_case names (`recordPath` → `record_path`,
//! `bundleTreeSha256` → `bundle_tree_sha256`); nested keys (trusted key ids,
//! template variables) are left alone, and snake_case keys pass unchanged.
//!
//! A few options carry host data rather than JSON: bytes (`lock`), a bundle tree
//! (`entries`) or a file map (`dataRootFiles`). Each export names the ones it takes
//! ([`HostKey`]); they are taken out before serialization and converted by the
//! caller. Everywhere else they reach the core, which refuses them by name.
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

use trustloop_core::api::parse_options;
use trustloop_core::api::json::{Map, Value};

use crate::errors::{error, to_js_error, JsResult};

/// An option that carries host data: its JS name and its snake_case spelling.
pub struct HostKey {
    pub js: &'static str,
    pub snake: &'static str,
}

pub const LOCK: HostKey = HostKey { js: "lock", snake: "lock" };
#[cfg(feature = "full")]
pub const ENTRIES: HostKey = HostKey { js: "entries", snake: "entries" };
#[cfg(feature = "full")]
pub const DATA_ROOT_FILES: HostKey = HostKey { js: "dataRootFiles", snake: "data_root_files" };

pub struct HostOptions {
    /// The options object in the core's spelling, host keys removed.
    pub core: Value,
    /// The host keys that were given, by JS name.
    host: Vec<(&'static str, JsValue)>,
}

impl HostOptions {
    /// The value of a host key (`undefined` when not given).
    pub fn host(&self, key: &HostKey) -> JsValue {
        self.host.iter().find(|(k, _)| *k == key.js).map_or(JsValue::UNDEFINED, |(_, v)| v.clone())
    }

    /// Moves the listed top-level keys into a second object (for operations whose
    /// options feed two core option types, like the registry policy).
    pub fn split_off(&mut self, keys: &[&str]) -> Value {
        let mut taken = Map::new();
        if let Value::Object(m) = &mut self.core {
            let mut rest = Map::new();
            for (k, v) in m.iter() {
                if keys.contains(&k.as_str()) {
                    taken.insert(k.as_str(), v.clone());
                } else {
                    rest.insert(k.as_str(), v.clone());
                }
            }
            *m = rest;
        }
        Value::Object(taken)
    }
}

pub fn from_js(opts: &JsValue, host_keys: &[&HostKey]) -> JsResult<HostOptions> {
    if opts.is_undefined() || opts.is_null() {
        return Ok(HostOptions { core: Value::Object(Map::new()), host: Vec::new() });
    }
    if !opts.is_object() {
        return Err(error("OPTIONS_NOT_OBJECT", "options must be a plain object"));
    }
    // Arrays pass this point and are refused by the core (OPTIONS_NOT_OBJECT) after
    // serialization; every JS call below that could throw (proxies, getters) is a
    // `catch` import, so a hostile object yields an error, never an unwind through Rust.
    let mut host = Vec::new();
    let mut serializable: JsValue = opts.clone();
    let mut copy: Option<Object> = None;
    for key in host_keys {
        let names: &[&str] = if key.js == key.snake { &[key.js] } else { &[key.js, key.snake] };
        for &name in names {
            let value = get(opts, name)?;
            if value.is_undefined() {
                continue;
            }
            if host.iter().any(|(k, _)| *k == key.js) {
                return Err(error("INVALID_OPTION", format!("option {:?} is given twice (camelCase and snake_case)", key.snake)));
            }
            host.push((key.js, value));
            // A shallow copy without the host keys: the caller's object is not touched.
            let target = match &copy {
                Some(c) => c.clone(),
                None => {
                    let c = object_assign(&Object::new(), opts).map_err(|_| unreadable("options"))?;
                    copy = Some(c.clone());
                    c
                }
            };
            let _ = Reflect::delete_property(&target, &JsValue::from_str(name));
            serializable = target.into();
        }
    }
    let text = js_sys::JSON::stringify(&serializable)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| error("INVALID_OPTION", "options must be JSON-serializable (no cycles, BigInt or functions)"))?;
    let parsed = parse_options(&text).map_err(|e| to_js_error(&e))?;
    Ok(HostOptions { core: rename_keys(parsed)?, host })
}

/// `camelCase` → `camel_case` (ASCII upper-case letters only; everything else kept).
fn snake_case(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for c in key.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn rename_keys(v: Value) -> JsResult<Value> {
    let m = match v.into_object() {
        Ok(m) => m,
        Err(other) => return Ok(other),
    };
    let mut out = Map::new();
    for (key, value) in m.iter() {
        let name = snake_case(key);
        if out.contains_key(&name) {
            return Err(error("INVALID_OPTION", format!("option {name:?} is given twice (camelCase and snake_case)")));
        }
        out.insert(name.as_str(), value.clone());
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
