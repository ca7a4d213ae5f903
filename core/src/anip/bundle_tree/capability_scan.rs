//! The capability-id scan that runs before a bundle is applied (ANIP-APPLY-2).
//!
//! Upstream searches each source file with four Go regular expressions (leftmost-first,
//! non-overlapping `FindAllSubmatch`):
//!
//! 1. `CapabilityDeclaration\s*\(\s*name\s*=\s*["'](ID)["']`
//! 2. `defineCapability\s*\(\s*\{[^}]*?(?:name|id|capabilityId)\s*:\s*["'](ID)["']`
//! 3. `CapabilityDef\s*\{[^}]*?(?:Name|ID|CapabilityID)\s*:\s*["'](ID)["']`
//! 4. `new\s+CapabilityDeclaration\s*\([^)]*["'](ID)["']`
//!
//! with `ID = [a-z][a-z0-9]*(?:[._][a-z0-9_]+)+` and Go's `\s = [\t\n\f\r ]`. The
//! matchers below are hand-written equivalents (the core has no regex engine):
//! every match must start at its pattern's leading literal, the lazy `[^}]*?` picks
//! the first key position before the first `}`, the greedy `[^)]*` picks the last
//! quoted id before the first `)`, and because `ID`'s characters exclude quotes an id
//! is always the whole run of `[a-z0-9._]` after the opening quote.
use alloc::collections::BTreeMap;
use alloc::collections::BTreeSet;
use alloc::string::String;
use alloc::vec::Vec;

fn is_ws(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0c | b'\r' | b' ')
}

fn skip_ws(t: &[u8], mut i: usize) -> usize {
    while i < t.len() && is_ws(t[i]) {
        i += 1;
    }
    i
}

fn is_quote(b: u8) -> bool {
    b == b'"' || b == b'\''
}

fn is_id_byte(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'_'
}

fn is_body_byte(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'
}

/// Whether a whole run of `[a-z0-9._]` matches `[a-z][a-z0-9]*(?:[._][a-z0-9_]+)+`.
fn id_grammar(r: &[u8]) -> bool {
    if r.first().map_or(true, |b| !b.is_ascii_lowercase()) {
        return false;
    }
    let head = r.iter().skip(1).take_while(|b| b.is_ascii_lowercase() || b.is_ascii_digit()).count() + 1;
    let tail = &r[head..];
    if tail.is_empty() {
        return false;
    }
    // `.` always starts a group; `_` may start one or be part of a body. So the tail
    // splits at dots into groups that each need one separator plus one body byte.
    let mut first = true;
    for group in tail.split(|&b| b == b'.') {
        if first {
            first = false;
            if tail[0] == b'.' {
                // The tail starts with a dot: the text before it is empty.
                continue;
            }
            // The tail starts with `_`: `_` + at least one body byte.
            if group.len() < 2 || !group[1..].iter().all(|&b| is_body_byte(b)) {
                return false;
            }
            continue;
        }
        if group.is_empty() || !group.iter().all(|&b| is_body_byte(b)) {
            return false;
        }
    }
    true
}

/// `["'](ID)["']` at `i`: the id's byte range and the index after the closing quote.
fn quoted_id(t: &[u8], i: usize) -> Option<(usize, usize, usize)> {
    if !t.get(i).copied().is_some_and(is_quote) {
        return None;
    }
    let start = i + 1;
    let mut end = start;
    while end < t.len() && is_id_byte(t[end]) {
        end += 1;
    }
    if end < t.len() && is_quote(t[end]) && id_grammar(&t[start..end]) {
        Some((start, end, end + 1))
    } else {
        None
    }
}

fn starts_with_at(t: &[u8], i: usize, lit: &[u8]) -> bool {
    t.get(i..).is_some_and(|rest| rest.starts_with(lit))
}

fn expect_byte(t: &[u8], i: usize, b: u8) -> Option<usize> {
    (t.get(i) == Some(&b)).then_some(i + 1)
}

/// The index of the first `stop` at or after `from` (or the text length).
fn first_of(t: &[u8], from: usize, stop: u8) -> usize {
    t[from.min(t.len())..].iter().position(|&b| b == stop).map_or(t.len(), |p| from + p)
}

type Match = (usize, usize, usize); // id start, id end, match end

