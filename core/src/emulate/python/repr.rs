//! Python `repr()` and `str()` of loaded YAML values.
//!
//! Upstream messages embed Python text: token-scan key paths use `str(key)`
//! (`$.True`, `$.1.0`), schema messages use `repr(instance)`
//! (`{'enabled': True} is not valid under any of the given schemas`) and the checksum
//! and provider-id messages print Python list reprs. `str.isprintable()` is
//! approximated for the Unicode categories that matter (controls, format characters,
//! separators, private use); unassigned code points print as themselves.
use alloc::format;
use alloc::string::String;

use super::yaml::value::{Date, DateTime, Value};

/// `repr(value)`.
pub fn repr(value: &Value) -> String {
    let mut out = String::new();
    write_repr(value, &mut out);
    out
}

/// `str(value)`.
pub fn to_str(value: &Value) -> String {
    match value {
        Value::Str(s) => s.clone(),
        Value::Date(d) => date_iso(d),
        Value::DateTime(dt) => datetime_iso(dt, ' '),
        other => repr(other),
    }
}

fn write_repr(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("None"),
        Value::Bool(true) => out.push_str("True"),
        Value::Bool(false) => out.push_str("False"),
        Value::Int(i) => out.push_str(&format!("{i}")),
        Value::Float(f) => out.push_str(&float_repr(*f)),
        Value::Str(s) => out.push_str(&str_repr(s)),
        Value::Binary(b) => out.push_str(&bytes_repr(b)),
        Value::Date(d) => out.push_str(&format!("datetime.date({}, {}, {})", d.year, d.month, d.day)),
        Value::DateTime(dt) => out.push_str(&datetime_repr(dt)),
        Value::Seq(items) => write_items(items.iter(), "[", "]", out),
        Value::Tuple(items) if items.len() == 1 => {
            out.push('(');
            write_repr(&items[0], out);
            out.push_str(",)");
        }
        Value::Tuple(items) => write_items(items.iter(), "(", ")", out),
        Value::Set(items) if items.is_empty() => out.push_str("set()"),
        Value::Set(items) => write_items(items.iter(), "{", "}", out),
        Value::Map(m) => {
            out.push('{');
            for (i, (k, v)) in m.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_repr(k, out);
                out.push_str(": ");
                write_repr(v, out);
            }
            out.push('}');
        }
    }
}

fn write_items<'a>(items: impl Iterator<Item = &'a Value>, open: &str, close: &str, out: &mut String) {
    out.push_str(open);
    for (i, v) in items.enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write_repr(v, out);
    }
    out.push_str(close);
}

/// A Python list repr of strings: `['a', 'b']`.
pub fn str_list_repr<S: AsRef<str>>(items: &[S]) -> String {
    let mut out = String::from("[");
    for (i, s) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&str_repr(s.as_ref()));
    }
    out.push(']');
    out
}

/// `repr(str)`: single quotes unless the text has `'` and no `"`.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if is_printable(c) => out.push(c),
            c if (c as u32) < 0x100 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push(quote);
    out
}

fn bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') { b'"' } else { b'\'' };
    let mut out = String::from("b");
    out.push(quote as char);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote as char);
    out
}

/// Python's `str.isprintable()` for one character (approximation, see module doc).
pub fn is_printable(c: char) -> bool {
    let u = c as u32;
    !matches!(u,
        0x00..=0x1f | 0x7f..=0xa0 | 0xad
        | 0x600..=0x605 | 0x61c | 0x6dd | 0x70f | 0x890..=0x891 | 0x8e2 | 0x1680 | 0x180e
        | 0x2000..=0x200f | 0x2028..=0x202f | 0x205f..=0x2064 | 0x2066..=0x206f | 0x3000
        | 0xd800..=0xf8ff | 0xfeff | 0xfff9..=0xfffb | 0xfffe..=0xffff
        | 0x110bd | 0x110cd | 0x13430..=0x1343f | 0x1bca0..=0x1bca3 | 0x1d173..=0x1d17a
        | 0xe0001 | 0xe0020..=0xe007f | 0xf0000..=0x10ffff)
}

