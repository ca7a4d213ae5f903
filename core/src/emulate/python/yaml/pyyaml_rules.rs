//! Where PyYAML 6 refuses what saphyr-parser (YAML 1.2) reads: the loader's syntax
//! errors that saphyr alone would not raise.
//!
//! * Tabs: PyYAML separates tokens with spaces only, and its scanner never skips a
//!   tab, so a tab anywhere but inside a quoted scalar, the content of a block scalar
//!   or a comment is a `ScannerError` ("found character '\t' that cannot start any
//!   token", or the like at a block scalar's header). In YAML 1.2 a tab separates
//!   tokens and sits inside plain scalars (`a: b\tc` is `"b\tc"`). Tabs are rare in
//!   config files: a text without one costs a byte search ([`prepare`]).
//! * Empty keys: a mapping key that is nothing but its `:` (`: b`, `{: b}`, `[: b]`)
//!   is YAML 1.2's empty implicit key; PyYAML's parser wants `?` before an empty key
//!   ("expected <block end>, but found ':'"). [`Parser`] refuses it as it reads, with
//!   the other rules it names (flow keys over lines, indicators in flow plain
//!   scalars, anchor names, anchors given twice).
//!
//! libyaml's loader (the exporter's, [`Dialect::LibYaml`]) reads tabs between tokens
//! and `?` in flow plain scalars as YAML 1.2 does, so those two rules are PyYAML's
//! scanner's only; it shares the others, and the changes below.
//!
//! And where PyYAML reads what saphyr refuses, [`make_readable`] changes the text
//! saphyr reads, one character for one: a comment right after a closing quote or
//! bracket (`a: 'x'#c`, `[a]#c`; PyYAML starts a comment at any `#` between tokens,
//! saphyr wants a blank first) is blanked, and a tab among the leading blanks of a
//! quoted scalar's continuation line (PyYAML skips it with the spaces; saphyr calls
//! it indentation) becomes a space. Neither changes a value.
use alloc::collections::BTreeSet;
use alloc::format;
use alloc::vec::Vec;

use saphyr_parser::{Event, ScalarStyle, ScanError, Span, StrInput};

use super::linebreaks::Source;
use super::load_error::LoadError;

/// Whose grammar a text is read with: PyYAML's pure-Python scanner (`yaml.safe_load`,
/// what the validator calls) or libyaml's (`yaml.load(Loader=CSafeLoader)`, what
/// 0.22.0's exporter reads project files with, ANPKG-REF-4). They differ on tabs
/// and `?` in flow plain scalars (the module notes); the constructor is the same.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Dialect {
    Python,
    LibYaml,
}

/// What this module does before the parser reads a text: [`make_readable`], then
/// [`check_tabs`], both on one [`Scan`] of the text as it ends up. A text with no tab
/// and no `#` right after a quote or bracket (the usual config file) costs two byte
/// searches.
pub(super) fn prepare(source: &mut Source<'_>, dialect: Dialect) -> Result<(), LoadError> {
    let text = source.parser_text();
    let has_tab = text.as_bytes().contains(&b'\t');
    let comment_after_token = text.match_indices('#').any(|(at, _)| at > 0 && matches!(text.as_bytes()[at - 1], b'"' | b'\'' | b']' | b'}'));
    if !has_tab && !comment_after_token {
        return Ok(());
    }
    let (chars, scan) = make_readable(source);
    // libyaml reads tabs much as YAML 1.2 does.
    if has_tab && dialect == Dialect::Python {
        check_tabs(&chars, &scan)?;
    }
    Ok(())
}

/// How much text [`make_readable`] parses again in all: each change costs a parse from
/// the start, so a small file can have many changes and a 16 MiB one a few (a real
/// file has one or two).
const MAX_REREAD_BYTES: usize = 16 << 20;

/// saphyr's errors for what PyYAML reads (saphyr-parser 0.3's messages).
const COMMENT_WITHOUT_BLANK: &str = "comments must be separated from other tokens by whitespace";
const TAB_AS_INDENTATION: &str = "tab cannot be used as indentation";

