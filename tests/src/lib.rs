//! Conformance vector runner: loads `tests/vectors/**/*.json` (format in
//! `tests/vectors/README.md`) and checks every case against `trustloop_core::api`.
//!
//! The vector files are read with the core's own JSON parser, so this crate needs
//! nothing but the core and base64.
#![forbid(unsafe_code)]
use std::path::{Path, PathBuf};

use base64::Engine as _;
use trustloop_core::api;
use trustloop_core::api::call::Out;
use trustloop_core::api::diag::Error;
use trustloop_core::api::json::{self, Map, Value};

use check::{compare, Actual};
pub use check::json_eq;

pub mod check;
mod case_args;
pub mod code_literals;
pub mod codes_render;
pub mod generated;
pub mod import_graph;
pub mod source_tree;

/// This host's name in a case's `hosts` list.
pub const HOST: &str = "rust";

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
    pub fn get(&self, key: &str) -> Option<&Value> {
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
    /// The operation is not in this build of the core (the no_std build, without
    /// `zip`, `keygen` and `std`).
    NotInBuild,
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


fn call(case: &Case, input: &[u8], lock: Option<&[u8]>, read: &dyn Fn(&Value) -> Result<Vec<u8>, String>) -> Result<Actual, String> {
    let name = case.get("op").and_then(Value::as_str).ok_or("case has no op")?;
    let op = api::call::find(name).map_err(|e| e.message().to_string())?;
    let empty = Value::Object(Map::new());
    let args = case_args::args(op, input, lock, case.get("options").unwrap_or(&empty), read)?;
    let r = api::call::Args::new(op, args).and_then(api::call::call).map(|out| actual(op.name, out));
    Ok(r.unwrap_or_else(|e: Error| Actual::Error { code: e.code().to_string(), message: e.message().to_string() }))
}

/// What the checks compare: verify results with their exit code, text as bytes, and
/// of a record (a GLYPH bank, a pack) its JSON member.
fn actual(name: &str, out: Out) -> Actual {
    match out {
        Out::Json(result) if name.starts_with("verify_") && result.get("status").is_some() => {
            let exit_code = api::anip::exit_code(&result).ok().map(|c| c as i32);
            Actual::Verdict { result, exit_code }
        }
        Out::Json(v) => Actual::Value(v),
        Out::Bytes(b) => Actual::Bytes(b),
        Out::Text(t) => Actual::Bytes(t.into_bytes()),
        Out::Int(n) => Actual::Value(Value::from(n)),
        Out::Unit => Actual::Value(Value::Null),
        Out::Files(f) => Actual::Files(f),
        Out::Record(members) => members
            .into_iter()
            .find_map(|(_, m)| matches!(m, Out::Json(_)).then(|| actual(name, m)))
            .unwrap_or(Actual::Value(Value::Null)),
    }
}

/// Runs one case.
pub fn run_case(case: &Case, root: &Path, fixtures: &Path, fixtures_present: bool) -> Outcome {
    if let Some(hosts) = case.get("hosts").and_then(Value::as_array) {
        if !hosts.iter().any(|h| h.as_str() == Some(HOST)) {
            return Outcome::NotForHost;
        }
    }
    if case.uses_fixture() && !fixtures_present {
        return Outcome::NoFixtures;
    }
    let op = case.get("op").and_then(Value::as_str).and_then(|name| api::call::find(name).ok());
    if op.is_some_and(|op| !api::call::available(op)) {
        return Outcome::NotInBuild;
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
    let actual = call(case, &input, lock.as_deref(), &|form| input_bytes(form, root, fixtures))?;
    compare(expect, &actual)
}

/// Totals of a run.
#[derive(Default, Debug)]
pub struct Summary {
    pub passed: usize,
    pub failed: Vec<(String, String)>,
    pub no_fixtures: usize,
    pub not_for_host: usize,
    pub not_in_build: usize,
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
            Outcome::NotInBuild => s.not_in_build += 1,
        }
    }
    Ok(s)
}
