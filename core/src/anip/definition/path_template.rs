//! `path_template` (ANIP-DEFV-5).
use alloc::format;
use alloc::string::String;

use super::patterns::is_input_name;
use super::safe_text::is_safe_text;

/// `path` is the trimmed template of capability `c`.
pub(super) fn validate(c: usize, path: &str) -> Result<(), String> {
    let p = format!("capability_formalizations[{c}].path_template");
    if path.is_empty() {
        return Err(format!("{p} is required"));
    }
    if path.len() > 256 || path.contains('\\') || path.contains("..") || path.contains("//") {
        return Err(format!("{p} is invalid"));
    }
    if !path.starts_with('/') {
        return Err(format!("{p} must start with /"));
    }
    if !is_safe_text(path) {
        return Err(format!("{p} contains unsafe text"));
    }
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        let opens = segment.starts_with('{');
        let closes = segment.ends_with('}');
        if opens || closes {
            if !(opens && closes && segment.len() > 2) {
                return Err(format!("{p} contains malformed parameter"));
            }
            // Exactly one brace is removed at each end.
            let name = &segment[1..segment.len() - 1];
            if !is_input_name(name) {
                return Err(format!("{p} contains invalid parameter"));
            }
            continue;
        }
        if !segment.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-')) {
            return Err(format!("{p} contains invalid character"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(path: &str) -> Result<(), String> {
        validate(2, path)
    }

    #[test]
    fn accepted() {
        for ok in ["/", "/compat/lookup", "/work-items/{id}", "/a/{b_1}/c.d_e-f/", "/v1.2"] {
            assert_eq!(check(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn each_message() {
        let p = "capability_formalizations[2].path_template";
        let cases = [
            ("", "is required"),
            (&*format!("/{}", "a".repeat(256)), "is invalid"),
            ("/a\\b", "is invalid"),
            ("/../secrets", "is invalid"),
            ("/a//b", "is invalid"),
            ("a/b", "must start with /"),
            ("/a\u{1}b", "contains unsafe text"),
            ("/{}", "contains malformed parameter"),
            ("/{a", "contains malformed parameter"),
            ("/a}", "contains malformed parameter"),
            ("/{1a}", "contains invalid parameter"),
            ("/{{a}}", "contains invalid parameter"),
            ("/a b", "contains invalid character"),
            ("/a?b=1", "contains invalid character"),
            ("/caf\u{e9}", "contains invalid character"),
        ];
        for (path, msg) in cases {
            assert_eq!(check(path), Err(format!("{p} {msg}")), "{path:?}");
        }
    }

    #[test]
    fn length_limit_is_in_bytes() {
        let at_limit = format!("/{}", "a".repeat(255));
        assert_eq!(check(&at_limit), Ok(()));
        let over = format!("/{}", "a".repeat(256));
        assert!(check(&over).is_err());
    }
}
