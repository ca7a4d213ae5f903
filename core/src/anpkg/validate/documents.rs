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

/// YAML documents the token scan has parsed that later steps read again (the manifest
/// and the runtime profiles), keyed by the identity of their bytes in the tree: those
/// are parsed once, not twice (the tree does not change while it is validated, so the
/// same bytes give the same document). Bounded in count and source bytes, so a package
/// cannot make many large documents live at once; what is not here is parsed again.
#[derive(Default)]
pub struct Parsed {
    documents: Vec<(usize, usize, Value)>,
    bytes: usize,
}

impl Parsed {
    const MAX_DOCUMENTS: usize = 16;
    const MAX_BYTES: usize = 1 << 20;

    /// Keeps `doc`, the YAML document in `bytes`, if it fits.
    pub fn keep(&mut self, bytes: &[u8], doc: Value) {
        if self.documents.len() < Self::MAX_DOCUMENTS && self.bytes + bytes.len() <= Self::MAX_BYTES {
            self.bytes += bytes.len();
            self.documents.push((bytes.as_ptr() as usize, bytes.len(), doc));
        }
    }

    /// The document parsed from exactly these bytes (the same tree storage), if kept.
    pub fn take(&mut self, bytes: &[u8]) -> Option<Value> {
        let at = self.documents.iter().position(|(at, len, _)| *at == bytes.as_ptr() as usize && *len == bytes.len())?;
        Some(self.documents.swap_remove(at).2)
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parsed_documents_are_found_by_their_bytes_not_their_content() {
        let (manifest, copy, other) = (b"a: 1\n".to_vec(), b"a: 1\n".to_vec(), b"b: 2\n".to_vec());
        let doc = || load_yaml(b"a: 1\n", "x.yaml", Limits::default()).unwrap();
        let mut parsed = Parsed::default();
        parsed.keep(&manifest, doc());
        assert!(parsed.take(&copy).is_none(), "equal bytes elsewhere are parsed again");
        assert!(parsed.take(&other).is_none());
        assert!(parsed.take(&manifest).is_some_and(|d| d.py_eq(&doc())));
        assert!(parsed.take(&manifest).is_none(), "taken once");
        let large = alloc::vec![b' '; Parsed::MAX_BYTES + 1];
        parsed.keep(&large, Value::Null);
        assert!(parsed.take(&large).is_none(), "over the byte bound: parsed again");
    }
}
