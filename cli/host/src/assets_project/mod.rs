//! `assets.pa` pack from a project directory (spec assets-pa.md): plan (validate
//! everything, nothing written), stream `assets.pa` into a staging directory next to
//! the output directory, re-read it (PA-WRITE-3), add the companions, then promote
//! every file together (PA-WRITE-2 step 7). A failing pack leaves an existing output
//! directory exactly as it was. The plan, the bytes and the report are the core's.
//!
//! - [`project_dir`]: the project as a core `ProjectSource` that refuses symlinks
//!   anywhere along a path (PA-MIG-4: inputs are untrusted).
//! - [`staging`]: the staging directory and its promotion.
//!
//! The two former copies differed in the staging directory's name: the CLI's was
//! `.<out>.staging-<pid>`, the bindings' adds a per-process counter so two packs in one
//! host process never share it; the counter is kept.
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use trustloop_core::api::assets_pa::codes;
use trustloop_core::api::assets_pa::{sha256_hex, ASSETS_PA};
use trustloop_core::api::assets_pa::project::{emit, plan, report_value, self_check, verdict};
use trustloop_core::api::assets_pa::reader;
use trustloop_core::api::assets_pa::IoSink;
use trustloop_core::api::diag::{Error, Finding};
use trustloop_core::api::json::Value;

pub mod project_dir;
pub mod staging;

use project_dir::ProjectDir;
use staging::Staging;

/// One written file: its path in the output directory, sha256 (hex), size.
pub type Artifact = (String, String, u64);

/// The result of a pack.
pub struct Packed {
    pub ok: bool,
    /// The output directory (`<project>/build` unless given).
    pub out_dir: PathBuf,
    /// `(assets, preloaded)` of the archive (zero when the pack failed).
    pub counts: (usize, usize),
    pub diagnostics: Vec<Finding>,
    pub artifacts: Vec<Artifact>,
}

impl Packed {
    /// The report `trustloop assets-pa pack --json` prints.
    pub fn report(&self) -> Value {
        report_value(self.ok, self.counts, &self.diagnostics, &self.artifacts)
    }
}

/// Packs `project` into `out` (default `<project>/build`). A project that does not
/// pack is `ok: false` with diagnostics; an unusable project directory is an `Error`.
pub fn pack(project: &Path, out: Option<&Path>) -> Result<Packed, Error> {
    let out_dir = out.map(Path::to_path_buf).unwrap_or_else(|| project.join("build"));
    let src = ProjectDir::open(project)?;
    let outcome = plan::plan(&src);
    let mut diagnostics = outcome.diagnostics;
    let counts = outcome.plan.as_ref().map_or((0, 0), |p| (p.archive.header.asset_table.len(), p.archive.header.preload.len()));
    let artifacts = match outcome.plan {
        None => None,
        Some(plan) => match emit_staged(&plan, &src, &out_dir) {
            Ok(a) => Some(a),
            Err(f) => {
                diagnostics.push(f);
                None
            }
        },
    };
    let ok = verdict(artifacts.is_some(), &diagnostics);
    Ok(Packed {
        ok,
        counts: if ok { counts } else { (0, 0) },
        artifacts: artifacts.unwrap_or_default(),
        diagnostics,
        out_dir,
    })
}

/// Pass 2 into a staging directory, self-check, promotion.
fn emit_staged(plan: &plan::PackPlan, src: &ProjectDir, out_dir: &Path) -> Result<Vec<Artifact>, Finding> {
    let io = |what: &str, e: std::io::Error| Finding::error(codes::WRITE_IO, format!("{what}: {e}"));
    let mut staging = Staging::new(out_dir).map_err(|e| io(&out_dir.display().to_string(), e))?;
    let file = staging.create(ASSETS_PA).map_err(|e| io(ASSETS_PA, e))?;
    let (archive, sink) = emit::emit_archive(plan, src, IoSink(BufWriter::new(file)))?;
    let file = sink.0.into_inner().map_err(|e| io(ASSETS_PA, e.into_error()))?;
    file.sync_all().map_err(|e| io(ASSETS_PA, e))?;
    drop(file);
    // PA-WRITE-3: the reader over the bytes actually written, before promotion.
    let written = std::fs::File::open(staging.path(ASSETS_PA)).map_err(|e| io(ASSETS_PA, e))?;
    self_check(reader::read_from(std::io::BufReader::new(written), archive.len))?;
    let mut artifacts = vec![(ASSETS_PA.to_string(), archive.sha256.clone(), archive.len)];
    for (name, bytes) in emit::companion_files(plan, &archive) {
        staging.write(name, &bytes).map_err(|e| io(name, e))?;
        artifacts.push((name.to_string(), sha256_hex(&bytes), bytes.len() as u64));
    }
    staging.promote().map_err(|e| io(&out_dir.display().to_string(), e))?;
    Ok(artifacts.into_iter().map(|(name, sha, size)| (out_dir.join(name).display().to_string(), sha, size)).collect())
}

#[cfg(test)]
mod tests;
