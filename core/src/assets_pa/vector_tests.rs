//! Runs the shared vectors under `tests/vectors/assets-pa/` against [`super::api`], the
//! same way every host runner does (input forms and expectations of
//! `tests/vectors/README.md`; ops of `tests/vectors/assets-pa/README.md`). Lives in
//! the core so the family's vectors are checked by `cargo test -p trustloop-core`.
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::string::{String, ToString};
use std::vec::Vec;

use base64::Engine;

use super::api;
use crate::digest::sha256_bytes;
use crate::json::{self, Value};

enum Actual {
    Bytes(Vec<u8>),
    Result(Value),
    Files(Vec<(String, Vec<u8>)>),
    Error(crate::diag::Error),
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn input_bytes(form: &Value, root: &Path) -> Vec<u8> {
    if let Some(t) = form.get("text").and_then(Value::as_str) {
        return t.as_bytes().to_vec();
    }
    if let Some(b) = form.get("base64").and_then(Value::as_str) {
        return base64::engine::general_purpose::STANDARD.decode(b).unwrap();
    }
    if let Some(f) = form.get("file").and_then(Value::as_str) {
        return std::fs::read(root.join(f)).unwrap_or_else(|e| panic!("{f}: {e}"));
    }
    panic!("unsupported input form {form:?}")
}

fn call(case: &Value, input: &[u8], root: &Path) -> Actual {
    let op = case.str_at("op");
    let options = case.get("options");
    let r: Result<Actual, crate::diag::Error> = match op {
        "assets_pa_write" => {
            let doc = json::parse(input).unwrap();
            api::write_value(doc.get("entries").unwrap_or(&Value::Null), doc.get("preload").unwrap_or(&Value::Null))
                .map(Actual::Bytes)
        }
        "assets_pa_read" => api::read(input).map(Actual::Result),
        "assets_pa_verify" => Ok(Actual::Result(api::verify(input))),
        "assets_pa_companions" => api::companions(input).map(Actual::Files),
        "assets_pa_extract" => {
            let id = options.and_then(|o| o.get("asset_id")).and_then(Value::as_f64).unwrap() as i64;
            api::extract(input, id).map(Actual::Bytes)
        }
        "assets_pa_glyph_bank" => {
            api::glyph_bank_value(&json::parse(input).unwrap()).map(|b| Actual::Result(b.summary_value()))
        }
        "assets_pa_pack_files" => {
            let doc = json::parse(input).unwrap();
            let mut files = BTreeMap::new();
            for (path, form) in doc.get("files").and_then(Value::as_object).unwrap().iter() {
                files.insert(path.clone(), input_bytes(form, root));
            }
            let opts = match options {
                Some(o) => api::PackOptions::from_value(o).unwrap(),
                None => api::PackOptions::default(),
            };
            api::pack(&files, &opts).map(|r| Actual::Result(r.report))
        }
        other => panic!("unknown op {other}"),
    };
    r.unwrap_or_else(Actual::Error)
}

/// Objects as subsets, arrays and scalars exactly.
fn subset(want: &Value, got: &Value, path: &str) -> Result<(), String> {
    match (want, got) {
        (Value::Object(w), Value::Object(g)) => {
            for (k, wv) in w.iter() {
                let gv = g.get(k).ok_or_else(|| format!("{path}.{k}: missing"))?;
                subset(wv, gv, &format!("{path}.{k}"))?;
            }
            Ok(())
        }
        _ if want == got => Ok(()),
        _ => Err(format!("{path}: expected {}, got {}", json::to_compact(want), json::to_compact(got))),
    }
}

fn check(case: &Value, root: &Path) -> Result<(), String> {
    let input = input_bytes(case.get("input").ok_or("no input")?, root);
    let expect = case.get("expect").and_then(Value::as_object).ok_or("no expect")?;
    let actual = call(case, &input, root);
    let wants_error = expect.keys().any(|k| k.starts_with("error_"));
    match (&actual, wants_error) {
        (Actual::Error(e), true) => {
            let want = expect.get("error_code").and_then(Value::as_str).unwrap_or(e.code());
            if want != e.code() {
                return Err(format!("error_code: expected {want}, got {} ({})", e.code(), e.message()));
            }
        }
        (Actual::Error(e), false) => return Err(format!("unexpected error {}: {}", e.code(), e.message())),
        (_, true) => return Err("expected an error, the call succeeded".into()),
        (Actual::Bytes(out), false) => {
            if let Some(d) = expect.get("output_sha256").and_then(Value::as_str) {
                if sha256_bytes(out) != d {
                    return Err(format!("output_sha256: expected {d}, got {}", sha256_bytes(out)));
                }
            }
        }
        (Actual::Result(v), false) => {
            if let Some(sub) = expect.get("result_subset") {
                subset(sub, v, "result")?;
            }
        }
        (Actual::Files(files), false) => {
            if let Some(want) = expect.get("files_sha256").and_then(Value::as_object) {
                let got: Vec<(String, String)> = files.iter().map(|(n, b)| (n.clone(), sha256_bytes(b))).collect();
                let exp: Vec<(String, String)> =
                    want.sorted().into_iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_string())).collect();
                let mut got_sorted = got.clone();
                got_sorted.sort();
                if got_sorted != exp {
                    return Err(format!("files_sha256: expected {exp:?}, got {got_sorted:?}"));
                }
            }
        }
    }
    Ok(())
}

#[test]
fn assets_pa_vectors() {
    let root = repo_root();
    let dir = root.join("tests/vectors/assets-pa");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    names.sort();
    let (mut passed, mut failed, mut corruption) = (0, Vec::new(), 0);
    for file in &names {
        let doc = json::parse(&std::fs::read(file).unwrap()).unwrap();
        for case in doc.get("cases").and_then(Value::as_array).unwrap() {
            let id = format!("{}#{}", file.file_name().unwrap().to_string_lossy(), case.str_at("name"));
            let is_corruption = case.str_at("op") == "assets_pa_verify"
                && case.get("expect").and_then(|e| e.get("result_subset")).and_then(|r| r.get("ok")) == Some(&Value::Bool(false));
            match check(case, &root) {
                Ok(()) => {
                    passed += 1;
                    corruption += usize::from(is_corruption);
                }
                Err(e) => failed.push(format!("{id}: {e}")),
            }
        }
    }
    for f in &failed {
        eprintln!("FAIL {f}");
    }
    eprintln!("assets-pa vectors: {passed} passed, {} failed ({corruption} corruption cases)", failed.len());
    assert!(failed.is_empty());
    assert!(corruption >= 40, "the corruption suite needs at least 40 passing cases, has {corruption}");
}
