//! saphyr's events as PyYAML's parser would give them: the syntax errors PyYAML raises
//! where saphyr-parser (YAML 1.2) reads on, found as the events go by (the text
//! changes before parsing are `pyyaml_rules.rs`).
use alloc::borrow::Cow;
use alloc::collections::BTreeSet;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use saphyr_parser::{Event, Marker, ScalarStyle, Span, StrInput};

use super::linebreaks::Source;
use super::load_error::LoadError;
use super::pyscalar;
use super::dialect::Dialect;

/// saphyr's parser over the loader's text, with PyYAML's refusal of empty implicit
/// keys, of flow-mapping keys whose `:` stands on a later line or 1024 characters on, of plain scalars in flow
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
    /// Line breaks of the text that the parser's has as blanks (ascending character
    /// indices): they still end a simple key's line.
    blanked_breaks: &'a [usize],
    /// Blanks the parser's text has and the text has not (ascending character indices).
    inserted: &'a [usize],
    /// Events made here to come before saphyr's next one (last first).
    pending: Vec<(Event<'a>, Span)>,
    /// The document's anchor names so far.
    anchors: BTreeSet<&'a str>,
    /// The character index where the last event's span ends (after a key, where the
    /// search for its `:` starts).
    last_end: usize,
    /// Where the text after the last event starts for [`Self::after_question_mark`]: a
    /// node's end, a collection event's start (saphyr's can span the `?` after them).
    last_gap: usize,
    /// A character index of `text` and its byte offset: spans count characters, and
    /// they come nearly in text order, so the conversion walks from the last one.
    at: (usize, usize),
}

struct Open {
    mapping: bool,
    nodes: usize,
    flow: bool,
    /// Where the mapping's latest key starts, and where the event before it ends
    /// (character indices): the text between holds the key's `?`, if it has one.
    key_start: usize,
    key_gap: usize,
}

impl<'a> Parser<'a> {
    pub(super) fn new(source: &'a Source<'_>, dialect: Dialect) -> Self {
        let text = source.parser_text();
        let events = saphyr_parser::Parser::new_from_str(text);
        let (blanked_breaks, inserted) = (source.blanked_breaks(), source.inserted());
        Parser { events, text, open: Vec::new(), dialect, blanked_breaks, inserted, pending: Vec::new(), anchors: BTreeSet::new(), last_end: 0, last_gap: 0, at: (0, 0) }
    }

    fn refuse(what: &str, span: &Span) -> Option<Result<(Event<'a>, Span), LoadError>> {
        Some(Err(syntax_at(what, span)))
    }

