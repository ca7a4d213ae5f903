//! The JSON Schemas the validator applies, written from the spec's constraint tables
//! (§6.2 machine profile, §7.3 runtime config of anolis-workbench 0.22.0).
use alloc::format;
use alloc::string::{String, ToString};
use std::sync::OnceLock;

use super::schema::{validate, SchemaError};
use crate::emulate::python::yaml::Value;

/// A bundled schema.
#[derive(Clone, Copy)]
pub enum Schema {
    MachineProfile,
    RuntimeConfig,
}

impl Schema {
    pub const ALL: [Schema; 2] = [Schema::MachineProfile, Schema::RuntimeConfig];

    pub fn text(self) -> &'static str {
        match self {
            Schema::MachineProfile => include_str!("../schemas/machine-profile.schema.json"),
            Schema::RuntimeConfig => include_str!("../schemas/runtime-config.schema.json"),
        }
    }
}

/// Every error of `doc` against a bundled schema, sorted as upstream sorts them.
pub fn errors(schema: Schema, doc: &Value) -> alloc::vec::Vec<SchemaError> {
    // Each schema is parsed once per process: parsing them (16 KB of JSON) took longer
    // than validating a small package.
    static PARSED: [OnceLock<Result<Value, String>>; 2] = [OnceLock::new(), OnceLock::new()];
    let parsed = PARSED[schema as usize].get_or_init(|| crate::emulate::python::json::loads(schema.text()).map_err(|e| e.to_string()));
    match parsed {
        Ok(schema) => validate(schema, doc),
        // The bundled schemas are parsed in tests; this cannot happen in a release.
        Err(e) => alloc::vec![SchemaError { path: alloc::vec::Vec::new(), message: format!("bundled schema unreadable: {e}") }],
    }
}

/// `Schema validation failed for <label>: <path>: <message>`.
pub fn message(label: &str, e: &SchemaError) -> String {
    format!("Schema validation failed for {label}: {}: {}", e.path_string(), e.message)
}
