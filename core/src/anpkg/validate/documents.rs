//! Reading package documents the way upstream does (`read_text(encoding="utf-8")`,
//! then `yaml.safe_load` / `json.loads`). Where upstream crashes (ANPKG-VAL-U1:
//! non-UTF-8, YAML/JSON syntax, several documents) trustloop reports a finding.
use alloc::format;
use alloc::string::String;

use super::codes;
use crate::emulate::python::json as pyjson;
use crate::emulate::python::yaml::{safe_load_with, Limits, LoadErrorKind, Value};
use crate::diag::Finding;

/// Python's text mode: strict UTF-8, universal newlines (`\r\n` and `\r` → `\n`).
pub fn read_text(bytes: &[u8], rel: &str) -> Result<String, Finding> {
    let text = core::str::from_utf8(bytes).map_err(|e| {
        Finding::error(codes::FILE_NOT_UTF8, format!("{rel}: file is not valid UTF-8 ({e})")).at_file(rel)
    })?;
    Ok(if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { String::from(text) })
}

/// `yaml.safe_load(read_text(rel))`.
pub fn load_yaml(bytes: &[u8], rel: &str, limits: Limits) -> Result<Value, Finding> {
    let text = read_text(bytes, rel)?;
    safe_load_with(&text, limits).map_err(|e| {
        let code = match e.kind {
            LoadErrorKind::Syntax | LoadErrorKind::NonPrintable => codes::YAML_SYNTAX,
            LoadErrorKind::MultipleDocuments => codes::YAML_MULTIPLE_DOCUMENTS,
            LoadErrorKind::Construct => codes::YAML_CONSTRUCT,
            LoadErrorKind::Limit => codes::YAML_LIMIT,
        };
        Finding::error(code, format!("Failed to parse YAML in {rel}: {e}")).at_file(rel)
    })
}

/// `json.loads(read_text(rel))`.
pub fn load_json(bytes: &[u8], rel: &str) -> Result<Value, Finding> {
    let text = read_text(bytes, rel)?;
    pyjson::loads(&text)
        .map_err(|e| Finding::error(codes::JSON_SYNTAX, format!("Failed to parse JSON in {rel}: {e}")).at_file(rel))
}

/// Python `str.strip()`: Unicode whitespace plus the ASCII separators `\x1c`–`\x1f`.
pub fn py_strip(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || ('\x1c'..='\x1f').contains(&c))
}
