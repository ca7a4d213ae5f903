//! The ANIP package trust loop (spec `anip-trust-loop.md`).
//!
//! | module | rules |
//! |---|---|
//! | [`bundle`] | decoding a `.anip-package.json` and resolving its values (ANIP-BUN) |
//! | [`definition`] | service-definition validation, first error wins (Appendix A) |
//! | [`effects`] | the closed effect vocabulary and the manifest/lock walk (ANIP-DEF-3) |
//! | [`checks`] | one verify check `{name, status, detail}` |
//! | [`consumption`] | agent consumability and readiness rules (ANIP-CONS) |
//! | [`execution_signature`] | the package execution signature (ANIP-DIG-5) |
//! | [`receipt`] | receipt payloads and their checks (ANIP-SIG-6, -9, -11) |
//! | [`verify`] | the verify checks, result JSON and exit codes (ANIP-VER) |
//! | [`lock`] | consumer lock files (ANIP-LOCK) |
//! | [`build_local`] | the in-memory Registry publish pipeline (ANIP-REG) |
pub mod attach;
pub mod build_local;
pub mod bundle;
pub mod checks;
pub mod consumption;
pub mod definition;
pub mod effects;
pub mod execution_signature;
pub mod lint;
pub mod lock;
pub mod materials;
pub mod receipt;
mod rfc3339;
mod typed;
pub mod verify;

/// Go `strconv.Quote` for the ASCII-and-printable cases upstream messages meet;
/// other characters are escaped the way Go does (`\n`, `\t`, `\x01`, `\u2028`).
pub(crate) fn go_quote(s: &str) -> alloc::string::String {
    let mut out = alloc::string::String::from("\"");
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&alloc::format!("\\x{:02x}", c as u32)),
            // Go's IsPrint: no controls, no separators other than the ASCII space.
            c if c == ' ' || (!c.is_control() && !c.is_whitespace()) => out.push(c),
            c if (c as u32) <= 0xFFFF => out.push_str(&alloc::format!("\\u{:04x}", c as u32)),
            c => out.push_str(&alloc::format!("\\U{:08x}", c as u32)),
        }
    }
    out.push('"');
    out
}
