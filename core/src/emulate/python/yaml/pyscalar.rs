//! PyYAML's scanner rules for the content of one scalar, read from the original
//! characters (see `linebreaks.rs` for when this runs instead of taking saphyr's value).
//!
//! PyYAML's line breaks are `\r\n`, `\r`, `\n`, NEL (U+0085), LINE SEPARATOR (U+2028)
//! and PARAGRAPH SEPARATOR (U+2029). The first four read as `\n`; LS and PS read as
//! themselves. Folding turns a lone `\n` break into a space and drops it before further
//! breaks, but keeps any other break (so `'a\u2028  b'` is `a\u2028b`). Written from
//! PyYAML 6.0.3's observed behaviour.
use alloc::string::String;
use alloc::vec::Vec;

pub(super) const NEL: char = '\u{85}';
pub(super) const LS: char = '\u{2028}';
pub(super) const PS: char = '\u{2029}';

/// A line break for PyYAML's scanner.
pub(super) fn is_break(c: char) -> bool {
    matches!(c, '\r' | '\n' | NEL | LS | PS)
}

fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// The scanner over `chars`, positioned at `at`.
struct Cursor<'a> {
    chars: &'a [char],
    at: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }
    fn peek_at(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.at.saturating_add(ahead)).copied()
    }
    fn bump(&mut self) {
        self.at = self.at.saturating_add(1);
    }
    fn at_blank(&self) -> bool {
        self.peek().is_some_and(is_blank)
    }
    /// Consumes one line break: `\n` for `\r\n`, `\r`, `\n` and NEL, LS/PS as themselves.
    fn line_break(&mut self) -> Option<char> {
        let c = self.peek()?;
        match c {
            '\r' if self.peek_at(1) == Some('\n') => {
                self.at = self.at.saturating_add(2);
                Some('\n')
            }
            '\r' | '\n' | NEL => {
                self.bump();
                Some('\n')
            }
            LS | PS => {
                self.bump();
                Some(c)
            }
            _ => None,
        }
    }
    fn skip_blanks(&mut self) {
        while self.at_blank() {
            self.bump();
        }
    }
    /// A run of blanks and breaks inside a flow scalar: blanks kept as they are when no
    /// break follows, else the breaks folded (see [`fold`]).
    fn whitespace(&mut self, out: &mut String) {
        let blanks_from = self.at;
        self.skip_blanks();
        match self.line_break() {
            Some(first) => {
                let breaks = self.further_breaks();
                fold(first, &breaks, out);
            }
            None => out.extend(self.chars.get(blanks_from..self.at).unwrap_or_default().iter()),
        }
    }

    /// The breaks after a first one, with the blanks around them skipped.
    fn further_breaks(&mut self) -> Vec<char> {
        let mut breaks = Vec::new();
        loop {
            self.skip_blanks();
            match self.line_break() {
                Some(b) => breaks.push(b),
                None => return breaks,
            }
        }
    }
}

/// Line folding in flow scalars: a lone `\n` is a space, a `\n` before more breaks is
/// dropped, any other first break is kept; the further breaks are kept as they are.
fn fold(first: char, breaks: &[char], out: &mut String) {
    if first != '\n' {
        out.push(first);
    } else if breaks.is_empty() {
        out.push(' ');
    }
    out.extend(breaks.iter());
}

/// A plain scalar whose characters are exactly `chars` (first to last non-blank).
pub(super) fn plain(chars: &[char]) -> String {
    let mut cur = Cursor { chars, at: 0 };
    let mut out = String::new();
    while let Some(c) = cur.peek() {
        if is_blank(c) || is_break(c) {
            cur.whitespace(&mut out);
        } else {
            out.push(c);
            cur.bump();
        }
    }
    out
}

/// A character PyYAML allows in an anchor or alias name.
pub(super) fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

/// Why a quoted scalar could not be re-read (the parser accepted it, so this only
/// guards against a disagreement instead of panicking).
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Unreadable;

/// The opening quote of the quoted scalar whose span starts at `start`.
pub(super) fn opening_quote(chars: &[char], start: usize) -> Option<usize> {
    let (at, c) = content_start(chars.get(start..)?.iter().copied().enumerate())?;
    matches!(c, '\'' | '"').then_some(start + at)
}

