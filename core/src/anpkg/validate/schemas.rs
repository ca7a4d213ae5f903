//! The JSON Schemas the validator applies, written from the spec's constraint tables
//! (§6.2 machine profile, §7.3 runtime config of anolis-workbench 0.22.0).
use alloc::format;
use alloc::string::{String, ToString};
use std::sync::OnceLock;

use super::schema::{validate, SchemaError};
use crate::emulate::python::yaml::Value;

// Statics, not consts: one address each, so `errors` knows them without comparing text.
pub static MACHINE_PROFILE: &str = include_str!("../schemas/machine-profile.schema.json");
pub static RUNTIME_CONFIG: &str = include_str!("../schemas/runtime-config.schema.json");

/// Every error of `doc` against a schema (one of the bundled ones, in practice), sorted
/// as upstream sorts them.
pub fn errors(schema_text: &str, doc: &Value) -> alloc::vec::Vec<SchemaError> {
    // The bundled schemas are parsed once per process: parsing them (16 KB of JSON) took
    // longer than validating a small package.
    static PARSED: [OnceLock<Parsed>; 2] = [OnceLock::new(), OnceLock::new()];
    let parse = || crate::emulate::python::json::loads(schema_text).map_err(|e| e.to_string());
    let other;
    let parsed = match [MACHINE_PROFILE, RUNTIME_CONFIG].iter().position(|&bundled| core::ptr::eq(bundled, schema_text) || bundled == schema_text) {
        Some(i) => PARSED[i].get_or_init(parse),
        None => {
            other = parse();
            &other
        }
    };
    match parsed {
        Ok(schema) => validate(schema, doc),
        // The bundled schemas are parsed in tests; this cannot happen in a release.
        Err(e) => alloc::vec![SchemaError { path: alloc::vec::Vec::new(), message: format!("bundled schema unreadable: {e}") }],
    }
}

type Parsed = Result<Value, String>;

/// `Schema validation failed for <label>: <path>: <message>`.
pub fn message(label: &str, e: &SchemaError) -> String {
    format!("Schema validation failed for {label}: {}: {}", e.path_string(), e.message)
}
