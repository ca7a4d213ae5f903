//! `anpkg export` on the host: the project directory answering the exporter's file
//! requests, and the optional atomic write of the archive (as `cli/src/anpkg/export.rs`).
//!
//! Reads follow symlinks only while they stay inside the project directory (or, for a
//! behavior tree, inside the data root); files are bounded per file and in total.
//! The archive is written to `<out>.tmp` and renamed over `<out>` (ANPKG-ZIP-3).
use std::cell::Cell;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use trustloop_core::anpkg::api_export::export_report;
use trustloop_core::anpkg::export::{build_package, codes, ExportOptions, ProjectSource, Root};
use trustloop_core::diag::Error;
use trustloop_core::json::Value;

use super::paths::resolve;

const DEFAULT_MAX_FILE: u64 = 16 << 20;
const DEFAULT_MAX_TOTAL: u64 = 64 << 20;

/// Host options: `data_root`, `max_file_size`, `max_total_size`.
pub struct ExportRequest {
    pub data_root: Option<String>,
    pub max_file_size: u64,
    pub max_total_size: u64,
}

impl ExportRequest {
    pub fn from_value(v: &Value) -> Result<ExportRequest, Error> {
        let mut r = ExportRequest { data_root: None, max_file_size: DEFAULT_MAX_FILE, max_total_size: DEFAULT_MAX_TOTAL };
        let Some(map) = v.as_object() else { return Ok(r) };
        let bad = |k: &str, what: &str| Error::new("INVALID_OPTION", format!("option {k:?} must be {what}"));
        for (k, val) in map.iter() {
            let size = || match val.as_f64() {
                Some(n) if n >= 0.0 && n.fract() == 0.0 && n <= 9.0e15 => Ok(n as u64),
                _ => Err(bad(k, "a non-negative integer")),
            };
            match (k.as_str(), val) {
                (_, Value::Null) => {}
                ("data_root", Value::String(s)) => r.data_root = Some(s.clone()),
                ("data_root", _) => return Err(bad(k, "a string")),
                ("max_file_size", _) => r.max_file_size = size()?,
                ("max_total_size", _) => r.max_total_size = size()?,
                (other, _) => return Err(Error::new("INVALID_OPTION", format!("unknown option {other:?}"))),
            }
        }
        Ok(r)
    }
}

/// The package bytes and the report the CLI prints for `--json` (with `"path"` when
/// `output` was given and written).
pub fn export(project_dir: &str, output: Option<&str>, request: &ExportRequest) -> Result<(Vec<u8>, Value), Error> {
    let project = resolve(project_dir);
    let name = project.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let data_root = match &request.data_root {
        Some(d) => Some(resolve(d)),
        None => project.parent().and_then(Path::parent).map(Path::to_path_buf),
    };
    let source = DiskProject {
        project: project.clone(),
        data_root,
        max_file: request.max_file_size,
        max_total: request.max_total_size,
        total: Cell::new(0),
    };
    let options = ExportOptions {
        project_name: name.clone(),
        project_dir: project.to_string_lossy().into_owned(),
        ..ExportOptions::default()
    };
    let exported = build_package(&source, &options)?;
    let mut report = export_report(&exported, &name);
    if let Some(out) = output {
        let out = resolve(out);
        write_atomically(&out, &exported.package)
            .map_err(|e| Error::new(codes::IO, format!("Failed writing {}: {e}", out.display())))?;
        if let Value::Object(m) = &mut report {
            m.insert("path", Value::String(out.to_string_lossy().into_owned()));
        }
    }
    Ok((exported.package, report))
}

/// The project on disk, answering the exporter's requests.
struct DiskProject {
    project: PathBuf,
    data_root: Option<PathBuf>,
    max_file: u64,
    max_total: u64,
    total: Cell<u64>,
}

impl DiskProject {
    /// Reads at most the remaining budget (a file growing meanwhile cannot slip past).
    fn read_checked(&self, real: &Path) -> Result<Vec<u8>, Error> {
        let shown = real.display();
        let io_err = |e: std::io::Error| Error::new(codes::IO, format!("Failed reading {shown}: {e}"));
        let budget = self.max_file.min(self.max_total.saturating_sub(self.total.get()));
        let mut bytes = Vec::new();
        std::fs::File::open(real).map_err(io_err)?.take(budget.saturating_add(1)).read_to_end(&mut bytes).map_err(io_err)?;
        let size = bytes.len() as u64;
        if size > budget {
            return Err(Error::new(
                codes::FILE_TOO_LARGE,
                format!("{shown}: file too large (limits: {} bytes per file, {} bytes in total)", self.max_file, self.max_total),
            ));
        }
        self.total.set(self.total.get().saturating_add(size));
        Ok(bytes)
    }

    fn inside_roots(&self, real: &Path) -> bool {
        real.starts_with(&self.project) || self.data_root.as_ref().is_some_and(|d| real.starts_with(d))
    }
}

impl ProjectSource for DiskProject {
    fn read(&self, path: &str) -> Result<Option<Vec<u8>>, Error> {
        let candidate = self.project.join(path);
        // Upstream: `is_file()` (symlinks followed), then read.
        if !std::fs::metadata(&candidate).is_ok_and(|m| m.is_file()) {
            return Ok(None);
        }
        let real = std::fs::canonicalize(&candidate)
            .map_err(|e| Error::new(codes::IO, format!("Failed reading {}: {e}", candidate.display())))?;
        if !real.starts_with(&self.project) {
            return Err(Error::new(
                codes::OUTSIDE_PROJECT,
                format!("{path}: refusing to read {}: it is outside the project directory {}", real.display(), self.project.display()),
            ));
        }
        self.read_checked(&real).map(Some)
    }

    fn read_behavior(&self, root: Root, raw: &str) -> Result<Option<(String, Vec<u8>)>, Error> {
        let base = match root {
            Root::Project => &self.project,
            Root::DataRoot => match &self.data_root {
                Some(d) => d,
                None => return Ok(None),
            },
        };
        let Ok(real) = std::fs::canonicalize(base.join(raw)) else { return Ok(None) };
        if !real.is_file() || !self.inside_roots(&real) {
            return Ok(None);
        }
        let name = real.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        Ok(Some((name, self.read_checked(&real)?)))
    }
}

/// Writes `<out>.tmp` next to `out`, then renames it over `out` (ANPKG-ZIP-3).
fn write_atomically(out: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(parent) = out.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut tmp = out.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    let result = std::fs::File::create(&tmp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    if let Err(e) = result.and_then(|()| std::fs::rename(&tmp, out)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    Ok(())
}
