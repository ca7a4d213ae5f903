//! Go `encoding/json` into a typed model and back out (`json.Unmarshal`, then
//! `json.Marshal`), for every struct upstream decodes: the service definition, the
//! package bundle, the consumer lock file.
//!
//! Decoding follows Go's rules: object keys are visited in sorted order (the
//! definition was re-indented from a Go map), a key matches a field by exact name
//! or else case-insensitively (Go's `foldName`), unknown keys are ignored, `null`
//! leaves scalars and value structs unchanged and resets slices, maps and
//! pointers, and a type mismatch is remembered (the first one wins) while decoding
//! goes on with the field left as it was. The mismatch text is Go's
//! `UnmarshalTypeError`: `json: cannot unmarshal <kind> into Go struct field
//! <Struct>.<json.path> of type <type>`, where `<Struct>` is the innermost struct
//! and the path lists the JSON field names from the root (no indices, no map keys).
//!
//! Encoding applies `omitempty` and fills zero values, so the result is the
//! `map[string]any` upstream's `assertDefinition` validates again.
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::model::{Struct, Ty};
use crate::json::{format_go_float, Map, Value};

/// A typed decode: the decoded value (known fields only, under their exact names)
/// and the first type mismatch, in Go's words.
pub(crate) struct Decoded {
    pub value: Value,
    pub error: Option<String>,
}

/// `json.Unmarshal` of `v` into a value of type `top`.
pub(crate) fn decode(top: &Ty, v: &Value) -> Decoded {
    let mut d = Decoder { first_error: None, context: Vec::new() };
    let value = d.decode(top, v, None);
    Decoded { value, error: d.first_error }
}

struct Decoder {
    first_error: Option<String>,
    /// `(struct name, JSON field name)` for every field being decoded, outermost first.
    context: Vec<(&'static str, &'static str)>,
}

/// The JSON kind as Go's `UnmarshalTypeError` names it.
pub(crate) fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Go's `reflect.Type.String()` for a field type.
fn go_type(ty: &Ty) -> String {
    match ty {
        Ty::Str => "string".into(),
        Ty::Bool => "bool".into(),
        Ty::Int => "int".into(),
        Ty::Any => "interface {}".into(),
        Ty::Slice(t) => format!("[]{}", go_type(t)),
        Ty::Map(t) => format!("map[string]{}", go_type(t)),
        Ty::Ptr(s) | Ty::Inline(s) => format!("generator.{}", s.name),
    }
}

/// Go's `foldName` for one character, as far as it can equal an ASCII letter:
/// ASCII is upper-cased; `ſ`, `K` (Kelvin), `ı` and `İ` fold onto ASCII letters.
fn fold_char(c: char) -> char {
    match c {
        'ſ' => 'S',
        '\u{212A}' => 'K',
        'ı' | 'İ' => 'I',
        c => c.to_ascii_uppercase(),
    }
}

/// Whether JSON key `key` selects the field named `name` (ASCII lowercase).
pub(crate) fn key_matches(key: &str, name: &str) -> bool {
    key == name || key.chars().map(fold_char).eq(name.chars().map(|c| c.to_ascii_uppercase()))
}

fn zero(ty: &Ty) -> Value {
    match ty {
        Ty::Str => Value::String(String::new()),
        Ty::Bool => Value::Bool(false),
        Ty::Int => Value::Number(0.0),
        Ty::Any | Ty::Slice(_) | Ty::Map(_) | Ty::Ptr(_) => Value::Null,
        Ty::Inline(_) => Value::Object(Map::new()),
    }
}

impl Decoder {
    fn mismatch(&mut self, what: &str, ty: &Ty) {
        if self.first_error.is_some() {
            return;
        }
        let msg = match self.context.last() {
            None => format!("json: cannot unmarshal {what} into Go value of type {}", go_type(ty)),
            Some((struct_name, _)) => {
                let path: Vec<&str> = self.context.iter().map(|(_, field)| *field).collect();
                format!(
                    "json: cannot unmarshal {what} into Go struct field {struct_name}.{} of type {}",
                    path.join("."),
                    go_type(ty)
                )
            }
        };
        self.first_error = Some(msg);
    }

