//! Directory walks that never follow symlinks, within limits.
//!
//! [`children`] lists one open directory ([`Dir`]) for every walk in `host`: names
//! sorted by their bytes (so walks, and the first error or limit they meet, are
//! deterministic), each with its own type as `lstat` sees it, so a symlink is reported
//! as a symlink and never descended into. Walks descend and open files through the
//! parent's handle with `O_NOFOLLOW` and check the opened handle against the listing
//! (`crate::open`): a file swapped during the walk is an error, never followed.
//! [`Budget`] bounds a walk in entries and depth; it counts while listing, so even one
//! huge directory cannot grow memory past the limit.
//!
//! [`walk_bundle`] turns a custom-code-bundle directory into core entries
//! (ANIP-TREE-1, -2, -4). The root may itself be a symlink: it is stat'ed following
//! links (it must lead to a directory), but, as Go's `filepath.WalkDir` starts from
//! `os.Lstat(root)`, a symlinked root is not descended into: upstream digests it as an
//! empty tree. Below the root nothing is followed either: symlinks become
//! `Entry::symlink`, FIFOs, sockets and devices `Entry::special`, and regular files
//! lazy openers, so only the files a rule selects are ever read. An opener holds the
//! root's handle, opens its file component by component without following symlinks
//! and checks it is the file listed (type, device, inode); anything else is the core's
//! `TREE_CHANGED_DURING_WALK`. Upstream's walk has no
//! limits; this one stops at [`WalkLimits::DEFAULT`] with an error rather than
//! recursing without bound.
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use trustloop_core::api::anip::tree::gopath;
use trustloop_core::api::anip::tree::{ChangedDuringWalk, Entry, EntryKind, FileData};

use super::go_errors::{go_path_error, go_stat_error};
use super::open::{changed_text, Dir, FileIdentity, Kind, ListFailure, Listed, OpenError};

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
pub fn children(dir: &Dir, files: FileIdentity, budget: &mut Budget) -> Result<Vec<Listed>, ListError> {
    let mut out = dir.list(files, || budget.count()).map_err(|e| match e {
        ListFailure::Open(e) => ListError::Open(e),
        ListFailure::Stat(path, e) => ListError::Stat(path, e),
        ListFailure::Stop(hit) => ListError::Limit(hit),
    })?;
    out.sort_by(|a, b| a.raw_name().as_encoded_bytes().cmp(b.raw_name().as_encoded_bytes()));
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
        let dir = Dir::open_root(&root_path).map_err(|e| format!("{prefix}{}", go_path_error(&root_path, &e)))?;
        let mut walk =
            BundleWalk { root: &root, root_dir: Arc::new(dir), skip_ignored, budget: Budget::new(WalkLimits::DEFAULT), out: &mut entries };
        let root_dir = Arc::clone(&walk.root_dir);
        walk.dir(&root_dir, "", Path::new(""), 0).map_err(|e| format!("{prefix}{e}"))?;
    }
    Ok(BundleDir { root, root_name, root_is_symlink, entries })
}

struct BundleWalk<'a> {
    root: &'a str,
    /// Held by every lazy opener: files are opened relative to it, never by path.
    root_dir: Arc<Dir>,
    skip_ignored: bool,
    budget: Budget,
    out: &'a mut Vec<Entry<'static>>,
}

impl BundleWalk<'_> {
    /// `rel`: the `/`-joined (lossy) path the core sees; `raw_rel`: the same path in
    /// raw names, for opening.
    fn dir(&mut self, dir: &Dir, rel: &str, raw_rel: &Path, depth: usize) -> Result<(), String> {
        let list = children(dir, FileIdentity::Read, &mut self.budget).map_err(|e| match e {
            ListError::Open(e) => go_path_error(&dir.path, &e),
            ListError::Stat(path, e) => go_stat_error(&path, &e),
            ListError::Limit(hit) => format!("custom code bundle has {hit}: {}", self.root),
        })?;
        for child in list {
            let child_rel = if rel.is_empty() { child.name.clone() } else { format!("{rel}/{}", child.name) };
            let child_raw = raw_rel.join(child.raw_name());
            // Messages name the file the way Go's walk does: `<root>/<relative path>`.
            let display = PathBuf::from(gopath::join(self.root, &child_rel));
            match child.kind {
                Kind::Symlink => self.out.push(Entry::symlink(child_rel)),
                Kind::Dir => {
                    if self.skip_ignored && trustloop_core::api::anip::tree::is_ignored_dir(&child.name) {
                        continue;
                    }
                    self.budget.enter(depth + 1).map_err(|hit| format!("custom code bundle has {hit}: {}", self.root))?;
                    let sub = dir.open_dir(&child).map_err(|e| open_text(&display, &e))?;
                    self.dir(&sub, &child_rel, &child_raw, depth + 1)?;
                }
                Kind::File => {
                    let root = Arc::clone(&self.root_dir);
                    let opener = move || -> std::io::Result<Box<dyn std::io::Read>> {
                        match root.open_below(&child_raw, &child) {
                            Ok((file, _)) => Ok(Box::new(file)),
                            Err(OpenError::Changed { listed, found }) => {
                                Err(std::io::Error::other(ChangedDuringWalk(changed_text(&display.to_string_lossy(), listed, found))))
                            }
                            Err(e) => Err(std::io::Error::other(open_text(&display, &e))),
                        }
                    };
                    self.out.push(Entry { path: child_rel, kind: EntryKind::File(FileData::Open(Box::new(opener))) });
                }
                Kind::Special => self.out.push(Entry::special(child_rel)),
            }
        }
        Ok(())
    }
}

