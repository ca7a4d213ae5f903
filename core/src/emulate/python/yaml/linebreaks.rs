//! PyYAML's extra line breaks on top of a YAML 1.2 parser.
//!
//! PyYAML's scanner treats NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH
//! SEPARATOR (U+2029) as line breaks everywhere (between tokens, ending comments,
//! inside every scalar style); saphyr-parser (YAML 1.2) reads them as ordinary
//! characters. `safe_dump(allow_unicode=True)` writes them raw, so real files have them.
//!
//! Two steps make the loader agree with PyYAML:
//! 1. The parser reads a copy of the text where each of the three (and a `\r` right
//!    before one, which PyYAML reads as a break of its own) is a `\n`. One character
//!    replaces one character, so saphyr's character indices, lines and columns are
//!    those of the original, and it sees PyYAML's structure. A NEL reads as `\n` in
//!    PyYAML too, so its scalars come out right as they are.
//! 2. LS and PS are kept as themselves where PyYAML keeps a line break (folding turns
//!    only a `\n` into a space). A scalar whose source holds one is re-read from the
//!    original characters with PyYAML's rules (`pyscalar.rs`), using saphyr's span for
//!    where it is. The same re-reading fixes a block scalar whose last line ends the
//!    stream without a break (PyYAML adds no `\n`, saphyr does).
//!
//! A byte order mark (U+FEFF) past the start is an ordinary character for PyYAML (in a
//! plain or quoted scalar, a key, a comment); saphyr refuses it inside a document. The
//! parser's text has another ordinary character there (U+E000: no name character, no
//! indicator), and the scalars over one are re-read from the original characters.
//! libyaml skips one at a line's start as it goes to the next token (its column moves
//! on by one): there the parser's text has a blank.
use alloc::borrow::Cow;
use core::cell::OnceCell;
use alloc::string::String;
use alloc::vec::Vec;

use saphyr_parser::{ScalarStyle, Span};

use super::pyscalar::{self, is_break, Block, LS, NEL, PS};
use super::dialect::Dialect;

const BOM: char = '\u{feff}';
/// What the parser's text has for a byte order mark PyYAML reads as a character.
const BOM_STAND_IN: char = '\u{e000}';

/// The text as the parser reads it, and what re-reading scalars needs.
pub(super) struct Source<'a> {
    parser_text: Cow<'a, str>,
    text: &'a str,
    /// Some scalar may need re-reading.
    reread: bool,
    /// The original characters, made when a scalar is re-read (or up front when the
    /// text has LS/PS/NEL): four bytes a character, so not for every unterminated text.
    chars: OnceCell<Vec<char>>,
    /// How many characters the text has.
    char_count: usize,
    /// Indices (in `chars`) of every LS and PS, ascending.
    separators: Vec<usize>,
    /// Indices (in `chars`) of every byte order mark, ascending.
    boms: Vec<usize>,
    /// The text does not end with a line break.
    unterminated: bool,
    /// Where the parser's text differs from the text (`pyyaml_rules.rs`).
    changes: Changes,
}

/// What `pyyaml_rules.rs` changed so that saphyr reads what PyYAML reads.
#[derive(Default)]
struct Changes {
    /// Opening quotes (indices in `chars`, ascending) of the quoted scalars whose line
    /// breaks the parser's text has as blanks: their values are read from the original
    /// characters.
    refolded: Vec<usize>,
    /// Line breaks (indices in the parser's text, ascending) it has as blanks.
    blanked_breaks: Vec<usize>,
    /// Dashes (indices in the parser's text, ascending) it has as another plain
    /// character: a `-` right before a flow indicator in a flow collection.
    dashes: Vec<usize>,
    /// Blanks the parser's text has and the text has not (their indices in the
    /// parser's text, ascending): after an anchor or alias name that runs into a `:`,
    /// after a `:` right before a flow collection, at the end after an indicator.
    inserted: Vec<usize>,
}

