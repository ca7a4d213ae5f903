//! Canonical JSON and digests.
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use trustloop_core::api;

use crate::call::call;

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

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(canonicalize, m)?)?;
    m.add_function(wrap_pyfunction!(digest, m)?)?;
    Ok(())
}
