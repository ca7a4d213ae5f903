//! saphyr-parser's events for the usual shape of a YAML config file, read a line at a
//! time instead of a character at a time.
//!
//! saphyr's scanner is general; it reads a `char` at a time and grows every scalar a
//! character at a time, which is most of what a load costs. Config files are mostly
//! block mappings and sequences of one-line scalars. This reader handles exactly that
//! shape: block collections (indentless sequences included), one-line plain and
//! quoted scalars, one-line flow collections, and literal and folded block scalars
//! without indentation indicators, `+` chomping or more-indented lines. Plain scalars
//! are borrowed from the text.
//!
//! Anything else (tabs, `\r`, directives, document markers, anchors, aliases, tags,
//! `?` keys, multi-line scalars or flow collections, and every syntax error) is
//! [`Unsupported`]: the loader then reads the whole text again with saphyr, so
//! whatever this reader declines is decided exactly as before. Where it finishes, its
//! events are saphyr's; the tests hold the two readers to that on generated and
//! mutated documents. No recursion: nesting lives in `blocks` and `flows`.
use alloc::borrow::Cow;
use alloc::collections::VecDeque;
use alloc::string::String;
use alloc::vec::Vec;

use saphyr_parser::{Event, ScalarStyle};

/// The text leaves the shape this reader handles (or is not well-formed).
#[derive(Debug)]
pub(super) struct Unsupported;

type Read<T> = Result<T, Unsupported>;

/// An open block collection and the column of its keys or `-`s.
#[derive(Clone, Copy)]
struct Block {
    mapping: bool,
    col: usize,
    /// A sequence whose `-`s sit at its parent key's column.
    indentless: bool,
}

/// An open flow collection and what may come next in it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Flow {
    /// `[` read, or `,` (`first` false).
    SeqItem { first: bool },
    SeqAfterItem,
    /// `{` read, or `,` (`first` false).
    MapKey { first: bool },
    MapValue,
    MapAfterValue,
}

/// Deepest flow nesting read here (deeper text goes to saphyr and the loader's limits).
const MAX_FLOW_DEPTH: usize = 64;
/// saphyr rejects a simple key longer than 1024 characters; leave long keys to it.
const MAX_KEY_BYTES: usize = 1000;

pub(super) struct SimpleEvents<'a> {
    text: &'a str,
    /// Next byte to read: a line start in block context, within the flow collection's
    /// line (up to `flow_eol`) in flow context.
    pos: usize,
    blocks: Vec<Block>,
    flows: Vec<Flow>,
    /// End (the `\n`) of the line a flow collection is on.
    flow_eol: usize,
    /// A key or `-` whose value starts on a later line, or is empty: the collection
    /// holding it.
    awaiting: Option<Block>,
    /// The last value read ended a line as a plain or block scalar: a more-indented
    /// comment line after it is left to saphyr.
    after_scalar: bool,
    pending: VecDeque<Event<'a>>,
    rooted: bool,
    done: bool,
}

