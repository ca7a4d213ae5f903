//! The fixed identifier patterns of ANIP-DEF-2, as hand-written matchers.
//!
//! Upstream uses Go regexps; each matcher below states the regexp it implements.
//! All of them are ASCII-only, anchored at both ends, and Go's `$` (without `(?m)`)
//! matches only at the very end of the text, so a trailing newline never matches.

fn ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn ident_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Length of the `[A-Za-z_][A-Za-z0-9_]*` identifier at the start of `s` (0 if none).
fn ident_len(s: &[u8]) -> usize {
    match s.first() {
        Some(&b) if ident_start(b) => 1 + s[1..].iter().take_while(|&&b| ident_char(b)).count(),
        _ => 0,
    }
}

/// `^[A-Za-z_][A-Za-z0-9_]*$` (input names, semantic types, step ids, path parameters).
pub(crate) fn is_input_name(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty() && ident_len(b) == b.len()
}

/// `^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$`
pub(crate) fn is_service_id(s: &str) -> bool {
    let b = s.as_bytes();
    match b.first() {
        Some(c) if c.is_ascii_lowercase() => {}
        _ => return false,
    }
    let mut after_separator = false;
    for &c in &b[1..] {
        if c == b'-' || c == b'_' {
            if after_separator {
                return false;
            }
            after_separator = true;
        } else if c.is_ascii_lowercase() || c.is_ascii_digit() {
            after_separator = false;
        } else {
            return false;
        }
    }
    !after_separator
}

/// `^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+$`
pub(crate) fn is_capability_id(s: &str) -> bool {
    let mut segments = 0usize;
    for seg in s.split('.') {
        let b = seg.as_bytes();
        match b.first() {
            Some(c) if c.is_ascii_lowercase() => {}
            _ => return false,
        }
        if !b[1..].iter().all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_') {
            return false;
        }
        segments += 1;
    }
    segments >= 2
}

/// `^[A-Za-z_][A-Za-z0-9_.:-]{0,127}$` (backend operations, output shapes, catalog and
/// connection refs, raw operation refs).
pub(crate) fn is_operation(s: &str) -> bool {
    let b = s.as_bytes();
    match b.first() {
        Some(&c) if ident_start(c) => {}
        _ => return false,
    }
    b.len() <= 128 && b[1..].iter().all(|&c| ident_char(c) || matches!(c, b'.' | b':' | b'-'))
}

/// Go's `\s`: `[\t\n\f\r ]` (no vertical tab).
fn go_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

/// `^[A-Za-z][A-Za-z0-9_]*(?:<\s*[A-Za-z][A-Za-z0-9_]*(?:\s*,\s*[A-Za-z][A-Za-z0-9_]*)*\s*>)?$`
///
/// The grammar is deterministic (after a name only `,` or `>` may follow), so a
/// greedy scan decides it exactly.
pub(crate) fn is_type_name(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0usize;
    let type_name = |at: usize| -> Option<usize> {
        match b.get(at) {
            Some(c) if c.is_ascii_alphabetic() => {
                Some(at + 1 + b[at + 1..].iter().take_while(|&&c| ident_char(c)).count())
            }
            _ => None,
        }
    };
    let skip_space = |mut at: usize| -> usize {
        while b.get(at).is_some_and(|&c| go_space(c)) {
            at += 1;
        }
        at
    };
    match type_name(i) {
        Some(end) => i = end,
        None => return false,
    }
    if i == b.len() {
        return true;
    }
    if b[i] != b'<' {
        return false;
    }
    i = skip_space(i + 1);
    loop {
        match type_name(i) {
            Some(end) => i = skip_space(end),
            None => return false,
        }
        match b.get(i) {
            Some(b',') => i = skip_space(i + 1),
            Some(b'>') => return i + 1 == b.len(),
            _ => return false,
        }
    }
}

/// What a composition JSONPath refers to.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum JsonPath<'a> {
    /// `^\$\.input(?:\.[A-Za-z_][A-Za-z0-9_]*)+$`
    Input,
    /// `^\$\.steps\.([A-Za-z_][A-Za-z0-9_-]*)\.output(?:\.[A-Za-z_][A-Za-z0-9_]*)+$`;
    /// the captured step id.
    Step(&'a str),
}

