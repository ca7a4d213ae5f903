//! The repository's own Rust sources, for the layout tests (`tests/tests/api_only.rs`,
//! `tests/tests/import_graph.rs`).
use std::path::{Path, PathBuf};

/// Folders that hold build outputs or third-party code, never sources of ours.
const SKIPPED_DIRS: &[&str] = &["target", "node_modules", ".git", ".venv", "build", "pkg"];

/// Every `.rs` file under `dir`, sorted; an explicit stack, not recursion.
pub fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        let entries = std::fs::read_dir(&d).unwrap_or_else(|e| panic!("read {}: {e}", d.display()));
        for entry in entries {
            let entry = entry.unwrap_or_else(|e| panic!("read {}: {e}", d.display()));
            let path = entry.path();
            let kind = entry.file_type().unwrap_or_else(|e| panic!("stat {}: {e}", path.display()));
            let name = entry.file_name().to_string_lossy().into_owned();
            if kind.is_dir() {
                if !SKIPPED_DIRS.contains(&name.as_str()) && !name.starts_with("pkg") {
                    pending.push(path);
                }
            } else if kind.is_file() && name.ends_with(".rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}
