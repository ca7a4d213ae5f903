//! A JSON decoder with Go `encoding/json` semantics into `any`, bounded by limits.
//!
//! Syntax errors carry Go's message text (`invalid character 'x' looking for beginning
//! of value`, `unexpected end of JSON input`) because upstream tools print them.
use alloc::string::String;
use alloc::vec::Vec;
use crate::budgets::Budget;

use super::error::{ParseError, ParseErrorKind};
use super::read::Reader;
use super::scan::check_syntax;
use super::value::{sort_by_key_bytes, Map, Value};

/// What to do with a key that appears twice in one object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DuplicateKeys {
    /// Go `encoding/json`: the last one wins (ANIP-CJ-1).
    LastWins,
    /// Strict formats (for example the `assets.pa` header) refuse them.
    Reject,
}

/// Resource limits on untrusted input. Defaults sit far above anything the ANIP
/// Registry accepts (depth 48, 5 MiB requests), so no valid package is refused; the
/// depth is Go's own limit (10,000), which every walk here handles without recursion.
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
            max_bytes: Budget::JsonBytes.get(),
            max_depth: Budget::JsonDepth.get(),
            max_string_bytes: Budget::JsonStringBytes.get(),
            duplicate_keys: DuplicateKeys::LastWins,
        }
    }
}

/// Decodes `input` with default [`Limits`].
pub fn parse(input: &[u8]) -> Result<Value, ParseError> {
    parse_with(input, Limits::default())
}

/// Decodes `input` with explicit limits: Go's syntax check over the whole input
/// first, then the value (where an out-of-range number is Go's type error).
pub fn parse_with(input: &[u8], limits: Limits) -> Result<Value, ParseError> {
    let mut reader = checked_reader(input, &limits)?;
    let mut bad_number = None;
    let value = build_any(&mut reader, &limits, &mut bad_number)?;
    match bad_number {
        Some((text, offset)) => Err(ParseError { kind: ParseErrorKind::NumberOutOfRange(text), offset }),
        None => Ok(value),
    }
}

/// The size limit and Go's syntax check, then a reader at the start of `input`.
pub(crate) fn checked_reader<'a>(input: &'a [u8], limits: &Limits) -> Result<Reader<'a>, ParseError> {
    if input.len() > limits.max_bytes {
        return Err(ParseError { kind: ParseErrorKind::TooLarge(limits.max_bytes), offset: 0 });
    }
    check_syntax(input, limits.max_depth)?;
    Ok(Reader::new(input, limits.max_string_bytes))
}

/// A container being built by [`build_any`]: where its children start in the shared
/// lists of pending children, so each finished container is copied out once, at its
/// size, instead of growing its own list.
enum Building {
    Array(usize),
    /// Where its members (in source order) start, and the key of the member being read.
    Object(usize, String),
}

/// Builds the value at the reader as Go decodes into `any`, with an explicit stack.
/// A number out of range becomes `null` and the first one is reported in
/// `bad_number` (text and offset), since Go keeps decoding after a type error.
pub(crate) fn build_any(
    r: &mut Reader<'_>,
    limits: &Limits,
    bad_number: &mut Option<(String, usize)>,
) -> Result<Value, ParseError> {
    let mut stack: Vec<Building> = Vec::new();
    let mut items: Vec<Value> = Vec::new();
    let mut members: Vec<(String, Value)> = Vec::new();
    'value: loop {
        let mut done = match r.peek() {
            b'[' => {
                r.bump();
                if r.empty_array() {
                    Value::Array(Vec::new())
                } else {
                    stack.push(Building::Array(items.len()));
                    continue 'value;
                }
            }
            b'{' => {
                r.bump();
                match r.key()? {
                    None => Value::Object(Map::new()),
                    Some(key) => {
                        stack.push(Building::Object(members.len(), key));
                        continue 'value;
                    }
                }
            }
            b'"' => Value::String(r.string()?),
            b't' | b'f' | b'n' => match r.literal() {
                b't' => Value::Bool(true),
                b'f' => Value::Bool(false),
                _ => Value::Null,
            },
            _ => {
                let offset = r.offset();
                let text = r.number();
                match text.parse::<f64>() {
                    Ok(x) if x.is_finite() => Value::Number(x),
                    _ => {
                        if bad_number.is_none() {
                            *bad_number = Some((String::from(text), offset));
                        }
                        Value::Null
                    }
                }
            }
        };
        // Hand the finished value to its container; close containers that end.
        loop {
            match stack.last_mut() {
                None => return Ok(done),
                Some(Building::Array(start)) => {
                    items.push(done);
                    if r.more() {
                        continue 'value;
                    }
                    done = Value::Array(items.drain(*start..).collect());
                }
                Some(Building::Object(start, key)) => {
                    members.push((core::mem::take(key), done));
                    if r.more() {
                        if let Some(next) = r.key()? {
                            *key = next;
                        }
                        continue 'value;
                    }
                    done = Value::Object(go_map(members.drain(*start..).collect(), limits, r.offset())?);
                }
            }
            stack.pop();
        }
    }
}

