//! The code table (`core/src/codes.rs`) against everything that depends on it:
//! `docs/codes.md`'s tables and the typed lists of the hosts are rendered from it, every
//! code-shaped literal in the sources is a listed code (or named below as not a code),
//! and every listed code is emitted by some source unless it is marked retired.
//! `TRUSTLOOP_BLESS=1` rewrites the rendered files.
use std::collections::BTreeSet;
use std::path::Path;

use trustloop_conformance::code_literals::{self, Literal};
use trustloop_conformance::codes_render;
use trustloop_conformance::generated::{check_or_bless, splice};
use trustloop_conformance::repo_root;
use trustloop_core::api::codes::{by_name, Level, TABLE};

const REGENERATE: &str = "TRUSTLOOP_BLESS=1 cargo test -p trustloop-conformance --test codes";

/// Code-shaped literals that are not finding codes.
const NOT_CODES: &[&str] = &[
    // Environment variables the hosts read or pass on.
    "ANIP_REGISTRY_PUBLISH_TOKEN",
    "ANOLIS_WORKBENCH_RUNTIME_TOKEN",
    "CARGO_PKG_VERSION",
    "CREDENTIALS_DIRECTORY",
    "NO_COLOR",
    // The cases file of the YAML explorer (tests/anpkg/yaml_pyyaml_rules/explore.py).
    "YAML_EXPLORE",
    // Template variables of custom code bundles.
    "CSHARP_ROOT_NAMESPACE",
    "GO_MODULE_PATH",
    "JAVA_PACKAGE_NAME",
    "JAVA_PACKAGE_PATH",
    "PACKAGE_NAME",
    "PYTHON_MODULE_NAME",
    // Attributes of the Python native module.
    "REGISTRY_MAX_BODY_BYTES",
    "REGISTRY_TIMEOUT_SECONDS",
    // Node core's code for a wrong argument type, which the Node package's TypeErrors carry.
    "ERR_INVALID_ARG_TYPE",
];

struct Scan {
    literals: Vec<Literal>,
    emitted: BTreeSet<String>,
}

/// Every code-shaped literal of the sources, and the codes they emit: a literal outside
/// a family's `codes.rs`, or a constant there whose name another source uses.
fn scan() -> Scan {
    let root = repo_root();
    let table = root.join("core/src/codes.rs");
    let mut texts = Vec::new();
    for file in code_literals::source_files(&root).into_iter().filter(|f| *f != table) {
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("read {}: {e}", file.display()));
        let shown = file.strip_prefix(&root).unwrap_or(&file).display().to_string();
        texts.push((shown, code_literals::without_test_modules(&text)));
    }
    assert!(texts.len() > 100, "only {} source files found: is the walk right?", texts.len());
    let mut literals = Vec::new();
    let mut emitted = BTreeSet::new();
    for (file, text) in &texts {
        let found = code_literals::literals_in(text, file);
        if Path::new(file).file_name().is_some_and(|n| n == "codes.rs") {
            for (code, name) in code_literals::code_constants(text) {
                if texts.iter().any(|(other, t)| other != file && code_literals::mentions_word(t, &name)) {
                    emitted.insert(code);
                }
            }
        } else {
            emitted.extend(found.iter().map(|l| l.text.clone()));
        }
        literals.extend(found);
    }
    Scan { literals, emitted }
}

#[test]
fn every_code_literal_in_the_sources_is_listed() {
    let unlisted: Vec<String> = scan()
        .literals
        .into_iter()
        .filter(|l| by_name(&l.text).is_none() && !NOT_CODES.contains(&l.text.as_str()))
        .map(|l| format!("  {}:{}: {}", l.file, l.line, l.text))
        .collect();
    assert!(
        unlisted.is_empty(),
        "codes missing from core/src/codes.rs (add a row; or, if the literal is not a code, to NOT_CODES here):\n{}",
        unlisted.join("\n")
    );
}

#[test]
fn every_listed_code_is_emitted_unless_retired() {
    let emitted = scan().emitted;
    let wrong: Vec<String> = TABLE
        .iter()
        .filter(|c| (c.severity == Level::Retired) == emitted.contains(c.code))
        .map(|c| match c.severity {
            Level::Retired => format!("  {} is marked retired but a source emits it", c.code),
            _ => format!("  {} is emitted by no source (mark it retired, or delete a row never published)", c.code),
        })
        .collect();
    assert!(wrong.is_empty(), "core/src/codes.rs disagrees with the sources:\n{}", wrong.join("\n"));
}

#[test]
fn not_codes_are_neither_listed_nor_stale() {
    let literals: BTreeSet<String> = scan().literals.into_iter().map(|l| l.text).collect();
    for name in NOT_CODES {
        assert!(by_name(name).is_none(), "{name} is a listed code");
        assert!(literals.contains(*name), "{name} is in no source any more: drop it from NOT_CODES");
    }
    // The scan finds codes by shape, so every code must have that shape.
    assert!(TABLE.iter().all(|c| code_literals::is_code_shaped(c.code)));
}

#[test]
fn docs_tables_are_rendered_from_the_table() {
    let path = repo_root().join("docs/codes.md");
    let docs = std::fs::read_to_string(&path).unwrap();
    let want = codes_render::docs(&docs).unwrap_or_else(|e| panic!("{e}"));
    let markers = docs.matches("<!-- codes:").count();
    assert_eq!(markers, codes_render::sections().len(), "docs/codes.md has a table marker for a section the table lacks");
    if let Err(e) = check_or_bless(&path, &want, REGENERATE) {
        let stale: Vec<String> = codes_render::sections()
            .into_iter()
            .filter(|s| !docs.contains(&codes_render::docs_table(*s)))
            .map(|s| format!("<!-- codes:{} -->\n{}", s.as_str(), codes_render::docs_table(s)))
            .collect();
        panic!("{e}\nexpected tables:\n{}", stale.join("\n"));
    }
}

#[test]
fn node_declarations_are_rendered_from_the_table() {
    let path = repo_root().join("bindings-node/index.d.ts");
    let text = std::fs::read_to_string(&path).unwrap();
    let (start, end) = codes_render::TS_MARKERS;
    let want = splice(&text, start, end, &codes_render::typescript())
        .unwrap_or_else(|| panic!("bindings-node/index.d.ts has no `{start}` … `{end}` block"));
    check_or_bless(&path, &want, REGENERATE).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn wasm_declarations_are_rendered_from_the_table() {
    let want = format!("// Generated from core/src/codes.rs by tests/tests/codes.rs ({REGENERATE}).\n{}", codes_render::typescript());
    check_or_bless(&repo_root().join("bindings-wasm/src/codes.d.ts"), &want, REGENERATE).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn python_stub_is_rendered_from_the_table() {
    let path = repo_root().join("bindings-python/python/trustloop/codes.pyi");
    check_or_bless(&path, &codes_render::python_stub(), REGENERATE).unwrap_or_else(|e| panic!("{e}"));
}
