//! An asset project on disk as a core `ProjectSource`. Only regular files are read:
//! every path component is checked with `symlink_metadata`, so a symlink anywhere
//! under the project (to a secret, to `/dev/zero`, out of the tree) is refused with a
//! finding instead of followed (PA-MIG-4: inputs are untrusted). Files are bounded by
//! the core's input limit, read through `take()` (a file may grow between stat and
//! read). The `assets/` walk that finds unregistered roots never descends symlinks and
//! is bounded in entries and depth; past the depth limit it now fails with
//! `PROJECT_LIMIT` (it used to stop descending silently, missing deeper roots).
use std::io::Read;
use std::path::{Path, PathBuf};

use trustloop_core::assets_pa::codes;
use trustloop_core::assets_pa::project::source::{ProjectSource, MAX_INPUT_FILE_BYTES};
use trustloop_core::diag::{Error, Finding};

use crate::host::walk::{children, Budget, ListError, WalkLimits};

/// Bounds on the `assets/` walk.
const WALK_LIMITS: WalkLimits = WalkLimits { max_entries: 1_000_000, max_depth: 32 };

pub struct ProjectDir {
    root: PathBuf,
}

fn io_finding(path: &str, e: &std::io::Error) -> Finding {
    Finding::error(codes::PROJECT_IO, format!("{path}: {e}")).at_file(path)
}

impl ProjectDir {
    pub fn open(root: &Path) -> Result<ProjectDir, Error> {
        let meta = std::fs::metadata(root).map_err(|e| Error::new(codes::PROJECT_IO, format!("{}: {e}", root.display())))?;
        if !meta.is_dir() {
            return Err(Error::new(codes::PROJECT_IO, format!("{} is not a directory", root.display())));
        }
        Ok(ProjectDir { root: root.to_path_buf() })
    }

    /// The on-disk path of `rel` when every component exists and none is a symlink;
    /// `Ok(None)` when something along the way does not exist.
    fn resolve(&self, rel: &str) -> Result<Option<PathBuf>, Finding> {
        let mut path = self.root.clone();
        for seg in rel.split('/') {
            path.push(seg);
            match std::fs::symlink_metadata(&path) {
                Ok(m) if m.file_type().is_symlink() => {
                    return Err(Finding::error(codes::PROJECT_IO, format!("{rel}: refusing to follow the symlink {}", path.display()))
                        .at_file(rel))
                }
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
                Err(e) => return Err(io_finding(rel, &e)),
            }
        }
        Ok(Some(path))
    }
}

impl ProjectSource for ProjectDir {
    fn read(&self, rel: &str) -> Result<Option<Vec<u8>>, Finding> {
        let Some(path) = self.resolve(rel)? else { return Ok(None) };
        let meta = std::fs::symlink_metadata(&path).map_err(|e| io_finding(rel, &e))?;
        if !meta.is_file() {
            return Err(Finding::error(codes::PROJECT_IO, format!("{rel}: not a regular file")).at_file(rel));
        }
        let too_large = || Finding::error(codes::PROJECT_LIMIT, format!("{rel}: file exceeds {MAX_INPUT_FILE_BYTES} bytes")).at_file(rel);
        if meta.len() > MAX_INPUT_FILE_BYTES {
            return Err(too_large());
        }
        let file = std::fs::File::open(&path).map_err(|e| io_finding(rel, &e))?;
        let mut bytes = Vec::new();
        file.take(MAX_INPUT_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| io_finding(rel, &e))?;
        if bytes.len() as u64 > MAX_INPUT_FILE_BYTES {
            return Err(too_large());
        }
        Ok(Some(bytes))
    }

    fn asset_roots(&self) -> Result<Vec<String>, Finding> {
        let mut roots = Vec::new();
        let mut budget = Budget::new(WALK_LIMITS);
        let mut stack: Vec<(PathBuf, String, usize)> = vec![(self.root.join("assets"), String::new(), 0)];
        while let Some((dir, rel, depth)) = stack.pop() {
            let list = match children(&dir, &mut budget) {
                Ok(l) => l,
                Err(ListError::Open(e)) if e.kind() == std::io::ErrorKind::NotFound && rel.is_empty() => return Ok(roots),
                Err(ListError::Open(e)) => return Err(io_finding(&format!("assets/{rel}"), &e)),
                Err(ListError::Stat(path, e)) => return Err(io_finding(&path.display().to_string(), &e)),
                Err(ListError::Limit(hit)) => return Err(Finding::error(codes::PROJECT_LIMIT, format!("assets/ has {hit}"))),
            };
            for child in list {
                let child_rel = if rel.is_empty() { child.name.clone() } else { format!("{rel}/{}", child.name) };
                if child.file_type.is_dir() && !(rel.is_empty() && child.name == ".prometeu") {
                    budget.enter(depth + 1).map_err(|hit| Finding::error(codes::PROJECT_LIMIT, format!("assets/ has {hit}")))?;
                    stack.push((child.path, child_rel, depth + 1));
                } else if child.file_type.is_file() && child.name == "asset.json" && !rel.is_empty() {
                    roots.push(rel.clone());
                }
            }
        }
        Ok(roots)
    }
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