/// Go's texts for open failures (`open <path>: permission denied`), the walk's for a
/// changed entry.
fn open_text(display: &Path, e: &OpenError) -> String {
    match e {
        OpenError::Open(e) => go_path_error(display, e),
        other => other.go_text(display),
    }
}

/// Relative paths (`/`-joined) of every entry below `root` that is not a directory
/// (symlinks included, never followed), sorted: a generated project's file list.
/// Bounded by [`WalkLimits::DEFAULT`]; errors are `<path>: <reason>`.
pub fn list_files(root: &Path) -> Result<Vec<String>, String> {
    fn visit(dir: &Dir, rel: &str, depth: usize, budget: &mut Budget, out: &mut Vec<String>) -> Result<(), String> {
        let list = children(dir, FileIdentity::Read, budget).map_err(|e| match e {
            ListError::Open(e) => format!("{}: {e}", dir.path.display()),
            ListError::Stat(path, e) => format!("{}: {e}", path.display()),
            ListError::Limit(hit) => format!("{}: {hit}", dir.path.display()),
        })?;
        for child in list {
            let child_rel = if rel.is_empty() { child.name.clone() } else { format!("{rel}/{}", child.name) };
            if child.kind == Kind::Dir {
                budget.enter(depth + 1).map_err(|hit| format!("{}: {hit}", child.path.display()))?;
                let sub = dir.open_dir(&child).map_err(|e| e.go_text(&child.path))?;
                visit(&sub, &child_rel, depth + 1, budget, out)?;
            } else {
                out.push(child_rel);
            }
        }
        Ok(())
    }
    let dir = Dir::open_root(root).map_err(|e| format!("{}: {e}", root.display()))?;
    let mut out = Vec::new();
    visit(&dir, "", 0, &mut Budget::new(WalkLimits::DEFAULT), &mut out)?;
    out.sort();
    Ok(out)
}

/// Upstream's walk meets a symlinked root as a single non-directory entry named like
/// the root: when that name is a selected (or, for the capability scan, a source)
/// file, the walk fails on it. `prefix` is the walk's error prefix.
pub fn symlinked_root_error(dir: &BundleDir, scan: bool, prefix: &str) -> Option<String> {
    use trustloop_core::api::anip::tree::{is_implementation_file, is_source_file};
    let hit = if scan { is_source_file(&dir.root) } else { is_implementation_file(&dir.root) };
    (dir.root_is_symlink && hit).then(|| format!("{prefix}custom code bundle must not contain symlinks: {}", dir.root))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        crate::scratch::scratch(&format!("walk-{name}"))
    }

    #[test]
    fn children_are_sorted_and_counted() {
        let d = scratch("children");
        for n in ["b", "a", "C"] {
            std::fs::write(d.join(n), n).expect("write");
        }
        let mut budget = Budget::new(WalkLimits { max_entries: 3, max_depth: 1 });
        let dir = Dir::open_root(&d).expect("open");
        let names: Vec<String> = children(&dir, FileIdentity::Read, &mut budget).expect("list").into_iter().map(|c| c.name).collect();
        assert_eq!(names, ["C", "a", "b"]);
        let mut tight = Budget::new(WalkLimits { max_entries: 2, max_depth: 1 });
        assert!(matches!(children(&dir, FileIdentity::Read, &mut tight), Err(ListError::Limit(LimitHit::Entries(2)))));
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

    /// F4: the file the digest reads is the file the walk listed. Swapping it
    /// afterwards (what a racing attacker does between listing and opening) for a
    /// symlink, a FIFO or another file is `TREE_CHANGED_DURING_WALK`, never followed,
    /// never a hang.
    #[cfg(unix)]
    #[test]
    fn a_file_swapped_after_listing_is_refused() {
        use trustloop_core::api::anip::tree::{tree_digest, TreeDigestOptions};
        let d = scratch("swap");
        std::fs::create_dir_all(d.join("b/pkg")).expect("mkdir");
        let target = d.join("b/pkg/a.py");
        let digest = |walked: &BundleDir| {
            let options = TreeDigestOptions { root: walked.root.clone(), root_name: walked.root_name.clone(), ..TreeDigestOptions::default() };
            tree_digest(&walked.entries, &options)
        };
        let mkfifo = |p: &Path| {
            let status = std::process::Command::new("mkfifo").arg(p).status().expect("mkfifo");
            assert!(status.success());
        };
        type Make<'a> = &'a dyn Fn(&Path);
        let swaps: [(&str, Make); 3] = [
            ("symlink", &|p| std::os::unix::fs::symlink("/etc/hostname", p).expect("symlink")),
            ("fifo", &mkfifo),
            ("other file", &|p| std::fs::write(p, "print('other')\n").expect("write")),
        ];
        for (what, make) in swaps {
            std::fs::write(&target, "print('listed')\n").expect("write");
            let walked = walk_bundle(&d.join("b").to_string_lossy(), true, "p: ").expect("walk");
            assert!(digest(&walked).is_ok(), "{what}: unchanged tree digests");
            // Replaced by a rename: the listed file's inode stays in use.
            let tmp = d.join("b/pkg/a.new");
            make(&tmp);
            std::fs::rename(&tmp, &target).expect("rename");
            let err = digest(&walked).expect_err(what);
            assert_eq!(err.code(), "TREE_CHANGED_DURING_WALK", "{what}: {}", err.message());
            assert!(err.message().contains("b/pkg/a.py changed during the walk"), "{what}: {}", err.message());
            std::fs::remove_file(&target).expect("remove");
        }
        let _ = std::fs::remove_dir_all(&d);
    }
}
