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
//!   ("expected <block end>, but found ':'"). `pyyaml_parser.rs` refuses it as it reads, with
//!   the other rules it names (a flow key's `:` on a later line, indicators in flow
//!   plain scalars, anchor names, anchors given twice).
//!
//! libyaml's loader (the exporter's, [`Dialect::LibYaml`]) reads tabs between tokens
//! and `?` in flow plain scalars as YAML 1.2 does, so those two rules are PyYAML's
//! scanner's only; it shares the others, and the changes below. It also reads two tabs
//! saphyr refuses, changed to spaces for it alone: after a simple key's `:`
//! (`a:\tb`), and leading a line of a flow collection, and a comment right after a
//! block scalar's header (`a: |#c`). Where libyaml refuses a tab saphyr reads (where a
//! key may start in a block collection), [`check_libyaml_tabs`] refuses it.
//!
//! And where PyYAML reads what saphyr refuses, [`make_readable`] changes the text
//! saphyr reads, one character for one, after saphyr's error:
//! * a comment right after a token (`a: 'x'#c`, `[a]#c`, `[#c`; PyYAML starts a
//!   comment at any `#` between tokens, saphyr wants a blank first) is blanked;
//! * a tab among the leading blanks of a quoted scalar's continuation line (PyYAML
//!   skips it with the spaces; saphyr calls it indentation) becomes a space;
//! * lines less indented than the block around them, where PyYAML has no indentation
//!   rule: a quoted scalar's continuation lines (`a: 'x\ny'`), and the lines of a
//!   flow collection (`k:\n  m: [a,\n  b]`). Their line breaks (and comments between
//!   flow tokens) become blanks, and the scalars over them are read again from the
//!   original text ([`Source`]), so no value changes; a simple key keeps its line
//!   breaks (PyYAML refuses `{a\n: 1}` after the change too).
//! * a `-` right before a flow indicator in a flow collection (`[-]`, `[a -]`; PyYAML
//!   and libyaml read it into a plain scalar, saphyr refuses it) becomes another plain
//!   character, and the scalar over it is read again from the original text.
//!
//! Three changes add a blank instead (saphyr's spans are mapped back past it): before
//! the `:` or `?` an anchor or alias name runs into (`&port: 8080`: PyYAML ends the
//! name there, saphyr reads it into the name), after a `:` right before a flow
//! collection in a flow collection (`{a:[b]}`: the value indicator for PyYAML, saphyr
//! wants a blank after a plain key; libyaml refuses it after a plain scalar, which
//! `pyyaml_parser.rs` checks), and after an indicator that ends the text (`a: 1\n?`;
//! PyYAML reads the end as a blank).
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::ops::Range;

use saphyr_parser::{Event, Marker, ScalarStyle, ScanError};

use super::dialect::Dialect;
use super::linebreaks::Source;
use super::load_error::LoadError;
use super::pyscalar;

/// What this module does before the parser reads a text: with a tab in it (or an
/// anchor name running into a `:`, which saphyr may read without an error),
/// [`make_readable`], then [`check_tabs`], both on one [`Scan`] of the text as it ends
/// up. A text without either (the usual config file) costs two byte searches; whether
/// the text was scanned is the answer ([`reread_after_error`] is for the others).
pub(super) fn prepare(source: &mut Source<'_>, dialect: Dialect) -> Result<bool, LoadError> {
    let seen = tabs_and_anchors(source.parser_text().as_bytes());
    if seen & HAS_TAB == 0 && !has_name_into_colon(source.parser_text(), seen) {
        return Ok(false);
    }
    let (chars, scan, _) = make_readable(source, dialect, false);
    match dialect {
        Dialect::Python => check_tabs(&chars, &scan)?,
        Dialect::LibYaml => check_libyaml_tabs(&chars, &scan)?,
    }
    Ok(true)
}

const HAS_TAB: u8 = 1;
const HAS_ANCHOR: u8 = 2;

/// Whether `bytes` have a tab ([`HAS_TAB`]) and an `&` or `*` ([`HAS_ANCHOR`]): one
/// pass, a block at a time without branching on each byte (the compiler vectorises it).
fn tabs_and_anchors(bytes: &[u8]) -> u8 {
    let (mut tab, mut anchor) = (false, false);
    for block in bytes.chunks(64) {
        tab |= block.iter().fold(false, |seen, &b| seen | (b == b'\t'));
        anchor |= block.iter().fold(false, |seen, &b| seen | (b == b'&') | (b == b'*'));
    }
    (u8::from(tab) * HAS_TAB) | (u8::from(anchor) * HAS_ANCHOR)
}

