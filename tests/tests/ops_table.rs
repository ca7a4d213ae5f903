//! The README's host table is the core's operation table (`core/src/api/ops.rs`),
//! rendered: one row per operation with its CLI command and its name in each binding.
//! `TRUSTLOOP_BLESS=1` rewrites the README's table from the core's.
#![forbid(unsafe_code)]

use trustloop_core::api::ops::{HELPER, OPS};

const BEGIN: &str = "<!-- operations: generated from core/src/api/ops.rs (tests/tests/ops_table.rs) -->\n";
const END: &str = "<!-- end of operations -->\n";

fn render() -> String {
    let code = |s: String| if s.is_empty() { String::from("–") } else { format!("`{s}`") };
    let mut out = String::from("| operation | CLI `trustloop …` | Python | Node `require('trustloop')` | WASM / browser |\n|---|---|---|---|---|\n");
    for op in OPS.iter().filter(|o| o.hosts != HELPER) {
        let py = if op.hosts.python { code(op.python_path()) } else { code(String::new()) };
        let node = if op.hosts.node { code(op.js_path()) } else { code(String::new()) };
        let wasm = if op.hosts.wasm { code(op.js_path()) } else { code(String::new()) };
        out.push_str(&format!("| {} | {} | {py} | {node} | {wasm} |\n", op.summary, code(op.cli.to_string())));
    }
    out
}

#[test]
fn the_readme_host_table_is_the_operation_table() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md");
    let readme = std::fs::read_to_string(path).unwrap();
    let (start, end) = match (readme.find(BEGIN), readme.find(END)) {
        (Some(s), Some(e)) if s < e => (s + BEGIN.len(), e),
        _ => panic!("README.md has no generated operations table (markers {BEGIN:?} … {END:?})"),
    };
    let want = render();
    if readme[start..end] != want {
        if std::env::var("TRUSTLOOP_BLESS").as_deref() == Ok("1") {
            std::fs::write(path, format!("{}{want}{}", &readme[..start], &readme[end..])).unwrap();
            return;
        }
        panic!("README.md's operations table differs from core/src/api/ops.rs; run TRUSTLOOP_BLESS=1 cargo test -p trustloop-conformance --test ops_table\n--- want\n{want}");
    }
}

/// Every conformance vector names its operation by the table's flat name, so each
/// host's runner can take its op list from the table.
#[test]
fn every_vector_op_is_an_operation_of_the_table() {
    let flat: Vec<String> = OPS.iter().map(|o| o.flat_name()).collect();
    let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/vectors"));
    let mut dirs = vec![root.to_path_buf()];
    let mut seen = 0;
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                let doc = trustloop_core::api::json::parse(&std::fs::read(&path).unwrap()).unwrap();
                for case in doc.get("cases").and_then(|c| c.as_array()).into_iter().flatten() {
                    let op = case.get("op").and_then(|o| o.as_str()).unwrap_or("");
                    assert!(flat.iter().any(|f| f == op), "{}: op {op:?} is not an operation of core/src/api/ops.rs", path.display());
                    seen += 1;
                }
            }
        }
    }
    assert!(seen > 500, "only {seen} vector cases found");
}
