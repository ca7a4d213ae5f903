//! Python objects as the core's arguments: `bytes` as borrowed bytes, `str`, `int`,
//! `bool`, `{str: bytes}` files, and JSON-shaped objects (dict with str keys,
//! list/tuple, str, int, float, bool, None) as the core's JSON value.
//!
//! Iterative, with the `json_depth` budget as the nesting limit, so a deeply nested or
//! self-containing list is refused (`JSON_TOO_DEEP`) instead of exhausting the stack.
use std::collections::BTreeMap;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use trustloop_core::api::budgets::Budget;
use trustloop_core::api::call::Arg;
use trustloop_core::api::diag::Error;
use trustloop_core::api::json::{Map, Value};
use trustloop_core::api::ops::{Kind, Param};

/// Why an argument could not be converted: a wrong Python type, or a core budget.
pub enum Refused {
    Type(PyErr),
    Core(Error),
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
    })
}

fn python_type(kind: Kind) -> &'static str {
    match kind {
        Kind::Bytes => "bytes",
        Kind::Text => "str",
        Kind::Int => "int",
        Kind::Bool => "bool",
        Kind::Files => "a dict of str to bytes",
        Kind::Json | Kind::Options => "JSON-shaped (dict, list, str, int, float, bool, None)",
    }
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into())
}

/// A container being filled and the Python children left to convert.
enum Frame<'py> {
    List(Vec<Value>, std::vec::IntoIter<Bound<'py, PyAny>>),
    Dict(Map, std::vec::IntoIter<(String, Bound<'py, PyAny>)>, Option<String>),
}

/// A JSON-shaped Python object as the core's JSON value.
pub fn value(obj: &Bound<'_, PyAny>, what: &str) -> Result<Value, Refused> {
    let max_depth = Budget::JsonDepth.get();
    let mut stack: Vec<Frame<'_>> = Vec::new();
    let mut done = match shallow(obj, what, &mut stack)? {
        Some(v) => return Ok(v),
        None => None,
    };
    loop {
        if stack.len() > max_depth {
            return Err(Refused::Core(Error::new("JSON_TOO_DEEP", format!("{what}: nesting deeper than {max_depth} levels"))));
        }
        // Hand a finished child to its parent, or take the parent's next child.
        let next = match stack.last_mut() {
            None => return Ok(done.take().unwrap_or_default()),
            Some(Frame::List(items, rest)) => {
                if let Some(v) = done.take() {
                    items.push(v);
                }
                rest.next()
            }
            Some(Frame::Dict(map, rest, key)) => {
                if let (Some(v), Some(k)) = (done.take(), key.take()) {
                    map.insert(k, v);
                }
                rest.next().map(|(k, child)| {
                    *key = Some(k);
                    child
                })
            }
        };
        match next {
            Some(child) => done = shallow(&child, what, &mut stack)?,
            None => {
                done = Some(match stack.pop() {
                    Some(Frame::List(items, _)) => Value::Array(items),
                    Some(Frame::Dict(map, _, _)) => Value::Object(map),
                    None => Value::Null,
                });
            }
        }
    }
}

/// A scalar's value, or `None` after pushing a container's frame.
fn shallow<'py>(obj: &Bound<'py, PyAny>, what: &str, stack: &mut Vec<Frame<'py>>) -> Result<Option<Value>, Refused> {
    if obj.is_none() {
        return Ok(Some(Value::Null));
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Some(Value::Bool(b.is_true())));
    }
    if let Ok(n) = obj.cast::<PyInt>() {
        // JSON numbers are doubles in the core, as in Go's decoder.
        return Ok(Some(Value::Number(n.extract::<f64>()?)));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Ok(Some(Value::Number(f.value())));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Some(Value::String(s.to_cow()?.into_owned())));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut pairs = Vec::with_capacity(d.len());
        for (k, v) in d.iter() {
            let key = k.cast::<PyString>().map_err(|_| type_error(format!("{what}: dict keys must be str, not {}", type_name(&k))))?;
            pairs.push((key.to_cow()?.into_owned(), v));
        }
        stack.push(Frame::Dict(Map::new(), pairs.into_iter(), None));
        return Ok(None);
    }
    if let Ok(l) = obj.cast::<PyList>() {
        stack.push(Frame::List(Vec::with_capacity(l.len()), l.iter().collect::<Vec<_>>().into_iter()));
        return Ok(None);
    }
    if let Ok(t) = obj.cast::<PyTuple>() {
        stack.push(Frame::List(Vec::with_capacity(t.len()), t.iter().collect::<Vec<_>>().into_iter()));
        return Ok(None);
    }
    Err(type_error(format!("{what}: {} is not JSON-shaped (dict, list, str, int, float, bool, None)", type_name(obj))))
}
