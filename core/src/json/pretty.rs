//! Go `json.MarshalIndent(v, "", "  ")` plus a trailing newline (ANIP-CJ-10):
//! HTML characters escaped, maps sorted, records in insertion order.
use alloc::string::String;

use super::canonical::{write_string, Mode};
use super::number::format_go_float;
use super::value::Value;

/// Pretty-printed bytes with a trailing `\n`, as upstream writes files and results.
pub fn to_pretty(v: &Value) -> String {
    let mut out = String::new();
    write(&mut out, v, 0);
    out.push('\n');
    out
}

fn indent(out: &mut String, level: usize) {
    out.push('\n');
    for _ in 0..level {
        out.push_str("  ");
    }
}

fn write(out: &mut String, v: &Value, level: usize) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&format_go_float(*n)),
        Value::String(s) => write_string(out, s, Mode::Signature),
        Value::Array(items) if items.is_empty() => out.push_str("[]"),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                indent(out, level + 1);
                write(out, item, level + 1);
            }
            indent(out, level);
            out.push(']');
        }
        Value::Object(m) if m.is_empty() => out.push_str("{}"),
        Value::Object(m) => {
            let entries: alloc::vec::Vec<_> = if m.is_record() { m.iter().collect() } else { m.sorted() };
            out.push('{');
            for (i, (k, val)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                indent(out, level + 1);
                write_string(out, k, Mode::Signature);
                out.push_str(": ");
                write(out, val, level + 1);
            }
            indent(out, level);
            out.push('}');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::{Map, Value};

    #[test]
    fn go_indent_shape() {
        let v: Value = Map::record()
            .with("z", "a<b")
            .with("a", Value::Array(alloc::vec![]))
            .with("m", Map::new().with("y", 1.0).with("x", Map::new()))
            .into();
        assert_eq!(
            to_pretty(&v),
            "{\n  \"z\": \"a\\u003cb\",\n  \"a\": [],\n  \"m\": {\n    \"x\": {},\n    \"y\": 1\n  }\n}\n"
        );
    }
}
