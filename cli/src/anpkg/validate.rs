//! `trustloop anpkg validate PKG [--runtime-bin BIN] [--timeout SECS] [--json] [--all]`
//! (spec §12, §13.2): prints `Package validation passed: <path>` (stdout, exit 0) or
//! `Validation failed: <message>` (stderr, exit 1), like `anolis-validate`.
//!
//! The host part: resolving the path, walking a directory into the core's tree, and
//! the replay (`<bin> --check-config <config>` from the package root, with
//! `ANOLIS_WORKBENCH_RUNTIME_TOKEN` and `CREDENTIALS_DIRECTORY` removed from the
//! environment and a timeout upstream lacks). An archive is validated in memory; only
//! a replay materialises it, into a fresh temporary directory, after the archive
//! passed every hardening check.
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use clap::Parser;
use trustloop_core::anpkg::api_validate::{validate_archive, validate_directory, Outcome, ReplayStatus, ValidateOptions};
use trustloop_core::anpkg::archive::ArchiveLimits;
use trustloop_core::anpkg::validate::{codes, replay_failure, Entry, Followed, Tree};
use trustloop_core::diag::Finding;
use trustloop_core::json;

#[derive(Parser)]
pub struct Args {
    /// Package archive (.anpkg/.zip, or any zip) or extracted package directory.
    package_path: String,
    /// Runtime binary to replay `--check-config runtime/anolis-runtime.yaml` with.
    #[arg(long = "runtime-bin")]
    runtime_bin: Option<String>,
    /// Replay timeout in seconds (upstream has none).
    #[arg(long, default_value_t = 30)]
    timeout: u64,
    /// Print the result as JSON (the shape every host returns).
    #[arg(long)]
    json: bool,
    /// Report every finding instead of the first.
    #[arg(long)]
    all: bool,
    /// Most archive entries.
    #[arg(long, default_value_t = ArchiveLimits::default().max_entries)]
    max_entries: usize,
    /// Largest uncompressed entry, in bytes.
    #[arg(long, default_value_t = ArchiveLimits::default().max_entry_size)]
    max_entry_size: u64,
    /// Largest uncompressed total, in bytes (also caps what a directory walk reads).
    #[arg(long, default_value_t = ArchiveLimits::default().max_total_size)]
    max_total_size: u64,
    /// Largest compression ratio of an entry of at least --ratio-min-size bytes.
    #[arg(long, default_value_t = ArchiveLimits::default().max_ratio)]
    max_ratio: u64,
    #[arg(long, default_value_t = ArchiveLimits::default().ratio_min_size)]
    ratio_min_size: u64,
}

const WITHHELD_ENV: [&str; 2] = ["ANOLIS_WORKBENCH_RUNTIME_TOKEN", "CREDENTIALS_DIRECTORY"];

/// `Path(p).expanduser()` then absolute and resolved as far as it exists.
fn absolute(raw: &str) -> PathBuf {
    let expanded = match raw.strip_prefix('~') {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => match std::env::var_os("HOME") {
            Some(home) => PathBuf::from(home).join(rest.trim_start_matches('/')),
            None => PathBuf::from(raw),
        },
        _ => PathBuf::from(raw),
    };
    let abs = std::path::absolute(&expanded).unwrap_or(expanded);
    std::fs::canonicalize(&abs).unwrap_or(abs)
}

