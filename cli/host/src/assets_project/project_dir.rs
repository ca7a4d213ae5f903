//! An asset project on disk as a core `ProjectSource`. Only regular files are read:
//! every path is opened one component at a time below the project's open handle with
//! `O_NOFOLLOW`, so a symlink anywhere under the project (to a secret, to `/dev/zero`,
//! out of the tree) is refused with a finding instead of followed, with no window
//! between a check and the open (PA-MIG-4: inputs are untrusted). The opened handle
//! must be a regular file (a FIFO cannot hang the open: it is non-blocking). Files are
//! bounded by the core's input limit, checked from `fstat` and read through a cap. The
//! `assets/` walk that finds unregistered roots descends through directory handles,
//! never symlinks (`PA_INPUT_CHANGED` when a listed directory was swapped), and is
//! bounded in entries and depth; past the depth limit it fails with `PROJECT_LIMIT`.
use std::path::Path;
use std::sync::Mutex;

use trustloop_core::api::assets_pa::codes;
use trustloop_core::api::assets_pa::project::{max_input_file_bytes, ProjectSource};
use trustloop_core::api::diag::{Error, Finding};

use crate::open::{changed_text, read_opened, Dir, DirHandle, FileIdentity, Kind, OpenError, RelError};
use crate::sync::lock;
use crate::walk::{children, Budget, ListError, WalkLimits};

/// Bounds on the `assets/` walk.
const WALK_LIMITS: WalkLimits = WalkLimits { max_entries: 1_000_000, max_depth: 32 };

pub struct ProjectDir {
    root: Dir,
    /// The directory of the last file read, reused for the next file in it.
    parent: Mutex<Option<(String, DirHandle)>>,
}

fn io_finding(path: &str, e: &dyn std::fmt::Display) -> Finding {
    Finding::error(codes::PROJECT_IO, format!("{path}: {e}")).at_file(path)
}

impl ProjectDir {
    pub fn open(root: &Path) -> Result<ProjectDir, Error> {
        let meta = std::fs::metadata(root).map_err(|e| Error::new(codes::PROJECT_IO, format!("{}: {e}", root.display())))?;
        if !meta.is_dir() {
            return Err(Error::new(codes::PROJECT_IO, format!("{} is not a directory", root.display())));
        }
        let root = Dir::open_root(root).map_err(|e| Error::new(codes::PROJECT_IO, format!("{}: {e}", root.display())))?;
        Ok(ProjectDir { root, parent: Mutex::new(None) })
    }
}

impl ProjectSource for ProjectDir {
    fn read(&self, rel: &str) -> Result<Option<Vec<u8>>, Finding> {
        let opened = {
            let mut parent = lock(&self.parent);
            self.root.open_rel_cached(rel, &mut parent)
        };
        let (file, st) = match opened {
            Ok(Some(opened)) => opened,
            Ok(None) => return Ok(None),
            Err(RelError::Symlink(prefix)) => {
                let path = self.root.path.join(prefix);
                return Err(
                    Finding::error(codes::PROJECT_IO, format!("{rel}: refusing to follow the symlink {}", path.display())).at_file(rel)
                );
            }
            Err(RelError::Io(e)) => return Err(io_finding(rel, &e)),
        };
        if st.kind != Kind::File {
            return Err(Finding::error(codes::PROJECT_IO, format!("{rel}: not a regular file")).at_file(rel));
        }
        match read_opened(file, &st, max_input_file_bytes()) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(OpenError::TooLarge(_)) => {
                Err(Finding::error(codes::PROJECT_LIMIT, format!("{rel}: file exceeds {} bytes", max_input_file_bytes())).at_file(rel))
            }
            Err(e) => Err(io_finding(rel, &e)),
        }
    }

    fn asset_roots(&self) -> Result<Vec<String>, Finding> {
        let mut roots = Vec::new();
        let assets = match self.root.open_rel_dir("assets") {
            Ok(Some(d)) => d,
            Ok(None) => return Ok(roots),
            Err(e) => return Err(io_finding("assets", &e)),
        };
        find_roots(&assets, "", 0, &mut Budget::new(WALK_LIMITS), &mut roots)?;
        Ok(roots)
    }
}

/// Depth-first below `dir` (`rel` below `assets/`): one handle held per level. Files
/// are typed by the listing alone (no `lstat` each): the walk only looks for
/// `asset.json`, and every file is opened later by path, refusing symlinks again.
fn find_roots(dir: &Dir, rel: &str, depth: usize, budget: &mut Budget, roots: &mut Vec<String>) -> Result<(), Finding> {
    let list = children(dir, FileIdentity::Skip, budget).map_err(|e| match e {
        ListError::Open(e) => io_finding(&format!("assets/{rel}"), &e),
        ListError::Stat(path, e) => io_finding(&path.display().to_string(), &e),
        ListError::Limit(hit) => Finding::error(codes::PROJECT_LIMIT, format!("assets/ has {hit}")),
    })?;
    for child in list {
        let child_rel = if rel.is_empty() { child.name.clone() } else { format!("{rel}/{}", child.name) };
        if child.kind == Kind::Dir && !(rel.is_empty() && child.name == ".prometeu") {
            budget.enter(depth + 1).map_err(|hit| Finding::error(codes::PROJECT_LIMIT, format!("assets/ has {hit}")))?;
            let shown = format!("assets/{child_rel}");
            let sub = dir.open_dir(&child).map_err(|e| match e {
                OpenError::Changed { listed, found } => {
                    Finding::error(codes::INPUT_CHANGED, changed_text(&shown, listed, found)).at_file(shown.clone())
                }
                other => io_finding(&shown, &other),
            })?;
            find_roots(&sub, &child_rel, depth + 1, budget, roots)?;
        } else if child.kind == Kind::File && child.name == "asset.json" && !rel.is_empty() {
            roots.push(rel.to_string());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asset_roots_are_found_and_the_walk_is_bounded() {
        let d = std::env::temp_dir().join(format!("trustloop-host-project-dir-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(d.join("assets/.prometeu")).expect("mkdir");
        std::fs::create_dir_all(d.join("assets/ui/inner")).expect("mkdir");
        std::fs::write(d.join("assets/ui/asset.json"), "{}").expect("write");
        std::fs::write(d.join("assets/ui/inner/asset.json"), "{}").expect("write");
        std::fs::write(d.join("assets/.prometeu/asset.json"), "{}").expect("write");
        let src = ProjectDir::open(&d).expect("open");
        let mut roots = src.asset_roots().expect("roots");
        roots.sort();
        assert_eq!(roots, ["ui", "ui/inner"]);
        let mut deep = d.join("assets");
        for _ in 0..=WALK_LIMITS.max_depth {
            deep.push("d");
        }
        std::fs::create_dir_all(&deep).expect("mkdir deep");
        assert_eq!(src.asset_roots().expect_err("too deep").code, codes::PROJECT_LIMIT);
        let _ = std::fs::remove_dir_all(&d);
    }
}