    /// Decodes `raw` into a field of type `ty` whose current value is `prev`.
    fn decode(&mut self, ty: &Ty, raw: &Value, prev: Option<&Value>) -> Value {
        let keep = |prev: Option<&Value>| prev.cloned().unwrap_or_else(|| zero(ty));
        if matches!(raw, Value::Null) {
            return match ty {
                Ty::Str | Ty::Bool | Ty::Int | Ty::Inline(_) => keep(prev),
                Ty::Any | Ty::Slice(_) | Ty::Map(_) | Ty::Ptr(_) => Value::Null,
            };
        }
        match (ty, raw) {
            (Ty::Any, v) => v.clone(),
            (Ty::Str, Value::String(s)) => Value::String(s.clone()),
            (Ty::Bool, Value::Bool(b)) => Value::Bool(*b),
            (Ty::Int, Value::Number(n)) => {
                // Go parses the literal text (as re-encoded from a float64) with ParseInt.
                let text = format_go_float(*n);
                match text.parse::<i64>() {
                    Ok(i) => Value::Number(i as f64),
                    Err(_) => {
                        self.mismatch(&format!("number {text}"), ty);
                        keep(prev)
                    }
                }
            }
            (Ty::Slice(elem), Value::Array(items)) => {
                Value::Array(items.iter().map(|item| self.decode(elem, item, None)).collect())
            }
            (Ty::Map(elem), Value::Object(m)) => {
                let mut out = match prev {
                    Some(Value::Object(existing)) => existing.clone(),
                    _ => Map::new(),
                };
                for (key, item) in m.sorted() {
                    let v = self.decode(elem, item, None);
                    out.insert(key.clone(), v);
                }
                Value::Object(out)
            }
            (Ty::Ptr(s) | Ty::Inline(s), Value::Object(m)) => self.decode_struct(s, m, prev),
            (_, other) => {
                self.mismatch(json_kind(other), ty);
                keep(prev)
            }
        }
    }

    fn decode_struct(&mut self, s: &'static Struct, m: &Map, prev: Option<&Value>) -> Value {
        let mut out = match prev {
            Some(Value::Object(existing)) => existing.clone(),
            _ => Map::new(),
        };
        for (key, item) in m.sorted() {
            let field = s
                .fields
                .iter()
                .find(|f| f.name == key.as_str())
                .or_else(|| s.fields.iter().find(|f| key_matches(key, f.name)));
            let Some(field) = field else { continue };
            self.context.push((s.name, field.name));
            let v = self.decode(&field.ty, item, out.get(field.name));
            self.context.pop();
            out.insert(field.name, v);
        }
        Value::Object(out)
    }
}

fn is_empty(ty: &Ty, v: &Value) -> bool {
    match (ty, v) {
        (Ty::Inline(_), _) => false,
        (_, Value::Null) => true,
        (Ty::Str, Value::String(s)) => s.is_empty(),
        (Ty::Bool, Value::Bool(b)) => !*b,
        (Ty::Int, Value::Number(n)) => *n == 0.0,
        (Ty::Slice(_), Value::Array(a)) => a.is_empty(),
        (Ty::Map(_), Value::Object(m)) => m.is_empty(),
        _ => false,
    }
}

/// `json.Marshal` of a decoded value of type `ty`.
pub(crate) fn encode(ty: &Ty, v: &Value) -> Value {
    match (ty, v) {
        (Ty::Slice(elem), Value::Array(items)) => Value::Array(items.iter().map(|i| encode(elem, i)).collect()),
        (Ty::Map(elem), Value::Object(m)) => {
            let mut out = Map::new();
            for (k, item) in m.sorted() {
                out.insert(k.clone(), encode(elem, item));
            }
            Value::Object(out)
        }
        (Ty::Ptr(s) | Ty::Inline(s), Value::Object(m)) => {
            let mut out = Map::record();
            for field in s.fields {
                let z;
                let value = match m.get(field.name) {
                    Some(v) => v,
                    None => {
                        z = zero(&field.ty);
                        &z
                    }
                };
                if field.omitempty && is_empty(&field.ty, value) {
                    continue;
                }
                out.insert(field.name, encode(&field.ty, value));
            }
            Value::Object(out)
        }
        (Ty::Inline(s), _) => encode(&Ty::Inline(s), &Value::Object(Map::new())),
        _ => v.clone(),
    }
}

