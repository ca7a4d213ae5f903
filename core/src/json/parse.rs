//! A JSON decoder with Go `encoding/json` semantics into `any`, bounded by limits.
//!
//! Syntax errors carry Go's message text (`invalid character 'x' looking for beginning
//! of value`, `unexpected end of JSON input`) because upstream tools print them.
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use super::value::{Map, Value};

/// What to do with a key that appears twice in one object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DuplicateKeys {
    /// Go `encoding/json`: the last one wins (ANIP-CJ-1).
    LastWins,
    /// Strict formats (for example the `assets.pa` header) refuse them.
    Reject,
}

/// Resource limits on untrusted input. Defaults sit far above anything the ANIP
/// Registry accepts (depth 48, 5 MiB requests), so no valid package is refused.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub max_bytes: usize,
    pub max_depth: usize,
    pub max_string_bytes: usize,
    pub duplicate_keys: DuplicateKeys,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 64 << 20,
            max_depth: 128,
            max_string_bytes: 16 << 20,
            duplicate_keys: DuplicateKeys::LastWins,
        }
    }
}

/// A decode failure. `Display` gives the Go-compatible text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub kind: ParseErrorKind,
    /// Byte offset where the problem was found.
    pub offset: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseErrorKind {
    UnexpectedEnd,
    InvalidCharacter { found: u8, context: &'static str },
    NumberOutOfRange(String),
    TooDeep(usize),
    TooLarge(usize),
    StringTooLong(usize),
    DuplicateKey(String),
}

impl ParseError {
    /// A stable finding code for this failure.
    pub fn code(&self) -> &'static str {
        match self.kind {
            ParseErrorKind::TooDeep(_) => "JSON_TOO_DEEP",
            ParseErrorKind::TooLarge(_) => "JSON_TOO_LARGE",
            ParseErrorKind::StringTooLong(_) => "JSON_STRING_TOO_LONG",
            ParseErrorKind::DuplicateKey(_) => "JSON_DUPLICATE_KEY",
            ParseErrorKind::NumberOutOfRange(_) => "JSON_NUMBER_OUT_OF_RANGE",
            _ => "JSON_SYNTAX",
        }
    }
}

/// Go's `quoteChar`: how a byte is shown inside an error message (`strconv.Quote`
/// of the byte read as a Latin-1 rune, between single quotes).
fn quote_char(c: u8) -> String {
    match c {
        b'\'' => String::from("'\\''"),
        b'"' => String::from("'\"'"),
        b'\\' => String::from("'\\\\'"),
        0x07 => String::from("'\\a'"),
        0x08 => String::from("'\\b'"),
        0x0c => String::from("'\\f'"),
        b'\n' => String::from("'\\n'"),
        b'\r' => String::from("'\\r'"),
        b'\t' => String::from("'\\t'"),
        0x0b => String::from("'\\v'"),
        0x00..=0x1f | 0x7f => format!("'\\x{c:02x}'"),
        // C1 controls, NBSP and the soft hyphen are not printable in Go.
        0x80..=0xa0 | 0xad => format!("'\\u{c:04x}'"),
        _ => format!("'{}'", char::from(c)),
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ParseErrorKind::UnexpectedEnd => f.write_str("unexpected end of JSON input"),
            ParseErrorKind::InvalidCharacter { found, context } => {
                write!(f, "invalid character {} {}", quote_char(*found), context)
            }
            ParseErrorKind::NumberOutOfRange(n) => {
                write!(f, "json: cannot unmarshal number {n} into Go value of type float64")
            }
            ParseErrorKind::TooDeep(max) => write!(f, "exceeded max depth ({max} levels)"),
            ParseErrorKind::TooLarge(max) => write!(f, "input exceeds {max} bytes"),
            ParseErrorKind::StringTooLong(max) => write!(f, "string exceeds {max} bytes"),
            ParseErrorKind::DuplicateKey(k) => write!(f, "duplicate key {k:?}"),
        }
    }
}

#[cfg(feature = "std")]
impl std::error::Error for ParseError {}

/// Decodes `input` with default [`Limits`].
pub fn parse(input: &[u8]) -> Result<Value, ParseError> {
    parse_with(input, Limits::default())
}

/// Decodes `input` with explicit limits.
pub fn parse_with(input: &[u8], limits: Limits) -> Result<Value, ParseError> {
    if input.len() > limits.max_bytes {
        return Err(ParseError { kind: ParseErrorKind::TooLarge(limits.max_bytes), offset: 0 });
    }
    let mut p = Parser { s: input, i: 0, limits, depth: 0 };
    p.skip_ws();
    let v = p.value()?;
    p.skip_ws();
    if p.i < p.s.len() {
        return Err(p.invalid("after top-level value"));
    }
    Ok(v)
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
    limits: Limits,
    depth: usize,
}

