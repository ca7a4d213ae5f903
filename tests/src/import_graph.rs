//! The module import graph of one crate's `src/`: which file uses which, from
//! `use crate::…`, `use super::…`, `use self::…`, child-relative `use` lines and
//! `crate::`/`super::` paths in code. Test code (`#[cfg(test)]` modules and files)
//! is left out, and so is a parent's `pub use` of its own children (that is the
//! folder's table of contents, not a dependency). A name a module re-exports
//! resolves to the file that defines it.
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A module path inside the crate (`["anip", "verify"]`; empty for the crate root).
type ModPath = Vec<String>;

struct ModFile {
    file: PathBuf,
    /// Items defined here (fn, struct, enum, …, and child modules).
    items: BTreeSet<String>,
    /// `pub use` names: the name as seen here → the absolute path it stands for.
    reexports: BTreeMap<String, ModPath>,
    /// `pub use …::*` sources.
    globs: Vec<ModPath>,
    /// Every path this file's non-test code uses, absolute, with whether it came
    /// from a `pub use` of one of its own descendants.
    uses: Vec<(ModPath, bool)>,
}

/// Files of one crate and the edges between them (file → files it uses).
pub struct Graph {
    pub src: PathBuf,
    pub edges: BTreeMap<PathBuf, BTreeSet<PathBuf>>,
}

impl Graph {
    /// Reads `src/lib.rs` and every module it declares, non-test ones only.
    pub fn of_crate(src: &Path) -> Graph {
        let mut mods: BTreeMap<ModPath, ModFile> = BTreeMap::new();
        let mut pending = vec![(ModPath::new(), src.join("lib.rs"))];
        while let Some((path, file)) = pending.pop() {
            let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("read {}: {e}", file.display()));
            let code = strip_tests(&strip_comments_and_strings(&text));
            for child in declared_modules(&code) {
                let dir = if path.is_empty() || file.ends_with("mod.rs") {
                    file.parent().unwrap().to_path_buf()
                } else {
                    file.with_extension("")
                };
                let child_file = [dir.join(format!("{child}.rs")), dir.join(&child).join("mod.rs")]
                    .into_iter()
                    .find(|f| f.is_file())
                    .unwrap_or_else(|| panic!("{}: module {child} has no file", file.display()));
                let mut child_path = path.clone();
                child_path.push(child);
                pending.push((child_path, child_file));
            }
            let parsed = parse_module(&path, &code);
            mods.insert(path, ModFile { file, ..parsed });
        }
        let mut edges: BTreeMap<PathBuf, BTreeSet<PathBuf>> = BTreeMap::new();
        for m in mods.values() {
            let out = edges.entry(m.file.clone()).or_default();
            for (used, own_child_reexport) in &m.uses {
                if *own_child_reexport {
                    continue;
                }
                if let Some(target) = resolve(&mods, used) {
                    if target != m.file {
                        out.insert(target);
                    }
                }
            }
        }
        Graph { src: src.to_path_buf(), edges }
    }

    /// The same graph with every file replaced by its top-level folder (or file) under `src`.
    pub fn folders(&self) -> Graph {
        let top = |f: &Path| -> PathBuf {
            let rel = f.strip_prefix(&self.src).unwrap_or(f);
            let first = rel.components().next().map(|c| c.as_os_str().to_string_lossy().into_owned()).unwrap_or_default();
            PathBuf::from(first.trim_end_matches(".rs"))
        };
        let mut edges: BTreeMap<PathBuf, BTreeSet<PathBuf>> = BTreeMap::new();
        for (from, tos) in &self.edges {
            let out = edges.entry(top(from)).or_default();
            out.extend(tos.iter().map(|t| top(t)).filter(|t| *t != top(from)));
        }
        Graph { src: PathBuf::new(), edges }
    }

    /// Every circle (strongly connected set of more than one node), as sorted
    /// node lists, shown relative to `src`.
    pub fn circles(&self) -> Vec<Vec<String>> {
        let show = |p: &Path| p.strip_prefix(&self.src).unwrap_or(p).display().to_string();
        strongly_connected(&self.edges)
            .into_iter()
            .filter(|c| c.len() > 1)
            .map(|c| c.iter().map(|p| show(p)).collect())
            .collect()
    }
}

