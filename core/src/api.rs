//! The operations every host exposes. Same names, same JSON-shaped results in Rust,
//! the CLI (`--json`), Python, Node and WASM. Bindings convert arguments and map
//! errors; nothing else. Options arrive either typed (Rust, CLI) or as a JSON object
//! (bindings) through each options type's `from_value`.
use alloc::string::String;
use alloc::vec::Vec;

use crate::diag::Error;
use crate::json::{self, Map, Mode, Value};

pub use crate::anip::build_local::{BuildLocalOptions, OutputFile};
pub use crate::anip::registry::{RegistryPolicy, RegistryResponses};
pub use crate::anip::verify::{Verdict, VerifyOptions};
// ANIP implementation material: bundle trees, refs, attach-implementation, lint.
pub use crate::anip::attach::{attach_implementation as anip_attach_implementation, AttachOptions};
pub use crate::anip::lint::lint as anip_lint;
pub use crate::bundle_tree::api::{
    bundle_materials as anip_bundle_materials, bundle_report as anip_bundle_report,
    entries_from_value as anip_bundle_entries, tree_combine as anip_tree_combine, tree_digest as anip_tree_digest,
    BundleReportOptions, TreeDigestOptions,
};
pub use crate::bundle_tree::{Entry as BundleEntry, TreeLimits};
pub use crate::refs::api::ref_check as anip_ref_check;
// Prometeu assets.pa.
pub use crate::assets_pa::api as assets_pa;
// Anolis .anpkg (needs the zip feature).
#[cfg(feature = "zip")]
pub use crate::anpkg::api_export::{
    anpkg_export, export_files as anpkg_export_files, export_report as anpkg_export_report, AnpkgExportOptions,
};
#[cfg(feature = "zip")]
pub use crate::anpkg::api_validate::{
    anpkg_validate, validate_archive as anpkg_validate_archive, validate_directory as anpkg_validate_directory,
    Outcome as AnpkgValidateOutcome, ReplayStatus as AnpkgReplayStatus, ValidateOptions as AnpkgValidateOptions,
};

/// Parses untrusted JSON with default limits, as a finding-carrying error.
pub fn parse_json(input: &[u8], what: &str) -> Result<Value, Error> {
    json::parse(input).map_err(|e| Error::new(e.code(), alloc::format!("decode {what}: {e}")))
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

/// `anip verify --package-bundle`: the result JSON and upstream's exit code.
pub fn anip_verify_bundle(bundle: &[u8], lock: Option<&[u8]>, options: &VerifyOptions) -> Result<Verdict, Error> {
    crate::anip::verify::verify_bundle(bundle, lock, options)
}

/// `anip verify --definition`: plain service-definition file source.
pub fn anip_verify_definition(
    definition: &[u8],
    lock: Option<&[u8]>,
    options: &VerifyOptions,
) -> Result<Verdict, Error> {
    crate::anip::verify::verify_definition(definition, lock, options)
}

/// `anip verify` with a registry source: the host fetched `/download`, `/receipt`
/// and `/keys` (see [`RegistryResponses`]); the core decides.
pub fn anip_verify_registry(
    responses: &RegistryResponses,
    lock: Option<&[u8]>,
    options: &VerifyOptions,
    policy: &RegistryPolicy,
) -> Result<Verdict, Error> {
    crate::anip::verify::verify_registry(responses, lock, options, policy)
}

/// The consumer lock file for a registry package (carries `registry_url`).
pub fn anip_write_lock_registry(responses: &RegistryResponses, policy: &RegistryPolicy) -> Result<String, Error> {
    crate::anip::lock::write_lock_for_registry(responses, policy)
}

/// The consumer lock file (`anip-package-lock/v1`) for a bundle, as upstream writes it.
pub fn anip_write_lock(bundle: &[u8]) -> Result<String, Error> {
    crate::anip::lock::write_lock_for_bundle(bundle)
}

/// `anip package build-local`: manifest, lock, bundle and README, in memory.
pub fn anip_build_local(definition: &[u8], options: &BuildLocalOptions) -> Result<Vec<OutputFile>, Error> {
    crate::anip::build_local::build_local(definition, options)
}

/// Canonical bytes of a JSON document (`digest`, `signature` or `jcs` mode).
pub fn canonical_json(input: &[u8], mode: &str) -> Result<Vec<u8>, Error> {
    let mode = match mode {
        "digest" | "" => Mode::Digest,
        "signature" => Mode::Signature,
        "jcs" => Mode::Jcs,
        other => return Err(Error::new("UNKNOWN_MODE", alloc::format!("unknown canonical mode {other:?}; use digest, signature or jcs"))),
    };
    Ok(json::to_canonical(&parse_json(input, "JSON")?, mode))
}

/// `sha256:<hex>` of a JSON document's digest-mode canonical bytes.
pub fn json_digest(input: &[u8]) -> Result<String, Error> {
    Ok(crate::digest::canonical_digest(&parse_json(input, "JSON")?))
}

/// A fresh Ed25519 key pair in `anip-registry-keygen`'s output shape.
#[cfg(feature = "keygen")]
pub fn keygen(key_id: &str) -> Result<Value, Error> {
    let key_id = if key_id.trim().is_empty() { "trustloop-ed25519" } else { key_id.trim() };
    if key_id.contains(':') {
        // `ed25519:<key_id>:<sig>` is split on ':' (ANIP-SIG-2).
        return Err(Error::new("KEY_ID_INVALID", "key id must not contain ':'"));
    }
    let pair = crate::sign::KeyPair::generate(key_id)?;
    let public = pair.public_key_base64();
    Ok(Map::record()
        .with("key_id", key_id)
        .with("algorithm", "ed25519")
        .with("private_key_seed", pair.seed_base64())
        .with("private_key", pair.private_key_base64())
        .with("public_key", public.as_str())
        .with("extra_public_entry", alloc::format!("{key_id}={public}"))
        .into())
}
