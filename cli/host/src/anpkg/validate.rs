//! `anpkg validate` on the host (spec §12, §13.2): archive bytes or a user path (a
//! `.anpkg`/zip file, or an extracted package directory walked into the core's
//! [`Tree`]), then, when a runtime binary is given and static validation passed, the
//! replay. The CLI prints the [`Validated`] outcome; the bindings return its JSON.
//!
//! The directory walk follows upstream's `rglob('*')`: regular files with their bytes,
//! symlinks with their target and what following them gives (the core decides what a
//! symlink means), symlinked directories never descended. Where the two former copies
//! differed, the stricter behaviour is kept: a file is read through `take()` against
//! the remaining byte budget (a file growing between listing and reading cannot slip
//! past it), entries are listed in name order, an entry whose type cannot be read is
//! an error rather than skipped, and the walk is bounded by [`WalkLimits::DEFAULT`]
//! (reported as `ANPKG_ZIP_TOO_MANY_ENTRIES`, the archive's code for the same excess).
//! Files and directories are opened through their parent's handle without following
//! symlinks and checked against the listing (`ANPKG_PATH_CHANGED` when swapped);
//! a symlink's target is opened without blocking and read only when it is a regular
//! file. An archive file is read within `--max-total-size` bytes (checked from its
//! size first; a pipe or device is read through the cap).
use std::path::Path;
use std::time::Duration;

use trustloop_core::api::anpkg::{validate_archive, validate_directory, Outcome, ReplayStatus, ValidateOptions};
use trustloop_core::api::anpkg::package::{codes, Entry, Followed, Tree};
use trustloop_core::api::diag::{Error, Finding};
use trustloop_core::api::json::Value;

use super::replay::{run_replay, ReplayRoot, DEFAULT_CONFIG, DEFAULT_TIMEOUT};
use crate::open::{open_path, read_opened, read_path, Dir, FileIdentity, Kind, OpenError};
use crate::paths::absolute;
use crate::walk::{children, Budget, ListError, WalkLimits};

/// What to validate.
pub enum Package<'a> {
    /// Archive bytes (shown as the `path` option, default `package.anpkg`).
    Bytes(&'a [u8]),
    /// A `.anpkg`/zip file or an extracted package directory, as the user gave it.
    Path(&'a str),
}

/// The replay request: the runtime binary (as the user gave it), the timeout, and
/// the names of environment variables to pass besides the allowlist
/// (`replay::PASSED_ENV`).
pub struct Replay {
    pub bin: String,
    pub timeout: Duration,
    pub pass_env: Vec<String>,
}

impl Replay {
    /// The bindings' options `runtime_bin` (absent: no replay), `timeout_seconds`
    /// (default 30, at most a day) and `replay_env` (variable names).
    pub fn from_value(v: &Value) -> Result<Option<Replay>, Error> {
        let bad = |k: &str, what: &str| Error::new("INVALID_OPTION", format!("option {k:?} must be {what}"));
        let bin = match v.get("runtime_bin") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => return Err(bad("runtime_bin", "a string")),
        };
        let timeout = match v.get("timeout_seconds") {
            None | Some(Value::Null) => DEFAULT_TIMEOUT,
            Some(Value::Number(n)) if n.is_finite() && *n > 0.0 && *n <= 86_400.0 => Duration::from_secs_f64(*n),
            Some(_) => return Err(bad("timeout_seconds", "a positive number of seconds (at most 86400)")),
        };
        let pass_env = match v.get("replay_env") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(names)) => names
                .iter()
                .map(|n| n.as_str().map(str::to_string).ok_or_else(|| bad("replay_env", "a list of variable names")))
                .collect::<Result<_, _>>()?,
            Some(_) => return Err(bad("replay_env", "a list of variable names")),
        };
        Ok(bin.map(|bin| Replay { bin, timeout, pass_env }))
    }
}

/// The outcome of static validation and the replay's status.
pub struct Validated {
    pub outcome: Outcome,
    pub replay: ReplayStatus,
}

impl Validated {
    /// The result JSON every host returns (`trustloop anpkg validate --json`).
    pub fn to_value(&self) -> Value {
        self.outcome.to_value(self.replay)
    }
}

/// Validates `package`; replays when `replay` is given and static validation passed.
/// For a path, `options.path` becomes the absolute path shown in messages.
pub fn validate(package: Package<'_>, mut options: ValidateOptions, replay: Option<&Replay>) -> Validated {
    // The package root on disk when it is a directory.
    let (mut outcome, dir) = match package {
        Package::Bytes(bytes) => (validate_archive(bytes, &options), None),
        Package::Path(raw) => {
            let path = absolute(raw);
            options.path = path.to_string_lossy().into_owned();
            validate_path(&path, &options)
        }
    };
    let mut status = ReplayStatus::NotRequested;
    if let Some(replay) = replay {
        status = ReplayStatus::Skipped;
        if outcome.passed() {
            let config = outcome.replay_config.clone().unwrap_or_else(|| DEFAULT_CONFIG.into());
            let root = match &dir {
                Some(d) => ReplayRoot::Dir(d),
                None => ReplayRoot::Archive(outcome.tree.as_ref()),
            };
            match run_replay(&absolute(&replay.bin), root, &config, replay.timeout, &replay.pass_env) {
                Ok(()) => status = ReplayStatus::Passed,
                Err(f) => {
                    status = ReplayStatus::Failed;
                    outcome.findings.push(f);
                }
            }
        }
    }
    Validated { outcome, replay: status }
}

