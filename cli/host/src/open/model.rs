//! What the platform halves report about files and listings, and the errors of
//! opening and reading them.
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

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
pub(crate) struct Identity(pub(super) Option<(u64, u64)>);

impl Identity {
    pub(super) fn differs(self, other: Identity) -> bool {
        matches!((self.0, other.0), (Some(a), Some(b)) if a != b)
    }
}

/// What `fstat` says of an opened handle.
#[derive(Clone, Copy, Debug)]
pub struct Meta {
    pub kind: Kind,
    /// Bytes, for regular files.
    pub size: u64,
    pub(super) identity: Identity,
}

impl Meta {
    /// The opened file must be what was listed.
    pub(super) fn check_listed(&self, listed: Kind, identity: Identity) -> Result<(), OpenError> {
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

/// What a directory listing reads of each regular file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileIdentity {
    /// One `lstat` per entry: opening a listed file later checks it is still that file
    /// (a walk that digests or validates what it listed).
    Read,
    /// Regular files are typed by the directory listing alone, without their identity
    /// (a walk that only looks for names and opens by path later, checking again).
    Skip,
}

/// One listed directory entry.
#[derive(Clone, Debug)]
pub struct Listed {
    /// The name (lossy UTF-8) and the raw name it was listed under.
    pub name: String,
    pub(super) raw: std::ffi::OsString,
    /// The path, for messages and for what the core is told.
    pub path: PathBuf,
    pub kind: Kind,
    pub(super) identity: Identity,
}

impl Listed {
    /// The name as listed (bytes, not the lossy `name`).
    pub fn raw_name(&self) -> &std::ffi::OsStr {
        &self.raw
    }
}

/// A relative path's named components (`.`, `..` and roots dropped).
pub(super) fn normal_parts(rel: &Path) -> Vec<&std::ffi::OsStr> {
    rel.components()
        .filter_map(|c| match c {
            std::path::Component::Normal(s) => Some(s),
            _ => None,
        })
        .collect()
}

/// `rel` split into components, refused when one would leave the directory (`..`, an
/// empty or absolute path).
pub(super) fn rel_parts(rel: &str) -> Result<Vec<&str>, RelError> {
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

