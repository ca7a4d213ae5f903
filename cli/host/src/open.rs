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
use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::os::fd::{AsFd, OwnedFd};
use std::path::{Path, PathBuf};

use rustix::fs::{fcntl_getfl, fcntl_setfl, fstat, openat, statat, AtFlags, FileType, Mode, OFlags, Stat, CWD};

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
    fn of(st: &Stat) -> Kind {
        match FileType::from_raw_mode(st.st_mode) {
            FileType::RegularFile => Kind::File,
            FileType::Directory => Kind::Dir,
            FileType::Symlink => Kind::Symlink,
            _ => Kind::Special,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::File => "a regular file",
            Kind::Dir => "a directory",
            Kind::Symlink => "a symlink",
            Kind::Special => "a special file",
        }
    }
}

/// Device and inode: which file a listing saw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Identity {
    dev: u64,
    ino: u64,
}

impl Identity {
    fn of(st: &Stat) -> Identity {
        #[allow(clippy::useless_conversion, clippy::unnecessary_cast)]
        Identity { dev: st.st_dev as u64, ino: st.st_ino as u64 }
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
    /// An `openat(…, O_NOFOLLOW)` failure of `name` in `at`, listed as `listed`: a
    /// symlink (ELOOP) or a non-directory (ENOTDIR) where the listing saw something
    /// else is a change, named by what `lstat` finds there now.
    fn from_open(at: impl AsFd, name: impl rustix::path::Arg, e: rustix::io::Errno, listed: Kind) -> OpenError {
        if e == rustix::io::Errno::LOOP || e == rustix::io::Errno::NOTDIR {
            let found = statat(at, name, AtFlags::SYMLINK_NOFOLLOW).map(|st| Kind::of(&st)).unwrap_or(Kind::Special);
            if found != listed {
                return OpenError::Changed { listed, found };
            }
        }
        OpenError::Open(e.into())
    }

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

const READ_FLAGS: OFlags = OFlags::RDONLY.union(OFlags::NONBLOCK).union(OFlags::CLOEXEC).union(OFlags::NOCTTY);

/// Opens a user-given path for reading (symlinks followed, as the reference tools do)
/// without blocking, and returns the handle with its `fstat`.
pub fn open_path(path: &Path) -> Result<(File, Stat), OpenError> {
    let fd = openat(CWD, path, READ_FLAGS, Mode::empty()).map_err(|e| OpenError::Open(e.into()))?;
    let st = fstat(&fd).map_err(|e| OpenError::Open(e.into()))?;
    Ok((File::from(fd), st))
}

/// Opens a path whose last component must not be a symlink (a canonical path: a
/// symlink there now was swapped in after `canonicalize`), without blocking.
pub fn open_path_nofollow(path: &Path) -> Result<(File, Stat), OpenError> {
    let fd = openat(CWD, path, READ_FLAGS | OFlags::NOFOLLOW, Mode::empty()).map_err(|e| match e {
        rustix::io::Errno::LOOP => OpenError::Changed { listed: Kind::File, found: Kind::Symlink },
        e => OpenError::Open(e.into()),
    })?;
    let st = fstat(&fd).map_err(|e| OpenError::Open(e.into()))?;
    Ok((File::from(fd), st))
}

/// Reads a user-given path whole, at most `cap` bytes (`os.ReadFile` with a limit).
pub fn read_path(path: &Path, cap: u64) -> Result<Vec<u8>, OpenError> {
    let (file, st) = open_path(path)?;
    read_opened(file, &st, cap)
}

/// Reads an opened handle whole, at most `cap` bytes. A directory is
/// [`OpenError::IsDir`]; a regular file's size is checked before reading; anything
/// else (pipe, device) is read with blocking reads through the cap.
pub fn read_opened(file: File, st: &Stat, cap: u64) -> Result<Vec<u8>, OpenError> {
    let kind = Kind::of(st);
    let expected = match kind {
        Kind::Dir => return Err(OpenError::IsDir),
        Kind::File => {
            #[allow(clippy::unnecessary_cast)]
            let size = st.st_size as u64;
            if size > cap {
                return Err(OpenError::TooLarge(cap));
            }
            size
        }
        Kind::Symlink | Kind::Special => {
            let flags = fcntl_getfl(&file).map_err(|e| OpenError::Read(e.into()))?;
            fcntl_setfl(&file, flags - OFlags::NONBLOCK).map_err(|e| OpenError::Read(e.into()))?;
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

/// An open directory: listed and descended through its handle, never by path.
pub struct Dir {
    fd: OwnedFd,
    pub path: PathBuf,
}

impl Dir {
    /// Opens a walk's root (a user-given path: a symlinked root is followed).
    pub fn open_root(path: &Path) -> io::Result<Dir> {
        let fd = openat(CWD, path, OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC, Mode::empty())?;
        Ok(Dir { fd, path: path.to_path_buf() })
    }

    /// Every entry but `.` and `..`, typed by `lstat` relative to this handle, in the
    /// order the file system gives; `each` may stop the listing (a walk's budget).
    pub fn list<E>(&self, mut each: impl FnMut() -> Result<(), E>) -> Result<Vec<Listed>, ListFailure<E>> {
        let mut out = Vec::new();
        for item in rustix::fs::Dir::read_from(&self.fd).map_err(|e| ListFailure::Open(e.into()))? {
            let item = item.map_err(|e| ListFailure::Open(e.into()))?;
            let bytes = item.file_name().to_bytes();
            if bytes == b"." || bytes == b".." {
                continue;
            }
            each().map_err(ListFailure::Stop)?;
            let raw: std::ffi::OsString = <std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(bytes).to_os_string();
            let path = self.path.join(&raw);
            let st = statat(&self.fd, item.file_name(), AtFlags::SYMLINK_NOFOLLOW).map_err(|e| ListFailure::Stat(path.clone(), e.into()))?;
            out.push(Listed {
                name: String::from_utf8_lossy(bytes).into_owned(),
                raw,
                path,
                kind: Kind::of(&st),
                identity: Identity::of(&st),
            });
        }
        Ok(out)
    }

    /// Opens a listed child, refusing symlinks, and checks the handle is what was listed.
    fn open_child(&self, child: &Listed, flags: OFlags) -> Result<(OwnedFd, Stat), OpenError> {
        let name = child.raw.as_os_str();
        let fd = openat(&self.fd, name, flags | OFlags::NOFOLLOW, Mode::empty())
            .map_err(|e| OpenError::from_open(&self.fd, name, e, child.kind))?;
        let st = fstat(&fd).map_err(|e| OpenError::Open(e.into()))?;
        let found = Kind::of(&st);
        if found != child.kind || Identity::of(&st) != child.identity {
            return Err(OpenError::Changed { listed: child.kind, found });
        }
        Ok((fd, st))
    }

    /// Descends into a child listed as a directory.
    pub fn open_dir(&self, child: &Listed) -> Result<Dir, OpenError> {
        let (fd, _) = self.open_child(child, OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NONBLOCK | OFlags::CLOEXEC)?;
        Ok(Dir { fd, path: child.path.clone() })
    }

    /// Opens a child listed as a regular file (for reading).
    pub fn open_file(&self, child: &Listed) -> Result<(File, Stat), OpenError> {
        let (fd, st) = self.open_child(child, READ_FLAGS)?;
        Ok((File::from(fd), st))
    }

    /// Reads a child listed as a regular file, at most `cap` bytes.
    pub fn read_file(&self, child: &Listed, cap: u64) -> Result<Vec<u8>, OpenError> {
        let (file, st) = self.open_file(child)?;
        read_opened(file, &st, cap)
    }

    /// Opens `rel` (a relative path below this directory) one component at a time,
    /// never following a symlink, and checks the file is the one `expected` listed
    /// (a lazy opener's look at a walked file, after the walk).
    pub fn open_below(&self, rel: &Path, expected: &Listed) -> Result<(File, Stat), OpenError> {
        let mut parts: Vec<&std::ffi::OsStr> = rel
            .components()
            .filter_map(|c| match c {
                std::path::Component::Normal(s) => Some(s),
                _ => None,
            })
            .collect();
        let last = parts.pop().unwrap_or_default();
        let mut held: Option<OwnedFd> = None;
        for part in parts {
            let at = held.as_ref().unwrap_or(&self.fd);
            let fd = openat(at, part, OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC, Mode::empty())
                .map_err(|e| OpenError::from_open(at, part, e, Kind::Dir))?;
            held = Some(fd);
        }
        let at = held.as_ref().unwrap_or(&self.fd);
        let fd = openat(at, last, READ_FLAGS | OFlags::NOFOLLOW, Mode::empty())
            .map_err(|e| OpenError::from_open(at, last, e, expected.kind))?;
        let st = fstat(&fd).map_err(|e| OpenError::Open(e.into()))?;
        let found = Kind::of(&st);
        if found != expected.kind || Identity::of(&st) != expected.identity {
            return Err(OpenError::Changed { listed: expected.kind, found });
        }
        Ok((File::from(fd), st))
    }

    /// Opens `rel` below this directory, refusing symlinks along the way, as a regular
    /// file; `Ok(None)` when a component does not exist. Not tied to a listing (a
    /// project file the core asks for by name).
    pub fn open_rel(&self, rel: &str) -> Result<Option<(File, Stat)>, RelError> {
        self.open_rel_cached(rel, &mut None)
    }

    /// [`Dir::open_rel`] for callers that read many files of one directory in a row
    /// (the packer: one asset's tiles, twice): the last file's parent directory handle
    /// is kept in `parent` and reused when the next file is in the same directory, so
    /// a file costs one open instead of one per path component. The reused handle is
    /// the directory opened (without following symlinks) for the earlier file.
    pub fn open_rel_cached(&self, rel: &str, parent: &mut Option<(String, OwnedFd)>) -> Result<Option<(File, Stat)>, RelError> {
        let parts: Vec<&str> = rel.split('/').collect();
        // One component at a time below this directory: `..` (or an empty or absolute
        // path) would leave it.
        if parts.iter().any(|p| p.is_empty() || *p == "." || *p == "..") {
            return Err(RelError::Io(io::Error::new(io::ErrorKind::InvalidInput, format!("{rel}: not a relative path below the directory"))));
        }
        let dir_parts = parts.len() - 1;
        let dir_rel = rel.rsplit_once('/').map_or("", |(dir, _)| dir);
        let mut held: Option<OwnedFd> = None;
        let mut first = 0;
        if let Some((_, fd)) = parent.take().filter(|(cached, _)| dir_parts > 0 && cached == dir_rel) {
            held = Some(fd);
            first = dir_parts;
        }
        for (i, part) in parts.iter().enumerate().skip(first) {
            let last = i + 1 == parts.len();
            let flags = if last { READ_FLAGS } else { OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC };
            let at = held.as_ref().unwrap_or(&self.fd);
            let prefix = || parts[..=i].join("/");
            let fd = match openat(at, *part, flags | OFlags::NOFOLLOW, Mode::empty()) {
                Ok(fd) => fd,
                Err(rustix::io::Errno::NOENT) => return Ok(None),
                Err(rustix::io::Errno::LOOP) => return Err(RelError::Symlink(prefix())),
                // O_DIRECTORY|O_NOFOLLOW on a symlink gives ENOTDIR on some systems.
                Err(rustix::io::Errno::NOTDIR) => {
                    let is_link = statat(at, *part, AtFlags::SYMLINK_NOFOLLOW).is_ok_and(|st| Kind::of(&st) == Kind::Symlink);
                    return if is_link { Err(RelError::Symlink(prefix())) } else { Ok(None) };
                }
                Err(e) => return Err(RelError::Io(e.into())),
            };
            if last {
                let st = fstat(&fd).map_err(|e| RelError::Io(e.into()))?;
                if let Some(dir) = held {
                    *parent = Some((dir_rel.to_string(), dir));
                }
                return Ok(Some((File::from(fd), st)));
            }
            held = Some(fd);
        }
        Ok(None)
    }
}

impl Dir {
    /// Opens the directory `name` (one component) below this one without following a
    /// symlink; `Ok(None)` when it does not exist.
    pub fn open_rel_dir(&self, name: &str) -> io::Result<Option<Dir>> {
        match openat(&self.fd, name, OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC, Mode::empty()) {
            Ok(fd) => Ok(Some(Dir { fd, path: self.path.join(name) })),
            Err(rustix::io::Errno::NOENT) => Ok(None),
            Err(rustix::io::Errno::LOOP) => Err(io::Error::other("refusing to follow a symlink")),
            Err(e) => Err(e.into()),
        }
    }
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

/// The kind of an opened handle (for callers holding a [`Stat`]).
pub fn kind_of(st: &Stat) -> Kind {
    Kind::of(st)
}

#[cfg(test)]
mod tests;
