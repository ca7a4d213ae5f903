//! Findings: every problem trustloop reports, in every host.
//!
//! A finding has a stable `code` (SCREAMING_SNAKE, documented in `docs/codes.md`,
//! never reused), a severity, a human message (upstream's text where upstream has
//! one) and a location (file and JSON/YAML path). Hard errors are [`Error`]s that
//! carry one finding.
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::json::{Map, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    /// File (or archive member) the finding is about; empty when not applicable.
    pub file: String,
    /// JSON/YAML path inside `file`, e.g. `capability_formalizations[0].title`.
    pub path: String,
}

impl Finding {
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Finding { code, severity: Severity::Error, message: message.into(), file: String::new(), path: String::new() }
    }
    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Finding { severity: Severity::Warning, ..Finding::error(code, message) }
    }
    pub fn at_file(mut self, file: impl Into<String>) -> Self {
        self.file = file.into();
        self
    }
    pub fn at_path(mut self, path: impl Into<String>) -> Self {
        self.path = path.into();
        self
    }
    /// The JSON shape shared by every host: `{code, severity, message, location}`.
    pub fn to_value(&self) -> Value {
        let mut location = Map::record();
        if !self.file.is_empty() {
            location.insert("file", self.file.as_str().into());
        }
        if !self.path.is_empty() {
            location.insert("path", self.path.as_str().into());
        }
        Map::record()
            .with("code", self.code)
            .with("severity", self.severity.as_str())
            .with("message", self.message.as_str())
            .with("location", location)
            .into()
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// A hard error: the operation could not produce a result. `Display` is the
/// upstream message, so CLIs print exactly what upstream prints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error(pub Finding);

impl Error {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Error(Finding::error(code, message))
    }
    pub fn code(&self) -> &'static str {
        self.0.code
    }
    pub fn message(&self) -> &str {
        &self.0.message
    }
    pub fn finding(&self) -> &Finding {
        &self.0
    }
    /// `{code, message, findings:[…]}` for hosts that surface errors as data.
    pub fn to_value(&self) -> Value {
        Map::record()
            .with("code", self.0.code)
            .with("message", self.0.message.as_str())
            .with("findings", Value::Array(alloc::vec![self.0.to_value()]))
            .into()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.message)
    }
}

#[cfg(feature = "std")]
impl std::error::Error for Error {}

impl From<Finding> for Error {
    fn from(f: Finding) -> Self {
        Error(f)
    }
}

/// Findings as a JSON array.
pub fn findings_to_value(findings: &[Finding]) -> Value {
    Value::Array(findings.iter().map(Finding::to_value).collect::<Vec<_>>())
}
