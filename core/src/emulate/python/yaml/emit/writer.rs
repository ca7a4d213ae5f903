//! The character-level half of PyYAML's emitter: column bookkeeping, indentation,
//! indicators and the four scalar writers (plain, single-quoted, double-quoted,
//! literal) with their line folding at the best width (80).
//!
//! Everything written is ASCII (`allow_unicode` is off, so non-ASCII only ever
//! appears as escapes), so byte counts and PyYAML's character counts agree.
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// PyYAML's `best_indent` and `best_width` defaults.
pub const INDENT: usize = 2;
pub const WIDTH: usize = 80;

pub struct Writer {
    pub out: String,
    pub column: usize,
    /// The last character written was whitespace (or nothing was written).
    pub whitespace: bool,
    /// Only indentation (and indicators that keep it) on the current line so far.
    pub indention: bool,
    pub indent: Option<usize>,
    pub indents: Vec<Option<usize>>,
    pub open_ended: bool,
}

fn is_break(c: char) -> bool {
    matches!(c, '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

impl Writer {
    pub fn new() -> Self {
        Writer {
            out: String::new(),
            column: 0,
            whitespace: true,
            indention: true,
            indent: None,
            indents: Vec::new(),
            open_ended: false,
        }
    }

    pub fn increase_indent(&mut self, flow: bool, indentless: bool) {
        self.indents.push(self.indent);
        self.indent = match self.indent {
            None => Some(if flow { INDENT } else { 0 }),
            Some(i) if !indentless => Some(i + INDENT),
            Some(i) => Some(i),
        };
    }

    pub fn pop_indent(&mut self) {
        self.indent = self.indents.pop().unwrap_or(None);
    }

    fn write(&mut self, s: &str) {
        self.column += s.chars().count();
        self.out.push_str(s);
    }

    pub fn write_indicator(&mut self, indicator: &str, need_whitespace: bool, whitespace: bool, indention: bool) {
        if !self.whitespace && need_whitespace {
            self.write(" ");
        }
        self.write(indicator);
        self.whitespace = whitespace;
        self.indention = self.indention && indention;
        self.open_ended = false;
    }

    pub fn write_indent(&mut self) {
        let indent = self.indent.unwrap_or(0);
        if !self.indention || self.column > indent || (self.column == indent && !self.whitespace) {
            self.write_line_break();
        }
        if self.column < indent {
            self.whitespace = true;
            let pad = " ".repeat(indent - self.column);
            self.write(&pad);
        }
    }

    pub fn write_line_break(&mut self) {
        self.whitespace = true;
        self.indention = true;
        self.column = 0;
        self.out.push('\n');
    }

    /// A line break inside a scalar: `\n` as itself, the Unicode breaks as
    /// themselves (they never reach here with `allow_unicode` off).
    fn write_break_char(&mut self, br: char) {
        self.whitespace = true;
        self.indention = true;
        self.column = 0;
        self.out.push(br);
    }

    pub fn write_plain(&mut self, text: &str, split: bool, root: bool) {
        if root {
            self.open_ended = true;
        }
        if text.is_empty() {
            return;
        }
        if !self.whitespace {
            self.write(" ");
        }
        self.whitespace = false;
        self.indention = false;
        let chars: Vec<char> = text.chars().collect();
        let mut spaces = false;
        let mut breaks = false;
        let mut start = 0;
        let mut end = 0;
        while end <= chars.len() {
            let ch = chars.get(end).copied();
            if spaces {
                if ch != Some(' ') {
                    if start + 1 == end && self.column > WIDTH && split {
                        self.write_indent();
                        self.whitespace = false;
                        self.indention = false;
                    } else {
                        let data: String = chars[start..end].iter().collect();
                        self.write(&data);
                    }
                    start = end;
                }
            } else if breaks {
                if !ch.is_some_and(is_break) {
                    if chars[start] == '\n' {
                        self.write_line_break();
                    }
                    for &br in &chars[start..end] {
                        self.write_break_char(br);
                    }
                    self.write_indent();
                    self.whitespace = false;
                    self.indention = false;
                    start = end;
                }
            } else if ch.map_or(true, |c| c == ' ' || is_break(c)) {
                let data: String = chars[start..end].iter().collect();
                self.write(&data);
                start = end;
            }
            if let Some(c) = ch {
                spaces = c == ' ';
                breaks = is_break(c);
            }
            end += 1;
        }
    }

    pub fn write_single_quoted(&mut self, text: &str, split: bool) {
        self.write_indicator("'", true, false, false);
        let chars: Vec<char> = text.chars().collect();
        let n = chars.len();
        let mut spaces = false;
        let mut breaks = false;
        let mut start = 0;
        let mut end = 0;
        while end <= n {
            let ch = chars.get(end).copied();
            if spaces {
                if ch != Some(' ') {
                    if start + 1 == end && self.column > WIDTH && split && start != 0 && end != n {
                        self.write_indent();
                    } else {
                        let data: String = chars[start..end].iter().collect();
                        self.write(&data);
                    }
                    start = end;
                }
            } else if breaks {
                if !ch.is_some_and(is_break) {
                    if chars[start] == '\n' {
                        self.write_line_break();
                    }
                    for &br in &chars[start..end] {
                        self.write_break_char(br);
                    }
                    self.write_indent();
                    start = end;
                }
            } else if ch.map_or(true, |c| c == ' ' || is_break(c) || c == '\'') && start < end {
                let data: String = chars[start..end].iter().collect();
                self.write(&data);
                start = end;
            }
            if ch == Some('\'') {
                self.write("''");
                start = end + 1;
            }
            if let Some(c) = ch {
                spaces = c == ' ';
                breaks = is_break(c);
            }
            end += 1;
        }
        self.write_indicator("'", false, false, false);
    }

    pub fn write_double_quoted(&mut self, text: &str, split: bool) {
        self.write_indicator("\"", true, false, false);
        let chars: Vec<char> = text.chars().collect();
        let n = chars.len();
        let mut start = 0;
        let mut end = 0;
        while end <= n {
            let ch = chars.get(end).copied();
            let needs_escape = match ch {
                None => true,
                Some(c) => matches!(c, '"' | '\\' | '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}') || !(' '..='~').contains(&c),
            };
            if needs_escape {
                if start < end {
                    let data: String = chars[start..end].iter().collect();
                    self.write(&data);
                    start = end;
                }
                if let Some(c) = ch {
                    let data = escape(c);
                    self.write(&data);
                    start = end + 1;
                }
            }
            if 0 < end
                && end + 1 < n
                && (ch == Some(' ') || start >= end)
                && self.column as isize + end as isize - start as isize > WIDTH as isize
                && split
            {
                let mut data: String = chars[start..end.max(start)].iter().collect();
                data.push('\\');
                if start < end {
                    start = end;
                }
                self.write(&data);
                self.write_indent();
                self.whitespace = false;
                self.indention = false;
                if chars.get(start) == Some(&' ') {
                    self.write("\\");
                }
            }
            end += 1;
        }
        self.write_indicator("\"", false, false, false);
    }

    /// A literal block (`|`), used only for `!!binary` text here.
    pub fn write_literal(&mut self, text: &str) {
        let chars: Vec<char> = text.chars().collect();
        let mut hints = String::new();
        if let (Some(&first), Some(&last)) = (chars.first(), chars.last()) {
            if first == ' ' || is_break(first) {
                hints.push('2');
            }
            if !is_break(last) {
                hints.push('-');
            } else if chars.len() == 1 || chars.get(chars.len() - 2).copied().is_some_and(is_break) {
                hints.push('+');
            }
        }
        self.write_indicator(&format!("|{hints}"), true, false, false);
        if hints.ends_with('+') {
            self.open_ended = true;
        }
        self.write_line_break();
        let mut breaks = true;
        let mut start = 0;
        let mut end = 0;
        while end <= chars.len() {
            let ch = chars.get(end).copied();
            if breaks {
                if !ch.is_some_and(is_break) {
                    for &br in &chars[start..end] {
                        self.write_break_char(br);
                    }
                    if ch.is_some() {
                        self.write_indent();
                    }
                    start = end;
                }
            } else if ch.map_or(true, is_break) {
                let data: String = chars[start..end].iter().collect();
                self.out.push_str(&data);
                if ch.is_none() {
                    self.write_line_break();
                }
                start = end;
            }
            if let Some(c) = ch {
                breaks = is_break(c);
            }
            end += 1;
        }
    }
}

/// A double-quoted escape: the named ones, else `\xXX`, `\uXXXX`, `\UXXXXXXXX`
/// (uppercase hex).
fn escape(c: char) -> String {
    let named = match c {
        '\0' => Some('0'),
        '\u{7}' => Some('a'),
        '\u{8}' => Some('b'),
        '\t' => Some('t'),
        '\n' => Some('n'),
        '\u{b}' => Some('v'),
        '\u{c}' => Some('f'),
        '\r' => Some('r'),
        '\u{1b}' => Some('e'),
        '"' => Some('"'),
        '\\' => Some('\\'),
        '\u{85}' => Some('N'),
        '\u{a0}' => Some('_'),
        '\u{2028}' => Some('L'),
        '\u{2029}' => Some('P'),
        _ => None,
    };
    match named {
        Some(n) => format!("\\{n}"),
        None => {
            let code = u32::from(c);
            if code <= 0xFF {
                format!("\\x{code:02X}")
            } else if code <= 0xFFFF {
                format!("\\u{code:04X}")
            } else {
                format!("\\U{code:08X}")
            }
        }
    }
}
