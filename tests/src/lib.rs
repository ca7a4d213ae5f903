//! Conformance vector runner: loads `tests/vectors/**/*.json` (format in
//! `tests/vectors/README.md`) and checks every case against `trustloop_core::api`.
//!
//! The vector files are read with the core's own JSON parser, so this crate needs
//! nothing but the core and base64.
#![forbid(unsafe_code)]
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use trustloop_core::api::{self, BuildLocalOptions, VerifyOptions};
use trustloop_core::api::diag::Error;
use trustloop_core::api::digest::sha256_bytes;
use trustloop_core::api::json::{self, Map, Value};

mod material_ops;
pub mod code_literals;
pub mod codes_render;
pub mod generated;
pub mod import_graph;
pub mod source_tree;

/// This host's name in a case's `hosts` list.
pub const HOST: &str = "rust";

/// Op prefixes whose Rust runner lives elsewhere (and runs in the same `cargo test`):
/// `assets_pa_*` in `core/src/assets_pa/vector_tests.rs`.
pub const DELEGATED_OP_PREFIXES: &[&str] = &["assets_pa_"];

/// The repository root (the parent of this crate).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from(".."))
}

/// `$TRUSTLOOP_FIXTURES`, default `<repo>/../shared/fixtures`.
pub fn fixtures_dir() -> PathBuf {
    match std::env::var_os("TRUSTLOOP_FIXTURES") {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => repo_root().join("..").join("shared").join("fixtures"),
    }
}

/// `CI=true` turns "fixtures missing" from a loud skip into a failure.
pub fn is_ci() -> bool {
    std::env::var("CI").map(|v| v.eq_ignore_ascii_case("true")).unwrap_or(false)
}

/// One loaded case.
#[derive(Clone, Debug)]
pub struct Case {
    /// `<file path relative to the repo>#<name>`.
    pub id: String,
    pub value: Map,
}

impl Case {
    fn get(&self, key: &str) -> Option<&Value> {
        self.value.get(key)
    }
    fn uses_fixture(&self) -> bool {
        ["input", "lock"].iter().any(|k| self.get(k).and_then(Value::as_object).is_some_and(|m| m.contains_key("fixture")))
    }
}

/// What happened to one case.
#[derive(Debug)]
pub enum Outcome {
    Pass,
    Fail(String),
    /// Uses a fixture and the fixtures folder is missing.
    NoFixtures,
    /// `hosts` excludes this host.
    NotForHost,
    /// Run by another Rust runner (see [`DELEGATED_OP_PREFIXES`]).
    Delegated,
}

/// Every `*.json` below `dir`, sorted by path.
pub fn vector_files(dir: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "json") {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, &mut out);
    out.sort();
    out
}

/// Loads all cases of all vector files; a malformed file is an error.
pub fn load_cases(root: &Path) -> Result<Vec<Case>, String> {
    let mut cases = Vec::new();
    for path in vector_files(&root.join("tests").join("vectors")) {
        let rel = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
        let bytes = std::fs::read(&path).map_err(|e| format!("{rel}: {e}"))?;
        let doc = json::parse(&bytes).map_err(|e| format!("{rel}: {e}"))?;
        let list = doc.get("cases").and_then(Value::as_array).ok_or_else(|| format!("{rel}: no \"cases\" array"))?;
        let mut seen = std::collections::BTreeSet::new();
        for (i, c) in list.iter().enumerate() {
            let m = c.as_object().ok_or_else(|| format!("{rel}: case {i} is not an object"))?;
            let name = m.get("name").and_then(Value::as_str).ok_or_else(|| format!("{rel}: case {i} has no name"))?;
            if !seen.insert(name.to_string()) {
                return Err(format!("{rel}: duplicate case name {name:?}"));
            }
            cases.push(Case { id: format!("{rel}#{name}"), value: m.clone() });
        }
    }
    Ok(cases)
}

/// Resolves an input form to bytes.
fn input_bytes(form: &Value, root: &Path, fixtures: &Path) -> Result<Vec<u8>, String> {
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
        return std::fs::read(root.join(f)).map_err(|e| format!("file {f}: {e}"));
    }
    if let Some(f) = m.get("fixture").and_then(Value::as_str) {
        return std::fs::read(fixtures.join(f)).map_err(|e| format!("fixture {f}: {e}"));
    }
    Err("unknown input form".into())
}

/// What the core returned.
enum Actual {
    Bytes(Vec<u8>),
    /// A JSON result, checked with `result` (deep-equal) and `result_subset`.
    Value(Value),
    Verdict { result: Value, exit_code: i32 },
    Files(Vec<api::OutputFile>),
    Error(Error),
}

