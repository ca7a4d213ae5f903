//! Anolis `.anpkg` handoff packages: validate (bytes, a zip file or an extracted
//! directory, optional runtime replay) and export. The file, directory and process
//! work is `trustloop_host::anpkg` (shared with the CLI and the Node layer); this
//! file only converts.
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};
use trustloop_core::api::{self, AnpkgExportOptions};

use crate::call::{call, call_value, options};
use crate::to_py;
use trustloop_host::anpkg::export::{export, ExportRequest};
use trustloop_host::anpkg::validate::{validate_value, Package};

/// The validate result for archive `data` or a `path`.
#[pyfunction]
#[pyo3(signature = (data = None, path = None, options_json = ""))]
fn anpkg_validate<'py>(py: Python<'py>, data: Option<&[u8]>, path: Option<&str>, options_json: &str) -> PyResult<Bound<'py, PyAny>> {
    call_value(py, || {
        let opts = options(options_json)?;
        let package = match (data, path) {
            (Some(d), None) => Package::Bytes(d),
            (None, Some(p)) => Package::Path(p),
            _ => return Err(trustloop_core::api::diag::Error::new("INVALID_ARGUMENT", "give exactly one of data or path")),
        };
        validate_value(package, &opts)
    })
}

/// Exports an in-memory project: the package bytes and the report.
#[pyfunction]
#[pyo3(signature = (files, data_root_files, options_json = ""))]
fn anpkg_export_files<'py>(
    py: Python<'py>,
    files: &Bound<'py, PyDict>,
    data_root_files: &Bound<'py, PyDict>,
    options_json: &str,
) -> PyResult<(Bound<'py, PyBytes>, Bound<'py, PyAny>)> {
    let files = crate::file_map(files, "export_files")?;
    let data_root_files = crate::file_map(data_root_files, "export_files data_root_files")?;
    let (package, report) = call(py, || {
        let mut opts = AnpkgExportOptions::from_value(&options(options_json)?)?;
        opts.data_root_files = data_root_files;
        let exported = api::anpkg_export_files(files, &opts)?;
        Ok((exported.package.clone(), api::anpkg_export_report(&exported, &opts.export.project_name)))
    })?;
    Ok((PyBytes::new(py, &package), to_py::value(py, &report)?))
}

/// The package bytes and the export report; writes `output` atomically when given.
#[pyfunction]
#[pyo3(signature = (project_dir, output = None, options_json = ""))]
fn anpkg_export<'py>(
    py: Python<'py>,
    project_dir: &str,
    output: Option<&str>,
    options_json: &str,
) -> PyResult<(Bound<'py, PyBytes>, Bound<'py, PyAny>)> {
    let (bytes, report) = call(py, || {
        let request = ExportRequest::from_value(&options(options_json)?)?;
        export(project_dir, output, &request)
    })?;
    Ok((PyBytes::new(py, &bytes), to_py::value(py, &report)?))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(anpkg_validate, m)?)?;
    m.add_function(wrap_pyfunction!(anpkg_export, m)?)?;
    m.add_function(wrap_pyfunction!(anpkg_export_files, m)?)?;
    Ok(())
}
