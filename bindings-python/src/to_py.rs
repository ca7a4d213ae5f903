//! Core JSON values as Python objects (dict, list, str, int, float, bool, None), built
//! directly instead of printed as JSON text for `json.loads`: the same objects
//! `json.loads` of the CLI's `--json` output gives (a whole number below 1e21 is an
//! `int`, as Go prints it without a fraction or exponent).
//!
//! Iterative: a result can nest as deep as its input (JSON allows 10,000 levels), so
//! containers are inserted into their parent first and filled from an explicit stack.
use pyo3::prelude::*;
use std::collections::HashMap;

use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple};
use trustloop_core::api::call::Out;
use trustloop_core::api::json::{Entries, Value};

/// An operation's result: `None`, a JSON-shaped object, `bytes`, `str`, `int`, a list
/// of `(name, bytes)` pairs, or a tuple of those (a record, in its field order).
pub fn out(py: Python<'_>, result: Out) -> PyResult<Bound<'_, PyAny>> {
    Ok(match result {
        Out::Unit => py.None().into_bound(py),
        Out::Json(v) => value(py, &v)?,
        Out::Bytes(b) => PyBytes::new(py, &b).into_any(),
        Out::Text(t) => t.into_pyobject(py)?.into_any(),
        Out::Int(n) => n.into_pyobject(py)?.into_any(),
        Out::Files(files) => {
            let items = files
                .into_iter()
                .map(|(name, bytes)| PyTuple::new(py, [name.into_pyobject(py)?.into_any(), PyBytes::new(py, &bytes).into_any()]))
                .collect::<PyResult<Vec<_>>>()?;
            PyList::new(py, items)?.into_any()
        }
        Out::Record(fields) => {
            let items = fields.into_iter().map(|(_, v)| out(py, v)).collect::<PyResult<Vec<_>>>()?;
            PyTuple::new(py, items)?.into_any()
        }
    })
}

/// A container still being filled and the children left to add to it.
enum Frame<'v, 'py> {
    List(Bound<'py, PyList>, std::slice::Iter<'v, Value>),
    Dict(Bound<'py, PyDict>, Entries<'v>),
}

/// One `str` per distinct key, its hash computed once: results repeat a few dozen keys
/// many times (a batch: thousands), so the entries of one batch share them.
#[derive(Default)]
pub struct Keys(HashMap<String, Py<PyString>>);

/// `v` as a Python object.
pub fn value<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    value_with(py, v, &mut Keys::default())
}

/// `v` as a Python object, its keys taken from and added to `keys`.
pub fn value_with<'py>(py: Python<'py>, v: &Value, keys: &mut Keys) -> PyResult<Bound<'py, PyAny>> {
    let mut stack: Vec<Frame<'_, 'py>> = Vec::new();
    let root = shallow(py, v, &mut stack)?;
    while let Some(frame) = stack.last_mut() {
        match frame {
            Frame::List(list, items) => match items.next() {
                Some(child) => {
                    let list = list.clone();
                    list.append(shallow(py, child, &mut stack)?)?;
                }
                None => {
                    stack.pop();
                }
            },
            Frame::Dict(dict, pairs) => match pairs.next() {
                Some((key, child)) => {
                    let dict = dict.clone();
                    let key = match keys.0.get(key.as_str()) {
                        Some(known) => known.bind(py).clone(),
                        None => {
                            let new = PyString::new(py, key);
                            keys.0.insert(key.clone(), new.clone().unbind());
                            new
                        }
                    };
                    dict.set_item(key, shallow(py, child, &mut stack)?)?;
                }
                None => {
                    stack.pop();
                }
            },
        }
    }
    Ok(root)
}

/// A scalar, or an empty container whose children are pushed onto `stack` to fill.
fn shallow<'v, 'py>(py: Python<'py>, v: &'v Value, stack: &mut Vec<Frame<'v, 'py>>) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(n) => number(py, *n)?,
        Value::String(s) => s.into_pyobject(py)?.into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            stack.push(Frame::List(list.clone(), items.iter()));
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            stack.push(Frame::Dict(dict.clone(), map.printed()));
            dict.into_any()
        }
    })
}

fn number<'py>(py: Python<'py>, n: f64) -> PyResult<Bound<'py, PyAny>> {
    const I64_RANGE: f64 = 9_223_372_036_854_775_808.0; // 2^63
    if n.fract() != 0.0 || n.abs() >= 1e21 {
        return Ok(n.into_pyobject(py)?.into_any());
    }
    if n.abs() < I64_RANGE {
        return Ok((n as i64).into_pyobject(py)?.into_any());
    }
    // 2^63 ≤ |n| < 1e21: exact as a Python int through float.__int__.
    n.into_pyobject(py)?.call_method0("__int__")
}