/// The first character of a node's content (with its position) from where saphyr's
/// span of the node starts: its anchor and tag, and the blanks, line breaks and
/// comments after them, skipped.
pub(super) fn content_start(mut chars: impl Iterator<Item = (usize, char)>) -> Option<(usize, char)> {
    let mut next = chars.next();
    loop {
        let (_, c) = next?;
        let skipped = match c {
            // An anchor's name ends at the first character not of a name (`&a:b` is
            // the anchor `a` on the scalar `:b`).
            '&' => {
                next = chars.find(|&(_, c)| !is_name_char(c));
                continue;
            }
            '!' => |c: char| !is_blank(c) && !is_break(c),
            '#' => |c: char| !is_break(c),
            c if is_blank(c) || is_break(c) => |c: char| is_blank(c) || is_break(c),
            _ => return next,
        };
        next = chars.find(|&(_, c)| !skipped(c));
    }
}

/// A single- or double-quoted scalar starting at its opening quote `chars[start]`.
pub(super) fn quoted(chars: &[char], start: usize) -> Result<String, Unreadable> {
    let double = match chars.get(start) {
        Some('"') => true,
        Some('\'') => false,
        _ => return Err(Unreadable),
    };
    let quote = if double { '"' } else { '\'' };
    let mut cur = Cursor { chars, at: start.saturating_add(1) };
    let mut out = String::new();
    loop {
        let c = cur.peek().ok_or(Unreadable)?;
        if !double && c == '\'' && cur.peek_at(1) == Some('\'') {
            out.push('\'');
            cur.at = cur.at.saturating_add(2);
        } else if c == quote {
            return Ok(out);
        } else if double && c == '\\' {
            cur.bump();
            escape(&mut cur, &mut out)?;
        } else if is_blank(c) || is_break(c) {
            cur.whitespace(&mut out);
        } else {
            out.push(c);
            cur.bump();
        }
    }
}

/// A double-quoted escape; the cursor is just after the backslash.
fn escape(cur: &mut Cursor<'_>, out: &mut String) -> Result<(), Unreadable> {
    let c = cur.peek().ok_or(Unreadable)?;
    if is_break(c) {
        // An escaped line break vanishes with the indentation after it; further
        // breaks are kept as they are.
        cur.line_break();
        let breaks = cur.further_breaks();
        out.extend(breaks.iter());
        return Ok(());
    }
    let simple = match c {
        '0' => Some('\0'),
        'a' => Some('\x07'),
        'b' => Some('\x08'),
        't' | '\t' => Some('\t'),
        'n' => Some('\n'),
        'v' => Some('\x0b'),
        'f' => Some('\x0c'),
        'r' => Some('\r'),
        'e' => Some('\x1b'),
        ' ' => Some(' '),
        '"' => Some('"'),
        '/' => Some('/'),
        '\\' => Some('\\'),
        'N' => Some(NEL),
        '_' => Some('\u{a0}'),
        'L' => Some(LS),
        'P' => Some(PS),
        _ => None,
    };
    cur.bump();
    if let Some(s) = simple {
        out.push(s);
        return Ok(());
    }
    let digits = match c {
        'x' => 2,
        'u' => 4,
        'U' => 8,
        _ => return Err(Unreadable),
    };
    let mut code: u32 = 0;
    for _ in 0..digits {
        let d = cur.peek().and_then(|h| h.to_digit(16)).ok_or(Unreadable)?;
        code = code.checked_mul(16).and_then(|v| v.checked_add(d)).ok_or(Unreadable)?;
        cur.bump();
    }
    // Python keeps a lone surrogate; a Rust string cannot, so it becomes U+FFFD as in
    // the rest of the loader.
    match char::from_u32(code) {
        Some(ch) => out.push(ch),
        None if (0xD800..=0xDFFF).contains(&code) => out.push('\u{fffd}'),
        None => return Err(Unreadable),
    }
    Ok(())
}

/// Where a block scalar's lines are and how its tail is chomped.
pub(super) struct Block {
    /// Index of the line break that ends the header line (`|`/`>` and indicators).
    pub header_break: usize,
    /// Content indentation, when the scalar has a content line.
    pub indent: Option<usize>,
    /// Folded (`>`) rather than literal (`|`).
    pub folded: bool,
    /// How many of the breaks after the last content line (or, without content, after
    /// the header) the chomping keeps.
    pub kept_breaks: usize,
    /// Index where the scalar ends (the next token).
    pub end: usize,
}

