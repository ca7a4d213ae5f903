//! Go's syntax check (`encoding/json` `checkValid`), run over the whole input before
//! anything is decoded: so a syntax error anywhere wins over a type error anywhere,
//! as in Go. Iterative, with one byte of state per open container.
//!
//! Messages are Go's. At the end of input Go's scanner is fed one space, so input
//! ending inside `tru` reads `invalid character ' ' in literal true (expecting 'e')`
//! and inside a number, escape or `\u` sequence likewise; elsewhere it is
//! `unexpected end of JSON input`. Nesting deeper than `max_depth` (Go: 10,000)
//! fails at the bracket that goes one level too deep.
use alloc::vec::Vec;

use super::error::{ParseError, ParseErrorKind};

/// What the scanner expects after skipping whitespace.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Expect {
    Value,
    /// Just after `[`.
    ValueOrClose,
    /// Just after `{`.
    KeyOrClose,
    /// After `,` in an object.
    Key,
    Colon,
    /// After a value: `,`, a closing bracket, or the end of input at the top.
    Next,
}

/// Checks that `s` is one JSON value (with surrounding whitespace).
pub(crate) fn check_syntax(s: &[u8], max_depth: usize) -> Result<(), ParseError> {
    // `true` for an open object, `false` for an open array.
    let mut open: Vec<bool> = Vec::new();
    let mut expect = Expect::Value;
    let mut i = 0;
    loop {
        i = space_end(s, i);
        let Some(&c) = s.get(i) else {
            if expect == Expect::Next && open.is_empty() {
                return Ok(());
            }
            return Err(ParseError { kind: ParseErrorKind::UnexpectedEnd, offset: i });
        };
        match expect {
            Expect::Value | Expect::ValueOrClose => {
                if expect == Expect::ValueOrClose && c == b']' {
                    open.pop();
                    i += 1;
                    expect = Expect::Next;
                    continue;
                }
                match c {
                    b'{' | b'[' => {
                        if open.len() >= max_depth {
                            return Err(ParseError { kind: ParseErrorKind::TooDeep { found: c }, offset: i });
                        }
                        open.push(c == b'{');
                        i += 1;
                        expect = if c == b'{' { Expect::KeyOrClose } else { Expect::ValueOrClose };
                        continue;
                    }
                    b'"' => i = string_end(s, i)?,
                    b'-' | b'0'..=b'9' => i = number_end(s, i)?,
                    b't' => i = literal_end(s, i, b"true")?,
                    b'f' => i = literal_end(s, i, b"false")?,
                    b'n' => i = literal_end(s, i, b"null")?,
                    _ => return Err(invalid(s, i, "looking for beginning of value")),
                }
                expect = Expect::Next;
            }
            Expect::KeyOrClose | Expect::Key => {
                if expect == Expect::KeyOrClose && c == b'}' {
                    open.pop();
                    i += 1;
                    expect = Expect::Next;
                } else if c == b'"' {
                    i = string_end(s, i)?;
                    expect = Expect::Colon;
                } else {
                    return Err(invalid(s, i, "looking for beginning of object key string"));
                }
            }
            Expect::Colon => {
                if c != b':' {
                    return Err(invalid(s, i, "after object key"));
                }
                i += 1;
                expect = Expect::Value;
            }
            Expect::Next => match (open.last(), c) {
                (None, _) => return Err(invalid(s, i, "after top-level value")),
                (Some(true), b',') => {
                    i += 1;
                    expect = Expect::Key;
                }
                (Some(false), b',') => {
                    i += 1;
                    expect = Expect::Value;
                }
                (Some(true), b'}') | (Some(false), b']') => {
                    open.pop();
                    i += 1;
                }
                (Some(true), _) => return Err(invalid(s, i, "after object key:value pair")),
                (Some(false), _) => return Err(invalid(s, i, "after array element")),
            },
        }
    }
}

pub(crate) fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r')
}

/// The index of the first non-space byte at or after `i`. Indented JSON (every bundle)
/// puts a run of spaces after each line break, a third of a bundle's bytes: after a
/// space, eight spaces are taken at a time.
pub(crate) fn space_end(s: &[u8], mut i: usize) -> usize {
    const SPACES: u64 = u64::from_le_bytes([b' '; 8]);
    while i < s.len() && is_space(s[i]) {
        i += 1;
        while word_at(s, i) == Some(SPACES) {
            i += 8;
        }
    }
    i
}

