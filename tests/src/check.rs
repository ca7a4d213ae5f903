//! The pure check step of the conformance vectors (`tests/vectors/README.md`): what
//! one case expects against what an operation did, with no file access, so every Rust
//! runner shares it: this crate's (core API) and the WASM host's (`bindings-wasm/tests`,
//! through the JS-facing exports).
use std::fmt::Write as _;

use base64::Engine as _;
use trustloop_core::api::digest::sha256_bytes;
use trustloop_core::api::json::{self, Map, Value};

/// What an operation did.
pub enum Actual {
    Bytes(Vec<u8>),
    /// A JSON result, checked with `result` (deep-equal) and `result_subset`.
    Value(Value),
    /// A verify result; `exit_code` when the host reports one (else derived from `status`).
    Verdict { result: Value, exit_code: Option<i32> },
    Files(Vec<(String, Vec<u8>)>),
    Error { code: String, message: String },
}

fn exp_str<'a>(expect: &'a Map, key: &str) -> Option<&'a str> {
    expect.get(key).and_then(Value::as_str)
}

/// Checks one case's `expect` against what the operation did; the problems found, one
/// per line.
pub fn compare(expect: &Map, actual: &Actual) -> Result<(), String> {
    let wants_error = expect.get("exit_code").and_then(Value::as_f64) == Some(1.0)
        || expect.keys().any(|k| k.starts_with("error_"));
    let mut problems = String::new();
    let mut fail = |msg: String| {
        let _ = writeln!(problems, "    {msg}");
    };
    match actual {
        Actual::Error { code: got_code, message } => {
            if !wants_error {
                return Err(format!("unexpected error {got_code}: {message}"));
            }
            if let Some(code) = exp_str(expect, "error_code") {
                if code != got_code {
                    fail(format!("error_code: expected {code:?}, got {got_code:?} ({message})"));
                }
            }
            if let Some(msg) = exp_str(expect, "error_message") {
                if msg != message {
                    fail(format!("error_message:\n      expected {msg:?}\n      got      {:?}", message));
                }
            }
            if let Some(p) = exp_str(expect, "error_message_prefix") {
                if !message.starts_with(p) {
                    fail(format!("error_message_prefix: expected {p:?}, got {:?}", message));
                }
            }
        }
        _ if wants_error => return Err("expected an error, the call succeeded".into()),
        Actual::Bytes(out) => {
            if let Some(code) = expect.get("exit_code").and_then(Value::as_f64) {
                if code != 0.0 {
                    fail(format!("exit_code: expected {code}, got 0"));
                }
            }
            if let Some(t) = exp_str(expect, "output_text") {
                if t.as_bytes() != out.as_slice() {
                    fail(format!("output_text:\n      expected {t:?}\n      got      {:?}", String::from_utf8_lossy(out)));
                }
            }
            if let Some(b) = exp_str(expect, "output_base64") {
                let want = base64::engine::general_purpose::STANDARD.decode(b).map_err(|e| format!("bad output_base64: {e}"))?;
                if want != *out {
                    fail(format!("output_base64: got {}", base64::engine::general_purpose::STANDARD.encode(out)));
                }
            }
            if let Some(d) = exp_str(expect, "output_sha256") {
                let got = sha256_bytes(out);
                if got != d {
                    fail(format!("output_sha256: expected {d}, got {got}"));
                }
            }
            if let Some(d) = exp_str(expect, "digest") {
                if d.as_bytes() != out.as_slice() {
                    fail(format!("digest: expected {d}, got {}", String::from_utf8_lossy(out)));
                }
            }
        }
        Actual::Verdict { result, exit_code } => {
            let status = result.get("status").and_then(Value::as_str).unwrap_or("");
            let derived = if status == "failed" { 2 } else { 0 };
            if exit_code.is_some_and(|c| c != derived) {
                fail(format!("exit_code {exit_code:?} disagrees with status {status:?}"));
            }
            if let Some(code) = expect.get("exit_code").and_then(Value::as_f64) {
                if code != f64::from(derived) {
                    fail(format!("exit_code: expected {code}, got {derived} (status {status:?}; failed checks {:?})", failed_checks(result)));
                }
            }
            if let Some(s) = exp_str(expect, "status") {
                if s != status {
                    fail(format!("status: expected {s:?}, got {status:?} (failed checks {:?})", failed_checks(result)));
                }
            }
            if let Some(want) = expect.get("checks").and_then(Value::as_array) {
                check_checks(want, result, &mut fail);
            }
            if let Some(want) = expect.get("failed_checks").and_then(Value::as_array) {
                let want: Vec<&str> = want.iter().filter_map(Value::as_str).collect();
                let got = failed_checks(result);
                if want != got {
                    fail(format!("failed_checks: expected {want:?}, got {got:?}"));
                }
            }
            if let Some(sub) = expect.get("result_subset") {
                if let Err(e) = subset(sub, result, "result") {
                    fail(format!("result_subset: {e}"));
                }
            }
            if let Some(want) = expect.get("result_keys").and_then(Value::as_array) {
                if let Err(e) = same_keys(want, result) {
                    fail(format!("result_keys: {e}"));
                }
            }
        }
        Actual::Value(v) => {
            if let Some(code) = expect.get("exit_code").and_then(Value::as_f64) {
                if code != 0.0 {
                    fail(format!("exit_code: expected {code}, got 0"));
                }
            }
            if let Some(want) = expect.get("result") {
                if !json_eq(want, v) {
                    fail(format!("result:\n      expected {}\n      got      {}", json::to_compact(want), json::to_compact(v)));
                }
            }
            if let Some(sub) = expect.get("result_subset") {
                if let Err(e) = subset(sub, v, "result") {
                    fail(format!("result_subset: {e}"));
                }
            }
        }
        Actual::Files(files) => {
            if let Some(want) = expect.get("files_sha256").and_then(Value::as_object) {
                let mut got: Vec<(String, String)> = files.iter().map(|(name, bytes)| (name.clone(), sha256_bytes(bytes))).collect();
                got.sort();
                let mut exp: Vec<(String, String)> =
                    want.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_string())).collect();
                exp.sort();
                if got != exp {
                    fail(format!("files_sha256:\n      expected {exp:?}\n      got      {got:?}"));
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.trim_end().to_string())
    }
}

