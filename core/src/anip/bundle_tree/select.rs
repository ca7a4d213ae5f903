//! Which files a bundle walk looks at (ANIP-TREE-2, -3; ANIP-APPLY-2).
use crate::emulate::go::path as gopath;

/// Directory names skipped with their whole subtree (compared lowercased).
pub const IGNORED_DIRS: &[&str] =
    &["__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache", ".tox", ".venv", "node_modules", "dist", "build", ".git"];

/// Extensions of "source" files: the capability scan reads these, and they are
/// selected for digests and apply (compared lowercased).
pub const SOURCE_EXTENSIONS: &[&str] = &[".py", ".ts", ".tsx", ".js", ".jsx", ".go", ".java", ".cs", ".json", ".yaml", ".yml"];

/// Base names (lowercased) selected regardless of extension.
pub const SELECTED_NAMES: &[&str] = &["readme.md", "pyproject.toml", "package.json", "go.mod", "pom.xml"];

/// ANIP-TREE-2: a directory with this name is skipped.
pub fn is_ignored_dir(name: &str) -> bool {
    let lower = name.to_lowercase();
    IGNORED_DIRS.contains(&lower.as_str())
}

/// ANIP-APPLY-2: the file's extension (lowercased) is a source extension.
pub fn is_source_file(path: &str) -> bool {
    let ext = gopath::ext(path).to_lowercase();
    SOURCE_EXTENSIONS.contains(&ext.as_str())
}

/// ANIP-TREE-3: the file is part of the bundle; everything else is silently skipped.
pub fn is_implementation_file(path: &str) -> bool {
    let lower = gopath::base(path).to_lowercase();
    SELECTED_NAMES.contains(&lower.as_str()) || lower.ends_with(".csproj") || is_source_file(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selection() {
        for yes in ["README.md", "a/ReadMe.MD", "pyproject.toml", "x/App.CSPROJ", "a.py", "b.TSX", "c.yml", "go.mod", "pom.xml"] {
            assert!(is_implementation_file(yes), "{yes}");
        }
        for no in ["notes.txt", "a.pyc", "Makefile", "readme.markdown", "x.py.bak", ".env"] {
            assert!(!is_implementation_file(no), "{no}");
        }
    }

    #[test]
    fn ignored_dirs_case_insensitive() {
        for d in ["node_modules", "Node_Modules", ".GIT", "Build", "DIST", "__PYCACHE__", ".venv"] {
            assert!(is_ignored_dir(d), "{d}");
        }
        assert!(!is_ignored_dir("builds"));
        assert!(!is_ignored_dir("src"));
    }
}
