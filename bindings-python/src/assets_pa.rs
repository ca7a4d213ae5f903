//! Prometeu `assets.pa`: write, read, verify, extract, companions, glyph banks, pack.
//! Functions are prefixed `assets_pa_` in the native module.
use std::path::Path;

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};
use trustloop_core::api::assets_pa as pa;

use crate::call::{call, call_value, json_arg, options};
use crate::to_py;

/// An archive from `entries` and `preload` (JSON text each).
#[pyfunction]
fn assets_pa_write<'py>(py: Python<'py>, entries_json: &str, preload_json: &str) -> PyResult<Bound<'py, PyBytes>> {
    let out = call(py, || pa::write_value(&json_arg(entries_json, "entries")?, &json_arg(preload_json, "preload")?))?;
    Ok(PyBytes::new(py, &out))
}

/// The read result of an archive.
#[pyfunction]
fn assets_pa_read<'py>(py: Python<'py>, data: &[u8]) -> PyResult<Bound<'py, PyAny>> {
    call_value(py, || pa::read(data))
}

/// Every reader check of an archive: `{ok, codes, findings, …}` (never fails).
#[pyfunction]
fn assets_pa_verify<'py>(py: Python<'py>, data: &[u8]) -> PyResult<Bound<'py, PyAny>> {
    call_value(py, || Ok(pa::verify(data)))
}

/// One asset's payload slice.
#[pyfunction]
fn assets_pa_extract<'py>(py: Python<'py>, data: &[u8], asset_id: i64) -> PyResult<Bound<'py, PyBytes>> {
    let out = call(py, || pa::extract(data, asset_id))?;
    Ok(PyBytes::new(py, &out))
}

/// The companion files (`asset_table.json`, `preload.json`) as `[(name, bytes)]`.
#[pyfunction]
fn assets_pa_companions<'py>(py: Python<'py>, data: &[u8]) -> PyResult<Bound<'py, PyList>> {
    let files = call(py, || pa::companions(data))?;
    crate::file_list(py, files)
}

/// PA-COMP-4: whether companion files mirror the archive byte for byte;
/// `{ok, findings}` (never fails).
#[pyfunction]
fn assets_pa_verify_companions<'py>(py: Python<'py>, data: &[u8], asset_table: &[u8], preload: &[u8]) -> PyResult<Bound<'py, PyAny>> {
    call_value(py, || Ok(pa::verify_companions(data, asset_table, preload)))
}

/// A GLYPH bank payload from its spec (JSON text): the summary and the payload bytes.
#[pyfunction]
fn assets_pa_glyph_bank<'py>(py: Python<'py>, spec_json: &str) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyBytes>)> {
    let (summary, payload) = call(py, || {
        let bank = pa::glyph_bank_value(&json_arg(spec_json, "glyph bank")?)?;
        Ok((bank.summary_value(), bank.payload.clone()))
    })?;
    Ok((to_py::value(py, &summary)?, PyBytes::new(py, &payload)))
}

/// Packs an in-memory asset project: the report and the written files.
#[pyfunction]
#[pyo3(signature = (files, options_json = ""))]
fn assets_pa_pack<'py>(
    py: Python<'py>,
    files: &Bound<'py, PyDict>,
    options_json: &str,
) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyList>)> {
    let files = crate::file_map(files, "pack")?;
    let result = call(py, || {
        let v = options(options_json)?;
        let opts = match v.as_object() {
            Some(m) if m.is_empty() => pa::PackOptions::default(),
            _ => pa::PackOptions::from_value(&v)?,
        };
        pa::pack(&files, &opts)
    })?;
    Ok((to_py::value(py, &result.report)?, crate::file_list(py, result.files)?))
}

/// Packs an asset project directory into `out_dir` (default `<project>/build`), as
/// `trustloop assets-pa pack --json`: the report.
#[pyfunction]
#[pyo3(signature = (project_dir, out_dir = None))]
fn assets_pa_pack_dir<'py>(py: Python<'py>, project_dir: &str, out_dir: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
    call_value(py, || {
        let packed = trustloop_host::assets_project::pack(Path::new(project_dir), out_dir.map(Path::new))?;
        Ok(packed.report())
    })
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(assets_pa_write, m)?)?;
    m.add_function(wrap_pyfunction!(assets_pa_read, m)?)?;
    m.add_function(wrap_pyfunction!(assets_pa_verify, m)?)?;
    m.add_function(wrap_pyfunction!(assets_pa_extract, m)?)?;
    m.add_function(wrap_pyfunction!(assets_pa_companions, m)?)?;
    m.add_function(wrap_pyfunction!(assets_pa_verify_companions, m)?)?;
    m.add_function(wrap_pyfunction!(assets_pa_glyph_bank, m)?)?;
    m.add_function(wrap_pyfunction!(assets_pa_pack, m)?)?;
    m.add_function(wrap_pyfunction!(assets_pa_pack_dir, m)?)?;
    Ok(())
}