/// After the parser failed with `error` on a text [`prepare`] did not scan: when the
/// error is one [`make_readable`] may read past, that, and whether it changed the
/// text (which is then worth reading again).
pub(super) fn reread_after_error(source: &mut Source<'_>, error: &LoadError, dialect: Dialect) -> bool {
    let fixable = [
        COMMENT_WITHOUT_BLANK,
        QUOTED_UNDER_INDENTED,
        UNDER_INDENTED,
        FLOW_PLAIN_UNDER_INDENTED,
        INDICATOR_AT_END,
        DASH_BEFORE_FLOW_INDICATOR,
        COLON_BEFORE_FLOW_COLLECTION,
    ];
    let text = source.parser_text();
    let fixable = fixable.iter().any(|info| error.message.starts_with(info));
    if !fixable && !has_name_into_colon(text, tabs_and_anchors(text.as_bytes())) && !has_flow_key_indicator(text.as_bytes()) {
        return false;
    }
    make_readable(source, dialect, true).2
}

/// How much text [`make_readable`] parses again in all: each change costs a parse from
/// the start, so a small file can have many changes and a 16 MiB one a few (a real
/// file has one or two).
const MAX_REREAD_BYTES: usize = 16 << 20;

/// saphyr's errors for what PyYAML reads (saphyr-parser 0.3's messages).
const COMMENT_WITHOUT_BLANK: &str = "comments must be separated from other tokens by whitespace";
const TAB_AS_INDENTATION: &str = "tab cannot be used as indentation";
const QUOTED_UNDER_INDENTED: &str = "invalid indentation in quoted scalar";
const UNDER_INDENTED: &str = "invalid indentation";
const FLOW_PLAIN_UNDER_INDENTED: &str = "invalid indentation in flow construct";
const FLOW_TAB_AS_INDENTATION: &str = "tabs disallowed within this context (block indentation)";
const INDICATOR_AT_END: &str = "expected whitespace";
const COLON_WITHOUT_SPACE: &str = "':' must be followed by a valid YAML whitespace";
const DASH_BEFORE_FLOW_INDICATOR: &str = "plain scalar cannot start with '-' followed by ,[]{}";
const COLON_BEFORE_FLOW_COLLECTION: &str = "':' may not precede any of `[{` in flow mapping";

/// What one saphyr parse of a text shows: the character spans where a tab is content,
/// in text order (quoted scalars from quote to quote: saphyr's span starts at an
/// anchor or tag and runs on over blanks and a comment after the closing quote; block
/// scalars' content lines), whether each is quoted, the flow collections (from
/// bracket to bracket; one still open at the error runs to the end), and the first
/// error. The text after an error is never reached. And the plain scalars in block
/// collections, each with libyaml's indentation for it (one past the column of the
/// innermost block collection, 0 at the top), for [`check_libyaml_tabs`]; and where
/// the spans of block scalars without content start at their header (at the stream's
/// end), for [`check_tabs`].
struct Scan {
    content: Vec<(usize, usize, bool)>,
    flows: Vec<(usize, usize)>,
    plains: Vec<(usize, usize, usize)>,
    empty_blocks: Vec<usize>,
    error: Option<ScanError>,
}

