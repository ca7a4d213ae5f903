//! Directory walks that never follow symlinks, within limits.
//!
//! [`children`] lists one directory for every walk in `host`: names sorted by their
//! bytes (so walks, and the first error or limit they meet, are deterministic), each
//! with its own type as `lstat` sees it, so a symlink is reported as a symlink and
//! never descended into. [`Budget`] bounds a walk in entries and depth; it counts while
//! listing, so even one huge directory cannot grow memory past the limit.
//!
//! [`walk_bundle`] turns a custom-code-bundle directory into core entries
//! (ANIP-TREE-1, -2, -4). The root may itself be a symlink: it is stat'ed following
//! links (it must lead to a directory), but, as Go's `filepath.WalkDir` starts from
//! `os.Lstat(root)`, a symlinked root is not descended into: upstream digests it as an
//! empty tree. Below the root nothing is followed either: symlinks become
//! `Entry::symlink`, FIFOs, sockets and devices `Entry::special`, and regular files
//! lazy openers, so only the files a rule selects are ever read. Upstream's walk has no
//! limits; this one stops at [`WalkLimits::DEFAULT`] with an error rather than
//! recursing without bound.
use std::fmt;
use std::fs::FileType;
use std::path::{Path, PathBuf};

use trustloop_core::bundle_tree::gopath;
use trustloop_core::bundle_tree::{Entry, EntryKind, FileData};

use super::files::{go_path_error, go_stat_error};

/// How far a walk may go.
#[derive(Clone, Copy, Debug)]
pub struct WalkLimits {
    /// Entries listed in all (files, directories, symlinks, anything).
    pub max_entries: usize,
    /// Directories entered below the root (the root's subdirectories are depth 1).
    pub max_depth: usize,
}

impl WalkLimits {
    pub const DEFAULT: WalkLimits = WalkLimits { max_entries: 1_000_000, max_depth: 128 };
}

/// A limit a walk ran into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LimitHit {
    Entries(usize),
    Depth(usize),
}

impl fmt::Display for LimitHit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LimitHit::Entries(n) => write!(f, "more than {n} entries"),
            LimitHit::Depth(n) => write!(f, "directories nested more than {n} levels deep"),
        }
    }
}

/// What one walk has used of its limits.
#[derive(Debug)]
pub struct Budget {
    limits: WalkLimits,
    seen: usize,
}

impl Budget {
    pub fn new(limits: WalkLimits) -> Budget {
        Budget { limits, seen: 0 }
    }

    /// One more entry.
    pub fn count(&mut self) -> Result<(), LimitHit> {
        self.seen = self.seen.saturating_add(1);
        if self.seen > self.limits.max_entries {
            return Err(LimitHit::Entries(self.limits.max_entries));
        }
        Ok(())
    }

    /// May a directory at `depth` be entered?
    pub fn enter(&self, depth: usize) -> Result<(), LimitHit> {
        if depth > self.limits.max_depth {
            return Err(LimitHit::Depth(self.limits.max_depth));
        }
        Ok(())
    }
}

/// One directory entry, typed without following symlinks.
pub struct Child {
    pub name: String,
    pub path: PathBuf,
    pub file_type: FileType,
}

/// Why a directory could not be listed.
#[derive(Debug)]
pub enum ListError {
    /// Listing the directory itself failed.
    Open(std::io::Error),
    /// The type of one entry could not be read.
    Stat(PathBuf, std::io::Error),
    Limit(LimitHit),
}

/// The entries of `dir`, sorted by name bytes, each counted against `budget`.
pub fn children(dir: &Path, budget: &mut Budget) -> Result<Vec<Child>, ListError> {
    let mut out = Vec::new();
    for item in std::fs::read_dir(dir).map_err(ListError::Open)? {
        let item = item.map_err(ListError::Open)?;
        budget.count().map_err(ListError::Limit)?;
        let path = item.path();
        // DirEntry::file_type does not follow symlinks.
        let file_type = item.file_type().map_err(|e| ListError::Stat(path.clone(), e))?;
        out.push(Child { name: item.file_name().to_string_lossy().into_owned(), path, file_type });
    }
    out.sort_by(|a, b| a.name.as_bytes().cmp(b.name.as_bytes()));
    Ok(out)
}

/// A walked bundle directory.
pub struct BundleDir {
    /// The cleaned path as given: `bundle_path` in reports and the prefix of paths
    /// in messages.
    pub root: String,
    /// The directory's own name (the ignored-name rule of ANIP-TREE-9).
    pub root_name: String,
    /// The root is a symlink (to a directory): walked as upstream walks it, i.e. not at all.
    pub root_is_symlink: bool,
    pub entries: Vec<Entry<'static>>,
}

