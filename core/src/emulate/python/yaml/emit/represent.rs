//! PyYAML's `SafeRepresenter`: how each Python value becomes a tagged scalar text or
//! a collection. Floats are Python `repr` (`emulate/python/repr.rs`) with PyYAML's fix-ups (`.inf`, `-.inf`, `.nan`,
//! `1e+16` → `1.0e+16`); dates and datetimes are `isoformat()` / `isoformat(' ')`;
//! `bytes` are `base64.encodebytes` text in a literal block.
use alloc::format;
use alloc::string::String;

use crate::emulate::python::repr::{datetime_iso, float_repr};
use crate::emulate::python::yaml::value::{Date, DateTime};

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

/// Python `repr(float)` as PyYAML writes it: `.nan`, `.inf`, `-.inf`, and `.0`
/// inserted before an exponent without a fraction (`repr(1e16)` is `1e+16`, which YAML
/// 1.1 would not read back as a float).
pub fn float_text(f: f64) -> String {
    if f.is_nan() {
        return ".nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { ".inf".into() } else { "-.inf".into() };
    }
    let repr = float_repr(f);
    if !repr.contains('.') && repr.contains('e') {
        repr.replacen('e', ".0e", 1)
    } else {
        repr
    }
}

/// `date.isoformat()`.
pub fn date_text(d: &Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
}

/// `datetime.isoformat(' ')`.
pub fn datetime_text(t: &DateTime) -> String {
    datetime_iso(t, ' ')
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
