//! The asset-project packer (PA-WRITE-2, PA-ASSET, PA-INDEX, PA-MIG, PA-COMP), std
//! only because tiles are PNG files. It reads through a [`source::ProjectSource`]
//! (sans-IO: the CLI walks a directory, bindings pass a map of files) and never
//! executes anything from the project (PA-MIG-4).
//!
//! Two passes keep memory bounded by the header plus at most
//! [`plan::KEPT_PAYLOAD_BYTES`], not the archive: [`plan::plan`] validates everything,
//! sizes every payload and keeps payloads up to that budget; [`emit::emit_archive`]
//! streams the archive, rebuilding only the payloads not kept, one at a time. Hosts stage the outputs and promote them
//! only when both passes succeed (PA-WRITE-2 step 7).
pub mod declaration;
pub mod emit;
pub mod glyph_inputs;
pub mod paths;
pub mod plan;
pub mod registry;
pub mod source;
pub mod versions;

use alloc::string::String;
use alloc::vec::Vec;

use crate::diag::{findings_to_value, Finding, Severity};
use crate::json::{Map, Value};

/// Everything one in-memory pack produced.
#[derive(Clone, Debug)]
pub struct PackOutput {
    pub diagnostics: Vec<Finding>,
    /// `(path relative to the build directory, bytes)`: `assets.pa` then companions.
    /// Empty when a blocking diagnostic stopped the pack.
    pub files: Vec<(String, Vec<u8>)>,
}

impl PackOutput {
    pub fn ok(&self) -> bool {
        verdict(!self.files.is_empty(), &self.diagnostics)
    }
}

/// The pack verdict every host reports as `ok`: the outputs were written and no
/// diagnostic is an error (the report's counts are zero unless it is ok).
pub fn verdict(written: bool, diagnostics: &[Finding]) -> bool {
    written && !diagnostics.iter().any(|d| d.severity == Severity::Error)
}

/// PA-WRITE-3: the reader's verdict over the bytes actually written, before they are
/// promoted: a read error or any reader warning stops the pack (`PA_WRITE_SELF_CHECK`
/// for a warning).
pub fn self_check(read: Result<crate::assets_pa::reader::ArchiveInfo, Finding>) -> Result<(), Finding> {
    let info = read.map_err(|f| Finding { message: alloc::format!("self-check of the written assets.pa: {}", f.message), ..f })?;
    match info.warnings.first() {
        Some(w) => Err(Finding::error(
            crate::assets_pa::codes::WRITE_SELF_CHECK,
            alloc::format!("self-check of the written assets.pa: {}", w.message),
        )),
        None => Ok(()),
    }
}

/// The pack report every host prints: `{ok, assets, preload, codes, diagnostics,
/// artifacts: [{path, sha256, size}], artifact_sha256: {path: sha256}}`.
/// `counts` = (assets in the table, preload entries).
pub fn report_value(ok: bool, counts: (usize, usize), diagnostics: &[Finding], artifacts: &[(String, String, u64)]) -> Value {
    let (assets, preload) = counts;
    let mut by_path = Map::new();
    for (path, sha, _) in artifacts {
        by_path.insert(path.as_str(), Value::from(sha.as_str()));
    }
    let artifacts: Vec<Value> = artifacts
        .iter()
        .map(|(path, sha, size)| Map::record().with("path", path.as_str()).with("sha256", sha.as_str()).with("size", *size).into())
        .collect();
    Map::record()
        .with("ok", ok)
        .with("assets", assets)
        .with("preload", preload)
        .with("codes", diagnostics.iter().map(|d| Value::from(d.code)).collect::<Vec<_>>())
        .with("diagnostics", findings_to_value(diagnostics))
        .with("artifacts", artifacts)
        .with("artifact_sha256", by_path)
        .into()
}

/// Packs a project held in memory (bindings, tests): both passes, all outputs in memory.
pub fn pack_in_memory(src: &dyn source::ProjectSource) -> PackOutput {
    let outcome = plan::plan(src);
    let mut diagnostics = outcome.diagnostics;
    let Some(plan) = outcome.plan else { return PackOutput { diagnostics, files: Vec::new() } };
    let emitted = emit::emit_archive(&plan, src, Vec::new())
        .and_then(|(archive, bytes)| self_check(crate::assets_pa::reader::read(&bytes).map(|a| a.info)).map(|()| (archive, bytes)));
    match emitted {
        Ok((archive, bytes)) => {
            let mut files = alloc::vec![(String::from(crate::assets_pa::companions::ASSETS_PA), bytes)];
            for (name, data) in emit::companion_files(&plan, &archive) {
                files.push((String::from(name), data));
            }
            PackOutput { diagnostics, files }
        }
        Err(f) => {
            diagnostics.push(f);
            PackOutput { diagnostics, files: Vec::new() }
        }
    }
}

#[cfg(test)]
mod verdict_tests {
    use super::*;

    #[test]
    fn ok_needs_written_outputs_and_no_error() {
        let warning = Finding::warning("PA_X", "w");
        let error = Finding::error("PA_X", "e");
        assert!(verdict(true, &[]));
        assert!(verdict(true, core::slice::from_ref(&warning)));
        assert!(!verdict(false, &[]));
        assert!(!verdict(true, &[warning, error]));
    }
}
