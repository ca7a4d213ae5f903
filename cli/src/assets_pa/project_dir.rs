//! An asset project on disk as a core `ProjectSource`. Only regular files are read:
//! every path component is checked with `symlink_metadata`, so a symlink anywhere
//! under the project (to a secret, to `/dev/zero`, out of the tree) is refused with a
//! finding instead of followed (PA-MIG-4: inputs are untrusted).
use std::io::Read;
use std::path::{Path, PathBuf};

use trustloop_core::assets_pa::codes;
use trustloop_core::assets_pa::project::source::{ProjectSource, MAX_INPUT_FILE_BYTES};
use trustloop_core::diag::Finding;

/// Bounds on the `assets/` walk that finds unregistered roots.
const MAX_WALK_ENTRIES: usize = 1_000_000;
const MAX_WALK_DEPTH: usize = 32;

pub struct ProjectDir {
    root: PathBuf,
}

fn io_finding(path: &str, e: &std::io::Error) -> Finding {
    Finding::error(codes::PROJECT_IO, format!("{path}: {e}")).at_file(path)
}

impl ProjectDir {
    pub fn open(root: &Path) -> Result<ProjectDir, String> {
        let meta = std::fs::metadata(root).map_err(|e| format!("{}: {e}", root.display()))?;
        if !meta.is_dir() {
            return Err(format!("{} is not a directory", root.display()));
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
                    return Err(Finding::error(
                        codes::PROJECT_IO,
                        format!("{rel}: refusing to follow the symlink {}", path.display()),
                    )
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
        if meta.len() > MAX_INPUT_FILE_BYTES {
            return Err(Finding::error(codes::PROJECT_LIMIT, format!("{rel}: file exceeds {MAX_INPUT_FILE_BYTES} bytes"))
                .at_file(rel));
        }
        let file = std::fs::File::open(&path).map_err(|e| io_finding(rel, &e))?;
        let mut bytes = Vec::with_capacity(meta.len() as usize);
        // take(): the file may grow between stat and read.
        file.take(MAX_INPUT_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| io_finding(rel, &e))?;
        if bytes.len() as u64 > MAX_INPUT_FILE_BYTES {
            return Err(Finding::error(codes::PROJECT_LIMIT, format!("{rel}: file exceeds {MAX_INPUT_FILE_BYTES} bytes"))
                .at_file(rel));
        }
        Ok(Some(bytes))
    }

    fn asset_roots(&self) -> Result<Vec<String>, Finding> {
        let assets = self.root.join("assets");
        let mut roots = Vec::new();
        let mut seen = 0usize;
        let mut stack: Vec<(PathBuf, String, usize)> = vec![(assets, String::new(), 0)];
        while let Some((dir, rel, depth)) = stack.pop() {
            let entries = match std::fs::read_dir(&dir) {
                Ok(e) => e,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound && rel.is_empty() => return Ok(roots),
                Err(e) => return Err(io_finding(&format!("assets/{rel}"), &e)),
            };
            for entry in entries {
                let entry = entry.map_err(|e| io_finding(&format!("assets/{rel}"), &e))?;
                seen += 1;
                if seen > MAX_WALK_ENTRIES {
                    return Err(Finding::error(codes::PROJECT_LIMIT, format!("assets/ has more than {MAX_WALK_ENTRIES} entries")));
                }
                let name = entry.file_name().to_string_lossy().into_owned();
                let child_rel = if rel.is_empty() { name.clone() } else { format!("{rel}/{name}") };
                // file_type() does not follow symlinks: they are never descended into.
                let ft = entry.file_type().map_err(|e| io_finding(&child_rel, &e))?;
                if ft.is_dir() && !(rel.is_empty() && name == ".prometeu") && depth < MAX_WALK_DEPTH {
                    stack.push((entry.path(), child_rel, depth + 1));
                } else if ft.is_file() && name == "asset.json" && !rel.is_empty() {
                    roots.push(rel.clone());
                }
            }
        }
        Ok(roots)
    }
}
