//! `anpkg validate` on the host: the archive bytes or the path a caller gave, the
//! directory walk into the core's tree, and the optional replay of the runtime's
//! `--check-config`, with the result the CLI prints for `--json`.
//!
//! Replay rules (spec RP2–RP5, as `cli/src/anpkg/validate.rs`): `<bin> --check-config
//! <config>` run from the package root (the directory itself, or a fresh temporary
//! extraction of a validated archive), stdin closed, `ANOLIS_WORKBENCH_RUNTIME_TOKEN`
//! and `CREDENTIALS_DIRECTORY` removed from its environment, killed after the timeout
//! (upstream has none; default 30 s). Only run when static validation passed.
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use trustloop_core::anpkg::api_validate::{validate_archive, validate_directory, Outcome, ReplayStatus, ValidateOptions};
use trustloop_core::anpkg::validate::{codes, replay_failure, Entry, Followed, Tree};
use trustloop_core::diag::{Error, Finding};
use trustloop_core::json::Value;

use super::paths::absolute;

/// Variables the replayed runtime must not see (secrets of the workbench).
pub const WITHHELD_ENV: [&str; 2] = ["ANOLIS_WORKBENCH_RUNTIME_TOKEN", "CREDENTIALS_DIRECTORY"];
const DEFAULT_TIMEOUT_SECS: f64 = 30.0;
/// Replay config when the manifest names none.
const DEFAULT_CONFIG: &str = "runtime/anolis-runtime.yaml";

/// What to validate.
pub enum Package<'a> {
    /// Archive bytes (shown as the `path` option, default `package.anpkg`).
    Bytes(&'a [u8]),
    /// A `.anpkg`/zip file or an extracted package directory.
    Path(&'a str),
}

/// The host-side options next to the core's: `runtime_bin` and `timeout_seconds`.
struct Replay {
    bin: Option<String>,
    timeout: Duration,
}

impl Replay {
    fn from_value(v: &Value) -> Result<Replay, Error> {
        let bad = |k: &str, what: &str| Error::new("INVALID_OPTION", format!("option {k:?} must be {what}"));
        let bin = match v.get("runtime_bin") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => return Err(bad("runtime_bin", "a string")),
        };
        let secs = match v.get("timeout_seconds") {
            None | Some(Value::Null) => DEFAULT_TIMEOUT_SECS,
            Some(Value::Number(n)) if n.is_finite() && *n > 0.0 && *n <= 86_400.0 => *n,
            Some(_) => return Err(bad("timeout_seconds", "a positive number of seconds (at most 86400)")),
        };
        Ok(Replay { bin, timeout: Duration::from_secs_f64(secs) })
    }
}

/// Validates and, when `runtime_bin` is given and static validation passed, replays.
pub fn validate(package: Package<'_>, options: &Value) -> Result<Value, Error> {
    let mut opts = ValidateOptions::from_value(options)?;
    let replay = Replay::from_value(options)?;
    // The package root on disk when there is one (a directory), else `None`.
    let (mut outcome, dir) = match package {
        Package::Bytes(bytes) => (validate_archive(bytes, &opts), None),
        Package::Path(raw) => {
            let path = absolute(raw);
            opts.path = path.to_string_lossy().into_owned();
            validate_path(&path, &opts)
        }
    };
    let mut status = ReplayStatus::NotRequested;
    if let Some(bin) = &replay.bin {
        status = ReplayStatus::Skipped;
        if outcome.passed() {
            let config = outcome.replay_config.clone().unwrap_or_else(|| DEFAULT_CONFIG.into());
            match run_replay(&absolute(bin), dir.as_deref(), outcome.tree.as_ref(), &config, replay.timeout) {
                Ok(()) => status = ReplayStatus::Passed,
                Err(f) => {
                    status = ReplayStatus::Failed;
                    outcome.findings.push(f);
                }
            }
        }
    }
    Ok(outcome.to_value(status))
}

