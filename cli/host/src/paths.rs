//! User-given paths spelled as the reference tools resolve them (Python's
//! `Path(p).expanduser()` then `absolute()`/`resolve()`), so every host shows the
//! same paths in messages and results.
use std::path::{Component, Path, PathBuf};

/// `~` and `~/…` expanded with `$HOME`.
fn expand_user(raw: &str) -> PathBuf {
    match raw.strip_prefix('~') {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => match std::env::var_os("HOME") {
            Some(home) => PathBuf::from(home).join(rest.trim_start_matches('/')),
            None => PathBuf::from(raw),
        },
        _ => PathBuf::from(raw),
    }
}

/// `std::fs::canonicalize` spelled as Python's `resolve()` spells it: on Windows a
/// drive path loses the `\\?\` prefix std adds.
pub fn canonical(path: &Path) -> std::io::Result<PathBuf> {
    let real = std::fs::canonicalize(path)?;
    #[cfg(windows)]
    if let Some(drive_path) = real.to_str().and_then(|s| s.strip_prefix(r"\\?\")).filter(|rest| rest.as_bytes().get(1) == Some(&b':')) {
        return Ok(PathBuf::from(drive_path));
    }
    Ok(real)
}

/// Absolute, then canonical when the path exists (`anpkg validate`).
pub fn absolute(raw: &str) -> PathBuf {
    let expanded = expand_user(raw);
    let abs = std::path::absolute(&expanded).unwrap_or(expanded);
    canonical(&abs).unwrap_or(abs)
}

/// Python's `Path(p).expanduser().resolve()`: absolute, symlinks resolved for the
/// part that exists, the rest normalised lexically (`..` pops) (`anpkg export`).
pub fn resolve(raw: &str) -> PathBuf {
    let expanded = expand_user(raw);
    let abs = std::path::absolute(&expanded).unwrap_or(expanded);
    let mut out = PathBuf::new();
    let mut existing = true;
    for c in abs.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
                existing = out.exists();
            }
            other => {
                out.push(other);
                if existing {
                    match canonical(&out) {
                        Ok(real) => out = real,
                        Err(_) => existing = false,
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_normalises_the_missing_part_lexically() {
        let base = std::fs::canonicalize(std::env::temp_dir()).expect("temp dir");
        let raw = format!("{}/trustloop-no-such-dir/a/../b/./c.anpkg", base.display());
        assert_eq!(resolve(&raw), base.join("trustloop-no-such-dir/b/c.anpkg"));
        // absolute() keeps a missing path as given (made absolute), `..` included.
        let raw = format!("{}/trustloop-no-such-dir/a/../b", base.display());
        assert_eq!(absolute(&raw), PathBuf::from(&raw));
    }
}
