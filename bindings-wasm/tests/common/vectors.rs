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

use trustloop_core::api::digest::sha256_bytes;
use trustloop_core::api::json::{self, Map, Value};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/vectors.rs"));
}

/// This host's name in a case's `hosts` list.
pub const HOST: &str = "wasm";

use super::vector_ops::ops;

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

pub enum Actual {
    Bytes(Vec<u8>),
    /// A verify result (checked with `status`, `checks`, …).
    Verdict(Value),
    /// Any other JSON result (checked with `result` and `result_subset`).
    Value(Value),
    Files(Vec<(String, Vec<u8>)>),
    Error { code: String, message: String },
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

fn exp_str<'a>(expect: &'a Map, key: &str) -> Option<&'a str> {
    expect.get(key).and_then(Value::as_str)
}

fn compare(expect: &Map, actual: &Actual) -> Result<(), String> {
    let wants_error =
        expect.get("exit_code").and_then(Value::as_f64) == Some(1.0) || expect.keys().any(|k| k.starts_with("error_"));
    let mut problems = Vec::<String>::new();
    match actual {
        Actual::Error { code, message } => {
            if !wants_error {
                return Err(format!("unexpected error {code}: {message}"));
            }
            if let Some(c) = exp_str(expect, "error_code") {
                if c != code {
                    problems.push(format!("error_code: expected {c:?}, got {code:?} ({message})"));
                }
            }
            if let Some(m) = exp_str(expect, "error_message") {
                if m != message {
                    problems.push(format!("error_message: expected {m:?}, got {message:?}"));
                }
            }
            if let Some(p) = exp_str(expect, "error_message_prefix") {
                if !message.starts_with(p) {
                    problems.push(format!("error_message_prefix: expected {p:?}, got {message:?}"));
                }
            }
        }
        _ if wants_error => return Err("expected an error, the call succeeded".into()),
        Actual::Bytes(out) => {
            if let Some(code) = expect.get("exit_code").and_then(Value::as_f64) {
                if code != 0.0 {
                    problems.push(format!("exit_code: expected {code}, got 0"));
                }
            }
            if let Some(t) = exp_str(expect, "output_text") {
                if t.as_bytes() != out.as_slice() {
                    problems.push(format!("output_text: expected {t:?}, got {:?}", String::from_utf8_lossy(out)));
                }
            }
            if let Some(b) = exp_str(expect, "output_base64") {
                let want = base64::engine::general_purpose::STANDARD.decode(b).map_err(|e| format!("bad output_base64: {e}"))?;
                if want != *out {
                    problems.push(format!("output_base64: got {}", base64::engine::general_purpose::STANDARD.encode(out)));
                }
            }
            if let Some(d) = exp_str(expect, "output_sha256") {
                let got = sha256_bytes(out);
                if got != d {
                    problems.push(format!("output_sha256: expected {d}, got {got}"));
                }
            }
            if let Some(d) = exp_str(expect, "digest") {
                if d.as_bytes() != out.as_slice() {
                    problems.push(format!("digest: expected {d}, got {}", String::from_utf8_lossy(out)));
                }
            }
        }
        Actual::Verdict(result) => {
            let status = result.str_at("status");
            // `ok_legacy` (only under the legacy option) exits 0 like `ok`.
            let exit = if status == "ok" || status == "ok_legacy" { 0.0 } else { 2.0 };
            if let Some(code) = expect.get("exit_code").and_then(Value::as_f64) {
                if code != exit {
                    problems.push(format!("exit_code: expected {code}, got {exit} (failed checks {:?})", failed_checks(result)));
                }
            }
            if let Some(s) = exp_str(expect, "status") {
                if s != status {
                    problems.push(format!("status: expected {s:?}, got {status:?} (failed checks {:?})", failed_checks(result)));
                }
            }
            if let Some(want) = expect.get("checks").and_then(Value::as_array) {
                check_checks(want, result, &mut problems);
            }
            if let Some(want) = expect.get("failed_checks").and_then(Value::as_array) {
                let want: Vec<&str> = want.iter().filter_map(Value::as_str).collect();
                let got = failed_checks(result);
                if want != got {
                    problems.push(format!("failed_checks: expected {want:?}, got {got:?}"));
                }
            }
            if let Some(sub) = expect.get("result_subset") {
                if let Err(e) = subset(sub, result, "result") {
                    problems.push(format!("result_subset: {e}"));
                }
            }
            if let Some(want) = expect.get("result_keys").and_then(Value::as_array) {
                if let Err(e) = same_keys(want, result) {
                    problems.push(format!("result_keys: {e}"));
                }
            }
        }
        Actual::Value(v) => {
            if let Some(code) = expect.get("exit_code").and_then(Value::as_f64) {
                if code != 0.0 {
                    problems.push(format!("exit_code: expected {code}, got 0"));
                }
            }
            if let Some(want) = expect.get("result") {
                if !json_eq(want, v) {
                    problems.push(format!("result: expected {}, got {}", json::to_compact(want), json::to_compact(v)));
                }
            }
            if let Some(sub) = expect.get("result_subset") {
                if let Err(e) = subset(sub, v, "result") {
                    problems.push(format!("result_subset: {e}"));
                }
            }
        }
        Actual::Files(files) => {
            if let Some(want) = expect.get("files_sha256").and_then(Value::as_object) {
                let mut got: Vec<(String, String)> = files.iter().map(|(n, b)| (n.clone(), sha256_bytes(b))).collect();
                got.sort();
                let mut exp: Vec<(String, String)> = want.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_string())).collect();
                exp.sort();
                if got != exp {
                    problems.push(format!("files_sha256: expected {exp:?}, got {got:?}"));
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n    "))
    }
}

fn failed_checks(result: &Value) -> Vec<&str> {
    result
        .get("checks")
        .and_then(Value::as_array)
        .unwrap_or(&[])
        .iter()
        .filter(|c| c.str_at("status") == "fail")
        .map(|c| c.str_at("name"))
        .collect()
}

fn check_checks(want: &[Value], result: &Value, problems: &mut Vec<String>) {
    let got = result.get("checks").and_then(Value::as_array).unwrap_or(&[]);
    let show = |list: &[Value]| -> Vec<String> { list.iter().map(|c| format!("{}={}", c.str_at("name"), c.str_at("status"))).collect() };
    if want.len() != got.len() {
        problems.push(format!("checks: expected {:?}, got {:?}", show(want), show(got)));
        return;
    }
    for (i, (w, g)) in want.iter().zip(got).enumerate() {
        for key in ["name", "status", "detail"] {
            if let Some(wv) = w.get(key) {
                if g.get(key) != Some(wv) {
                    problems.push(format!("checks[{i}].{key}: expected {}, got {:?}", json::to_compact(wv), g.get(key).map(json::to_compact)));
                }
            }
        }
    }
}

/// `want` ⊆ `got`: objects recursively as subsets, everything else exactly.
/// `result_keys`: the result has exactly these top-level keys (order not compared).
fn same_keys(want: &[Value], got: &Value) -> Result<(), String> {
    let mut want: Vec<&str> = want.iter().filter_map(Value::as_str).collect();
    let mut have: Vec<&str> = got.as_object().map(|m| m.keys().map(String::as_str).collect()).unwrap_or_default();
    want.sort_unstable();
    have.sort_unstable();
    if want == have {
        Ok(())
    } else {
        Err(format!("expected {want:?}, got {have:?}"))
    }
}

fn subset(want: &Value, got: &Value, path: &str) -> Result<(), String> {
    match (want, got) {
        (Value::Object(w), Value::Object(g)) => {
            for (k, wv) in w.iter() {
                let gv = g.get(k).ok_or_else(|| format!("{path}.{k} missing"))?;
                subset(wv, gv, &format!("{path}.{k}"))?;
            }
            Ok(())
        }
        _ if json_eq(want, got) => Ok(()),
        _ => Err(format!("{path}: expected {}, got {}", json::to_compact(want), json::to_compact(got))),
    }
}

fn json_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| json_eq(v, w))),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(v, w)| json_eq(v, w)),
        _ => a == b,
    }
}
