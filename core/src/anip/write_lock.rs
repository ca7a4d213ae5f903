//! `anip generate --write-lock` and its registry form: resolve the package with every
//! hard rule (as `verify` does), check it, then write its lock file.
use alloc::format;
use alloc::string::String;

use super::bundle::Resolved;
use super::lock::{write, write_with_url, ResolvedReceipt};
use super::{materials, registry, verify};
use crate::diag::Error;

/// The lock file for a registry package: every client trust check must pass
/// (upstream `generate` refuses otherwise), then [`write`] with `registry_url`.
pub fn write_lock_for_registry(
    resp: &registry::RegistryResponses,
    policy: &registry::RegistryPolicy,
) -> Result<String, Error> {
    let (strict, ctx) = verify::strict_registry(resp, policy)?;
    let r = &strict.resolved;
    let mut checks = alloc::vec::Vec::new();
    registry::checks(r, &ctx, &strict.computed_definition_digest, &r.verifier_contract_signature(), policy, &[], &mut checks);
    let failed: alloc::vec::Vec<&str> = checks.iter().filter(|c| !c.pass).map(|c| c.name).collect();
    if !failed.is_empty() {
        return Err(Error::new(
            "ANIP_REGISTRY_UNTRUSTED",
            format!("registry package {}@{} failed trust verification: {}", r.package_id, r.package_version, failed.join(", ")),
        ));
    }
    check_declared_materials(r)?;
    let receipt = ResolvedReceipt {
        key_id: ctx.key_id.clone(),
        algorithm: ctx.algorithm.clone(),
        signing_mode: ctx.signing_mode.clone(),
        active_key_id: ctx.active_key_id.clone(),
    };
    write_with_url(r, &strict.computed_definition_digest, &receipt, registry::registry_url_of(&ctx.package_url))
}

/// The lock file for a bundle: resolve with every hard rule, then [`write`].
pub fn write_lock_for_bundle(bundle: &[u8]) -> Result<String, Error> {
    let (resolved, computed) = verify::resolve_bundle_strict(bundle, false)?;
    check_declared_materials(&resolved)?;
    write(&resolved, &computed, &ResolvedReceipt::default())
}

/// Upstream's `generate --write-lock` reads the declared custom-code-bundle materials
/// right after resolving, and refuses malformed metadata before writing any lock.
fn check_declared_materials(r: &Resolved) -> Result<(), Error> {
    materials::materials_from_metadata(&r.manifest, &r.lock).map(|_| ())
}
