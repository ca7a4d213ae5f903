//! Bundle entries: what a host hands the core instead of a directory.
//!
//! The CLI walks a directory (never following symlinks), the browser turns `File`
//! objects into entries, Python and Node pass `(path, bytes)` pairs. The core then
//! walks the list the way Go's `filepath.WalkDir` walks a directory: entries sorted
//! segment by segment (each directory's names in byte order, a directory's subtree
//! before its next sibling), ignored directories skipped with their subtree.
use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;
use crate::budgets::Budget;

use super::select;
use crate::emulate::go::path as gopath;
use crate::diag::Error;

/// What a file's bytes come from.
pub enum FileData<'a> {
    /// Bytes already in memory.
    Bytes(Cow<'a, [u8]>),
    /// Opened on demand (once per pass that needs the file), so a directory walk
    /// does not hold every file in memory. The error text is shown as is, so hosts
    /// format it like Go (`open <path>: permission denied`).
    #[cfg(feature = "std")]
    Open(alloc::boxed::Box<dyn Fn() -> std::io::Result<alloc::boxed::Box<dyn std::io::Read + 'a>> + 'a>),
}

/// What a host's opener wraps in its `io::Error` (`io::Error::other`) when the file
/// it finds is not the file its walk listed (swapped for a symlink, a FIFO or another
/// file in between): reported as `TREE_CHANGED_DURING_WALK` instead of `TREE_READ`.
#[cfg(feature = "std")]
#[derive(Debug)]
pub struct ChangedDuringWalk(pub String);

#[cfg(feature = "std")]
impl core::fmt::Display for ChangedDuringWalk {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(feature = "std")]
impl std::error::Error for ChangedDuringWalk {}

/// One non-directory entry of a bundle tree.
pub enum EntryKind<'a> {
    File(FileData<'a>),
    /// A symbolic link (to anything). Never followed.
    Symlink,
    /// A FIFO, socket or device: never read.
    Special,
}

/// A path relative to the bundle root (`/`-separated) and what is there.
pub struct Entry<'a> {
    pub path: String,
    pub kind: EntryKind<'a>,
}

impl core::fmt::Debug for Entry<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let kind = match &self.kind {
            EntryKind::File(FileData::Bytes(b)) => alloc::format!("file ({} bytes)", b.len()),
            #[cfg(feature = "std")]
            EntryKind::File(FileData::Open(_)) => "file (opened on demand)".into(),
            EntryKind::Symlink => "symlink".into(),
            EntryKind::Special => "special".into(),
        };
        write!(f, "Entry({:?}, {kind})", self.path)
    }
}

impl<'a> Entry<'a> {
    pub fn file(path: impl Into<String>, bytes: impl Into<Cow<'a, [u8]>>) -> Self {
        Entry { path: path.into(), kind: EntryKind::File(FileData::Bytes(bytes.into())) }
    }
    pub fn symlink(path: impl Into<String>) -> Self {
        Entry { path: path.into(), kind: EntryKind::Symlink }
    }
    pub fn special(path: impl Into<String>) -> Self {
        Entry { path: path.into(), kind: EntryKind::Special }
    }
}

/// Resource limits for bundle trees (trustloop additions; upstream has none).
#[derive(Clone, Copy, Debug)]
pub struct TreeLimits {
    /// Most entries in one tree.
    pub max_entries: usize,
    /// Largest single file that is read.
    pub max_file_bytes: u64,
}

impl Default for TreeLimits {
    fn default() -> Self {
        TreeLimits { max_entries: Budget::TreeEntries.get(), max_file_bytes: Budget::TreeFileBytes.bytes() }
    }
}

/// An entry in walk order, with its cleaned relative path.
pub struct Walked<'e, 'a> {
    pub rel: String,
    pub entry: &'e Entry<'a>,
}

impl Walked<'_, '_> {
    /// True when a directory above the entry is one of the ignored names.
    pub fn under_ignored_dir(&self) -> bool {
        let mut segments: Vec<&str> = self.rel.split('/').collect();
        segments.pop();
        segments.into_iter().any(select::is_ignored_dir)
    }
}