/// What one saphyr parse of a text shows: the character spans where a tab is content,
/// in text order (quoted scalars from quote to quote: saphyr's span starts at an
/// anchor or tag and runs on over blanks and a comment after the closing quote; block
/// scalars' content lines), whether each is quoted, and the first error. The text
/// after an error is never reached.
struct Scan {
    content: Vec<(usize, usize, bool)>,
    error: Option<ScanError>,
}

fn scan(chars: &[char]) -> Scan {
    let text: String = chars.iter().collect();
    let mut content = Vec::new();
    for event in saphyr_parser::Parser::new_from_str(&text) {
        match event {
            Ok((Event::Scalar(_, style, anchor, tag), span)) if style != ScalarStyle::Plain => {
                let (start, end) = (span.start.index(), span.end.index());
                content.push(match style {
                    ScalarStyle::SingleQuoted => quoted(chars, start, '\''),
                    ScalarStyle::DoubleQuoted => quoted(chars, start, '"'),
                    // With an anchor or a tag the span starts there, on the header's line.
                    _ if anchor != 0 || tag.is_some() => (next_line(chars, start), end, false),
                    _ => (start, end, false),
                });
            }
            Ok(_) => {}
            Err(e) => return Scan { content, error: Some(e) },
        }
    }
    Scan { content, error: None }
}

/// Changes the parser's text where saphyr refuses what PyYAML reads (see the module
/// notes). Tabs saphyr calls indentation become spaces only when the text read again
/// has each of them inside a quoted scalar (elsewhere PyYAML refuses them too);
/// otherwise the text stays as it was. Gives the parser's text, as characters, and
/// its scan.
fn make_readable(source: &mut Source<'_>) -> (Vec<char>, Scan) {
    // The source keeps the original text until the changes are known to hold.
    let mut chars: Vec<char> = source.parser_text().chars().collect();
    let mut scanned = scan(&chars);
    let (mut tabs, mut changed) = (Vec::new(), false);
    for _ in 0..MAX_REREAD_BYTES / source.parser_text().len().max(1) {
        let Some(e) = &scanned.error else { break };
        let at = e.marker().index().min(chars.len());
        let (from, to) = match e.info() {
            COMMENT_WITHOUT_BLANK if at > 0 && matches!(chars[at - 1], '"' | '\'' | ']' | '}') => {
                (at, chars[at..].iter().position(|&c| matches!(c, '\n' | '\r')).map_or(chars.len(), |i| at + i))
            }
            TAB_AS_INDENTATION => {
                tabs.push(at);
                // Every blank leading the line, so a second tab is not the next error.
                let from = chars[..at].iter().rposition(|&c| matches!(c, '\n' | '\r')).map_or(0, |i| i + 1);
                (from, chars[from..].iter().position(|&c| !matches!(c, ' ' | '\t')).map_or(chars.len(), |i| from + i))
            }
            _ => break,
        };
        chars[from..to].fill(' ');
        changed = true;
        scanned = scan(&chars);
    }
    if !changed {
        return (chars, scanned);
    }
    let in_quotes = |at: usize| scanned.content.iter().any(|&(start, end, quoted)| quoted && (start..end).contains(&at));
    if !tabs.iter().all(|&at| in_quotes(at)) {
        drop(chars);
        let original: Vec<char> = source.parser_text().chars().collect();
        let scanned = scan(&original);
        return (original, scanned);
    }
    source.set_parser_text(chars.iter().collect());
    (chars, scanned)
}

