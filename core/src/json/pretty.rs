//! Printing values for people and hosts (not for hashing; see `canonical`):
//! * [`to_pretty`]: Go `json.MarshalIndent(v, "", "  ")` plus a trailing newline
//!   (ANIP-CJ-10): HTML characters escaped, maps sorted, records in insertion order.
//! * [`to_compact`]: the same order without whitespace or HTML escaping; how results
//!   cross a binding boundary (hosts parse it with `json.loads` / `JSON.parse`, which
//!   keep key order).
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use super::canonical::{write_string, Mode};
use super::number::format_go_float;
use super::value::{Entries, Map, Value};

/// Pretty-printed text with a trailing `\n`, as upstream writes files and results.
pub fn to_pretty(v: &Value) -> String {
    let mut out = String::new();
    write(&mut out, v, true);
    out.push('\n');
    out
}

/// Compact text in record order.
pub fn to_compact(v: &Value) -> String {
    let mut out = String::new();
    write(&mut out, v, false);
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

/// A container being written: its remaining children and whether one was written.
enum Open<'a> {
    Array(core::slice::Iter<'a, Value>, bool),
    Object(Entries<'a>, bool),
}

/// Writes `v` with an explicit stack (values may be 10,000 levels deep); `pretty`
/// indents by the number of open containers.
fn write(out: &mut String, v: &Value, pretty: bool) {
    let level = |depth: usize| if pretty { Some(depth) } else { None };
    let escape = if pretty { Mode::Signature } else { Mode::Digest };
    let mut stack: Vec<Open<'_>> = Vec::new();
    let mut next = Some(v);
    loop {
        match next.take() {
            None => {}
            Some(Value::Null) => out.push_str("null"),
            Some(Value::Bool(b)) => out.push_str(if *b { "true" } else { "false" }),
            Some(Value::Number(n)) => out.push_str(&format_go_float(*n)),
            Some(Value::String(s)) => write_string(out, s, escape),
            Some(Value::Array(items)) if items.is_empty() => out.push_str("[]"),
            Some(Value::Array(items)) => {
                out.push('[');
                stack.push(Open::Array(items.iter(), false));
            }
            Some(Value::Object(m)) if m.is_empty() => out.push_str("{}"),
            Some(Value::Object(m)) => {
                out.push('{');
                stack.push(Open::Object(m.printed(), false));
            }
        }
        let depth = stack.len();
        let Some(top) = stack.last_mut() else { return };
        match top {
            Open::Array(items, written) => match items.next() {
                Some(item) => {
                    if core::mem::replace(written, true) {
                        out.push(',');
                    }
                    newline(out, level(depth));
                    next = Some(item);
                }
                None => {
                    newline(out, level(depth - 1));
                    out.push(']');
                    stack.pop();
                }
            },
            Open::Object(entries, written) => match entries.next() {
                Some((k, item)) => {
                    if core::mem::replace(written, true) {
                        out.push(',');
                    }
                    newline(out, level(depth));
                    write_string(out, k, escape);
                    out.push_str(if pretty { ": " } else { ":" });
                    next = Some(item);
                }
                None => {
                    newline(out, level(depth - 1));
                    out.push('}');
                    stack.pop();
                }
            },
        }
    }
}

// `Debug` of values is their compact JSON text (iterative, unlike a derived `Debug`).
impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&to_compact(self))
    }
}

impl fmt::Debug for Map {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&to_compact(&Value::Object(self.clone())))
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