/// Sorts entries into Go's lexical walk order and rejects lists no real directory
/// could produce (duplicate paths, a path that is both a file and a directory).
pub fn walk_order<'e, 'a>(entries: &'e [Entry<'a>], limits: &TreeLimits) -> Result<Vec<Walked<'e, 'a>>, Error> {
    if entries.len() > limits.max_entries {
        return Err(Error::new(
            "TREE_TOO_MANY_ENTRIES",
            alloc::format!("custom code bundle has {} entries; the limit is {}", entries.len(), limits.max_entries),
        ));
    }
    let mut walked: Vec<Walked<'e, 'a>> =
        entries.iter().map(|entry| Walked { rel: gopath::clean(&entry.path), entry }).collect();
    crate::sort::sort_by(&mut walked, |a, b| a.rel.split('/').cmp(b.rel.split('/')));
    let paths = crate::sort::set(walked.iter().map(|w| w.rel.as_str()));
    if paths.len() != walked.len() {
        let dup = walked.windows(2).find(|w| w[0].rel == w[1].rel).map(|w| w[0].rel.clone()).unwrap_or_default();
        return Err(Error::new("TREE_DUPLICATE_ENTRY", alloc::format!("custom code bundle entries repeat the path {dup}")));
    }
    for w in &walked {
        let mut prefix = w.rel.as_str();
        while let Some(i) = prefix.rfind('/') {
            prefix = &prefix[..i];
            if paths.contains(prefix) {
                return Err(Error::new(
                    "TREE_DUPLICATE_ENTRY",
                    alloc::format!("custom code bundle entry {prefix} is both a file and a directory"),
                ));
            }
        }
    }
    Ok(walked)
}

/// Streams a file through `sink` in chunks, enforcing the size limit. Returns the
/// byte count. Errors carry the host's text (or the limit message) under
/// `TREE_READ`, or `TREE_CHANGED_DURING_WALK` (see [`ChangedDuringWalk`]).
pub fn stream_file(data: &FileData<'_>, limits: &TreeLimits, sink: &mut dyn FnMut(&[u8])) -> Result<u64, Error> {
    let read_error = |m: String| Error::new("TREE_READ", m);
    match data {
        FileData::Bytes(b) => {
            if b.len() as u64 > limits.max_file_bytes {
                return Err(read_error(too_large(limits)));
            }
            sink(b);
            Ok(b.len() as u64)
        }
        #[cfg(feature = "std")]
        FileData::Open(open) => {
            let mut reader = open().map_err(|e| match e.get_ref().and_then(|inner| inner.downcast_ref::<ChangedDuringWalk>()) {
                Some(changed) => Error::new("TREE_CHANGED_DURING_WALK", changed.0.clone()),
                None => read_error(alloc::string::ToString::to_string(&e)),
            })?;
            let mut buf = alloc::vec![0u8; 64 * 1024];
            let mut total: u64 = 0;
            loop {
                let n = match reader.read(&mut buf) {
                    Ok(0) => return Ok(total),
                    Ok(n) => n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(read_error(alloc::string::ToString::to_string(&e))),
                };
                total = total.saturating_add(n as u64);
                if total > limits.max_file_bytes {
                    return Err(read_error(too_large(limits)));
                }
                sink(&buf[..n]);
            }
        }
    }
}

/// Reads a whole file (for template substitution and the capability scan).
pub fn read_file(data: &FileData<'_>, limits: &TreeLimits) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    stream_file(data, limits, &mut |chunk| out.extend_from_slice(chunk))?;
    Ok(out)
}

fn too_large(limits: &TreeLimits) -> String {
    alloc::format!("file is larger than the {}-byte limit", limits.max_file_bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walk_order_is_segment_wise() {
        let entries = [Entry::file("a-b.py", &b""[..]), Entry::file("a/x.py", &b""[..]), Entry::file("a.b.py", &b""[..])];
        let order: Vec<_> = walk_order(&entries, &TreeLimits::default()).unwrap().into_iter().map(|w| w.rel).collect();
        // WalkDir visits directory `a` (and its subtree) before `a-b.py` and `a.b.py`.
        assert_eq!(order, ["a/x.py", "a-b.py", "a.b.py"]);
    }

    #[test]
    fn impossible_lists_rejected() {
        let dup = [Entry::file("a.py", &b""[..]), Entry::file("./a.py", &b""[..])];
        assert_eq!(walk_order(&dup, &TreeLimits::default()).err().unwrap().code(), "TREE_DUPLICATE_ENTRY");
        let both = [Entry::file("a", &b""[..]), Entry::file("a/b.py", &b""[..])];
        assert_eq!(walk_order(&both, &TreeLimits::default()).err().unwrap().code(), "TREE_DUPLICATE_ENTRY");
        let limits = TreeLimits { max_entries: 1, ..TreeLimits::default() };
        assert_eq!(walk_order(&both, &limits).err().unwrap().code(), "TREE_TOO_MANY_ENTRIES");
    }

    #[test]
    fn ignored_dir_components() {
        let entries = [Entry::file("src/Node_Modules/x.py", &b""[..]), Entry::file("build.py", &b""[..])];
        let w = walk_order(&entries, &TreeLimits::default()).unwrap();
        assert!(!w[0].under_ignored_dir());
        assert!(w[1].under_ignored_dir());
    }

    #[test]
    fn file_size_limit() {
        let limits = TreeLimits { max_file_bytes: 3, ..TreeLimits::default() };
        assert!(read_file(&FileData::Bytes(Cow::Borrowed(b"abc")), &limits).is_ok());
        assert!(read_file(&FileData::Bytes(Cow::Borrowed(b"abcd")), &limits).is_err());
    }
}
