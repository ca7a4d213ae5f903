//! `anip verify` (ANIP-VER): hard errors first (exit 1, no result), then the ordered
//! checks, the result JSON and the exit code (0 ok, 2 a check failed).
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::bundle::{self, Resolved, SourceKind};
use super::checks::Check;
use super::lock::{self, ConsumerLock, ResolvedReceipt};
use super::receipt::{self, PayloadDigests, ReceiptClaims, TrustedKey};
use super::registry::{self, RegistryContext, RegistryPolicy, RegistryResponses};
use super::{consumption, definition, effects, execution_signature};
use crate::diag::Error;
use crate::digest::{canonical_digest_object, sha256_bytes};
use crate::json::{to_canonical_object, Map, Mode, Order, Value};

/// How much to trust, and what to expect.
#[derive(Clone, Debug, Default)]
pub struct VerifyOptions {
    /// `--expected-contract-signature`: exact, untrimmed comparison.
    pub expected_contract_signature: Option<String>,
    /// Pinned Ed25519 keys `(key_id, base64 public key)`; non-empty adds the check
    /// `bundle_registry_key_trusted` (ANIP-COMPAT-2).
    pub trusted_keys: Vec<(String, String)>,
    /// Accept receipts signed before `package_execution_signature` existed (ANIP-COMPAT-1).
    pub legacy: bool,
    /// Shown as `registry_record_path` (the bundle path as given).
    pub record_path: String,
    /// Add trustloop's report fields (`receipt_trust`) to upstream's result even
    /// when nothing else asks for them (CLI `--extended-report`).
    pub extended_report: bool,
}

impl VerifyOptions {
    /// From a binding's options object: `expected_contract_signature` (string),
    /// `trusted_keys` (object key id → base64 public key), `legacy` (bool),
    /// `record_path` (string), `extended_report` (bool). Unknown keys are refused so typos do not pass silently.
    pub fn from_value(v: &Value) -> Result<Self, Error> {
        let mut o = VerifyOptions::default();
        let Some(m) = v.as_object() else { return Ok(o) };
        for (k, val) in m.iter() {
            match (k.as_str(), val) {
                (_, Value::Null) => {}
                ("expected_contract_signature", Value::String(s)) => o.expected_contract_signature = Some(s.clone()),
                ("record_path", Value::String(s)) => o.record_path = s.clone(),
                ("legacy", Value::Bool(b)) => o.legacy = *b,
                ("extended_report", Value::Bool(b)) => o.extended_report = *b,
                ("trusted_keys", Value::Object(keys)) => {
                    for (kid, pk) in keys.iter() {
                        let pk = pk.as_str().ok_or_else(|| bad_option("trusted_keys values must be base64 strings"))?;
                        o.trusted_keys.push((kid.clone(), pk.into()));
                    }
                }
                (other, _) => return Err(bad_option(&format!("unknown or mistyped verify option {other:?}"))),
            }
        }
        Ok(o)
    }

    /// Whether the result carries trustloop's additions. Upstream's bytes are the
    /// default; the additions appear as soon as the user asks for anything upstream
    /// lacks (pinned keys, legacy compatibility) or for the extended report itself.
    pub fn extends_upstream(&self) -> bool {
        self.extended_report || self.legacy || !self.trusted_keys.is_empty()
    }
}

fn bad_option(msg: &str) -> Error {
    Error::new("INVALID_OPTION", msg)
}

/// A verify result: the result JSON and the upstream exit code (0 ok, 2 a check failed).
#[derive(Clone, Debug)]
pub struct Verdict {
    pub result: Value,
    pub exit_code: i32,
}

/// A bundle resolved through every hard rule of ANIP-VER-4 steps 2–6.
pub struct StrictBundle {
    pub resolved: Resolved,
    pub computed_definition_digest: String,
    /// The definition's digest-mode canonical text, the digest's input.
    pub canonical_definition: Vec<u8>,
    /// Legacy relaxations that were needed (empty unless `legacy` was allowed).
    pub relaxed: Vec<&'static str>,
}

fn validate_definition(def: &Map) -> Result<(), Error> {
    definition::validate_service_definition_object(def).map_err(|m| {
        Error::new("ANIP_DEFINITION_INVALID", format!("resolved service definition failed validation: {m}"))
    })
}

