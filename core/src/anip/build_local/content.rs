//! What upstream's `package build-local` derives from the service definition before it
//! publishes: service and capability ids, the README, usage commands, the readiness
//! report, the consumability metadata and the lineage. Upstream reads the definition
//! as a Go `map[string]any`, leniently: a field of the wrong type reads as empty, and
//! strings are trimmed. Everything here is built before the Registry validates the
//! definition, so it must also hold for definitions that later fail validation.
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::json::{Map, Value};

pub(super) const SPEC_VERSION: &str = "anip/0.24";

/// Go's `stringValue`: a trimmed string, or "" for anything else.
pub(super) fn string_value(v: Option<&Value>) -> &str {
    v.and_then(Value::as_str).map_or("", str::trim)
}

/// Go's `firstNonEmpty`: the first value that is not blank, trimmed.
pub(super) fn first_non_empty<'a>(values: &[&'a str]) -> &'a str {
    values
        .iter()
        .map(|v| v.trim())
        .find(|v| !v.is_empty())
        .unwrap_or("")
}

fn map_value(v: Option<&Value>) -> Option<&Map> {
    v.and_then(Value::as_object)
}

fn slice(v: Option<&Value>) -> &[Value] {
    v.and_then(Value::as_array).unwrap_or(&[])
}

fn capabilities(def: &Map) -> impl Iterator<Item = Option<&Map>> {
    slice(def.get("capability_formalizations"))
        .iter()
        .map(Value::as_object)
}

fn capability_id(cap: Option<&Map>) -> &str {
    let field = |k| string_value(cap.and_then(|c| c.get(k)));
    first_non_empty(&[field("capability_id"), field("id")])
}

fn push_unique(ids: &mut Vec<String>, id: &str) {
    if !id.is_empty() && !ids.iter().any(|seen| seen == id) {
        ids.push(id.to_string());
    }
}

/// Topology service ids (`service_id`, else `id`), then capability `service_id`s
/// not seen yet; first occurrence wins.
pub(super) fn service_ids(def: &Map) -> Vec<String> {
    let mut ids = Vec::new();
    for service in slice(def.get("service_topology_bindings")) {
        let field = |k| string_value(service.as_object().and_then(|s| s.get(k)));
        push_unique(
            &mut ids,
            first_non_empty(&[field("service_id"), field("id")]),
        );
    }
    for cap in capabilities(def) {
        push_unique(
            &mut ids,
            string_value(cap.and_then(|c| c.get("service_id"))),
        );
    }
    ids
}

/// Capability ids (`capability_id`, else `id`); first occurrence wins.
pub(super) fn capability_ids(def: &Map) -> Vec<String> {
    let mut ids = Vec::new();
    for cap in capabilities(def) {
        push_unique(&mut ids, capability_id(cap));
    }
    ids
}

/// Go's `nestedString(def, "identity", "system_name")`.
pub(super) fn system_name(def: &Map) -> &str {
    match map_value(def.get("identity")) {
        Some(identity) if !identity.is_empty() => string_value(identity.get("system_name")),
        _ => "",
    }
}

/// The package README (untrimmed; the Registry stores it trimmed).
pub(super) fn readme(
    system: &str,
    id: &str,
    version: &str,
    port: i64,
    cap_ids: &[String],
    services: usize,
) -> String {
    let mut out = format!(
        "# {system}\n\nANIP package `{id}@{version}` for local showcase and registry smoke usage.\n\n## Contents\n\n- Services: {services}\n- Capabilities: {}\n- ANIP spec: `{SPEC_VERSION}`\n\n",
        cap_ids.len()
    );
    if !cap_ids.is_empty() {
        out.push_str("## Capability Surface\n\n");
        for cap in cap_ids {
            out.push_str(&format!("- `{cap}`\n"));
        }
        out.push('\n');
    }
    out.push_str(&format!(
        "## Generate\n\nFrom a downloaded package bundle:\n\n```bash\n{}\n```\n\nFrom a trusted registry package:\n\n```bash\n{}\n```\n\n## Verify\n\n```bash\n{VERIFY_DEFINITION}\n{VERIFY_BUNDLE}\n```\n\n## Run Locally\n\nGenerated services default to port `{port}` unless overridden by the generated runtime configuration.\n",
        generate_from_bundle(id),
        generate_from_registry(id, version)
    ));
    out
}

