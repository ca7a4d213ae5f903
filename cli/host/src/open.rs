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
//! The platform halves (`unix`, `windows`) open, list and describe handles in the
//! terms of `model`; the reads and their caps are here, once.
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

mod model;
#[cfg(unix)]
mod unix;
#[cfg(unix)]
use unix as sys;
#[cfg(windows)]
mod windows;
#[cfg(windows)]
use windows as sys;

pub use model::{changed_text, FileIdentity, Kind, ListFailure, Listed, Meta, OpenError, RelError};
pub use sys::{open_path, open_path_nofollow, Dir, DirHandle};

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
    // The expected bytes are read straight into the buffer, not copied through a chunk;
    // the inner `take(first)` keeps read_to_end from growing it.
    reader.by_ref().take(first).read_to_end(&mut buf).map_err(OpenError::Read)?;
    // Past the expected size (a pipe, a file growing meanwhile): chunks.
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

#[cfg(all(test, unix))]
mod tests;

