//! `assets-pa pack` on the host (as `cli/src/assets_pa/{pack,project_dir,staging}.rs`):
//! plan (validate everything, nothing written), stream `assets.pa` into a staging
//! directory next to the output directory, re-read it, add the companions, then
//! promote every file together. A failing pack leaves an existing output untouched.
//!
//! Project reads refuse symlinks anywhere along the path (PA-MIG-4: inputs are
//! untrusted), refuse non-regular files and files over the core's input limit; the
//! `assets/` walk is bounded in entries and depth.
use std::io::{BufWriter, Read};
use std::path::{Path, PathBuf};

use trustloop_core::assets_pa::codes;
use trustloop_core::assets_pa::companions::{sha256_hex, ASSETS_PA};
use trustloop_core::assets_pa::project::source::{ProjectSource, MAX_INPUT_FILE_BYTES};
use trustloop_core::assets_pa::project::{emit, plan, report_value};
use trustloop_core::assets_pa::reader;
use trustloop_core::assets_pa::writer::IoSink;
use trustloop_core::diag::{Error, Finding, Severity};
use trustloop_core::json::Value;

/// Bounds on the `assets/` walk that finds unregistered roots.
const MAX_WALK_ENTRIES: usize = 1_000_000;
const MAX_WALK_DEPTH: usize = 32;

/// Packs `project` into `out` (default `<project>/build`): the report `trustloop
/// assets-pa pack --json` prints (`ok` false with diagnostics when the project does
/// not pack). An unusable project directory is an `Error`.
pub fn pack(project: &str, out: Option<&str>) -> Result<Value, Error> {
    let project = Path::new(project);
    let out_dir = out.map(PathBuf::from).unwrap_or_else(|| project.join("build"));
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
    let ok = artifacts.is_some() && !diagnostics.iter().any(|d| d.severity == Severity::Error);
    let artifacts = artifacts.unwrap_or_default();
    Ok(report_value(ok, if ok { counts } else { (0, 0) }, &diagnostics, &artifacts))
}

/// Pass 2 into a staging directory, self-check, promotion. Returns `(path, sha256, size)`.
fn emit_staged(plan: &plan::PackPlan, src: &ProjectDir, out_dir: &Path) -> Result<Vec<(String, String, u64)>, Finding> {
    let io = |what: &str, e: std::io::Error| Finding::error(codes::WRITE_IO, format!("{what}: {e}"));
    let mut staging = Staging::new(out_dir).map_err(|e| io(&out_dir.display().to_string(), e))?;
    let file = staging.create(ASSETS_PA).map_err(|e| io(ASSETS_PA, e))?;
    let (archive, sink) = emit::emit_archive(plan, src, IoSink(BufWriter::new(file)))?;
    let file = sink.0.into_inner().map_err(|e| io(ASSETS_PA, e.into_error()))?;
    file.sync_all().map_err(|e| io(ASSETS_PA, e))?;
    drop(file);
    // PA-WRITE-3: the reader over the bytes actually written, before promotion.
    let written = std::fs::File::open(staging.path(ASSETS_PA)).map_err(|e| io(ASSETS_PA, e))?;
    let info = reader::read_from(std::io::BufReader::new(written), archive.len)
        .map_err(|f| Finding { message: format!("self-check of the written assets.pa: {}", f.message), ..f })?;
    if let Some(w) = info.warnings.first() {
        return Err(Finding::error(codes::WRITE_SELF_CHECK, format!("self-check of the written assets.pa: {}", w.message)));
    }
    let mut artifacts = vec![(ASSETS_PA.to_string(), archive.sha256.clone(), archive.len)];
    for (name, bytes) in emit::companion_files(plan, &archive) {
        staging.write(name, &bytes).map_err(|e| io(name, e))?;
        artifacts.push((name.to_string(), sha256_hex(&bytes), bytes.len() as u64));
    }
    staging.promote().map_err(|e| io(&out_dir.display().to_string(), e))?;
    Ok(artifacts.into_iter().map(|(name, sha, size)| (out_dir.join(name).display().to_string(), sha, size)).collect())
}

/// An asset project on disk as a core `ProjectSource`; only regular files are read.
struct ProjectDir {
    root: PathBuf,
}

fn io_finding(path: &str, e: &std::io::Error) -> Finding {
    Finding::error(codes::PROJECT_IO, format!("{path}: {e}")).at_file(path)
}

impl ProjectDir {
    fn open(root: &Path) -> Result<ProjectDir, Error> {
        let meta = std::fs::metadata(root).map_err(|e| Error::new(codes::PROJECT_IO, format!("{}: {e}", root.display())))?;
        if !meta.is_dir() {
            return Err(Error::new(codes::PROJECT_IO, format!("{} is not a directory", root.display())));
        }
        Ok(ProjectDir { root: root.to_path_buf() })
    }

