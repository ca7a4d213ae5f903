//! The core's only door. Every host (the CLI and the host crate, the Python, Node
//! and WASM bindings, the test and fuzz crates) imports `trustloop_core::api::…` and
//! nothing else; the family modules behind it are private to the crate.
//!
//! * This file: the operations every host exposes, by the names hosts derive theirs
//!   from (`anip_verify_bundle` → Python `anip.verify_bundle`, Node `verifyBundle`),
//!   with their option and result types; same JSON-shaped results in Rust, the CLI
//!   (`--json`), Python, Node and WASM. Bindings convert arguments and map errors;
//!   nothing else. Options arrive either typed (Rust, CLI) or as a JSON object
//!   (bindings) through each options type's `from_value`.
//! * One file per family for what a host needs beyond the operations: [`anip`]
//!   (with [`anip::tree`], custom-code-bundle trees, and [`anip::registry_urls`]),
//!   [`anpkg`], [`assets_pa`], [`json`], [`diag`], [`digest`].
use crate::diag::Error;
use crate::json::{Map, Value};

pub mod anip;
#[cfg(feature = "zip")]
pub mod anpkg;
pub mod args;
pub mod assets_pa;
pub mod batch;
/// Resource budgets by name, settable for the process ([`budgets::set`]).
pub mod budgets {
    pub use crate::budgets::{by_name, current, reset, Budget, Row, TABLE};

    /// Sets the budget called `name` for this process; `INVALID_OPTION` for an unknown
    /// name or a value above the budget's ceiling.
    pub fn set(name: &str, value: usize) -> Result<(), crate::diag::Error> {
        crate::budgets::set(name, value).map_err(|m| crate::diag::Error::new("INVALID_OPTION", m))
    }
}
/// Every finding and error code, once: section, severity, one-line meaning
/// (`docs/codes.md` is rendered from [`codes::TABLE`]).
pub mod codes {
    pub use crate::codes::{by_name, to_value, Code, Level, Section, TABLE};
}
pub mod diag;
pub mod digest;
mod host_value;
pub mod json;
pub mod call;
pub mod ops;

pub use crate::VERSION;

// ANIP package trust loop.
pub use anip::{
    build_local as anip_build_local, verify_bundle as anip_verify_bundle, verify_definition as anip_verify_definition,
    verify_registry as anip_verify_registry, write_lock as anip_write_lock,
    write_lock_registry as anip_write_lock_registry, BuildLocalOptions, OutputFile, RegistryPolicy, RegistryResponses,
    Verdict, VerifyOptions,
};
// ANIP implementation material: bundle trees, refs, attach-implementation, lint.
pub use anip::tree::{
    bundle_materials as anip_bundle_materials, bundle_report as anip_bundle_report,
    entries_from_value as anip_bundle_entries, tree_combine as anip_tree_combine, tree_digest as anip_tree_digest,
    BundleReportOptions, Entry as BundleEntry, TreeDigestOptions, TreeLimits,
};
pub use anip::{attach_implementation as anip_attach_implementation, lint as anip_lint, ref_check as anip_ref_check, AttachOptions};
// Anolis .anpkg (needs the zip feature).
#[cfg(feature = "zip")]
pub use anpkg::{
    export as anpkg_export, export_files as anpkg_export_files, export_report as anpkg_export_report,
    validate as anpkg_validate, validate_archive as anpkg_validate_archive,
    validate_directory as anpkg_validate_directory, AnpkgExportOptions, Outcome as AnpkgValidateOutcome,
    ReplayStatus as AnpkgReplayStatus, ValidateOptions as AnpkgValidateOptions,
};
// Canonical JSON, digests, keys.
pub use json::{canonical as canonical_json, digest as json_digest};
#[cfg(feature = "keygen")]
pub use keys::keygen;

#[cfg(feature = "keygen")]
mod keys;

/// Parses untrusted JSON with default limits, as a finding-carrying error.
pub fn parse_json(input: &[u8], what: &str) -> Result<Value, Error> {
    crate::json::parse(input).map_err(|e| Error::new(e.code(), alloc::format!("decode {what}: {e}")))
}

/// Parses a binding's options object ("" or "null" means defaults).
pub fn parse_options(options_json: &str) -> Result<Value, Error> {
    if options_json.trim().is_empty() {
        return Ok(Value::Object(Map::new()));
    }
    match parse_json(options_json.as_bytes(), "options")? {
        Value::Null => Ok(Value::Object(Map::new())),
        v @ Value::Object(_) => Ok(v),
        _ => Err(Error::new("OPTIONS_NOT_OBJECT", "options must be a JSON object")),
    }
}
