//! Service-definition validation (ANIP-DEF-2, Appendix A ANIP-DEFV-1..7) and the
//! definition-derived verify checks (ANIP-VER-6 rows 3–5, ANIP-CONS-3).
//!
//! | module | rules |
//! |---|---|
//! | this file | top level, topology, capability ids (ANIP-DEFV-1) |
//! | [`capability`] | one capability (ANIP-DEFV-2) |
//! | [`inputs`], [`resolution`] | capability inputs (ANIP-DEFV-3) |
//! | [`composition`] | composed capabilities (ANIP-DEFV-4) |
//! | [`path_template`] | `path_template` (ANIP-DEFV-5) |
//! | [`fronting`] | `integration_fronting` (ANIP-DEFV-6) and the verify summary (rows 4a–4c) |
//! | [`grant_policy`] | `grant_policy` (ANIP-DEFV-7) |
//! | [`shape`] | `service_definition_shape_valid` (row 3, ANIP-DEF-1) |
//! | [`classification`] | required-input classification (ANIP-CONS-3) |
//! | [`safe_text`], [`patterns`], [`re2`], [`go_quote`] | the text rules they share |
//!
//! Every check returns upstream's message for the first failing rule. Where
//! upstream iterates a Go map (composition mappings), keys are visited in sorted
//! order so the result is deterministic (ANIP-COMPAT-7).
use alloc::collections::{BTreeMap, BTreeSet};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::json::{Map, Value};

mod capability;
mod classification;
mod composition;
mod fields;
mod fronting;
mod grant_policy;
mod inputs;
mod path_template;
mod patterns;
mod resolution;
mod safe_text;
pub mod shape;
mod typed_decode;
mod typed_model;

#[cfg(test)]
mod tests;

pub use classification::unclassified_required_inputs;
pub use fronting::fronting_summary;
pub use typed_decode::Typed;
#[cfg(test)]
use fronting::FrontingSummary;

use fields::{map_field, slice_field, str_field};
use crate::emulate::go::quote::go_quote;
use patterns::{is_capability_id, is_service_id};
use safe_text::is_safe_text;

/// What the per-capability rules need to know about the whole definition.
pub(crate) struct Catalog<'a> {
    /// Trimmed topology service ids.
    service_ids: BTreeSet<&'a str>,
    /// Capabilities by trimmed `capability_id`: index and object.
    capabilities: BTreeMap<&'a str, (usize, &'a Map)>,
}

/// `definitionvalidation.ValidateServiceDefinition`: the first failing rule's
/// message (without the `resolved service definition failed validation: ` prefix).
/// A value that is not an object is validated as an empty object.
pub fn validate_service_definition(def: &Value) -> Result<(), String> {
    let empty = Map::new();
    validate_service_definition_object(def.as_object().unwrap_or(&empty))
}

/// [`validate_service_definition`] of a definition held as a [`Map`].
pub fn validate_service_definition_object(def: &Map) -> Result<(), String> {
    if str_field(def, "artifact_type") != "anip_service_definition" {
        return Err("service_definition.artifact_type must be anip_service_definition".into());
    }
    if str_field(def, "contract_schema_version") != "anip-service-definition/v1" {
        return Err("service_definition.contract_schema_version must be anip-service-definition/v1".into());
    }
    match map_field(def, "identity") {
        Some(identity) if !identity.is_empty() && !str_field(identity, "system_name").is_empty() => {}
        _ => return Err("service_definition.identity.system_name is required".into()),
    }
    let service_ids = validate_topology(def)?;
    let capabilities = index_capabilities(def)?;
    let catalog = Catalog { service_ids, capabilities };
    for (index, item) in slice_field(def, "capability_formalizations").iter().enumerate() {
        if let Value::Object(cap) = item {
            capability::validate(index, cap, &catalog)?;
        }
    }
    if let Some(fronting) = map_field(def, "integration_fronting") {
        if !fronting.is_empty() {
            fronting::validate(fronting, &catalog)?;
        }
    }
    Ok(())
}