fn validate_path(path: &Path, opts: &ValidateOptions) -> (Outcome, Option<PathBuf>) {
    let shown = opts.path.clone();
    if path.is_dir() {
        let outcome = match walk(path, opts.archive_limits.max_total_size) {
            Ok(tree) => {
                let mut o = validate_directory(&tree, opts);
                o.tree = Some(tree);
                o
            }
            Err(f) => failed(&shown, f),
        };
        (outcome, Some(path.to_path_buf()))
    } else if path.is_file() {
        let outcome = match std::fs::read(path) {
            Ok(bytes) => validate_archive(&bytes, opts),
            Err(e) => failed(&shown, Finding::error(codes::PATH_NOT_FOUND, format!("Package path not readable: {shown}: {e}"))),
        };
        (outcome, None)
    } else {
        (failed(&shown, Finding::error(codes::PATH_NOT_FOUND, format!("Package path not found: {shown}"))), None)
    }
}

fn failed(shown: &str, f: Finding) -> Outcome {
    Outcome { path: shown.to_string(), findings: vec![f], tree: None, replay_config: None }
}

/// Walks an extracted package like upstream's `rglob('*')`: regular files with their
/// bytes, symlinks with their target and what following them gives, symlinked
/// directories not descended; at most `max_total` bytes read in all.
fn walk(root: &Path, max_total: u64) -> Result<Tree, Finding> {
    let mut tree = Tree::new(root.to_string_lossy().into_owned());
    let mut budget = max_total;
    walk_dir(root, "", &mut tree, &mut budget)?;
    Ok(tree)
}

fn read_capped(path: &Path, budget: &mut u64) -> Result<Vec<u8>, Finding> {
    let too_large =
        || Finding::error(codes::ZIP_TOO_LARGE, format!("Package directory holds more than the limit of bytes (at {})", path.display()));
    let cant = |e: std::io::Error| Finding::error(codes::PATH_NOT_FOUND, format!("Cannot read {}: {e}", path.display()));
    let mut bytes = Vec::new();
    // take(): a file growing between listing and reading cannot slip past the budget.
    std::fs::File::open(path).map_err(cant)?.take(budget.saturating_add(1)).read_to_end(&mut bytes).map_err(cant)?;
    *budget = budget.checked_sub(bytes.len() as u64).ok_or_else(too_large)?;
    Ok(bytes)
}

fn walk_dir(dir: &Path, rel: &str, tree: &mut Tree, budget: &mut u64) -> Result<(), Finding> {
    let read = std::fs::read_dir(dir).map_err(|e| Finding::error(codes::PATH_NOT_FOUND, format!("Cannot list {}: {e}", dir.display())))?;
    for item in read.flatten() {
        let name = item.file_name().to_string_lossy().into_owned();
        let child_rel = if rel.is_empty() { name } else { format!("{rel}/{name}") };
        let path = item.path();
        let Ok(meta) = std::fs::symlink_metadata(&path) else { continue };
        let ft = meta.file_type();
        if ft.is_symlink() {
            let target = std::fs::read_link(&path).map(|t| t.to_string_lossy().into_owned()).unwrap_or_default();
            let followed = match std::fs::metadata(&path) {
                Ok(m) if m.is_file() => Followed::File(read_capped(&path, budget)?),
                Ok(m) if m.is_dir() => Followed::Dir,
                Ok(_) => Followed::Other,
                Err(_) => Followed::Missing,
            };
            tree.insert(&child_rel, Entry::Symlink { target, followed });
        } else if ft.is_dir() {
            tree.insert(&child_rel, Entry::Dir);
            walk_dir(&path, &child_rel, tree, budget)?;
        } else if ft.is_file() {
            tree.insert(&child_rel, Entry::File(read_capped(&path, budget)?));
        } else {
            tree.insert(&child_rel, Entry::Other);
        }
    }
    Ok(())
}

/// `30 s`, `1.5 s`: whole seconds print as the CLI prints them.
fn seconds(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s.fract() == 0.0 {
        format!("{}", d.as_secs())
    } else {
        format!("{s}")
    }
}