/// Members in source order → a Go map: the last of equal keys wins (or, with
/// [`DuplicateKeys::Reject`], a duplicate is an error).
pub(crate) fn go_map(mut members: Vec<(String, Value)>, limits: &Limits, offset: usize) -> Result<Map, ParseError> {
    // A stable sort keeps source order among equal keys.
    sort_by_key_bytes(&mut members);
    if limits.duplicate_keys == DuplicateKeys::Reject {
        if let Some(pair) = members.windows(2).find(|w| w[0].0 == w[1].0) {
            return Err(ParseError { kind: ParseErrorKind::DuplicateKey(pair[0].0.clone()), offset });
        }
    }
    // `later` goes, `kept` (the first of its key) takes its value: the last one wins.
    members.dedup_by(|later, kept| {
        let same = later.0 == kept.0;
        if same {
            core::mem::swap(&mut later.1, &mut kept.1);
        }
        same
    });
    Ok(Map::from_sorted_unique(members))
}

#[cfg(test)]
mod tests {
    use alloc::string::ToString;

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
        assert_eq!(e.to_string(), "invalid character ' ' in literal true (expecting 'e')");
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
    fn nested_containers_and_repeated_keys() {
        // Containers inside containers share the pending lists; the last of three wins.
        let v = parse(br#"{"b":[1,{"x":1,"x":2,"y":[[],[3]]},2],"a":1,"c":{},"a":2,"a":3}"#).unwrap();
        assert_eq!(crate::json::to_compact(&v), r#"{"a":3,"b":[1,{"x":2,"y":[[],[3]]},2],"c":{}}"#);
        let strict = Limits { duplicate_keys: DuplicateKeys::Reject, ..Limits::default() };
        let e = parse_with(br#"{"z":0,"b":1,"a":[{"q":1,"q":2}],"b":2}"#, strict).unwrap_err();
        assert_eq!(e.to_string(), r#"duplicate key "q""#);
    }

    #[test]
    fn limits() {
        let deep = "[".repeat(10_001) + &"]".repeat(10_001);
        let e = parse(deep.as_bytes()).unwrap_err();
        assert_eq!(e.code(), "JSON_TOO_DEEP");
        assert_eq!(e.to_string(), "invalid character '[' exceeded max depth");
        let shallow = Limits { max_depth: 3, ..Limits::default() };
        assert!(parse_with(b"[[[]]]", shallow).is_ok());
        assert_eq!(parse_with(b"[[[[]]]]", shallow).unwrap_err().code(), "JSON_TOO_DEEP");
        let strict = Limits { duplicate_keys: DuplicateKeys::Reject, ..Limits::default() };
        assert_eq!(parse_with(br#"{"a":1,"a":2}"#, strict).unwrap_err().code(), "JSON_DUPLICATE_KEY");
    }
}
