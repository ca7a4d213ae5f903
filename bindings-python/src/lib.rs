//! `trustloop._native`: the PyO3 skin over `trustloop_core::api`.
//!
//! Deliberately thin: bytes and strings in, core call with the GIL released, results
//! out as bytes or compact JSON text (the Python wrapper `json.loads` it). Every core
//! `Error` becomes `trustloop.TrustloopError`; a panic is caught here and becomes
//! `TrustloopError("INTERNAL_PANIC")` so nothing unwinds into the interpreter.
use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyTuple};
use trustloop_core::api::{self, BuildLocalOptions, VerifyOptions};
use trustloop_core::diag::Error;
use trustloop_core::json;

/// A core failure, before it is turned into a Python exception.
enum Failure {
    Core(Error),
    Panic(String),
}

/// Runs `f` without the GIL, converting a panic into a `Failure`.
fn run<T: Send>(py: Python<'_>, f: impl FnOnce() -> Result<T, Error> + Send) -> Result<T, Failure> {
    py.allow_threads(|| match catch_unwind(AssertUnwindSafe(f)) {
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
    })
}

/// Builds a `trustloop.TrustloopError` through the pure-Python factory.
fn to_py_err(py: Python<'_>, failure: Failure) -> PyErr {
    let (code, message, findings) = match failure {
        Failure::Core(e) => {
            let findings = json::to_compact(&trustloop_core::diag::findings_to_value(core::slice::from_ref(e.finding())));
            (e.code().to_string(), e.message().to_string(), findings)
        }
        Failure::Panic(msg) => ("INTERNAL_PANIC".to_string(), format!("internal error (panic): {msg}"), "[]".to_string()),
    };
    match py
        .import("trustloop._errors")
        .and_then(|m| m.getattr("_from_native"))
        .and_then(|f| f.call1((code.as_str(), message.as_str(), findings.as_str())))
    {
        Ok(exc) => PyErr::from_value(exc),
        // The wrapper package is missing: still never crash, raise a plain RuntimeError.
        Err(_) => pyo3::exceptions::PyRuntimeError::new_err(format!("{code}: {message}")),
    }
}

fn call<T: Send>(py: Python<'_>, f: impl FnOnce() -> Result<T, Error> + Send) -> PyResult<T> {
    run(py, f).map_err(|e| to_py_err(py, e))
}

fn verify_options(options_json: &str) -> Result<VerifyOptions, Error> {
    VerifyOptions::from_value(&api::parse_options(options_json)?)
}

/// Canonical bytes of a JSON document in `digest`, `signature` or `jcs` mode.
#[pyfunction]
#[pyo3(signature = (data, mode = "digest"))]
fn canonicalize<'py>(py: Python<'py>, data: &[u8], mode: &str) -> PyResult<Bound<'py, PyBytes>> {
    let out = call(py, || api::canonical_json(data, mode))?;
    Ok(PyBytes::new(py, &out))
}

/// `sha256:<hex>` of the digest-mode canonical bytes.
#[pyfunction]
fn digest(py: Python<'_>, data: &[u8]) -> PyResult<String> {
    call(py, || api::json_digest(data))
}

/// Verify result JSON (compact text) of a `.anip-package.json` bundle.
#[pyfunction]
#[pyo3(signature = (data, lock = None, options_json = ""))]
fn verify_bundle(py: Python<'_>, data: &[u8], lock: Option<&[u8]>, options_json: &str) -> PyResult<String> {
    call(py, || {
        let verdict = api::anip_verify_bundle(data, lock, &verify_options(options_json)?)?;
        Ok(json::to_compact(&verdict.result))
    })
}

/// Verify result JSON (compact text) of a plain service definition.
#[pyfunction]
#[pyo3(signature = (data, lock = None, options_json = ""))]
fn verify_definition(py: Python<'_>, data: &[u8], lock: Option<&[u8]>, options_json: &str) -> PyResult<String> {
    call(py, || {
        let verdict = api::anip_verify_definition(data, lock, &verify_options(options_json)?)?;
        Ok(json::to_compact(&verdict.result))
    })
}

/// The consumer lock file text for a bundle.
#[pyfunction]
fn write_lock<'py>(py: Python<'py>, bundle: &[u8]) -> PyResult<Bound<'py, PyBytes>> {
    let text = call(py, || api::anip_write_lock(bundle))?;
    Ok(PyBytes::new(py, text.as_bytes()))
}

/// build-local output as a list of `(file name, bytes)` pairs, in core order.
#[pyfunction]
#[pyo3(signature = (definition, options_json = ""))]
fn build_local<'py>(py: Python<'py>, definition: &[u8], options_json: &str) -> PyResult<Bound<'py, PyList>> {
    let files = call(py, || {
        let options = BuildLocalOptions::from_value(&api::parse_options(options_json)?)?;
        api::anip_build_local(definition, &options)
    })?;
    let items = files
        .iter()
        .map(|f| PyTuple::new(py, [f.name.clone().into_pyobject(py)?.into_any(), PyBytes::new(py, &f.bytes).into_any()]))
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, items)
}

/// A fresh Ed25519 key pair, as compact JSON text.
#[pyfunction]
#[pyo3(signature = (key_id = ""))]
fn keygen(py: Python<'_>, key_id: &str) -> PyResult<String> {
    call(py, || api::keygen(key_id).map(|v| json::to_compact(&v)))
}

/// Test hook: proves a panic inside the native layer surfaces as `INTERNAL_PANIC`.
#[pyfunction]
fn _panic_for_test(py: Python<'_>) -> PyResult<()> {
    call(py, || -> Result<(), Error> { panic!("deliberate test panic") })
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", trustloop_core::VERSION)?;
    m.add_function(wrap_pyfunction!(canonicalize, m)?)?;
    m.add_function(wrap_pyfunction!(digest, m)?)?;
    m.add_function(wrap_pyfunction!(verify_bundle, m)?)?;
    m.add_function(wrap_pyfunction!(verify_definition, m)?)?;
    m.add_function(wrap_pyfunction!(write_lock, m)?)?;
    m.add_function(wrap_pyfunction!(build_local, m)?)?;
    m.add_function(wrap_pyfunction!(keygen, m)?)?;
    m.add_function(wrap_pyfunction!(_panic_for_test, m)?)?;
    Ok(())
}
