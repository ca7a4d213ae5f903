//! Registry sources (ANIP-SIG-12, ANIP-VER-5, row 13 of ANIP-VER-6). The core never
//! fetches: hosts GET `…/packages/{id}/{v}/download`, `…/receipt` and `…/keys` and
//! hand the three bodies here.
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::bundle::{decode_struct, field, field_str, first_non_empty, Resolved, SourceKind, KEY, PACKAGE, RECEIPT};
use crate::emulate::go::json_struct::{model::o, Struct, Ty};
use super::checks::Check;
use super::receipt::{self, PayloadDigests, Payload, TrustedKey};
use crate::diag::Error;
use crate::digest::canonical_digest_object;
use crate::json::{Map, Value};
use crate::sign;

/// The three response bodies and the package URL they came from.
#[derive(Clone, Copy, Debug)]
pub struct RegistryResponses<'a> {
    /// `{base}/registry-api/v1/packages/{id}/{version}` (shown as `registry_record_path`).
    pub package_url: &'a str,
    /// The package record (`/download`), bare or wrapped as `{"package": {...}}`.
    pub download: &'a [u8],
    /// The Registry receipt (`/receipt`), bare or wrapped as `{"receipt": {...}}`.
    pub receipt: &'a [u8],
    /// `{signing_mode, active_key_id, items:[{key_id, algorithm, public_key}]}` (`/keys`).
    pub keys: &'a [u8],
}

/// Client trust policy (upstream flags).
#[derive(Clone, Debug, Default)]
pub struct RegistryPolicy {
    /// `--require-registry-mode`
    pub require_mode: Option<String>,
    /// `--trusted-registry-key-id`
    pub trusted_key_id: Option<String>,
    /// `--allow-yanked-package`
    pub allow_yanked: bool,
}

impl RegistryPolicy {
    /// From a binding's options object: `require_registry_mode`,
    /// `trusted_registry_key_id` (strings), `allow_yanked_package` (bool).
    pub fn from_value(v: &Value) -> Result<Self, Error> {
        let mut p = RegistryPolicy::default();
        let Some(m) = v.as_object() else { return Ok(p) };
        for (k, val) in m.iter() {
            match (k.as_str(), val) {
                (_, Value::Null) => {}
                ("require_registry_mode", Value::String(s)) => p.require_mode = Some(s.clone()),
                ("trusted_registry_key_id", Value::String(s)) => p.trusted_key_id = Some(s.clone()),
                ("allow_yanked_package", Value::Bool(b)) => p.allow_yanked = *b,
                (other, _) => {
                    return Err(Error::new("INVALID_OPTION", format!("unknown or mistyped registry option {other:?}")))
                }
            }
        }
        Ok(p)
    }
}

/// What a registry source adds to a resolved package.
#[derive(Clone, Debug, Default)]
pub struct RegistryContext {
    pub package_url: String,
    pub receipt: Map,
    pub signing_mode: String,
    pub active_key_id: String,
    pub keys: Vec<(String, String, String)>,
    pub lifecycle: String,
    pub lifecycle_warning: String,
    /// Receipt key id and algorithm: receipt fields, else the signature string.
    pub key_id: String,
    pub algorithm: String,
}

static KEY_LIST: Struct = Struct {
    name: "registryKeysResponse",
    fields: &[o("signing_mode", Ty::Str), o("active_key_id", Ty::Str), o("items", Ty::Slice(&Ty::Inline(&KEY)))],
};

/// Decodes one response as a Go struct, unwrapping `{"<wrapper>": {...}}` if present.
fn decode(bytes: &[u8], what: &str, wrapper: &str, s: &'static Struct) -> Result<Map, Error> {
    let v = crate::json::parse(bytes).map_err(|e| Error::new(e.code(), format!("decode registry {what}: {e}")))?;
    let inner = match v.get(wrapper) {
        Some(inner @ Value::Object(_)) => inner.clone(),
        _ => v,
    };
    decode_struct(&inner, s, "ANIP_REGISTRY_DECODE", &format!("decode registry {what}"))
}

/// `{base}/registry-api/v1` for a package URL (lock files' `registry_url`).
pub fn registry_url_of(package_url: &str) -> &str {
    package_url.find("/packages/").map_or(package_url, |i| &package_url[..i])
}

