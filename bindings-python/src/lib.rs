//! `trustloop._native`: the PyO3 skin over `trustloop_core`.
//!
//! Deliberately thin: bytes and strings in, core call with the GIL released, results
//! out as bytes or Python objects (built from the core's JSON value by `to_py.rs`). Every core
//! `Error` becomes `trustloop.TrustloopError`; a panic is caught (`call.rs`) and
//! becomes `TrustloopError("INTERNAL_PANIC")`, so nothing unwinds into the interpreter.
//!
//! Host IO the core must not do (walking directories, writing outputs atomically,
//! spawning the `.anpkg` replay, registry URLs) is `trustloop_host`, the crate the
//! CLI uses too, shared with the Node layer; the HTTP fetching of registry sources is the
//! Python wrapper's (`urllib`).
#![forbid(unsafe_code)]
use std::collections::BTreeMap;

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyTuple};
use trustloop_core::api::budgets;
use trustloop_core::api::diag::Error;

mod anip;
mod anpkg;
mod assets_pa;
mod call;
mod codes;
mod json;
mod to_py;

/// A `{path: bytes}` dict as a map (`what` names the argument in the TypeError).
pub(crate) fn file_map(files: &Bound<'_, PyDict>, what: &str) -> PyResult<BTreeMap<String, Vec<u8>>> {
    let mut out = BTreeMap::new();
    for (k, v) in files.iter() {
        let path: String = k.extract()?;
        let bytes = v.cast::<PyBytes>().map_err(|_| pyo3::exceptions::PyTypeError::new_err(format!("{what}: file contents must be bytes")))?;
        out.insert(path, bytes.as_bytes().to_vec());
    }
    Ok(out)
}

/// `[(name, bytes)]` as a Python list of tuples.
pub(crate) fn file_list<'py>(py: Python<'py>, files: Vec<(String, Vec<u8>)>) -> PyResult<Bound<'py, PyList>> {
    let items = files
        .into_iter()
        .map(|(name, bytes)| PyTuple::new(py, [name.into_pyobject(py)?.into_any(), PyBytes::new(py, &bytes).into_any()]))
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, items)
}

/// A fresh Ed25519 key pair.
#[pyfunction]
#[pyo3(signature = (key_id = ""))]
fn keygen<'py>(py: Python<'py>, key_id: &str) -> PyResult<Bound<'py, PyAny>> {
    call::call_value(py, || trustloop_core::api::keygen(key_id))
}

/// The operation table this module is derived from.
#[pyfunction]
fn operations(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    to_py::value(py, &trustloop_core::api::ops::to_value())
}

/// The resource budgets in force for this process, by name (`docs/limits.md`).
#[pyfunction]
fn limits(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let d = PyDict::new(py);
    for (name, value) in budgets::current() {
        d.set_item(name, value)?;
    }
    Ok(d)
}

/// Sets one budget for this process; `value=None` puts every budget back to its default
/// when `name` is `None` too.
#[pyfunction]
#[pyo3(signature = (name, value))]
fn set_limit(py: Python<'_>, name: Option<&str>, value: Option<usize>) -> PyResult<()> {
    call::call(py, || match (name, value) {
        (Some(name), Some(value)) => budgets::set(name, value),
        (None, None) => {
            budgets::reset();
            Ok(())
        }
        _ => Err(Error::new("INVALID_OPTION", "give a limit name and a value, or neither to reset")),
    })
}

/// Test hook: proves a panic inside the native layer surfaces as `INTERNAL_PANIC`.
#[pyfunction]
fn _panic_for_test(py: Python<'_>) -> PyResult<()> {
    call::call(py, || -> Result<(), Error> { panic!("deliberate test panic") })
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", trustloop_core::api::VERSION)?;
    m.add("REGISTRY_MAX_BODY_BYTES", trustloop_host::registry::MAX_BODY_BYTES)?;
    m.add("REGISTRY_TIMEOUT_SECONDS", trustloop_host::registry::TIMEOUT_SECONDS)?;
    m.add_function(wrap_pyfunction!(keygen, m)?)?;
    m.add_function(wrap_pyfunction!(limits, m)?)?;
    m.add_function(wrap_pyfunction!(operations, m)?)?;
    m.add_function(wrap_pyfunction!(set_limit, m)?)?;
    m.add_function(wrap_pyfunction!(_panic_for_test, m)?)?;
    json::register(m)?;
    anip::register(m)?;
    assets_pa::register(m)?;
    anpkg::register(m)?;
    codes::register(m)?;
    Ok(())
}
