//! The runtime replay (spec RP2–RP5): `<bin> --check-config <config>` run from the
//! package root (the directory itself, or a fresh temporary extraction of a validated
//! archive), stdin closed, `ANOLIS_WORKBENCH_RUNTIME_TOKEN` and `CREDENTIALS_DIRECTORY`
//! removed from its environment, killed after the timeout (upstream has none). The
//! verdict on a failed run (which lines, which message) is the core's
//! `replay_failure`.
//!
//! The two former copies differed: the CLI re-checked whether the package path was a
//! directory when the replay started (a second `stat`, racing the validation); the
//! bindings' copy replays the root validation actually read, which is kept. Timeouts
//! print as whole seconds when they are (`30 s`), else with their fraction (`1.5 s`).
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use trustloop_core::anpkg::validate::{codes, replay_failure, Entry, Tree};
use trustloop_core::diag::Finding;

/// Variables the replayed runtime must not see (secrets of the workbench).
pub const WITHHELD_ENV: [&str; 2] = ["ANOLIS_WORKBENCH_RUNTIME_TOKEN", "CREDENTIALS_DIRECTORY"];
/// Replay config when the manifest names none.
pub const DEFAULT_CONFIG: &str = "runtime/anolis-runtime.yaml";
/// Replay timeout when none is given (upstream has none).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// What was validated, for the replay: the package directory on disk, or the archive
/// tree to extract.
pub enum ReplayRoot<'a> {
    Dir(&'a Path),
    Archive(Option<&'a Tree>),
}

/// `30`, `1.5`: whole seconds print without a fraction.
fn seconds(d: Duration) -> String {
    if d.subsec_nanos() == 0 {
        d.as_secs().to_string()
    } else {
        d.as_secs_f64().to_string()
    }
}

/// RP2–RP4 (+ RP5 and the timeout).
pub fn run_replay(bin: &Path, root: ReplayRoot<'_>, config: &str, timeout: Duration) -> Result<(), Finding> {
    if !bin.is_file() {
        return Err(Finding::error(codes::RUNTIME_BIN_NOT_FOUND, format!("runtime binary not found: {}", bin.display())));
    }
    let scratch;
    let root: PathBuf = match root {
        ReplayRoot::Dir(d) => d.to_path_buf(),
        ReplayRoot::Archive(tree) => {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeouts_print_like_the_cli() {
        assert_eq!(seconds(Duration::from_secs(30)), "30");
        assert_eq!(seconds(Duration::from_millis(1500)), "1.5");
    }

    #[test]
    fn materialise_refuses_escaping_names() {
        let mut tree = Tree::new("/p");
        tree.insert("../evil", Entry::File(b"x".to_vec()));
        let root = std::env::temp_dir().join(format!("trustloop-host-replay-{}", std::process::id()));
        let err = materialise(&tree, &root).expect_err("escape");
        assert_eq!(err.code, codes::ZIP_UNSAFE_PATH);
        assert!(!root.exists());
    }

    #[test]
    fn a_missing_runtime_binary_is_a_finding() {
        let err = run_replay(Path::new("/nonexistent-trustloop-runtime"), ReplayRoot::Archive(None), DEFAULT_CONFIG, DEFAULT_TIMEOUT)
            .expect_err("missing");
        assert_eq!(err.code, codes::RUNTIME_BIN_NOT_FOUND);
    }
}
