//! The core's code table (`docs/codes.md`), for `trustloop.codes`.
use pyo3::prelude::*;
use trustloop_core::api::codes;

use crate::to_py;

/// Every finding and error code, once: `[{code, section, severity, meaning}]`.
#[pyfunction(name = "codes")]
fn codes_table(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    to_py::value(py, &codes::to_value())
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(codes_table, m)?)
}