fn scan(chars: &[char]) -> Scan {
    let text: String = chars.iter().collect();
    let (mut content, mut flows, mut plains, mut empty_blocks) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    // Per open collection: where its flow bracket stands, if it is a flow one; per open
    // block collection, its column (known at its first node: saphyr's span of a
    // collection with an anchor or a tag starts there).
    let mut open: Vec<Option<usize>> = Vec::new();
    let mut columns: Vec<(char, Option<usize>)> = Vec::new();
    for event in saphyr_parser::Parser::new_from_str(&text) {
        let span = match &event {
            Ok((Event::SequenceStart(..) | Event::MappingStart(..) | Event::Scalar(..) | Event::Alias(_), span)) => Some(span),
            _ => None,
        };
        if let (Some(span), Some((indicator, column @ None))) = (span, columns.last_mut()) {
            *column = Some(node_column(chars, span.start, *indicator));
        }
        match event {
            Ok((ref start_event @ (Event::SequenceStart(..) | Event::MappingStart(..)), span)) => {
                // A block collection inside a flow one (a single pair in a sequence) is
                // a flow one too.
                let (start, end) = (span.start.index(), span.end.index().min(chars.len()));
                let bracket = pyscalar::content_start(chars[start.min(end)..end].iter().copied().enumerate())
                    .filter(|&(_, c)| matches!(c, '[' | '{'))
                    .map(|(at, _)| start + at);
                let flow = bracket.or(open.last().copied().flatten());
                if flow.is_none() {
                    columns.push((if matches!(start_event, Event::SequenceStart(..)) { '-' } else { '?' }, None));
                }
                open.push(flow);
            }
            Ok((Event::SequenceEnd | Event::MappingEnd, span)) => match open.pop() {
                Some(Some(start)) => flows.push((start, span.end.index())),
                Some(None) => _ = columns.pop(),
                None => {}
            },
            Ok((Event::Scalar(_, ScalarStyle::Plain, ..), span)) => {
                if !matches!(open.last(), Some(Some(_))) {
                    let indent = columns.last().and_then(|&(_, column)| column).map_or(0, |column| column + 1);
                    let (mut start, end) = (span.start.index(), span.end.index());
                    // The span starts at the scalar's anchor or tag when it has one.
                    if matches!(chars.get(start), Some('&' | '!')) {
                        let first = pyscalar::content_start(chars[start.min(end)..end].iter().copied().enumerate());
                        start = first.map_or(end, |(at, _)| start + at);
                    }
                    plains.push((start, end, indent));
                }
            }
            Ok((Event::Scalar(value, style, anchor, tag), span)) => {
                let (start, end) = (span.start.index(), span.end.index());
                let block = matches!(style, ScalarStyle::Literal | ScalarStyle::Folded);
                if block && !value.contains(|c| c != '\n') && matches!(chars.get(start), Some('|' | '>')) {
                    empty_blocks.push(start);
                }
                content.push(match style {
                    ScalarStyle::SingleQuoted => quoted(chars, start, '\''),
                    ScalarStyle::DoubleQuoted => quoted(chars, start, '"'),
                    // With an anchor or a tag the span starts there, on the header's line.
                    _ if anchor != 0 || tag.is_some() => (next_line(chars, start), end, false),
                    _ => (start, end, false),
                });
            }
            Ok(_) => {}
            Err(e) => {
                flows.extend(open.into_iter().flatten().map(|start| (start, chars.len())));
                return Scan { content, flows, plains, empty_blocks, error: Some(e) };
            }
        }
    }
    Scan { content, flows, plains, empty_blocks, error: None }
}

/// The column of a block collection whose first node's span starts at `start`: of the
/// `indicator` before that node on its line when there is one (a sequence's `-`, a
/// mapping's `?`), else of the node.
fn node_column(chars: &[char], start: Marker, indicator: char) -> usize {
    let at = start.index().min(chars.len());
    let blanks = chars[..at].iter().rev().take(start.col()).take_while(|&&c| matches!(c, ' ' | '\t')).count();
    let before = (blanks < start.col()).then(|| at - blanks - 1);
    start.col() - before.filter(|&i| chars[i] == indicator).map_or(0, |i| at - i)
}