/// Decode, resolve and apply ANIP-VER-4 steps 2–6.
pub fn resolve_bundle_strict(bytes: &[u8], legacy: bool) -> Result<(Resolved, String), Error> {
    let s = strict_bundle(bytes, legacy)?;
    Ok((s.resolved, s.computed_definition_digest))
}

pub fn strict_bundle(bytes: &[u8], legacy: bool) -> Result<StrictBundle, Error> {
    let decoded = bundle::decode_bundle(bytes)?;
    strict(bundle::resolve(decoded)?, legacy)
}

/// ANIP-VER-4 steps 3–6 on a resolved bundle or registry package.
pub fn strict(mut resolved: Resolved, legacy: bool) -> Result<StrictBundle, Error> {
    validate_definition(&resolved.definition)?;
    lend_as_value(&mut resolved.manifest, |v| effects::validate_effects_in(v, "manifest", Order::Sorted))
        .map_err(|m| Error::new("ANIP_MANIFEST_INVALID", format!("resolved package manifest failed validation: {m}")))?;
    lend_as_value(&mut resolved.lock, |v| effects::validate_effects_in(v, "recommended_lock", Order::Sorted))
        .map_err(|m| Error::new("ANIP_LOCK_INVALID", format!("resolved package lock failed validation: {m}")))?;
    consumption::check_hard_rules(&resolved).map_err(|m| Error::new("ANIP_EXECUTION_METADATA", m))?;
    let (canonical_definition, computed_definition_digest) = canonical_definition(&resolved.definition);
    let mut relaxed = Vec::new();
    if resolved.package_execution_signature.trim().is_empty() {
        if !legacy {
            return Err(Error::new("ANIP_PES_MISSING", "resolved package is missing package_execution_signature"));
        }
        relaxed.push("package_execution_signature missing (legacy bundle)");
    } else {
        let computed = execution_signature::compute(&resolved, &canonical_definition);
        if computed != resolved.package_execution_signature {
            return Err(Error::new(
                "ANIP_PES_MISMATCH",
                format!(
                    "resolved package execution signature mismatch: stored={} computed={computed}",
                    resolved.package_execution_signature
                ),
            ));
        }
    }
    Ok(StrictBundle { resolved, computed_definition_digest, canonical_definition, relaxed })
}

/// The definition's digest-mode canonical text and its digest: written once, as its
/// typed decode (the definition checks) reads the same text upstream's `json.Marshal`
/// writes.
fn canonical_definition(def: &Map) -> (Vec<u8>, String) {
    let canonical = to_canonical_object(def, Mode::Digest);
    let digest = sha256_bytes(&canonical);
    (canonical, digest)
}

/// Runs `f` on `m` as a `Value::Object` without copying it: the map is moved into
/// the value and back (whole trees were deep-copied here for a borrow).
fn lend_as_value<R>(m: &mut Map, f: impl FnOnce(&Value) -> R) -> R {
    let mut v = Value::Object(core::mem::take(m));
    let out = f(&v);
    if let Value::Object(back) = &mut v {
        *m = core::mem::take(back);
    }
    out
}

/// A registry source resolved through lifecycle and every hard rule.
pub fn strict_registry(
    resp: &RegistryResponses,
    policy: &RegistryPolicy,
) -> Result<(StrictBundle, RegistryContext), Error> {
    let (resolved, ctx) = registry::resolve(resp, policy)?;
    Ok((strict(resolved, false)?, ctx))
}

/// `anip verify --registry-url … --package ID@VERSION` once the host has fetched
/// the three registry responses.
pub fn verify_registry(
    resp: &RegistryResponses,
    lock: Option<&[u8]>,
    options: &VerifyOptions,
    policy: &RegistryPolicy,
) -> Result<Verdict, Error> {
    let lock = lock.map(lock::load).transpose()?;
    let trusted = receipt::decode_trusted_keys(&options.trusted_keys)?;
    let (strict, ctx) = strict_registry(resp, policy)?;
    let source = Source { registry: Some((&ctx, policy)), ..Source::default() };
    Ok(run(strict, lock.as_ref(), options, &trusted, &source))
}

