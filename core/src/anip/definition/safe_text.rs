//! Safe text (ANIP-DEF-4): what upstream accepts in names, titles, summaries and
//! path templates.

/// Non-empty, at most 8192 bytes, no code point below U+0020 other than tab, LF and
/// CR, and no DEL (U+007F).
pub(crate) fn is_safe_text(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 8192
        && s.chars().all(|c| matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{7f}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_text_rules() {
        assert!(is_safe_text("Lookup query."));
        assert!(is_safe_text("tab\tlf\ncr\r and é, \u{85}, \u{2028}"));
        assert!(is_safe_text(&"a".repeat(8192)));
        assert!(!is_safe_text(&"a".repeat(8193)));
        // 8192 bytes are counted, not characters.
        assert!(!is_safe_text(&"é".repeat(4097)));
        assert!(!is_safe_text(""));
        assert!(!is_safe_text("nul\0"));
        assert!(!is_safe_text("bell\x07"));
        assert!(!is_safe_text("del\x7f"));
        assert!(!is_safe_text("vt\x0b"));
    }
}