impl Parser<'_> {
    fn skip_ws(&mut self) {
        while let Some(&c) = self.s.get(self.i) {
            if matches!(c, b' ' | b'\t' | b'\n' | b'\r') {
                self.i += 1;
            } else {
                break;
            }
        }
    }

    fn err(&self, kind: ParseErrorKind) -> ParseError {
        ParseError { kind, offset: self.i }
    }

    fn invalid(&self, context: &'static str) -> ParseError {
        match self.s.get(self.i) {
            Some(&found) => self.err(ParseErrorKind::InvalidCharacter { found, context }),
            None => self.err(ParseErrorKind::UnexpectedEnd),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn value(&mut self) -> Result<Value, ParseError> {
        match self.peek() {
            None => Err(self.err(ParseErrorKind::UnexpectedEnd)),
            Some(b'{') => self.nested(Self::object),
            Some(b'[') => self.nested(Self::array),
            Some(b'"') => self.string().map(Value::String),
            Some(b't') => self.literal(b"true", Value::Bool(true)),
            Some(b'f') => self.literal(b"false", Value::Bool(false)),
            Some(b'n') => self.literal(b"null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.invalid("looking for beginning of value")),
        }
    }

    fn nested(
        &mut self,
        f: fn(&mut Self) -> Result<Value, ParseError>,
    ) -> Result<Value, ParseError> {
        self.depth += 1;
        if self.depth > self.limits.max_depth {
            return Err(self.err(ParseErrorKind::TooDeep(self.limits.max_depth)));
        }
        let v = f(self);
        self.depth -= 1;
        v
    }

    fn literal(&mut self, word: &'static [u8], v: Value) -> Result<Value, ParseError> {
        for &want in word {
            match self.s.get(self.i) {
                Some(&c) if c == want => self.i += 1,
                Some(&found) => {
                    let context = literal_context(word[0], want);
                    return Err(self.err(ParseErrorKind::InvalidCharacter { found, context }));
                }
                None => return Err(self.err(ParseErrorKind::UnexpectedEnd)),
            }
        }
        Ok(v)
    }

    fn number(&mut self) -> Result<Value, ParseError> {
        let start = self.i;
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        match self.peek() {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => {
                while matches!(self.peek(), Some(b'0'..=b'9')) {
                    self.i += 1;
                }
            }
            _ => return Err(self.invalid("in numeric literal")),
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.invalid("after decimal point in numeric literal"));
            }
            while matches!(self.peek(), Some(b'0'..=b'9')) {
                self.i += 1;
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.invalid("in exponent of numeric literal"));
            }
            while matches!(self.peek(), Some(b'0'..=b'9')) {
                self.i += 1;
            }
        }
        // The slice holds only ASCII digits, signs, '.', 'e'.
        let text = core::str::from_utf8(&self.s[start..self.i]).unwrap_or("0");
        let x: f64 = text.parse().unwrap_or(f64::INFINITY);
        if !x.is_finite() {
            return Err(ParseError {
                kind: ParseErrorKind::NumberOutOfRange(String::from(text)),
                offset: start,
            });
        }
        Ok(Value::Number(x))
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let mut v = 0u32;
        for _ in 0..4 {
            let c = match self.peek() {
                None => return Err(self.err(ParseErrorKind::UnexpectedEnd)),
                Some(c) => c,
            };
            let d = match c {
                b'0'..=b'9' => c - b'0',
                b'a'..=b'f' => c - b'a' + 10,
                b'A'..=b'F' => c - b'A' + 10,
                _ => return Err(self.invalid("in \\u hexadecimal character escape")),
            };
            v = v * 16 + u32::from(d);
            self.i += 1;
        }
        Ok(v)
    }

    fn string(&mut self) -> Result<String, ParseError> {
        self.i += 1; // opening quote
        let mut out: Vec<u8> = Vec::new();
        loop {
            if out.len() > self.limits.max_string_bytes {
                return Err(self.err(ParseErrorKind::StringTooLong(self.limits.max_string_bytes)));
            }
            // Copy a run of plain bytes at once.
            let run_start = self.i;
            while let Some(&c) = self.s.get(self.i) {
                if c == b'"' || c == b'\\' || c < 0x20 {
                    break;
                }
                self.i += 1;
            }
            out.extend_from_slice(&self.s[run_start..self.i]);
            if out.len() > self.limits.max_string_bytes {
                return Err(self.err(ParseErrorKind::StringTooLong(self.limits.max_string_bytes)));
            }
            match self.peek() {
                None => return Err(self.err(ParseErrorKind::UnexpectedEnd)),
                Some(b'"') => {
                    self.i += 1;
                    break;
                }
                Some(b'\\') => {
                    self.i += 1;
                    let c = match self.peek() {
                        None => return Err(self.err(ParseErrorKind::UnexpectedEnd)),
                        Some(c) => c,
                    };
                    self.i += 1;
                    let simple = match c {
                        b'"' => Some(b'"'),
                        b'\\' => Some(b'\\'),
                        b'/' => Some(b'/'),
                        b'b' => Some(0x08),
                        b'f' => Some(0x0c),
                        b'n' => Some(b'\n'),
                        b'r' => Some(b'\r'),
                        b't' => Some(b'\t'),
                        b'u' => None,
                        _ => {
                            self.i -= 1;
                            return Err(self.invalid("in string escape code"));
                        }
                    };
                    if let Some(b) = simple {
                        out.push(b);
                        continue;
                    }
                    let mut cp = self.hex4()?;
                    if (0xD800..0xDC00).contains(&cp) {
                        // A high surrogate is only joined with a directly following low one.
                        let save = self.i;
                        if self.s.get(self.i) == Some(&b'\\') && self.s.get(self.i + 1) == Some(&b'u') {
                            self.i += 2;
                            match self.hex4() {
                                Ok(lo) if (0xDC00..0xE000).contains(&lo) => {
                                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                                }
                                _ => {
                                    self.i = save;
                                    cp = 0xFFFD;
                                }
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
                Some(_) => return Err(self.invalid("in string literal")),
            }
        }
        Ok(match String::from_utf8(out) {
            Ok(s) => s,
            Err(e) => go_lossy(e.as_bytes()),
        })
    }

    fn array(&mut self) -> Result<Value, ParseError> {
        self.i += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.i += 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_ws();
            items.push(self.value()?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b']') => {
                    self.i += 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.invalid("after array element")),
            }
        }
    }

    fn object(&mut self) -> Result<Value, ParseError> {
        self.i += 1;
        let mut entries: Vec<(String, Value)> = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.i += 1;
            return Ok(Value::Object(Map::new()));
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.invalid("looking for beginning of object key string"));
            }
            let key = self.string()?;
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.invalid("after object key"));
            }
            self.i += 1;
            self.skip_ws();
            let v = self.value()?;
            entries.push((key, v));
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b'}') => {
                    self.i += 1;
                    break;
                }
                _ => return Err(self.invalid("after object key:value pair")),
            }
        }
        // Stable sort keeps source order among equal keys; the last one wins.
        entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        let mut unique: Vec<(String, Value)> = Vec::with_capacity(entries.len());
        for (k, v) in entries {
            match unique.last_mut() {
                Some(last) if last.0 == k => {
                    if self.limits.duplicate_keys == DuplicateKeys::Reject {
                        return Err(self.err(ParseErrorKind::DuplicateKey(k)));
                    }
                    last.1 = v;
                }
                _ => unique.push((k, v)),
            }
        }
        Ok(Value::Object(Map::from_sorted_unique(unique)))
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

