//! The JSON Schemas the validator applies, written from the spec's constraint tables
//! (§6.2 machine profile, §7.3 runtime config of anolis-workbench 0.22.0).
use alloc::format;
use alloc::string::String;

use super::schema::{validate, SchemaError};
use crate::emulate::python::yaml::Value;

pub const MACHINE_PROFILE: &str = include_str!("../schemas/machine-profile.schema.json");
pub const RUNTIME_CONFIG: &str = include_str!("../schemas/runtime-config.schema.json");

/// Every error of `doc` against a bundled schema, sorted as upstream sorts them.
pub fn errors(schema_text: &str, doc: &Value) -> alloc::vec::Vec<SchemaError> {
    match crate::emulate::python::json::loads(schema_text) {
        Ok(schema) => validate(&schema, doc),
        // The bundled schemas are parsed in tests; this cannot happen in a release.
        Err(e) => alloc::vec![SchemaError { path: alloc::vec::Vec::new(), message: format!("bundled schema unreadable: {e}") }],
    }
}

/// `Schema validation failed for <label>: <path>: <message>`.
pub fn message(label: &str, e: &SchemaError) -> String {
    format!("Schema validation failed for {label}: {}: {}", e.path_string(), e.message)
}