/// The bindings' entry: options JSON (the core's validate options plus
/// `runtime_bin`/`timeout_seconds`) in, result JSON out.
pub fn validate_value(package: Package<'_>, options: &Value) -> Result<Value, Error> {
    let opts = ValidateOptions::from_value(options)?;
    let replay = Replay::from_value(options)?;
    Ok(validate(package, opts, replay.as_ref()).to_value())
}

fn validate_path(path: &Path, opts: &ValidateOptions) -> (Outcome, Option<std::path::PathBuf>) {
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
        let cap = opts.archive_limits.max_total_size;
        let outcome = match read_path(path, cap) {
            Ok(bytes) => validate_archive(&bytes, opts),
            Err(OpenError::TooLarge(_)) => {
                failed(&shown, Finding::error(codes::ZIP_TOO_LARGE, format!("Package file is larger than {cap} bytes: {shown}")))
            }
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

/// Walks an extracted package into the core's tree, reading at most `max_total` bytes.
fn walk(root: &Path, max_total: u64) -> Result<Tree, Finding> {
    let dir = Dir::open_root(root)
        .map_err(|e| Finding::error(codes::PATH_NOT_FOUND, format!("Cannot list {}: {e}", root.display())))?;
    let mut walk = PackageWalk { root, entries: Vec::new(), bytes_left: max_total, budget: Budget::new(WalkLimits::DEFAULT) };
    walk.dir(&dir, "", 0)?;
    Ok(Tree::from_entries(root.to_string_lossy().into_owned(), walk.entries))
}

struct PackageWalk<'a> {
    root: &'a Path,
    entries: Vec<(String, Entry)>,
    bytes_left: u64,
    budget: Budget,
}

impl PackageWalk<'_> {
    fn too_many(&self, hit: impl std::fmt::Display) -> Finding {
        Finding::error(codes::ZIP_TOO_MANY_ENTRIES, format!("Package directory has {hit}: {}", self.root.display()))
    }

    fn dir(&mut self, dir: &Dir, rel: &str, depth: usize) -> Result<(), Finding> {
        let list = children(dir, FileIdentity::Read, &mut self.budget).map_err(|e| match e {
            ListError::Open(e) => Finding::error(codes::PATH_NOT_FOUND, format!("Cannot list {}: {e}", dir.path.display())),
            ListError::Stat(path, e) => Finding::error(codes::PATH_NOT_FOUND, format!("Cannot read {}: {e}", path.display())),
            ListError::Limit(hit) => self.too_many(hit),
        })?;
        for child in list {
            let child_rel = if rel.is_empty() { child.name.clone() } else { format!("{rel}/{}", child.name) };
            match child.kind {
                Kind::Symlink => {
                    let target = std::fs::read_link(&child.path).map(|t| t.to_string_lossy().into_owned()).unwrap_or_default();
                    let followed = self.follow(&child.path)?;
                    self.entries.push((child_rel, Entry::Symlink { target, followed }));
                }
                Kind::Dir => {
                    self.budget.enter(depth + 1).map_err(|hit| self.too_many(hit))?;
                    let sub = dir.open_dir(&child).map_err(|e| self.open_failed(&child.path, e))?;
                    self.dir(&sub, &child_rel, depth + 1)?;
                    self.entries.push((child_rel, Entry::Dir));
                }
                Kind::File => {
                    let cap = self.bytes_left;
                    let bytes = dir.read_file(&child, cap).map_err(|e| self.open_failed(&child.path, e))?;
                    self.take(bytes.len());
                    self.entries.push((child_rel, Entry::File(bytes)));
                }
                Kind::Special => self.entries.push((child_rel, Entry::Other)),
            }
        }
        Ok(())
    }

    /// What following a symlink gives (upstream's `rglob` follows file links): opened
    /// without blocking, read only when it is a regular file.
    fn follow(&mut self, path: &Path) -> Result<Followed, Finding> {
        let (file, st) = match open_path(path) {
            Ok(opened) => opened,
            // Not openable: what `stat` says decides, as upstream's `is_file()`/`is_dir()`.
            Err(e) => {
                return match std::fs::metadata(path) {
                    Err(_) => Ok(Followed::Missing),
                    Ok(m) if m.is_dir() => Ok(Followed::Dir),
                    Ok(m) if m.is_file() => Err(self.open_failed(path, e)),
                    Ok(_) => Ok(Followed::Other),
                }
            }
        };
        Ok(match st.kind {
            Kind::File => {
                let bytes = read_opened(file, &st, self.bytes_left).map_err(|e| self.open_failed(path, e))?;
                self.take(bytes.len());
                Followed::File(bytes)
            }
            Kind::Dir => Followed::Dir,
            Kind::Symlink | Kind::Special => Followed::Other,
        })
    }

    fn take(&mut self, n: usize) {
        self.bytes_left = self.bytes_left.saturating_sub(n as u64);
    }

    fn open_failed(&self, path: &Path, e: OpenError) -> Finding {
        match e {
            OpenError::TooLarge(_) => Finding::error(
                codes::ZIP_TOO_LARGE,
                format!("Package directory holds more than the limit of bytes (at {})", path.display()),
            ),
            OpenError::Changed { listed, found } => {
                Finding::error(codes::PATH_CHANGED, crate::open::changed_text(&path.display().to_string(), listed, found))
            }
            other => Finding::error(codes::PATH_NOT_FOUND, format!("Cannot read {}: {other}", path.display())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> std::path::PathBuf {
        crate::scratch::scratch(&format!("anpkg-validate-{name}"))
    }

    #[test]
    fn the_walk_reads_within_the_byte_budget() {
        let d = scratch("budget");
        std::fs::create_dir_all(d.join("a")).expect("mkdir");
        std::fs::write(d.join("a/x"), b"12345").expect("write");
        std::fs::write(d.join("b"), b"678").expect("write");
        let tree = walk(&d, 8).expect("fits");
        assert_eq!(tree.read("a/x"), Some(&b"12345"[..]));
        assert_eq!(tree.read("b"), Some(&b"678"[..]));
        assert_eq!(walk(&d, 7).expect_err("too large").code, codes::ZIP_TOO_LARGE);
        let _ = std::fs::remove_dir_all(&d);
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_are_recorded_with_what_they_lead_to() {
        let d = scratch("links");
        std::fs::create_dir_all(d.join("dir")).expect("mkdir");
        std::fs::write(d.join("dir/f"), b"inner").expect("write");
        std::os::unix::fs::symlink("dir", d.join("to_dir")).expect("symlink");
        std::os::unix::fs::symlink("dir/f", d.join("to_file")).expect("symlink");
        std::os::unix::fs::symlink("nowhere", d.join("dangling")).expect("symlink");
        let tree = walk(&d, 1 << 20).expect("walk");
        assert!(matches!(tree.get("to_dir"), Some(Entry::Symlink { followed: Followed::Dir, .. })));
        assert!(matches!(tree.get("to_file"), Some(Entry::Symlink { followed: Followed::File(b), .. }) if b == b"inner"));
        assert!(matches!(tree.get("dangling"), Some(Entry::Symlink { followed: Followed::Missing, .. })));
        // A symlinked directory is not descended.
        assert!(tree.get("to_dir/f").is_none());
        let _ = std::fs::remove_dir_all(&d);
    }

    /// F4: FIFOs (listed, or behind a symlink) and devices are recorded, never opened
    /// for reading: the walk cannot hang or read `/dev/zero`.
    #[cfg(unix)]
    #[test]
    fn special_files_and_links_to_them_are_not_read() {
        let d = scratch("special");
        let status = std::process::Command::new("mkfifo").arg(d.join("fifo")).status().expect("mkfifo");
        assert!(status.success());
        std::os::unix::fs::symlink("fifo", d.join("to_fifo")).expect("symlink");
        std::os::unix::fs::symlink("/dev/zero", d.join("to_zero")).expect("symlink");
        let tree = walk(&d, 1 << 20).expect("walk");
        assert!(matches!(tree.get("fifo"), Some(Entry::Other)));
        assert!(matches!(tree.get("to_fifo"), Some(Entry::Symlink { followed: Followed::Other, .. })));
        assert!(matches!(tree.get("to_zero"), Some(Entry::Symlink { followed: Followed::Other, .. })));
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn replay_options_from_json() {
        let v = trustloop_core::api::json::parse(br#"{"runtime_bin":"rt","timeout_seconds":1.5,"replay_env":["A"]}"#).expect("json");
        let r = Replay::from_value(&v).expect("ok").expect("replay");
        assert_eq!((r.bin.as_str(), r.timeout, r.pass_env.as_slice()), ("rt", Duration::from_millis(1500), &["A".to_string()][..]));
        let bad = trustloop_core::api::json::parse(br#"{"runtime_bin":"rt","replay_env":"A"}"#).expect("json");
        assert!(Replay::from_value(&bad).is_err());
        let bad = trustloop_core::api::json::parse(br#"{"timeout_seconds":0}"#).expect("json");
        assert!(Replay::from_value(&bad).is_err());
        assert!(Replay::from_value(&Value::Null).expect("none").is_none());
    }

    #[test]
    fn a_missing_path_is_reported() {
        let v = validate(Package::Path("/nonexistent-trustloop/pkg.anpkg"), ValidateOptions::default(), None);
        assert_eq!(v.outcome.findings[0].code, codes::PATH_NOT_FOUND);
        assert!(!v.outcome.passed());
    }
}
