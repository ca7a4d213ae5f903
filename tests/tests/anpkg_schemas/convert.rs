//! PyYAML values ↔ JSON: only what JSON can hold converts; everything else is skipped
//! by the caller, never compared through a lossy conversion.
use serde_json::{Map as JMap, Number, Value as J};
use trustloop_core::api::anpkg::yaml::{Int, Map as YMap, Value as Y};

/// The JSON value of a PyYAML value, or why it has none.
pub fn to_json(v: &Y) -> Result<J, &'static str> {
    Ok(match v {
        Y::Null => J::Null,
        Y::Bool(b) => J::Bool(*b),
        Y::Int(i) => match i.to_i64() {
            Some(n) => J::from(n),
            None => J::from(i.to_string().parse::<u64>().map_err(|_| "int beyond i64/u64")?),
        },
        Y::Float(f) => J::Number(Number::from_f64(*f).ok_or("nan/inf")?),
        Y::Str(s) => J::String(s.clone()),
        Y::Binary(_) => return Err("bytes"),
        Y::Date(_) | Y::DateTime(_) => return Err("date/datetime"),
        Y::Set(_) => return Err("set"),
        // jsonschema's `array` is `list` only: a tuple is not one.
        Y::Tuple(_) => return Err("tuple"),
        Y::Seq(items) => J::Array(items.iter().map(to_json).collect::<Result<_, _>>()?),
        Y::Map(m) => {
            let mut out = JMap::new();
            for (k, v) in m.iter() {
                let Y::Str(k) = k else { return Err("non-string key") };
                out.insert(k.clone(), to_json(v)?);
            }
            J::Object(out)
        }
    })
}

/// The PyYAML value of a JSON value (`7` an `int`, `7.0` a `float`, as Python's json).
pub fn to_yaml(v: &J) -> Y {
    match v {
        J::Null => Y::Null,
        J::Bool(b) => Y::Bool(*b),
        J::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => Y::Int(Int::from_i64(i)),
            (None, Some(u), _) => Y::Int(Int::parse_radix(&u.to_string(), 10, false).expect("decimal digits")),
            (_, _, f) => Y::Float(f.expect("serde_json numbers without arbitrary precision are f64")),
        },
        J::String(s) => Y::Str(s.clone()),
        J::Array(items) => Y::Seq(items.iter().map(to_yaml).collect()),
        J::Object(m) => {
            let mut out = YMap::new();
            for (k, v) in m {
                out.insert(Y::Str(k.clone()), to_yaml(v));
            }
            Y::Map(out)
        }
    }
}

pub fn has_string_ending_in_newline(v: &J) -> bool {
    match v {
        J::String(s) => s.ends_with('\n'),
        J::Array(items) => items.iter().any(has_string_ending_in_newline),
        J::Object(m) => m.iter().any(|(k, v)| k.ends_with('\n') || has_string_ending_in_newline(v)),
        _ => false,
    }
}