/// The eight bytes at `j` as one little-endian word (byte `j` lowest), if there are eight.
fn word_at(s: &[u8], j: usize) -> Option<u64> {
    s.get(j..j + 8).map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
}

/// `invalid character …` for the byte at `i`, or for Go's end-of-input space.
fn invalid(s: &[u8], i: usize, context: &'static str) -> ParseError {
    let found = s.get(i).copied().unwrap_or(b' ');
    ParseError { kind: ParseErrorKind::InvalidCharacter { found, context }, offset: i }
}

/// The index just past the string starting with the quote at `i`.
fn string_end(s: &[u8], i: usize) -> Result<usize, ParseError> {
    let mut j = i + 1;
    loop {
        j = plain_run_end(s, j);
        match s.get(j) {
            // A space is fine inside a string, so Go reports the plain end of input.
            None => return Err(ParseError { kind: ParseErrorKind::UnexpectedEnd, offset: j }),
            Some(b'"') => return Ok(j + 1),
            Some(b'\\') => {
                j += 1;
                match s.get(j) {
                    Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => j += 1,
                    Some(b'u') => {
                        j += 1;
                        for _ in 0..4 {
                            if !s.get(j).is_some_and(u8::is_ascii_hexdigit) {
                                return Err(invalid(s, j, "in \\u hexadecimal character escape"));
                            }
                            j += 1;
                        }
                    }
                    _ => return Err(invalid(s, j, "in string escape code")),
                }
            }
            Some(_) => return Err(invalid(s, j, "in string literal")),
        }
    }
}

/// The index of the first `"`, `\\` or control byte at or after `j` (`s.len()` if
/// none): the end of a string's plain run. Eight bytes at a time, since strings are
/// most of a bundle's bytes.
pub(crate) fn plain_run_end(s: &[u8], mut j: usize) -> usize {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    // A high bit for each byte of `w` below `n` (n <= 0x80); exact for the lowest one,
    // which is all that is read.
    let below = |w: u64, n: u8| w.wrapping_sub(ONES * u64::from(n)) & !w & HIGH;
    while let Some(w) = word_at(s, j) {
        let hits = below(w ^ (ONES * u64::from(b'"')), 1) | below(w ^ (ONES * u64::from(b'\\')), 1) | below(w, 0x20);
        if hits != 0 {
            return j + (hits.trailing_zeros() / 8) as usize;
        }
        j += 8;
    }
    while j < s.len() && s[j] != b'"' && s[j] != b'\\' && s[j] >= 0x20 {
        j += 1;
    }
    j
}

fn digits_end(s: &[u8], mut j: usize) -> usize {
    while s.get(j).is_some_and(u8::is_ascii_digit) {
        j += 1;
    }
    j
}

