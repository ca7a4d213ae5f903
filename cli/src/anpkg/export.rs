//! `trustloop anpkg export PROJECT_DIR [OUT] [--data-root DIR] [--json]` (spec §11,
//! §13.1): builds the `.anpkg` byte-identical to `anolis-package`, prints the
//! absolute output path (stdout, exit 0) or `ERROR: <message>` (stderr, exit 1).
//! Upstream's warning about omitted variants goes to stderr as upstream logs it.
//!
//! The host part: resolving paths, answering the core's file requests from the disk
//! (following symlinks only while they stay inside the project directory, or for a
//! behavior tree inside the data root; refusing oversized files), and writing the
//! archive atomically (`<out>.tmp`, then rename, parent directories created).
use std::cell::Cell;
use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Parser;
use trustloop_core::anpkg::api_export::export_report;
use trustloop_core::anpkg::export::{build_package, codes, ExportOptions, ProjectSource, Root};
use trustloop_core::diag::Error;
use trustloop_core::json::{self, Value};

#[derive(Parser)]
pub struct Args {
    /// The canonical project folder (the one holding machine-profile.yaml).
    project_dir: String,
    /// Output archive (default: ./<project directory name>.anpkg).
    output: Option<String>,
    /// DATA_ROOT searched for the behavior tree after the project (default: the
    /// parent of the project's parent, as in `<DATA_ROOT>/<systems>/<project>`).
    #[arg(long = "data-root")]
    data_root: Option<String>,
    /// Print the result as JSON (the shape every host returns) instead of the path.
    #[arg(long)]
    json: bool,
    /// Largest project file read, in bytes.
    #[arg(long, default_value_t = 16 << 20)]
    max_file_size: u64,
    /// Largest total of project files read, in bytes.
    #[arg(long, default_value_t = 64 << 20)]
    max_total_size: u64,
}

/// Python's `Path(p).expanduser().resolve()`: absolute, symlinks resolved for the
/// part that exists, the rest normalised lexically (`..` pops).
fn resolve(raw: &str) -> PathBuf {
    use std::path::Component;
    let expanded = match raw.strip_prefix('~') {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => match std::env::var_os("HOME") {
            Some(home) => PathBuf::from(home).join(rest.trim_start_matches('/')),
            None => PathBuf::from(raw),
        },
        _ => PathBuf::from(raw),
    };
    let abs = std::path::absolute(&expanded).unwrap_or(expanded);
    let mut out = PathBuf::new();
    let mut existing = true;
    for c in abs.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
                existing = out.exists();
            }
            other => {
                out.push(other);
                if existing {
                    match std::fs::canonicalize(&out) {
                        Ok(real) => out = real,
                        Err(_) => existing = false,
                    }
                }
            }
        }
    }
    out
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
    fn read_checked(&self, real: &Path) -> Result<Vec<u8>, Error> {
        let shown = real.display();
        let size = std::fs::metadata(real).map(|m| m.len()).unwrap_or(0);
        let total = self.total.get().saturating_add(size);
        if size > self.max_file || total > self.max_total {
            return Err(Error::new(
                codes::FILE_TOO_LARGE,
                format!("{shown}: file too large ({size} bytes; limits {} per file, {} in total)", self.max_file, self.max_total),
            ));
        }
        self.total.set(total);
        std::fs::read(real).map_err(|e| Error::new(codes::IO, format!("Failed reading {shown}: {e}")))
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
                format!(
                    "{path}: refusing to read {}: it is outside the project directory {}",
                    real.display(),
                    self.project.display()
                ),
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

fn fail(json_out: bool, e: &Error) -> u8 {
    if json_out {
        println!("{}", json::to_pretty(&e.to_value()));
    } else {
        eprintln!("ERROR: {}", e.message());
    }
    1
}

pub fn run(args: Args) -> u8 {
    let project = resolve(&args.project_dir);
    let name = project.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let data_root = match &args.data_root {
        Some(d) => Some(resolve(d)),
        None => project.parent().and_then(Path::parent).map(Path::to_path_buf),
    };
    let out = resolve(args.output.as_deref().unwrap_or(&format!("{name}.anpkg")));
    let source = DiskProject {
        project: project.clone(),
        data_root,
        max_file: args.max_file_size,
        max_total: args.max_total_size,
        total: Cell::new(0),
    };
    let options = ExportOptions {
        project_name: name.clone(),
        project_dir: project.to_string_lossy().into_owned(),
        ..ExportOptions::default()
    };
    let exported = match build_package(&source, &options) {
        Ok(e) => e,
        Err(e) => return fail(args.json, &e),
    };
    if !args.json {
        for w in &exported.warnings {
            eprintln!("{}", w.message);
        }
    }
    if let Err(e) = write_atomically(&out, &exported.package) {
        return fail(args.json, &Error::new(codes::IO, format!("Failed writing {}: {e}", out.display())));
    }
    let shown = out.to_string_lossy().into_owned();
    if args.json {
        let mut report = export_report(&exported, &name);
        if let Value::Object(m) = &mut report {
            m.insert("path", Value::String(shown));
        }
        println!("{}", json::to_pretty(&report));
    } else {
        println!("{shown}");
    }
    0
}
