//! YAML emission byte-identical to PyYAML 6's pure-Python emitter as the reference
//! exporter calls it: `yaml.safe_dump(data, sort_keys=False)` (spec ANPKG-YAML-2).
//!
//! The options are PyYAML's defaults: block style (`default_flow_style=False`),
//! indent 2, width 80, `allow_unicode=False` (so the output is pure ASCII and
//! non-ASCII text is double-quoted with `\xE9`/`\u2028`/`\U0001F600` escapes), `\n`
//! line breaks, no `---`/`...` markers, keys in insertion order. No anchors are ever
//! written: the value tree has no shared nodes (see the conformance notes).
//!
//! Pipeline, mirroring PyYAML's: [`represent`] turns each value into a tagged scalar
//! text or a collection; the loader's resolver (`resolve.rs`) says whether plain text
//! would read back with the same tag; [`analysis`] says which styles can carry a text; [`layout`] walks the
//! tree making PyYAML's block-layout decisions; [`writer`] writes characters, folds
//! long lines and tracks columns.
mod analysis;
mod layout;
mod represent;
mod writer;

use alloc::string::String;

use crate::emulate::python::yaml::value::Value;
use crate::diag::Error;

/// Why a value cannot be emitted (PyYAML would raise).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EmitError {
    /// Nested deeper than [`layout::MAX_DEPTH`].
    TooDeep,
    /// An int with more than 4300 decimal digits (Python's `str(int)` limit).
    IntTooLarge,
}

impl From<EmitError> for Error {
    fn from(e: EmitError) -> Error {
        match e {
            EmitError::TooDeep => Error::new(
                "ANPKG_YAML_EMIT_TOO_DEEP",
                alloc::format!("YAML document nested deeper than {} levels", layout::MAX_DEPTH),
            ),
            EmitError::IntTooLarge => Error::new(
                "ANPKG_YAML_EMIT_INT_TOO_LARGE",
                "Exceeds the limit (4300 digits) for integer string conversion",
            ),
        }
    }
}

/// `yaml.safe_dump(value, sort_keys=False)`.
pub fn safe_dump(value: &Value) -> Result<String, EmitError> {
    layout::Layout::new().document(value)
}

#[cfg(test)]
mod tests;
