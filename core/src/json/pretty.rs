//! Printing values for people and hosts (not for hashing; see `canonical`):
//! * [`to_pretty`]: Go `json.MarshalIndent(v, "", "  ")` plus a trailing newline
//!   (ANIP-CJ-10): HTML characters escaped, maps sorted, records in insertion order.
//! * [`to_compact`]: the same order without whitespace or HTML escaping; how results
//!   cross a binding boundary (hosts parse it with `json.loads` / `JSON.parse`, which
//!   keep key order).
use alloc::string::String;
use alloc::vec::Vec;

use super::canonical::{write_string, Mode};
use super::number::format_go_float;
use super::value::Value;

/// Pretty-printed text with a trailing `\n`, as upstream writes files and results.
pub fn to_pretty(v: &Value) -> String {
    let mut out = String::new();
    write(&mut out, v, Some(0));
    out.push('\n');
    out
}

/// Compact text in record order.
pub fn to_compact(v: &Value) -> String {
    let mut out = String::new();
    write(&mut out, v, None);
    out
}

/// A line break and indentation, when pretty-printing (`level` is `Some`).
fn newline(out: &mut String, level: Option<usize>) {
    if let Some(level) = level {
        out.push('\n');
        for _ in 0..level {
            out.push_str("  ");
        }
    }
}

fn write(out: &mut String, v: &Value, level: Option<usize>) {
    let inner = level.map(|l| l + 1);
    let escape = if level.is_some() { Mode::Signature } else { Mode::Digest };
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&format_go_float(*n)),
        Value::String(s) => write_string(out, s, escape),
        Value::Array(items) if items.is_empty() => out.push_str("[]"),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, inner);
                write(out, item, inner);
            }
            newline(out, level);
            out.push(']');
        }
        Value::Object(m) if m.is_empty() => out.push_str("{}"),
        Value::Object(m) => {
            let entries: Vec<_> = if m.is_record() { m.iter().collect() } else { m.sorted() };
            out.push('{');
            for (i, (k, val)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, inner);
                write_string(out, k, escape);
                out.push_str(if level.is_some() { ": " } else { ":" });
                write(out, val, inner);
            }
            newline(out, level);
            out.push('}');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::{Map, Value};

    fn sample() -> Value {
        Map::record()
            .with("z", "a<b")
            .with("a", Value::Array(alloc::vec![]))
            .with("m", Map::new().with("y", 1.0).with("x", Map::new()))
            .into()
    }

    #[test]
    fn go_indent_shape() {
        assert_eq!(
            to_pretty(&sample()),
            "{\n  \"z\": \"a\\u003cb\",\n  \"a\": [],\n  \"m\": {\n    \"x\": {},\n    \"y\": 1\n  }\n}\n"
        );
    }

    #[test]
    fn compact_keeps_record_order_without_html_escaping() {
        assert_eq!(to_compact(&sample()), "{\"z\":\"a<b\",\"a\":[],\"m\":{\"x\":{},\"y\":1}}");
    }
}
