//! JS values as the core's arguments: `Uint8Array`/`Buffer` as borrowed bytes,
//! strings, numbers (integers where the table says int), booleans, `{path: bytes}`
//! files, and JSON-shaped values (plain objects, arrays, strings, finite numbers,
//! booleans, null) as the core's JSON value. `undefined` and `null` omit an argument.
//!
//! Nested values go through the core's iterative walk (`api::json::from_host`, bounded
//! by the `json_depth` budget): this file only says what one JS value is.
//! Keys are own enumerable string keys, as `JSON.stringify` reads them.
use std::collections::BTreeMap;

use napi::bindgen_prelude::{FromNapiValue, JsObjectValue, JsValue, KeyCollectionMode, KeyConversion, KeyFilter, Object, Uint8Array, Unknown};
use napi::ValueType;
use trustloop_core::api::call::Arg;
use trustloop_core::api::diag::Error;
use trustloop_core::api::json::{from_host, HostValue, Shape, Value};
use trustloop_core::api::ops::{Kind, Param};

fn invalid(message: String) -> Error {
    Error::new("INVALID_ARGUMENT", message)
}

fn napi(e: napi::Error) -> Error {
    invalid(e.reason.clone())
}

/// A JS value held for the call, so bytes can be borrowed from it.
pub enum Held {
    Absent,
    Bytes(Uint8Array),
    List(Vec<Uint8Array>),
    Other(Arg<'static>),
}

/// `v` as the argument `param` takes.
pub fn hold(param: &Param, v: Unknown<'_>) -> Result<Held, Error> {
    let ty = v.get_type().map_err(napi)?;
    if matches!(ty, ValueType::Undefined | ValueType::Null) {
        return Ok(Held::Absent);
    }
    let wrong = || invalid(format!("{} must be {}, got {}", param.name, js_type(param.kind), type_name(ty)));
    Ok(match param.kind {
        Kind::Bytes if v.is_typedarray().map_err(napi)? => Held::Bytes(Uint8Array::from_unknown(v).map_err(|_| wrong())?),
        Kind::Text if ty == ValueType::String => Held::Other(Arg::Text(String::from_unknown(v).map_err(napi)?)),
        Kind::Int if ty == ValueType::Number => {
            let n = f64::from_unknown(v).map_err(napi)?;
            if n.fract() != 0.0 || n.abs() > 9_007_199_254_740_991.0 {
                return Err(invalid(format!("{} must be a safe integer", param.name)));
            }
            Held::Other(Arg::Int(n as i64))
        }
        Kind::Bool if ty == ValueType::Boolean => Held::Other(Arg::Bool(bool::from_unknown(v).map_err(napi)?)),
        Kind::Json | Kind::Options => Held::Other(Arg::Json(value(v, param.name)?)),
        Kind::Files if ty == ValueType::Object => {
            let object = Object::from_unknown(v).map_err(napi)?;
            let mut files = BTreeMap::new();
            for (key, child) in own_entries(&object)? {
                if !child.is_typedarray().map_err(napi)? {
                    return Err(invalid(format!("{}: file contents must be a Uint8Array or Buffer", param.name)));
                }
                files.insert(key, Uint8Array::from_unknown(child).map_err(napi)?.to_vec());
            }
            Held::Other(Arg::Files(files))
        }
        Kind::BytesList if v.is_array().map_err(napi)? => {
            let array = Object::from_unknown(v).map_err(napi)?;
            let len = array.get_array_length().map_err(napi)?;
            let mut list = Vec::with_capacity(len as usize);
            for i in 0..len {
                let item: Unknown<'_> = array.get_element(i).map_err(napi)?;
                if !item.is_typedarray().map_err(napi)? {
                    return Err(invalid(format!("{}: every item must be a Uint8Array or Buffer", param.name)));
                }
                list.push(Uint8Array::from_unknown(item).map_err(napi)?);
            }
            Held::List(list)
        }
        _ => return Err(wrong()),
    })
}

impl Held {
    /// The argument, borrowing held bytes.
    pub fn arg(&mut self) -> Arg<'_> {
        match self {
            Held::Absent => Arg::Absent,
            Held::Bytes(b) => Arg::Bytes(b),
            Held::List(l) => Arg::List(l.iter().map(|b| Arg::Bytes(b)).collect()),
            Held::Other(a) => std::mem::replace(a, Arg::Absent),
        }
    }
}