/// The error PyYAML's scanner raises at the first tab it cannot skip, unless the
/// parser fails before that tab (its own error is then the document's).
fn check_tabs(chars: &[char], scan: &Scan) -> Result<(), LoadError> {
    let parser_error = scan.error.as_ref().map_or(usize::MAX, |e| e.marker().index());
    let mut spans = scan.content.iter().peekable();
    let (mut line, mut column) = (1usize, 0usize);
    let mut in_comment = false;
    let mut after_blank = true; // a comment starts at a line's start or after a blank
    for (at, &c) in chars.iter().enumerate() {
        if at >= parser_error {
            return Ok(());
        }
        while spans.next_if(|&&(_, end, _)| end <= at).is_some() {}
        let in_content = spans.peek().is_some_and(|&&(start, _, _)| start <= at);
        if matches!(c, '\n' | '\r') {
            line += usize::from(c == '\n');
            (column, in_comment, after_blank) = (0, false, true);
            continue;
        }
        column += 1;
        if in_content || in_comment {
            after_blank = false;
            continue;
        }
        match c {
            '#' if after_blank => in_comment = true,
            '\t' => {
                return Err(LoadError::syntax(format!("found character '\\t' that cannot start any token at byte {at} line {line} column {column}")))
            }
            _ => after_blank = c == ' ',
        }
    }
    Ok(())
}

/// The quoted scalar whose span starts at `from` (at its anchor or tag when it has
/// one), from its opening quote to the one that closes it, marked quoted.
fn quoted(chars: &[char], from: usize, quote: char) -> (usize, usize, bool) {
    let start = (from..chars.len()).find(|&at| chars[at] == quote).unwrap_or(chars.len());
    let mut at = start + 1;
    while let Some(&c) = chars.get(at) {
        match c {
            '\\' if quote == '"' => at += 2,
            '\'' if quote == '\'' && chars.get(at + 1) == Some(&'\'') => at += 2,
            c if c == quote => return (start, at + 1, true),
            _ => at += 1,
        }
    }
    (start, chars.len(), true)
}

/// The index after the line break that ends the line holding `at`.
fn next_line(chars: &[char], at: usize) -> usize {
    (at..chars.len()).find(|&i| matches!(chars[i], '\n' | '\r')).map_or(chars.len(), |i| i + 1)
}

/// saphyr's parser over the loader's text, with PyYAML's refusal of empty implicit
/// keys, of flow-mapping keys over lines or 1024 characters, of plain scalars in flow
/// collections that hold a `?` or start with an indicator, of anchor and alias names
/// with other characters than PyYAML's, and of an anchor name given twice in a document (PyYAML's composer: "found duplicate
/// anchor"; saphyr lets the second replace the first).
pub(super) struct Parser<'a> {
    events: saphyr_parser::Parser<'a, StrInput<'a>>,
    text: &'a str,
    /// Per open collection: whether it is a mapping, how many nodes it has so far (a
    /// mapping's node is a key when that count is even), whether it is a flow one.
    open: Vec<Open>,
    dialect: Dialect,
    /// The document's anchor names so far.
    anchors: BTreeSet<&'a str>,
    /// A character index of `text` and its byte offset: spans count characters, and
    /// they come nearly in text order, so the conversion walks from the last one.
    at: (usize, usize),
}

struct Open {
    mapping: bool,
    nodes: usize,
    flow: bool,
}

impl<'a> Parser<'a> {
    pub(super) fn new(text: &'a str, dialect: Dialect) -> Self {
        let events = saphyr_parser::Parser::new_from_str(text);
        Parser { events, text, open: Vec::new(), dialect, anchors: BTreeSet::new(), at: (0, 0) }
    }

    fn refuse(what: &str, span: &Span) -> Option<Result<(Event<'a>, Span), LoadError>> {
        let at = &span.start;
        Some(Err(LoadError::syntax(format!("{what} at byte {} line {} column {}", at.index(), at.line(), at.col() + 1))))
    }

