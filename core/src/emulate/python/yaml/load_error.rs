//! Why a YAML document could not be loaded.
use alloc::string::{String, ToString};

/// Why a document could not be loaded (PyYAML raises a `YAMLError` or a Python
/// exception for each of these).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadErrorKind {
    /// Reader: a character PyYAML does not accept.
    NonPrintable,
    /// Scanner/parser: not well-formed YAML.
    Syntax,
    /// More than one document.
    MultipleDocuments,
    /// Constructor: a tag or value PyYAML's safe constructor rejects.
    Construct,
    /// One of the loader's `Limits`.
    Limit,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    pub kind: LoadErrorKind,
    pub message: String,
}

impl LoadError {
    pub(super) fn new(kind: LoadErrorKind, message: impl Into<String>) -> Self {
        LoadError { kind, message: message.into() }
    }

    /// A scanner or parser error (saphyr's, or one of PyYAML's rules).
    pub(super) fn syntax(message: impl core::fmt::Display) -> Self {
        LoadError::new(LoadErrorKind::Syntax, message.to_string())
    }
}

impl core::fmt::Display for LoadError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.message)
    }
}
