//! Reading and writing single files: upstream's error texts, bounded reads, atomic
//! replacement.
//!
//! [`read`] is every command's whole-file read (bundles, definitions, lock files, trust
//! stores, signing keys, JSON files): at most [`max_input_bytes`] bytes, checked from `fstat` before reading and enforced on
//! the stream for pipes and devices, so neither a 3 GB file nor `/dev/zero` can exhaust
//! memory (issue 9, F8). Opening never blocks on a FIFO (`crate::open`).
//!
//! One writer serves both naming schemes the hosts need: hidden `.<name>.tmp-<pid>-<n>`
//! files for lock files, bundles and reports ([`write_private`], mode 0600 like
//! upstream's), and `<out>.tmp` for `.anpkg` exports ([`write_with_tmp_suffix`],
//! ANPKG-ZIP-3). The two former writers differed; the stricter of each is kept: the
//! temporary file is created with its final mode (no window in which a private file is
//! readable under the umask), written whole and synced once before the rename, the
//! directory synced after it, and the temporary file removed when anything fails; a per-process counter keeps two writers in one process (a binding's threads)
//! off each other's temporary file.
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use trustloop_core::api::budgets::Budget;

use super::open::read_path;

/// The largest file [`read`] reads, for this process: the core's `input_bytes` budget
/// (64 MiB, the JSON document limit; `--max-input-bytes N` or `--limit input_bytes=N`).
pub fn max_input_bytes() -> u64 {
    Budget::InputBytes.bytes()
}

/// Reads a file whole, at most [`max_input_bytes`], mapping errors to upstream's
/// `read <what>: <err>` texts (`open <path>: …`, `read <path>: is a directory`).
pub fn read(path: &Path, what: &str) -> Result<Vec<u8>, String> {
    let cap = max_input_bytes();
    read_path(path, cap).map_err(|e| {
        let text = e.go_text(path);
        match e {
            super::open::OpenError::TooLarge(_) => format!("read {what}: {text} (raise it with --max-input-bytes)"),
            _ => format!("read {what}: {text}"),
        }
    })
}

/// Writes `path` atomically with mode 0600 (lock files, bundles, reports): a hidden
/// temporary file in the same directory, then a rename. Parent directories are created.
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let tmp = dir.join(format!(".{name}.tmp-{}-{n}", std::process::id()));
    write_via(path, &tmp, bytes, true)
}

/// Writes `<out>.tmp` next to `out` (suffix appended), then renames it over `out`
/// (ANPKG-ZIP-3). Parent directories are created; the mode is the process default.
pub fn write_with_tmp_suffix(out: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut tmp = out.as_os_str().to_owned();
    tmp.push(".tmp");
    write_via(out, &PathBuf::from(tmp), bytes, false)
}

fn write_via(target: &Path, tmp: &Path, bytes: &[u8], private: bool) -> std::io::Result<()> {
    if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    let result = create(tmp, private)
        .and_then(|mut f| {
            f.write_all(bytes)?;
            f.sync_all()
        })
        .and_then(|()| std::fs::rename(tmp, target));
    if result.is_err() {
        let _ = std::fs::remove_file(tmp);
        return result;
    }
    sync_dir(target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")));
    Ok(())
}

/// Makes a rename in `dir` durable (one `fsync` of the directory per output file).
/// Best effort: the file is already in place and complete, and some file systems
/// refuse `fsync` on a directory; that must not turn a finished write into an error.
pub fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Creates (or truncates) `path`; private files get mode 0600 at creation and again on
/// the handle (a stale file of the same name keeps its mode otherwise).
fn create(path: &Path, private: bool) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        if private {
            options.mode(0o600);
            let file = options.open(path)?;
            file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
            return Ok(file);
        }
    }
    let _ = private;
    options.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        crate::scratch::scratch(&format!("files-{name}"))
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> =
            std::fs::read_dir(dir).expect("list").map(|e| e.expect("entry").file_name().to_string_lossy().into_owned()).collect();
        v.sort();
        v
    }

    #[test]
    fn anpkg_zip_3_suffix_write_creates_parents_and_leaves_no_tmp() {
        let d = scratch("suffix");
        let out = d.join("a/b/x.anpkg");
        write_with_tmp_suffix(&out, b"zip").expect("write");
        write_with_tmp_suffix(&out, b"zip2").expect("overwrite");
        assert_eq!(std::fs::read(&out).expect("read"), b"zip2");
        assert_eq!(names(&d.join("a/b")), ["x.anpkg"]);
        let _ = std::fs::remove_dir_all(&d);
    }

    #[cfg(unix)]
    #[test]
    fn private_writes_are_0600_and_replace_atomically() {
        use std::os::unix::fs::PermissionsExt;
        let d = scratch("private");
        let out = d.join("sub/lock.json");
        write_private(&out, b"one").expect("write");
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        write_private(&out, b"two").expect("overwrite");
        assert_eq!(std::fs::read(&out).expect("read"), b"two");
        assert_eq!(std::fs::metadata(&out).expect("stat").permissions().mode() & 0o777, 0o600);
        assert_eq!(names(&d.join("sub")), ["lock.json"]);
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn a_failed_write_leaves_no_temporary_file() {
        let d = scratch("fail");
        // The target is a non-empty directory: the rename fails after the temp was written.
        std::fs::create_dir_all(d.join("out/inner")).expect("mkdir");
        assert!(write_with_tmp_suffix(&d.join("out"), b"x").is_err());
        assert!(write_private(&d.join("out"), b"x").is_err());
        assert_eq!(names(&d), ["out"]);
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn read_errors_use_go_texts() {
        let missing = Path::new("/nonexistent-trustloop/x.json");
        assert_eq!(read(missing, "lock file").unwrap_err(), "read lock file: open /nonexistent-trustloop/x.json: no such file or directory");
    }
}
