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

/// The trimmed, non-empty `capability_formalizations[].capability_id` values, in
/// document order (non-object entries and non-string ids are skipped).
pub fn formalized_capability_ids(def: &Value) -> Vec<String> {
    let Some(def) = def.as_object() else {
        return Vec::new();
    };
    slice_field(def, "capability_formalizations")
        .iter()
        .filter_map(Value::as_object)
        .map(|cap| str_field(cap, "capability_id"))
        .filter(|id| !id.is_empty())
        .map(ToString::to_string)
        .collect()
}