impl<'a> Source<'a> {
    /// `text` without the byte order mark that may start it (both readers skip that one).
    pub(super) fn new(text: &'a str, dialect: Dialect) -> Self {
        let unterminated = text.chars().next_back().is_some_and(|c| !is_break(c));
        // ASCII text (the usual case) has none of the four; the test is word-at-a-time.
        let has_special = !text.is_ascii() && text.contains([NEL, LS, PS, BOM]);
        if !has_special {
            // Unterminated: only a block scalar at the end of the stream is re-read.
            return Source {
                parser_text: Cow::Borrowed(text),
                text,
                reread: unterminated,
                chars: OnceCell::new(),
                char_count: if unterminated { text.chars().count() } else { 0 },
                separators: Vec::new(),
                boms: Vec::new(),
                unterminated,
                changes: Changes::default(),
            };
        }
        let chars: Vec<char> = text.chars().collect();
        let positions = |of: &dyn Fn(char) -> bool| chars.iter().enumerate().filter(|(_, &c)| of(c)).map(|(i, _)| i).collect::<Vec<_>>();
        let (separators, boms) = (positions(&|c| matches!(c, LS | PS)), positions(&|c| c == BOM));
        let parser_text = {
            let mut mapped = String::with_capacity(text.len());
            for (i, &c) in chars.iter().enumerate() {
                let next_special = chars.get(i + 1).is_some_and(|n| matches!(*n, NEL | LS | PS));
                let line_start = i == 0 || is_break(chars[i - 1]);
                match c {
                    NEL | LS | PS => mapped.push('\n'),
                    '\r' if next_special => mapped.push('\n'),
                    BOM if dialect == Dialect::LibYaml && line_start => mapped.push(' '),
                    BOM => mapped.push(BOM_STAND_IN),
                    _ => mapped.push(c),
                }
            }
            Cow::Owned(mapped)
        };
        let char_count = chars.len();
        let chars = OnceCell::from(chars);
        Source { parser_text, text, reread: true, chars, char_count, separators, boms, unterminated, changes: Changes::default() }
    }

    fn chars(&self) -> &[char] {
        self.chars.get_or_init(|| self.text.chars().collect())
    }

    /// No scalar of the text needs re-reading (no NEL, LS or PS; a final line break).
    pub(super) fn needs_no_rereading(&self) -> bool {
        !self.reread
    }

