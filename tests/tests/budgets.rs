//! The resource budgets (`core/src/budgets.rs`): `docs/limits.md` lists each one as the
//! table says, and setting one changes what the operations accept until reset. The
//! budgets are process-wide, so everything that sets one runs in this single test
//! (its own process: no other test can observe a lowered budget).
#![forbid(unsafe_code)]

use trustloop_core::api::anpkg::yaml::{safe_load, LoadErrorKind};
use trustloop_core::api::budgets::{self, Budget, TABLE};
use trustloop_core::api::json;

fn row(name: &str, default: usize, ceiling: usize, meaning: &str) -> String {
    let ceiling = if ceiling == usize::MAX { String::from("–") } else { ceiling.to_string() };
    format!("| `{name}` | {default} | {ceiling} | {meaning} |")
}

#[test]
fn docs_list_every_budget_as_the_table_says() {
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/limits.md")).unwrap();
    let want: Vec<String> = TABLE.iter().map(|r| row(r.name, r.default, r.ceiling, r.meaning)).collect();
    let missing: Vec<&String> = want.iter().filter(|line| !docs.lines().any(|l| l == line.as_str())).collect();
    assert!(missing.is_empty(), "docs/limits.md \"Budgets by name\" must hold these rows:\n{}", want.join("\n"));
}

#[test]
fn a_set_budget_applies_until_reset() {
    assert_eq!(budgets::current().len(), TABLE.len());
    let doc = "a: [1, 2, 3]\nb: {c: d}\n";
    assert!(safe_load(doc).is_ok());
    budgets::set("yaml_nodes", 3).unwrap();
    assert_eq!(Budget::YamlNodes.get(), 3);
    let refused = safe_load(doc).unwrap_err().kind;
    budgets::set("json_depth", 1).unwrap();
    let deep = json::parse(b"[[1]]").is_err();
    let shallow = json::parse(b"[1]").is_ok();
    budgets::reset();
    assert_eq!(refused, LoadErrorKind::Limit);
    assert!(deep && shallow);
    assert!(safe_load(doc).is_ok());
    assert_eq!(Budget::YamlNodes.get(), 1_000_000);
}
