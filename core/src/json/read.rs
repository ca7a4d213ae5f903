//! A cursor over input that [`super::scan::check_syntax`] accepted: tokens are read
//! without re-checking the grammar. Shared by the `any` builder ([`super::parse`])
//! and the typed Go-struct decoder (`emulate::go::json_struct`).
use alloc::string::String;
use alloc::vec::Vec;

use super::error::{ParseError, ParseErrorKind};
use super::scan::{number_end, plain_run_end, space_end};

pub(crate) struct Reader<'a> {
    s: &'a [u8],
    /// `s` as text when all of it is UTF-8 (nearly always): a string without
    /// escapes is then copied out of it, not validated again one by one.
    text: Option<&'a str>,
    i: usize,
    max_string_bytes: usize,
}

impl<'a> Reader<'a> {
    /// `s` must have passed `check_syntax`.
    pub(crate) fn new(s: &'a [u8], max_string_bytes: usize) -> Self {
        Reader { s, text: core::str::from_utf8(s).ok(), i: 0, max_string_bytes }
    }

    /// The byte offset of the cursor.
    pub(crate) fn offset(&self) -> usize {
        self.i
    }

    /// Moves the cursor to `offset`, the start of a token read before.
    pub(crate) fn seek(&mut self, offset: usize) {
        self.i = offset;
    }

    /// The next non-space byte, without consuming it (0 at the end).
    pub(crate) fn peek(&mut self) -> u8 {
        self.i = space_end(self.s, self.i);
        self.s.get(self.i).copied().unwrap_or(0)
    }

    /// Consumes the next non-space byte.
    pub(crate) fn bump(&mut self) -> u8 {
        let c = self.peek();
        self.i += 1;
        c
    }

    /// After `{` or `,` in an object: the next key and its colon, or `None` at `}`.
    pub(crate) fn key(&mut self) -> Result<Option<String>, ParseError> {
        if self.peek() == b'}' {
            self.i += 1;
            return Ok(None);
        }
        let key = self.string()?;
        self.bump(); // ':'
        Ok(Some(key))
    }

    /// After a member or element: `true` when a `,` follows, `false` at the closing bracket.
    pub(crate) fn more(&mut self) -> bool {
        self.bump() == b','
    }

    /// After `[`: `true` when the array is empty (the `]` is consumed).
    pub(crate) fn empty_array(&mut self) -> bool {
        if self.peek() == b']' {
            self.i += 1;
            return true;
        }
        false
    }

    /// A literal `true`, `false` or `null` (whose first byte was peeked).
    pub(crate) fn literal(&mut self) -> u8 {
        let c = self.peek();
        self.i += match c {
            b'f' => 5,
            _ => 4,
        };
        c
    }