/// Walks `arg`. `skip_ignored`: do not descend into ignored directories below the
/// root (every rule but the capability scan skips them anyway). `prefix` wraps errors
/// met inside the walk, as upstream wraps them (`compute custom code bundle digest: `).
pub fn walk_bundle(arg: &str, skip_ignored: bool, prefix: &str) -> Result<BundleDir, String> {
    let trimmed = arg.trim();
    if trimmed.is_empty() {
        return Err("custom code bundle directory is required".into());
    }
    let root = gopath::clean(trimmed);
    let root_path = PathBuf::from(&root);
    let meta = std::fs::metadata(&root_path).map_err(|e| format!("stat custom code bundle: {}", go_stat_error(&root_path, &e)))?;
    if !meta.is_dir() {
        return Err(format!("custom code bundle must be a directory: {root}"));
    }
    let root_name = gopath::base(&root).to_string();
    let root_is_symlink = std::fs::symlink_metadata(&root_path).map(|m| m.file_type().is_symlink()).unwrap_or(false);
    let mut entries = Vec::new();
    // A symlinked root is walked as upstream walks it, i.e. not at all, and silently
    // as upstream (its stderr is part of the contract).
    if !root_is_symlink {
        let mut walk = BundleWalk { root: &root, skip_ignored, budget: Budget::new(WalkLimits::DEFAULT), out: &mut entries };
        walk.dir(&root_path, "", 0).map_err(|e| format!("{prefix}{e}"))?;
    }
    Ok(BundleDir { root, root_name, root_is_symlink, entries })
}

struct BundleWalk<'a> {
    root: &'a str,
    skip_ignored: bool,
    budget: Budget,
    out: &'a mut Vec<Entry<'static>>,
}

impl BundleWalk<'_> {
    fn dir(&mut self, dir: &Path, rel: &str, depth: usize) -> Result<(), String> {
        let list = children(dir, &mut self.budget).map_err(|e| match e {
            ListError::Open(e) => go_path_error(dir, &e),
            ListError::Stat(path, e) => go_stat_error(&path, &e),
            ListError::Limit(hit) => format!("custom code bundle has {hit}: {}", self.root),
        })?;
        for Child { name, path, file_type } in list {
            let child_rel = if rel.is_empty() { name.clone() } else { format!("{rel}/{name}") };
            if file_type.is_symlink() {
                self.out.push(Entry::symlink(child_rel));
            } else if file_type.is_dir() {
                if self.skip_ignored && trustloop_core::bundle_tree::select::is_ignored_dir(&name) {
                    continue;
                }
                self.budget.enter(depth + 1).map_err(|hit| format!("custom code bundle has {hit}: {}", self.root))?;
                self.dir(&path, &child_rel, depth + 1)?;
            } else if file_type.is_file() {
                // Messages name the file the way Go's walk does: `<root>/<relative path>`.
                let display = PathBuf::from(gopath::join(self.root, &child_rel));
                let opener = move || -> std::io::Result<Box<dyn std::io::Read>> {
                    std::fs::File::open(&path)
                        .map(|f| Box::new(f) as Box<dyn std::io::Read>)
                        .map_err(|e| std::io::Error::new(e.kind(), go_path_error(&display, &e)))
                };
                self.out.push(Entry { path: child_rel, kind: EntryKind::File(FileData::Open(Box::new(opener))) });
            } else {
                self.out.push(Entry::special(child_rel));
            }
        }
        Ok(())
    }
}

/// Upstream's walk meets a symlinked root as a single non-directory entry named like
/// the root: when that name is a selected (or, for the capability scan, a source)
/// file, the walk fails on it. `prefix` is the walk's error prefix.
pub fn symlinked_root_error(dir: &BundleDir, scan: bool, prefix: &str) -> Option<String> {
    use trustloop_core::bundle_tree::select::{is_implementation_file, is_source_file};
    let hit = if scan { is_source_file(&dir.root) } else { is_implementation_file(&dir.root) };
    (dir.root_is_symlink && hit).then(|| format!("{prefix}custom code bundle must not contain symlinks: {}", dir.root))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        crate::host::scratch::scratch(&format!("walk-{name}"))
    }

    #[test]
    fn children_are_sorted_and_counted() {
        let d = scratch("children");
        for n in ["b", "a", "C"] {
            std::fs::write(d.join(n), n).expect("write");
        }
        let mut budget = Budget::new(WalkLimits { max_entries: 3, max_depth: 1 });
        let names: Vec<String> = children(&d, &mut budget).expect("list").into_iter().map(|c| c.name).collect();
        assert_eq!(names, ["C", "a", "b"]);
        let mut tight = Budget::new(WalkLimits { max_entries: 2, max_depth: 1 });
        assert!(matches!(children(&d, &mut tight), Err(ListError::Limit(LimitHit::Entries(2)))));
        let _ = std::fs::remove_dir_all(&d);
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_are_entries_not_followed() {
        let d = scratch("links");
        std::fs::create_dir_all(d.join("b/real")).expect("mkdir");
        std::fs::write(d.join("b/real/f.go"), "package x").expect("write");
        std::os::unix::fs::symlink(d.join("b/real"), d.join("b/link")).expect("symlink");
        let walked = walk_bundle(&d.join("b").to_string_lossy(), false, "p: ").expect("walk");
        let paths: Vec<(String, bool)> =
            walked.entries.iter().map(|e| (e.path.clone(), matches!(e.kind, EntryKind::File(_)))).collect();
        assert_eq!(paths, [(String::from("link"), false), (String::from("real/f.go"), true)]);
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn bundle_walk_stops_at_the_depth_limit() {
        let budget = Budget::new(WalkLimits { max_entries: 10, max_depth: 2 });
        assert_eq!(budget.enter(2), Ok(()));
        assert_eq!(budget.enter(3), Err(LimitHit::Depth(2)));
        assert_eq!(LimitHit::Depth(2).to_string(), "directories nested more than 2 levels deep");
    }
}