/// A literal or folded block scalar.
pub(super) fn block(chars: &[char], b: &Block) -> String {
    let mut cur = Cursor { chars, at: b.header_break };
    cur.line_break();
    let mut out = String::new();
    let Some(indent) = b.indent else {
        // No content line: only breaks, as many as the chomping keeps.
        let breaks = cur.further_breaks();
        out.extend(breaks.iter().take(b.kept_breaks));
        return out;
    };
    // Skips up to `indent` spaces, returning the column reached.
    let indentation = |cur: &mut Cursor<'_>| {
        let mut column = 0;
        while column < indent && cur.peek() == Some(' ') {
            cur.bump();
            column += 1;
        }
        column
    };
    let breaks_below_indent = |cur: &mut Cursor<'_>| {
        let mut breaks = Vec::new();
        let mut column = indentation(cur);
        while let Some(br) = cur.line_break() {
            breaks.push(br);
            column = indentation(cur);
        }
        (breaks, column)
    };
    let (mut breaks, mut column) = breaks_below_indent(&mut cur);
    let mut line_break: Option<char> = None;
    let continues = |cur: &Cursor<'_>, column: usize| column == indent && cur.at < b.end && cur.peek().is_some();
    while continues(&cur, column) {
        out.extend(breaks.iter());
        let leading_blank = cur.at_blank();
        while let Some(c) = cur.peek().filter(|c| !is_break(*c)) {
            out.push(c);
            cur.bump();
        }
        line_break = cur.line_break();
        (breaks, column) = breaks_below_indent(&mut cur);
        if !continues(&cur, column) {
            break;
        }
        // Folding joins two lines that start with text at a `\n` break: a space, or
        // nothing before empty lines. Any other break is kept.
        let folds = b.folded && line_break == Some('\n') && !leading_blank && !cur.at_blank();
        if !folds {
            out.extend(line_break);
        } else if breaks.is_empty() {
            out.push(' ');
        }
    }
    out.extend(line_break.iter().chain(breaks.iter()).take(b.kept_breaks));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    // Expected values observed from PyYAML 6.0.3 (`yaml.safe_load`).
    #[test]
    fn plain_folds_like_pyyaml() {
        assert_eq!(plain(&chars("x\u{2028}  y")), "x\u{2028}y");
        assert_eq!(plain(&chars("x \u{85} y z")), "x y z");
        assert_eq!(plain(&chars("x\u{2028}\n  y")), "x\u{2028}\ny");
        assert_eq!(plain(&chars("x\u{85}\u{2029}  y")), "x\u{2029}y");
        assert_eq!(plain(&chars("x  y")), "x  y");
    }

    #[test]
    fn quoted_folds_and_escapes_like_pyyaml() {
        assert_eq!(quoted(&chars("'next\u{2028}  line'"), 0).unwrap(), "next\u{2028}line");
        assert_eq!(quoted(&chars("'next \u{2028} \n line'"), 0).unwrap(), "next\u{2028}\nline");
        assert_eq!(quoted(&chars("'it''s\u{85}x'"), 0).unwrap(), "it's x");
        assert_eq!(quoted(&chars("\"x\\\u{2028}  y\""), 0).unwrap(), "xy");
        assert_eq!(quoted(&chars("\"\\L\\N\\P\\x41\\ud800\""), 0).unwrap(), "\u{2028}\u{85}\u{2029}A\u{fffd}");
        assert_eq!(quoted(&chars("\"unterminated"), 0), Err(Unreadable));
        assert_eq!(quoted(&chars("\"\\q\""), 0), Err(Unreadable));
    }

    #[test]
    fn block_keeps_separators_like_pyyaml() {
        // `a: >\n  x\u2028  y\n  z\n` → 'x\u2028y z\n'
        let text = chars("a: >\n  x\u{2028}  y\n  z\n");
        let b = Block { header_break: 4, indent: Some(2), folded: true, kept_breaks: 1, end: text.len() };
        assert_eq!(block(&text, &b), "x\u{2028}y z\n");
        // `a: |\n  x` → 'x' (no break at the end of the stream)
        let text = chars("a: |\n  x");
        let b = Block { header_break: 4, indent: Some(2), folded: false, kept_breaks: 1, end: text.len() };
        assert_eq!(block(&text, &b), "x");
        // `a: |+\n\u2028\u2029` → '\u2028\u2029'
        let text = chars("a: |+\n\u{2028}\u{2029}");
        let b = Block { header_break: 5, indent: None, folded: false, kept_breaks: 2, end: text.len() };
        assert_eq!(block(&text, &b), "\u{2028}\u{2029}");
    }
}
