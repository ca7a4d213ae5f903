//! The raw tree digest (`ComputeCustomCodeBundleTreeDigest`, ANIP-TREE-1..8): the
//! bundle exactly as stored, used by `package attach-implementation`.
use alloc::string::String;
use alloc::vec::Vec;

use sha2::{Digest, Sha256};

use super::digest::{combine, sort_files, TreeFile};
use super::entry::{stream_file, walk_order, Entry, EntryKind, TreeLimits};
use super::path::validate_generated_file_path;
use super::select;
use crate::emulate::go::path as gopath;
use crate::diag::Error;

/// A computed tree digest and the files it covers (sorted by path).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TreeDigest {
    pub digest: String,
    pub files: Vec<TreeFile>,
}

const WRAP: &str = "compute custom code bundle digest: ";

fn wrapped(e: Error) -> Error {
    Error::new(e.code(), alloc::format!("{WRAP}{}", e.message()))
}

/// The raw digest of a bundle. `root` is the cleaned bundle path as the user gave
/// it; it only appears in messages (`<root>/<relative path>`).
pub fn raw_tree_digest(entries: &[Entry<'_>], root: &str, limits: &TreeLimits) -> Result<TreeDigest, Error> {
    let mut files = Vec::new();
    for w in walk_order(entries, limits)? {
        // The root itself is never subject to the ignored-directory rule here
        // (ANIP-TREE-9); directories below it are.
        if w.under_ignored_dir() || !select::is_implementation_file(&w.rel) {
            continue;
        }
        let walk_path = gopath::join(root, &w.rel);
        let data = match &w.entry.kind {
            EntryKind::Symlink => {
                return Err(Error::new("TREE_SYMLINK", alloc::format!("{WRAP}custom code bundle must not contain symlinks: {walk_path}")))
            }
            EntryKind::Special => {
                return Err(Error::new("TREE_SPECIAL_FILE", alloc::format!("{WRAP}custom code bundle must not contain special files: {walk_path}")))
            }
            EntryKind::File(data) => data,
        };
        let path = validate_generated_file_path(&w.rel)
            .map_err(|e| Error::new(e.code(), alloc::format!("invalid custom code bundle path: {}", e.message())))
            .map_err(wrapped)?;
        let mut h = Sha256::new();
        let bytes = stream_file(data, limits, &mut |chunk| h.update(chunk))
            .map_err(|e| Error::new(e.code(), alloc::format!("{WRAP}{}", e.message())))?;
        files.push(TreeFile { path, sha256: alloc::format!("sha256:{}", crate::digest::hex(&h.finalize())), bytes });
    }
    sort_files(&mut files);
    Ok(TreeDigest { digest: combine(&files), files })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(entries: &[Entry<'_>]) -> Result<TreeDigest, Error> {
        raw_tree_digest(entries, "bundle", &TreeLimits::default())
    }

    #[test]
    fn selection_ignored_dirs_and_sorting() {
        let entries = [
            Entry::file("notes.txt", &b"skip"[..]),
            Entry::file("src/b.py", &b"b"[..]),
            Entry::file("README.md", &b"r"[..]),
            Entry::file("node_modules/x.js", &b"skip"[..]),
            Entry::file("src/__pycache__/b.py", &b"skip"[..]),
            Entry::symlink("link.txt"),
        ];
        let d = run(&entries).unwrap();
        let paths: Vec<_> = d.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["README.md", "src/b.py"]);
        assert_eq!(d.files[1].sha256, crate::digest::sha256_bytes(b"b"));
    }

    #[test]
    fn anip_tree_4_selected_symlink_rejected_with_walk_path() {
        let e = run(&[Entry::symlink("src/evil.py")]).unwrap_err();
        assert_eq!(e.code(), "TREE_SYMLINK");
        assert_eq!(e.message(), "compute custom code bundle digest: custom code bundle must not contain symlinks: bundle/src/evil.py");
    }

    #[test]
    fn anip_tree_5_wrapped_messages() {
        let e = run(&[Entry::file("{{ANIP_X}}/a.py", &b""[..])]).unwrap_err();
        assert_eq!(
            e.message(),
            "compute custom code bundle digest: invalid custom code bundle path: generated file path contains unsafe segment: {{ANIP_X}}/a.py"
        );
        let e = run(&[Entry::file("../escape.py", &b""[..])]).unwrap_err();
        assert_eq!(e.code(), "TREE_PATH_ESCAPES");
    }

    #[test]
    fn empty_tree() {
        assert_eq!(run(&[]).unwrap().digest, "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
