//! ANIP package trust loop: verify (bundle, definition, registry), consumer lock
//! files, build-local, refs, attach-implementation, publication lint, and in
//! [`tree`] custom-code-bundle trees.
use alloc::string::String;
use alloc::vec::Vec;

use crate::diag::Error;
use crate::json::Value;

pub use crate::anip::attach::{
    attach_implementation, build_publish_request, check_attach_args, publish_response, publish_url, request_body,
    AttachOptions, MAX_RESPONSE_BYTES,
};
pub use crate::anip::build_local::{BuildLocalOptions, OutputFile, DEFAULT_GENERATED_AT, DEFAULT_PORT};
// Go's strconv.Quote, for the CLI's Go-flag-compatible error messages.
pub use crate::emulate::go::quote::go_quote;
pub use crate::anip::lint::{lint, lint_bundle, lint_result, LintOptions};
pub use crate::anip::registry::{RegistryPolicy, RegistryResponses};
pub use crate::anip::verify::{Verdict, VerifyOptions};
pub use crate::anip::refs::api::ref_check;
pub use crate::anip::trust_store::parse as trust_store;

/// `anip verify --package-bundle`: the result JSON and upstream's exit code.
pub fn verify_bundle(bundle: &[u8], lock: Option<&[u8]>, options: &VerifyOptions) -> Result<Verdict, Error> {
    crate::anip::verify::verify_bundle(bundle, lock, options)
}

/// `anip verify --definition`: plain service-definition file source.
pub fn verify_definition(definition: &[u8], lock: Option<&[u8]>, options: &VerifyOptions) -> Result<Verdict, Error> {
    crate::anip::verify::verify_definition(definition, lock, options)
}

/// `anip verify` with a registry source: the host fetched `/download`, `/receipt`
/// and `/keys` (see [`RegistryResponses`]); the core decides.
pub fn verify_registry(
    responses: &RegistryResponses,
    lock: Option<&[u8]>,
    options: &VerifyOptions,
    policy: &RegistryPolicy,
) -> Result<Verdict, Error> {
    crate::anip::verify::verify_registry(responses, lock, options, policy)
}

/// The consumer lock file for a registry package (carries `registry_url`).
pub fn write_lock_registry(responses: &RegistryResponses, policy: &RegistryPolicy) -> Result<String, Error> {
    crate::anip::write_lock::write_lock_for_registry(responses, policy)
}

/// The consumer lock file (`anip-package-lock/v1`) for a bundle, as upstream writes it.
pub fn write_lock(bundle: &[u8]) -> Result<String, Error> {
    crate::anip::write_lock::write_lock_for_bundle(bundle)
}

/// Loads a consumer lock file the way `anip verify --lock-file` does first
/// (ANIP-VER-4 step 1), before any source is read; only the error matters.
pub fn check_lock(lock: &[u8]) -> Result<(), Error> {
    crate::anip::lock::load(lock).map(|_| ())
}

/// `anip package build-local`: manifest, lock, bundle and README, in memory.
pub fn build_local(definition: &[u8], options: &BuildLocalOptions) -> Result<Vec<OutputFile>, Error> {
    crate::anip::build_local::build_local(definition, options)
}

/// Whether upstream's capability scan of a custom code bundle runs for this package
/// and target (its contract lists capability ids for the target's project).
pub fn declares_capabilities(bundle: &[u8], target: tree::Target) -> bool {
    use crate::anip::bundle::{decode_bundle, resolve};
    decode_bundle(bundle).and_then(resolve).is_ok_and(|r| {
        !crate::anip::definition::scan_contract_ids(&r.definition, target == tree::Target::Python).is_empty()
    })
}

/// Where a registry package lives: `ID@VERSION` and the URLs a host GETs (the host
/// crate and the WASM `registryUrls` build them here; only the fetching is theirs).
pub mod registry_urls {
    pub use crate::anip::registry_urls::{api_base, split_package_ref, target, PackageUrls, RegistryTarget};
}

/// Custom-code-bundle trees: digests, apply rules, reports, materials, and what a
/// host's directory walk needs to collect entries the way upstream does.
pub mod tree {
    pub use crate::anip::bundle_tree::api::{
        bundle_materials, bundle_report, check_generate_flags, entries_from_value, tree_combine, tree_digest,
        BundleReportOptions, GenerateBundleFlags, TreeDigestOptions,
    };
    // Go's `path` package (Clean, Base, Join), as upstream's walk applies it.
    pub use crate::emulate::go::path as gopath;
    pub use crate::anip::bundle_tree::select::{is_ignored_dir, is_implementation_file, is_source_file};
    pub use crate::anip::bundle_tree::template::{validate_key, Target, TemplateValues};
    #[cfg(feature = "std")]
    pub use crate::anip::bundle_tree::ChangedDuringWalk;
    pub use crate::anip::bundle_tree::{Entry, EntryKind, FileData, TreeLimits};
}

/// The verify options and the registry policy, split from one options object (the
/// policy's keys are `require_registry_mode`, `trusted_registry_key_id`,
/// `allow_yanked_package`; every other key is a verify option).
pub fn split_registry_options(options: &Value) -> Result<(VerifyOptions, RegistryPolicy), Error> {
    use crate::json::Map;
    const POLICY_KEYS: [&str; 3] = ["require_registry_mode", "trusted_registry_key_id", "allow_yanked_package"];
    let mut verify = Map::new();
    let mut policy = Map::new();
    if let Some(m) = options.as_object() {
        for (k, v) in m.iter() {
            let into = if POLICY_KEYS.contains(&k.as_str()) { &mut policy } else { &mut verify };
            into.insert(k.as_str(), v.clone());
        }
    }
    Ok((VerifyOptions::from_value(&Value::Object(verify))?, RegistryPolicy::from_value(&Value::Object(policy))?))
}

/// Upstream's exit code for a verify result object: 2 when its `status` is `failed`,
/// else 0 (exit 1, a hard error, never has a result).
pub fn exit_code(result: &Value) -> Result<i64, Error> {
    match result.as_object() {
        Some(m) => Ok(if m.get("status").and_then(Value::as_str) == Some("failed") { 2 } else { 0 }),
        None => Err(Error::new("INVALID_ARGUMENT", "exit_code: the result must be a verify result object")),
    }
}