pub fn run(args: Args) -> u8 {
    let path = absolute(&args.package_path);
    let shown = path.to_string_lossy().into_owned();
    let options = ValidateOptions {
        path: shown.clone(),
        all: args.all,
        archive_limits: ArchiveLimits {
            max_entries: args.max_entries,
            max_entry_size: args.max_entry_size,
            max_total_size: args.max_total_size,
            max_ratio: args.max_ratio,
            ratio_min_size: args.ratio_min_size,
        },
        ..ValidateOptions::default()
    };
    let mut outcome = if path.is_dir() {
        match walk(&path, args.max_total_size) {
            Ok(tree) => {
                let mut o = validate_directory(&tree, &options);
                o.tree = Some(tree);
                o
            }
            Err(f) => failed(&shown, f),
        }
    } else if path.is_file() {
        match std::fs::read(&path) {
            Ok(bytes) => validate_archive(&bytes, &options),
            Err(e) => failed(&shown, Finding::error(codes::PATH_NOT_FOUND, format!("Package path not readable: {shown}: {e}"))),
        }
    } else {
        failed(&shown, Finding::error(codes::PATH_NOT_FOUND, format!("Package path not found: {shown}")))
    };

    let mut replay = ReplayStatus::NotRequested;
    if let Some(bin) = &args.runtime_bin {
        replay = ReplayStatus::Skipped;
        if outcome.passed() {
            let config = outcome.replay_config.clone().unwrap_or_else(|| "runtime/anolis-runtime.yaml".into());
            let result = run_replay(&absolute(bin), &path, outcome.tree.as_ref(), &config, Duration::from_secs(args.timeout));
            match result {
                Ok(()) => replay = ReplayStatus::Passed,
                Err(f) => {
                    replay = ReplayStatus::Failed;
                    outcome.findings.push(f);
                }
            }
        }
    }

    if args.json {
        println!("{}", json::to_pretty(&outcome.to_value(replay)));
    } else if outcome.passed() {
        println!("{}", outcome.message());
    } else {
        eprintln!("{}", outcome.message());
        if args.all {
            for f in &outcome.findings {
                eprintln!("- {}: {}", f.code, f.message);
            }
        }
    }
    if outcome.passed() { 0 } else { 1 }
}

fn failed(shown: &str, f: Finding) -> Outcome {
    Outcome { path: shown.to_string(), findings: vec![f], tree: None, replay_config: None }
}

/// Walks an extracted package like upstream's `rglob('*')`: regular files with their
/// bytes, symlinks with their target and what following them gives, symlinked
/// directories not descended.
fn walk(root: &Path, max_total: u64) -> Result<Tree, Finding> {
    let mut tree = Tree::new(root.to_string_lossy().into_owned());
    let mut budget = max_total;
    walk_dir(root, "", &mut tree, &mut budget)?;
    Ok(tree)
}

fn read_capped(path: &Path, budget: &mut u64) -> Result<Vec<u8>, Finding> {
    let too_large = || Finding::error(codes::ZIP_TOO_LARGE, format!("Package directory holds more than the limit of bytes (at {})", path.display()));
    let len = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if len > *budget {
        return Err(too_large());
    }
    let bytes = std::fs::read(path).map_err(|e| Finding::error(codes::PATH_NOT_FOUND, format!("Cannot read {}: {e}", path.display())))?;
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

/// RP2–RP4 (+ RP5 and the timeout, which upstream lacks).
fn run_replay(bin: &Path, package: &Path, tree: Option<&Tree>, config: &str, timeout: Duration) -> Result<(), Finding> {
    if !bin.is_file() {
        return Err(Finding::error(codes::RUNTIME_BIN_NOT_FOUND, format!("runtime binary not found: {}", bin.display())));
    }
    // The package root: the directory itself, or a fresh extraction of the archive.
    let scratch;
    let root: PathBuf = if package.is_dir() {
        package.to_path_buf()
    } else {
        let tree = tree.ok_or_else(|| Finding::error(codes::REPLAY_EXEC, "no package contents to replay"))?;
        scratch = TempDir::new().map_err(|e| Finding::error(codes::REPLAY_EXEC, format!("cannot create a temporary directory: {e}")))?;
        materialise(tree, &scratch.0)?;
        scratch.0.clone()
    };
    let mut cmd = Command::new(bin);
    cmd.arg("--check-config").arg(config).current_dir(&root).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    for var in WITHHELD_ENV {
        cmd.env_remove(var);
    }
    let mut child = cmd.spawn().map_err(|e| {
        Finding::error(codes::REPLAY_EXEC, format!("Runtime replay check could not start {}: {e}", bin.display())).at_file(config)
    })?;
    let mut out_pipe = child.stdout.take();
    let mut err_pipe = child.stderr.take();
    let out_thread = std::thread::spawn(move || {
        let mut b = Vec::new();
        if let Some(p) = out_pipe.as_mut() {
            let _ = p.read_to_end(&mut b);
        }
        b
    });
    let err_thread = std::thread::spawn(move || {
        let mut b = Vec::new();
        if let Some(p) = err_pipe.as_mut() {
            let _ = p.read_to_end(&mut b);
        }
        b
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break s,
            Ok(None) if start.elapsed() >= timeout => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(Finding::error(
                    codes::REPLAY_TIMEOUT,
                    format!("Runtime replay check timed out for {config} after {} s", timeout.as_secs()),
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
