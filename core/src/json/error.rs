//! Why a JSON decode failed, with Go `encoding/json`'s message text (upstream tools
//! print it) and a stable finding code.
use alloc::format;
use alloc::string::String;
use core::fmt;

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
    /// Go's scanner refuses the bracket that opens level `max_depth + 1`.
    TooDeep { found: u8 },
    TooLarge(usize),
    StringTooLong(usize),
    DuplicateKey(String),
}

impl ParseError {
    /// A stable finding code for this failure.
    pub fn code(&self) -> &'static str {
        match self.kind {
            ParseErrorKind::TooDeep { .. } => "JSON_TOO_DEEP",
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
            ParseErrorKind::TooDeep { found } => write!(f, "invalid character {} exceeded max depth", quote_char(*found)),
            ParseErrorKind::TooLarge(max) => write!(f, "input exceeds {max} bytes"),
            ParseErrorKind::StringTooLong(max) => write!(f, "string exceeds {max} bytes"),
            ParseErrorKind::DuplicateKey(k) => write!(f, "duplicate key {k:?}"),
        }
    }
}

#[cfg(feature = "std")]
impl std::error::Error for ParseError {}
