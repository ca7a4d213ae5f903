//! Windows: every open uses `FILE_FLAG_OPEN_REPARSE_POINT`, so a symlink or junction
//! as the last component is opened itself, never followed, and refused by its
//! attributes; a path below a [`Dir`] is opened one component at a time that way.
//! Handles are opened without `FILE_SHARE_DELETE`: a held directory cannot be renamed
//! or removed, and NTFS refuses to rename a directory with open handles below it, so a
//! path below held handles still names what they saw. Opening a named pipe does not
//! block, so there is nothing to make non-blocking. Listings (`FindNextFileW`) carry no
//! file index: a listed file's kind is checked when it is opened, not its identity.
use std::fs::{File, OpenOptions};
use std::io;
use std::os::windows::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use super::model::{normal_parts, rel_parts, FileIdentity, Identity, Kind, ListFailure, Listed, Meta, OpenError, RelError};

const FILE_SHARE_READ: u32 = 0x1;
const FILE_SHARE_WRITE: u32 = 0x2;
const FILE_FLAG_BACKUP_SEMANTICS: u32 = 0x0200_0000;
const FILE_FLAG_OPEN_REPARSE_POINT: u32 = 0x0020_0000;
const FILE_ATTRIBUTE_DIRECTORY: u64 = 0x10;
const FILE_ATTRIBUTE_REPARSE_POINT: u64 = 0x400;

/// An open directory handle (a reused parent in [`Dir::open_rel_cached`]).
pub type DirHandle = Dir;

/// Opens `path` for reading (files and, with backup semantics, directories);
/// `follow: false` opens a final symlink or junction itself.
fn open_raw(path: &Path, follow: bool) -> io::Result<File> {
    let flags = if follow { FILE_FLAG_BACKUP_SEMANTICS } else { FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_REPARSE_POINT };
    OpenOptions::new().read(true).share_mode(FILE_SHARE_READ | FILE_SHARE_WRITE).custom_flags(flags).open(path)
}

fn handle_meta(file: &File) -> io::Result<Meta> {
    let info = winapi_util::file::information(file)?;
    let attributes = info.file_attributes();
    let kind = if attributes & FILE_ATTRIBUTE_REPARSE_POINT != 0 {
        Kind::Symlink
    } else if attributes & FILE_ATTRIBUTE_DIRECTORY != 0 {
        Kind::Dir
    } else if winapi_util::file::typ(file)?.is_disk() {
        Kind::File
    } else {
        Kind::Special
    };
    Ok(Meta { kind, size: info.file_size(), identity: Identity(Some((info.volume_serial_number(), info.file_index()))) })
}

/// [`open_raw`], and what the handle is.
fn open_described(path: &Path, follow: bool) -> Result<(File, Meta), OpenError> {
    let file = open_raw(path, follow).map_err(OpenError::Open)?;
    let meta = handle_meta(&file).map_err(OpenError::Open)?;
    Ok((file, meta))
}

/// Opens without following and describes the handle.
fn open_nofollow(path: &Path) -> Result<(File, Meta), OpenError> {
    open_described(path, false)
}

/// Opens a user-given path for reading (symlinks followed, as the reference tools do).
pub fn open_path(path: &Path) -> Result<(File, Meta), OpenError> {
    open_described(path, true)
}

/// Opens a path whose last component must not be a symlink (a canonical path: a
/// symlink there now was swapped in after `canonicalize`).
pub fn open_path_nofollow(path: &Path) -> Result<(File, Meta), OpenError> {
    let (file, meta) = open_nofollow(path)?;
    if meta.kind == Kind::Symlink {
        return Err(OpenError::Changed { listed: Kind::File, found: Kind::Symlink });
    }
    Ok((file, meta))
}

/// Reads block already.
pub(super) fn set_blocking(_file: &File) -> io::Result<()> {
    Ok(())
}

/// An open directory: listed through its path while its handle holds it in place.
pub struct Dir {
    _handle: File,
    pub path: PathBuf,
}

impl Dir {
    /// Opens a walk's root (a user-given path: a symlinked root is followed).
    pub fn open_root(path: &Path) -> io::Result<Dir> {
        let handle = open_raw(path, true)?;
        if handle_meta(&handle)?.kind != Kind::Dir {
            return Err(io::Error::other(format!("{}: not a directory", path.display())));
        }
        Ok(Dir { _handle: handle, path: path.to_path_buf() })
    }

