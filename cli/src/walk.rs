//! Custom-code-bundle directories as core entries (ANIP-TREE-1, -2, -4).
//!
//! The root may itself be a symlink: it is stat'ed following links (it must lead to a
//! directory), but, as Go's `filepath.WalkDir` starts from `os.Lstat(root)`, a
//! symlinked root is not descended into: upstream digests it as an empty tree. Below
//! the root nothing is followed either: symlinks become `Entry::symlink`, FIFOs,
//! sockets and devices `Entry::special`, and regular files lazy openers, so only the
//! files a rule selects are ever read.
use std::path::{Path, PathBuf};

use trustloop_core::bundle_tree::gopath;
use trustloop_core::bundle_tree::{Entry, EntryKind, FileData};

use crate::io::go_path_error;

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

/// Go's `stat <path>: <reason>` text.
fn go_stat_error(path: &Path, e: &std::io::Error) -> String {
    go_path_error(path, e).replacen("open ", "stat ", 1)
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
    if root_is_symlink {
        eprintln!("warning: custom code bundle {root} is a symlink; like upstream's walk, nothing below it is read");
    } else {
        walk_dir(&root_path, &root, "", skip_ignored, &mut entries).map_err(|e| format!("{prefix}{e}"))?;
    }
    Ok(BundleDir { root, root_name, root_is_symlink, entries })
}

fn walk_dir(dir: &Path, root: &str, rel: &str, skip_ignored: bool, out: &mut Vec<Entry<'static>>) -> Result<(), String> {
    let read = std::fs::read_dir(dir).map_err(|e| go_path_error(dir, &e))?;
    let mut children: Vec<(String, PathBuf)> = Vec::new();
    for item in read {
        let item = item.map_err(|e| go_path_error(dir, &e))?;
        children.push((item.file_name().to_string_lossy().into_owned(), item.path()));
    }
    children.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    for (name, path) in children {
        let child_rel = if rel.is_empty() { name.clone() } else { format!("{rel}/{name}") };
        let meta = std::fs::symlink_metadata(&path).map_err(|e| go_stat_error(&path, &e))?;
        let ft = meta.file_type();
        if ft.is_symlink() {
            out.push(Entry::symlink(child_rel));
        } else if ft.is_dir() {
            if skip_ignored && trustloop_core::bundle_tree::select::is_ignored_dir(&name) {
                continue;
            }
            walk_dir(&path, root, &child_rel, skip_ignored, out)?;
        } else if ft.is_file() {
            // Messages name the file the way Go's walk does: `<root>/<relative path>`.
            let display = PathBuf::from(gopath::join(root, &child_rel));
            let opener = move || -> std::io::Result<Box<dyn std::io::Read>> {
                std::fs::File::open(&path)
                    .map(|f| Box::new(f) as Box<dyn std::io::Read>)
                    .map_err(|e| std::io::Error::new(e.kind(), go_path_error(&display, &e)))
            };
            out.push(Entry { path: child_rel, kind: EntryKind::File(FileData::Open(Box::new(opener))) });
        } else {
            out.push(Entry::special(child_rel));
        }
    }
    Ok(())
}

/// Upstream's walk meets a symlinked root as a single non-directory entry named like
/// the root: when that name is a selected (or, for the capability scan, a source)
/// file, the walk fails on it. `prefix` is the walk's error prefix.
pub fn symlinked_root_error(dir: &BundleDir, scan: bool, prefix: &str) -> Option<String> {
    use trustloop_core::bundle_tree::select::{is_implementation_file, is_source_file};
    let hit = if scan { is_source_file(&dir.root) } else { is_implementation_file(&dir.root) };
    (dir.root_is_symlink && hit).then(|| format!("{prefix}custom code bundle must not contain symlinks: {}", dir.root))
}
