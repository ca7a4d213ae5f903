//! Unix: `openat` relative to directory handles with `O_NOFOLLOW`, `fstat` on the
//! opened handle, non-blocking opens.
use std::fs::File;
use std::io;
use std::os::fd::{AsFd, OwnedFd};
use std::path::{Path, PathBuf};

use rustix::fs::{fcntl_getfl, fcntl_setfl, fstat, openat, statat, AtFlags, FileType, Mode, OFlags, Stat, CWD};

use super::model::{normal_parts, rel_parts, FileIdentity, Identity, Kind, ListFailure, Listed, Meta, OpenError, RelError};

/// An open directory handle (a reused parent in [`Dir::open_rel_cached`]).
pub type DirHandle = OwnedFd;

fn meta(st: &Stat) -> Meta {
    let kind = match FileType::from_raw_mode(st.st_mode) {
        FileType::RegularFile => Kind::File,
        FileType::Directory => Kind::Dir,
        FileType::Symlink => Kind::Symlink,
        _ => Kind::Special,
    };
    #[allow(clippy::useless_conversion, clippy::unnecessary_cast)]
    Meta { kind, size: st.st_size as u64, identity: Identity(Some((st.st_dev as u64, st.st_ino as u64))) }
}

fn fstat_meta(fd: impl AsFd) -> Result<Meta, OpenError> {
    fstat(fd).map(|st| meta(&st)).map_err(|e| OpenError::Open(e.into()))
}

/// An `openat(…, O_NOFOLLOW)` failure of `name` in `at`, listed as `listed`: a symlink
/// (ELOOP) or a non-directory (ENOTDIR) where the listing saw something else is a
/// change, named by what `lstat` finds there now.
fn open_failure(at: impl AsFd, name: impl rustix::path::Arg, e: rustix::io::Errno, listed: Kind) -> OpenError {
    if e == rustix::io::Errno::LOOP || e == rustix::io::Errno::NOTDIR {
        let found = statat(at, name, AtFlags::SYMLINK_NOFOLLOW).map(|st| meta(&st).kind).unwrap_or(Kind::Special);
        if found != listed {
            return OpenError::Changed { listed, found };
        }
    }
    OpenError::Open(e.into())
}

const READ_FLAGS: OFlags = OFlags::RDONLY.union(OFlags::NONBLOCK).union(OFlags::CLOEXEC).union(OFlags::NOCTTY);
const DIR_FLAGS: OFlags = OFlags::RDONLY.union(OFlags::DIRECTORY).union(OFlags::CLOEXEC);

/// Opens a user-given path for reading (symlinks followed, as the reference tools do)
/// without blocking, and returns the handle with its `fstat`.
pub fn open_path(path: &Path) -> Result<(File, Meta), OpenError> {
    let fd = openat(CWD, path, READ_FLAGS, Mode::empty()).map_err(|e| OpenError::Open(e.into()))?;
    let meta = fstat_meta(&fd)?;
    Ok((File::from(fd), meta))
}

/// Opens a path whose last component must not be a symlink (a canonical path: a
/// symlink there now was swapped in after `canonicalize`), without blocking.
pub fn open_path_nofollow(path: &Path) -> Result<(File, Meta), OpenError> {
    let fd = openat(CWD, path, READ_FLAGS | OFlags::NOFOLLOW, Mode::empty()).map_err(|e| match e {
        rustix::io::Errno::LOOP => OpenError::Changed { listed: Kind::File, found: Kind::Symlink },
        e => OpenError::Open(e.into()),
    })?;
    let meta = fstat_meta(&fd)?;
    Ok((File::from(fd), meta))
}

/// Blocking reads again (a pipe or device the user named).
pub(super) fn set_blocking(file: &File) -> io::Result<()> {
    let flags = fcntl_getfl(file)?;
    fcntl_setfl(file, flags - OFlags::NONBLOCK)?;
    Ok(())
}

/// An open directory: listed and descended through its handle, never by path.
pub struct Dir {
    fd: OwnedFd,
    pub path: PathBuf,
}

impl Dir {
    /// Opens a walk's root (a user-given path: a symlinked root is followed).
    pub fn open_root(path: &Path) -> io::Result<Dir> {
        let fd = openat(CWD, path, DIR_FLAGS, Mode::empty())?;
        Ok(Dir { fd, path: path.to_path_buf() })
    }

