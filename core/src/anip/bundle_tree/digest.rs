//! Combining per-file digests into a tree digest (ANIP-TREE-6..8).
use alloc::string::String;

use sha2::{Digest, Sha256};

/// One file as the tree digest sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TreeFile {
    /// Normalized path relative to the bundle root.
    pub path: String,
    /// `sha256:<hex>` of the (raw or substituted) content.
    pub sha256: String,
    pub bytes: u64,
}

/// `sha256:<hex>` of `files` (which must already be sorted by path bytes): for each
/// file `path NUL sha256 NUL "-" NUL`. The executable flag is always `-`
/// (ANIP-TREE-7: upstream reads it from file-type bits, which never carry
/// permissions). No files: SHA-256 of empty input (ANIP-DIG-8).
pub fn combine<'a>(files: impl IntoIterator<Item = &'a TreeFile>) -> String {
    let mut h = Sha256::new();
    for f in files {
        h.update(f.path.as_bytes());
        h.update([0u8]);
        h.update(f.sha256.as_bytes());
        h.update([0u8]);
        h.update(b"-");
        h.update([0u8]);
    }
    alloc::format!("sha256:{}", crate::digest::hex(&h.finalize()))
}

/// Sorts by path bytes. Stable, so equal paths (possible after remapping) keep walk
/// order; upstream's unstable sort leaves that order unspecified.
pub fn sort_files(files: &mut [TreeFile]) {
    crate::sort::sort_by(files, |a, b| a.path.as_bytes().cmp(b.path.as_bytes()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_set_is_sha256_of_nothing() {
        assert_eq!(combine([]), "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    #[test]
    fn record_layout() {
        let f = TreeFile { path: "a.py".into(), sha256: crate::digest::sha256_bytes(b"x"), bytes: 1 };
        let mut manual = alloc::vec::Vec::new();
        manual.extend_from_slice(b"a.py\0");
        manual.extend_from_slice(f.sha256.as_bytes());
        manual.extend_from_slice(b"\0-\0");
        assert_eq!(combine([&f]), crate::digest::sha256_bytes(&manual));
    }
}