/// Changes the parser's text where saphyr refuses what PyYAML reads (see the module
/// notes), one error at a time. Two kinds of change are checked on the text read
/// again at the end: tabs saphyr calls indentation become spaces only when each is
/// inside a quoted scalar, and lines are joined only inside flow collections
/// (elsewhere PyYAML refuses them too); otherwise the text stays as it was. A flow
/// key's `?` that runs into what follows gets a blank only `after_error` (the load
/// failed) or where saphyr fails. Gives the parser's text, as characters, its scan,
/// and whether the text changed.
fn make_readable(source: &mut Source<'_>, dialect: Dialect, after_error: bool) -> (Vec<char>, Scan, bool) {
    // The source keeps the original text until the changes are known to hold.
    let mut chars: Vec<char> = source.parser_text().chars().collect();
    let mut scanned = scan(&chars);
    // `refolded`: the quoted scalars whose line breaks are blanked (spans, as a scan's).
    let (mut tabs, mut refolded, mut blanked_breaks, mut dashes) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut joins: Vec<Range<usize>> = Vec::new();
    let mut inserted: Vec<usize> = Vec::new();
    for _ in 0..MAX_REREAD_BYTES / source.parser_text().len().max(1) {
        // Up to the end of the line saphyr fails on: what it read before.
        let read = scanned.error.as_ref().map_or(chars.len(), |e| {
            let at = e.marker().index().min(chars.len());
            chars[at..].iter().position(|&c| matches!(c, '\n' | '\r')).map_or(chars.len(), |i| at + i)
        });
        // A blank goes before the `:` an anchor or alias name runs into, or after a `:`
        // right before a flow collection (PyYAML reads `{a:[b]}` as `{'a': ['b']}`;
        // saphyr wants a blank there after a plain key; libyaml refuses it after one,
        // which `pyyaml_parser.rs` checks).
        let blank_at = name_into_colon(read, |at| chars.get(at).copied(), &scanned.content)
            .or_else(|| {
                let e = scanned.error.as_ref().filter(|e| e.info() == COLON_BEFORE_FLOW_COLLECTION)?;
                let at = e.marker().index();
                (chars.get(at) == Some(&':')).then_some(at + 1)
            })
            .or_else(|| (after_error || scanned.error.is_some()).then(|| flow_key_indicator(&chars, read, &scanned)).flatten());
        if let Some(blank) = blank_at {
            // Every position recorded so far at or after the blank moves on by one.
            let moved = |i: &mut usize| *i += usize::from(*i >= blank);
            let gaps = joins.iter_mut().flat_map(|gap| [&mut gap.start, &mut gap.end]);
            let quotes = refolded.iter_mut().flat_map(|(start, end, _)| [start, end]);
            let changed = tabs.iter_mut().chain(&mut blanked_breaks).chain(&mut dashes).chain(&mut inserted);
            changed.chain(gaps).chain(quotes).for_each(moved);
            chars.insert(blank, ' ');
            inserted.push(blank);
            scanned = scan(&chars);
            continue;
        }
        let Some(e) = &scanned.error else { break };
        let at = e.marker().index().min(chars.len());
        match e.info() {
            COMMENT_WITHOUT_BLANK
                if at > 0
                    && (matches!(chars[at - 1], '"' | '\'' | ']' | '}' | '[' | '{' | ',')
                        || dialect == Dialect::LibYaml && after_block_header(&chars, at)) =>
            {
                let end = chars[at..].iter().position(|&c| matches!(c, '\n' | '\r')).map_or(chars.len(), |i| at + i);
                chars[at..end].fill(' ');
            }
            TAB_AS_INDENTATION => {
                tabs.push(at);
                // Every blank leading the line, so a second tab is not the next error.
                let blanks = leading_blanks(&chars, at);
                chars[blanks].fill(' ');
            }
            QUOTED_UNDER_INDENTED => {
                let Some(quote) = chars[at..].iter().position(|&c| matches!(c, '"' | '\'')).map(|i| at + i) else { break };
                let (start, end, _) = quoted(&chars, quote, chars[quote]);
                let breaks: Vec<usize> = (start..end).filter(|&i| matches!(chars[i], '\n' | '\r')).collect();
                // A document marker at a line's start ends the scalar for PyYAML too (an error).
                if breaks.iter().any(|&i| is_document_marker(&chars[i + 1..])) {
                    break;
                }
                breaks.iter().for_each(|&i| chars[i] = ' ');
                blanked_breaks.extend(breaks);
                refolded.push((start, end, true));
            }
            // libyaml skips tabs anywhere in a flow collection; saphyr not in the blanks
            // leading a line there (less indented than the block around it).
            FLOW_TAB_AS_INDENTATION if dialect == Dialect::LibYaml => {
                let blanks = leading_blanks(&chars, at);
                chars[blanks.clone()].fill(' ');
                joins.push(blanks);
            }
            // libyaml skips tabs after a simple key's `:`; saphyr wants a space there.
            COLON_WITHOUT_SPACE if dialect == Dialect::LibYaml => {
                let from = chars[..at].iter().rposition(|&c| c != '\t').map_or(0, |i| i + 1);
                let line_start = chars[..from].iter().rposition(|&c| matches!(c, '\n' | '\r')).map_or(0, |i| i + 1);
                let key_before = chars[line_start..from.saturating_sub(1)].iter().any(|&c| !matches!(c, ' ' | '-' | '?'));
                if from == 0 || chars[from - 1] != ':' || !key_before {
                    break;
                }
                chars[from..at].fill(' ');
            }
            UNDER_INDENTED | FLOW_PLAIN_UNDER_INDENTED => {
                // The quoted scalars read so far: those saphyr gave (it may hold back the last
                // ones while it looks for a `:`), and those refolded here.
                let Some((gap, blanked)) = line_join(&chars, at, [&scanned.content, &refolded]) else { break };
                for at in blanked.into_iter().flatten() {
                    if matches!(chars[at], '\n' | '\r') {
                        blanked_breaks.push(at);
                    }
                    chars[at] = ' ';
                }
                joins.push(gap);
            }
            // PyYAML (and libyaml) read a `-` right before a flow indicator as a plain
            // scalar's character (`[-]`, `[a -]`: `'-'`, `'a -'`); saphyr refuses it in a
            // flow collection. Another plain character there, the scalar is read again
            // from the original text.
            DASH_BEFORE_FLOW_INDICATOR if chars.get(at) == Some(&'-') => {
                chars[at] = 'x';
                dashes.push(at);
            }
            // PyYAML reads the end of the text as a blank after an indicator.
            INDICATOR_AT_END if at + 1 >= chars.len() && matches!(chars.last(), Some('?' | '-' | ':')) => {
                inserted.push(chars.len());
                chars.push(' ');
            }
            _ => break,
        }
        scanned = scan(&chars);
    }
    let in_quotes = |at: usize| in_quoted(&scanned.content, at);
    let in_flow = |gap: &Range<usize>| scanned.flows.iter().any(|&(start, end)| start < gap.start && gap.end <= end);
    if !tabs.iter().all(|&at| in_quotes(at)) || !joins.iter().all(in_flow) {
        drop(chars);
        let original: Vec<char> = source.parser_text().chars().collect();
        let scanned = scan(&original);
        return (original, scanned, false);
    }
    if chars.iter().copied().eq(source.parser_text().chars()) {
        return (chars, scanned, false);
    }
    crate::sort::sort(&mut inserted);
    source.set_parser_text(chars.iter().collect(), inserted);
    source.reread_quoted(refolded.iter().map(|&(quote, _, _)| quote).collect());
    source.set_changed_chars(blanked_breaks, dashes);
    (chars, scanned, true)
}