/// Pattern 1, anchored at `s`.
fn match_declaration(t: &[u8], s: usize) -> Option<Match> {
    let i = skip_ws(t, s + b"CapabilityDeclaration".len());
    let i = skip_ws(t, expect_byte(t, i, b'(')?);
    if !starts_with_at(t, i, b"name") {
        return None;
    }
    let i = skip_ws(t, i + 4);
    let i = skip_ws(t, expect_byte(t, i, b'=')?);
    quoted_id(t, i)
}

/// Patterns 2 and 3 after the opening `{`: lazy scan for the first key that works.
fn match_keyed_object(t: &[u8], from: usize, keys: &[&[u8]]) -> Option<Match> {
    let stop = first_of(t, from, b'}');
    for p in from..=stop.min(t.len()) {
        for key in keys {
            if !starts_with_at(t, p, key) {
                continue;
            }
            let i = skip_ws(t, p + key.len());
            let Some(i) = expect_byte(t, i, b':') else { continue };
            if let Some(m) = quoted_id(t, skip_ws(t, i)) {
                return Some(m);
            }
        }
    }
    None
}

/// Pattern 2, anchored at `s`.
fn match_define_capability(t: &[u8], s: usize) -> Option<Match> {
    let i = skip_ws(t, s + b"defineCapability".len());
    let i = skip_ws(t, expect_byte(t, i, b'(')?);
    let i = expect_byte(t, i, b'{')?;
    match_keyed_object(t, i, &[b"name", b"id", b"capabilityId"])
}

/// Pattern 3, anchored at `s`.
fn match_capability_def(t: &[u8], s: usize) -> Option<Match> {
    let i = skip_ws(t, s + b"CapabilityDef".len());
    let i = expect_byte(t, i, b'{')?;
    match_keyed_object(t, i, &[b"Name", b"ID", b"CapabilityID"])
}

/// Pattern 4, anchored at `s`: greedy `[^)]*`, so the last quoted id before `)`.
fn match_new_declaration(t: &[u8], s: usize) -> Option<Match> {
    let i = s + 3;
    let after_ws = skip_ws(t, i);
    if after_ws == i || !starts_with_at(t, after_ws, b"CapabilityDeclaration") {
        return None;
    }
    let i = skip_ws(t, after_ws + b"CapabilityDeclaration".len());
    let from = expect_byte(t, i, b'(')?;
    let stop = first_of(t, from, b')');
    (from..stop).rev().find_map(|q| quoted_id(t, q))
}

/// `FindAllSubmatch` for one pattern: non-overlapping, left to right.
fn find_all(t: &[u8], literal: &[u8], matcher: fn(&[u8], usize) -> Option<Match>, out: &mut Vec<String>) {
    let mut pos = 0;
    while pos < t.len() {
        let Some(offset) = t[pos..].windows(literal.len()).position(|w| w == literal) else { return };
        let s = pos + offset;
        match matcher(t, s) {
            Some((a, b, end)) => {
                out.push(String::from_utf8_lossy(&t[a..b]).into_owned());
                pos = end;
            }
            None => pos = s + 1,
        }
    }
}

/// Candidate ids declared in one file, first occurrence first, without repeats.
pub fn declared_capability_ids(content: &[u8]) -> Vec<String> {
    let mut all = Vec::new();
    find_all(content, b"CapabilityDeclaration", match_declaration, &mut all);
    find_all(content, b"defineCapability", match_define_capability, &mut all);
    find_all(content, b"CapabilityDef", match_capability_def, &mut all);
    find_all(content, b"new", match_new_declaration, &mut all);
    let mut seen = BTreeSet::new();
    all.retain(|id| seen.insert(id.clone()));
    all
}

/// Filters regex hits that are file names, URLs or JSONPath expressions.
pub fn looks_like_capability_id(value: &str) -> bool {
    if value.is_empty() || !value.contains('.') {
        return false;
    }
    let lower = value.to_lowercase();
    if lower.contains("://") || lower.contains('/') || lower.starts_with("$.") {
        return false;
    }
    const FILE_SUFFIXES: &[&str] = &[".py", ".ts", ".js", ".go", ".java", ".cs", ".json", ".yaml", ".yml"];
    !FILE_SUFFIXES.iter().any(|s| lower.ends_with(s))
}

/// Collects undeclared ids across files (the last file wins per id).
#[derive(Default)]
pub struct UnknownIds {
    by_id: BTreeMap<String, String>,
}

impl UnknownIds {
    /// Scans one file's bytes against the contract's ids.
    pub fn scan(&mut self, relative_path: &str, content: &[u8], contract: &BTreeSet<String>) {
        for id in declared_capability_ids(content) {
            if looks_like_capability_id(&id) && !contract.contains(&id) {
                self.by_id.insert(id, relative_path.into());
            }
        }
    }

