//! `anip package build-local`: the Registry publish pipeline in memory (ANIP-REG-1,
//! -2), signed with the deterministic development key unless a key is given.
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::bundle::{Resolved, SourceKind};
use super::receipt::{self, PayloadDigests, Payload};
use super::{consumption, definition, execution_signature, rfc3339};
use crate::diag::Error;
use crate::digest::canonical_digest;
use crate::json::{to_pretty, Map, Value};
use crate::sign::KeyPair;

pub const DEFAULT_GENERATED_AT: &str = "2026-05-15T00:00:00Z";
const SPEC_VERSION: &str = "anip/0.24";
const SCHEMA_VERSION: &str = "anip-service-definition/v1";
const PUBLISHER_ID: &str = "local-dev-registry";
const LOCAL_PORT: f64 = 9100.0;

#[derive(Clone, Debug, Default)]
pub struct BuildLocalOptions {
    pub package_id: String,
    pub package_version: String,
    /// RFC 3339; default `2026-05-15T00:00:00Z`.
    pub generated_at: Option<String>,
    /// base64 seed or private key; default: the deterministic development key.
    pub signing_key: Option<String>,
    pub signing_key_id: Option<String>,
}

impl BuildLocalOptions {
    /// From a binding's options object (`package_id`, `package_version`,
    /// `generated_at`, `signing_key`, `signing_key_id`; all strings).
    pub fn from_value(v: &Value) -> Result<Self, Error> {
        let mut o = BuildLocalOptions::default();
        let Some(m) = v.as_object() else { return Ok(o) };
        for (k, val) in m.iter() {
            if matches!(val, Value::Null) {
                continue;
            }
            let s = val
                .as_str()
                .ok_or_else(|| Error::new("INVALID_OPTION", format!("build-local option {k:?} must be a string")))?
                .to_string();
            match k.as_str() {
                "package_id" => o.package_id = s,
                "package_version" => o.package_version = s,
                "generated_at" => o.generated_at = Some(s),
                "signing_key" => o.signing_key = Some(s),
                "signing_key_id" => o.signing_key_id = Some(s),
                other => return Err(Error::new("INVALID_OPTION", format!("unknown build-local option {other:?}"))),
            }
        }
        Ok(o)
    }
}

/// One file of build output: a file name and its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

fn strings(items: &[String]) -> Value {
    Value::Array(items.iter().map(Value::from).collect())
}

fn capabilities(def: &Map) -> &[Value] {
    def.get("capability_formalizations").and_then(Value::as_array).unwrap_or(&[])
}