/// Extra context for sources other than bundles and files.
#[derive(Default)]
struct Source<'a> {
    registry: Option<(&'a RegistryContext, &'a RegistryPolicy)>,
    /// A bundle receipt's own claims, read only when the user pins keys.
    claims: Option<ReceiptClaims>,
}

impl Source<'_> {
    fn receipt(&self) -> ResolvedReceipt {
        match self.registry {
            Some((ctx, _)) => ResolvedReceipt {
                key_id: ctx.key_id.clone(),
                algorithm: ctx.algorithm.clone(),
                signing_mode: ctx.signing_mode.clone(),
                active_key_id: ctx.active_key_id.clone(),
            },
            None => ResolvedReceipt::default(),
        }
    }
}

/// `anip verify --package-bundle`.
pub fn verify_bundle(bytes: &[u8], lock: Option<&[u8]>, options: &VerifyOptions) -> Result<Verdict, Error> {
    let lock = lock.map(lock::load).transpose()?;
    let trusted = receipt::decode_trusted_keys(&options.trusted_keys)?;
    let strict = strict_bundle(bytes, options.legacy)?;
    // Pinning: cross-check what the receipt claims (upstream does not decode it).
    let claims = (!trusted.is_empty()).then(|| crate::json::parse(bytes).map(|root| ReceiptClaims::of_bundle(&root)).unwrap_or_default());
    let source = Source { claims, ..Source::default() };
    Ok(run(strict, lock.as_ref(), options, &trusted, &source))
}

/// `anip verify --definition`: a plain service-definition file.
pub fn verify_definition(bytes: &[u8], lock: Option<&[u8]>, options: &VerifyOptions) -> Result<Verdict, Error> {
    let lock = lock.map(lock::load).transpose()?;
    let trusted = receipt::decode_trusted_keys(&options.trusted_keys)?;
    let v = crate::json::parse(bytes).map_err(|e| Error::new(e.code(), format!("decode definition file: {e}")))?;
    let def = match v.into_object() {
        Ok(m) => m,
        Err(Value::Null) => Map::new(),
        Err(other) => {
            return Err(Error::new(
                "ANIP_DEFINITION_DECODE",
                format!(
                    "decode definition file: json: cannot unmarshal {} into Go value of type map[string]interface {{}}",
                    crate::emulate::go::json_struct::json_kind(&other)
                ),
            ));
        }
    };
    validate_definition(&def)?;
    let (canonical_definition, computed_definition_digest) = canonical_definition(&def);
    let resolved = Resolved::from_definition(def);
    let strict = StrictBundle { resolved, computed_definition_digest, canonical_definition, relaxed: Vec::new() };
    Ok(run(strict, lock.as_ref(), options, &trusted, &Source::default()))
}

fn definition_checks(canonical_definition: &[u8], checks: &mut Vec<Check>) {
    // One typed decode serves the three checks that read the typed model.
    let typed = definition::Typed::of_canonical(canonical_definition);
    match definition::shape::check_generation_shape(&typed) {
        Err(msg) => {
            checks.push(Check::new("service_definition_shape_valid", false, msg));
            return;
        }
        Ok(()) => checks.push(Check::new(
            "service_definition_shape_valid",
            true,
            "service definition is compatible with the current generation model",
        )),
    }
    match definition::fronting_summary(&typed.value) {
        None => checks.push(Check::new(
            "integration_fronting_not_declared",
            true,
            "service definition does not declare governed API/MCP fronting mappings",
        )),
        Some(f) => {
            checks.push(Check::new(
                "integration_fronting_capabilities_formalized",
                f.all_formalized,
                format!("mappings={}", f.mappings),
            ));
            checks.push(Check::new(
                "integration_fronting_raw_operations_governed",
                f.all_bindings_governed && f.raw_operations > 0,
                format!(
                    "raw_operations={}; raw backend operations must be represented through governed capability mappings",
                    f.raw_operations
                ),
            ));
        }
    }
    let missing = definition::unclassified_required_inputs(&typed.value);
    checks.push(Check::new(
        "agent_consumption_required_inputs_classified",
        missing.is_empty(),
        format!("missing={}", if missing.is_empty() { "not reported".to_string() } else { missing.join(",") }),
    ));
}