/// Resolves a registry package; lifecycle refusals are hard errors (ANIP-VER-5).
pub fn resolve(resp: &RegistryResponses, policy: &RegistryPolicy) -> Result<(Resolved, RegistryContext), Error> {
    let record = decode(resp.download, "package", "package", &PACKAGE)?;
    let receipt = decode(resp.receipt, "receipt", "receipt", &RECEIPT)?;
    let keys = decode(resp.keys, "keys", "keys", &KEY_LIST)?;
    let id = field_str(&record, "package_id").to_string();
    let version = field_str(&record, "package_version").to_string();
    let lifecycle_map = field(&record, "lifecycle").and_then(Value::as_object).cloned().unwrap_or_default();
    let status = field_str(&lifecycle_map, "status").trim().to_string();
    let mut warning = String::new();
    match status.to_lowercase().as_str() {
        "" | "active" => {}
        "yanked" if policy.allow_yanked => {}
        "yanked" => {
            return Err(Error::new(
                "ANIP_REGISTRY_YANKED",
                format!("registry package {id}@{version} is yanked; use --allow-yanked-package only for pinned historical reproduction"),
            ))
        }
        "takedown" => {
            return Err(Error::new(
                "ANIP_REGISTRY_TAKEDOWN",
                format!("registry package {id}@{version} is under takedown and cannot be used"),
            ))
        }
        s @ ("deprecated" | "superseded") => {
            warning = format!("registry package {id}@{version} is {s}");
            if let Some(Value::Object(r)) = field(&lifecycle_map, "replacement") {
                let (rid, rv) = (field_str(r, "package_id"), field_str(r, "package_version"));
                if !rid.is_empty() {
                    warning.push_str(&format!("; replacement={rid}@{rv}"));
                }
            }
        }
        _ => {
            return Err(Error::new(
                "ANIP_REGISTRY_LIFECYCLE_UNKNOWN",
                format!("registry package {id}@{version} has unknown lifecycle status {}", super::go_quote(&status)),
            ))
        }
    }
    let bundle = super::bundle::Bundle {
        authority: field_str(&receipt, "authority").to_string(),
        package: record,
        receipt: receipt.clone(),
        ..Default::default()
    };
    let mut resolved = super::bundle::resolve(bundle)?;
    resolved.source = SourceKind::Registry;
    resolved.receipt_authority = field_str(&receipt, "authority").to_string();
    let signature = resolved.receipt_signature.clone();
    let parsed = sign::parse_signature_string(&signature);
    let key_id = first_non_empty(&[field_str(&receipt, "key_id"), parsed.as_ref().map_or("", |p| p.key_id.as_str())]).to_string();
    let algorithm =
        first_non_empty(&[field_str(&receipt, "signature_algorithm"), parsed.as_ref().map_or("", |p| p.algorithm.as_str())])
            .to_string();
    let items = field(&keys, "items").and_then(Value::as_array).unwrap_or(&[]);
    let ctx = RegistryContext {
        package_url: resp.package_url.to_string(),
        receipt,
        signing_mode: field_str(&keys, "signing_mode").to_string(),
        active_key_id: field_str(&keys, "active_key_id").to_string(),
        keys: items
            .iter()
            .map(|k| (k.str_at("key_id").to_string(), k.str_at("algorithm").to_string(), k.str_at("public_key").to_string()))
            .collect(),
        lifecycle: status,
        lifecycle_warning: warning,
        key_id,
        algorithm,
    };
    Ok((resolved, ctx))
}