    pub(super) fn next_event(&mut self) -> Option<Result<(Event<'a>, Span), LoadError>> {
        let (event, span) = match self.events.next_event()? {
            Ok(next) => next,
            Err(e) => return Some(Err(LoadError::syntax(e))),
        };
        let node = matches!(event, Event::Scalar(..) | Event::Alias(_) | Event::SequenceStart(..) | Event::MappingStart(..));
        let key = node && self.open.last().is_some_and(|o| o.mapping && o.nodes % 2 == 0);
        let in_flow = self.open.last().is_some_and(|o| o.flow);
        if node {
            if let Some(o) = self.open.last_mut() {
                o.nodes += 1;
            }
        }
        let anchor = match event {
            Event::Scalar(_, _, anchor, _) | Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => anchor,
            _ => 0,
        };
        if anchor != 0 || matches!(event, Event::Alias(_)) {
            let name = self.anchor_name(&span);
            if !is_pyyaml_name(name) {
                return Self::refuse("expected alphabetic or numeric character in an anchor or alias name", &span);
            }
            if anchor != 0 && !self.anchors.insert(name) {
                return Self::refuse(&format!("found duplicate anchor '{name}'"), &span);
            }
        }
        match &event {
            Event::DocumentStart(_) => self.anchors.clear(),
            Event::Scalar(value, ScalarStyle::Plain, 0, None) if key && value.is_empty() && self.is_bare_value_indicator(&span) => {
                return Self::refuse("expected a key before ':'", &span);
            }
            Event::Scalar(..) if key && in_flow && self.is_long_flow_key(&span) => {
                return Self::refuse("could not find expected ':' (a simple key spans lines or more than 1024 characters)", &span);
            }
            // PyYAML ends a plain scalar at `?` in a flow collection (the `?` then stands
            // where no key can start), and reads a `:` starting one as a value indicator.
            Event::Scalar(_, ScalarStyle::Plain, ..) if in_flow && self.flow_plain_refused(&span) => {
                return Self::refuse("a plain scalar in a flow collection starts with ':', '|' or '>' or holds '?'", &span);
            }
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                // A flow collection's span ends at its bracket (after its anchor or tag).
                let opens_flow = span.end.index() > span.start.index() && matches!(self.char_at(span.end.index() - 1), Some(b'[' | b'{'));
                self.open.push(Open { mapping: matches!(event, Event::MappingStart(..)), nodes: 0, flow: in_flow || opens_flow });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                self.open.pop();
            }
            _ => {}
        }
        Some(Ok((event, span)))
    }

    /// An empty key's span sits on the `:` after it; unless that key was opened by a
    /// `?`, the key is nothing but the `:`.
    fn is_bare_value_indicator(&mut self, span: &Span) -> bool {
        let at = self.byte_offset(span.start.index());
        self.text.as_bytes().get(at) == Some(&b':') && !self.after_question_mark(at)
    }

    /// A key of a flow mapping that PyYAML cannot take as a simple key: one spanning
    /// lines or more than 1024 characters (unless a `?` opened it).
    fn is_long_flow_key(&mut self, span: &Span) -> bool {
        let (start, end) = (self.byte_offset(span.start.index()), self.byte_offset(span.end.index()));
        let key = &self.text.as_bytes()[start..end.max(start)];
        let long = span.end.index().saturating_sub(span.start.index()) > 1024 || key.iter().any(|&b| matches!(b, b'\n' | b'\r'));
        long && !self.after_question_mark(start)
    }

    /// Whether the text before byte `at`, blanks, line breaks and comments left out,
    /// ends with a `?` (an explicit key's indicator).
    fn after_question_mark(&self, at: usize) -> bool {
        let bytes = self.text.as_bytes();
        // Lines back from `at`: blanks and comment lines are skipped; the first other
        // text decides.
        let mut end = at;
        loop {
            let line_start = bytes[..end].iter().rposition(|&b| matches!(b, b'\n' | b'\r')).map_or(0, |i| i + 1);
            let line = bytes[line_start..end].trim_ascii_start();
            let content = match line.iter().position(|&b| b == b'#') {
                // A `#` starts a comment at a line's start or after a blank.
                Some(i) if i == 0 || matches!(line[i - 1], b' ' | b'\t') => &line[..i],
                _ => line,
            };
            match content.trim_ascii_end() {
                [] if line_start == 0 => return false,
                [] => end = line_start - 1,
                [.., last] => return *last == b'?',
            }
        }
    }

    /// The name of the anchor of the node whose span starts at its tag or its anchor, or
    /// of the alias at `span`, as saphyr reads it.
    fn anchor_name(&mut self, span: &Span) -> &'a str {
        let text: &'a str = self.text;
        let start = self.byte_offset(span.start.index());
        let rest = &text[start..];
        let rest = if rest.starts_with('!') { rest.trim_start_matches(|c: char| !c.is_whitespace()).trim_start() } else { rest };
        let name = rest.strip_prefix(['&', '*']).unwrap_or(rest);
        let end = name.find(|c: char| c.is_whitespace() || matches!(c, ',' | '[' | ']' | '{' | '}')).unwrap_or(name.len());
        &name[..end]
    }

    /// A plain scalar of a flow collection starting with `:`, `|` or `>` (indicators
    /// there for PyYAML), or (PyYAML's scanner, not libyaml's) holding a `?`.
    fn flow_plain_refused(&mut self, span: &Span) -> bool {
        let start = self.byte_offset(span.start.index());
        let end = self.byte_offset(span.end.index());
        let plain = &self.text.as_bytes()[start..end.max(start)];
        matches!(plain.first(), Some(b':' | b'|' | b'>')) || (self.dialect == Dialect::Python && plain.contains(&b'?'))
    }

    /// The byte at character index `at` (an ASCII indicator, when it is one).
    fn char_at(&mut self, at: usize) -> Option<u8> {
        let at = self.byte_offset(at);
        self.text.as_bytes().get(at).copied()
    }

    /// The byte offset of character `char_index`, walked to from the last one asked
    /// for (backwards too), so the cost is the distance between them.
    fn byte_offset(&mut self, char_index: usize) -> usize {
        let (mut chars, mut bytes) = self.at;
        if char_index < chars {
            for c in self.text[..bytes].chars().rev() {
                if chars == char_index {
                    break;
                }
                chars -= 1;
                bytes -= c.len_utf8();
            }
        } else {
            for c in self.text[bytes..].chars() {
                if chars == char_index {
                    break;
                }
                chars += 1;
                bytes += c.len_utf8();
            }
        }
        self.at = (chars, bytes);
        bytes
    }
}

