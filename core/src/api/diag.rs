//! Findings `{code, severity, message, location}` and the error every operation returns.
pub use crate::diag::{findings_to_value, Error, Finding, Severity};