/// Row 13 of ANIP-VER-6, then the trust-policy checks of ANIP-SIG-12.
pub fn checks(
    r: &Resolved,
    ctx: &RegistryContext,
    computed_definition: &str,
    contract_signature: &str,
    policy: &RegistryPolicy,
    pinned: &[TrustedKey],
    out: &mut Vec<Check>,
) {
    let rc = &ctx.receipt;
    let (rid, rv) = (field_str(rc, "package_id"), field_str(rc, "package_version"));
    out.push(Check::new(
        "registry_package_identity_matches",
        r.package_id == rid && r.package_version == rv,
        format!("package={}@{} receipt={rid}@{rv}", r.package_id, r.package_version),
    ));
    let (rpid, rptype) = (field_str(rc, "publisher_id"), field_str(rc, "publisher_type"));
    if !(r.publisher_id.is_empty() && r.publisher_type.is_empty() && rpid.is_empty() && rptype.is_empty()) {
        out.push(Check::new(
            "registry_publisher_identity_matches",
            r.publisher_id == rpid && r.publisher_type == rptype,
            format!("package={}/{} receipt={rpid}/{rptype}", r.publisher_id, r.publisher_type),
        ));
    }
    let digests = [
        ("registry_definition_digest_matches", &r.stored_definition_digest, computed_definition.to_string()),
        ("registry_manifest_digest_matches", &r.stored_manifest_digest, canonical_digest_object(&r.manifest)),
        ("registry_lock_digest_matches", &r.stored_lock_digest, canonical_digest_object(&r.lock)),
    ];
    for (name, stored, computed) in digests {
        out.push(Check::new(name, !stored.is_empty() && *stored == computed, format!("registry={stored} computed={computed}")));
    }
    out.push(Check::new(
        "registry_package_execution_signature_present",
        !r.package_execution_signature.trim().is_empty(),
        "registry package execution signature is present",
    ));
    let sig = &r.receipt_signature;
    out.push(Check::new("registry_receipt_present", !sig.is_empty(), "registry receipt signature is present"));
    let parsed = sign::parse_signature_string(sig);
    out.push(Check::new(
        "registry_receipt_algorithm_supported",
        parsed.is_some() && ctx.algorithm == "ed25519",
        format!("algorithm={}", ctx.algorithm),
    ));
    let key = ctx
        .keys
        .iter()
        .find(|(kid, alg, _)| *kid == ctx.key_id && (alg.is_empty() || alg == "ed25519"))
        .and_then(|(_, _, pk)| {
            let raw = crate::emulate::go::base64::std_decode(pk)?;
            <[u8; 32]>::try_from(raw.as_slice()).ok()
        });
    out.push(Check::new("registry_public_key_present", key.is_some(), format!("key_id={}", ctx.key_id)));
    if let (Some(key), Some(parsed)) = (key, parsed.as_ref()) {
        let definition = if r.stored_definition_digest.is_empty() { computed_definition } else { &r.stored_definition_digest };
        let digests = PayloadDigests { definition, contract_signature };
        let message = receipt::ed25519_message(r, &digests, Payload::Current);
        // Pinned keys ask for strict Ed25519, as for bundles (receipt::bundle_receipt_checks).
        let ok = match sign::strict_public_key(&key) {
            Ok(vk) if !pinned.is_empty() => sign::verify_strict(&vk, &message, &parsed.signature),
            _ if !pinned.is_empty() => false,
            _ => ed25519_dalek::VerifyingKey::from_bytes(&key).is_ok_and(|vk| sign::verify(&vk, &message, &parsed.signature)),
        };
        out.push(Check::new(
            "registry_receipt_signature_valid",
            ok,
            "registry receipt signature validates against the registry Ed25519 public key",
        ));
        if !pinned.is_empty() {
            let trusted = ok && pinned.iter().any(|t| t.key_id == ctx.key_id && t.public_key == key);
            out.push(Check::new(
                "registry_key_trusted",
                trusted,
                format!("key_id={} {} pinned in the trust store", ctx.key_id, if trusted { "is" } else { "is not" }),
            ));
        }
    }
    if let Some(mode) = policy.require_mode.as_deref().filter(|m| !m.trim().is_empty()) {
        let observed = ctx.signing_mode.trim().to_lowercase();
        out.push(Check::new(
            "registry_trust_policy_signing_mode_present",
            !observed.is_empty(),
            format!("signing_mode={}", if observed.is_empty() { "not reported" } else { &observed }),
        ));
        out.push(Check::new(
            "registry_trust_policy_signing_mode_matches",
            observed == mode.trim().to_lowercase(),
            format!("required={} observed={observed}", mode.trim().to_lowercase()),
        ));
    }
    if let Some(kid) = policy.trusted_key_id.as_deref().filter(|k| !k.trim().is_empty()) {
        out.push(Check::new(
            "registry_trust_policy_receipt_key_matches",
            ctx.key_id == kid.trim(),
            format!("trusted={} observed={}", kid.trim(), ctx.key_id),
        ));
    }
}
