//! Compact JSON that keeps record order: how results cross a binding boundary
//! (hosts parse it with `json.loads` / `JSON.parse`, which keep key order).
use alloc::string::String;

use super::canonical::{write_string, Mode};
use super::number::format_go_float;
use super::value::Value;

pub fn to_compact(v: &Value) -> String {
    let mut out = String::new();
    write(&mut out, v);
    out
}

fn write(out: &mut String, v: &Value) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&format_go_float(*n)),
        Value::String(s) => write_string(out, s, Mode::Digest),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(out, item);
            }
            out.push(']');
        }
        Value::Object(m) => {
            let entries: alloc::vec::Vec<_> = if m.is_record() { m.iter().collect() } else { m.sorted() };
            out.push('{');
            for (i, (k, val)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(out, k, Mode::Digest);
                out.push(':');
                write(out, val);
            }
            out.push('}');
        }
    }
}