/// Whether PyYAML reads `name` (saphyr's anchor or alias name) as the same name: its
/// names are ASCII letters, digits, `-` and `_`. A name that runs on into one of the
/// characters PyYAML may stop at (`?:,]}%@` and backquote) reads otherwise there, not
/// as an error; that is left as saphyr reads it (a known gap).
fn is_pyyaml_name(name: &str) -> bool {
    match name.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')) {
        Some(0) => false,
        Some(at) => matches!(name.as_bytes()[at], b'?' | b':' | b',' | b']' | b'}' | b'%' | b'@' | b'`'),
        None => !name.is_empty(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::load::{libyaml_safe_load_with, safe_load, Limits};
    use super::super::load_error::LoadErrorKind;
    use super::super::pyyaml_cases::assert_pyyaml_answers;
    use crate::emulate::python::repr::repr;

    /// Every case of tests/anpkg/yaml_pyyaml_rules/cases.json (generate.py there).
    #[test]
    fn pyyaml_differential_cases() {
        assert_pyyaml_answers(include_str!("../../../../../tests/anpkg/yaml_pyyaml_rules/cases.json"), 500);
    }

    /// Each text as PyYAML 6.0.3's `safe_load` takes it: `true` loads, `false` is a
    /// syntax error (checked beside PyYAML when written).
    const TEXTS: &[(&str, bool)] = &[
        ("a: b\t\n", false),
        ("a: b\tc\n", false),
        ("a: b \tc\n", false),
        ("a: 'b'\t\n", false),
        ("a: \"x\"\t# c\n", false),
        ("- b\tc\n", false),
        ("a: b\t# c\n", false),
        ("a: [b\tc]\n", false),
        ("[\"a\"\t]\n", false),
        ("a: b\n\t\n", false),
        ("a: b\n   c\td\n", false),
        ("a: |\t\n  b\n", false),
        ("a: &x\t\"q\"\n", false),
        ("a: &x !!str |\t\n  x\nb: 1\n", false),
        ("{a: 1,\tb: 2}\n", false),
        ("a: |\n  b\tc\n", true),
        ("a: \"x\ty\"\n", true),
        ("a: 'x''\t'\n", true),
        ("a: \"x\\\"\t\"\n", true),
        ("a: b # c\td\n", true),
        ("# x\ty\na: 1\n", true),
        ("a: | # c\td\n  b\n", true),
        ("a: &x |\n  x\ty\nb: 1\n", true),
        (": b\n", false),
        ("a: 1\n: b\n", false),
        ("a:\n: b\n", false),
        ("- : x\n", false),
        ("{: x}\n", false),
        ("[: x]\n", false),
        ("{a: 1, : 2}\n", false),
        ("é: 1\n: 2\n", false),
        ("? \n: b\n", true),
        ("? # c\n# d\n\n  # e\n: b\n", true),
        ("{? : x}\n", true),
        ("é: 1\n?\n: 2\n", true),
        ("a:\nb: 1\n", true),
        ("{a: , b: }\n", true),
        ("!!str : b\n", true),
        // Read by PyYAML, refused by saphyr until the parser's text is changed.
        ("a: \"x\n\t  y\"\n", true),
        ("a: 'p\n\t#x  \n\tq'\n", true),
        ("a: \"x\n \t\n\t y\"\n", true),
        ("- \"x\n\ty\"\n- \"p\n\tq\"\n", true),
        ("k: [a, \"b\", {c: d}]#\n", true),
        ("a: 'x'#c\n", true),
        ("{a: b}#c\n", true),
        ("a:\n\tb: 1\n", false),
        ("a: |#\n  x\n", false),
        ("x: \"q\"#\n\t", false),
        ("a: [\"x\",\n\t\"y\"]\n", false),
    ];

    /// Each text as libyaml's loader takes it (`yaml.load(text, Loader=CSafeLoader)`,
    /// PyYAML 6.0.3 with libyaml 0.2.5; checked beside it when written): it reads tabs
    /// between tokens and `?` in flow plain scalars as YAML 1.2 does, and shares
    /// PyYAML's other rules here.
    const LIBYAML_TEXTS: &[(&str, Option<&str>)] = &[
        ("a: b\tc\n", Some("{'a': 'b\\tc'}")),
        ("a: b\t\n", Some("{'a': 'b'}")),
        ("a: 'b'\t\n", Some("{'a': 'b'}")),
        ("a: [b\tc]\n", Some("{'a': ['b\\tc']}")),
        ("[http://x?y]\n", Some("['http://x?y']")),
        ("k: [a?b]\n", Some("{'k': ['a?b']}")),
        ("a: 'x'#c\n", Some("{'a': 'x'}")),
        ("a: \"x\n\t  y\"\n", Some("{'a': 'x y'}")),
        (": b\n", None),
        ("{: x}\n", None),
        ("[:b]\n", None),
        ("a: &x 1\nb: &x 2\n", None),
    ];

    #[test]
    fn libyaml_reads_tabs_and_flow_question_marks() {
        for &(text, expected) in LIBYAML_TEXTS {
            let got = libyaml_safe_load_with(text, Limits::default()).ok().map(|v| repr(&v));
            assert_eq!(got.as_deref(), expected, "{text:?}");
        }
    }

    #[test]
    fn tabs_comments_and_empty_keys_as_pyyaml_reads_them() {
        for &(text, loads) in TEXTS {
            match safe_load(text) {
                Ok(_) => assert!(loads, "{text:?} loaded; PyYAML refuses it"),
                Err(e) => {
                    assert!(!loads, "{text:?}: {e}; PyYAML loads it");
                    assert_eq!(e.kind, LoadErrorKind::Syntax, "{text:?}: {e}");
                }
            }
        }
    }
}
