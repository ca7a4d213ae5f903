//! `validateGeneratedFilePath` (ANIP-TREE-5): the safe-path rule every bundle file,
//! and every remapped path, must pass.
use alloc::string::String;

use crate::emulate::go::path as gopath;
use crate::diag::Error;

/// Longest normalized path, in bytes.
pub const MAX_PATH_BYTES: usize = 240;
/// Longest path segment, in bytes.
pub const MAX_SEGMENT_BYTES: usize = 100;

fn segment_ok(seg: &str) -> bool {
    !seg.is_empty()
        && seg != "."
        && seg != ".."
        && seg.len() <= MAX_SEGMENT_BYTES
        && seg.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'@' | b'+' | b'-'))
}

/// Returns the normalized path or the upstream error (unwrapped; callers add
/// `invalid custom code bundle path: `).
pub fn validate_generated_file_path(path: &str) -> Result<String, Error> {
    if path.trim().is_empty() {
        return Err(Error::new("TREE_PATH_REQUIRED", "generated file path is required"));
    }
    if path.contains('\0') || path.contains('\\') {
        return Err(Error::new("TREE_PATH_INVALID", alloc::format!("generated file path is invalid: {path}")));
    }
    let normalized = gopath::clean(path);
    if normalized == "." || normalized.starts_with("../") || normalized == ".." || normalized.starts_with('/') {
        return Err(Error::new("TREE_PATH_ESCAPES", alloc::format!("generated file path escapes output directory: {path}")));
    }
    if normalized.len() > MAX_PATH_BYTES {
        return Err(Error::new("TREE_PATH_TOO_LONG", alloc::format!("generated file path is too long: {normalized}")));
    }
    if !normalized.split('/').all(segment_ok) {
        return Err(Error::new(
            "TREE_PATH_UNSAFE_SEGMENT",
            alloc::format!("generated file path contains unsafe segment: {normalized}"),
        ));
    }
    Ok(normalized)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(p: &str) -> &'static str {
        validate_generated_file_path(p).unwrap_err().code()
    }

    #[test]
    fn anip_tree_5_rules_in_order() {
        assert_eq!(code(" "), "TREE_PATH_REQUIRED");
        assert_eq!(code("a\\b.py"), "TREE_PATH_INVALID");
        assert_eq!(code("a\0.py"), "TREE_PATH_INVALID");
        assert_eq!(code("../a.py"), "TREE_PATH_ESCAPES");
        assert_eq!(code(".."), "TREE_PATH_ESCAPES");
        assert_eq!(code("/etc/x.py"), "TREE_PATH_ESCAPES");
        assert_eq!(code("a/.."), "TREE_PATH_ESCAPES");
        assert_eq!(code("{{ANIP_X}}/a.py"), "TREE_PATH_UNSAFE_SEGMENT");
        assert_eq!(code("a b.py"), "TREE_PATH_UNSAFE_SEGMENT");
        assert_eq!(validate_generated_file_path("a/./b//c.py").unwrap(), "a/b/c.py");
    }

    #[test]
    fn anip_tree_5_limits() {
        let seg = |n: usize| "s".repeat(n);
        assert!(validate_generated_file_path(&alloc::format!("{}.py", seg(97))).is_ok());
        assert_eq!(code(&alloc::format!("{}.py", seg(98))), "TREE_PATH_UNSAFE_SEGMENT");
        // 240 bytes pass, 241 fail (the length rule runs before the segment rule).
        let path = |n: usize| alloc::format!("{}/{}/{}", seg(99), seg(99), seg(n - 200));
        assert_eq!(path(240).len(), 240);
        assert!(validate_generated_file_path(&path(240)).is_ok());
        assert_eq!(code(&path(241)), "TREE_PATH_TOO_LONG");
        let msg = validate_generated_file_path(&path(241)).unwrap_err();
        assert_eq!(msg.message(), alloc::format!("generated file path is too long: {}", path(241)));
    }
}
