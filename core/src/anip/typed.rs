//! Go struct decoding checks (ANIP-CJ-9): which JSON types each field accepts, and
//! the `json: cannot unmarshal …` text a mismatch produces.
use alloc::format;
use alloc::string::String;

use crate::json::Value;

/// The Go type a field decodes into.
#[derive(Clone, Copy, Debug)]
pub enum Ty {
    Str,
    /// `map[string]interface {}`
    AnyMap,
    /// `map[string]string`
    StrMap,
    /// `[]T`
    List(&'static Ty),
    /// a named struct and its fields
    Struct(&'static str, &'static [Field]),
}

pub type Field = (&'static str, Ty);

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn go_type(ty: &Ty) -> String {
    match ty {
        Ty::Str => "string".into(),
        Ty::AnyMap => "map[string]interface {}".into(),
        Ty::StrMap => "map[string]string".into(),
        Ty::List(inner) => format!("[]{}", go_type(inner)),
        Ty::Struct(name, _) => (*name).into(),
    }
}

fn mismatch(v: &Value, ty: &Ty, root: &str, path: &str) -> String {
    if path.is_empty() {
        format!("json: cannot unmarshal {} into Go value of type {}", json_kind(v), go_type(ty))
    } else {
        let short = root.rsplit('.').next().unwrap_or(root);
        format!("json: cannot unmarshal {} into Go struct field {short}.{path} of type {}", json_kind(v), go_type(ty))
    }
}

/// Checks `v` against a struct schema; the first mismatch (in key order) is an error.
pub fn check_struct(v: &Value, name: &'static str, fields: &'static [Field]) -> Result<(), String> {
    check(v, &Ty::Struct(name, fields), name, "")
}

fn check(v: &Value, ty: &Ty, root: &str, path: &str) -> Result<(), String> {
    if matches!(v, Value::Null) {
        return Ok(()); // null leaves the Go zero value
    }
    match ty {
        Ty::Str if matches!(v, Value::String(_)) => Ok(()),
        Ty::AnyMap if matches!(v, Value::Object(_)) => Ok(()),
        Ty::StrMap => match v {
            Value::Object(m) => {
                for (_, item) in m.sorted() {
                    if !matches!(item, Value::String(_) | Value::Null) {
                        return Err(mismatch(item, &Ty::Str, root, path));
                    }
                }
                Ok(())
            }
            _ => Err(mismatch(v, ty, root, path)),
        },
        Ty::List(inner) => match v {
            Value::Array(items) => items.iter().try_for_each(|item| check(item, inner, root, path)),
            _ => Err(mismatch(v, ty, root, path)),
        },
        Ty::Struct(name, fields) => match v {
            Value::Object(m) => {
                for (key, item) in m.sorted() {
                    if let Some((fname, fty)) = fields.iter().find(|(f, _)| f.eq_ignore_ascii_case(key)) {
                        let sub = if path.is_empty() { String::from(*fname) } else { format!("{path}.{fname}") };
                        // Go names the innermost struct and the full field path.
                        check(item, fty, name, &sub)?;
                    }
                }
                Ok(())
            }
            _ => Err(mismatch(v, ty, root, path)),
        },
        _ => Err(mismatch(v, ty, root, path)),
    }
}