/// ANIP-DEFV-1 steps 4–5: the topology services and their ids.
fn validate_topology(def: &Map) -> Result<BTreeSet<&str>, String> {
    let topology = slice_field(def, "service_topology_bindings");
    if topology.is_empty() {
        return Err("service_definition.service_topology_bindings must contain at least one service".into());
    }
    let mut ids = BTreeSet::new();
    for (n, item) in topology.iter().enumerate() {
        let Value::Object(service) = item else {
            return Err(format!("service_topology_bindings[{n}] must be an object"));
        };
        if service.contains_key("ownership_mode") {
            return Err(format!("service_topology_bindings[{n}].ownership_mode is not supported"));
        }
        let id = str_field(service, "service_id");
        if id.is_empty() {
            return Err(format!("service_topology_bindings[{n}].service_id is required"));
        }
        if !is_service_id(id) {
            return Err(format!("service_topology_bindings[{n}].service_id is invalid"));
        }
        let name = str_field(service, "service_name");
        if !name.is_empty() && !is_safe_text(name) {
            return Err(format!("service_topology_bindings[{n}].service_name contains unsafe text"));
        }
        if !ids.insert(id) {
            return Err(format!("service_topology_bindings[{n}].service_id {} is duplicated", go_quote(id)));
        }
    }
    Ok(ids)
}

/// ANIP-DEFV-1 steps 6–7: the first pass over the capabilities.
fn index_capabilities(def: &Map) -> Result<BTreeMap<&str, (usize, &Map)>, String> {
    let capabilities = slice_field(def, "capability_formalizations");
    if capabilities.is_empty() {
        return Err("service_definition.capability_formalizations must contain at least one capability".into());
    }
    let mut by_id = BTreeMap::new();
    for (c, item) in capabilities.iter().enumerate() {
        let Value::Object(cap) = item else {
            return Err(format!("capability_formalizations[{c}] must be an object"));
        };
        let id = str_field(cap, "capability_id");
        if id.is_empty() {
            return Err(format!("capability_formalizations[{c}].capability_id is required"));
        }
        if !is_capability_id(id) {
            return Err(format!("capability_formalizations[{c}].capability_id is invalid"));
        }
        if by_id.insert(id, (c, cap)).is_some() {
            return Err(format!("capability_formalizations[{c}].capability_id {} is duplicated", go_quote(id)));
        }
    }
    Ok(by_id)
}

/// The ids upstream's capability scan checks a custom code bundle against
/// (`validateCustomCodeBundleCapabilities`): the `formalized_capability_ids` of the
/// generated project's services. Services are the distinct trimmed
/// `capability_formalizations[].service_id`, then `generation.selected_service_ids`,
/// each with the last `service_topology_bindings` entry of its id. Only the Python
/// target's project lists services, so for every other target the set is empty and the
/// scan does not run. Trimmed, non-empty, in that order.
pub fn scan_contract_ids(def: &Map, python_target: bool) -> Vec<String> {
    if !python_target {
        return Vec::new();
    }
    let mut services: Vec<&str> = Vec::new();
    let capability_services = slice_field(def, "capability_formalizations").iter().filter_map(Value::as_object).map(|c| str_field(c, "service_id"));
    let selected = map_field(def, "generation").map_or(&[][..], |g| slice_field(g, "selected_service_ids")).iter().filter_map(Value::as_str).map(str::trim);
    for id in capability_services.chain(selected) {
        if !id.is_empty() && !services.contains(&id) {
            services.push(id);
        }
    }
    let bindings = slice_field(def, "service_topology_bindings");
    let binding_of = |id: &str| bindings.iter().filter_map(Value::as_object).rfind(|b| b.get("service_id").and_then(Value::as_str).map(str::trim) == Some(id));
    services
        .iter()
        .filter_map(|id| binding_of(id))
        .flat_map(|b| slice_field(b, "formalized_capability_ids"))
        .filter_map(Value::as_str)
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(ToString::to_string)
        .collect()
}