/// The file that defines what `path` names: follows child modules, then re-exports
/// and globs (a bounded number of hops).
fn resolve(mods: &BTreeMap<ModPath, ModFile>, path: &[String]) -> Option<PathBuf> {
    let mut path = path.to_vec();
    for _hop in 0..32 {
        let mut module = ModPath::new();
        let mut rest = path.as_slice();
        while let Some((first, tail)) = rest.split_first() {
            let mut next = module.clone();
            next.push(first.clone());
            if !mods.contains_key(&next) {
                break;
            }
            module = next;
            rest = tail;
        }
        let m = mods.get(&module)?;
        let Some(name) = rest.first() else { return Some(m.file.clone()) };
        if m.items.contains(name) {
            return Some(m.file.clone());
        }
        if let Some(target) = m.reexports.get(name) {
            let mut p = target.clone();
            p.extend(rest[1..].iter().cloned());
            path = p;
            continue;
        }
        let via_glob = m.globs.iter().find(|g| {
            let mut p = (*g).clone();
            p.push(name.clone());
            resolve_defines(mods, &p)
        });
        match via_glob {
            Some(g) => {
                let mut p = g.clone();
                p.extend(rest.iter().cloned());
                path = p;
            }
            // A name we cannot see (a macro, a method, an enum variant): the module's file.
            None => return Some(m.file.clone()),
        }
    }
    None
}

/// Whether the module part of `path` exists and defines or re-exports its next name.
fn resolve_defines(mods: &BTreeMap<ModPath, ModFile>, path: &[String]) -> bool {
    let (name, module) = path.split_last().expect("non-empty");
    mods.get(&module.to_vec()).is_some_and(|m| m.items.contains(name) || m.reexports.contains_key(name))
}

/// Tarjan's algorithm with an explicit stack.
fn strongly_connected(edges: &BTreeMap<PathBuf, BTreeSet<PathBuf>>) -> Vec<Vec<PathBuf>> {
    let nodes: Vec<&PathBuf> = edges.keys().chain(edges.values().flatten()).collect::<BTreeSet<_>>().into_iter().collect();
    let index_of: BTreeMap<&PathBuf, usize> = nodes.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let succ: Vec<Vec<usize>> =
        nodes.iter().map(|n| edges.get(*n).map(|s| s.iter().map(|t| index_of[t]).collect()).unwrap_or_default()).collect();
    let (mut index, mut low, mut on_stack) = (vec![usize::MAX; nodes.len()], vec![0; nodes.len()], vec![false; nodes.len()]);
    let (mut next, mut stack, mut out) = (0, Vec::new(), Vec::new());
    for root in 0..nodes.len() {
        if index[root] != usize::MAX {
            continue;
        }
        let mut work = vec![(root, 0usize)];
        while let Some(&mut (v, ref mut i)) = work.last_mut() {
            if *i == 0 {
                index[v] = next;
                low[v] = next;
                next += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = succ[v].get(*i) {
                *i += 1;
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut component = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component.push(nodes[w].clone());
                    if w == v {
                        break;
                    }
                }
                component.sort();
                out.push(component);
            }
        }
    }
    out
}