    /// The text as given.
    pub(super) fn text(&self) -> &'a str {
        self.text
    }

    pub(super) fn parser_text(&self) -> &str {
        &self.parser_text
    }

    /// Replaces the parser's text by `text`, which has the same characters but for
    /// blanks and dashes (`pyyaml_rules.rs`: what PyYAML reads and saphyr refuses), some
    /// of the blanks `inserted` (their indices in `text`, ascending): saphyr's spans are
    /// mapped back past them ([`Source::original`]).
    pub(super) fn set_parser_text(&mut self, text: String, inserted: Vec<usize>) {
        debug_assert_eq!(text.chars().count(), self.parser_text.chars().count() + inserted.len());
        self.parser_text = Cow::Owned(text);
        self.reread |= !inserted.is_empty();
        self.changes.inserted = inserted;
    }

    /// The index in the text of the parser's character `at`.
    fn original(&self, at: usize) -> usize {
        at - self.changes.inserted.partition_point(|&i| i < at)
    }

    /// Marks the quoted scalars opening at `quotes` as read from the original
    /// characters (the parser's text has their line breaks as blanks).
    pub(super) fn reread_quoted(&mut self, mut quotes: Vec<usize>) {
        if quotes.is_empty() {
            return;
        }
        crate::sort::sort(&mut quotes);
        self.changes.refolded = quotes.into_iter().map(|at| self.original(at)).collect();
        self.reread = true;
    }

    /// Records the characters (indices) the parser's text has changed: line breaks made
    /// blanks, and dashes made another plain character. The plain scalars over them are
    /// read from the original characters.
    pub(super) fn set_changed_chars(&mut self, mut breaks: Vec<usize>, mut dashes: Vec<usize>) {
        crate::sort::sort(&mut breaks);
        crate::sort::sort(&mut dashes);
        self.reread |= !breaks.is_empty() || !dashes.is_empty();
        self.changes.blanked_breaks = breaks;
        self.changes.dashes = dashes;
    }

    pub(super) fn blanked_breaks(&self) -> &[usize] {
        &self.changes.blanked_breaks
    }

    /// Blanks the parser's text has and the text has not (indices in the parser's text).
    pub(super) fn inserted(&self) -> &[usize] {
        &self.changes.inserted
    }

    /// The opening quote of a refolded scalar within `from..to` (a quoted scalar's span).
    fn refolded_quote(&self, from: usize, to: usize) -> Option<usize> {
        let first = self.changes.refolded.partition_point(|&i| i < from);
        self.changes.refolded.get(first).copied().filter(|&i| i < to)
    }

    /// A blanked line break or a changed dash within `from..to` (the parser's indices).
    fn has_changed_char(&self, from: usize, to: usize) -> bool {
        has_within(&self.changes.blanked_breaks, from, to) || has_within(&self.changes.dashes, from, to)
    }

    /// A blank the parser's text has after the first character of the scalar whose span
    /// is `from..to` (the parser's indices): one inserted on a line `make_readable` took
    /// for a node's start and saphyr read into a scalar over several lines.
    fn inserted_in_content(&self, from: usize, to: usize) -> bool {
        if !has_within(&self.changes.inserted, from, to) {
            return false;
        }
        let content = self.parser_text.chars().enumerate().skip(from).take(to - from);
        let first = pyscalar::content_start(content).map_or(to, |(at, _)| at);
        has_within(&self.changes.inserted, first + 1, to)
    }

    fn has_separator(&self, from: usize, to: usize) -> bool {
        has_within(&self.separators, from, to)
    }

    /// PyYAML's value for a scalar saphyr read as `value` at `span`.
    pub(super) fn scalar<'v>(&self, value: Cow<'v, str>, style: ScalarStyle, span: &Span) -> Cow<'v, str> {
        if !self.reread {
            return value;
        }
        let (start, end) = (span.start.index(), span.end.index());
        let changed = self.has_changed_char(start, end) || self.inserted_in_content(start, end);
        let (start, end) = (self.original(start), self.original(end));
        let changed = changed || has_within(&self.boms, start, end);
        let reread = match style {
            // An empty plain scalar (an implied null) has a span over what follows it.
            ScalarStyle::Plain if !value.is_empty() && (self.has_separator(start, end) || changed) => {
                let first = pyscalar::content_start(self.chars().get(start..end).unwrap_or_default().iter().copied().enumerate());
                Some(pyscalar::plain(self.chars().get(start + first.map_or(0, |(at, _)| at)..end).unwrap_or_default()))
            }
            ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => match self.refolded_quote(start, end) {
                Some(quote) => pyscalar::quoted(self.chars(), quote).ok(),
                None if self.has_separator(start, end) || changed => {
                    pyscalar::opening_quote(self.chars(), start).and_then(|quote| pyscalar::quoted(self.chars(), quote).ok())
                }
                None => None,
            },
            ScalarStyle::Literal | ScalarStyle::Folded => self.block(&value, style == ScalarStyle::Folded, span, changed),
            _ => None,
        };
        match reread {
            Some(s) => Cow::Owned(s),
            None => value,
        }
    }

    /// A block scalar re-read when its lines hold LS/PS, it ends the stream unterminated,
    /// or its span holds a `changed` character.
    fn block(&self, value: &str, folded: bool, span: &Span, changed: bool) -> Option<String> {
        let (start, end) = (self.original(span.start.index()), self.original(span.end.index()));
        let at_stream_end = self.unterminated && end >= self.char_count;
        if !at_stream_end && !changed && self.separators.is_empty() {
            return None;
        }
        let has_content = value.chars().any(|c| c != '\n');
        // saphyr's span starts at the first content character, or, without content, at
        // the next token (or at the indicator when the stream ends first).
        let header_break = if !has_content && start < end {
            (start..end).find(|&i| self.chars().get(i).is_some_and(|&c| is_break(c)))?
        } else {
            self.header_break_before(start)?
        };
        if !at_stream_end && !changed && !self.has_separator(header_break, end) {
            return None;
        }
        let mut kept_breaks = value.chars().rev().take_while(|&c| c == '\n').count();
        // saphyr adds a `\n` of its own when the stream ends inside a content line (at
        // or past the indentation); PyYAML has no break there.
        if has_content && at_stream_end && span.end.col() >= span.start.col().max(1) {
            kept_breaks = kept_breaks.saturating_sub(1);
        }
        let block = Block { header_break, indent: has_content.then(|| span.start.col()), folded, kept_breaks, end };
        Some(pyscalar::block(self.chars(), &block))
    }

    /// The line break ending the header line: the first break of the blank lines that
    /// run back from `at` to the header.
    fn header_break_before(&self, at: usize) -> Option<usize> {
        let mut first_break = None;
        let mut i = at;
        while i > 0 {
            let c = *self.chars().get(i - 1)?;
            if is_break(c) {
                first_break = Some(i - 1);
            } else if c != ' ' && c != '\t' {
                break;
            }
            i -= 1;
        }
        first_break
    }
}