    /// Every entry but `.` and `..`, typed by `lstat` relative to this handle (with
    /// [`FileIdentity::Skip`], a regular file by the listing's own type instead), in the
    /// order the file system gives; `each` may stop the listing (a walk's budget).
    pub fn list<E>(&self, files: FileIdentity, mut each: impl FnMut() -> Result<(), E>) -> Result<Vec<Listed>, ListFailure<E>> {
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
            let (kind, identity) = if files == FileIdentity::Skip && item.file_type() == FileType::RegularFile {
                (Kind::File, Identity(None))
            } else {
                let st = statat(&self.fd, item.file_name(), AtFlags::SYMLINK_NOFOLLOW).map_err(|e| ListFailure::Stat(path.clone(), e.into()))?;
                let meta = meta(&st);
                (meta.kind, meta.identity)
            };
            out.push(Listed { name: String::from_utf8_lossy(bytes).into_owned(), raw, path, kind, identity });
        }
        Ok(out)
    }

    /// Opens a listed child, refusing symlinks, and checks the handle is what was listed.
    fn open_child(&self, child: &Listed, flags: OFlags) -> Result<(OwnedFd, Meta), OpenError> {
        let name = child.raw.as_os_str();
        let fd = openat(&self.fd, name, flags | OFlags::NOFOLLOW, Mode::empty()).map_err(|e| open_failure(&self.fd, name, e, child.kind))?;
        let meta = fstat_meta(&fd)?;
        meta.check_listed(child.kind, child.identity)?;
        Ok((fd, meta))
    }

    /// Descends into a child listed as a directory.
    pub fn open_dir(&self, child: &Listed) -> Result<Dir, OpenError> {
        let (fd, _) = self.open_child(child, DIR_FLAGS | OFlags::NONBLOCK)?;
        Ok(Dir { fd, path: child.path.clone() })
    }

    /// Opens a child listed as a regular file (for reading).
    pub fn open_file(&self, child: &Listed) -> Result<(File, Meta), OpenError> {
        let (fd, meta) = self.open_child(child, READ_FLAGS)?;
        Ok((File::from(fd), meta))
    }

    /// Opens `rel` (a relative path below this directory) one component at a time,
    /// never following a symlink, and checks the file is the one `expected` listed
    /// (a lazy opener's look at a walked file, after the walk).
    pub fn open_below(&self, rel: &Path, expected: &Listed) -> Result<(File, Meta), OpenError> {
        let mut parts = normal_parts(rel);
        let last = parts.pop().unwrap_or_default();
        let mut held: Option<OwnedFd> = None;
        for part in parts {
            let at = held.as_ref().unwrap_or(&self.fd);
            let fd = openat(at, part, DIR_FLAGS | OFlags::NOFOLLOW, Mode::empty()).map_err(|e| open_failure(at, part, e, Kind::Dir))?;
            held = Some(fd);
        }
        let at = held.as_ref().unwrap_or(&self.fd);
        let fd = openat(at, last, READ_FLAGS | OFlags::NOFOLLOW, Mode::empty()).map_err(|e| open_failure(at, last, e, expected.kind))?;
        let meta = fstat_meta(&fd)?;
        meta.check_listed(expected.kind, expected.identity)?;
        Ok((File::from(fd), meta))
    }

    /// [`Dir::open_rel`] for callers that read many files of one directory in a row
    /// (the packer: one asset's tiles, twice): the last file's parent directory handle
    /// is kept in `parent` and reused when the next file is in the same directory, so
    /// a file costs one open instead of one per path component. The reused handle is
    /// the directory opened (without following symlinks) for the earlier file.
    pub fn open_rel_cached(&self, rel: &str, parent: &mut Option<(String, DirHandle)>) -> Result<Option<(File, Meta)>, RelError> {
        let parts = rel_parts(rel)?;
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
            let flags = if last { READ_FLAGS } else { DIR_FLAGS };
            let at = held.as_ref().unwrap_or(&self.fd);
            let prefix = || parts[..=i].join("/");
            let fd = match openat(at, *part, flags | OFlags::NOFOLLOW, Mode::empty()) {
                Ok(fd) => fd,
                Err(rustix::io::Errno::NOENT) => return Ok(None),
                Err(rustix::io::Errno::LOOP) => return Err(RelError::Symlink(prefix())),
                // O_DIRECTORY|O_NOFOLLOW on a symlink gives ENOTDIR on some systems.
                Err(rustix::io::Errno::NOTDIR) => {
                    let is_link = statat(at, *part, AtFlags::SYMLINK_NOFOLLOW).is_ok_and(|st| meta(&st).kind == Kind::Symlink);
                    return if is_link { Err(RelError::Symlink(prefix())) } else { Ok(None) };
                }
                Err(e) => return Err(RelError::Io(e.into())),
            };
            if last {
                let meta = fstat(&fd).map(|st| meta(&st)).map_err(|e| RelError::Io(e.into()))?;
                if let Some(dir) = held {
                    *parent = Some((dir_rel.to_string(), dir));
                }
                return Ok(Some((File::from(fd), meta)));
            }
            held = Some(fd);
        }
        Ok(None)
    }

    /// Opens the directory `name` (one component) below this one without following a
    /// symlink; `Ok(None)` when it does not exist.
    pub fn open_rel_dir(&self, name: &str) -> io::Result<Option<Dir>> {
        match openat(&self.fd, name, DIR_FLAGS | OFlags::NOFOLLOW, Mode::empty()) {
            Ok(fd) => Ok(Some(Dir { fd, path: self.path.join(name) })),
            Err(rustix::io::Errno::NOENT) => Ok(None),
            Err(rustix::io::Errno::LOOP) => Err(io::Error::other("refusing to follow a symlink")),
            Err(e) => Err(e.into()),
        }
    }
}
