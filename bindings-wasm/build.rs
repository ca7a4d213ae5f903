//! Embeds the shared conformance vectors (`../tests/vectors/**/*.json`, except data
//! under `files/` folders) and the
//! repository files they reference with `{"file": …}` into the wasm test binaries:
//! wasm-bindgen-test runs in Node *and* in a browser, where there is no file system.
//! Only the tests use the generated `vectors.rs`; the library ignores it.
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let root = manifest.parent().expect("bindings-wasm lives inside the repository").to_path_buf();
    let vectors_dir = root.join("tests").join("vectors");
    println!("cargo:rerun-if-changed={}", vectors_dir.display());

    let mut files = Vec::new();
    collect_json(&vectors_dir, &mut files);
    files.sort();

    let mut referenced = std::collections::BTreeSet::new();
    let mut out = String::from("/// (path relative to the repository, contents) of every vector file, sorted.\n");
    out.push_str("pub const VECTOR_FILES: &[(&str, &str)] = &[\n");
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        referenced.extend(file_refs(&text));
        let _ = writeln!(out, "    ({:?}, include_str!({:?})),", rel(&root, f), f.display().to_string());
    }
    out.push_str("];\n\n/// (path relative to the repository, bytes) of every `{\"file\": …}` input that exists.\n");
    out.push_str("pub const REPO_FILES: &[(&str, &[u8])] = &[\n");
    for r in &referenced {
        let p = root.join(r);
        if p.is_file() && !r.split('/').any(|c| c == "..") {
            println!("cargo:rerun-if-changed={}", p.display());
            let _ = writeln!(out, "    ({:?}, include_bytes!({:?})),", r, p.display().to_string());
        }
    }
    out.push_str("];\n");
    let dest = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("vectors.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}

fn collect_json(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            // `files/` folders hold data that cases reference, not vector files.
            if p.file_name().is_some_and(|n| n == "files") {
                continue;
            }
            collect_json(&p, out);
        } else if p.extension().is_some_and(|x| x == "json") {
            out.push(p);
        }
    }
}

fn rel(root: &Path, p: &Path) -> String {
    p.strip_prefix(root).unwrap_or(p).to_string_lossy().replace('\\', "/")
}

/// Values of `"file": "<path>"` pairs, found textually (paths carry no escapes).
/// A reference this misses makes its case fail loudly in the test, never pass.
fn file_refs(text: &str) -> Vec<String> {
    let mut refs = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("\"file\"") {
        rest = &rest[i + 6..];
        let after = rest.trim_start();
        let Some(after) = after.strip_prefix(':') else { continue };
        let after = after.trim_start();
        let Some(after) = after.strip_prefix('"') else { continue };
        if let Some(end) = after.find('"') {
            refs.push(after[..end].to_string());
        }
    }
    refs
}
