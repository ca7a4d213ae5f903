//! `integration_fronting` (ANIP-DEFV-6) and the verify summary of its mappings
//! (ANIP-VER-6 rows 4a–4c).
use alloc::collections::BTreeSet;
use alloc::format;
use alloc::string::String;

use super::fields::{is_string_slice, slice_field, str_field, string_slice_field};
use crate::emulate::go::quote::go_quote;
use super::patterns::{is_capability_id, is_operation};
use super::safe_text::is_safe_text;
use super::Catalog;
use crate::json::{Map, Value};

const BACKEND_KINDS: [&str; 4] = ["native_api", "mcp", "database", "hybrid"];
const INPUT_MODES: [&str; 3] = ["implicit", "hybrid", "explicit"];
const MAPPING_LISTS: [&str; 5] =
    ["required_inputs", "optional_inputs", "approval_rule_refs", "denial_rule_refs", "clarification_rule_refs"];
const BINDING_LISTS: [&str; 5] = [
    "derived_required_backend_inputs",
    "derived_optional_backend_inputs",
    "explicit_required_backend_inputs",
    "explicit_optional_backend_inputs",
    "matched_discovery_record_ids",
];

pub(super) fn validate(fronting: &Map, catalog: &Catalog<'_>) -> Result<(), String> {
    let mut seen = BTreeSet::new();
    for (m, item) in slice_field(fronting, "capability_mappings").iter().enumerate() {
        let prefix = format!("integration_fronting.capability_mappings[{m}]");
        let Value::Object(mapping) = item else {
            return Err(format!("{prefix} must be an object"));
        };
        let cap_id = str_field(mapping, "capability_id");
        if cap_id.is_empty() || !is_capability_id(cap_id) {
            return Err(format!("{prefix}.capability_id is invalid"));
        }
        if !seen.insert(cap_id) {
            return Err(format!("{prefix}.capability_id {} is duplicated", go_quote(cap_id)));
        }
        let Some(&(_, capability)) = catalog.capabilities.get(cap_id) else {
            return Err(format!("{prefix}.capability_id {} is not a formalized capability", go_quote(cap_id)));
        };
        let service_id = str_field(mapping, "service_id");
        if service_id.is_empty() || !catalog.service_ids.contains(service_id) {
            return Err(format!("{prefix}.service_id is not in service_topology_bindings"));
        }
        let owner = str_field(capability, "service_id");
        if owner != service_id {
            return Err(format!("{prefix}.service_id must match formalized capability owner {}", go_quote(owner)));
        }
        for field in ["title", "intent"] {
            let text = str_field(mapping, field);
            if !text.is_empty() && !is_safe_text(text) {
                return Err(format!("{prefix}.{field} contains unsafe text"));
            }
        }
        let bindings = slice_field(mapping, "backend_bindings");
        if bindings.is_empty() {
            // Without explicit bindings the mapping itself is the binding.
            validate_binding(&prefix, mapping)?;
        }
        for (b, item) in bindings.iter().enumerate() {
            let bprefix = format!("{prefix}.backend_bindings[{b}]");
            let Value::Object(binding) = item else {
                return Err(format!("{bprefix} must be an object"));
            };
            validate_binding(&bprefix, binding)?;
        }
        for field in MAPPING_LISTS {
            if mapping.get(field).is_some_and(|v| !is_string_slice(v)) {
                return Err(format!("{prefix}.{field} must be strings"));
            }
        }
    }
    Ok(())
}

fn validate_binding(prefix: &str, binding: &Map) -> Result<(), String> {
    if !BACKEND_KINDS.contains(&str_field(binding, "backend_kind")) {
        return Err(format!("{prefix}.backend_kind is invalid"));
    }
    let connection_ref = str_field(binding, "connection_ref");
    if connection_ref.is_empty() || !is_operation(connection_ref) {
        return Err(format!("{prefix}.connection_ref is invalid"));
    }
    let raw_ops = string_slice_field(binding, "raw_operation_refs");
    if raw_ops.is_empty() {
        return Err(format!("{prefix}.raw_operation_refs must contain at least one raw backend operation"));
    }
    if !raw_ops.iter().all(|op| is_operation(op)) {
        return Err(format!("{prefix}.raw_operation_refs contains invalid operation"));
    }
    let mode = str_field(binding, "backend_input_mode");
    if !mode.is_empty() && !INPUT_MODES.contains(&mode) {
        return Err(format!("{prefix}.backend_input_mode is invalid"));
    }
    for field in BINDING_LISTS {
        if binding.get(field).is_some_and(|v| !is_string_slice(v)) {
            return Err(format!("{prefix}.{field} must be strings"));
        }
    }
    Ok(())
}

/// What verify reports about fronting mappings (ANIP-VER-6 rows 4b–4c).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FrontingSummary {
    /// Number of capability mappings.
    pub mappings: usize,
    /// Every mapping's `capability_id` is a formalized capability id.
    pub all_formalized: bool,
    /// Raw operations counted over the bindings that have a connection and operations.
    pub raw_operations: usize,
    /// Every binding has a non-blank `connection_ref` and at least one raw operation.
    pub all_bindings_governed: bool,
}

/// `None` when the definition declares no `integration_fronting.capability_mappings`
/// (row 4a). Read through the typed model like upstream: ids compare untrimmed, and
/// a mapping without `backend_bindings` is its own single binding.
/// `typed` is the definition's typed view ([`super::Typed::value`]).
pub fn fronting_summary(typed: &Value) -> Option<FrontingSummary> {
    let mappings = typed.get("integration_fronting")?.get("capability_mappings")?.as_array()?;
    if mappings.is_empty() {
        return None;
    }
    let formalized = crate::sort::set(
        typed
            .get("capability_formalizations")
            .and_then(Value::as_array)
            .unwrap_or(&[])
            .iter()
            .map(|c| c.get("capability_id").and_then(Value::as_str).unwrap_or("")),
    );
    let mut summary =
        FrontingSummary { mappings: 0, all_formalized: true, raw_operations: 0, all_bindings_governed: true };
    for mapping in mappings {
        summary.mappings += 1;
        if !formalized.contains(mapping.get("capability_id").and_then(Value::as_str).unwrap_or("")) {
            summary.all_formalized = false;
        }
        let bindings = mapping.get("backend_bindings").and_then(Value::as_array).filter(|b| !b.is_empty());
        let single = [mapping.clone()];
        for binding in bindings.unwrap_or(&single) {
            let connection = binding.get("connection_ref").and_then(Value::as_str).unwrap_or("");
            let ops = binding.get("raw_operation_refs").and_then(Value::as_array).map_or(0, <[Value]>::len);
            if connection.trim().is_empty() || ops == 0 {
                summary.all_bindings_governed = false;
                continue;
            }
            summary.raw_operations += ops;
        }
    }
    Some(summary)
}