    /// Every entry, typed as listed (symlinks and junctions as [`Kind::Symlink`]), in
    /// the order the file system gives; `each` may stop the listing (a walk's budget).
    /// No identities here either way: `files` changes nothing.
    pub fn list<E>(&self, _files: FileIdentity, mut each: impl FnMut() -> Result<(), E>) -> Result<Vec<Listed>, ListFailure<E>> {
        let mut out = Vec::new();
        for item in std::fs::read_dir(&self.path).map_err(ListFailure::Open)? {
            let item = item.map_err(ListFailure::Open)?;
            each().map_err(ListFailure::Stop)?;
            let raw = item.file_name();
            let path = self.path.join(&raw);
            let file_type = item.file_type().map_err(|e| ListFailure::Stat(path.clone(), e))?;
            let kind = if file_type.is_symlink() {
                Kind::Symlink
            } else if file_type.is_dir() {
                Kind::Dir
            } else {
                Kind::File
            };
            out.push(Listed { name: raw.to_string_lossy().into_owned(), raw, path, kind, identity: Identity(None) });
        }
        Ok(out)
    }

    /// Opens a path below this directory without following it, as what was listed.
    fn open_listed(&self, path: &Path, listed: Kind, identity: Identity) -> Result<(File, Meta), OpenError> {
        let (file, meta) = open_nofollow(path)?;
        meta.check_listed(listed, identity)?;
        Ok((file, meta))
    }

    /// Descends into a child listed as a directory.
    pub fn open_dir(&self, child: &Listed) -> Result<Dir, OpenError> {
        let (handle, _) = self.open_listed(&child.path, child.kind, child.identity)?;
        Ok(Dir { _handle: handle, path: child.path.clone() })
    }

    /// Opens a child listed as a regular file (for reading).
    pub fn open_file(&self, child: &Listed) -> Result<(File, Meta), OpenError> {
        self.open_listed(&child.path, child.kind, child.identity)
    }

    /// Opens `rel` (a relative path below this directory) one component at a time,
    /// never following a symlink, and checks the file is the one `expected` listed.
    pub fn open_below(&self, rel: &Path, expected: &Listed) -> Result<(File, Meta), OpenError> {
        let mut held: Vec<Dir> = Vec::new();
        let mut path = self.path.clone();
        let mut parts = normal_parts(rel);
        let last = parts.pop().unwrap_or_default();
        for part in parts {
            path.push(part);
            let (handle, _) = self.open_listed(&path, Kind::Dir, Identity(None))?;
            held.push(Dir { _handle: handle, path: path.clone() });
        }
        path.push(last);
        self.open_listed(&path, expected.kind, expected.identity)
    }

    /// [`Dir::open_rel`], reusing the last file's parent directory (kept open in
    /// `parent`) when the next file is in the same directory.
    pub fn open_rel_cached(&self, rel: &str, parent: &mut Option<(String, DirHandle)>) -> Result<Option<(File, Meta)>, RelError> {
        let parts = rel_parts(rel)?;
        let dir_rel = rel.rsplit_once('/').map_or("", |(dir, _)| dir);
        let mut held: Vec<Dir> = Vec::new();
        let mut first = 0;
        if let Some((_, dir)) = parent.take().filter(|(cached, _)| !dir_rel.is_empty() && cached == dir_rel) {
            held.push(dir);
            first = parts.len() - 1;
        }
        for (i, part) in parts.iter().enumerate().skip(first) {
            let path = held.last().map_or(&self.path, |d| &d.path).join(part);
            let (file, meta) = match open_nofollow(&path) {
                Ok(opened) => opened,
                Err(OpenError::Open(e)) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
                Err(OpenError::Open(e)) => return Err(RelError::Io(e)),
                Err(e) => return Err(RelError::Io(io::Error::other(e.to_string()))),
            };
            if meta.kind == Kind::Symlink {
                return Err(RelError::Symlink(parts[..=i].join("/")));
            }
            if i + 1 == parts.len() {
                if let Some(dir) = held.pop().filter(|_| !dir_rel.is_empty()) {
                    *parent = Some((dir_rel.to_string(), dir));
                }
                return Ok(Some((file, meta)));
            }
            if meta.kind != Kind::Dir {
                return Ok(None);
            }
            held.push(Dir { _handle: file, path });
        }
        Ok(None)
    }

    /// Opens the directory `name` (one component) below this one without following a
    /// symlink; `Ok(None)` when it does not exist.
    pub fn open_rel_dir(&self, name: &str) -> io::Result<Option<Dir>> {
        let path = self.path.join(name);
        match open_nofollow(&path) {
            Ok((_, meta)) if meta.kind == Kind::Symlink => Err(io::Error::other("refusing to follow a symlink")),
            Ok((handle, _)) => Ok(Some(Dir { _handle: handle, path })),
            Err(OpenError::Open(e)) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(io::Error::other(e.to_string())),
        }
    }
}
