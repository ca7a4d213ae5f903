//! The core sorts through `core/src/sort.rs` only: each direct call of a slice sort is
//! another copy of the standard library's sort in the WASM modules (about 6 KB each; two
//! dozen of them were a tenth of the full module, BENCHMARKS.md). Test code may sort as
//! it likes: files named `*tests.rs`, and a file's `#[cfg(test)] mod` and what follows it.
use trustloop_conformance::repo_root;
use trustloop_conformance::source_tree::rust_files;

const SORTS: &[&str] =
    &[".sort(", ".sort_by(", ".sort_by_key(", ".sort_by_cached_key(", ".sort_unstable(", ".sort_unstable_by(", ".sort_unstable_by_key("];

/// Lines of `text` before its test module that call a slice sort, as `line: text`.
fn direct_sorts(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let tests = lines.windows(2).position(|w| w[0].trim() == "#[cfg(test)]" && w[1].trim_start().starts_with("mod "));
    lines[..tests.unwrap_or(lines.len())]
        .iter()
        .enumerate()
        .filter(|(_, line)| !line.trim_start().starts_with("//"))
        .filter(|(_, line)| SORTS.iter().any(|s| line.contains(s)))
        .map(|(i, line)| format!("{}: {}", i + 1, line.trim()))
        .collect()
}

#[test]
fn the_core_sorts_through_one_copy_of_the_sort() {
    let src = repo_root().join("core/src");
    let files = rust_files(&src);
    assert!(files.len() > 50, "too few core sources under {}", src.display());
    let mut found = Vec::new();
    for path in files {
        let rel = path.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
        if rel.ends_with("tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let allowed = usize::from(rel == "sort.rs"); // `positions`, the one copy
        let sorts = direct_sorts(&text);
        if sorts.len() != allowed {
            found.push(format!("core/src/{rel}:\n  {}", sorts.join("\n  ")));
        }
    }
    assert!(found.is_empty(), "sort through crate::sort instead:\n{}", found.join("\n"));
}

#[test]
fn the_scan_sees_sorts_before_the_tests_only() {
    let text = "#[cfg(test)]\nconst T: u8 = 0;\nfn f(v: &mut Vec<u8>) {\n    v.sort_unstable();\n    // v.sort();\n}\n#[cfg(test)]\nmod tests {\n    fn g(v: &mut [u8]) { v.sort(); }\n}\n";
    assert_eq!(direct_sorts(text), ["4: v.sort_unstable();"]);
}