fn service_ids(def: &Map) -> Vec<String> {
    def.get("service_topology_bindings")
        .and_then(Value::as_array)
        .unwrap_or(&[])
        .iter()
        .map(|s| s.str_at("service_id").trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

fn input_name(input: &Value) -> &str {
    let name = input.str_at("input_name");
    if name.trim().is_empty() { input.str_at("name") } else { name }
}

/// `required_context` of one capability (ANIP-CONS-4).
fn required_context(cap: &Value) -> Value {
    let inputs = cap.get("inputs").and_then(Value::as_array).unwrap_or(&[]);
    Value::Array(
        inputs
            .iter()
            .map(|input| {
                let required = input.get("required").and_then(Value::as_bool).unwrap_or(false);
                let mut posture = String::from(if required { "required" } else { "optional" });
                if !input.str_at("clarification_hint").trim().is_empty() {
                    posture.push_str(":clarify");
                }
                let mut m = Map::new().with("input", input_name(input).trim()).with("posture", posture);
                let semantic = input.str_at("semantic_type").trim();
                if !semantic.is_empty() {
                    m.insert("semantic_type", semantic.into());
                }
                Value::Object(m)
            })
            .collect(),
    )
}

fn consumability(def: &Map) -> Value {
    let mut caps = Map::new();
    let mut hints = Vec::new();
    for cap in capabilities(def) {
        let id = cap.str_at("capability_id").trim();
        let effects = cap.get("business_effects").filter(|v| v.as_object().is_some()).cloned();
        caps.insert(
            id,
            Map::new()
                .with("intent", Map::new().with("category", id).with("summary", cap.str_at("summary")))
                .with("business_effects", effects.unwrap_or(Value::Object(Map::new())))
                .with("required_context", required_context(cap))
                .into(),
        );
        hints.push(Value::Object(
            Map::new()
                .with("capability_id", id)
                .with("required_context", required_context(cap))
                .with("side_effect_level", cap.str_at("side_effect_level"))
                .with("summary", cap.str_at("summary"))
                .with("title", cap.str_at("title")),
        ));
    }
    Map::new()
        .with("artifact_type", "agent_consumability_metadata")
        .with("schema_version", "anip-agent-consumability/v0")
        .with("capabilities", caps)
        .with("capability_hints", Value::Array(hints))
        .into()
}

fn readiness(def: &Map) -> Value {
    let unclassified = definition::unclassified_required_inputs(&Value::Object(def.clone()));
    let caps = capabilities(def);
    let warnings = unclassified.len();
    let probes: Vec<Value> = caps
        .iter()
        .map(|c| {
            Map::new()
                .with("capability_id", c.str_at("capability_id").trim())
                .with("status", "ready")
                .with("kind", "contract_declared")
                .into()
        })
        .collect();
    let findings: Vec<Value> = unclassified
        .iter()
        .map(|i| {
            Map::new()
                .with("severity", "warning")
                .with("code", "required_input_unclassified")
                .with("subject", i.as_str())
                .with("detail", "required input has no semantic type, format, pattern, clarification hint, entity reference or allowed values")
                .into()
        })
        .collect();
    Map::new()
        .with("artifact_type", "agent_consumption_readiness")
        .with("schema_version", "anip-agent-consumption-readiness/v0")
        .with("status", if warnings == 0 { "ready" } else { "needs_review" })
        .with("score", 100 - 5 * warnings.min(9))
        .with(
            "summary",
            Map::new()
                .with("blockers", 0usize)
                .with("warnings", warnings)
                .with("info", 0usize)
                .with("required_app_glue", 0usize)
                .with("probes", caps.len())
                .with("capability_surface", caps.len()),
        )
        .with("findings", Value::Array(findings))
        .with("probes", Value::Array(probes))
        .with("required_app_glue", Value::Array(Vec::new()))
        .into()
}

struct Refs {
    id: String,
    version: String,
    project: String,
    product: String,
    developer: String,
}

/// Lineage as a Go struct (record order) for bundle, package and publication.
fn lineage(refs: &Refs, at: &str, contract_signature: &str) -> Map {
    Map::record()
        .with("project_ref", refs.project.as_str())
        .with(
            "product_revision",
            Map::record()
                .with("ref", refs.product.as_str())
                .with("artifact_id", refs.product.as_str())
                .with("revision_number", 1usize)
                .with("baseline_locked_at", at),
        )
        .with(
            "developer_revision",
            Map::record()
                .with("ref", refs.developer.as_str())
                .with("artifact_id", refs.developer.as_str())
                .with("revision_number", 1usize)
                .with("contract_signature", contract_signature),
        )
}

/// The same value as a Go map (sorted), as it appears inside manifest and lock.
fn as_map(v: &Value) -> Value {
    let mut out = v.clone();
    crate::json::as_go_maps(&mut out);
    out
}

fn readme(system: &str, refs: &Refs, services: usize, cap_ids: &[String], usage: &Map) -> String {
    let mut caps = String::new();
    for id in cap_ids {
        caps.push_str(&format!("- `{id}`\n"));
    }
    format!(
        "# {system}\n\nANIP package `{id}@{ver}` for local showcase and registry smoke usage.\n\n## Contents\n\n- Services: {services}\n- Capabilities: {n}\n- ANIP spec: `{SPEC_VERSION}`\n\n## Capability Surface\n\n{caps}\n## Generate\n\nFrom a downloaded package bundle:\n\n```bash\n{gb}\n```\n\nFrom a trusted registry package:\n\n```bash\n{gr}\n```\n\n## Verify\n\n```bash\n{vd}\n{vb}\n```\n\n## Run Locally\n\nGenerated services default to port `9100` unless overridden by the generated runtime configuration.",
        id = refs.id,
        ver = refs.version,
        n = cap_ids.len(),
        gb = usage.str_at_map("generate_from_bundle"),
        gr = usage.str_at_map("generate_from_registry"),
        vd = usage.str_at_map("verify_definition"),
        vb = usage.str_at_map("verify_bundle"),
    )
}

trait StrAt {
    fn str_at_map(&self, key: &str) -> &str;
}
impl StrAt for Map {
    fn str_at_map(&self, key: &str) -> &str {
        self.get(key).and_then(Value::as_str).unwrap_or("")
    }
}

fn pretty_file(name: String, v: &Value) -> OutputFile {
    OutputFile { name, bytes: to_pretty(v).into_bytes() }
}

/// Runs the pipeline; returns manifest, lock, bundle and README files.
pub fn build_local(definition_bytes: &[u8], options: &BuildLocalOptions) -> Result<Vec<OutputFile>, Error> {
    let id = options.package_id.trim();
    let version = options.package_version.trim();
    if id.is_empty() || version.is_empty() {
        return Err(Error::new("ANIP_BUILD_ARGS", "--package-id and --package-version are required"));
    }
    let at = rfc3339::normalize_utc(options.generated_at.as_deref().unwrap_or(DEFAULT_GENERATED_AT).trim())
        .ok_or_else(|| Error::new("ANIP_BUILD_ARGS", "--generated-at must be an RFC3339 timestamp"))?;
    let signer = match &options.signing_key {
        None => KeyPair::dev(),
        Some(k) => {
            let kid = options.signing_key_id.as_deref().unwrap_or("trustloop-ed25519").trim();
            if kid.is_empty() || kid.contains(':') {
                return Err(Error::new("ANIP_BUILD_ARGS", "signing key id must be non-empty and must not contain ':'"));
            }
            KeyPair::from_base64_private(kid, k)?
        }
    };
    let def_value = crate::json::parse(definition_bytes)
        .map_err(|e| Error::new(e.code(), format!("decode service definition: {e}")))?;
    let def = def_value
        .as_object()
        .cloned()
        .ok_or_else(|| Error::new("ANIP_DEFINITION_DECODE", "service definition must be a JSON object"))?;
    if def.get("contract_schema_version").and_then(Value::as_str).unwrap_or("").trim() != SCHEMA_VERSION {
        return Err(Error::new(
            "ANIP_BUILD_SCHEMA_VERSION",
            "service definition contract_schema_version must be anip-service-definition/v1",
        ));
    }
    definition::validate_service_definition(&def_value)
        .map_err(|m| Error::new("ANIP_DEFINITION_INVALID", format!("service definition failed validation: {m}")))?;

    let definition_digest = canonical_digest(&def_value);
    let refs = Refs {
        id: id.into(),
        version: version.into(),
        project: format!("studio-source:{id}"),
        product: format!("{id}:product:v1"),
        developer: format!("{id}:developer:v1"),
    };
    let system = def.get("identity").map(|i| i.str_at("system_name")).unwrap_or("").trim().to_string();
    let services = service_ids(&def);
    let cap_ids: Vec<String> =
        capabilities(&def).iter().map(|c| c.str_at("capability_id").trim().to_string()).collect();
    let lineage_record = lineage(&refs, &at, &definition_digest);
    let lineage_map = as_map(&Value::Object(lineage_record.clone()));
    let usage = Map::new()
        .with("generate_from_bundle", format!("go run ./cmd/anip-generate --package-bundle <downloaded-package>.anip-package.json --target python --dependency-source local --output ./generated/{id} --force"))
        .with("generate_from_registry", format!("go run ./cmd/anip-generate --registry-url <registry-url> --package-id {id} --package-version {version} --target python --dependency-source registry --output ./generated/{id} --force"))
        .with("verify_definition", "go run ./cmd/anip-verify --definition anip-service-definition.json")
        .with("verify_bundle", "go run ./cmd/anip-verify --package-bundle <downloaded-package>.anip-package.json")
        .with("local_port", LOCAL_PORT);
    let readme_text = readme(&system, &refs, services.len(), &cap_ids, &usage);
    let readiness = readiness(&def);
    let consumability = consumability(&def);

    let mut manifest = Map::new()
        .with("package_kind", "anip_service_blueprint")
        .with("artifact_type", "anip_package_manifest")
        .with("blueprint_id", id)
        .with("package_id", id)
        .with("name", format!("{system} Service Blueprint"))
        .with("version", version)
        .with("package_version", version)
        .with("schema_version", SCHEMA_VERSION)
        .with("anip_spec_version", SPEC_VERSION)
        .with("publisher", Map::new().with("id", PUBLISHER_ID).with("display_name", "Local development registry"))
        .with("service_definition", "anip-service-definition.json")
        .with("service_definition_digest", definition_digest.as_str())
        .with("service_definition_digest_algorithm", "sha256")
        .with("build_packs", Map::new().with("recommended", strings(&["anip-build-pack@local".into()])))
        .with("verifier_packs", Map::new().with("recommended", strings(&["anip-verifier@local".into()])))
        .with("readme", readme_text.trim())
        .with("usage", usage)
        .with("source_links", Value::Array(Vec::new()))
        .with("capability_count", cap_ids.len())
        .with("service_count", services.len())
        .with("service_ids", strings(&services))
        .with("lineage", lineage_map.clone())
        .with("agent_consumption_readiness", readiness.clone())
        .with("agent_consumability", consumability.clone())
        .with("generated_at", at.as_str());
    let mut lock = Map::new()
        .with("lock_kind", "publisher_recommended_lock")
        .with("artifact_type", "anip_package_lock")
        .with("blueprint_id", id)
        .with("blueprint_version", version)
        .with("package_id", id)
        .with("package_version", version)
        .with("schema_version", SCHEMA_VERSION)
        .with("anip_spec_version", SPEC_VERSION)
        .with("service_definition_digest", definition_digest.as_str())
        .with("build_packs", strings(&["anip-build-pack@local".into()]))
        .with("verifier_packs", strings(&["anip-verifier@local".into()]))
        .with("runtime_packages", Value::Array(Vec::new()))
        .with("extension_packs", Value::Array(Vec::new()))
        .with("regression_packs", Value::Array(Vec::new()))
        .with("selected_service_ids", strings(&services))
        .with("capability_ids", strings(&cap_ids))
        .with("contract_signature", definition_digest.as_str())
        .with("lineage", lineage_map)
        .with("agent_consumption_readiness", readiness)
        .with("agent_consumability", consumability)
        .with("generated_at", at.as_str());

    let mut resolved = Resolved::from_definition(def.clone());
    resolved.source = SourceKind::PackageBundle;
    resolved.package_id = id.into();
    resolved.package_version = version.into();
    resolved.schema_version = SCHEMA_VERSION.into();
    resolved.publisher_id = PUBLISHER_ID.into();
    resolved.publisher_type = "local".into();
    resolved.contract_signature = definition_digest.clone();
    resolved.manifest = manifest.clone();
    resolved.lock = lock.clone();
    resolved.lineage = as_map(&Value::Object(lineage_record.clone())).as_object().cloned().unwrap_or_default();
    consumption::check_hard_rules(&resolved)
        .map_err(|m| Error::new("ANIP_EXECUTION_METADATA", format!("publish package: {m}")))?;
    let pes = execution_signature::compute(&resolved);
    manifest.insert("package_execution_signature", pes.as_str().into());
    lock.insert("package_execution_signature", pes.as_str().into());
    let manifest_digest = canonical_digest(&Value::Object(manifest.clone()));
    let lock_digest = canonical_digest(&Value::Object(lock.clone()));
    resolved.manifest = manifest.clone();
    resolved.lock = lock.clone();
    resolved.package_execution_signature = pes.clone();
    resolved.stored_definition_digest = definition_digest.clone();
    resolved.stored_manifest_digest = manifest_digest.clone();
    resolved.stored_lock_digest = lock_digest.clone();
    resolved.receipt_issued_at = at.clone();

    let digests = PayloadDigests { definition: &definition_digest, contract_signature: &definition_digest };
    let signature = signer.sign_string(&receipt::ed25519_message(&resolved, &digests, Payload::Current));
    let receipt_id = canonical_digest(
        &Map::new().with("package_id", id).with("package_version", version).with("issued_at", at.as_str()).into(),
    );
    let lifecycle = Map::record().with("status", "active");
    // Publication summary and package record share their identity fields (struct order).
    let identity = || {
        Map::record()
            .with("package_id", id)
            .with("package_version", version)
            .with("project_ref", refs.project.as_str())
            .with("product_revision_ref", refs.product.as_str())
            .with("developer_revision_ref", refs.developer.as_str())
            .with("contract_signature", definition_digest.as_str())
            .with("publisher_id", PUBLISHER_ID)
            .with("publisher_type", "local")
            .with("lineage", lineage_record.clone())
    };
    let publication = identity()
        .with("published_at", at.as_str())
        .with("download_count", 0usize)
        .with("lifecycle", lifecycle.clone());
    let package = identity()
        .with("schema_version", SCHEMA_VERSION)
        .with("manifest_digest", manifest_digest.as_str())
        .with("definition_digest", definition_digest.as_str())
        .with("lock_digest", lock_digest.as_str())
        .with("package_execution_signature", pes.as_str())
        .with("published_at", at.as_str())
        .with("download_count", 0usize)
        .with("lifecycle", lifecycle)
        .with("manifest", manifest.clone())
        .with("service_definition", def.clone())
        .with("recommended_lock", lock.clone())
        .with("readme", readme_text.trim());
    let receipt = Map::record()
        .with("receipt_id", receipt_id.as_str())
        .with("package_id", id)
        .with("package_version", version)
        .with("registry_signature", signature.as_str())
        .with("signature_algorithm", "ed25519")
        .with("key_id", signer.key_id.as_str())
        .with("publisher_id", PUBLISHER_ID)
        .with("publisher_type", "local")
        .with("issued_at", at.as_str());
    let bundle = Map::record()
        .with("bundle_schema_version", "anip-package-bundle/v1")
        .with("authority", "local-dev-registry")
        .with("publication", publication)
        .with("package", package)
        .with("receipt", receipt)
        .with("lineage", lineage_record)
        .with("manifest", manifest.clone())
        .with("service_definition", def)
        .with("lock", lock.clone())
        .with(
            "registry_keys",
            Value::Array(alloc::vec![Map::record()
                .with("key_id", signer.key_id.as_str())
                .with("algorithm", "ed25519")
                .with("public_key", signer.public_key_base64())
                .into()]),
        )
        .with(
            "digests",
            Map::new()
                .with("manifest", manifest_digest.as_str())
                .with("service_definition", definition_digest.as_str())
                .with("lock", lock_digest.as_str())
                .with("receipt", receipt_id.as_str()),
        );
    let stem = format!("{id}-{version}");
    let mut readme_file = readme_text.trim().to_string();
    readme_file.push('\n');
    Ok(alloc::vec![
        pretty_file(format!("{stem}-manifest.json"), &Value::Object(manifest)),
        pretty_file(format!("{stem}-lock.json"), &Value::Object(lock)),
        pretty_file(format!("{stem}.anip-package.json"), &Value::Object(bundle)),
        OutputFile { name: "README.md".into(), bytes: readme_file.into_bytes() },
    ])
}
