//! Canonical JSON bytes (ANIP-CJ-2..7) and RFC 8785 JCS.
use alloc::string::String;
use alloc::vec::Vec;

use super::number::format_go_float;
use super::value::{Entries, Map, Value};

/// Which canonical form to produce.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Go `json.Encoder` with `SetEscapeHTML(false)`: every ANIP digest (ANIP-CJ-6).
    Digest,
    /// Go `json.Marshal`: `<`, `>`, `&` escaped; Ed25519 receipt payloads (ANIP-CJ-6).
    Signature,
    /// RFC 8785: UTF-16 key order, no U+2028/2029 escaping, `-0` as `0`.
    Jcs,
}

/// Where canonical text goes: a `String`, or a hasher that never holds the whole text.
pub(crate) trait Sink {
    fn put(&mut self, s: &str);
    /// A hint that `additional` more bytes follow.
    fn reserve(&mut self, _additional: usize) {}
}

impl Sink for String {
    fn put(&mut self, s: &str) {
        self.push_str(s);
    }
    fn reserve(&mut self, additional: usize) {
        String::reserve(self, additional);
    }
}

/// Canonical bytes of `v` in `mode`, without a trailing newline (ANIP-CJ-7).
pub fn to_canonical(v: &Value, mode: Mode) -> Vec<u8> {
    let mut out = String::new();
    write_canonical(&mut out, v, &Style::of(mode));
    out.into_bytes()
}

/// [`to_canonical`] of the object `m`, without wrapping (copying) it into a [`Value`].
pub fn to_canonical_object(m: &Map, mode: Mode) -> Vec<u8> {
    let mut out = String::new();
    write_canonical_object(&mut out, m, &Style::of(mode));
    out.into_bytes()
}

/// Writes the object `m` as [`write_canonical`] writes `Value::Object(m)`.
pub(crate) fn write_canonical_object<W: Sink + ?Sized>(out: &mut W, m: &Map, style: &Style) {
    let mut stack = Vec::new();
    open_object(out, m, style, &mut stack);
    write_from(out, None, stack, style);
}

/// How a canonical form writes strings, orders keys and prints numbers.
pub(crate) struct Style {
    /// The escaping of [`write_string`].
    pub strings: Mode,
    /// Keys by UTF-16 code units (RFC 8785) instead of bytes.
    pub utf16_key_order: bool,
    pub number: fn(&mut String, f64),
    /// A key left out of every object at any depth, with its value (the execution
    /// signature hashes its parts without their own `package_execution_signature`).
    pub skip_key: Option<&'static str>,
}

impl Style {
    pub(crate) fn of(mode: Mode) -> Style {
        Style {
            strings: mode,
            utf16_key_order: mode == Mode::Jcs,
            number: if mode == Mode::Jcs { jcs_number } else { go_number },
            skip_key: None,
        }
    }
}

fn go_number(out: &mut String, n: f64) {
    out.push_str(&format_go_float(n));
}

/// RFC 8785: `-0` is `0`.
fn jcs_number(out: &mut String, n: f64) {
    if n == 0.0 {
        out.push('0');
    } else {
        out.push_str(&format_go_float(n));
    }
}

/// A container being written: its remaining children and whether one was written.
enum Open<'a> {
    Array(core::slice::Iter<'a, Value>, bool),
    Object(Entries<'a>, bool),
}

/// Writes `v` with an explicit stack: values may be 10,000 levels deep.
pub(crate) fn write_canonical<W: Sink + ?Sized>(out: &mut W, v: &Value, style: &Style) {
    write_from(out, Some(v), Vec::new(), style);
}

/// Writes `{` and puts the object's entries, in canonical key order, on the stack.
fn open_object<'a, W: Sink + ?Sized>(out: &mut W, m: &'a Map, style: &Style, stack: &mut Vec<Open<'a>>) {
    let entries = if style.utf16_key_order { utf16_sorted(m) } else { m.sorted() };
    out.put("{");
    stack.push(Open::Object(entries, false));
}

