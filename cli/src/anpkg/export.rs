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
    /// Reads at most the remaining budget (a file growing meanwhile cannot slip past).
    fn read_checked(&self, real: &Path) -> Result<Vec<u8>, Error> {
        use std::io::Read;
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
        self.total.set(self.total.get() + size);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh scratch directory under the system temp dir.
    fn scratch(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("trustloop-anpkg-export-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).expect("scratch dir");
        resolve(&d.to_string_lossy())
    }

    fn project(dir: &Path) -> DiskProject {
        DiskProject { project: dir.join("systems/p"), data_root: Some(dir.to_path_buf()), max_file: 1 << 20, max_total: 1 << 20, total: Cell::new(0) }
    }

    #[test]
    fn anpkg_zip_3_atomic_write_creates_parents_and_leaves_no_tmp() {
        let d = scratch("write");
        let out = d.join("a/b/x.anpkg");
        write_atomically(&out, b"zip").expect("write");
        assert_eq!(std::fs::read(&out).expect("read"), b"zip");
        assert!(!d.join("a/b/x.anpkg.tmp").exists());
        let _ = std::fs::remove_dir_all(&d);
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
        let mut src = project(&d);
        src.max_file = 63;
        assert_eq!(src.read("big.yaml").expect_err("too large").code(), codes::FILE_TOO_LARGE);
        let _ = std::fs::remove_dir_all(&d);
    }
}