/// Whether `sorted` (ascending) holds an index within `from..to`.
fn has_within(sorted: &[usize], from: usize, to: usize) -> bool {
    let first = sorted.partition_point(|&i| i < from);
    sorted.get(first).is_some_and(|&i| i < to)
}

#[cfg(test)]
mod tests {
    use super::super::load::safe_load;
    use super::super::pyyaml_cases::assert_pyyaml_answers;
    use crate::emulate::python::repr::repr;
    use alloc::string::String;

    fn load_repr(yaml: &str) -> Option<String> {
        safe_load(yaml).ok().map(|v| repr(&v))
    }

    // Observed from PyYAML 6.0.3 (`yaml.safe_load`, pure-Python scanner).
    #[test]
    fn observed_pyyaml_values() {
        let cases: &[(&str, Option<&str>)] = &[
            ("a: 'next\u{85}  line'", Some("{'a': 'next line'}")),
            ("a: 'next\u{2028}  line'", Some("{'a': 'next\\u2028line'}")),
            ("a: 'next\n\u{2028}  line'", Some("{'a': 'next\\u2028line'}")),
            ("a: 'next \u{2028} \n line'", Some("{'a': 'next\\u2028\\nline'}")),
            ("a: \"x\\\u{2028}  y\"", Some("{'a': 'xy'}")),
            ("a: plain\u{2028}  more", Some("{'a': 'plain\\u2028more'}")),
            ("a: plain\u{2028}b: 2", Some("{'a': 'plain', 'b': 2}")),
            ("a: 1 # c\u{2028}b: 2", Some("{'a': 1, 'b': 2}")),
            ("a: |\n  x\u{2028}  y\n", Some("{'a': 'x\\u2028y\\n'}")),
            ("a: >\n  x\u{2028}  y\n  z\n", Some("{'a': 'x\\u2028y z\\n'}")),
            ("a: >\n  x\u{2028}\n  y\n", Some("{'a': 'x\\u2028\\ny\\n'}")),
            ("a: |-\n  x\u{2028}", Some("{'a': 'x'}")),
            ("a: |\n\u{2028}  x\n", Some("{'a': '\\u2028x\\n'}")),
            ("a: |+\n\u{2028}\u{2029}b: 1", Some("{'a': '\\u2028\\u2029', 'b': 1}")),
            ("a: |\n  x", Some("{'a': 'x'}")),
            ("[a\u{2028}b, c\u{2029} \u{2029}d]", Some("['a\\u2028b', 'c\\u2029\\u2029d']")),
            ("- x\u{2028}- y", Some("['x', 'y']")),
            ("a:\u{2028}  b: 1", Some("{'a': {'b': 1}}")),
            ("a: x\r\u{85}  y\n", Some("{'a': 'x\\ny'}")),
            ("k\u{2028}ey: v", None),
        ];
        for (yaml, expected) in cases {
            assert_eq!(load_repr(yaml).as_deref(), *expected, "{yaml:?}");
        }
    }

    /// Every case of tests/anpkg/yaml_linebreaks/cases.json (generate.py there).
    #[test]
    fn pyyaml_differential_cases() {
        assert_pyyaml_answers(include_str!("../../../../../tests/anpkg/yaml_linebreaks/cases.json"), 50);
    }
}
