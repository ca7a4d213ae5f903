//! `anpkg export` as every host calls it: a project's files (a map of
//! project-relative POSIX paths to bytes) plus options → the `.anpkg` bytes, and the
//! JSON-shaped report the CLI prints with `--json`.
//!
//! Report shape:
//! ```text
//! {"sha256": "<hex of the package>", "size": n, "entries": ["machine-profile.yaml", …],
//!  "exported_at": "…Z", "omitted_variants": [...], "token_removed": bool,
//!  "source_project": "<name>", "warnings": [{code, severity, message, location}]}
//! ```
//! Hosts that write a file add `"path"`. Errors are `Error`s carrying upstream's
//! `ExportError` message and a stable code.
use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use sha2::{Digest, Sha256};

use crate::anpkg::export::{build_package, ExportOptions, Exported, MapSource};
use crate::diag::{findings_to_value, Error};
use crate::digest::hex;
use crate::json::{Map, Value};

/// Options of `anpkg export`.
#[derive(Clone, Debug, Default)]
pub struct AnpkgExportOptions {
    pub export: ExportOptions,
    /// Files under the data root (keyed relative to it), searched for the behavior
    /// tree after the project (ANPKG-BT-2).
    pub data_root_files: BTreeMap<String, Vec<u8>>,
}

impl AnpkgExportOptions {
    /// From a binding's options object: `project_name` (the project directory's
    /// name, recorded as `source_project`) and `project_dir` (shown in messages).
    /// Unknown keys are an `INVALID_OPTION` error.
    pub fn from_value(v: &Value) -> Result<Self, Error> {
        let mut o = AnpkgExportOptions::default();
        let Some(map) = v.as_object() else { return Ok(o) };
        for (k, val) in map.iter() {
            let text = || {
                val.as_str()
                    .map(String::from)
                    .ok_or_else(|| Error::new("INVALID_OPTION", format!("option {k:?} must be a string")))
            };
            match k.as_str() {
                "project_name" => o.export.project_name = text()?,
                "project_dir" => o.export.project_dir = text()?,
                other => return Err(Error::new("INVALID_OPTION", format!("unknown option {other:?}"))),
            }
        }
        Ok(o)
    }
}

/// Builds the package from in-memory files.
pub fn export_files(files: BTreeMap<String, Vec<u8>>, options: &AnpkgExportOptions) -> Result<Exported, Error> {
    let source = MapSource { files, data_root_files: options.data_root_files.clone() };
    build_package(&source, &options.export)
}

/// `export(files, options) -> bytes`.
pub fn anpkg_export(files: BTreeMap<String, Vec<u8>>, options: &AnpkgExportOptions) -> Result<Vec<u8>, Error> {
    Ok(export_files(files, options)?.package)
}

/// The report every host returns next to the bytes.
pub fn export_report(e: &Exported, source_project: &str) -> Value {
    let entries: Vec<Value> = e.entries.iter().map(|(n, _)| Value::String(n.clone())).collect();
    let omitted: Vec<Value> = e.omitted_variants.iter().map(|n| Value::String(n.clone())).collect();
    Map::record()
        .with("sha256", hex(&Sha256::digest(&e.package)))
        .with("size", Value::Number(e.package.len() as f64))
        .with("entries", Value::Array(entries))
        .with("exported_at", e.exported_at.as_str())
        .with("omitted_variants", Value::Array(omitted))
        .with("token_removed", e.token_removed)
        .with("source_project", source_project)
        .with("warnings", findings_to_value(&e.warnings))
        .into()
}