    pub(super) fn next_event(&mut self) -> Option<Result<(Event<'a>, Span), LoadError>> {
        let (mut event, mut span) = match self.pending.pop() {
            Some(made) => made,
            None => match self.events.next_event()? {
                Ok(next) => next,
                Err(e) => return Some(Err(LoadError::syntax(e))),
            },
        };
        let in_flow = self.open.last().is_some_and(|o| o.flow);
        if in_flow {
            if let Err(e) = self.explicit_flow_key(&mut event, &mut span) {
                return Some(Err(e));
            }
        }
        let node = matches!(event, Event::Scalar(..) | Event::Alias(_) | Event::SequenceStart(..) | Event::MappingStart(..));
        let key = node && self.open.last().is_some_and(|o| o.mapping && o.nodes % 2 == 0);
        let (last_end, this_end, last_gap) = (self.last_end, span.end.index(), self.last_gap);
        self.last_end = this_end;
        self.last_gap = if matches!(event, Event::Scalar(..) | Event::Alias(_)) { this_end } else { span.start.index() };
        if node {
            if let Some(o) = self.open.last_mut() {
                o.nodes += 1;
                if key {
                    (o.key_start, o.key_gap) = (span.start.index(), last_gap);
                } else if o.mapping && (in_flow || !self.blanked_breaks.is_empty()) {
                    // In a block mapping saphyr keeps a simple key on one line, but a
                    // quoted one may span lines the parser's text has as blanks.
                    let (key_start, key_gap) = (o.key_start, o.key_gap);
                    if self.colon_out_of_reach(key_gap, key_start, last_end) {
                        return Self::refuse("could not find expected ':' (a simple key spans lines or more than 1024 characters)", &span);
                    }
                }
            }
        }
        let anchor = match event {
            Event::Scalar(_, _, anchor, _) | Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => anchor,
            _ => 0,
        };
        if anchor != 0 || matches!(event, Event::Alias(_)) {
            let (name, next) = self.anchor_name(&span);
            // PyYAML ends a name where a blank, `?`, `:`, `,`, `]`, `}`, `%`, `@` or a
            // backquote follows; saphyr also at `[` and `{`, which PyYAML refuses.
            if !is_pyyaml_name(name) || matches!(next, Some('[' | '{')) {
                return Self::refuse("expected alphabetic or numeric character in an anchor or alias name", &span);
            }
            if anchor != 0 && !self.anchors.insert(name) {
                return Self::refuse(&format!("found duplicate anchor '{name}'"), &span);
            }
        }
        match &event {
            // PyYAML opens a document at the stream's first token, whatever it is.
            Event::StreamStart if starts_with_document_end(self.text) => {
                return Self::refuse("expected the node content, but found '<document end>'", &span);
            }
            Event::DocumentStart(_) => self.anchors.clear(),
            // YAML 1.2 lets a root block scalar's content start at column 0; PyYAML (and
            // libyaml) want one blank, and read a token after an empty scalar there.
            Event::Scalar(value, ScalarStyle::Literal | ScalarStyle::Folded, 0, None)
                if self.open.is_empty() && span.start.col() == 0 && value.contains(|c| c != '\n') && !self.text_at(&span).starts_with('#') =>
            {
                return Self::refuse("expected '<document start>', but found another token after a root block scalar", &span);
            }
            Event::Scalar(value, ScalarStyle::Plain, 0, None) if key && value.is_empty() && self.is_bare_value_indicator(last_gap, &span) => {
                return Self::refuse("expected a key before ':'", &span);
            }
            // PyYAML ends a plain scalar at `?` in a flow collection (the `?` then stands
            // where no key can start), and reads a `:` starting one as a value indicator.
            Event::Scalar(_, ScalarStyle::Plain, ..) if in_flow && self.flow_plain_refused(&span) => {
                return Self::refuse("a plain scalar in a flow collection starts with ':', '|' or '>' or holds '?'", &span);
            }
            Event::Scalar(value, ScalarStyle::Plain, ..) if in_flow && !value.is_empty() && self.libyaml_colon_refused(&span) => {
                return Self::refuse("while scanning a plain scalar, found unexpected ':'", &span);
            }
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                let opens_flow = self.opens_flow(&span);
                self.open.push(Open { mapping: matches!(event, Event::MappingStart(..)), nodes: 0, flow: in_flow || opens_flow, key_start: 0, key_gap: 0 });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                self.open.pop();
            }
            _ => {}
        }
        Some(Ok((event, span)))
    }

    /// PyYAML reads a `?` in a flow collection as a key's indicator, a blank after it
    /// or not (`[?a]` is `[{'a': None}]`, `{?a: b}` is `{'a': 'b'}`); saphyr reads `?a`
    /// as a plain scalar. That scalar becomes the key it stands for: in a sequence, the
    /// key of a mapping of one pair with an empty value. In a value's place it is
    /// PyYAML's error; a key that is no plain scalar (`?'a'`, `?&x a`) is refused too.
    fn explicit_flow_key(&mut self, event: &mut Event<'a>, span: &mut Span) -> Result<(), LoadError> {
        let Event::Scalar(value, ScalarStyle::Plain, 0, None) = &*event else { return Ok(()) };
        let Some(key) = value.strip_prefix('?') else { return Ok(()) };
        let Some(parent) = self.open.last() else { return Ok(()) };
        // An empty key (`[?]`, `{?, a}`) is null.
        let plain_key = key.chars().next().map_or(true, |c| !"'\"&*!?:[]{}|>#%@`,".contains(c));
        if (parent.mapping && parent.nodes % 2 == 1) || !plain_key {
            return Err(syntax_at("expected the node content, but found '?'", span));
        }
        let key = Event::Scalar(Cow::Owned(String::from(key)), ScalarStyle::Plain, 0, None);
        // The key's text starts after the `?` (a scalar may be read again from it).
        let (start, whole) = (span.start, *span);
        let key_span = Span::new(Marker::new(start.index() + 1, start.line(), start.col() + 1), span.end);
        if parent.mapping {
            (*event, *span) = (key, key_span);
        } else {
            self.pending.push((Event::MappingEnd, whole));
            self.pending.push((Event::Scalar(Cow::Borrowed(""), ScalarStyle::Plain, 0, None), whole));
            self.pending.push((key, key_span));
            // The mapping starts, and ends, before the `?`: its key's indicator.
            (*event, *span) = (Event::MappingStart(0, None), Span::new(start, start));
        }
        Ok(())
    }

    /// An empty key's span sits on the `:` after it; unless that key was opened by a
    /// `?` (after the event before, which ends at character `gap`), the key is nothing
    /// but the `:`.
    fn is_bare_value_indicator(&mut self, gap: usize, span: &Span) -> bool {
        let at = self.byte_offset(span.start.index());
        let gap = self.byte_offset(gap);
        self.text.as_bytes().get(at) == Some(&b':') && !self.after_question_mark(gap, at)
    }

    /// Whether PyYAML's scanner has dropped the simple key starting at character
    /// `key_start` by the time it reaches the `:` after the key (which ends at
    /// `key_end`): the `:` stands on a later line or more than 1024 characters on.
    /// PyYAML then reads the `:` without a key, an error. A key
    /// opened by `?` (after `key_gap`, where the event before it ends), or one without
    /// a `:` (`{a\n b}`), is not a simple key.
    fn colon_out_of_reach(&mut self, key_gap: usize, key_start: usize, key_end: usize) -> bool {
        let gap = self.byte_offset(key_gap);
        let (start, end) = (self.byte_offset(key_start), self.byte_offset(key_end));
        let bytes = self.text.as_bytes();
        // The next token: blanks, line breaks and comments skipped.
        let mut at = end.max(start);
        while let Some(&b) = bytes.get(at) {
            match b {
                b' ' | b'\t' | b'\n' | b'\r' => at += 1,
                b'#' => at = bytes[at..].iter().position(|&b| matches!(b, b'\n' | b'\r')).map_or(bytes.len(), |i| at + i),
                _ => break,
            }
        }
        if bytes.get(at) != Some(&b':') {
            return false;
        }
        let colon = key_end + self.text[end.max(start)..at].chars().count();
        let blanked = self.blanked_breaks.partition_point(|&i| i < key_start);
        let spans_lines = bytes[start..at].iter().any(|&b| matches!(b, b'\n' | b'\r'))
            || self.blanked_breaks.get(blanked).is_some_and(|&i| i < colon);
        let far = at - start > 1024 && self.text[start..at].chars().count() > 1024;
        (spans_lines || far) && !self.after_question_mark(gap, start)
    }

    /// Whether the last token between bytes `gap` (where the event before ends) and
    /// `at` is a `?` (an explicit key's indicator). No scalar stands between two events,
    /// so there a `#` after a blank or a line break starts a comment (a `#` in a quoted
    /// scalar earlier on the line is not one).
    fn after_question_mark(&self, gap: usize, at: usize) -> bool {
        let bytes = self.text.as_bytes();
        let from = gap.min(at);
        let (mut last, mut comment) = (None, false);
        let mut before = from.checked_sub(1).map_or(b'\n', |i| bytes[i]);
        for &b in &bytes[from..at] {
            match b {
                b'\n' | b'\r' => comment = false,
                _ if comment => {}
                b' ' | b'\t' => {}
                b'#' if matches!(before, b' ' | b'\t' | b'\n' | b'\r') => comment = true,
                _ => last = Some(b),
            }
            before = b;
        }
        last == Some(b'?')
    }

    /// The name of the anchor of the node whose span starts at its tag or its anchor, or
    /// of the alias at `span`, as saphyr reads it, and the character after it.
    fn anchor_name(&mut self, span: &Span) -> (&'a str, Option<char>) {
        let text: &'a str = self.text;
        let start = self.byte_offset(span.start.index());
        let rest = &text[start..];
        let rest = if rest.starts_with('!') { rest.trim_start_matches(|c: char| !c.is_whitespace()).trim_start() } else { rest };
        let name = rest.strip_prefix(['&', '*']).unwrap_or(rest);
        let end = name.find(|c: char| c.is_whitespace() || matches!(c, ',' | '[' | ']' | '{' | '}')).unwrap_or(name.len());
        (&name[..end], name[end..].chars().next())
    }

    /// A plain scalar of a flow collection starting with `:`, `|` or `>` (indicators
    /// there for PyYAML), or (PyYAML's scanner, not libyaml's) holding a `?`.
    fn flow_plain_refused(&mut self, span: &Span) -> bool {
        let start = self.byte_offset(span.start.index());
        let end = self.byte_offset(span.end.index());
        let span_text = &self.text[start..end.max(start)];
        // A leading `?` is an explicit key's (`explicit_flow_key`).
        let plain = span_text.strip_prefix('?').unwrap_or(span_text).as_bytes();
        // Past the anchor and tag the span may start at, a block scalar's indicator and a
        // key's are refused too (`[!!str |a]`, `[&a?]`).
        let properties = span_text.starts_with(['&', '!']);
        let content = properties.then(|| pyscalar::content_start(span_text.char_indices())).flatten().map(|(_, c)| c);
        // A `-` then a blank is a block sequence's entry, refused in a flow collection.
        let entry = matches!(plain, [b'-', b' ' | b'\t' | b'\n' | b'\r', ..]);
        matches!(plain.first(), Some(b':' | b'|' | b'>'))
            || entry
            || matches!(content, Some('|' | '>' | '?'))
            || (self.dialect == Dialect::Python && plain.contains(&b'?'))
    }

    /// libyaml (the bundled 0.2.x) ends a plain scalar of a flow collection in an error
    /// at a `:` (after blanks) followed by one of `,?[]{}` (`{a:}`, `{a :[b]}`, `[a:?]`),
    /// where PyYAML reads a value indicator.
    fn libyaml_colon_refused(&mut self, span: &Span) -> bool {
        if self.dialect != Dialect::LibYaml {
            return false;
        }
        let (start, end) = (self.byte_offset(span.start.index()), self.byte_offset(span.end.index()));
        let text: &'a str = self.text;
        // saphyr reads a `:` before `?` into the scalar; before the others it ends there.
        let inside = text.get(start..end).is_some_and(|plain| plain.contains(":?"));
        let rest = &text[end..];
        let after = rest.trim_start_matches([' ', '\t']).as_bytes();
        // The blank `make_readable` may have put after that `:` is not libyaml's.
        let colon = span.end.index() + (rest.len() - after.len());
        let next = if self.inserted.binary_search(&(colon + 1)).is_ok() { after.get(2) } else { after.get(1) };
        inside || (after.first() == Some(&b':') && matches!(next, Some(b',' | b'?' | b'[' | b']' | b'{' | b'}')))
    }

    /// Whether a collection's start event at `span` (its anchor, tag, bracket and the
    /// blanks after them) opens a flow collection.
    fn opens_flow(&mut self, span: &Span) -> bool {
        let (start, end) = (self.byte_offset(span.start.index()), self.byte_offset(span.end.index()));
        let text: &'a str = self.text;
        pyscalar::content_start(text[start..end.max(start)].char_indices()).is_some_and(|(_, c)| matches!(c, '[' | '{'))
    }

    /// The text from where `span` starts.
    fn text_at(&mut self, span: &Span) -> &'a str {
        let text: &'a str = self.text;
        &text[self.byte_offset(span.start.index())..]
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