/// RP2–RP4 (+ RP5 and the timeout). `dir` is the package directory, else the
/// validated archive `tree` is extracted into a temporary directory first.
fn run_replay(bin: &Path, dir: Option<&Path>, tree: Option<&Tree>, config: &str, timeout: Duration) -> Result<(), Finding> {
    if !bin.is_file() {
        return Err(Finding::error(codes::RUNTIME_BIN_NOT_FOUND, format!("runtime binary not found: {}", bin.display())));
    }
    let scratch;
    let root: PathBuf = match dir {
        Some(d) => d.to_path_buf(),
        None => {
            let tree = tree.ok_or_else(|| Finding::error(codes::REPLAY_EXEC, "no package contents to replay"))?;
            scratch = TempDir::new()
                .map_err(|e| Finding::error(codes::REPLAY_EXEC, format!("cannot create a temporary directory: {e}")))?;
            materialise(tree, &scratch.0)?;
            scratch.0.clone()
        }
    };
    let mut cmd = Command::new(bin);
    cmd.arg("--check-config").arg(config).current_dir(&root).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    for var in WITHHELD_ENV {
        cmd.env_remove(var);
    }
    let mut child = cmd.spawn().map_err(|e| {
        Finding::error(codes::REPLAY_EXEC, format!("Runtime replay check could not start {}: {e}", bin.display())).at_file(config)
    })?;
    // Drain both pipes on threads so a chatty runtime never blocks on a full pipe.
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut b = Vec::new();
            if let Some(mut p) = pipe {
                let _ = p.read_to_end(&mut b);
            }
            b
        })
    };
    let out_thread = drain(child.stdout.take().map(|p| Box::new(p) as Box<dyn Read + Send>));
    let err_thread = drain(child.stderr.take().map(|p| Box::new(p) as Box<dyn Read + Send>));
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break s,
            Ok(None) if start.elapsed() >= timeout => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(Finding::error(
                    codes::REPLAY_TIMEOUT,
                    format!("Runtime replay check timed out for {config} after {} s", seconds(timeout)),
                )
                .at_file(config));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(Finding::error(codes::REPLAY_EXEC, format!("Runtime replay check failed to wait: {e}"))),
        }
    };
    let stdout = out_thread.join().unwrap_or_default();
    let stderr = err_thread.join().unwrap_or_default();
    if status.success() {
        return Ok(());
    }
    let code = status.code().unwrap_or_else(|| {
        #[cfg(unix)]
        {
            use std::os::unix::process::ExitStatusExt;
            -status.signal().unwrap_or(1)
        }
        #[cfg(not(unix))]
        {
            1
        }
    });
    Err(replay_failure(config, code, &stdout, &stderr))
}

/// A temporary directory removed on drop (prefix as upstream's).
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> std::io::Result<TempDir> {
        let base = std::env::temp_dir();
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
        for attempt in 0..100u32 {
            let dir = base.join(format!("anolis-package-validate-{}-{nanos:x}-{attempt}", std::process::id()));
            match std::fs::create_dir(&dir) {
                Ok(()) => return Ok(TempDir(dir)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
        Err(std::io::Error::other("no free temporary directory name"))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Writes a validated archive tree below `root`. Names were checked by the core
/// (no `..`, no absolute paths, no symlinks); each path is still re-checked to stay
/// below the root before anything is written.
fn materialise(tree: &Tree, root: &Path) -> Result<(), Finding> {
    let err = |e: std::io::Error| Finding::error(codes::REPLAY_EXEC, format!("cannot materialise the package: {e}"));
    for (rel, entry) in tree.entries() {
        if rel.split('/').any(|c| c.is_empty() || c == "." || c == "..") || rel.starts_with('/') {
            return Err(Finding::error(codes::ZIP_UNSAFE_PATH, format!("Archive entry escapes the package root: {rel}")));
        }
        let target = root.join(rel);
        match entry {
            Entry::Dir => std::fs::create_dir_all(&target).map_err(err)?,
            Entry::File(bytes) => {
                if let Some(parent) = target.parent() {
                    std::fs::create_dir_all(parent).map_err(err)?;
                }
                std::fs::write(&target, bytes).map_err(err)?;
            }
            Entry::Symlink { .. } | Entry::Other => {}
        }
    }
    Ok(())
}
