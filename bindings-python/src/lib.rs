//! `trustloop._native`: the PyO3 skin over `trustloop_core`.
//!
//! Conversion and error mapping only. Every operation of the core's table goes through
//! one function, `call(op, *args)` (`call.rs`): arguments converted by the table's
//! parameter kinds (`from_py.rs`), the operation run with the GIL released by
//! `trustloop_host::call` (the core's dispatcher plus the operations on paths, shared
//! with the Node layer), the result built as Python objects (`to_py.rs`). Every core
//! `Error` becomes `trustloop.TrustloopError`; a panic is caught and becomes
//! `TrustloopError("INTERNAL_PANIC")`, so nothing unwinds into the interpreter. The
//! HTTP fetching of registry sources is the Python wrapper's (`urllib`).
#![forbid(unsafe_code)]
use pyo3::prelude::*;

/// mimalloc for the extension's own allocations (the interpreter keeps its own):
/// measured 0.78–0.87× CPU per in-process verify (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod call;
mod from_py;
mod to_py;

/// The operation table this module is derived from.
#[pyfunction]
fn operations(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    to_py::value(py, &trustloop_core::api::ops::to_value())
}

/// Every finding and error code, once: `[{code, section, severity, meaning}]`.
#[pyfunction]
fn codes(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    to_py::value(py, &trustloop_core::api::codes::to_value())
}

/// Test hook: proves a panic inside the native layer surfaces as `INTERNAL_PANIC`.
#[pyfunction]
fn _panic_for_test(py: Python<'_>) -> PyResult<()> {
    call::guarded(py, || -> Result<(), trustloop_core::api::diag::Error> { panic!("deliberate test panic") })
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", trustloop_core::api::VERSION)?;
    m.add("REGISTRY_MAX_BODY_BYTES", trustloop_host::registry::MAX_BODY_BYTES)?;
    m.add("REGISTRY_TIMEOUT_SECONDS", trustloop_host::registry::TIMEOUT_SECONDS)?;
    m.add_function(wrap_pyfunction!(call::call_op, m)?)?;
    m.add_function(wrap_pyfunction!(operations, m)?)?;
    m.add_function(wrap_pyfunction!(codes, m)?)?;
    m.add_function(wrap_pyfunction!(_panic_for_test, m)?)?;
    Ok(())
}
