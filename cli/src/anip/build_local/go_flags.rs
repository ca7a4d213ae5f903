//! Upstream parses build-local's flags with Go's `flag` package: integers in Go
//! syntax (`strconv.ParseInt(s, 0, 64)`: `0x`/`0o`/`0b` prefixes, a leading `0` for
//! octal, `_` separators), booleans as `strconv.ParseBool`, and a bad value is
//! reported with the flag package's line followed by the command's usage.
use trustloop_core::api::anip::go_quote;

/// What `flag` prints after a bad value: the command's usage and `PrintDefaults`.
pub(crate) const USAGE: &str = "Usage:
  anip package build-local --definition <anip-service-definition.json> --package-id <id> --package-version <version> --output-dir <dir> [flags]

Builds a local example package bundle signed by the deterministic development
Registry key. This is intended for examples, local smoke tests, and reproducible
showcase artifacts. Production publication should use a real Registry.

Flags:
  -definition string
    \tPath to an anip-service-definition.json
  -developer-revision-ref string
    \tDeveloper revision reference
  -generated-at string
    \tDeterministic generated/published timestamp (default \"2026-05-15T00:00:00Z\")
  -name string
    \tPackage display name. Defaults to service definition identity.system_name
  -output-dir string
    \tDirectory for manifest, lock, bundle, and README artifacts
  -package-id string
    \tPackage id
  -package-version string
    \tPackage version
  -port int
    \tExample generated service port used in README commands (default 9100)
  -product-revision-ref string
    \tProduct revision reference
  -project-ref string
    \tProject lineage reference. Defaults to studio-source:<package-id>
  -showcase-url string
    \tOptional HTTPS showcase files URL
  -source-doc-url string
    \tOptional HTTPS source documentation URL
  -write-definition
    \tAlso write <package-id>-<version>-service-definition.json";

enum NumError {
    Syntax,
    Range,
}

/// Go's `underscoreOK`: underscores only between digits (a base prefix counts as one).
fn underscores_ok(s: &str) -> bool {
    let b = s.trim_start_matches(['+', '-']).as_bytes();
    let mut saw = b'^';
    let mut i = 0;
    let mut hex = false;
    if b.len() >= 2 && b[0] == b'0' && matches!(b[1].to_ascii_lowercase(), b'b' | b'o' | b'x') {
        i = 2;
        saw = b'0';
        hex = b[1].eq_ignore_ascii_case(&b'x');
    }
    for &c in &b[i..] {
        if c.is_ascii_digit() || (hex && c.is_ascii_hexdigit()) {
            saw = b'0';
        } else if c == b'_' {
            if saw != b'0' {
                return false;
            }
            saw = b'_';
        } else if saw == b'_' {
            return false;
        } else {
            saw = b'!';
        }
    }
    saw != b'_'
}

/// `strconv.ParseUint(s, 0, 64)`.
fn parse_uint(s: &str) -> Result<u64, NumError> {
    let bytes = s.as_bytes();
    if bytes.is_empty() {
        return Err(NumError::Syntax);
    }
    let (base, digits): (u64, &[u8]) = match bytes {
        [b'0', p, _, ..] if p.eq_ignore_ascii_case(&b'b') => (2, &bytes[2..]),
        [b'0', p, _, ..] if p.eq_ignore_ascii_case(&b'o') => (8, &bytes[2..]),
        [b'0', p, _, ..] if p.eq_ignore_ascii_case(&b'x') => (16, &bytes[2..]),
        [b'0', ..] => (8, &bytes[1..]),
        _ => (10, bytes),
    };
    let mut n: u64 = 0;
    let mut underscores = false;
    for &c in digits {
        let d = match c {
            b'_' => {
                underscores = true;
                continue;
            }
            b'0'..=b'9' => c - b'0',
            c if c.is_ascii_alphabetic() => c.to_ascii_lowercase() - b'a' + 10,
            _ => return Err(NumError::Syntax),
        };
        if u64::from(d) >= base {
            return Err(NumError::Syntax);
        }
        n = n.checked_mul(base).and_then(|n| n.checked_add(u64::from(d))).ok_or(NumError::Range)?;
    }
    if underscores && !underscores_ok(s) {
        return Err(NumError::Syntax);
    }
    Ok(n)
}

/// `strconv.ParseInt(s, 0, 64)`.
fn parse_int64(s: &str) -> Result<i64, NumError> {
    let (neg, rest) = match s.as_bytes().first() {
        None => return Err(NumError::Syntax),
        Some(b'+') => (false, &s[1..]),
        Some(b'-') => (true, &s[1..]),
        Some(_) => (false, s),
    };
    let magnitude = parse_uint(rest)?;
    const CUTOFF: u64 = 1 << 63;
    match (neg, magnitude) {
        (false, m) if m >= CUTOFF => Err(NumError::Range),
        (true, m) if m > CUTOFF => Err(NumError::Range),
        (true, m) => Ok((m as i64).wrapping_neg()),
        (false, m) => Ok(m as i64),
    }
}

fn failure(line: String) -> String {
    format!("{line}\n{USAGE}")
}

/// An `int` flag's value, or the flag package's error text.
pub fn parse_int(flag: &str, value: &str) -> Result<i64, String> {
    parse_int64(value).map_err(|e| {
        let reason = match e {
            NumError::Syntax => "parse error",
            NumError::Range => "value out of range",
        };
        failure(format!("invalid value {} for flag -{flag}: {reason}", go_quote(value)))
    })
}

/// A `bool` flag's `=value`, or the flag package's error text.
pub fn parse_bool(flag: &str, value: &str) -> Result<bool, String> {
    match value {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Ok(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Ok(false),
        _ => Err(failure(format!("invalid boolean value {} for -{flag}: parse error", go_quote(value)))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_in_go_syntax() {
        for (input, want) in [("9100", 9100), ("0x10", 16), ("010", 8), ("0o17", 15), ("0b11", 3), ("1_000", 1000), ("-5", -5), ("+7", 7), ("0", 0)] {
            assert_eq!(parse_int("port", input).ok(), Some(want), "{input}");
        }
        for input in ["", "abc", "0x", "1__0", "_1", "08", "9.5", " 1"] {
            assert!(parse_int("port", input).unwrap_err().starts_with("invalid value"), "{input}");
        }
        assert!(parse_int("port", "9223372036854775808").unwrap_err().contains(": value out of range\nUsage:"));
        assert_eq!(parse_int("port", "-9223372036854775808").ok(), Some(i64::MIN));
        assert!(parse_int("port", "x").unwrap_err().starts_with("invalid value \"x\" for flag -port: parse error\nUsage:\n"));
    }

    #[test]
    fn booleans() {
        assert_eq!(parse_bool("write-definition", "T").ok(), Some(true));
        assert_eq!(parse_bool("write-definition", "False").ok(), Some(false));
        assert!(parse_bool("write-definition", "yes").unwrap_err().starts_with("invalid boolean value \"yes\" for -write-definition: parse error\n"));
    }
}