/// PyYAML has no indentation inside flow collections; saphyr wants a line's first
/// token there indented past the enclosing block. Joining the line holding `at` (an
/// under-indented token) to the text before it keeps every token and value: gives
/// the gap between them, and what to blank in it (the line breaks, and comments; a
/// plain scalar over a blanked break is read again from the original). Not after a
/// comment that stands between two scalars (joined, they would be one), nor where a
/// line with a comment has a quote that none of the `quoted` scalars (two lists of
/// spans in text order) holds (the `#` could be a quoted scalar's).
fn line_join(chars: &[char], at: usize, quoted: [&[(usize, usize, bool)]; 2]) -> Option<(Range<usize>, Vec<Range<usize>>)> {
    let in_quotes = |at: usize| quoted.iter().any(|spans| in_quoted(spans, at));
    let is_break = |c: &char| matches!(c, '\n' | '\r');
    let is_blank = |c: &char| matches!(c, ' ' | '\t');
    let line_start = chars[..at].iter().rposition(is_break)? + 1;
    let (mut end, mut comments) = (line_start, Vec::new());
    let after_text = loop {
        let after_text = chars[..end].iter().rposition(|c| !is_blank(c) && !is_break(c))? + 1;
        let text_line = chars[..after_text].iter().rposition(is_break).map_or(0, |i| i + 1);
        let line = &chars[text_line..after_text];
        let comment = (0..line.len()).find(|&i| line[i] == '#' && (i == 0 || is_blank(&line[i - 1])) && !in_quotes(text_line + i));
        let Some(hash) = comment else { break after_text };
        if (0..hash).any(|i| matches!(line[i], '\'' | '"') && !in_quotes(text_line + i)) {
            return None;
        }
        comments.push(text_line + hash..after_text);
        if !line[..hash].iter().all(is_blank) {
            let before = line[..hash].iter().rposition(|c| !is_blank(c)).map(|i| line[i]);
            let first = chars[line_start..].iter().find(|c| !is_blank(c));
            if !matches!(before, Some(',' | '[' | '{' | ':' | ']' | '}')) && !matches!(first, Some(',' | ']' | '}')) {
                return None;
            }
            break text_line + hash;
        }
        end = text_line;
    };
    let gap = after_text..line_start;
    comments.extend(gap.clone().filter(|&i| is_break(&chars[i])).map(|i| i..i + 1));
    Some((gap, comments))
}

/// The one of `spans` (a [`Scan`]'s content, in text order) that holds `at`.
fn span_holding(spans: &[(usize, usize, bool)], at: usize) -> Option<(usize, usize, bool)> {
    let after = spans.partition_point(|&(start, _, _)| start <= at);
    spans.get(after.checked_sub(1)?).copied().filter(|&(_, end, _)| at < end)
}

/// Whether `at` is inside a quoted one of `spans`.
fn in_quoted(spans: &[(usize, usize, bool)], at: usize) -> bool {
    span_holding(spans, at).is_some_and(|(_, _, quoted)| quoted)
}