fn scalar(value: Cow<'_, str>, style: ScalarStyle) -> Event<'_> {
    Event::Scalar(value, style, 0, None)
}

fn empty_scalar<'a>() -> Event<'a> {
    scalar(Cow::Borrowed(""), ScalarStyle::Plain)
}

/// Characters that cannot start a plain scalar here (`-` only before a blank).
fn is_indicator(b: u8) -> bool {
    matches!(b, b'-' | b'?' | b':' | b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|' | b'>' | b'\'' | b'"' | b'%' | b'@' | b'`')
}

fn is_flow(b: u8) -> bool {
    matches!(b, b',' | b'[' | b']' | b'{' | b'}')
}

impl<'a> SimpleEvents<'a> {
    /// `None` when the text has what this reader never handles (checked up front, a
    /// block of bytes at a time).
    pub(super) fn new(text: &'a str) -> Option<Self> {
        let bytes = text.as_bytes();
        let odd = bytes.chunks(64).any(|block| block.iter().fold(false, |odd, &b| odd | (b == b'\t') | (b == b'\r')));
        if odd || !text.ends_with('\n') || (!text.is_ascii() && text.contains('\u{feff}')) {
            return None;
        }
        Some(SimpleEvents {
            text,
            pos: 0,
            blocks: Vec::new(),
            flows: Vec::new(),
            flow_eol: 0,
            awaiting: None,
            after_scalar: false,
            pending: VecDeque::from([Event::StreamStart, Event::DocumentStart(false)]),
            rooted: false,
            done: false,
        })
    }

    pub(super) fn next_event(&mut self) -> Option<Read<Event<'a>>> {
        loop {
            if let Some(event) = self.pending.pop_front() {
                return Some(Ok(event));
            }
            if self.done {
                return None;
            }
            if let Err(u) = self.step() {
                self.done = true;
                return Some(Err(u));
            }
        }
    }

    fn byte(&self, i: usize) -> u8 {
        self.text.as_bytes()[i]
    }

    fn eol(&self, from: usize) -> usize {
        // The text ends with `\n` (checked in `new`).
        self.text[from..].find('\n').map_or(self.text.len(), |i| from + i)
    }

    fn skip_spaces(&self, mut i: usize, end: usize) -> usize {
        while i < end && self.byte(i) == b' ' {
            i += 1;
        }
        i
    }

    /// Nothing but spaces and a comment from `i` to `eol` (a `#` must follow a space).
    fn rest_is_blank(&self, i: usize, eol: usize) -> bool {
        let j = self.skip_spaces(i, eol);
        j == eol || (j > i && self.byte(j) == b'#')
    }

    fn step(&mut self) -> Read<()> {
        if !self.flows.is_empty() {
            return self.flow_token();
        }
        match self.next_content_line()? {
            Some((start, col, eol)) => self.block_line(start, col, eol),
            None => self.finish(),
        }
    }

    /// Skips blank and comment lines; the first non-space byte of the next content
    /// line, its column and the line's end.
    fn next_content_line(&mut self) -> Read<Option<(usize, usize, usize)>> {
        while self.pos < self.text.len() {
            let eol = self.eol(self.pos);
            let start = self.skip_spaces(self.pos, eol);
            let col = start - self.pos;
            if start == eol {
                self.pos = eol + 1;
                continue;
            }
            if self.byte(start) == b'#' {
                let current = self.blocks.last().map_or(0, |b| b.col);
                if self.after_scalar && col > current {
                    return Err(Unsupported);
                }
                self.pos = eol + 1;
                continue;
            }
            self.after_scalar = false;
            return Ok(Some((start, col, eol)));
        }
        Ok(None)
    }

    fn open_block(&mut self, block: Block) {
        self.blocks.push(block);
        self.pending.push_back(if block.mapping { Event::MappingStart(0, None) } else { Event::SequenceStart(0, None) });
    }

    fn close_block(&mut self) {
        if let Some(b) = self.blocks.pop() {
            self.pending.push_back(if b.mapping { Event::MappingEnd } else { Event::SequenceEnd });
        }
    }

    fn block_line(&mut self, start: usize, col: usize, eol: usize) -> Read<()> {
        let line = &self.text.as_bytes()[start..eol];
        if col == 0 && (line.starts_with(b"---") || line.starts_with(b"...")) {
            return Err(Unsupported);
        }
        let entry = line == b"-" || line.starts_with(b"- ");
        if !self.rooted {
            if col != 0 {
                return Err(Unsupported);
            }
            self.rooted = true;
            self.open_block(Block { mapping: !entry, col, indentless: false });
        } else if let Some(parent) = self.awaiting.take() {
            if col > parent.col {
                self.open_block(Block { mapping: !entry, col, indentless: false });
            } else if col == parent.col && parent.mapping && entry {
                self.open_block(Block { mapping: false, col, indentless: true });
            } else {
                self.pending.push_back(empty_scalar());
            }
        }
        while let Some(top) = self.blocks.last() {
            if top.col > col || (top.indentless && top.col == col && !entry) {
                self.close_block();
            } else {
                break;
            }
        }
        let top = *self.blocks.last().ok_or(Unsupported)?;
        if top.col != col || top.mapping == entry {
            return Err(Unsupported);
        }
        self.pos = eol + 1;
        if top.mapping {
            let after_colon = self.key(start, eol)?.ok_or(Unsupported)?;
            return self.block_value(after_colon, eol);
        }
        if self.rest_is_blank(start + 1, eol) {
            self.awaiting = Some(top);
            return Ok(());
        }
        let item = self.skip_spaces(start + 1, eol);
        // `- - x`, a sequence opening in an entry, is left to saphyr.
        if self.byte(item) == b'-' && (item + 1 == eol || self.byte(item + 1) == b' ') {
            return Err(Unsupported);
        }
        // `- key: value` opens a mapping at the key's column.
        let line_start = start - col;
        self.open_block(Block { mapping: true, col: item - line_start, indentless: false });
        match self.key(item, eol)? {
            Some(after_colon) => self.block_value(after_colon, eol),
            None => {
                self.blocks.pop();
                self.pending.pop_back();
                self.block_value(item, eol)
            }
        }
    }

    /// A simple key at `i` followed by `:` and a blank: queues its scalar and returns
    /// where its value may start; `None` when the line holds no such key.
    fn key(&mut self, i: usize, eol: usize) -> Read<Option<usize>> {
        let b = self.byte(i);
        let (value, style, end) = if b == b'\'' || b == b'"' {
            let (value, style, end) = self.quoted(i, eol)?;
            if end == eol || self.byte(end) != b':' {
                return Ok(None);
            }
            (value, style, end)
        } else if is_indicator(b) {
            return Ok(None);
        } else {
            let bytes = self.text.as_bytes();
            let mut j = i;
            loop {
                if j == eol {
                    return Ok(None);
                }
                match bytes[j] {
                    b':' if j + 1 == eol || bytes[j + 1] == b' ' => break,
                    b'#' if bytes[j - 1] == b' ' => return Ok(None),
                    _ => j += 1,
                }
            }
            if bytes[j - 1] == b' ' {
                return Err(Unsupported);
            }
            (Cow::Borrowed(&self.text[i..j]), ScalarStyle::Plain, j)
        };
        if end - i > MAX_KEY_BYTES || !(end + 1 == eol || self.byte(end + 1) == b' ') {
            return Err(Unsupported);
        }
        self.pending.push_back(scalar(value, style));
        Ok(Some(end + 1))
    }

    /// The value after a key's `:` or a `-`, from `i` to the end of the line.
    fn block_value(&mut self, i: usize, eol: usize) -> Read<()> {
        let top = *self.blocks.last().ok_or(Unsupported)?;
        if self.rest_is_blank(i, eol) {
            self.awaiting = Some(top);
            return Ok(());
        }
        let i = self.skip_spaces(i, eol);
        match self.byte(i) {
            b'[' | b'{' => {
                self.flow_eol = eol;
                self.pos = i;
                self.flow_token()
            }
            b'|' | b'>' => {
                if top.indentless {
                    return Err(Unsupported);
                }
                self.block_scalar(i, eol, top.col)
            }
            b'\'' | b'"' => {
                let (value, style, end) = self.quoted(i, eol)?;
                if !self.rest_is_blank(end, eol) {
                    return Err(Unsupported);
                }
                self.pending.push_back(scalar(value, style));
                Ok(())
            }
            b'-' if i + 1 < eol && self.byte(i + 1) != b' ' => self.plain_block(i, eol),
            b if is_indicator(b) => Err(Unsupported),
            _ => self.plain_block(i, eol),
        }
    }

    /// A one-line plain scalar in block context (ends at a comment or the line's end).
    fn plain_block(&mut self, i: usize, eol: usize) -> Read<()> {
        let bytes = self.text.as_bytes();
        let mut end = eol;
        let mut j = i;
        while j < eol {
            match bytes[j] {
                b':' if j + 1 == eol || bytes[j + 1] == b' ' => return Err(Unsupported),
                b'#' if bytes[j - 1] == b' ' => {
                    end = j;
                    break;
                }
                _ => j += 1,
            }
        }
        while bytes[end - 1] == b' ' {
            end -= 1;
        }
        self.pending.push_back(scalar(Cow::Borrowed(&self.text[i..end]), ScalarStyle::Plain));
        self.after_scalar = true;
        Ok(())
    }

    /// A quoted scalar on one line starting at `i`: its value, style and the byte
    /// after its closing quote.
    fn quoted(&self, i: usize, eol: usize) -> Read<(Cow<'a, str>, ScalarStyle, usize)> {
        let bytes = self.text.as_bytes();
        let quote = bytes[i];
        let mut owned: Option<String> = None;
        let mut run = i + 1;
        let mut j = i + 1;
        loop {
            if j >= eol {
                return Err(Unsupported);
            }
            let b = bytes[j];
            if quote == b'\'' && b == b'\'' {
                if j + 1 < eol && bytes[j + 1] == b'\'' {
                    let s = owned.get_or_insert_with(String::new);
                    s.push_str(&self.text[run..=j]);
                    j += 2;
                    run = j;
                    continue;
                }
                break;
            }
            if quote == b'"' && b == b'"' {
                break;
            }
            if quote == b'"' && b == b'\\' {
                let unescaped = match bytes.get(j + 1) {
                    Some(b'\\') => '\\',
                    Some(b'"') => '"',
                    Some(b'/') => '/',
                    Some(b'n') => '\n',
                    Some(b't') => '\t',
                    _ => return Err(Unsupported),
                };
                let s = owned.get_or_insert_with(String::new);
                s.push_str(&self.text[run..j]);
                s.push(unescaped);
                j += 2;
                run = j;
                continue;
            }
            j += 1;
        }
        let style = if quote == b'\'' { ScalarStyle::SingleQuoted } else { ScalarStyle::DoubleQuoted };
        let value = match owned {
            None => Cow::Borrowed(&self.text[i + 1..j]),
            Some(mut s) => {
                s.push_str(&self.text[run..j]);
                Cow::Owned(s)
            }
        };
        Ok((value, style, j + 1))
    }

    /// `|`, `|-`, `>` or `>-` at `i`; `parent` is the column of the collection holding
    /// the key or `-`. Its lines run while they are indented at least as far as the first.
    fn block_scalar(&mut self, i: usize, eol: usize, parent: usize) -> Read<()> {
        let bytes = self.text.as_bytes();
        let folded = bytes[i] == b'>';
        let mut h = i + 1;
        let strip = h < eol && bytes[h] == b'-';
        if strip {
            h += 1;
        }
        // Only spaces (and a comment) may follow the header.
        if h < eol && (bytes[h] != b' ' || !self.rest_is_blank(h, eol)) {
            return Err(Unsupported);
        }
        let mut out = String::new();
        let mut indent = 0;
        let mut blanks = 0usize;
        let mut lines = 0usize;
        let mut p = eol + 1;
        while p < self.text.len() {
            let le = self.eol(p);
            let spaces = self.skip_spaces(p, le) - p;
            if p + spaces == le {
                if lines == 0 || spaces > indent {
                    return Err(Unsupported);
                }
                blanks += 1;
                p = le + 1;
                continue;
            }
            if lines == 0 {
                if spaces <= parent {
                    return Err(Unsupported);
                }
                indent = spaces;
            } else if spaces < indent {
                break;
            }
            if folded && spaces > indent {
                return Err(Unsupported);
            }
            let content = &self.text[p + indent..le];
            if folded {
                match (lines, blanks) {
                    (0, _) => {}
                    (_, 0) => out.push(' '),
                    (_, n) => out.extend(core::iter::repeat('\n').take(n)),
                }
                out.push_str(content);
            } else {
                out.extend(core::iter::repeat('\n').take(blanks));
                out.push_str(content);
                out.push('\n');
            }
            blanks = 0;
            lines += 1;
            p = le + 1;
        }
        if lines == 0 {
            return Err(Unsupported);
        }
        if folded && !strip {
            out.push('\n');
        } else if !folded && strip {
            out.pop();
        }
        self.pos = p;
        self.after_scalar = true;
        let style = if folded { ScalarStyle::Folded } else { ScalarStyle::Literal };
        self.pending.push_back(scalar(Cow::Owned(out), style));
        Ok(())
    }

    /// One token of a one-line flow collection at `pos`.
    fn flow_token(&mut self) -> Read<()> {
        let eol = self.flow_eol;
        let i = self.skip_spaces(self.pos, eol);
        if i == eol {
            return Err(Unsupported);
        }
        let b = self.byte(i);
        let state = self.flows.last().copied();
        match (state, b) {
            (Some(Flow::SeqAfterItem), b',') => self.set_flow(Flow::SeqItem { first: false }, i + 1),
            (Some(Flow::MapAfterValue), b',') => self.set_flow(Flow::MapKey { first: false }, i + 1),
            (Some(Flow::SeqItem { first: true } | Flow::SeqAfterItem), b']')
            | (Some(Flow::MapKey { first: true } | Flow::MapAfterValue), b'}') => {
                self.flows.pop();
                self.pending.push_back(if b == b']' { Event::SequenceEnd } else { Event::MappingEnd });
                self.pos = i + 1;
                if self.flows.is_empty() {
                    if !self.rest_is_blank(i + 1, eol) {
                        return Err(Unsupported);
                    }
                    self.pos = eol + 1;
                }
                Ok(())
            }
            (None | Some(Flow::SeqItem { .. } | Flow::MapValue), _) => {
                let after = match state {
                    Some(Flow::MapValue) => Some(Flow::MapAfterValue),
                    Some(_) => Some(Flow::SeqAfterItem),
                    None => None,
                };
                if let (Some(after), Some(top)) = (after, self.flows.last_mut()) {
                    *top = after;
                }
                self.flow_item(i, eol)
            }
            (Some(Flow::MapKey { .. }), _) => {
                let (value, style, end) = match b {
                    b'\'' | b'"' => self.quoted(i, eol)?,
                    _ => {
                        let (end, stop) = self.plain_flow(i, eol)?;
                        if stop != Some(b':') {
                            return Err(Unsupported);
                        }
                        (Cow::Borrowed(&self.text[i..end]), ScalarStyle::Plain, end)
                    }
                };
                if end + 1 >= eol || self.byte(end) != b':' || self.byte(end + 1) != b' ' || end - i > MAX_KEY_BYTES {
                    return Err(Unsupported);
                }
                self.pending.push_back(scalar(value, style));
                self.set_flow(Flow::MapValue, end + 1)
            }
            _ => Err(Unsupported),
        }
    }

    fn set_flow(&mut self, state: Flow, pos: usize) -> Read<()> {
        if let Some(top) = self.flows.last_mut() {
            *top = state;
        }
        self.pos = pos;
        Ok(())
    }

    /// A collection, quoted or plain scalar as a flow item or value.
    fn flow_item(&mut self, i: usize, eol: usize) -> Read<()> {
        match self.byte(i) {
            b @ (b'[' | b'{') => {
                if self.flows.len() >= MAX_FLOW_DEPTH {
                    return Err(Unsupported);
                }
                let seq = b == b'[';
                self.flows.push(if seq { Flow::SeqItem { first: true } } else { Flow::MapKey { first: true } });
                self.pending.push_back(if seq { Event::SequenceStart(0, None) } else { Event::MappingStart(0, None) });
                self.pos = i + 1;
            }
            b'\'' | b'"' => {
                let (value, style, end) = self.quoted(i, eol)?;
                self.pending.push_back(scalar(value, style));
                self.pos = end;
            }
            _ => {
                let (end, stop) = self.plain_flow(i, eol)?;
                if !matches!(stop, Some(b',' | b']' | b'}')) {
                    return Err(Unsupported);
                }
                self.pending.push_back(scalar(Cow::Borrowed(&self.text[i..end]), ScalarStyle::Plain));
                self.pos = end;
            }
        }
        if self.flows.is_empty() {
            return Err(Unsupported);
        }
        Ok(())
    }

    /// A plain scalar in flow context at `i`: where it ends (trailing spaces left out)
    /// and the byte that ended it (`None` at the line's end or a comment).
    fn plain_flow(&self, i: usize, eol: usize) -> Read<(usize, Option<u8>)> {
        let bytes = self.text.as_bytes();
        let b = bytes[i];
        let safe_dash = b == b'-' && i + 1 < eol && !matches!(bytes[i + 1], b' ') && !is_flow(bytes[i + 1]);
        if is_indicator(b) && !safe_dash {
            return Err(Unsupported);
        }
        let mut j = i;
        let stop = loop {
            if j == eol {
                break None;
            }
            match bytes[j] {
                c if is_flow(c) => break Some(c),
                // saphyr rejects `-` before a flow indicator anywhere in the scalar.
                b'-' if j + 1 < eol && is_flow(bytes[j + 1]) => return Err(Unsupported),
                // PyYAML ends a plain scalar at `?` in flow context (pyyaml_rules.rs).
                b'?' => return Err(Unsupported),
                b':' if j + 1 == eol || bytes[j + 1] == b' ' || is_flow(bytes[j + 1]) => break Some(b':'),
                b'#' if bytes[j - 1] == b' ' => break None,
                _ => j += 1,
            }
        };
        let mut end = j;
        while bytes[end - 1] == b' ' {
            end -= 1;
        }
        Ok((end, stop))
    }

    fn finish(&mut self) -> Read<()> {
        if !self.rooted {
            return Err(Unsupported);
        }
        if self.awaiting.take().is_some() {
            self.pending.push_back(empty_scalar());
        }
        while !self.blocks.is_empty() {
            self.close_block();
        }
        self.pending.extend([Event::DocumentEnd, Event::StreamEnd]);
        self.done = true;
        Ok(())
    }
}

#[cfg(test)]
#[path = "simple_events_tests.rs"]
mod tests;