fn call(case: &Case, input: &[u8], lock: Option<&[u8]>) -> Result<Actual, String> {
    let op = case.get("op").and_then(Value::as_str).ok_or("case has no op")?;
    let empty = Value::Object(Map::new());
    let options = case.get("options").unwrap_or(&empty);
    let verify_opts = || VerifyOptions::from_value(options);
    let r = match op {
        "canonicalize" => {
            let mode = options.get("mode").and_then(Value::as_str).unwrap_or("digest");
            api::canonical_json(input, mode).map(Actual::Bytes)
        }
        "digest" => api::json_digest(input).map(|d| Actual::Bytes(d.into_bytes())),
        "verify_bundle" => verify_opts()
            .and_then(|o| api::anip_verify_bundle(input, lock, &o))
            .map(|v| Actual::Verdict { result: v.result, exit_code: v.exit_code }),
        "verify_definition" => verify_opts()
            .and_then(|o| api::anip_verify_definition(input, lock, &o))
            .map(|v| Actual::Verdict { result: v.result, exit_code: v.exit_code }),
        "write_lock" => api::anip_write_lock(input).map(|s| Actual::Bytes(s.into_bytes())),
        "build_local" => BuildLocalOptions::from_value(options)
            .and_then(|o| api::anip_build_local(input, &o))
            .map(Actual::Files),
        op if material_ops::OPS.contains(&op) => material_ops::call(op, input, options).map(|o| match o {
            material_ops::Out::Text(t) => Actual::Bytes(t.into_bytes()),
            material_ops::Out::Value(v) => Actual::Value(v),
        }),
        other => return Err(format!("unknown op {other:?}")),
    };
    Ok(r.unwrap_or_else(Actual::Error))
}

/// Runs one case.
pub fn run_case(case: &Case, root: &Path, fixtures: &Path, fixtures_present: bool) -> Outcome {
    if let Some(hosts) = case.get("hosts").and_then(Value::as_array) {
        if !hosts.iter().any(|h| h.as_str() == Some(HOST)) {
            return Outcome::NotForHost;
        }
    }
    let op = case.get("op").and_then(Value::as_str).unwrap_or("");
    if DELEGATED_OP_PREFIXES.iter().any(|p| op.starts_with(p)) {
        return Outcome::Delegated;
    }
    if case.uses_fixture() && !fixtures_present {
        return Outcome::NoFixtures;
    }
    match check(case, root, fixtures) {
        Ok(()) => Outcome::Pass,
        Err(e) => Outcome::Fail(e),
    }
}

fn check(case: &Case, root: &Path, fixtures: &Path) -> Result<(), String> {
    let input = input_bytes(case.get("input").ok_or("case has no input")?, root, fixtures)?;
    let lock = match case.get("lock") {
        Some(l) => Some(input_bytes(l, root, fixtures)?),
        None => None,
    };
    let expect = case.get("expect").and_then(Value::as_object).ok_or("case has no expect object")?;
    if expect.is_empty() {
        return Err("expect is empty".into());
    }
    let actual = call(case, &input, lock.as_deref())?;
    compare(expect, &actual)
}

fn exp_str<'a>(expect: &'a Map, key: &str) -> Option<&'a str> {
    expect.get(key).and_then(Value::as_str)
}

fn compare(expect: &Map, actual: &Actual) -> Result<(), String> {
    let wants_error = expect.get("exit_code").and_then(Value::as_f64) == Some(1.0)
        || expect.keys().any(|k| k.starts_with("error_"));
    let mut problems = String::new();
    let mut fail = |msg: String| {
        let _ = writeln!(problems, "    {msg}");
    };
    match actual {
        Actual::Error(e) => {
            if !wants_error {
                return Err(format!("unexpected error {}: {}", e.code(), e.message()));
            }
            if let Some(code) = exp_str(expect, "error_code") {
                if code != e.code() {
                    fail(format!("error_code: expected {code:?}, got {:?} ({})", e.code(), e.message()));
                }
            }
            if let Some(msg) = exp_str(expect, "error_message") {
                if msg != e.message() {
                    fail(format!("error_message:\n      expected {msg:?}\n      got      {:?}", e.message()));
                }
            }
            if let Some(p) = exp_str(expect, "error_message_prefix") {
                if !e.message().starts_with(p) {
                    fail(format!("error_message_prefix: expected {p:?}, got {:?}", e.message()));
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
            if *exit_code != derived {
                fail(format!("core exit_code {exit_code} disagrees with status {status:?}"));
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
                let mut got: Vec<(String, String)> = files.iter().map(|f| (f.name.clone(), sha256_bytes(&f.bytes))).collect();
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

/// Totals of a run.
#[derive(Default, Debug)]
pub struct Summary {
    pub passed: usize,
    pub failed: Vec<(String, String)>,
    pub no_fixtures: usize,
    pub not_for_host: usize,
    pub delegated: usize,
}

/// Runs every case; prints one line per failure and the totals.
pub fn run_all(root: &Path) -> Result<Summary, String> {
    let fixtures = fixtures_dir();
    let present = fixtures.is_dir();
    let mut s = Summary::default();
    for case in load_cases(root)? {
        match run_case(&case, root, &fixtures, present) {
            Outcome::Pass => s.passed += 1,
            Outcome::Fail(e) => s.failed.push((case.id.clone(), e)),
            Outcome::NoFixtures => s.no_fixtures += 1,
            Outcome::NotForHost => s.not_for_host += 1,
            Outcome::Delegated => s.delegated += 1,
        }
    }
    Ok(s)
}