const VERIFY_DEFINITION: &str =
    "go run ./cmd/anip-verify --definition anip-service-definition.json";
const VERIFY_BUNDLE: &str =
    "go run ./cmd/anip-verify --package-bundle <downloaded-package>.anip-package.json";

fn generate_from_bundle(id: &str) -> String {
    format!("go run ./cmd/anip-generate --package-bundle <downloaded-package>.anip-package.json --target python --dependency-source local --output ./generated/{id} --force")
}

fn generate_from_registry(id: &str, version: &str) -> String {
    format!("go run ./cmd/anip-generate --registry-url <registry-url> --package-id {id} --package-version {version} --target python --dependency-source registry --output ./generated/{id} --force")
}

/// The manifest's `usage` commands.
pub(super) fn usage(id: &str, version: &str, port: i64) -> Map {
    Map::new()
        .with("generate_from_bundle", generate_from_bundle(id))
        .with(
            "generate_from_registry",
            generate_from_registry(id, version),
        )
        .with("verify_definition", VERIFY_DEFINITION)
        .with("verify_bundle", VERIFY_BUNDLE)
        .with("local_port", port as f64)
}

/// Whether a required input says what it means (upstream's build-local rule, which
/// differs from verify's classification: no `entity_type`, `input_name` only).
fn is_classified(input: Option<&Map>) -> bool {
    let field = |k| input.and_then(|i| i.get(k));
    [
        "semantic_type",
        "input_format",
        "validation_pattern",
        "clarification_hint",
    ]
    .iter()
    .any(|k| !string_value(field(k)).is_empty())
        || matches!(field("entity_reference"), Some(Value::Bool(true)))
        || !slice(field("allowed_values")).is_empty()
}

fn readiness_findings(def: &Map) -> Vec<Value> {
    let mut findings = Vec::new();
    for cap in capabilities(def) {
        let cap_id = capability_id(cap);
        if cap_id.is_empty() {
            continue;
        }
        for input in slice(cap.and_then(|c| c.get("inputs"))) {
            let input = input.as_object();
            let required = matches!(
                input.and_then(|i| i.get("required")),
                Some(Value::Bool(true))
            );
            let name = string_value(input.and_then(|i| i.get("input_name")));
            if !required || is_classified(input) || name.is_empty() {
                continue;
            }
            findings.push(
                Map::new()
                    .with("id", format!("{cap_id}:{name}:classification"))
                    .with("severity", "warning")
                    .with("category", "clarification_behavior")
                    .with("owner", "developer_contract")
                    .with("title", "Required input needs meaning")
                    .with("detail", format!("{name} is required, but the contract does not yet state what kind of business value it represents or how a user should provide it."))
                    .with("recommendation", "Review this input and add its business meaning, format, allowed values, or clarification guidance before publishing.")
                    .with("capability_id", cap_id)
                    .with("input_name", name)
                    .with("source", "capability")
                    .into(),
            );
        }
    }
    findings
}

/// `agent_consumption_readiness`: one warning per unclassified required input.
pub(super) fn readiness(def: &Map, cap_ids: &[String]) -> Value {
    let findings = readiness_findings(def);
    let warnings = findings.len();
    let probes: Vec<Value> = cap_ids
        .iter()
        .map(|id| {
            Map::new()
                .with("capability_id", id.as_str())
                .with("status", "ready")
                .with("kind", "contract_declared")
                .into()
        })
        .collect();
    Map::new()
        .with("artifact_type", "agent_consumption_readiness")
        .with("schema_version", "anip-agent-consumption-readiness/v0")
        .with(
            "status",
            if warnings == 0 {
                "ready"
            } else {
                "needs_review"
            },
        )
        .with("score", 100.0 - (warnings as f64 * 5.0).min(45.0))
        .with(
            "summary",
            Map::new()
                .with("blockers", 0.0)
                .with("warnings", warnings as f64)
                .with("info", 0.0)
                .with("required_app_glue", 0.0)
                .with("probes", probes.len() as f64)
                .with("capability_surface", cap_ids.len() as f64),
        )
        .with("findings", Value::Array(findings))
        .with("probes", Value::Array(probes))
        .with("required_app_glue", Value::Array(Vec::new()))
        .into()
}

