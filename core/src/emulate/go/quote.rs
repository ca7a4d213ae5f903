//! Go's `%q` for strings (`strconv.Quote`), used verbatim in upstream messages.
//!
//! `"` and `\` are escaped, printable characters are written as they are, `\a \b
//! \f \n \r \t \v` use their short forms, other characters below U+0020 and DEL
//! become `\xHH`, and other non-printable characters `\uHHHH` / `\UHHHHHHHH`
//! (lowercase hex).
//!
//! "Printable" is Go's `strconv.IsPrint`: letters, marks, numbers, punctuation,
//! symbols and the ASCII space. Without Unicode category tables in the core we
//! treat every character as printable except the control, format, separator,
//! private-use and noncharacter ranges listed in [`is_print`], and the planes that
//! hold no assigned characters; code points unassigned *inside* the populated
//! planes are treated as printable where Go escapes them (documented in
//! `docs/conformance/anip-definition.md`).
use alloc::string::String;
use core::fmt::Write as _;

/// `strconv.Quote(s)`.
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if is_print(c) => out.push(c),
            '\u{07}' => out.push_str("\\a"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{0b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if (c as u32) < 0x10000 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => {
                let _ = write!(out, "\\U{:08x}", c as u32);
            }
        }
    }
    out.push('"');
    out
}

/// Non-printable ranges outside ASCII and Latin-1 (Unicode 15.0: Zs, Zl, Zp, Cf,
/// Co, noncharacters and the unassigned planes), sorted, inclusive.
const NOT_PRINT: &[(u32, u32)] = &[
    (0x0600, 0x0605),
    (0x061C, 0x061C),
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x1680, 0x1680),
    (0x180E, 0x180E),
    (0x2000, 0x200F),
    (0x2028, 0x202F),
    (0x205F, 0x2064),
    (0x2066, 0x206F),
    (0x3000, 0x3000),
    (0xD800, 0xF8FF),
    (0xFDD0, 0xFDEF),
    (0xFEFF, 0xFEFF),
    (0xFFF0, 0xFFFB),
    (0xFFFE, 0xFFFF),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0x323B0, 0xDFFFF),
    (0xE0000, 0xE00FF),
    (0xE01F0, 0x10FFFF),
];

/// Go `strconv.IsPrint`, approximated outside Latin-1 (see the module docs).
fn is_print(c: char) -> bool {
    let r = c as u32;
    if r < 0x80 {
        return (0x20..0x7f).contains(&r);
    }
    if r < 0x100 {
        // Latin-1: U+00A1..U+00FF except the soft hyphen; U+0080..U+00A0 are not printable.
        return r >= 0xA1 && r != 0xAD;
    }
    // Noncharacters U+nFFFE / U+nFFFF in every plane.
    if r & 0xFFFE == 0xFFFE {
        return false;
    }
    !NOT_PRINT.iter().any(|&(lo, hi)| (lo..=hi).contains(&r))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_like_strconv_quote() {
        assert_eq!(go_quote("Summarize information"), "\"Summarize information\"");
        assert_eq!(go_quote(""), "\"\"");
        assert_eq!(go_quote("a\"b\\c"), "\"a\\\"b\\\\c\"");
        assert_eq!(go_quote("\x07\x08\x0c\n\r\t\x0b"), "\"\\a\\b\\f\\n\\r\\t\\v\"");
        assert_eq!(go_quote("\0\x1b\x7f"), "\"\\x00\\x1b\\x7f\"");
        assert_eq!(go_quote("é 日本 😀"), "\"é 日本 😀\"");
        assert_eq!(go_quote("\u{85}\u{a0}\u{ad}"), "\"\\u0085\\u00a0\\u00ad\"");
        assert_eq!(go_quote("\u{2028}\u{200b}\u{feff}\u{e000}"), "\"\\u2028\\u200b\\ufeff\\ue000\"");
        assert_eq!(go_quote("\u{e0001}\u{10ffff}"), "\"\\U000e0001\\U0010ffff\"");
        assert_eq!(go_quote("\u{1fffe}"), "\"\\U0001fffe\"");
    }
}