    /// The on-disk path of `rel` when every component exists and none is a symlink;
    /// `Ok(None)` when something along the way does not exist.
    fn resolve(&self, rel: &str) -> Result<Option<PathBuf>, Finding> {
        let mut path = self.root.clone();
        for seg in rel.split('/') {
            path.push(seg);
            match std::fs::symlink_metadata(&path) {
                Ok(m) if m.file_type().is_symlink() => {
                    return Err(Finding::error(codes::PROJECT_IO, format!("{rel}: refusing to follow the symlink {}", path.display()))
                        .at_file(rel))
                }
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
                Err(e) => return Err(io_finding(rel, &e)),
            }
        }
        Ok(Some(path))
    }
}

impl ProjectSource for ProjectDir {
    fn read(&self, rel: &str) -> Result<Option<Vec<u8>>, Finding> {
        let Some(path) = self.resolve(rel)? else { return Ok(None) };
        let meta = std::fs::symlink_metadata(&path).map_err(|e| io_finding(rel, &e))?;
        if !meta.is_file() {
            return Err(Finding::error(codes::PROJECT_IO, format!("{rel}: not a regular file")).at_file(rel));
        }
        let too_large = || Finding::error(codes::PROJECT_LIMIT, format!("{rel}: file exceeds {MAX_INPUT_FILE_BYTES} bytes")).at_file(rel);
        if meta.len() > MAX_INPUT_FILE_BYTES {
            return Err(too_large());
        }
        let file = std::fs::File::open(&path).map_err(|e| io_finding(rel, &e))?;
        let mut bytes = Vec::new();
        // take(): the file may grow between stat and read.
        file.take(MAX_INPUT_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| io_finding(rel, &e))?;
        if bytes.len() as u64 > MAX_INPUT_FILE_BYTES {
            return Err(too_large());
        }
        Ok(Some(bytes))
    }

    fn asset_roots(&self) -> Result<Vec<String>, Finding> {
        let mut roots = Vec::new();
        let mut seen = 0usize;
        let mut stack: Vec<(PathBuf, String, usize)> = vec![(self.root.join("assets"), String::new(), 0)];
        while let Some((dir, rel, depth)) = stack.pop() {
            let entries = match std::fs::read_dir(&dir) {
                Ok(e) => e,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound && rel.is_empty() => return Ok(roots),
                Err(e) => return Err(io_finding(&format!("assets/{rel}"), &e)),
            };
            for entry in entries {
                let entry = entry.map_err(|e| io_finding(&format!("assets/{rel}"), &e))?;
                seen += 1;
                if seen > MAX_WALK_ENTRIES {
                    return Err(Finding::error(codes::PROJECT_LIMIT, format!("assets/ has more than {MAX_WALK_ENTRIES} entries")));
                }
                let name = entry.file_name().to_string_lossy().into_owned();
                let child_rel = if rel.is_empty() { name.clone() } else { format!("{rel}/{name}") };
                // file_type() does not follow symlinks: they are never descended into.
                let ft = entry.file_type().map_err(|e| io_finding(&child_rel, &e))?;
                if ft.is_dir() && !(rel.is_empty() && name == ".prometeu") && depth < MAX_WALK_DEPTH {
                    stack.push((entry.path(), child_rel, depth + 1));
                } else if ft.is_file() && name == "asset.json" && !rel.is_empty() {
                    roots.push(rel.clone());
                }
            }
        }
        Ok(roots)
    }
}

/// Staged outputs (PA-WRITE-2 step 7): written into `.<out>.staging-<pid>-<n>` next to
/// the output directory, renamed into place only after the whole pack succeeded.
struct Staging {
    dir: PathBuf,
    out: PathBuf,
    files: Vec<String>,
    promoted: bool,
}

impl Staging {
    fn new(out: &Path) -> std::io::Result<Staging> {
        let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)?;
        let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "build".into());
        // pid + a per-process counter: two packs in one host process never share it.
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = parent.join(format!(".{name}.staging-{}-{n}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir(&dir)?;
        Ok(Staging { dir, out: out.to_path_buf(), files: Vec::new(), promoted: false })
    }

    fn create(&mut self, name: &str) -> std::io::Result<std::fs::File> {
        self.files.push(name.to_string());
        std::fs::File::create(self.dir.join(name))
    }

    fn write(&mut self, name: &str, bytes: &[u8]) -> std::io::Result<()> {
        use std::io::Write;
        let mut f = self.create(name)?;
        f.write_all(bytes)?;
        f.sync_all()
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// Moves every staged file into the output directory (same file system, so each
    /// rename is atomic), in staging order.
    fn promote(mut self) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.out)?;
        for name in &self.files {
            std::fs::rename(self.dir.join(name), self.out.join(name))?;
        }
        self.promoted = true;
        let _ = std::fs::remove_dir_all(&self.dir);
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.promoted {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}
