//! The runtime replay (spec RP2–RP5): `<bin> --check-config <config>` run from the
//! package root (the directory itself, or a fresh temporary extraction of a validated
//! archive) as a sandboxed child (issue 9, F9/F12); upstream's `subprocess.run`
//! passes its whole environment, waits without a timeout and for every process
//! holding the output pipes. Here:
//!
//! - the runtime runs in a process group of its own; at the timeout the whole group is
//!   killed, and after the runtime exits the group is killed too, so nothing it
//!   started outlives the check (Unix; on Windows the runtime itself is killed);
//! - stdout and stderr are drained together (`poll`) into [`max_output_bytes`] each
//!   (the rest is read and dropped, so a chatty runtime never blocks); once the
//!   runtime is gone, draining stops at end of file or after [`DRAIN_GRACE`], so a
//!   descendant that left the group and holds a pipe cannot keep validation waiting;
//! - the environment is built from an allowlist ([`PASSED_ENV`], `LC_*`, and the
//!   names the caller adds), never the host's whole environment: the runtime parses
//!   untrusted config and must not see cloud or CI tokens;
//! - the config argument cannot be read as an option: one starting with `-` is passed
//!   as `./<config>`;
//! - stdin is closed.
//!
//! The verdict on a failed run (which lines, which message) is the core's
//! `replay_failure`. Timeouts print as whole seconds when they are (`30 s`), else with
//! their fraction (`1.5 s`).
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use trustloop_core::api::anpkg::package::{codes, replay_failure, Entry, Tree};
use trustloop_core::api::diag::Finding;

/// Variables the replayed runtime must not see (secrets of the workbench), even when
/// the caller names them.
pub const WITHHELD_ENV: [&str; 2] = ["ANOLIS_WORKBENCH_RUNTIME_TOKEN", "CREDENTIALS_DIRECTORY"];
/// Variables passed to the runtime (besides every `LC_*` and the caller's additions).
pub const PASSED_ENV: [&str; 10] = ["PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LANGUAGE", "TZ", "TMPDIR", "TERM"];
/// Replay config when the manifest names none.
pub const DEFAULT_CONFIG: &str = "runtime/anolis-runtime.yaml";
/// Replay timeout when none is given (upstream has none).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
pub use drain::{max_output_bytes, DRAIN_GRACE};

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

/// RP2–RP4 (+ RP5 and the timeout). `pass_env`: more variable names to pass (never
/// [`WITHHELD_ENV`]).
pub fn run_replay(bin: &Path, root: ReplayRoot<'_>, config: &str, timeout: Duration, pass_env: &[String]) -> Result<(), Finding> {
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
    cmd.arg("--check-config")
        .arg(config_argument(config))
        .current_dir(&root)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env_clear()
        .envs(replay_env(std::env::vars_os(), pass_env));
    sys::own_group(&mut cmd);
    let mut child = cmd.spawn().map_err(|e| {
        Finding::error(codes::REPLAY_EXEC, format!("Runtime replay check could not start {}: {e}", bin.display())).at_file(config)
    })?;
    let (stdout, stderr, status) = sys::supervise(&mut child, timeout);
    let Some(status) = status else {
        return Err(Finding::error(
            codes::REPLAY_TIMEOUT,
            format!("Runtime replay check timed out for {config} after {} s", seconds(timeout)),
        )
        .at_file(config));
    };
    if status.success() {
        return Ok(());
    }
    Err(replay_failure(config, sys::exit_code(status), &stdout, &stderr))
}

/// `./-x` for a config that would read as an option; anything else as is.
fn config_argument(config: &str) -> String {
    if config.starts_with('-') {
        format!("./{config}")
    } else {
        config.to_string()
    }
}

/// The runtime's environment: the allowlist, `LC_*` and `extra`, from `host`; never
/// [`WITHHELD_ENV`].
fn replay_env(
    host: impl Iterator<Item = (std::ffi::OsString, std::ffi::OsString)>,
    extra: &[String],
) -> Vec<(std::ffi::OsString, std::ffi::OsString)> {
    host.filter(|(k, _)| {
        let Some(k) = k.to_str() else { return false };
        !WITHHELD_ENV.contains(&k) && (PASSED_ENV.contains(&k) || k.starts_with("LC_") || extra.iter().any(|e| e == k))
    })
    .collect()
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

mod drain;
#[cfg(unix)]
mod unix;
#[cfg(unix)]
use unix as sys;
#[cfg(windows)]
mod windows;
#[cfg(windows)]
use windows as sys;

#[cfg(all(test, unix))]
mod tests;