/// One or more `.ident` segments making up all of `s`.
fn is_field_chain(s: &[u8]) -> bool {
    let mut rest = s;
    if rest.is_empty() {
        return false;
    }
    while !rest.is_empty() {
        if rest[0] != b'.' {
            return false;
        }
        let n = ident_len(&rest[1..]);
        if n == 0 {
            return false;
        }
        rest = &rest[1 + n..];
    }
    true
}

/// Upstream `parsePath`: `None` is a malformed path.
pub(crate) fn parse_json_path(path: &str) -> Option<JsonPath<'_>> {
    let b = path.as_bytes();
    if let Some(rest) = b.strip_prefix(b"$.input") {
        if is_field_chain(rest) {
            return Some(JsonPath::Input);
        }
    }
    let rest = b.strip_prefix(b"$.steps.")?;
    // The step id cannot contain '.', so it ends at the first '.'.
    let step_len = match rest.first() {
        Some(&c) if ident_start(c) => 1 + rest[1..].iter().take_while(|&&c| ident_char(c) || c == b'-').count(),
        _ => return None,
    };
    let after = rest[step_len..].strip_prefix(b".output")?;
    if !is_field_chain(after) {
        return None;
    }
    // `step_len` bytes are ASCII, so the slice is on a char boundary.
    path.get(8..8 + step_len).map(JsonPath::Step)
}

#[cfg(test)]
mod tests {
    use alloc::format;

    use super::*;

    #[test]
    fn input_names() {
        for ok in ["a", "_", "A_1", "query"] {
            assert!(is_input_name(ok), "{ok}");
        }
        for bad in ["", "1a", "a-b", "a b", "a\n", "é"] {
            assert!(!is_input_name(bad), "{bad}");
        }
    }

    #[test]
    fn service_ids() {
        for ok in ["a", "compat-primary-service", "a_b-c1", "a1"] {
            assert!(is_service_id(ok), "{ok}");
        }
        for bad in ["", "A", "1a", "a-", "a--b", "a-_b", "../escape", "a.b", "_a"] {
            assert!(!is_service_id(bad), "{bad}");
        }
    }

    #[test]
    fn capability_ids() {
        for ok in ["compat.lookup", "a.b.c", "a1_.b_2"] {
            assert!(is_capability_id(ok), "{ok}");
        }
        for bad in ["", "a", "Compat.Search", "a.", ".a", "a..b", "a.1b", "a._b", "a.b-c"] {
            assert!(!is_capability_id(bad), "{bad}");
        }
    }

    #[test]
    fn operations() {
        let max = format!("a{}", "b".repeat(127));
        assert!(is_operation(&max));
        assert!(!is_operation(&format!("{max}b")));
        for ok in ["lookupCompatRecords", "_x", "a.b:c-d", "native.search_work_items"] {
            assert!(is_operation(ok), "{ok}");
        }
        for bad in ["", "1a", ".a", "search; rm -rf /", "a/b", "a b"] {
            assert!(!is_operation(bad), "{bad}");
        }
    }

    #[test]
    fn type_names() {
        for ok in ["string", "list<string>", "map< string ,\tint >", "Map<A,B,C>", "a_1"] {
            assert!(is_type_name(ok), "{ok}");
        }
        for bad in [
            "",
            "_a",
            "1a",
            "list<>",
            "list<string",
            "list<string,>",
            "list<_a>",
            "a<b>c",
            "a<b<c>>",
            "a <b>",
            "list<string>\n",
            "a\x0b<b>",
        ] {
            assert!(!is_type_name(bad), "{bad:?}");
        }
        assert!(!is_type_name("list<\x0bstring>"), "vertical tab is not \\s in Go");
    }

    #[test]
    fn json_paths() {
        assert_eq!(parse_json_path("$.input.query"), Some(JsonPath::Input));
        assert_eq!(parse_json_path("$.input.a.b_c"), Some(JsonPath::Input));
        assert_eq!(parse_json_path("$.steps.lookup.output.result"), Some(JsonPath::Step("lookup")));
        assert_eq!(parse_json_path("$.steps.a-b.output.x.y"), Some(JsonPath::Step("a-b")));
        for bad in [
            "$.input",
            "$.input.",
            "$.input.1",
            "$.steps.x.output",
            "$.steps.x.outputs.y",
            "$.steps..output.y",
            "$.steps.-a.output.y",
            "$.steps.x.output.y.",
            "input.x",
            "$.steps.x.y.output.z",
        ] {
            assert_eq!(parse_json_path(bad), None, "{bad}");
        }
    }
}