/// Entries by the UTF-16 code units of their keys. Outside `open_object`, which every
/// sink instantiates: one copy of the sort, not one per sink.
fn utf16_sorted(m: &Map) -> Entries<'_> {
    let mut entries: Vec<_> = m.iter().collect();
    crate::sort::sort_by(&mut entries, |a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
    Entries::listed(entries)
}

/// Writes `next`, then whatever the open containers on `stack` still hold.
fn write_from<'a, W: Sink + ?Sized>(out: &mut W, mut next: Option<&'a Value>, mut stack: Vec<Open<'a>>, style: &Style) {
    let mode = style.strings;
    let mut number = String::new();
    loop {
        match next.take() {
            None => {}
            Some(Value::Null) => out.put("null"),
            Some(Value::Bool(b)) => out.put(if *b { "true" } else { "false" }),
            Some(Value::Number(n)) => {
                number.clear();
                (style.number)(&mut number, *n);
                out.put(&number);
            }
            Some(Value::String(s)) => write_string(out, s, mode),
            Some(Value::Array(items)) => {
                out.put("[");
                stack.push(Open::Array(items.iter(), false));
            }
            Some(Value::Object(m)) => open_object(out, m, style, &mut stack),
        }
        let Some(top) = stack.last_mut() else { return };
        match top {
            Open::Array(items, written) => match items.next() {
                Some(item) => {
                    if core::mem::replace(written, true) {
                        out.put(",");
                    }
                    next = Some(item);
                }
                None => {
                    out.put("]");
                    stack.pop();
                }
            },
            Open::Object(entries, written) => match entries.next() {
                Some((k, _)) if style.skip_key == Some(k.as_str()) => {}
                Some((k, item)) => {
                    if core::mem::replace(written, true) {
                        out.put(",");
                    }
                    write_string(out, k, mode);
                    out.put(":");
                    next = Some(item);
                }
                None => {
                    out.put("}");
                    stack.pop();
                }
            },
        }
    }
}

/// Bytes that may start an escape in some mode: ASCII controls, `"`, `\\`, `<`, `>`,
/// `&`, and `E2` (the lead byte of U+2028/U+2029).
const MAY_ESCAPE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = true;
        b += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t[b'<' as usize] = true;
    t[b'>' as usize] = true;
    t[b'&' as usize] = true;
    t[0xe2] = true;
    t
};

/// Go `encoding/json` string escaping (ANIP-CJ-5), or JCS minimal escaping. Runs of
/// bytes that need no escape are copied in one go: escapes start only at an ASCII
/// byte or at U+2028/U+2029 (`E2 80 A8`/`E2 80 A9`), so every cut is a char boundary.
pub(crate) fn write_string<W: Sink + ?Sized>(out: &mut W, s: &str, mode: Mode) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.put("\"");
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !MAY_ESCAPE[usize::from(b)] {
            i += 1;
            continue;
        }
        let (escape, width): (Option<&str>, usize) = match b {
            b'"' => (Some("\\\""), 1),
            b'\\' => (Some("\\\\"), 1),
            b'\n' => (Some("\\n"), 1),
            b'\r' => (Some("\\r"), 1),
            b'\t' => (Some("\\t"), 1),
            0x08 => (Some("\\b"), 1),
            0x0c => (Some("\\f"), 1),
            0x00..=0x1f => (None, 1),
            b'<' | b'>' | b'&' if mode == Mode::Signature => (None, 1),
            0xe2 if mode != Mode::Jcs && bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0xa8 | 0xa9)) => (None, 3),
            _ => {
                i += 1;
                continue;
            }
        };
        out.put(&s[run..i]);
        match escape {
            Some(e) => out.put(e),
            None if width == 3 => push_u(out, if bytes[i + 2] == 0xa8 { 0x2028 } else { 0x2029 }, HEX),
            None => push_u(out, u32::from(b), HEX),
        }
        i += width;
        run = i;
    }
    out.put(&s[run..]);
    out.put("\"");
}