    /// Upstream's message, or `None` when every declared id is in the contract.
    pub fn message(&self) -> Option<String> {
        if self.by_id.is_empty() {
            return None;
        }
        let mut items: Vec<String> = self.by_id.iter().map(|(id, path)| alloc::format!("{id} in {path}")).collect();
        crate::sort::sort(&mut items);
        Some(alloc::format!(
            "custom code bundle declares capability ids that are not present in the service definition: {}. Update the contract IDs, update the custom bundle, or include the correct source-declared IDs before generation.",
            items.join(", ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(s: &str) -> Vec<String> {
        declared_capability_ids(s.as_bytes())
    }

    #[test]
    fn id_grammar_cases() {
        for ok in ["a.b", "a_b", "a__b", "a._", "ab.c_d.e", "a1.b2", "a_b.c"] {
            assert!(id_grammar(ok.as_bytes()), "{ok}");
        }
        for bad in ["a", "ab", "a.", "a_", "a..b", "_a.b", "1a.b", "a._.", "ab_."] {
            assert!(!id_grammar(bad.as_bytes()), "{bad}");
        }
    }

    #[test]
    fn python_declaration() {
        assert_eq!(ids("CapabilityDeclaration(\n  name = 'crm.search_accounts', x=1)"), ["crm.search_accounts"]);
        assert_eq!(ids("CapabilityDeclaration(name=\"Crm.search\")"), Vec::<String>::new());
        assert_eq!(ids("CapabilityDeclaration(title='x', name='a.b')"), Vec::<String>::new());
    }

    #[test]
    fn typescript_define_capability_is_lazy_and_bounded_by_brace() {
        assert_eq!(ids("defineCapability({ title: 'x', id: \"a.b\", name: 'c.d' })"), ["a.b"]);
        assert_eq!(ids("defineCapability({ inner: {}, name: 'a.b' })"), Vec::<String>::new());
        // `name` inside another word still counts (no word boundary upstream).
        assert_eq!(ids("defineCapability({ username: 'u.v' })"), ["u.v"]);
        // A key whose value does not parse does not stop the scan.
        assert_eq!(ids("defineCapability({ id: 'Bad', capabilityId: 'g.h' })"), ["g.h"]);
    }

    #[test]
    fn go_capability_def() {
        assert_eq!(ids("CapabilityDef{\n\tName: \"crm.lookup\",\n}"), ["crm.lookup"]);
        assert_eq!(ids("CapabilityDef { CapabilityID: 'x.y' }"), ["x.y"]);
    }

    #[test]
    fn java_new_declaration_is_greedy_and_bounded_by_paren() {
        assert_eq!(ids("new CapabilityDeclaration(\"a.b\", \"c.d\")"), ["c.d"]);
        assert_eq!(ids("new CapabilityDeclaration(\"a.b\", x()) \"c.d\""), ["a.b"]);
        assert_eq!(ids("newCapabilityDeclaration(\"a.b\")"), Vec::<String>::new());
        assert_eq!(ids("renew CapabilityDeclaration('e.f')"), ["e.f"]);
    }

    #[test]
    fn dedup_and_pattern_order() {
        let s = "new CapabilityDeclaration(name='a.b') CapabilityDeclaration(name='c.d') new CapabilityDeclaration('a.b')";
        assert_eq!(ids(s), ["a.b", "c.d"]);
    }

    #[test]
    fn looks_like_filter() {
        assert!(looks_like_capability_id("crm.search"));
        for no in ["nodot", "a/b.c", "x.py", "schema.JSON", "$.input.x", "https://a.b"] {
            assert!(!looks_like_capability_id(no), "{no}");
        }
    }

    #[test]
    fn message_sorted_last_file_wins() {
        let contract: BTreeSet<String> = ["crm.known".into()].into_iter().collect();
        let mut u = UnknownIds::default();
        u.scan("a.py", b"CapabilityDeclaration(name='zz.top') CapabilityDeclaration(name='crm.known')", &contract);
        u.scan("b.py", b"CapabilityDeclaration(name='aa.first')", &contract);
        u.scan("c.py", b"CapabilityDeclaration(name='zz.top')", &contract);
        assert_eq!(
            u.message().unwrap(),
            "custom code bundle declares capability ids that are not present in the service definition: aa.first in b.py, zz.top in c.py. Update the contract IDs, update the custom bundle, or include the correct source-declared IDs before generation."
        );
    }
}
