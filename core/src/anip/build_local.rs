//! `anip package build-local`: the Registry publish pipeline in memory (ANIP-REG).
use alloc::string::String;
use alloc::vec::Vec;

use crate::diag::Error;

#[derive(Clone, Debug, Default)]
pub struct BuildLocalOptions {
    pub package_id: String,
    pub package_version: String,
    /// RFC 3339; default `2026-05-15T00:00:00Z`.
    pub generated_at: Option<String>,
    /// base64 seed or private key; default: the deterministic development key.
    pub signing_key: Option<String>,
    pub signing_key_id: Option<String>,
}

impl BuildLocalOptions {
    /// From a binding's options object (`package_id`, `package_version`,
    /// `generated_at`, `signing_key`, `signing_key_id`; all strings).
    pub fn from_value(v: &crate::json::Value) -> Result<Self, Error> {
        let mut o = BuildLocalOptions::default();
        let Some(m) = v.as_object() else { return Ok(o) };
        for (k, val) in m.iter() {
            if matches!(val, crate::json::Value::Null) {
                continue;
            }
            let s = val
                .as_str()
                .ok_or_else(|| Error::new("INVALID_OPTION", alloc::format!("build-local option {k:?} must be a string")))?
                .into();
            match k.as_str() {
                "package_id" => o.package_id = s,
                "package_version" => o.package_version = s,
                "generated_at" => o.generated_at = Some(s),
                "signing_key" => o.signing_key = Some(s),
                "signing_key_id" => o.signing_key_id = Some(s),
                other => return Err(Error::new("INVALID_OPTION", alloc::format!("unknown build-local option {other:?}"))),
            }
        }
        Ok(o)
    }
}

/// One file of build output: a file name and its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

pub fn build_local(_definition: &[u8], _options: &BuildLocalOptions) -> Result<Vec<OutputFile>, Error> {
    Err(Error::new("NOT_IMPLEMENTED", "build-local is not implemented yet"))
}
