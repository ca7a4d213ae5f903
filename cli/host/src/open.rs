//! Opening host files so that what is on the disk cannot hang, redirect or exhaust
//! the host (issue 9: F4, F8).
//!
//! - Every open is non-blocking (`O_NONBLOCK`): a FIFO cannot hang an open. Files that
//!   are not regular get blocking reads back after the `fstat`, so `/dev/stdin` and
//!   `<(cmd)` still work when the user names them.
//! - Every read is capped: the size from `fstat` is checked before reading, and the
//!   read goes through `take(cap + 1)` (a file growing meanwhile, a pipe or
//!   `/dev/zero` stop at the cap), with the buffer never grown past `cap + 1`.
//! - Walks ([`Dir`]) list a directory through its open handle and open each child
//!   relative to that handle with `O_NOFOLLOW`, then check the opened handle's type
//!   and identity (device, inode) against the listing. A file swapped for a symlink,
//!   a FIFO or another file between listing and opening is [`OpenError::Changed`],
//!   never followed or read.
//!
//! The platform halves (`unix`, `windows`) open, list and describe handles; what is
//! decided about them (caps, kinds, messages) is here, once.
use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

#[cfg(unix)]
mod unix;
#[cfg(unix)]
use unix as sys;
#[cfg(windows)]
mod windows;
#[cfg(windows)]
use windows as sys;

pub use sys::{open_path, open_path_nofollow, Dir, DirHandle};

/// What a directory entry is, as `lstat` (listing) or `fstat` (opened) sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    File,
    Dir,
    Symlink,
    /// FIFO, socket, device.
    Special,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::File => "a regular file",
            Kind::Dir => "a directory",
            Kind::Symlink => "a symlink",
            Kind::Special => "a special file",
        }
    }
}

/// Which file a listing saw (device and inode; volume and file index): an opened
/// handle must be that file. `None` where the platform's listing does not say
/// (Windows: the kind is still checked, and the directory handle held keeps the path
/// in place).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Identity(Option<(u64, u64)>);

impl Identity {
    fn differs(self, other: Identity) -> bool {
        matches!((self.0, other.0), (Some(a), Some(b)) if a != b)
    }
}

/// What `fstat` says of an opened handle.
#[derive(Clone, Copy, Debug)]
pub struct Meta {
    pub kind: Kind,
    /// Bytes, for regular files.
    pub size: u64,
    identity: Identity,
}

impl Meta {
    /// The opened file must be what was listed.
    fn check_listed(&self, listed: Kind, identity: Identity) -> Result<(), OpenError> {
        if self.kind != listed || identity.differs(self.identity) {
            return Err(OpenError::Changed { listed, found: self.kind });
        }
        Ok(())
    }
}

/// Why a file could not be opened or read.
#[derive(Debug)]
pub enum OpenError {
    /// `open` or `fstat` failed.
    Open(io::Error),
    /// A directory where a file was to be read (Go: `read <path>: is a directory`).
    IsDir,
    /// Reading failed.
    Read(io::Error),
    /// More bytes than the cap.
    TooLarge(u64),
    /// Not what the walk listed: another type, or another file (`found` is the same
    /// kind when only the identity differs).
    Changed { listed: Kind, found: Kind },
}

impl OpenError {
    /// Go's `*PathError` texts for `os.ReadFile(path)` (`open …`, `read …`), and
    /// trustloop's for the limit and a changed file.
    pub fn go_text(&self, path: &Path) -> String {
        let p = path.display();
        match self {
            OpenError::Open(e) => crate::go_errors::go_path_error(path, e),
            OpenError::IsDir => format!("read {p}: is a directory"),
            OpenError::Read(e) => crate::go_errors::go_path_error(path, e).replacen("open ", "read ", 1),
            OpenError::TooLarge(cap) => format!("read {p}: file is larger than the input limit of {cap} bytes"),
            OpenError::Changed { listed, found } => changed_text(&p.to_string(), *listed, *found),
        }
    }
}

/// `<path> changed during the walk: listed as a regular file, opened a symlink`.
pub fn changed_text(path: &str, listed: Kind, found: Kind) -> String {
    if listed == found {
        format!("{path} changed during the walk: listed and opened {} are different files", listed.name())
    } else {
        format!("{path} changed during the walk: listed as {}, opened {}", listed.name(), found.name())
    }
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpenError::Open(e) | OpenError::Read(e) => write!(f, "{e}"),
            OpenError::IsDir => f.write_str("is a directory"),
            OpenError::TooLarge(cap) => write!(f, "file is larger than the limit of {cap} bytes"),
            OpenError::Changed { listed, found } => write!(f, "changed during the walk: listed as {}, opened {}", listed.name(), found.name()),
        }
    }
}