impl Held {
    /// The argument with its bytes copied, for a call on another thread.
    pub fn into_owned(self) -> Arg<'static> {
        match self {
            Held::Absent => Arg::Absent,
            Held::Bytes(b) => Arg::Buf(b.to_vec()),
            Held::List(l) => Arg::List(l.into_iter().map(|b| Arg::Buf(b.to_vec())).collect()),
            Held::Other(a) => a,
        }
    }
}

fn js_type(kind: Kind) -> &'static str {
    match kind {
        Kind::Bytes => "a Uint8Array or Buffer",
        Kind::Text => "a string",
        Kind::Int => "an integer",
        Kind::Bool => "a boolean",
        Kind::Files => "an object of path to Uint8Array",
        Kind::BytesList => "an array of Uint8Array",
        Kind::Json | Kind::Options => "a JSON-shaped value",
    }
}

fn type_name(ty: ValueType) -> &'static str {
    match ty {
        ValueType::Undefined => "undefined",
        ValueType::Null => "null",
        ValueType::Boolean => "boolean",
        ValueType::Number => "number",
        ValueType::String => "string",
        ValueType::Symbol => "symbol",
        ValueType::Object => "object",
        ValueType::Function => "function",
        ValueType::BigInt => "bigint",
        _ => "a value of another type",
    }
}

/// An object's own enumerable string-keyed properties.
fn own_entries<'e>(object: &Object<'e>) -> Result<Vec<(String, Unknown<'e>)>, Error> {
    let names = object
        .get_all_property_names(KeyCollectionMode::OwnOnly, KeyFilter::Enumerable, KeyConversion::NumbersToStrings)
        .map_err(napi)?;
    let len = names.get_array_length().map_err(napi)?;
    let mut out = Vec::with_capacity(len as usize);
    for i in 0..len {
        let key: Unknown = names.get_element(i).map_err(napi)?;
        if key.get_type().map_err(napi)? != ValueType::String {
            continue; // symbols: JSON.stringify skips them too
        }
        let key = String::from_unknown(key).map_err(napi)?;
        let child: Unknown = object.get_named_property(&key).map_err(napi)?;
        out.push((key, child));
    }
    Ok(out)
}

/// A JS value as a node of the core's iterative walk (`api::json::from_host`).
struct Node<'e>(Unknown<'e>);

impl<'e> HostValue for Node<'e> {
    type Error = Error;

    fn shape(&self, what: &str) -> Result<Shape<Self>, Error> {
        let v = self.0;
        Ok(match v.get_type().map_err(napi)? {
            ValueType::Null => Shape::Scalar(Value::Null),
            ValueType::Boolean => Shape::Scalar(Value::Bool(bool::from_unknown(v).map_err(napi)?)),
            ValueType::Number => {
                let n = f64::from_unknown(v).map_err(napi)?;
                if !n.is_finite() {
                    return Err(invalid(format!("{what}: numbers must be finite")));
                }
                Shape::Scalar(Value::Number(n))
            }
            ValueType::String => Shape::Scalar(Value::String(String::from_unknown(v).map_err(napi)?)),
            ValueType::Object if v.is_array().map_err(napi)? => {
                let object = Object::from_unknown(v).map_err(napi)?;
                let len = object.get_array_length().map_err(napi)?;
                Shape::List((0..len).map(|i| object.get_element::<Unknown>(i).map(Node).map_err(napi)).collect::<Result<_, _>>()?)
            }
            ValueType::Object if !v.is_typedarray().map_err(napi)? => {
                let object = Object::from_unknown(v).map_err(napi)?;
                Shape::Map(own_entries(&object)?.into_iter().map(|(k, child)| (k, Node(child))).collect())
            }
            other => return Err(invalid(format!("{what}: a {} is not JSON-shaped", type_name(other)))),
        })
    }
}

/// A JSON-shaped JS value as the core's JSON value.
pub fn value(v: Unknown<'_>, what: &str) -> Result<Value, Error> {
    from_host(&Node(v), what)
}