fn push_u<W: Sink + ?Sized>(out: &mut W, cp: u32, hex: &[u8; 16]) {
    let mut u = *b"\\u0000";
    for (i, shift) in [12, 8, 4, 0].into_iter().enumerate() {
        u[2 + i] = hex[((cp >> shift) & 0xf) as usize];
    }
    out.put(core::str::from_utf8(&u).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;

    fn canon(s: &str, mode: Mode) -> String {
        String::from_utf8(to_canonical(&parse(s.as_bytes()).unwrap(), mode)).unwrap()
    }

    #[test]
    fn modes() {
        let src = r#"{"b":"<a&b>","a":[1.0,1E2,-0,0.0000001,1e21,12345678901234567890]}"#;
        assert_eq!(
            canon(src, Mode::Digest),
            r#"{"a":[1,100,-0,1e-7,1e+21,12345678901234567000],"b":"<a&b>"}"#
        );
        assert_eq!(
            canon(src, Mode::Signature),
            r#"{"a":[1,100,-0,1e-7,1e+21,12345678901234567000],"b":"\u003ca\u0026b\u003e"}"#
        );
        assert_eq!(canon(src, Mode::Jcs), r#"{"a":[1,100,0,1e-7,1e+21,12345678901234567000],"b":"<a&b>"}"#);
    }

    /// The escaping rules one char at a time, as ANIP-CJ-5 states them: the run-copying
    /// writer must agree on every string.
    fn escape_by_char(s: &str, mode: Mode) -> String {
        let mut out = String::from("\"");
        for ch in s.chars() {
            match ch {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                '\u{8}' => out.push_str("\\b"),
                '\u{c}' => out.push_str("\\f"),
                '<' | '>' | '&' if mode == Mode::Signature => out.push_str(&alloc::format!("\\u{:04x}", ch as u32)),
                '\u{2028}' | '\u{2029}' if mode != Mode::Jcs => out.push_str(&alloc::format!("\\u{:04x}", ch as u32)),
                c if (c as u32) < 0x20 => out.push_str(&alloc::format!("\\u{:04x}", c as u32)),
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }

    #[test]
    fn run_copying_escapes_like_char_by_char() {
        let pieces = ["", "a", "\"", "\\", "\n\r\t\u{8}\u{c}", "\u{0}\u{1f}\u{7f}", "<>&", "\u{2028}", "\u{2029}", "\u{2027}",
            "\u{202a}", "\u{20ac}", "\u{e000}", "\u{1f600}", "é", "plain text run", "/"];
        for mode in [Mode::Digest, Mode::Signature, Mode::Jcs] {
            for a in pieces {
                for b in pieces {
                    for c in pieces {
                        let s = alloc::format!("{a}{b}{c}");
                        let mut out = String::new();
                        write_string(&mut out, &s, mode);
                        assert_eq!(out, escape_by_char(&s, mode), "{s:?} in {mode:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn an_object_held_as_a_map_writes_like_the_value() {
        let v = parse(br#"{"b":{"y":[1,{"z":"\u2028"}],"x":null},"a":"<&>","\ufffd":1,"\ud83d\ude00":2}"#).unwrap();
        let m = v.as_object().unwrap();
        for mode in [Mode::Digest, Mode::Signature, Mode::Jcs] {
            assert_eq!(to_canonical_object(m, mode), to_canonical(&v, mode), "{mode:?}");
        }
    }

    #[test]
    fn strings_and_keys() {
        assert_eq!(canon("\"\\u2028\\u2029\\u0001\\u007f/\"", Mode::Digest), "\"\\u2028\\u2029\\u0001\u{7f}/\"");
        assert_eq!(canon("\"\\u2028\"", Mode::Jcs), "\"\u{2028}\"");
        // U+FFFD (EF BF BD) sorts before U+1F600 (F0 ..) by bytes, after it (D83D ..) by UTF-16.
        let src = "{\"\\ud83d\\ude00\":2,\"\\ufffd\":1}";
        assert_eq!(canon(src, Mode::Digest), "{\"\u{FFFD}\":1,\"\u{1F600}\":2}");
        assert_eq!(canon(src, Mode::Jcs), "{\"\u{1F600}\":2,\"\u{FFFD}\":1}");
    }
}
