//! `anpkg export` on the host (spec §11, §13.1): the project directory answering the
//! exporter's file requests, and the atomic write of the archive.
//!
//! Reads follow symlinks only while they stay inside the project directory (or, for a
//! behavior tree, inside the data root); files are bounded per file and in total, read
//! through a cap so a file growing meanwhile cannot slip past the budget, and opened
//! without blocking and checked on the handle (a FIFO never hangs the export). The
//! archive is written to `<out>.tmp`, synced, and renamed over `<out>` (ANPKG-ZIP-3).
//! The two former copies differed only in the running total, which now saturates
//! instead of being able to overflow.
use std::cell::Cell;
use std::path::{Path, PathBuf};

use trustloop_core::api::anpkg::export_report;
use trustloop_core::api::anpkg::project::{build_package, codes, ExportOptions, Exported, ProjectSource, Root};
use trustloop_core::api::diag::Error;
use trustloop_core::api::json::Value;

use crate::files::write_with_tmp_suffix;
use crate::open::{open_path_nofollow, read_opened, Kind, OpenError};
use crate::paths::resolve;

pub const DEFAULT_MAX_FILE: u64 = 16 << 20;
pub const DEFAULT_MAX_TOTAL: u64 = 64 << 20;

/// Host options: the data root and the read limits.
pub struct ExportRequest {
    /// DATA_ROOT searched for the behavior tree after the project (default: the parent
    /// of the project's parent, as in `<DATA_ROOT>/<systems>/<project>`).
    pub data_root: Option<String>,
    pub max_file_size: u64,
    pub max_total_size: u64,
}

impl Default for ExportRequest {
    fn default() -> Self {
        ExportRequest { data_root: None, max_file_size: DEFAULT_MAX_FILE, max_total_size: DEFAULT_MAX_TOTAL }
    }
}