    /// The text of the number at the cursor.
    pub(crate) fn number(&mut self) -> &'a str {
        self.peek();
        let start = self.i;
        self.i = number_end(self.s, start).unwrap_or(self.s.len());
        // Digits, signs, '.', 'e' only.
        core::str::from_utf8(&self.s[start..self.i]).unwrap_or("0")
    }

    /// Skips one value, however deep, without building it.
    pub(crate) fn skip_value(&mut self) {
        let _ = self.pass_value(false);
    }

    /// Skips one value, however deep, with the checks building it would make: a string
    /// over the limit is the error; the text of its first number out of `float64`
    /// range, if any, is returned.
    pub(crate) fn check_value(&mut self) -> Result<Option<&'a str>, ParseError> {
        self.pass_value(true)
    }

    fn pass_value(&mut self, check: bool) -> Result<Option<&'a str>, ParseError> {
        let mut depth = 0usize;
        let mut out_of_range = None;
        loop {
            match self.peek() {
                b'"' if check => self.check_string()?,
                b'"' => self.skip_string(),
                b'{' | b'[' => {
                    self.i += 1;
                    depth += 1;
                    continue;
                }
                b'}' | b']' => {
                    self.i += 1;
                    depth = depth.saturating_sub(1);
                }
                b't' | b'f' | b'n' => {
                    self.literal();
                }
                b',' | b':' => {
                    self.i += 1;
                    continue;
                }
                0 => return Ok(out_of_range),
                _ => {
                    let text = self.number();
                    if check && out_of_range.is_none() && !text.parse::<f64>().is_ok_and(f64::is_finite) {
                        out_of_range = Some(text);
                    }
                }
            }
            if depth == 0 {
                return Ok(out_of_range);
            }
        }
    }

    /// Moves past the string whose opening quote is at the cursor.
    fn skip_string(&mut self) {
        self.i += 1;
        loop {
            self.i = plain_run_end(self.s, self.i);
            match self.s.get(self.i) {
                Some(b'\\') => self.i += 2,
                Some(_) => {
                    self.i += 1;
                    return;
                }
                None => return,
            }
        }
    }

    /// Skips the string at the cursor with the checks [`Reader::string`] makes, without
    /// building it: escapes only shorten a string, so only a raw text above the
    /// limit is read in full.
    fn check_string(&mut self) -> Result<(), ParseError> {
        self.peek();
        let start = self.i;
        self.skip_string();
        if (self.i - start).saturating_sub(2) > self.max_string_bytes {
            self.i = start;
            self.string()?;
        }
        Ok(())
    }

    fn hex4(&mut self) -> u32 {
        let mut v = 0;
        for _ in 0..4 {
            let d = self.s.get(self.i).and_then(|&c| char::from(c).to_digit(16)).unwrap_or(0);
            v = v * 16 + d;
            self.i += 1;
        }
        v
    }

    fn too_long(&self, len: usize) -> Result<(), ParseError> {
        if len > self.max_string_bytes {
            return Err(ParseError { kind: ParseErrorKind::StringTooLong(self.max_string_bytes), offset: self.i });
        }
        Ok(())
    }

    /// The string at the cursor, unescaped as Go does: a lone surrogate escape and
    /// each byte of invalid UTF-8 become U+FFFD.
    pub(crate) fn string(&mut self) -> Result<String, ParseError> {
        self.peek();
        self.i += 1; // opening quote
        let end = plain_run_end(self.s, self.i);
        if self.s.get(end) == Some(&b'"') {
            if let Some(plain) = self.text.and_then(|t| t.get(self.i..end)) {
                self.i = end;
                self.too_long(plain.len())?;
                self.i += 1;
                return Ok(String::from(plain));
            }
        }
        let mut out: Vec<u8> = Vec::new();
        loop {
            let run_start = self.i;
            // Checked input has no control bytes, so the run ends at a quote or escape.
            self.i = plain_run_end(self.s, self.i);
            self.too_long(out.len() + (self.i - run_start))?;
            out.extend_from_slice(&self.s[run_start..self.i]);
            match self.s.get(self.i) {
                Some(b'\\') => {}
                _ => {
                    self.i += 1;
                    break;
                }
            }
            self.i += 1;
            let c = self.s.get(self.i).copied().unwrap_or(b'"');
            self.i += 1;
            let simple = match c {
                b'b' => 0x08,
                b'f' => 0x0c,
                b'n' => b'\n',
                b'r' => b'\r',
                b't' => b'\t',
                b'u' => 0,
                other => other, // '"', '\\', '/'
            };
            if c != b'u' {
                out.push(simple);
                continue;
            }
            let mut cp = self.hex4();
            if (0xD800..0xDC00).contains(&cp) {
                // A high surrogate is only joined with a directly following low one.
                let save = self.i;
                if self.s.get(self.i) == Some(&b'\\') && self.s.get(self.i + 1) == Some(&b'u') {
                    self.i += 2;
                    let lo = self.hex4();
                    if (0xDC00..0xE000).contains(&lo) {
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    } else {
                        self.i = save;
                        cp = 0xFFFD;
                    }
                } else {
                    cp = 0xFFFD;
                }
            } else if (0xDC00..0xE000).contains(&cp) {
                cp = 0xFFFD;
            }
            let ch = char::from_u32(cp).unwrap_or('\u{FFFD}');
            let mut buf = [0u8; 4];
            out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
        }
        Ok(match String::from_utf8(out) {
            Ok(s) => s,
            Err(e) => go_lossy(e.as_bytes()),
        })
    }
}

/// Go replaces **each byte** of an invalid UTF-8 sequence with U+FFFD (Rust's
/// `from_utf8_lossy` replaces a maximal invalid subpart once).
fn go_lossy(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        for _ in chunk.invalid() {
            out.push('\u{FFFD}');
        }
    }
    out
}
