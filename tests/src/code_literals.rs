//! Code-shaped string literals (`"SCREAMING_SNAKE"`, with at least one `_`) in the
//! sources of the core, the CLI and the bindings, for `tests/tests/codes.rs`. Test code
//! is left out (files and folders named `tests`, `#[cfg(test)] mod … { … }`), so a code
//! only a test names does not count as emitted.
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Where codes are emitted: Rust, JavaScript and Python sources below these paths.
pub const ROOTS: &[&str] = &[
    "core/src",
    "cli",
    "bindings-python/src",
    "bindings-python/python",
    "bindings-node/src",
    "bindings-node/index.js",
    "bindings-wasm/src",
    "bindings-wasm/js",
];

const SKIPPED_DIRS: &[&str] = &["target", "node_modules", ".git", ".venv", "tests", "test", "benches"];

/// One literal and where it stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Literal {
    pub text: String,
    pub file: String,
    pub line: usize,
}

/// Every source file below the roots (paths relative to `root`), sorted.
pub fn source_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending: Vec<PathBuf> = ROOTS.iter().map(|r| root.join(r)).collect();
    while let Some(p) = pending.pop() {
        if p.is_dir() {
            for entry in std::fs::read_dir(&p).unwrap_or_else(|e| panic!("read {}: {e}", p.display())) {
                let path = entry.unwrap().path();
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                if path.is_dir() {
                    if !SKIPPED_DIRS.contains(&name.as_str()) && !name.starts_with("pkg") {
                        pending.push(path);
                    }
                } else if is_source(&name) {
                    files.push(path);
                }
            }
        } else if p.is_file() {
            files.push(p);
        }
    }
    files.sort();
    files
}

fn is_source(name: &str) -> bool {
    let test_file = name == "tests.rs" || name.ends_with("_tests.rs") || name.ends_with(".test.js");
    !test_file && [".rs", ".js", ".mjs", ".py"].iter().any(|ext| name.ends_with(ext))
}

/// `text` without its `#[cfg(test)] mod name { … }` items, blank lines in their place
/// so later literals keep their line numbers. Braces are matched naively: the test
/// modules of this repository hold balanced braces only.
pub fn without_test_modules(text: &str) -> String {
    const ATTR: &str = "#[cfg(test)]";
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(ATTR) {
        let after = &rest[at + ATTR.len()..];
        let item = after.trim_start();
        let is_mod = item.starts_with("mod ") || item.starts_with("pub mod ");
        match item.find(['{', ';']).filter(|&i| is_mod && item[i..].starts_with('{')) {
            Some(open) => {
                let next = &item[open + block_len(&item[open..])..];
                let cut = &rest[at..rest.len() - next.len()];
                out.push_str(&rest[..at]);
                out.push_str(&"\n".repeat(cut.matches('\n').count()));
                rest = next;
            }
            None => {
                out.push_str(&rest[..at + ATTR.len()]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The length of the `{ … }` block `text` starts with, through its closing brace.
fn block_len(text: &str) -> usize {
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
    }
    text.len()
}

/// The code-shaped literals of one file's text. Rust strings are `"…"`; JavaScript and
/// Python ones `"…"` or `'…'`.
pub fn literals_in(text: &str, file: &str) -> Vec<Literal> {
    let quotes: &[u8] = if file.ends_with(".rs") { b"\"" } else { b"\"'" };
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\n' {
            line += 1;
        }
        if quotes.contains(&bytes[i]) {
            let q = bytes[i];
            let start = i + 1;
            let mut j = start;
            while j < bytes.len() && (bytes[j].is_ascii_uppercase() || bytes[j].is_ascii_digit() || bytes[j] == b'_') {
                j += 1;
            }
            if j < bytes.len() && bytes[j] == q && is_code_shaped(&text[start..j]) {
                out.push(Literal { text: text[start..j].to_string(), file: file.to_string(), line });
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// `A_B`, `PA_X2`: an uppercase letter first, at least one `_`, no empty part.
pub fn is_code_shaped(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_uppercase()) && s.contains('_') && s.split('_').all(|part| !part.is_empty())
}

/// `pub const NAME: &str = "CODE";` lines of a family's `codes.rs`: CODE → NAME.
pub fn code_constants(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .filter_map(|l| {
            let rest = l.trim().strip_prefix("pub const ")?;
            let (name, rest) = rest.split_once(": &str = \"")?;
            let code = rest.strip_suffix("\";")?;
            Some((code.to_string(), name.to_string()))
        })
        .collect()
}

/// Whether `word` stands in `text` as a whole identifier.
pub fn mentions_word(text: &str, word: &str) -> bool {
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    text.match_indices(word).any(|(i, _)| {
        !text[..i].ends_with(ident) && !text[i + word.len()..].starts_with(ident)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_are_found_in_each_quote_style() {
        let rs = "Error::new(\"PA_BAD_MAGIC\", \"x\"); let c = 'A_B'; r#\"ANIP_X\"#; \"lower_case\"; \"NOUNDERSCORE\"";
        let found: Vec<String> = literals_in(rs, "a.rs").into_iter().map(|l| l.text).collect();
        assert_eq!(found, ["PA_BAD_MAGIC", "ANIP_X"]);
        let js = "throw trustloopError('FILES_TOO_LARGE', `x`)\nTrustloopError(\"REGISTRY_FETCH_FAILED\")";
        let found: Vec<(String, usize)> = literals_in(js, "a.js").into_iter().map(|l| (l.text, l.line)).collect();
        assert_eq!(found, [("FILES_TOO_LARGE".into(), 1), ("REGISTRY_FETCH_FAILED".into(), 2)]);
        assert!(!is_code_shaped("A__B") && !is_code_shaped("_A") && !is_code_shaped("A_"));
    }

    #[test]
    fn test_modules_are_cut_and_lines_kept() {
        let text = "let a = \"A_A\";\n#[cfg(test)]\nmod tests {\n    fn f() { \"B_B\"; }\n}\nlet c = \"C_C\";\n#[cfg(test)]\nmod other;\n";
        let cut = without_test_modules(text);
        let found: Vec<(String, usize)> = literals_in(&cut, "a.rs").into_iter().map(|l| (l.text, l.line)).collect();
        assert_eq!(found, [("A_A".into(), 1), ("C_C".into(), 6)]);
        assert!(cut.contains("mod other;"));
    }

    #[test]
    fn constants_and_words() {
        let m = code_constants("// x\npub const BAD_MAGIC: &str = \"PA_BAD_MAGIC\";\n");
        assert_eq!(m.get("PA_BAD_MAGIC").map(String::as_str), Some("BAD_MAGIC"));
        assert!(mentions_word("codes::BAD_MAGIC,", "BAD_MAGIC"));
        assert!(!mentions_word("NOT_BAD_MAGIC", "BAD_MAGIC"));
    }
}
