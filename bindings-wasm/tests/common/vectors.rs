//! The WASM host's runner for the shared conformance vectors
//! (`tests/vectors/README.md`), calling the exported JS-facing functions exactly as
//! JS would: bytes as `Uint8Array`, options as a camelCase JS object, results read
//! back as JS values, errors as thrown `TrustloopError`s.
//!
//! The vectors are compiled in (see `build.rs`), so the same runner works in Node
//! and in a browser. Cases whose input is an upstream `fixture` need file access and
//! are run by the Node-side `node --test` suite (`bindings-wasm/test/`) instead.
//! How each op maps onto an export is in [`super::vector_ops`].
use std::fmt::Write as _;

use base64::Engine as _;
use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};

use trustloop_core::api::json::{self, Map, Value};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/vectors.rs"));
}

/// This host's name in a case's `hosts` list.
pub const HOST: &str = "wasm";

use super::vector_ops::ops;
pub use trustloop_conformance::check::Actual;
use trustloop_conformance::check::compare;

pub struct Case {
    pub id: String,
    value: Map,
}

impl Case {
    fn get(&self, key: &str) -> Option<&Value> {
        self.value.get(key)
    }
    fn uses_fixture(&self) -> bool {
        ["input", "lock"].iter().any(|k| self.get(k).and_then(|v| v.get("fixture")).is_some())
    }
}

#[derive(Default)]
pub struct Summary {
    pub passed: usize,
    pub failed: Vec<(String, String)>,
    pub fixture_cases: usize,
    pub not_for_host: usize,
    /// Op name → number of cases, for ops this runner does not know (a new op
    /// landed without its wasm mapping; `vectors_pass` fails on it).
    pub other_ops: std::collections::BTreeMap<String, usize>,
}

impl Summary {
    pub fn report(&self) -> String {
        let mut s = String::new();
        for (id, why) in &self.failed {
            let _ = writeln!(s, "FAIL {id}\n    {why}");
        }
        let _ = write!(
            s,
            "wasm vectors: {} passed, {} failed; {} fixture cases left to the node --test and page suites; {} not for this host",
            self.passed,
            self.failed.len(),
            self.fixture_cases,
            self.not_for_host
        );
        if !self.other_ops.is_empty() {
            let list: Vec<String> = self.other_ops.iter().map(|(op, n)| format!("{op} ({n})")).collect();
            let _ = write!(s, "; NOT RUN (ops this runner does not know): {}", list.join(", "));
        }
        s
    }
}

pub fn load_cases() -> Result<Vec<Case>, String> {
    let mut cases = Vec::new();
    for (path, text) in embedded::VECTOR_FILES {
        let doc = json::parse(text.as_bytes()).map_err(|e| format!("{path}: {e}"))?;
        let list = doc.get("cases").and_then(Value::as_array).ok_or_else(|| format!("{path}: no \"cases\" array"))?;
        for (i, c) in list.iter().enumerate() {
            let m = c.as_object().ok_or_else(|| format!("{path}: case {i} is not an object"))?;
            let name = m.get("name").and_then(Value::as_str).ok_or_else(|| format!("{path}: case {i} has no name"))?;
            cases.push(Case { id: format!("{path}#{name}"), value: m.clone() });
        }
    }
    Ok(cases)
}

pub fn run_all() -> Result<Summary, String> {
    let mut s = Summary::default();
    let ops = ops();
    for case in load_cases()? {
        if let Some(hosts) = case.get("hosts").and_then(Value::as_array) {
            if !hosts.iter().any(|h| h.as_str() == Some(HOST)) {
                s.not_for_host += 1;
                continue;
            }
        }
        let op = case.get("op").and_then(Value::as_str).unwrap_or("");
        if !ops.iter().any(|o| o == op) {
            *s.other_ops.entry(op.to_string()).or_default() += 1;
            continue;
        }
        if case.uses_fixture() {
            s.fixture_cases += 1;
            continue;
        }
        match check(&case) {
            Ok(()) => s.passed += 1,
            Err(e) => s.failed.push((case.id.clone(), e)),
        }
    }
    Ok(s)
}

pub fn input_bytes(form: &Value) -> Result<Vec<u8>, String> {
    let m = form.as_object().ok_or("input form is not an object")?;
    if m.len() != 1 {
        return Err("input form must have exactly one key".into());
    }
    if let Some(t) = m.get("text").and_then(Value::as_str) {
        return Ok(t.as_bytes().to_vec());
    }
    if let Some(b) = m.get("base64").and_then(Value::as_str) {
        return base64::engine::general_purpose::STANDARD.decode(b).map_err(|e| format!("bad base64: {e}"));
    }
    if let Some(f) = m.get("file").and_then(Value::as_str) {
        return embedded::REPO_FILES
            .iter()
            .find(|(p, _)| *p == f)
            .map(|(_, b)| b.to_vec())
            .ok_or_else(|| format!("file {f} was not embedded by build.rs (missing?)"));
    }
    Err("unknown input form".into())
}

fn check(case: &Case) -> Result<(), String> {
    let input = input_bytes(case.get("input").ok_or("case has no input")?)?;
    let lock = match case.get("lock") {
        Some(l) => Some(input_bytes(l)?),
        None => None,
    };
    let expect = case.get("expect").and_then(Value::as_object).ok_or("case has no expect object")?;
    if expect.is_empty() {
        return Err("expect is empty".into());
    }
    compare(expect, &call(case, &input, lock.as_deref())?)
}

fn call(case: &Case, input: &[u8], lock: Option<&[u8]>) -> Result<Actual, String> {
    let op = case.get("op").and_then(Value::as_str).ok_or("case has no op")?;
    let empty = Map::new();
    let options = case.get("options").and_then(Value::as_object).unwrap_or(&empty);
    match super::vector_ops::call(op, input, lock, options)? {
        Ok(a) => Ok(a),
        Err(e) => thrown(&e),
    }
}

/// A JS result read back as the core's JSON value.
pub fn to_value(v: &JsValue) -> Result<Value, JsValue> {
    let text = js_sys::JSON::stringify(v)?.as_string().unwrap_or_default();
    json::parse(text.as_bytes()).map_err(|e| JsValue::from_str(&e.to_string()))
}

/// Checks the thrown value has the documented shape and extracts code and message.
pub fn error_parts(e: &JsValue) -> Result<(String, String), String> {
    let err = e.dyn_ref::<js_sys::Error>().ok_or_else(|| format!("thrown value is not an Error: {e:?}"))?;
    let name = String::from(err.name());
    if name != "TrustloopError" {
        return Err(format!("thrown error is named {name:?}, not TrustloopError: {e:?}"));
    }
    let get = |k: &str| Reflect::get(e, &k.into()).ok().unwrap_or(JsValue::UNDEFINED);
    let code = get("code").as_string().ok_or("error has no string `code`")?;
    let findings = to_value(&get("findings")).map_err(|_| "error `findings` is not JSON")?;
    let first_code = findings.as_array().and_then(|f| f.first()).map(|f| f.str_at("code").to_string());
    if first_code.as_deref() != Some(code.as_str()) {
        return Err(format!("error findings[0].code {first_code:?} differs from code {code:?}"));
    }
    Ok((code, String::from(err.message())))
}

fn thrown(e: &JsValue) -> Result<Actual, String> {
    let (code, message) = error_parts(e)?;
    Ok(Actual::Error { code, message })
}