/// Reads a user-given path whole, at most `cap` bytes (`os.ReadFile` with a limit).
pub fn read_path(path: &Path, cap: u64) -> Result<Vec<u8>, OpenError> {
    let (file, meta) = open_path(path)?;
    read_opened(file, &meta, cap)
}

/// Reads an opened handle whole, at most `cap` bytes. A directory is
/// [`OpenError::IsDir`]; a regular file's size is checked before reading; anything
/// else (pipe, device) is read with blocking reads through the cap.
pub fn read_opened(file: File, meta: &Meta, cap: u64) -> Result<Vec<u8>, OpenError> {
    let expected = match meta.kind {
        Kind::Dir => return Err(OpenError::IsDir),
        Kind::File if meta.size > cap => return Err(OpenError::TooLarge(cap)),
        Kind::File => meta.size,
        Kind::Symlink | Kind::Special => {
            sys::set_blocking(&file).map_err(OpenError::Read)?;
            0
        }
    };
    read_capped(file, expected, cap)
}

/// Reads to the end, never holding more than `cap + 1` bytes: the buffer starts at
/// the expected size and grows at most to the cap.
fn read_capped(file: File, expected: u64, cap: u64) -> Result<Vec<u8>, OpenError> {
    let limit = cap.saturating_add(1);
    let first = expected.saturating_add(1).min(limit).min(1 << 30);
    let mut buf: Vec<u8> = Vec::with_capacity(usize::try_from(first).unwrap_or(usize::MAX).max(8192));
    let mut reader = file.take(limit);
    let mut chunk = [0u8; 64 * 1024];
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(OpenError::Read(e)),
        };
        if buf.capacity() - buf.len() < n {
            // Double, but never past the cap (+1): a pipe cannot make us hold 2 × cap.
            let room = usize::try_from(limit).unwrap_or(usize::MAX).saturating_sub(buf.len());
            buf.reserve_exact(buf.len().max(n).min(room).max(n));
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    if buf.len() as u64 > cap {
        return Err(OpenError::TooLarge(cap));
    }
    Ok(buf)
}

/// One listed directory entry.
#[derive(Clone, Debug)]
pub struct Listed {
    /// The name (lossy UTF-8) and the raw name it was listed under.
    pub name: String,
    raw: std::ffi::OsString,
    /// The path, for messages and for what the core is told.
    pub path: PathBuf,
    pub kind: Kind,
    identity: Identity,
}

impl Listed {
    /// The name as listed (bytes, not the lossy `name`).
    pub fn raw_name(&self) -> &std::ffi::OsStr {
        &self.raw
    }
}

impl Dir {
    /// Reads a child listed as a regular file, at most `cap` bytes.
    pub fn read_file(&self, child: &Listed, cap: u64) -> Result<Vec<u8>, OpenError> {
        let (file, meta) = self.open_file(child)?;
        read_opened(file, &meta, cap)
    }

    /// Opens `rel` below this directory, refusing symlinks along the way, as a regular
    /// file; `Ok(None)` when a component does not exist. Not tied to a listing (a
    /// project file the core asks for by name).
    pub fn open_rel(&self, rel: &str) -> Result<Option<(File, Meta)>, RelError> {
        self.open_rel_cached(rel, &mut None)
    }
}

/// `rel` split into components, refused when one would leave the directory (`..`, an
/// empty or absolute path).
fn rel_parts(rel: &str) -> Result<Vec<&str>, RelError> {
    let parts: Vec<&str> = rel.split('/').collect();
    if parts.iter().any(|p| p.is_empty() || *p == "." || *p == "..") {
        return Err(RelError::Io(io::Error::new(io::ErrorKind::InvalidInput, format!("{rel}: not a relative path below the directory"))));
    }
    Ok(parts)
}

/// Why [`Dir::open_rel`] failed.
#[derive(Debug)]
pub enum RelError {
    /// This prefix of the path is a symlink.
    Symlink(String),
    Io(io::Error),
}

/// Why a listing failed.
#[derive(Debug)]
pub enum ListFailure<E> {
    Open(io::Error),
    Stat(PathBuf, io::Error),
    /// The callback stopped the listing.
    Stop(E),
}

#[cfg(all(test, unix))]
mod tests;