impl ExportRequest {
    /// The bindings' options: `data_root`, `max_file_size`, `max_total_size`.
    pub fn from_value(v: &Value) -> Result<ExportRequest, Error> {
        let mut r = ExportRequest::default();
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

/// A built package and the project it came from.
pub struct Export {
    pub exported: Exported,
    /// The project directory's name (the default output name and the report's `project`).
    pub name: String,
}

impl Export {
    /// The report `trustloop anpkg export --json` prints, with `"path"` when written.
    pub fn report(&self, written: Option<&Path>) -> Value {
        let mut report = export_report(&self.exported, &self.name);
        if let (Some(path), Value::Object(m)) = (written, &mut report) {
            m.insert("path", Value::String(path.to_string_lossy().into_owned()));
        }
        report
    }
}

/// The resolved project directory and its name.
pub fn project_path(project_dir: &str) -> (PathBuf, String) {
    let project = resolve(project_dir);
    let name = project.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    (project, name)
}

/// Builds the package of `project_dir` (nothing is written).
pub fn build(project_dir: &str, request: &ExportRequest) -> Result<Export, Error> {
    let (project, name) = project_path(project_dir);
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
    Ok(Export { exported: build_package(&source, &options)?, name })
}

/// Writes the archive to `out` (already resolved) atomically (ANPKG-ZIP-3).
pub fn write(out: &Path, package: &[u8]) -> Result<(), Error> {
    write_with_tmp_suffix(out, package).map_err(|e| Error::new(codes::IO, format!("Failed writing {}: {e}", out.display())))
}

/// The bindings' entry: the package bytes and the report, `output` (a user path)
/// written when given.
pub fn export(project_dir: &str, output: Option<&str>, request: &ExportRequest) -> Result<(Vec<u8>, Value), Error> {
    let built = build(project_dir, request)?;
    let written = match output {
        Some(out) => {
            let out = resolve(out);
            write(&out, &built.exported.package)?;
            Some(out)
        }
        None => None,
    };
    let report = built.report(written.as_deref());
    Ok((built.exported.package, report))
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
    /// `real` is canonical: it is opened without following a last-component symlink and
    /// without blocking, and must be a regular file on the handle (a FIFO or symlink
    /// swapped in after the checks is refused, not waited on or followed).
    fn read_checked(&self, real: &Path) -> Result<Vec<u8>, Error> {
        let shown = real.display();
        let io_err = |e: &dyn std::fmt::Display| Error::new(codes::IO, format!("Failed reading {shown}: {e}"));
        let budget = self.max_file.min(self.max_total.saturating_sub(self.total.get()));
        let (file, st) = open_path_nofollow(real).map_err(|e| io_err(&e))?;
        if st.kind != Kind::File {
            return Err(io_err(&"not a regular file"));
        }
        let bytes = match read_opened(file, &st, budget) {
            Ok(b) => b,
            Err(OpenError::TooLarge(_)) => {
                return Err(Error::new(
                    codes::FILE_TOO_LARGE,
                    format!("{shown}: file too large (limits: {} bytes per file, {} bytes in total)", self.max_file, self.max_total),
                ))
            }
            Err(e) => return Err(io_err(&e)),
        };
        self.total.set(self.total.get().saturating_add(bytes.len() as u64));
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
        let real = crate::paths::canonical(&candidate)
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
        let Ok(real) = crate::paths::canonical(&base.join(raw)) else { return Ok(None) };
        if !real.is_file() || !self.inside_roots(&real) {
            return Ok(None);
        }
        let name = real.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        Ok(Some((name, self.read_checked(&real)?)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        crate::scratch::scratch(&format!("anpkg-export-{name}"))
    }

    fn project(dir: &Path) -> DiskProject {
        DiskProject { project: dir.join("systems/p"), data_root: Some(dir.to_path_buf()), max_file: 1 << 20, max_total: 1 << 20, total: Cell::new(0) }
    }

    #[test]
    fn project_files_must_stay_inside_the_project() {
        let d = scratch("contain");
        std::fs::create_dir_all(d.join("systems/p/config")).expect("mkdir");
        std::fs::write(d.join("outside.yaml"), "a: 1\n").expect("write");
        std::fs::write(d.join("systems/p/config/in.yaml"), "b: 2\n").expect("write");
        let src = project(&d);
        assert_eq!(src.read("config/in.yaml").expect("in"), Some(b"b: 2\n".to_vec()));
        assert_eq!(src.read("config/missing.yaml").expect("missing"), None);
        assert_eq!(src.read("config").expect("dir"), None);
        let err = src.read("../../outside.yaml").expect_err("outside");
        assert_eq!(err.code(), codes::OUTSIDE_PROJECT);
        // Behavior trees may come from the data root (ANPKG-BT-2), not from beyond it.
        std::fs::create_dir_all(d.join("shared")).expect("mkdir");
        std::fs::write(d.join("shared/t.xml"), "<root />\n").expect("write");
        let found = src.read_behavior(Root::DataRoot, "shared/t.xml").expect("behavior");
        assert_eq!(found, Some((String::from("t.xml"), b"<root />\n".to_vec())));
        assert_eq!(src.read_behavior(Root::Project, "../../shared/t.xml").expect("sibling"), found);
        let beyond_name = format!("trustloop-anpkg-export-beyond-{}.xml", std::process::id());
        let beyond = d.parent().expect("parent").join(&beyond_name);
        std::fs::write(&beyond, "<x/>").expect("write");
        let raw = format!("../../../{beyond_name}");
        assert_eq!(src.read_behavior(Root::Project, &raw).expect("beyond"), None);
        let _ = std::fs::remove_file(&beyond);
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn size_limits_are_enforced() {
        let d = scratch("size");
        std::fs::create_dir_all(d.join("systems/p")).expect("mkdir");
        std::fs::write(d.join("systems/p/big.yaml"), vec![b'a'; 64]).expect("write");
        std::fs::write(d.join("systems/p/small.yaml"), vec![b'b'; 40]).expect("write");
        let mut src = project(&d);
        src.max_file = 63;
        assert_eq!(src.read("big.yaml").expect_err("too large").code(), codes::FILE_TOO_LARGE);
        // The total counts every file read so far.
        let mut src = project(&d);
        src.max_total = 70;
        assert!(src.read("small.yaml").expect("first").is_some());
        assert_eq!(src.read("small.yaml").expect_err("total").code(), codes::FILE_TOO_LARGE);
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn export_options_from_json() {
        let v = trustloop_core::api::json::parse(br#"{"data_root":"/d","max_file_size":5}"#).expect("json");
        let r = ExportRequest::from_value(&v).expect("ok");
        assert_eq!((r.data_root.as_deref(), r.max_file_size, r.max_total_size), (Some("/d"), 5, DEFAULT_MAX_TOTAL));
        let bad = trustloop_core::api::json::parse(br#"{"max_file_size":-1}"#).expect("json");
        assert!(ExportRequest::from_value(&bad).is_err());
        let unknown = trustloop_core::api::json::parse(br#"{"colour":1}"#).expect("json");
        assert!(ExportRequest::from_value(&unknown).is_err());
    }

    /// F4: a FIFO or a symlink where a checked file was (swapped in after the checks)
    /// is refused on the handle, never waited on or followed.
    #[cfg(unix)]
    #[test]
    fn a_fifo_or_symlink_at_read_time_is_refused() {
        let d = scratch("fifo");
        std::fs::create_dir_all(d.join("systems/p")).expect("mkdir");
        let fifo = d.join("systems/p/machine-profile.yaml");
        let status = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
        assert!(status.success());
        let src = project(&d);
        assert_eq!(src.read_checked(&fifo).expect_err("fifo").code(), codes::IO);
        std::fs::remove_file(&fifo).expect("rm");
        std::os::unix::fs::symlink("/etc/hostname", &fifo).expect("symlink");
        assert_eq!(src.read_checked(&fifo).expect_err("symlink").code(), codes::IO);
        let _ = std::fs::remove_dir_all(&d);
    }
}

