//! The core's code table (`docs/codes.md`), for `trustloop.codes`.
use pyo3::prelude::*;
use trustloop_core::api::{codes, json};

/// Every finding and error code as `[{code, section, severity, meaning}]` JSON.
#[pyfunction(name = "codes")]
fn codes_json() -> String {
    json::to_compact(&codes::to_value())
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(codes_json, m)?)
}
