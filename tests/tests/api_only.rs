//! The core's API is the only way in: every Rust file outside `core/src` (CLI, the
//! host crate `trustloop-host`, bindings, tests, fuzz targets, benches) names the core only as
//! `trustloop_core::api…`; the family modules behind it are private to the crate.
use std::collections::BTreeSet;

use trustloop_conformance::repo_root;
use trustloop_conformance::source_tree::rust_files;

const CRATE: &str = "trustloop_core";

/// The sources of every crate that uses the core; each must be among the files checked.
const HOST_CRATES: &[&str] =
    &["cli/src", "cli/host/src", "bindings-python/src", "bindings-node/src", "bindings-wasm/src", "tests/src", "core/fuzz"];

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Each path through the crate on `line` that is not `trustloop_core::api…` (prose
/// naming the crate is fine; `use trustloop_core;` and `extern crate` are not).
fn non_api_mentions(line: &str) -> usize {
    let code = line.trim_start();
    line.match_indices(CRATE)
        .filter(|(i, _)| !line[..*i].ends_with(is_ident_char))
        .filter(|(i, _)| {
            let rest = &line[i + CRATE.len()..];
            if rest.starts_with(is_ident_char) {
                return false; // another name that starts with ours
            }
            let through_api = rest.strip_prefix("::api").is_some_and(|r| !r.starts_with(is_ident_char));
            let path = rest.starts_with("::");
            let item = code.starts_with(&format!("use {CRATE}")) || code.starts_with(&format!("extern crate {CRATE}"));
            (path || item) && !through_api
        })
        .count()
}

#[test]
fn the_check_sees_what_it_must_refuse() {
    let refused = |s: &str| non_api_mentions(&s.replace("CRATE", CRATE));
    assert_eq!(refused("use CRATE::api::{self, VerifyOptions};"), 0);
    assert_eq!(refused("    CRATE::api::json::to_compact(&v)"), 0);
    assert_eq!(refused("//! the PyO3 skin over `CRATE`."), 0);
    assert_eq!(refused("my_CRATE::json and CRATE_x::json"), 0);
    assert_eq!(refused("use CRATE::json::Value;"), 1);
    assert_eq!(refused("    let v = CRATE::json::parse(b);"), 1);
    assert_eq!(refused("use CRATE::{api, json};"), 1);
    assert_eq!(refused("use CRATE::apis::x;"), 1);
    assert_eq!(refused("use CRATE;"), 1);
    assert_eq!(refused("extern crate CRATE as core;"), 1);
}

#[test]
fn hosts_reach_the_core_only_through_its_api() {
    let root = repo_root();
    let core_src = root.join("core").join("src");
    let mut offenders = Vec::new();
    let mut through_api = 0;
    let mut unseen: BTreeSet<&str> = HOST_CRATES.iter().copied().collect();
    for file in rust_files(&root).into_iter().filter(|f| !f.starts_with(&core_src)) {
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("read {}: {e}", file.display()));
        let shown = file.strip_prefix(&root).unwrap_or(&file).display().to_string();
        for (n, line) in text.lines().enumerate() {
            if non_api_mentions(line) > 0 {
                offenders.push(format!("{shown}:{}: {}", n + 1, line.trim()));
            } else if line.contains("trustloop_core::api") {
                through_api += 1;
                unseen.retain(|src| !file.starts_with(root.join(src)));
            }
        }
    }
    // The scan must have seen the hosts at all (CLI, bindings, tests, fuzz, benches).
    assert!(through_api > 50, "only {through_api} lines import trustloop_core::api: is the walk right?");
    assert!(unseen.is_empty(), "no line imports trustloop_core::api in {unseen:?}: is the walk right?");
    assert!(offenders.is_empty(), "reach past trustloop_core::api:\n{}", offenders.join("\n"));
}