/// `required_context` of one capability: every named input, with its posture and
/// its (possibly empty) semantic type.
fn required_context(cap: Option<&Map>) -> Value {
    let mut context = Vec::new();
    for input in slice(cap.and_then(|c| c.get("inputs"))) {
        let field = |k| input.as_object().and_then(|i| i.get(k));
        let name = string_value(field("input_name"));
        if name.is_empty() {
            continue;
        }
        let mut posture = String::from(if matches!(field("required"), Some(Value::Bool(true))) {
            "required"
        } else {
            "optional"
        });
        if !string_value(field("clarification_hint")).is_empty() {
            posture.push_str(":clarify");
        }
        context.push(
            Map::new()
                .with("input", name)
                .with("posture", posture)
                .with("semantic_type", string_value(field("semantic_type")))
                .into(),
        );
    }
    Value::Array(context)
}

/// `agent_consumability`: per capability its intent, business effects and context,
/// and the same as a hint list in definition order.
pub(super) fn consumability(def: &Map) -> Value {
    let mut hints = Vec::new();
    let mut by_id = Map::new();
    for cap in capabilities(def) {
        let id = capability_id(cap);
        if id.is_empty() {
            continue;
        }
        let field = |k| string_value(cap.and_then(|c| c.get(k)));
        let context = required_context(cap);
        hints.push(
            Map::new()
                .with("capability_id", id)
                .with("title", field("title"))
                .with("summary", field("summary"))
                .with("side_effect_level", field("side_effect_level"))
                .with("required_context", context.clone())
                .into(),
        );
        let effects = map_value(cap.and_then(|c| c.get("business_effects")))
            .cloned()
            .unwrap_or_default();
        by_id.insert(
            id,
            Map::new()
                .with(
                    "intent",
                    Map::new()
                        .with("category", id)
                        .with("summary", field("summary")),
                )
                .with("business_effects", effects)
                .with("required_context", context)
                .into(),
        );
    }
    Map::new()
        .with("artifact_type", "agent_consumability_metadata")
        .with("schema_version", "anip-agent-consumability/v0")
        .with("capabilities", by_id)
        .with("capability_hints", Value::Array(hints))
        .into()
}

/// Lineage references (flags, else derived from the package id).
pub(super) struct Refs {
    pub project: String,
    pub product: String,
    pub developer: String,
}

/// The lineage map shared by manifest, lock, package record and receipt.
pub(super) fn lineage(refs: &Refs, generated_at: &str, contract_signature: &str) -> Map {
    Map::new()
        .with("project_ref", refs.project.as_str())
        .with(
            "product_revision",
            Map::new()
                .with("ref", refs.product.as_str())
                .with("artifact_id", refs.product.as_str())
                .with("revision_number", 1.0)
                .with("baseline_locked_at", generated_at),
        )
        .with(
            "developer_revision",
            Map::new()
                .with("ref", refs.developer.as_str())
                .with("artifact_id", refs.developer.as_str())
                .with("revision_number", 1.0)
                .with("contract_signature", contract_signature),
        )
}

/// One `source_links` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct SourceLink {
    pub title: String,
    pub url: String,
}

/// `--source-doc-url` and `--showcase-url` as the Registry normalises them: a link
/// for every non-empty flag, title and URL trimmed.
pub(super) fn source_links(doc_url: &str, showcase_url: &str) -> Vec<SourceLink> {
    [
        ("Source documentation", doc_url),
        ("Showcase files", showcase_url),
    ]
    .iter()
    .filter(|(_, url)| !url.is_empty())
    .map(|(title, url)| SourceLink {
        title: (*title).to_string(),
        url: url.trim().to_string(),
    })
    .collect()
}

pub(super) fn source_links_value(links: &[SourceLink]) -> Value {
    Value::Array(
        links
            .iter()
            .map(|l| {
                Map::new()
                    .with("title", l.title.as_str())
                    .with("url", l.url.as_str())
                    .into()
            })
            .collect(),
    )
}
