//! The runtime replay (spec RP2–RP5): `<bin> --check-config <config>` run from the
//! package root (the directory itself, or a fresh temporary extraction of a validated
//! archive) as a sandboxed child (issue 9, F9/F12); upstream's `subprocess.run`
//! passes its whole environment, waits without a timeout and for every process
//! holding the output pipes. Here:
//!
//! - the runtime runs in a process group of its own; at the timeout the whole group is
//!   killed, and after the runtime exits the group is killed too, so nothing it
//!   started outlives the check;
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
use std::io::Read;
use std::os::fd::AsFd;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStderr, ChildStdout, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use rustix::event::{poll, PollFd, PollFlags, Timespec};
use rustix::process::{kill_process_group, Pid, Signal};
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
/// Output kept per stream (stdout, stderr; the `replay_output_bytes` budget); the rest
/// is drained and dropped.
pub fn max_output_bytes() -> usize {
    trustloop_core::api::budgets::Budget::ReplayOutputBytes.get()
}
/// How long output is still drained once the runtime's group is gone.
pub const DRAIN_GRACE: Duration = Duration::from_millis(200);

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
        .process_group(0)
        .env_clear()
        .envs(replay_env(std::env::vars_os(), pass_env));
    let mut child = cmd.spawn().map_err(|e| {
        Finding::error(codes::REPLAY_EXEC, format!("Runtime replay check could not start {}: {e}", bin.display())).at_file(config)
    })?;
    let (stdout, stderr, status) = supervise(&mut child, timeout);
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
    let code = status.code().unwrap_or_else(|| {
        use std::os::unix::process::ExitStatusExt;
        -status.signal().unwrap_or(1)
    });
    Err(replay_failure(config, code, &stdout, &stderr))
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

/// Output kept up to a cap; the rest counted and dropped.
struct Capped {
    kept: Vec<u8>,
    open: bool,
}

impl Capped {
    fn push(&mut self, bytes: &[u8]) {
        let room = max_output_bytes().saturating_sub(self.kept.len());
        self.kept.extend_from_slice(&bytes[..bytes.len().min(room)]);
    }
}

/// Drains both pipes until the runtime's group is gone (killed at `timeout`) and
/// the pipes are closed or [`DRAIN_GRACE`] has passed. `None` status: timed out.
fn supervise(child: &mut Child, timeout: Duration) -> (Vec<u8>, Vec<u8>, Option<ExitStatus>) {
    let group = Pid::from_child(child);
    let kill_group = || {
        // ESRCH: the group is already empty.
        let _ = kill_process_group(group, Signal::KILL);
    };
    let mut out_pipe: Option<ChildStdout> = child.stdout.take();
    let mut err_pipe: Option<ChildStderr> = child.stderr.take();
    let mut out = Capped { kept: Vec::new(), open: out_pipe.is_some() };
    let mut err = Capped { kept: Vec::new(), open: err_pipe.is_some() };
    let start = Instant::now();
    let mut status: Option<ExitStatus> = None;
    let mut timed_out = false;
    let mut gone_at: Option<Instant> = None;
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        if gone_at.is_none() {
            match child.try_wait() {
                Ok(Some(s)) => {
                    status = Some(s);
                    kill_group();
                    gone_at = Some(Instant::now());
                }
                Ok(None) if start.elapsed() >= timeout => {
                    kill_group();
                    let _ = child.kill();
                    let _ = child.wait();
                    timed_out = true;
                    gone_at = Some(Instant::now());
                }
                Ok(None) => {}
                Err(_) => {
                    kill_group();
                    let _ = child.kill();
                    status = child.wait().ok();
                    gone_at = Some(Instant::now());
                }
            }
        }
        let drained = !out.open && !err.open;
        if (drained && gone_at.is_some()) || gone_at.is_some_and(|t| t.elapsed() >= DRAIN_GRACE) {
            break;
        }
        if drained {
            // Both pipes closed, runtime still running: just wait for it.
            std::thread::sleep(Duration::from_millis(10));
            continue;
        }
        let wait = if gone_at.is_some() { Duration::from_millis(20) } else { Duration::from_millis(50) };
        drain_ready(&mut out_pipe, &mut out, &mut err_pipe, &mut err, wait, &mut buf);
    }
    (out.kept, err.kept, if timed_out { None } else { status })
}

/// Waits up to `wait` for output on the open pipes and reads what is there.
fn drain_ready(
    out_pipe: &mut Option<ChildStdout>,
    out: &mut Capped,
    err_pipe: &mut Option<ChildStderr>,
    err: &mut Capped,
    wait: Duration,
    buf: &mut [u8],
) {
    let timeout = Timespec { tv_sec: 0, tv_nsec: i64::try_from(wait.as_nanos()).unwrap_or(50_000_000) };
    let (out_ready, err_ready) = {
        let mut fds: Vec<PollFd<'_>> = Vec::with_capacity(2);
        let out_at = out_pipe.as_ref().filter(|_| out.open).map(|p| {
            fds.push(PollFd::new(p, PollFlags::IN));
            fds.len() - 1
        });
        let err_at = err_pipe.as_ref().filter(|_| err.open).map(|p| {
            fds.push(PollFd::from_borrowed_fd(p.as_fd(), PollFlags::IN));
            fds.len() - 1
        });
        if poll(&mut fds, Some(&timeout)).is_err() {
            return;
        }
        let ready = |at: Option<usize>| at.is_some_and(|i| !fds[i].revents().is_empty());
        (ready(out_at), ready(err_at))
    };
    if out_ready {
        read_once(out_pipe.as_mut(), out, buf);
    }
    if err_ready {
        read_once(err_pipe.as_mut(), err, buf);
    }
}

/// One read from a ready pipe (it does not block); end of file or an error closes it.
fn read_once(pipe: Option<&mut impl Read>, into: &mut Capped, buf: &mut [u8]) {
    let Some(pipe) = pipe else { return };
    match pipe.read(buf) {
        Ok(0) => into.open = false,
        Ok(n) => into.push(&buf[..n]),
        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
        Err(_) => into.open = false,
    }
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
mod tests;
