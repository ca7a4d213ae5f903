//! Python objects as the core's arguments: `bytes` as borrowed bytes, `str`, `int`,
//! `bool`, `{str: bytes}` files, and JSON-shaped objects (dict with str keys,
//! list/tuple, str, int, float, bool, None) as the core's JSON value.
//!
//! Nested values go through the core's iterative walk (`api::json::from_host`, bounded
//! by the `json_depth` budget): this file only says what one Python object is.
use std::collections::BTreeMap;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use trustloop_core::api::call::Arg;
use trustloop_core::api::diag::Error;
use trustloop_core::api::json::{from_host, HostValue, Shape, Value};
use trustloop_core::api::ops::{Kind, Param};

/// Why an argument could not be converted: a wrong Python type, or a core budget.
pub enum Refused {
    Type(PyErr),
    Core(Error),
}

impl From<Error> for Refused {
    fn from(e: Error) -> Refused {
        Refused::Core(e)
    }
}

impl From<PyErr> for Refused {
    fn from(e: PyErr) -> Refused {
        Refused::Type(e)
    }
}

fn type_error(message: String) -> Refused {
    Refused::Type(PyTypeError::new_err(message))
}

/// `obj` as the argument `param` takes (`None`: absent).
pub fn arg<'a>(param: &Param, obj: &'a Bound<'_, PyAny>) -> Result<Arg<'a>, Refused> {
    if obj.is_none() {
        return Ok(Arg::Absent);
    }
    let wrong = || type_error(format!("{} must be {}, not {}", param.name, python_type(param.kind), type_name(obj)));
    Ok(match param.kind {
        Kind::Bytes => Arg::Bytes(obj.cast::<PyBytes>().map_err(|_| wrong())?.as_bytes()),
        Kind::Text => Arg::Text(obj.cast::<PyString>().map_err(|_| wrong())?.to_cow()?.into_owned()),
        Kind::Int if !obj.is_instance_of::<PyBool>() => Arg::Int(obj.cast::<PyInt>().map_err(|_| wrong())?.extract()?),
        Kind::Int => return Err(wrong()),
        Kind::Bool => Arg::Bool(obj.cast::<PyBool>().map_err(|_| wrong())?.is_true()),
        Kind::Json | Kind::Options => Arg::Json(value(obj, param.name)?),
        Kind::Files => {
            let mut files = BTreeMap::new();
            for (k, v) in obj.cast::<PyDict>().map_err(|_| wrong())?.iter() {
                let path: String = k.extract().map_err(|_| type_error(format!("{}: paths must be str", param.name)))?;
                let bytes = v.cast::<PyBytes>().map_err(|_| type_error(format!("{}: file contents must be bytes", param.name)))?;
                files.insert(path, bytes.as_bytes().to_vec());
            }
            Arg::Files(files)
        }
        Kind::BytesList => {
            let items: Vec<Bound<'_, PyAny>> = match obj.cast::<PyList>() {
                Ok(l) => l.iter().collect(),
                Err(_) => obj.cast::<PyTuple>().map_err(|_| wrong())?.iter().collect(),
            };
            let mut list = Vec::with_capacity(items.len());
            for item in items {
                let b = item.cast::<PyBytes>().map_err(|_| type_error(format!("{}: every item must be bytes, not {}", param.name, type_name(&item))))?;
                // Copied: a list item is not borrowed for the call as a direct argument is
                // (a memcpy, small beside the work per input).
                list.push(Arg::Buf(b.as_bytes().to_vec()));
            }
            Arg::List(list)
        }
    })
}

fn python_type(kind: Kind) -> &'static str {
    match kind {
        Kind::Bytes => "bytes",
        Kind::Text => "str",
        Kind::Int => "int",
        Kind::Bool => "bool",
        Kind::Files => "a dict of str to bytes",
        Kind::BytesList => "a list of bytes",
        Kind::Json | Kind::Options => "JSON-shaped (dict, list, str, int, float, bool, None)",
    }
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into())
}

/// A Python object as a node of the core's iterative walk (`api::json::from_host`).
struct Node<'py>(Bound<'py, PyAny>);

impl<'py> HostValue for Node<'py> {
    type Error = Refused;

    fn shape(&self, what: &str) -> Result<Shape<Self>, Refused> {
        let obj = &self.0;
        if obj.is_none() {
            return Ok(Shape::Scalar(Value::Null));
        }
        if let Ok(b) = obj.cast::<PyBool>() {
            return Ok(Shape::Scalar(Value::Bool(b.is_true())));
        }
        if let Ok(n) = obj.cast::<PyInt>() {
            // JSON numbers are doubles in the core, as in Go's decoder.
            return Ok(Shape::Scalar(Value::Number(n.extract::<f64>()?)));
        }
        if let Ok(f) = obj.cast::<PyFloat>() {
            return Ok(Shape::Scalar(Value::Number(f.value())));
        }
        if let Ok(s) = obj.cast::<PyString>() {
            return Ok(Shape::Scalar(Value::String(s.to_cow()?.into_owned())));
        }
        if let Ok(d) = obj.cast::<PyDict>() {
            let mut pairs = Vec::with_capacity(d.len());
            for (k, v) in d.iter() {
                let key = k.cast::<PyString>().map_err(|_| type_error(format!("{what}: dict keys must be str, not {}", type_name(&k))))?;
                pairs.push((key.to_cow()?.into_owned(), Node(v)));
            }
            return Ok(Shape::Map(pairs));
        }
        if let Ok(l) = obj.cast::<PyList>() {
            return Ok(Shape::List(l.iter().map(Node).collect()));
        }
        if let Ok(t) = obj.cast::<PyTuple>() {
            return Ok(Shape::List(t.iter().map(Node).collect()));
        }
        Err(type_error(format!("{what}: {} is not JSON-shaped (dict, list, str, int, float, bool, None)", type_name(obj))))
    }
}

/// A JSON-shaped Python object as the core's JSON value.
pub fn value(obj: &Bound<'_, PyAny>, what: &str) -> Result<Value, Refused> {
    from_host(&Node(obj.clone()), what)
}