/// The index just past the number starting at `i` (`-` or a digit).
pub(crate) fn number_end(s: &[u8], i: usize) -> Result<usize, ParseError> {
    let mut j = i;
    if s[j] == b'-' {
        j += 1;
    }
    match s.get(j) {
        Some(b'0') => j += 1,
        Some(b'1'..=b'9') => j = digits_end(s, j),
        _ => return Err(invalid(s, j, "in numeric literal")),
    }
    if s.get(j) == Some(&b'.') {
        j += 1;
        if !s.get(j).is_some_and(u8::is_ascii_digit) {
            return Err(invalid(s, j, "after decimal point in numeric literal"));
        }
        j = digits_end(s, j);
    }
    if matches!(s.get(j), Some(b'e' | b'E')) {
        j += 1;
        if matches!(s.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        if !s.get(j).is_some_and(u8::is_ascii_digit) {
            return Err(invalid(s, j, "in exponent of numeric literal"));
        }
        j = digits_end(s, j);
    }
    Ok(j)
}

/// The index just past `word` at `i` (whose first byte matched).
fn literal_end(s: &[u8], i: usize, word: &'static [u8]) -> Result<usize, ParseError> {
    for (k, &want) in word.iter().enumerate().skip(1) {
        if s.get(i + k) != Some(&want) {
            return Err(invalid(s, i + k, literal_context(word[0], want)));
        }
    }
    Ok(i + word.len())
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
    use alloc::string::{String, ToString};

    fn err(s: &str) -> String {
        check_syntax(s.as_bytes(), 10_000).unwrap_err().to_string()
    }

    #[test]
    fn end_of_input_is_a_space_to_go() {
        assert_eq!(err("tru"), "invalid character ' ' in literal true (expecting 'e')");
        assert_eq!(err("[f"), "invalid character ' ' in literal false (expecting 'a')");
        assert_eq!(err("{\"a\":nul"), "invalid character ' ' in literal null (expecting 'l')");
        assert_eq!(err("-"), "invalid character ' ' in numeric literal");
        assert_eq!(err("[1."), "invalid character ' ' after decimal point in numeric literal");
        assert_eq!(err("1e+"), "invalid character ' ' in exponent of numeric literal");
        assert_eq!(err("\"\\"), "invalid character ' ' in string escape code");
        assert_eq!(err("\"\\u12"), "invalid character ' ' in \\u hexadecimal character escape");
        assert_eq!(err("\"abc"), "unexpected end of JSON input");
        assert_eq!(err("[1"), "unexpected end of JSON input");
        assert_eq!(err("{\"a\""), "unexpected end of JSON input");
        assert_eq!(err(""), "unexpected end of JSON input");
        assert!(check_syntax(b" 12 ", 10_000).is_ok());
    }

    #[test]
    fn go_messages_inside_values() {
        assert_eq!(err("[1,]"), "invalid character ']' looking for beginning of value");
        assert_eq!(err("{\"a\":1,}"), "invalid character '}' looking for beginning of object key string");
        assert_eq!(err("{\"a\":1 \"b\""), "invalid character '\"' after object key:value pair");
        assert_eq!(err("[1 2]"), "invalid character '2' after array element");
        assert_eq!(err("01"), "invalid character '1' after top-level value");
        assert_eq!(err("[-x]"), "invalid character 'x' in numeric literal");
        assert_eq!(err("\"\\x\""), "invalid character 'x' in string escape code");
    }

    /// `fast` against the byte loop `naive` (the index of the first byte at or after a
    /// start that `stops`), from every start of pseudo-random inputs of every length
    /// below 40 whose bytes `byte` draws from a random number.
    fn agrees_with_byte_loop(fast: fn(&[u8], usize) -> usize, stops: fn(u8) -> bool, byte: fn(u64) -> u8) {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for len in 0..40 {
            for _ in 0..200 {
                let s: alloc::vec::Vec<u8> = (0..len)
                    .map(|_| {
                        state ^= state << 13;
                        state ^= state >> 7;
                        state ^= state << 17;
                        byte(state)
                    })
                    .collect();
                for start in 0..=len {
                    let naive = (start..len).find(|&j| stops(s[j])).unwrap_or(len);
                    assert_eq!(fast(&s, start), naive, "{s:?} from {start}");
                }
            }
        }
    }

    #[test]
    fn plain_run_end_agrees_with_a_byte_by_byte_scan() {
        // Mostly plain bytes (high ones included), with stops at every lane of a word.
        agrees_with_byte_loop(
            plain_run_end,
            |c| c == b'"' || c == b'\\' || c < 0x20,
            |r| match r % 16 {
                0 => b'"',
                1 => b'\\',
                2 => (r >> 8) as u8 % 0x20,
                _ => 0x20 + (r >> 8) as u8 % 0xe0,
            },
        );
    }

    #[test]
    fn space_end_agrees_with_a_byte_by_byte_scan() {
        // Mostly spaces (long runs, as indentation), with line breaks, tabs and stops.
        agrees_with_byte_loop(
            space_end,
            |c| !is_space(c),
            |r| match r % 32 {
                0 => b'\n',
                1 => b'\t',
                2 => b'\r',
                3 => b'x',
                _ => b' ',
            },
        );
    }

    #[test]
    fn depth_limit_at_the_bracket_one_level_too_deep() {
        let at_limit = "[".repeat(5) + &"]".repeat(5);
        assert!(check_syntax(at_limit.as_bytes(), 5).is_ok());
        let e = check_syntax("[".repeat(6).as_bytes(), 5).unwrap_err();
        assert_eq!(e.to_string(), "invalid character '[' exceeded max depth");
        assert_eq!(e.offset, 5);
        let e = check_syntax("[{\"a\":".repeat(3).as_bytes(), 5).unwrap_err();
        assert_eq!(e.to_string(), "invalid character '{' exceeded max depth");
        // A syntax error before the limit wins.
        assert_eq!(err("[x") , "invalid character 'x' looking for beginning of value");
    }
}
