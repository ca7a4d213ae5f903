//! Relative POSIX paths from untrusted `index.json` roots and `asset.json` inputs
//! (PA-ASSET-3, PA-INDEX-3): never absolute, never `..`, never escaping their base.
use alloc::format;
use alloc::string::String;

/// Why a path is refused, or `Ok` when it is a clean relative POSIX path:
/// non-empty segments, none `.` or `..`, no leading or trailing `/`, no backslash,
/// no NUL, no Windows drive prefix.
pub fn check_relative(path: &str) -> Result<(), String> {
    if path.is_empty() {
        return Err("path is empty".into());
    }
    if path.starts_with('/') {
        return Err(format!("{path:?} is absolute"));
    }
    if path.ends_with('/') {
        return Err(format!("{path:?} has a trailing '/'"));
    }
    if path.contains('\\') || path.contains('\0') {
        return Err(format!("{path:?} contains a backslash or NUL"));
    }
    if path.as_bytes().get(1) == Some(&b':') {
        return Err(format!("{path:?} looks like a drive path"));
    }
    for seg in path.split('/') {
        match seg {
            "" => return Err(format!("{path:?} has an empty segment")),
            "." => return Err(format!("{path:?} has a '.' segment")),
            ".." => return Err(format!("{path:?} has a '..' segment")),
            _ => {}
        }
    }
    Ok(())
}

/// `base/rel` for two checked relative paths.
pub fn join(base: &str, rel: &str) -> String {
    format!("{base}/{rel}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_escapes() {
        assert!(check_relative("tiles/0.png").is_ok());
        for bad in ["", "/etc/passwd", "../x", "a/../b", "a//b", "a/", "./a", "a\\b", "C:/x"] {
            assert!(check_relative(bad).is_err(), "{bad}");
        }
    }
}