/// Source with comments and string/char literals blanked (lines kept).
pub fn strip_comments_and_strings(text: &str) -> String {
    let b: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == '/' && b.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if b[i] == '*' && b.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if b[i] == '\n' {
                        out.push('\n');
                    }
                    i += 1;
                }
            }
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && !b[..i].last().is_some_and(|p| p.is_alphanumeric() || *p == '_') {
            // Raw string r"…" / r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            while j < b.len() {
                if b[j] == '"' && (0..hashes).all(|k| b.get(j + 1 + k) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                if b[j] == '\n' {
                    out.push('\n');
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if c == '"' {
            i += 1;
            while i < b.len() && b[i] != '"' {
                if b[i] == '\\' {
                    i += 1;
                }
                if b.get(i) == Some(&'\n') {
                    out.push('\n');
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' && is_char_literal(&b, i) {
            i += 1;
            while i < b.len() && b[i] != '\'' {
                if b[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("' '");
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// `'x'`, `'\n'`, `'\u{…}'` rather than a lifetime `'a`.
fn is_char_literal(b: &[char], i: usize) -> bool {
    match b.get(i + 1) {
        Some('\\') => true,
        Some(_) => b.get(i + 2) == Some(&'\''),
        None => false,
    }
}

/// Drops every item under a `#[cfg(test)]` (or `#[cfg(all(test, …))]`) attribute:
/// the attribute and the next item (a `mod x;` line or a braced block).
pub fn strip_tests(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(") {
        let attr_end = rest[at..].find(']').map(|e| at + e + 1).unwrap_or(rest.len());
        let attr = &rest[at..attr_end];
        let is_test = attr.contains("(test") || attr.contains(" test") || attr.contains(",test");
        if !is_test || attr.contains("not(test") {
            out.push_str(&rest[..attr_end]);
            rest = &rest[attr_end..];
            continue;
        }
        out.push_str(&rest[..at]);
        let after = &rest[attr_end..];
        let semi = after.find(';');
        let brace = after.find('{');
        let end = match (semi, brace) {
            (Some(s), Some(b)) if s < b => s + 1,
            (Some(s), None) => s + 1,
            (_, Some(b)) => matching_brace(after, b).map(|e| e + 1).unwrap_or(after.len()),
            (None, None) => after.len(),
        };
        out.extend(after[..end].chars().filter(|c| *c == '\n'));
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

fn matching_brace(s: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + i);
                }
            }
            _ => {}
        }
    }
    None
}

/// `mod x;` declarations (file modules), in order.
fn declared_modules(code: &str) -> Vec<String> {
    statements(code)
        .filter_map(|s| {
            let words: Vec<&str> = s.split_whitespace().collect();
            let at = words.iter().position(|w| *w == "mod")?;
            let name = words.get(at + 1)?;
            (words.len() == at + 2 && words[..at].iter().all(|w| w.starts_with("pub"))).then(|| name.to_string())
        })
        .collect()
}

/// Top-level-ish `;`-terminated statements (good enough for `use` and `mod` lines:
/// attributes before them are cut off at their `]`).
fn statements(code: &str) -> impl Iterator<Item = &str> {
    code.split(';').map(|s| {
        let s = s.rsplit(['{', '}']).next().unwrap_or(s);
        let s = s.rsplit(']').next().unwrap_or(s);
        s.trim()
    })
}

fn parse_module(path: &ModPath, code: &str) -> ModFile {
    let mut m = ModFile { file: PathBuf::new(), items: BTreeSet::new(), reexports: BTreeMap::new(), globs: Vec::new(), uses: Vec::new() };
    let words: Vec<&str> = code.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '!')).filter(|w| !w.is_empty()).collect();
    for pair in words.windows(2) {
        if ["fn", "struct", "enum", "const", "static", "type", "trait", "mod", "union", "macro_rules!"].contains(&pair[0]) {
            m.items.insert(pair[1].to_string());
        }
    }
    let children: BTreeSet<String> = declared_modules(code).into_iter().collect();
    let mut use_spans = Vec::new();
    let mut search = 0;
    while let Some(found) = find_word(code, "use", search) {
        let end = code[found..].find(';').map(|e| found + e).unwrap_or(code.len());
        use_spans.push((found, end));
        let before = code[..found].trim_end();
        let public = before.ends_with("pub") || before.ends_with(')') && before.rsplit("pub").next().is_some_and(|r| r.starts_with('('));
        let tree = code[found + 3..end].trim();
        for (p, alias) in expand_use_tree(tree) {
            let Some(abs) = absolute(path, &children, &p) else { continue };
            let is_glob = abs.last().is_some_and(|l| l == "*");
            let own_child = abs.len() > path.len() + 1 && abs.starts_with(path) && children.contains(&abs[path.len()]);
            if public {
                if is_glob {
                    m.globs.push(abs[..abs.len() - 1].to_vec());
                } else if let Some(name) = alias.or_else(|| abs.last().cloned()) {
                    m.reexports.insert(name, abs.clone());
                }
            }
            let used = if is_glob { abs[..abs.len() - 1].to_vec() } else { abs };
            m.uses.push((used, public && own_child));
        }
        search = end;
    }
    // `crate::…`, `super::…`, `self::…` paths in code outside `use` statements.
    for anchor in ["crate", "super", "self"] {
        let mut from = 0;
        while let Some(found) = find_word(code, anchor, from) {
            from = found + anchor.len();
            if use_spans.iter().any(|(s, e)| (*s..*e).contains(&found)) || !code[from..].starts_with("::") {
                continue;
            }
            let tail: String = code[found..].chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect();
            let segments: Vec<String> = tail.split("::").filter(|s| !s.is_empty()).map(String::from).collect();
            if let Some(abs) = absolute(path, &children, &segments) {
                m.uses.push((abs, false));
            }
        }
    }
    m
}

/// Position of `word` at or after `from` as a whole word.
fn find_word(code: &str, word: &str, from: usize) -> Option<usize> {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut at = from;
    while let Some(i) = code[at..].find(word) {
        let start = at + i;
        let end = start + word.len();
        if !code[..start].ends_with(is_ident) && !code[end..].starts_with(is_ident) {
            return Some(start);
        }
        at = end;
    }
    None
}

/// `a::{b, c::{d as e, *}}` → `[(a::b, None), (a::c::d, Some(e)), (a::c::*, None)]`.
fn expand_use_tree(tree: &str) -> Vec<(Vec<String>, Option<String>)> {
    let tree: String = tree.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = Vec::new();
    let mut pending = vec![(Vec::<String>::new(), tree)];
    while let Some((prefix, t)) = pending.pop() {
        let t = t.trim().trim_start_matches("::").to_string();
        if let Some(open) = t.find('{') {
            let head: Vec<String> = t[..open].split("::").map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect();
            let close = t.rfind('}').unwrap_or(t.len());
            let inner = &t[open + 1..close];
            let mut base = prefix.clone();
            base.extend(head);
            let mut depth = 0;
            let mut part = String::new();
            for c in inner.chars() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        pending.push((base.clone(), std::mem::take(&mut part)));
                        continue;
                    }
                    _ => {}
                }
                part.push(c);
            }
            if !part.trim().is_empty() {
                pending.push((base, part));
            }
        } else {
            let (p, alias) = match t.split_once(" as ") {
                Some((p, a)) => (p.to_string(), Some(a.trim().to_string())),
                None => (t.clone(), None),
            };
            let mut full = prefix.clone();
            for s in p.split("::").map(str::trim).filter(|s| !s.is_empty()) {
                if s != "self" || full.is_empty() {
                    full.push(s.to_string());
                }
            }
            if !full.is_empty() {
                out.push((full, alias.filter(|a| a != "_")));
            }
        }
    }
    out
}

/// An in-crate path made absolute, or `None` for another crate's.
fn absolute(here: &ModPath, children: &BTreeSet<String>, p: &[String]) -> Option<ModPath> {
    let (first, rest) = p.split_first()?;
    let mut base = match first.as_str() {
        "crate" => ModPath::new(),
        "self" => here.clone(),
        "super" => {
            let mut b = here.clone();
            b.pop()?;
            let mut rest = rest;
            while rest.first().is_some_and(|s| s == "super") {
                b.pop()?;
                rest = &rest[1..];
            }
            b.extend(rest.iter().cloned());
            return Some(b);
        }
        name if children.contains(name) => {
            let mut b = here.clone();
            b.push(name.to_string());
            b
        }
        _ => return None,
    };
    base.extend(rest.iter().cloned());
    Some(base)
}
