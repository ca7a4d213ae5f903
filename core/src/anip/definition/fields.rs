//! Reading a decoded definition the way upstream's `map[string]any` helpers do
//! (Appendix A preamble): strings are read trimmed, and a field of the wrong JSON
//! type reads as empty.
//!
//! Trimming: Rust's `str::trim` removes the Unicode `White_Space` characters, the
//! same set as Go's `strings.TrimSpace` (`unicode.IsSpace`).
use alloc::vec::Vec;

use crate::json::{Map, Value};

/// `stringField`: the trimmed string, or "" for a missing or non-string value.
pub(crate) fn str_field<'a>(m: &'a Map, key: &str) -> &'a str {
    m.get(key).and_then(Value::as_str).map(str::trim).unwrap_or("")
}

/// `mapField`: the object at `key`, if it is one.
pub(crate) fn map_field<'a>(m: &'a Map, key: &str) -> Option<&'a Map> {
    m.get(key).and_then(Value::as_object)
}

/// `sliceField`: the array at `key`, or an empty slice.
pub(crate) fn slice_field<'a>(m: &'a Map, key: &str) -> &'a [Value] {
    m.get(key).and_then(Value::as_array).unwrap_or(&[])
}

/// `boolField`: true only for a JSON `true`.
pub(crate) fn bool_field(m: &Map, key: &str) -> bool {
    matches!(m.get(key), Some(Value::Bool(true)))
}

/// `stringSliceField`: the trimmed items of an array of non-blank strings; empty
/// when the value is not an array or any item is not a non-blank string.
pub(crate) fn string_slice_field<'a>(m: &'a Map, key: &str) -> Vec<&'a str> {
    let Some(items) = m.get(key).and_then(Value::as_array) else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        match item.as_str().map(str::trim) {
            Some(s) if !s.is_empty() => out.push(s),
            _ => return Vec::new(),
        }
    }
    out
}

/// `stringSliceValue`: an array whose items are all non-blank strings (an empty
/// array qualifies).
pub(crate) fn is_string_slice(v: &Value) -> bool {
    match v.as_array() {
        Some(items) => items.iter().all(|i| i.as_str().is_some_and(|s| !s.trim().is_empty())),
        None => false,
    }
}

/// `positiveIntegerField`: a JSON number `> 0` with no fractional part.
///
/// Upstream tests `value == float64(int64(value))`; on amd64 the conversion of a
/// value at or above 2^63 yields `MinInt64`, so such values are not integers. We
/// reproduce the amd64 result (documented in `docs/conformance/anip-definition.md`).
pub(crate) fn positive_integer_field(m: &Map, key: &str) -> bool {
    const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;
    match m.get(key) {
        // In range, so the cast is exact for integers and truncates anything else.
        Some(Value::Number(n)) => *n > 0.0 && *n < TWO_POW_63 && (*n as i64) as f64 == *n,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;

    fn obj(s: &str) -> Map {
        match parse(s.as_bytes()).map(Value::into_object) {
            Ok(Ok(m)) => m,
            other => panic!("not an object: {other:?}"),
        }
    }

    #[test]
    fn strings_are_trimmed_and_wrong_types_read_empty() {
        let m = obj(r#"{"a":"  x \u00a0","b":5,"c":null}"#);
        assert_eq!(str_field(&m, "a"), "x");
        assert_eq!(str_field(&m, "b"), "");
        assert_eq!(str_field(&m, "c"), "");
        assert_eq!(str_field(&m, "missing"), "");
    }

    #[test]
    fn string_slices() {
        let m = obj(r#"{"ok":[" a ","b"],"blank":["a"," "],"num":["a",1],"empty":[],"str":"a"}"#);
        assert_eq!(string_slice_field(&m, "ok"), ["a", "b"]);
        assert!(string_slice_field(&m, "blank").is_empty());
        assert!(string_slice_field(&m, "num").is_empty());
        assert!(is_string_slice(m.get("ok").unwrap()));
        assert!(is_string_slice(m.get("empty").unwrap()));
        assert!(!is_string_slice(m.get("blank").unwrap()));
        assert!(!is_string_slice(m.get("str").unwrap()));
    }

    #[test]
    fn positive_integers() {
        let m = obj(r#"{"a":1,"b":0,"c":1.5,"d":"1","e":-3,"f":9223372036854775807,"g":1e18}"#);
        assert!(positive_integer_field(&m, "a"));
        assert!(!positive_integer_field(&m, "b"));
        assert!(!positive_integer_field(&m, "c"));
        assert!(!positive_integer_field(&m, "d"));
        assert!(!positive_integer_field(&m, "e"));
        // 9223372036854775807 parses to 2^63 as an f64: not an int64 on amd64.
        assert!(!positive_integer_field(&m, "f"));
        assert!(positive_integer_field(&m, "g"));
        assert!(!positive_integer_field(&m, "missing"));
    }
}