/// PyYAML ends an anchor or alias name at a `:` or `?` (`&a: x` is an anchored empty
/// key, `*a: x` an alias as key, `&a:b` the anchored scalar `:b`); saphyr reads them
/// into the name. Where a line's first node (after any `-` and `?` indicators), or the
/// value after a plain key there, is such a name, the index of that `:` or `?`, for a
/// blank to go before it: in the first `len` characters, each given by `char_at`.
/// Lines in a scalar saphyr has given (`content`) are not looked at.
fn name_into_colon(len: usize, char_at: impl Fn(usize) -> Option<char>, content: &[(usize, usize, bool)]) -> Option<usize> {
    let is_break = |at: usize| matches!(char_at(at), Some('\n' | '\r'));
    let mut line_start = 0;
    while line_start < len {
        let line_end = (line_start..len).find(|&at| is_break(at)).unwrap_or(len);
        let mut at = line_start;
        loop {
            while char_at(at) == Some(' ') {
                at += 1;
            }
            match (char_at(at), char_at(at + 1)) {
                (Some('-' | '?'), Some(' ')) => at += 2,
                _ => break,
            }
        }
        // The line's first node, and the value after it when it is a plain key.
        let key_end = (at..line_end).find(|&i| !char_at(i).is_some_and(|c| pyscalar::is_name_char(c) || c == ' '));
        let value = key_end
            .filter(|&i| i > at && char_at(i) == Some(':') && char_at(i + 1) == Some(' '))
            .and_then(|i| (i + 1..line_end).find(|&j| char_at(j) != Some(' ')));
        // A tag may stand before the anchor (`!!str &a:b`).
        let after_tag = |node: usize| match char_at(node) {
            Some('!') => {
                let end = (node..line_end).find(|&i| char_at(i) == Some(' ')).unwrap_or(line_end);
                (end..line_end).find(|&i| char_at(i) != Some(' ')).unwrap_or(line_end)
            }
            _ => node,
        };
        for node in [Some(at), value].into_iter().flatten().map(after_tag) {
            if matches!(char_at(node), Some('&' | '*')) && span_holding(content, node).is_none() {
                let name_end = (node + 1..line_end).find(|&i| !char_at(i).is_some_and(pyscalar::is_name_char)).unwrap_or(line_end);
                if name_end > node + 1 && name_end < len && matches!(char_at(name_end), Some(':' | '?')) {
                    return Some(name_end);
                }
            }
        }
        line_start = line_end + 1;
    }
    None
}

/// Whether a line of `text` starts with an anchor or alias name that runs into a
/// `:` ([`name_into_colon`]); `seen` is the text's [`tabs_and_anchors`], so a text
/// without `&` or `*` is not looked at.
fn has_name_into_colon(text: &str, seen: u8) -> bool {
    let bytes = text.as_bytes();
    seen & HAS_ANCHOR != 0 && name_into_colon(bytes.len(), |at| bytes.get(at).map(|&b| char::from(b)), &[]).is_some()
}