fn failed_checks(result: &Value) -> Vec<&str> {
    result
        .get("checks")
        .and_then(Value::as_array)
        .unwrap_or(&[])
        .iter()
        .filter(|c| c.get("status").and_then(Value::as_str) == Some("fail"))
        .filter_map(|c| c.get("name").and_then(Value::as_str))
        .collect()
}

fn check_checks(want: &[Value], result: &Value, fail: &mut impl FnMut(String)) {
    let got = result.get("checks").and_then(Value::as_array).unwrap_or(&[]);
    let show = |list: &[Value]| -> Vec<String> {
        list.iter().map(|c| format!("{}={}", c.str_at("name"), c.str_at("status"))).collect()
    };
    if want.len() != got.len() {
        fail(format!("checks: expected {} entries {:?}, got {} {:?}", want.len(), show(want), got.len(), show(got)));
        return;
    }
    for (i, (w, g)) in want.iter().zip(got).enumerate() {
        for key in ["name", "status", "detail"] {
            if let Some(wv) = w.get(key) {
                if g.get(key) != Some(wv) {
                    fail(format!("checks[{i}].{key}: expected {}, got {}", json::to_compact(wv), g.get(key).map(json::to_compact).unwrap_or_else(|| "(absent)".into())));
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

/// Deep equality, ignoring object key order.
pub fn json_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| json_eq(v, w))),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(v, w)| json_eq(v, w)),
        (Value::Number(x), Value::Number(y)) => x == y,
        _ => a == b,
    }
}