/// Whether the first token of `text` (blank lines and comment lines skipped) is a
/// document end marker, `...` at a line's start before a blank or the end of a line.
fn starts_with_document_end(text: &str) -> bool {
    let mut lines = text.split(pyscalar::is_break);
    let Some(line) = lines.find(|line| !matches!(line.trim_start_matches(' ').chars().next(), None | Some('#'))) else { return false };
    line.strip_prefix("...").is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
}

/// PyYAML's syntax error `what` where `span` starts.
fn syntax_at(what: &str, span: &Span) -> LoadError {
    let at = &span.start;
    LoadError::syntax(format!("{what} at byte {} line {} column {}", at.index(), at.line(), at.col() + 1))
}

/// Whether PyYAML reads `name` (saphyr's anchor or alias name) as the same name: its
/// names are ASCII letters, digits, `-` and `_`. A name that runs on into one of the
/// characters PyYAML may stop at (`?:,]}%@` and backquote) reads otherwise there, not
/// as an error; that is left as saphyr reads it (a known gap).
fn is_pyyaml_name(name: &str) -> bool {
    match name.find(|c: char| !pyscalar::is_name_char(c)) {
        Some(0) => false,
        Some(at) => matches!(name.as_bytes()[at], b'?' | b':' | b',' | b']' | b'}' | b'%' | b'@' | b'`'),
        None => !name.is_empty(),
    }
}
