//! ANIP package trust loop: verify, lock files, build-local, custom code bundles,
//! refs, attach-implementation, publication lint and registry sources (the URLs and
//! the decision here; the fetching is the Python wrapper's, with `urllib`).
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList};
use trustloop_core::api::anip::AttachOptions;
use trustloop_core::api::anip::{lint_bundle, lint_result, LintOptions};
use trustloop_core::api::{self, BuildLocalOptions, VerifyOptions};
use trustloop_core::api::anip::tree::{self, BundleReportOptions, TreeDigestOptions};

use crate::call::{call, call_value, json_arg, options};
use trustloop_host::registry;

/// The verify result of a `.anip-package.json` bundle.
#[pyfunction]
#[pyo3(signature = (data, lock = None, options_json = ""))]
fn verify_bundle<'py>(py: Python<'py>, data: &[u8], lock: Option<&[u8]>, options_json: &str) -> PyResult<Bound<'py, PyAny>> {
    call_value(py, || {
        let verdict = api::anip_verify_bundle(data, lock, &VerifyOptions::from_value(&options(options_json)?)?)?;
        Ok(verdict.result)
    })
}

/// The verify result of a plain service definition.
#[pyfunction]
#[pyo3(signature = (data, lock = None, options_json = ""))]
fn verify_definition<'py>(py: Python<'py>, data: &[u8], lock: Option<&[u8]>, options_json: &str) -> PyResult<Bound<'py, PyAny>> {
    call_value(py, || {
        let verdict = api::anip_verify_definition(data, lock, &VerifyOptions::from_value(&options(options_json)?)?)?;
        Ok(verdict.result)
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
        let options = BuildLocalOptions::from_value(&options(options_json)?)?;
        api::anip_build_local(definition, &options)
    })?;
    crate::file_list(py, files.into_iter().map(|f| (f.name, f.bytes)).collect())
}

/// A remote custom-code-bundle ref, parsed: `{kind, locator, immutable, digest}`.
#[pyfunction]
fn ref_check<'py>(py: Python<'py>, reference: &str) -> PyResult<Bound<'py, PyAny>> {
    call_value(py, || trustloop_core::api::anip::ref_check(reference))
}

/// Tree digest of a custom code bundle given as entries JSON (core entry form).
#[pyfunction]
#[pyo3(signature = (entries_json, options_json = ""))]
fn tree_digest<'py>(py: Python<'py>, entries_json: &str, options_json: &str) -> PyResult<Bound<'py, PyAny>> {
    call_value(py, || {
        let entries = tree::entries_from_value(&json_arg(entries_json, "entries")?)?;
        tree::tree_digest(&entries, &TreeDigestOptions::from_value(&options(options_json)?)?)
    })
}

/// Tree digest of a per-file list `[{path, sha256}]` found at `pointer` in `data`.
#[pyfunction]
#[pyo3(signature = (data, pointer = ""))]
fn tree_combine(py: Python<'_>, data: &[u8], pointer: &str) -> PyResult<String> {
    call(py, || tree::tree_combine(data, pointer))
}

/// `generate`'s custom-code-bundle report for a bundle and a local bundle tree.
#[pyfunction]
#[pyo3(signature = (bundle, entries_json, options_json = ""))]
fn bundle_report<'py>(py: Python<'py>, bundle: &[u8], entries_json: &str, options_json: &str) -> PyResult<Bound<'py, PyAny>> {
    call_value(py, || {
        let entries = tree::entries_from_value(&json_arg(entries_json, "entries")?)?;
        tree::bundle_report(bundle, &entries, &BundleReportOptions::from_value(&options(options_json)?)?)
    })
}

/// The implementation materials a bundle declares.
#[pyfunction]
fn bundle_materials<'py>(py: Python<'py>, bundle: &[u8]) -> PyResult<Bound<'py, PyAny>> {
    call_value(py, || tree::bundle_materials(bundle))
}

/// `package attach-implementation`: the publish request, optionally checked against a local tree.
#[pyfunction]
#[pyo3(signature = (bundle, entries_json = None, options_json = ""))]
fn attach_implementation<'py>(py: Python<'py>, bundle: &[u8], entries_json: Option<&str>, options_json: &str) -> PyResult<Bound<'py, PyAny>> {
    call_value(py, || {
        let entries = match entries_json {
            Some(e) => Some(tree::entries_from_value(&json_arg(e, "entries")?)?),
            None => None,
        };
        trustloop_core::api::anip_attach_implementation(bundle, entries.as_deref(), &AttachOptions::from_value(&options(options_json)?)?)
    })
}

/// The URLs to fetch for a registry package (see `trustloop_host::registry::target`).
#[pyfunction]
#[pyo3(signature = (registry_url, package, lock = None, allow_yanked = false))]
fn registry_target<'py>(py: Python<'py>, registry_url: &str, package: &str, lock: Option<&[u8]>, allow_yanked: bool) -> PyResult<Bound<'py, PyAny>> {
    call_value(py, || registry::target(registry_url, package, lock, allow_yanked))
}

/// The verify result of a registry package from its three fetched bodies.
#[pyfunction]
#[pyo3(signature = (package_url, download, receipt, keys, lock = None, options_json = ""))]
fn verify_registry<'py>(
    py: Python<'py>,
    package_url: &str,
    download: &[u8],
    receipt: &[u8],
    keys: &[u8],
    lock: Option<&[u8]>,
    options_json: &str,
) -> PyResult<Bound<'py, PyAny>> {
    call_value(py, || registry::bodies::verify(package_url, download, receipt, keys, lock, &options(options_json)?))
}

/// The consumer lock file for a registry package from its three fetched bodies.
#[pyfunction]
#[pyo3(signature = (package_url, download, receipt, keys, options_json = ""))]
fn write_lock_registry<'py>(
    py: Python<'py>,
    package_url: &str,
    download: &[u8],
    receipt: &[u8],
    keys: &[u8],
    options_json: &str,
) -> PyResult<Bound<'py, PyBytes>> {
    let text = call(py, || registry::bodies::write_lock(package_url, download, receipt, keys, &options(options_json)?))?;
    Ok(PyBytes::new(py, text.as_bytes()))
}

/// Publication lint of a bundle's package metadata: `{status, findings}`.
#[pyfunction]
fn lint<'py>(py: Python<'py>, bundle: &[u8]) -> PyResult<Bound<'py, PyAny>> {
    call_value(py, || lint_bundle(bundle, &LintOptions::default()).map(|f| lint_result(&f)))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(verify_bundle, m)?)?;
    m.add_function(wrap_pyfunction!(verify_definition, m)?)?;
    m.add_function(wrap_pyfunction!(write_lock, m)?)?;
    m.add_function(wrap_pyfunction!(build_local, m)?)?;
    m.add_function(wrap_pyfunction!(ref_check, m)?)?;
    m.add_function(wrap_pyfunction!(tree_digest, m)?)?;
    m.add_function(wrap_pyfunction!(tree_combine, m)?)?;
    m.add_function(wrap_pyfunction!(bundle_report, m)?)?;
    m.add_function(wrap_pyfunction!(bundle_materials, m)?)?;
    m.add_function(wrap_pyfunction!(attach_implementation, m)?)?;
    m.add_function(wrap_pyfunction!(lint, m)?)?;
    m.add_function(wrap_pyfunction!(registry_target, m)?)?;
    m.add_function(wrap_pyfunction!(verify_registry, m)?)?;
    m.add_function(wrap_pyfunction!(write_lock_registry, m)?)?;
    Ok(())
}