/// After the first `?` of the first `read` characters that starts a flow collection's
/// entry and runs into what follows (`[?'a'`, `{x, ?a\n: b}`): the index after it, for
/// a blank to go there. PyYAML and libyaml read a `?` there as a key's indicator, saphyr
/// reads it into a plain scalar (where a quote or a line break then upsets it).
fn flow_key_indicator(chars: &[char], read: usize, scan: &Scan) -> Option<usize> {
    let is_blank = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r');
    // saphyr may fail before it gives the collection's start, so brackets are counted
    // here (outside the quoted scalars saphyr gave), in one pass.
    let (mut depth, mut last) = (0usize, None::<char>);
    let mut quoted = scan.content.iter().filter(|&&(_, _, quoted)| quoted).peekable();
    for at in 0..read.min(chars.len()) {
        while quoted.next_if(|&&(_, end, _)| end <= at).is_some() {}
        if quoted.peek().is_some_and(|&&(start, _, _)| start <= at) {
            last = Some('\'');
            continue;
        }
        match chars[at] {
            '?' if depth > 0 && matches!(last, Some('[' | '{' | ',')) && chars.get(at + 1).is_some_and(|&c| !is_blank(c) && c != '?') => {
                return Some(at + 1);
            }
            '[' | '{' => depth += 1,
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if !is_blank(chars[at]) {
            last = Some(chars[at]);
        }
    }
    None
}

/// Whether a `?` right after `[`, `{` or `,` (blanks between) runs into what follows: a
/// byte search, before [`flow_key_indicator`] looks where saphyr's scan allows.
fn has_flow_key_indicator(bytes: &[u8]) -> bool {
    let mut after_flow_indicator = false;
    bytes.windows(2).any(|pair| {
        let found = after_flow_indicator && pair[0] == b'?' && !matches!(pair[1], b' ' | b'\t' | b'\n' | b'\r');
        if !matches!(pair[0], b' ' | b'\t' | b'\n' | b'\r') {
            after_flow_indicator = matches!(pair[0], b'[' | b'{' | b',');
        }
        found
    })
}

/// Whether a block scalar's header (`|`, `>+`, `|2-`, …) ends right before `at`:
/// libyaml starts a comment there without a blank (`a: |#c`), PyYAML does not.
fn after_block_header(chars: &[char], at: usize) -> bool {
    let indicators = chars[..at].iter().rev().take_while(|&&c| matches!(c, '+' | '-' | '1'..='9')).count();
    let Some(header) = at.checked_sub(indicators + 1) else { return false };
    indicators <= 2 && matches!(chars[header], '|' | '>') && (header == 0 || matches!(chars[header - 1], ' ' | '\t' | '\n' | '\r'))
}

/// The blanks leading the line that holds `at`.
fn leading_blanks(chars: &[char], at: usize) -> Range<usize> {
    let from = chars[..at].iter().rposition(|&c| matches!(c, '\n' | '\r')).map_or(0, |i| i + 1);
    from..chars[from..].iter().position(|&c| !matches!(c, ' ' | '\t')).map_or(chars.len(), |i| from + i)
}

/// `---` or `...` then a blank, a line break or the end (a document marker).
fn is_document_marker(line: &[char]) -> bool {
    matches!(line, ['-', '-', '-', ..] | ['.', '.', '.', ..]) && !line.get(3).is_some_and(|&c| !matches!(c, ' ' | '\t' | '\n' | '\r'))
}

/// The error PyYAML's scanner raises at the first tab it cannot skip, unless the
/// parser fails before that tab (its own error is then the document's).
fn check_tabs(chars: &[char], scan: &Scan) -> Result<(), LoadError> {
    let parser_error = scan.error.as_ref().map_or(usize::MAX, |e| e.marker().index());
    let mut spans = scan.content.iter().peekable();
    let (mut line, mut line_start, mut column) = (1usize, 0usize, 0usize);
    let mut in_comment = false;
    let mut after_blank = true; // a comment starts at a line's start or after a blank
    for (at, &c) in chars.iter().enumerate() {
        if at >= parser_error {
            return Ok(());
        }
        while spans.next_if(|&&(_, end, _)| end <= at).is_some() {}
        let holding = spans.peek().filter(|&&&(start, _, _)| start <= at);
        // An empty block scalar's span may start at its header, whose line takes no tab
        // (PyYAML: "expected a comment or a line break").
        let on_header = holding.is_some_and(|&&(start, _, _)| start >= line_start && scan.empty_blocks.binary_search(&start).is_ok());
        let in_content = holding.is_some() && !on_header;
        if matches!(c, '\n' | '\r') {
            line += usize::from(c == '\n');
            (line_start, column, in_comment, after_blank) = (at + 1, 0, false, true);
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

/// The error libyaml's scanner raises at the first tab it refuses, unless the parser
/// fails before that tab. libyaml skips a tab between tokens in a flow collection, and
/// in a block one where no simple key may start: after a scalar, an anchor, a tag, a
/// simple key's `:` or `---` on the same line. It refuses one where a key may start:
/// leading a line, at the start, after a `-`, a `?` or a complex key's `:` (taken to
/// be a `:` that leads its line). The blanks after a plain scalar, up to the first
/// character of a later line, are the scalar's (it may go on there): a tab among a
/// line's leading blanks there is refused only left of the scalar's indentation. A
/// block scalar's indentation takes no tab, nor does its first line's. One pass.
fn check_libyaml_tabs(chars: &[char], scan: &Scan) -> Result<(), LoadError> {
    let parser_error = scan.error.as_ref().map_or(usize::MAX, |e| e.marker().index());
    let mut flows = scan.flows.clone();
    crate::sort::sort(&mut flows);
    let (mut content, mut plains, mut flows) = (scan.content.iter().peekable(), scan.plains.iter().peekable(), flows.iter().peekable());
    let (mut line, mut line_start, mut first_on_line) = (1usize, 0usize, None);
    let mut in_comment = false;
    // The last character of a token, the plain scalar's indentation when it ends one,
    // and whether a comment stands after it.
    let (mut last, mut last_plain, mut commented) = (None::<usize>, None::<usize>, false);
    // The block scalar last looked into: its span's start, its first line's and its
    // indentation.
    let mut block: Option<(usize, usize, Option<usize>)> = None;
    for (at, &c) in chars.iter().enumerate().take(parser_error) {
        while content.next_if(|&&(_, end, _)| end <= at).is_some() {}
        while plains.next_if(|&&(_, end, _)| end <= at).is_some() {}
        // A flow collection ends at or after the end of every one inside it.
        while flows.next_if(|&&(_, end)| end <= at).is_some() {}
        let in_content = content.peek().filter(|&&&(start, _, _)| start <= at).map(|&&span| span);
        let plain = plains.peek().filter(|&&&(start, _, _)| start <= at).map(|&&(_, _, indent)| indent);
        let in_flow = flows.peek().is_some_and(|&&(start, end)| start < at && at < end);
        if matches!(c, '\n' | '\r') {
            line += usize::from(c == '\n');
            (line_start, first_on_line, in_comment) = (at + 1, None, false);
            continue;
        }
        if in_comment {
            continue;
        }
        let column = at - line_start;
        let refused = |what: &str| Err(LoadError::syntax(format!("{what} at byte {at} line {line} column {}", column + 1)));
        if c == '\t' && !in_flow {
            let leading = first_on_line.is_none();
            match (in_content, plain) {
                (Some((start, _, false)), _) if leading => {
                    let (_, first_line, indent) = match block {
                        Some(known) if known.0 == start => known,
                        _ => *block.insert(block_scalar_lines(chars, start)),
                    };
                    if indent.is_some_and(|indent| line_start == first_line || column < indent) {
                        return refused("found a tab character where an indentation space is expected");
                    }
                }
                (Some(_), _) => {}
                (None, Some(indent)) if leading && column < indent => return refused("found a tab character that violates indentation"),
                (None, Some(_)) => {}
                (None, None) => {
                    let allowed = if leading {
                        last_plain.is_some_and(|indent| !commented && column >= indent)
                    } else {
                        let entry = |i: usize| i == line_start || matches!(chars[i - 1], ' ' | '\t');
                        match last.map(|i| (i, chars[i])) {
                            _ if last_plain.is_some() => true,
                            Some((i, '-' | '?')) => !entry(i),
                            Some((i, ':')) => first_on_line != Some(i),
                            _ => true,
                        }
                    };
                    if !allowed {
                        return refused("found character that cannot start any token");
                    }
                }
            }
        }
        if c == '#' && in_content.is_none() && plain.is_none() && (at == line_start || matches!(chars[at - 1], ' ' | '\t')) {
            (in_comment, commented) = (true, true);
        } else if !matches!(c, ' ' | '\t') {
            (last, last_plain, commented) = (Some(at), plain, false);
            first_on_line.get_or_insert(at);
        }
    }
    Ok(())
}

/// The block scalar whose content's span starts at `start`: that, where its first line
/// starts, and its indentation, the first line's leading spaces (`None` with an
/// indentation indicator: not looked into).
fn block_scalar_lines(chars: &[char], start: usize) -> (usize, usize, Option<usize>) {
    let first_line = chars[..start].iter().rposition(|&c| matches!(c, '\n' | '\r')).map_or(0, |i| i + 1);
    let header = chars[..first_line.saturating_sub(1)].iter().rposition(|&c| matches!(c, '|' | '>'));
    let indicator = header.is_some_and(|h| chars[h..first_line].iter().any(char::is_ascii_digit));
    (start, first_line, (!indicator).then(|| chars[first_line..].iter().take_while(|&&c| c == ' ').count()))
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

#[cfg(test)]
mod tests {
    use super::super::load::safe_load;
    use super::super::load_error::LoadErrorKind;
    use super::super::pyyaml_cases::{assert_libyaml_answers, assert_pyyaml_answers};
    use crate::emulate::python::repr::repr;

    /// Every case of tests/anpkg/yaml_pyyaml_rules/cases.json (generate.py there).
    #[test]
    fn pyyaml_differential_cases() {
        assert_pyyaml_answers(include_str!("../../../../../tests/anpkg/yaml_pyyaml_rules/cases.json"), 500);
    }

    /// Every case of tests/anpkg/yaml_pyyaml_rules/libyaml_cases.json (`CSafeLoader`'s
    /// answers), against the exporter's loader.
    #[test]
    fn libyaml_differential_cases() {
        assert_libyaml_answers(include_str!("../../../../../tests/anpkg/yaml_pyyaml_rules/libyaml_cases.json"), 170);
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

    /// A comment ending a line of many quoted scalars, before a line less indented than
    /// its block: the `#` is found outside every quote (by binary search: the line may
    /// hold as many quotes as the text has scalars).
    #[test]
    fn joins_after_a_comment_on_a_line_of_quoted_scalars() {
        let text = alloc::format!("k:\n  m: [{}# c\nb]\n", "'a #', ".repeat(2000));
        let value = safe_load(&text).expect("PyYAML reads it");
        let repr = repr(&value);
        assert_eq!(repr.matches("'a #'").count(), 2000);
        assert!(repr.ends_with("'a #', 'b']}}"), "{}", &repr[repr.len() - 40..]);
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
