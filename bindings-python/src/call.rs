//! Running a core call from Python: GIL released, panics caught, core `Error`s
//! raised as `trustloop.TrustloopError` (the pure-Python class, built with native findings).
use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyTuple};
use trustloop_core::api::call::Args;
use trustloop_core::api::diag::{findings_to_value, Error};
use trustloop_core::api::json::Value;
use trustloop_host::call as host;

use crate::from_py::{self, Refused};

/// A core failure, before it is turned into a Python exception.
enum Failure {
    Core(Error),
    Panic(String),
}

/// The exception for `failure`; `exit_code` is the CLI's for the operation, if it has one.
fn to_py_err(py: Python<'_>, failure: Failure, exit_code: Option<u8>) -> PyErr {
    let (code, message, findings) = match failure {
        Failure::Core(e) => {
            let findings = findings_to_value(core::slice::from_ref(e.finding()));
            (e.code().to_string(), e.message().to_string(), findings)
        }
        Failure::Panic(msg) => ("INTERNAL_PANIC".to_string(), format!("internal error (panic): {msg}"), Value::Array(Vec::new())),
    };
    match crate::to_py::value(py, &findings).and_then(|findings| {
        py.import("trustloop._errors")?.getattr("TrustloopError")?.call1((code.as_str(), message.as_str(), findings, exit_code))
    }) {
        Ok(exc) => PyErr::from_value(exc),
        // The wrapper package is missing: still never crash, raise a plain RuntimeError.
        Err(_) => pyo3::exceptions::PyRuntimeError::new_err(format!("{code}: {message}")),
    }
}

/// Runs `f` without the GIL; a core `Error` or a panic becomes `TrustloopError`.
pub fn guarded<T: Send>(py: Python<'_>, f: impl FnOnce() -> Result<T, Error> + Send) -> PyResult<T> {
    run(py, f).map_err(|e| to_py_err(py, e, None))
}

/// Runs `f` without the GIL, catching panics.
fn run<T: Send>(py: Python<'_>, f: impl FnOnce() -> Result<T, Error> + Send) -> Result<T, Failure> {
    trustloop_host::panics::install();
    py.detach(|| match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(Failure::Core(e)),
        Err(payload) => Err(Failure::Panic(trustloop_host::panics::describe(payload.as_ref()))),
    })
}

/// `trustloop._native.call(op, *args)`: the one native entry. Arguments are converted
/// by the parameter kinds of the operation table (`from_py`), the operation runs with
/// the GIL released (`trustloop_host::call`), and its result comes back as Python
/// values (`to_py`).
#[pyfunction(name = "call")]
#[pyo3(signature = (op, *args))]
pub fn call_op<'py>(py: Python<'py>, op: &str, args: &Bound<'py, PyTuple>) -> PyResult<Bound<'py, PyAny>> {
    let op = host::find(op).map_err(|e| to_py_err(py, Failure::Core(e), None))?;
    let items: Vec<Bound<'py, PyAny>> = args.iter().collect();
    if items.len() > op.params.len() {
        return Err(PyTypeError::new_err(format!("{}() takes {} arguments ({} given)", op.name, op.params.len(), items.len())));
    }
    let mut converted = Vec::with_capacity(items.len());
    for (param, item) in op.params.iter().zip(&items) {
        match from_py::arg(param, item) {
            Ok(a) => converted.push(a),
            Err(Refused::Type(e)) => return Err(e),
            Err(Refused::Core(e)) => return Err(to_py_err(py, Failure::Core(e), None)),
        }
    }
    // A batch's entries become Python objects as they are ready, under the GIL, while
    // the pool verifies later ones (`trustloop_host::batch::stream`).
    let entries = PyList::empty(py).unbind();
    let mut keys = crate::to_py::Keys::default();
    let mut refused: Option<PyErr> = None;
    let take = |entry: &Value| {
        Python::attach(|py| match crate::to_py::value_with(py, entry, &mut keys).and_then(|e| entries.bind(py).append(e)) {
            Ok(()) => true,
            Err(e) => {
                refused = Some(e);
                false
            }
        })
    };
    let out = run(py, || host::call_each(Args::new(op, converted)?, take)).map_err(|failure| {
        let exit_code = match &failure {
            Failure::Core(e) => op.error_exit_code(e.code()),
            Failure::Panic(_) => None,
        };
        to_py_err(py, failure, exit_code)
    })?;
    if let Some(e) = refused {
        return Err(e);
    }
    match out {
        Some(out) => crate::to_py::out(py, out),
        None => Ok(entries.into_bound(py).into_any()),
    }
}
