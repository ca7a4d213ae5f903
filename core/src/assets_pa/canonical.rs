//! Canonical JSON of the `assets.pa` header and its mirrors (PA-HDR-2/3).
//!
//! Neither of the core's canonical modes fits exactly: ANIP's digest mode escapes
//! U+2028/U+2029, and JCS sorts keys by UTF-16 units. PA-HDR-3 asks for keys in UTF-8
//! byte order, RFC 8785 §3.2.2.2 string escaping (the JCS mode's, reused) and integers
//! in plain decimal.
use alloc::string::String;
use alloc::vec::Vec;

use crate::json::{format_go_float, write_canonical, Mode, Style, Value};

/// Largest integer allowed in the header (2^53 − 1, PA-HDR-4).
pub const MAX_INTEGER: f64 = 9_007_199_254_740_991.0;

/// Canonical bytes of `v` (no trailing newline).
pub fn to_canonical_bytes(v: &Value) -> Vec<u8> {
    let mut out = String::new();
    write_value(&mut out, v);
    out.into_bytes()
}

/// Whether `n` is a number the v1 header may hold: an integer in 0..=2^53−1.
pub fn is_header_integer(n: f64) -> bool {
    (0.0..=MAX_INTEGER).contains(&n) && is_integral(n) && !(n == 0.0 && n.is_sign_negative())
}

/// Whether `n` has no fractional part (`f64::trunc` is not in `core`).
pub fn is_integral(n: f64) -> bool {
    const TWO_53: f64 = 9_007_199_254_740_992.0;
    // Every finite f64 of magnitude >= 2^53 is an integer; below, i64 holds it exactly.
    n.is_finite() && (n >= TWO_53 || n <= -TWO_53 || (n as i64) as f64 == n)
}

/// Integers in plain decimal; anything else (never in a valid header) stays
/// printable so the self-check can report it as NumberNotAllowed.
fn header_number(out: &mut String, n: f64) {
    if is_header_integer(n) {
        // Exact: every integer up to 2^53 is representable.
        out.push_str(&alloc::format!("{}", n as u64));
    } else {
        out.push_str(&format_go_float(n));
    }
}

fn write_value(out: &mut String, v: &Value) {
    // Keys in UTF-8 byte order, JCS string escaping; iterative in the json module.
    write_canonical(out, v, &Style { strings: Mode::Jcs, utf16_key_order: false, number: header_number, skip_key: None });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;

    fn canon(s: &str) -> String {
        String::from_utf8(to_canonical_bytes(&parse(s.as_bytes()).unwrap())).unwrap()
    }

    #[test]
    fn sorted_by_utf8_bytes_with_minimal_escaping() {
        assert_eq!(canon(r#"{"preload":[],"asset_table":[]}"#), r#"{"asset_table":[],"preload":[]}"#);
        // U+FFFD sorts before U+1F600 by UTF-8 bytes (JCS would put it after).
        assert_eq!(canon("{\"\\ud83d\\ude00\":1,\"\\ufffd\":2}"), "{\"\u{FFFD}\":2,\"\u{1F600}\":1}");
        assert_eq!(canon(r#""\u2028\u0001\b\/""#), "\"\u{2028}\\u0001\\b/\"");
        assert_eq!(canon("[9007199254740991,0]"), "[9007199254740991,0]");
    }

    #[test]
    fn header_integers() {
        assert!(is_header_integer(0.0));
        assert!(is_header_integer(MAX_INTEGER));
        assert!(!is_header_integer(MAX_INTEGER + 1.0));
        assert!(!is_header_integer(-1.0));
        assert!(!is_header_integer(-0.0));
        assert!(!is_header_integer(0.5));
    }
}