fn run(strict: StrictBundle, lock: Option<&ConsumerLock>, options: &VerifyOptions, trusted: &[TrustedKey], source: &Source) -> Verdict {
    let StrictBundle { resolved, computed_definition_digest, canonical_definition, mut relaxed } = strict;
    let (r, computed) = (&resolved, computed_definition_digest.as_str());
    let mut checks = Vec::new();
    checks.push(Check::new("definition_digest_computed", !computed.is_empty(), "definition digest was recomputed from canonical JSON"));
    if let Some(lock) = lock {
        match lock::compare(lock, r, computed, &source.receipt()) {
            Ok(()) => checks.push(Check::new("package_lock_matches", true, "resolved package matches pinned lock file")),
            Err(msg) => checks.push(Check::new("package_lock_matches", false, msg)),
        }
    }
    definition_checks(&canonical_definition, &mut checks);
    if !r.stored_definition_digest.is_empty() && r.source != SourceKind::Registry {
        checks.push(Check::new(
            "registry_definition_digest_matches",
            r.stored_definition_digest == computed,
            format!("registry={} computed={computed}", r.stored_definition_digest),
        ));
    }
    let contract_signature = r.verifier_contract_signature();
    checks.push(Check::new("contract_signature_present", !contract_signature.is_empty(), "compiled contract signature is present"));
    if let Some(expected) = options.expected_contract_signature.as_deref().filter(|e| !e.is_empty()) {
        checks.push(Check::new(
            "expected_contract_signature_matches",
            expected == contract_signature,
            format!("expected={expected} observed={contract_signature}"),
        ));
    }
    if let Some((ctx, policy)) = source.registry {
        registry::checks(r, ctx, computed, &contract_signature, policy, trusted, &mut checks);
    }
    let mut receipt_found = receipt::ReceiptFindings::default();
    let mut receipt_trust = "";
    if r.source == SourceKind::PackageBundle {
        if !r.stored_manifest_digest.is_empty() {
            let c = canonical_digest_object(&r.manifest);
            checks.push(Check::new(
                "bundle_manifest_digest_matches",
                c == r.stored_manifest_digest,
                format!("bundle={} computed={c}", r.stored_manifest_digest),
            ));
        }
        if !r.stored_lock_digest.is_empty() {
            let c = canonical_digest_object(&r.lock);
            checks.push(Check::new(
                "bundle_lock_digest_matches",
                c == r.stored_lock_digest,
                format!("bundle={} computed={c}", r.stored_lock_digest),
            ));
        }
        let definition_digest =
            if r.stored_definition_digest.is_empty() { computed } else { r.stored_definition_digest.as_str() };
        let digests = PayloadDigests { definition: definition_digest, contract_signature: &contract_signature };
        // The receipt_present check is row 9, before rows 10–11: pull it forward.
        let mut receipt_checks = Vec::new();
        // Pinned keys ask for strict Ed25519 (canonical, non-small-order keys, verify_strict).
        let strict_trust = !trusted.is_empty();
        receipt_found = receipt::bundle_receipt_checks(r, &digests, options.legacy, strict_trust, &mut receipt_checks);
        let present = receipt_checks.remove(0);
        let at = checks.len() - usize::from(!r.stored_lock_digest.is_empty()) - usize::from(!r.stored_manifest_digest.is_empty());
        checks.insert(at, present);
        checks.extend(receipt_checks);
        if receipt_found.legacy_payload_used {
            relaxed.push("receipt signed over the legacy payload (no package_execution_signature)");
        }
        receipt_trust = if r.receipt_signature.is_empty() {
            "none"
        } else if !r.receipt_signature.starts_with("ed25519:") {
            "integrity-only"
        } else {
            "bundle-embedded-key"
        };
        if !trusted.is_empty() {
            let (check, trust) = receipt::trust_check(&receipt_found, &r.receipt_signature, trusted);
            checks.push(check);
            receipt_trust = trust;
        }
        if let Some(claims) = &source.claims {
            checks.push(receipt::claims_check(claims, &r.receipt_signature));
        }
    }
    if let Some((ctx, _)) = source.registry {
        receipt_found.key_id = ctx.key_id.clone();
        receipt_found.algorithm = ctx.algorithm.clone();
        receipt_trust = match checks.iter().find(|c| c.name == "registry_key_trusted") {
            Some(c) if c.pass => "pinned-key",
            Some(_) => "untrusted",
            None if r.receipt_signature.is_empty() => "none",
            None => "registry-served-key",
        };
    }
    if r.source != SourceKind::File {
        consumption::soft_checks(r, &mut checks);
    }
    let all_pass = checks.iter().all(|c| c.pass);
    let status = match (all_pass, relaxed.is_empty()) {
        (false, _) => "failed",
        (true, true) => "ok",
        (true, false) => "ok_legacy",
    };
    let receipt_status = receipt::receipt_status(&r.receipt_signature, &checks);
    let result = result_json(resolved, computed, status, receipt_status, receipt_trust, &receipt_found, &contract_signature, options, &relaxed, &checks, source);
    Verdict { result, exit_code: if all_pass { 0 } else { 2 } }
}

