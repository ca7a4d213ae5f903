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

/// One file of build output: a file name and its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

pub fn build_local(_definition: &[u8], _options: &BuildLocalOptions) -> Result<Vec<OutputFile>, Error> {
    Err(Error::new("NOT_IMPLEMENTED", "build-local is not implemented yet"))
}