/// Python `repr(float)`: shortest round-trip digits, fixed notation for exponents
/// -4 ≤ e < 16, otherwise `1e+16` / `1.5e-05`.
pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let (negative, digits, decpt) = shortest_digits(f);
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    if digits == "0" {
        out.push_str("0.0");
        return out;
    }
    let n = digits.len() as i32;
    if decpt > -4 && decpt <= 16 {
        if decpt <= 0 {
            out.push_str("0.");
            for _ in 0..(-decpt) {
                out.push('0');
            }
            out.push_str(&digits);
        } else if decpt >= n {
            out.push_str(&digits);
            for _ in 0..(decpt - n) {
                out.push('0');
            }
            out.push_str(".0");
        } else {
            out.push_str(&digits[..decpt as usize]);
            out.push('.');
            out.push_str(&digits[decpt as usize..]);
        }
    } else {
        out.push_str(&digits[..1]);
        if n > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let e = decpt - 1;
        out.push_str(&format!("e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs()));
    }
    out
}

/// Shortest round-trip decimal digits of a finite float and the decimal point
/// position (`value = 0.DIGITS × 10^decpt`).
fn shortest_digits(f: f64) -> (bool, String, i32) {
    let mut buf = ryu::Buffer::new();
    let text = buf.format_finite(f.abs());
    let (mantissa, exp) = match text.find(['e', 'E']) {
        Some(i) => (&text[..i], text[i + 1..].parse::<i32>().unwrap_or(0)),
        None => (text, 0),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mut digits: String = int_part.chars().chain(frac_part.chars()).collect();
    let mut decpt = int_part.len() as i32 + exp;
    // Strip leading zeros (moving the point) and trailing zeros.
    while digits.len() > 1 && digits.starts_with('0') {
        digits.remove(0);
        decpt -= 1;
    }
    while digits.len() > 1 && digits.ends_with('0') {
        digits.pop();
    }
    (f.is_sign_negative(), digits, decpt)
}

fn date_iso(d: &Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
}

/// `datetime.isoformat(sep)`.
pub fn datetime_iso(dt: &DateTime, sep: char) -> String {
    let mut s = format!("{}{sep}{:02}:{:02}:{:02}", date_iso(&dt.date), dt.hour, dt.minute, dt.second);
    if dt.microsecond != 0 {
        s.push_str(&format!(".{:06}", dt.microsecond));
    }
    if let Some(off) = dt.utc_offset_seconds {
        let sign = if off < 0 { '-' } else { '+' };
        let a = off.unsigned_abs();
        s.push_str(&format!("{sign}{:02}:{:02}", a / 3600, (a % 3600) / 60));
        if a % 60 != 0 {
            s.push_str(&format!(":{:02}", a % 60));
        }
    }
    s
}

fn datetime_repr(dt: &DateTime) -> String {
    let d = dt.date;
    let mut s = format!("datetime.datetime({}, {}, {}, {}, {}", d.year, d.month, d.day, dt.hour, dt.minute);
    if dt.second != 0 || dt.microsecond != 0 {
        s.push_str(&format!(", {}", dt.second));
    }
    if dt.microsecond != 0 {
        s.push_str(&format!(", {}", dt.microsecond));
    }
    match dt.utc_offset_seconds {
        None => {}
        Some(0) => s.push_str(", tzinfo=datetime.timezone.utc"),
        Some(off) => {
            let delta = if off < 0 {
                format!("days=-1, seconds={}", 86_400 + off)
            } else {
                format!("seconds={off}")
            };
            s.push_str(&format!(", tzinfo=datetime.timezone(datetime.timedelta({delta}))"));
        }
    }
    s.push(')');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emulate::python::yaml::load::safe_load;

    #[test]
    fn python_reprs() {
        for (f, want) in [
            (1.0, "1.0"), (25.0, "25.0"), (1e16, "1e+16"), (1e15, "1000000000000000.0"), (0.0001, "0.0001"),
            (0.00001, "1e-05"), (1.5e-7, "1.5e-07"), (-0.0, "-0.0"), (0.1, "0.1"), (123.456, "123.456"),
            (1.7976931348623157e308, "1.7976931348623157e+308"), (5e-324, "5e-324"),
        ] {
            assert_eq!(float_repr(f), want);
        }
        assert_eq!(str_repr("it's"), "\"it's\"");
        assert_eq!(str_repr("a'\"b"), "'a\\'\"b'");
        assert_eq!(str_repr("caf\u{e9}\n\u{1}"), "'caf\u{e9}\\n\\x01'");
        let v = safe_load("{a: [1, 2.5, null, yes], b: 2026-04-03, c: 2026-04-03 10:00:00Z, d: !!binary aGk=, e: 2026-04-03 10:00:00.5 -05:30}").unwrap();
        assert_eq!(
            repr(&v),
            "{'a': [1, 2.5, None, True], 'b': datetime.date(2026, 4, 3), 'c': datetime.datetime(2026, 4, 3, 10, 0, tzinfo=datetime.timezone.utc), 'd': b'hi', 'e': datetime.datetime(2026, 4, 3, 10, 0, 0, 500000, tzinfo=datetime.timezone(datetime.timedelta(days=-1, seconds=66600)))}"
        );
        assert_eq!(to_str(v.get("c").unwrap()), "2026-04-03 10:00:00+00:00");
        assert_eq!(str_list_repr(&["a", "b"]), "['a', 'b']");
    }
}