#[allow(clippy::too_many_arguments)]
fn result_json(
    mut r: Resolved,
    computed: &str,
    status: &str,
    receipt_status: &str,
    receipt_trust: &str,
    found: &receipt::ReceiptFindings,
    contract_signature: &str,
    options: &VerifyOptions,
    relaxed: &[&'static str],
    checks: &[Check],
    source: &Source,
) -> Value {
    let mut m = Map::record().with("status", status).with("source_kind", r.source.as_str());
    let opt = |m: &mut Map, k: &str, v: &str| {
        if !v.is_empty() {
            m.insert(k, v.into());
        }
    };
    let opt_obj = |m: &mut Map, k: &str, v: Option<&Value>| {
        if let Some(v) = v.filter(|v| !v.is_empty_value()) {
            m.insert(k, v.clone());
        }
    };
    opt(&mut m, "package_id", &r.package_id);
    opt(&mut m, "package_version", &r.package_version);
    opt(&mut m, "schema_version", &r.schema_version);
    m.insert("definition_digest", computed.into());
    opt(&mut m, "registry_definition_digest", &r.stored_definition_digest);
    opt(&mut m, "manifest_digest", &r.stored_manifest_digest);
    opt(&mut m, "lock_digest", &r.stored_lock_digest);
    opt(&mut m, "package_execution_signature", &r.package_execution_signature);
    opt(&mut m, "receipt_authority", &r.receipt_authority);
    opt(&mut m, "receipt_key_id", &found.key_id);
    opt(&mut m, "receipt_algorithm", &found.algorithm);
    opt(&mut m, "receipt_status", receipt_status);
    if options.extends_upstream() {
        opt(&mut m, "receipt_trust", receipt_trust);
    }
    if !relaxed.is_empty() {
        let list = relaxed.iter().map(|s| Value::from(*s)).collect::<Vec<_>>();
        m.insert("compatibility", Map::record().with("mode", "legacy").with("relaxed", Value::Array(list)).into());
    }
    opt(&mut m, "contract_signature", contract_signature);
    // The report is the bundle's last reader: its objects are moved in, not copied.
    if !r.lineage.is_empty() {
        m.insert("lineage", Value::Object(core::mem::take(&mut r.lineage)));
    }
    for k in ["product_revision", "developer_revision"] {
        let revision = m.get("lineage").and_then(|lineage| lineage.get(k)).cloned();
        opt_obj(&mut m, k, revision.as_ref());
    }
    opt(&mut m, "registry_receipt_signature", &r.receipt_signature);
    if let Some((ctx, _)) = source.registry {
        opt(&mut m, "registry_signing_mode", &ctx.signing_mode);
        opt(&mut m, "registry_active_key_id", &ctx.active_key_id);
        opt(&mut m, "registry_record_path", &ctx.package_url);
        opt(&mut m, "package_lifecycle", &ctx.lifecycle);
        opt(&mut m, "package_lifecycle_warning", &ctx.lifecycle_warning);
    }
    if r.source == SourceKind::PackageBundle {
        opt(&mut m, "registry_record_path", &options.record_path);
    }
    if r.source != SourceKind::File {
        for key in ["agent_consumption_readiness", "agent_consumability"] {
            let object = r.take_consumption_object(key);
            if !object.is_empty() {
                m.insert(key, Value::Object(object));
            }
        }
    }
    m.insert("checks", Value::Array(checks.iter().map(Check::to_value).collect()));
    m.into()
}
