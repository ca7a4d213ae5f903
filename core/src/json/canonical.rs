//! Canonical JSON bytes (ANIP-CJ-2..7) and RFC 8785 JCS.
use alloc::string::String;
use alloc::vec::Vec;

use super::number::format_go_float;
use super::value::Value;

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

/// Canonical bytes of `v` in `mode`, without a trailing newline (ANIP-CJ-7).
pub fn to_canonical(v: &Value, mode: Mode) -> Vec<u8> {
    let mut out = String::new();
    write_value(&mut out, v, mode);
    out.into_bytes()
}

fn write_value(out: &mut String, v: &Value, mode: Mode) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            if mode == Mode::Jcs && *n == 0.0 {
                out.push('0');
            } else {
                out.push_str(&format_go_float(*n));
            }
        }
        Value::String(s) => write_string(out, s, mode),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item, mode);
            }
            out.push(']');
        }
        Value::Object(m) => {
            let mut entries = m.sorted();
            if mode == Mode::Jcs {
                entries.sort_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
            }
            out.push('{');
            for (i, (k, val)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(out, k, mode);
                out.push(':');
                write_value(out, val, mode);
            }
            out.push('}');
        }
    }
}

/// Go `encoding/json` string escaping (ANIP-CJ-5), or JCS minimal escaping.
pub(crate) fn write_string(out: &mut String, s: &str, mode: Mode) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '<' | '>' | '&' if mode == Mode::Signature => push_u(out, ch as u32, HEX),
            '\u{2028}' | '\u{2029}' if mode != Mode::Jcs => push_u(out, ch as u32, HEX),
            c if (c as u32) < 0x20 => push_u(out, c as u32, HEX),
            c => out.push(c),
        }
    }
    out.push('"');
}

fn push_u(out: &mut String, cp: u32, hex: &[u8; 16]) {
    out.push_str("\\u");
    for shift in [12, 8, 4, 0] {
        out.push(hex[((cp >> shift) & 0xf) as usize] as char);
    }
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
