//! Running a core call from Python: GIL released, panics caught, core `Error`s
//! raised as `trustloop.TrustloopError` (the pure-Python class, built with native findings).
use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::prelude::*;
use trustloop_core::api;
use trustloop_core::api::diag::{findings_to_value, Error};
use trustloop_core::api::json::Value;

/// A core failure, before it is turned into a Python exception.
enum Failure {
    Core(Error),
    Panic(String),
}

fn to_py_err(py: Python<'_>, failure: Failure) -> PyErr {
    let (code, message, findings) = match failure {
        Failure::Core(e) => {
            let findings = findings_to_value(core::slice::from_ref(e.finding()));
            (e.code().to_string(), e.message().to_string(), findings)
        }
        Failure::Panic(msg) => ("INTERNAL_PANIC".to_string(), format!("internal error (panic): {msg}"), Value::Array(Vec::new())),
    };
    match crate::to_py::value(py, &findings).and_then(|findings| {
        py.import("trustloop._errors")?.getattr("TrustloopError")?.call1((code.as_str(), message.as_str(), findings))
    }) {
        Ok(exc) => PyErr::from_value(exc),
        // The wrapper package is missing: still never crash, raise a plain RuntimeError.
        Err(_) => pyo3::exceptions::PyRuntimeError::new_err(format!("{code}: {message}")),
    }
}

/// Runs `f` without the GIL; a core `Error` or a panic becomes `TrustloopError`.
pub fn call<T: Send>(py: Python<'_>, f: impl FnOnce() -> Result<T, Error> + Send) -> PyResult<T> {
    let outcome = py.detach(|| match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(Failure::Core(e)),
        Err(payload) => {
            let msg = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            Err(Failure::Panic(msg))
        }
    });
    outcome.map_err(|e| to_py_err(py, e))
}

/// [`call`] for a core call giving a JSON value: the Python object `json.loads` of its
/// JSON text would give, built directly (`to_py`).
pub fn call_value<'py>(py: Python<'py>, f: impl FnOnce() -> Result<Value, Error> + Send) -> PyResult<Bound<'py, PyAny>> {
    let v = call(py, f)?;
    crate::to_py::value(py, &v)
}

/// A binding's options object ("" means defaults).
pub fn options(options_json: &str) -> Result<Value, Error> {
    api::parse_options(options_json)
}

/// Any JSON argument the wrapper serialized (entries, file lists, specs).
pub fn json_arg(text: &str, what: &str) -> Result<Value, Error> {
    api::parse_json(text.as_bytes(), what)
}
