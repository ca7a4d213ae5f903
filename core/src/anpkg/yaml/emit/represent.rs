//! PyYAML's `SafeRepresenter`: how each Python value becomes a tagged scalar text or
//! a collection. Floats follow Python `repr` (shortest round-trip digits, exponent
//! form below 1e-4 and from 1e16) with PyYAML's fix-ups (`.inf`, `-.inf`, `.nan`,
//! `1e+16` → `1.0e+16`); dates and datetimes are `isoformat()` / `isoformat(' ')`;
//! `bytes` are `base64.encodebytes` text in a literal block.
use alloc::format;
use alloc::string::String;

use super::super::value::{Date, DateTime};

/// The scalar tags the safe representer produces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScalarTag {
    Str,
    Int,
    Float,
    Bool,
    Null,
    Timestamp,
    Binary,
}

impl ScalarTag {
    /// The tag as the emitter abbreviates it (`!!str`), whose length counts against
    /// the 128-character simple-key limit even when the tag is not written.
    pub fn short(self) -> &'static str {
        match self {
            ScalarTag::Str => "!!str",
            ScalarTag::Int => "!!int",
            ScalarTag::Float => "!!float",
            ScalarTag::Bool => "!!bool",
            ScalarTag::Null => "!!null",
            ScalarTag::Timestamp => "!!timestamp",
            ScalarTag::Binary => "!!binary",
        }
    }
}

/// Python `repr(float)` as PyYAML writes it.
pub fn float_text(f: f64) -> String {
    if f.is_nan() {
        return ".nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { ".inf".into() } else { "-.inf".into() };
    }
    let repr = python_float_repr(f);
    // `repr(1e16)` is `1e+16`, which YAML 1.1 would not read as a float.
    if !repr.contains('.') && repr.contains('e') {
        repr.replacen('e', ".0e", 1)
    } else {
        repr
    }
}

/// Python `repr` of a finite float: the shortest digits that round-trip (same as
/// ryu's), positioned the way CPython's `float_repr_style = 'short'` does.
fn python_float_repr(f: f64) -> String {
    let mut buf = ryu::Buffer::new();
    let s = buf.format_finite(f);
    let (negative, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (mantissa, exp) = match body.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
        None => (body, 0),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mut digits: String = int_part.chars().chain(frac_part.chars()).collect();
    // The value is 0.DIGITS × 10^decpt.
    let mut decpt = int_part.len() as i32 + exp;
    while digits.len() > 1 && digits.starts_with('0') {
        digits.remove(0);
        decpt -= 1;
    }
    while digits.len() > 1 && digits.ends_with('0') {
        digits.pop();
    }
    let sign = if negative { "-" } else { "" };
    if digits == "0" {
        return format!("{sign}0.0");
    }
    let n = digits.len() as i32;
    if decpt > 16 || decpt < -3 {
        let e = decpt - 1;
        let (first, rest) = digits.split_at(1);
        let mantissa = if rest.is_empty() { String::from(first) } else { format!("{first}.{rest}") };
        let esign = if e < 0 { '-' } else { '+' };
        format!("{sign}{mantissa}e{esign}{:02}", e.unsigned_abs())
    } else if decpt <= 0 {
        format!("{sign}0.{}{digits}", "0".repeat(decpt.unsigned_abs() as usize))
    } else if decpt >= n {
        format!("{sign}{digits}{}.0", "0".repeat((decpt - n) as usize))
    } else {
        let (a, b) = digits.split_at(decpt as usize);
        format!("{sign}{a}.{b}")
    }
}

/// `date.isoformat()`.
pub fn date_text(d: &Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
}

/// `datetime.isoformat(' ')`: microseconds only when non-zero, offset as `+HH:MM`
/// (with `:SS` only when it has seconds).
pub fn datetime_text(t: &DateTime) -> String {
    let mut s = format!("{} {:02}:{:02}:{:02}", date_text(&t.date), t.hour, t.minute, t.second);
    if t.microsecond != 0 {
        s.push_str(&format!(".{:06}", t.microsecond));
    }
    if let Some(off) = t.utc_offset_seconds {
        let sign = if off < 0 { '-' } else { '+' };
        let abs = off.unsigned_abs();
        s.push_str(&format!("{sign}{:02}:{:02}", abs / 3600, (abs % 3600) / 60));
        if abs % 60 != 0 {
            s.push_str(&format!(":{:02}", abs % 60));
        }
    }
    s
}

/// `base64.encodebytes`: standard alphabet, a `\n` after every 76 characters and at
/// the end (nothing at all for empty input).
pub fn binary_text(bytes: &[u8]) -> String {
    use base64::Engine as _;
    let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
    let mut out = String::with_capacity(encoded.len() + encoded.len() / 76 + 1);
    for chunk in encoded.as_bytes().chunks(76) {
        out.push_str(core::str::from_utf8(chunk).unwrap_or(""));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_follow_python_repr_and_pyyaml_fixups() {
        for (f, want) in [
            (25.0, "25.0"),
            (0.1, "0.1"),
            (1e-5, "1.0e-05"),
            (1.5e-5, "1.5e-05"),
            (0.0001, "0.0001"),
            (1e16, "1.0e+16"),
            (1e15, "1000000000000000.0"),
            (1.2345e20, "1.2345e+20"),
            (123456789.125, "123456789.125"),
            (-0.0, "-0.0"),
            (0.0, "0.0"),
            (f64::INFINITY, ".inf"),
            (f64::NEG_INFINITY, "-.inf"),
            (f64::NAN, ".nan"),
            (1e300, "1.0e+300"),
            (5e-324, "5.0e-324"),
            (f64::MAX, "1.7976931348623157e+308"),
        ] {
            assert_eq!(float_text(f), want, "{f:e}");
        }
    }

    #[test]
    fn binary_is_wrapped_at_76() {
        assert_eq!(binary_text(b""), "");
        assert_eq!(binary_text(b"hello"), "aGVsbG8=\n");
        let long = binary_text(&[0u8; 60]);
        assert_eq!(long.lines().next().map(str::len), Some(76));
        assert!(long.ends_with('\n'));
    }
}