/// Go reports a bad literal byte as `invalid character 'x' in literal true (expecting 'r')`.
fn literal_context(first: u8, want: u8) -> &'static str {
    match (first, want) {
        (b't', b'r') => "in literal true (expecting 'r')",
        (b't', b'u') => "in literal true (expecting 'u')",
        (b't', _) => "in literal true (expecting 'e')",
        (b'f', b'a') => "in literal false (expecting 'a')",
        (b'f', b'l') => "in literal false (expecting 'l')",
        (b'f', b's') => "in literal false (expecting 's')",
        (b'f', _) => "in literal false (expecting 'e')",
        (_, b'u') => "in literal null (expecting 'u')",
        (_, _) => "in literal null (expecting 'l')",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_error_texts() {
        let e = parse(b"").unwrap_err();
        assert_eq!(e.to_string(), "unexpected end of JSON input");
        let e = parse(b"x").unwrap_err();
        assert_eq!(e.to_string(), "invalid character 'x' looking for beginning of value");
        let e = parse(b"{\"a\":1} x").unwrap_err();
        assert_eq!(e.to_string(), "invalid character 'x' after top-level value");
        let e = parse(b"tru").unwrap_err();
        assert_eq!(e.to_string(), "unexpected end of JSON input");
        let e = parse(b"trux").unwrap_err();
        assert_eq!(e.to_string(), "invalid character 'x' in literal true (expecting 'e')");
        let e = parse(b"{\"a\" 1}").unwrap_err();
        assert_eq!(e.to_string(), "invalid character '1' after object key");
        let e = parse(b"\"a\nb\"").unwrap_err();
        assert_eq!(e.to_string(), "invalid character '\\n' in string literal");
    }

    #[test]
    fn go_decoding_semantics() {
        let v = parse(br#"{"a":1,"a":2}"#).unwrap();
        assert_eq!(v.get("a"), Some(&Value::Number(2.0)));
        let v = parse(br#""\ud800x""#).unwrap();
        assert_eq!(v.as_str(), Some("\u{FFFD}x"));
        let v = parse(b"\"\xff\"").unwrap();
        assert_eq!(v.as_str(), Some("\u{FFFD}"));
        let v = parse(br#""\ud83d\ude00""#).unwrap();
        assert_eq!(v.as_str(), Some("\u{1F600}"));
        assert!(parse(b"1e400").is_err());
    }

    #[test]
    fn limits() {
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert_eq!(parse(deep.as_bytes()).unwrap_err().code(), "JSON_TOO_DEEP");
        let strict = Limits { duplicate_keys: DuplicateKeys::Reject, ..Limits::default() };
        assert_eq!(parse_with(br#"{"a":1,"a":2}"#, strict).unwrap_err().code(), "JSON_DUPLICATE_KEY");
    }
}
