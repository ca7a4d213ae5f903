//! Composed capabilities (ANIP-DEFV-4).
//!
//! Upstream iterates `input_mapping` and `output_mapping` as Go maps (random
//! order); we visit keys in sorted byte order (ANIP-COMPAT-7).
use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::String;

use super::fields::{bool_field, map_field, slice_field, str_field};
use crate::emulate::go::quote::go_quote;
use super::inputs::input_name;
use super::patterns::{is_input_name, parse_json_path, JsonPath};
use super::Catalog;
use crate::json::{Map, Value};

const FAILURE_FIELDS: [&str; 4] = ["child_clarification", "child_denial", "child_approval_required", "child_error"];

pub(super) fn validate(c: usize, parent: &Map, comp: &Map, catalog: &Catalog<'_>) -> Result<(), String> {
    let p = format!("capability_formalizations[{c}].composition");
    if str_field(comp, "authority_boundary") != "same_service" {
        return Err(format!("{p}.authority_boundary must be same_service"));
    }
    let steps = slice_field(comp, "steps");
    if steps.is_empty() {
        return Err(format!("{p}.steps must contain at least one step"));
    }
    let input_mapping =
        map_field(comp, "input_mapping").ok_or_else(|| format!("{p}.input_mapping must be an object"))?;
    let output_mapping =
        map_field(comp, "output_mapping").ok_or_else(|| format!("{p}.output_mapping must be an object"))?;
    let failure_policy =
        map_field(comp, "failure_policy").ok_or_else(|| format!("{p}.failure_policy must be an object"))?;
    for field in FAILURE_FIELDS {
        match str_field(failure_policy, field) {
            "" => return Err(format!("{p}.failure_policy.{field} is required")),
            "propagate" | "fail_parent" => {}
            _ => return Err(format!("{p}.failure_policy.{field} must be propagate or fail_parent")),
        }
    }
    if map_field(comp, "audit_policy").is_none() {
        return Err(format!("{p}.audit_policy must be an object"));
    }
    let step_index = validate_steps(&p, parent, comp, steps, input_mapping, catalog)?;
    validate_input_mapping(&p, input_mapping, &step_index)?;
    validate_output_mapping(&p, output_mapping, &step_index)
}

/// Step 6–7: the steps, their children and the empty-result policy. Returns the
/// position of every (trimmed) step id.
fn validate_steps<'a>(
    p: &str,
    parent: &Map,
    comp: &Map,
    steps: &'a [Value],
    input_mapping: &Map,
    catalog: &Catalog<'_>,
) -> Result<BTreeMap<&'a str, usize>, String> {
    let parent_id = str_field(parent, "capability_id");
    let parent_service = str_field(parent, "service_id");
    let mut step_index = BTreeMap::new();
    let mut empty_sources = 0usize;
    for (s, item) in steps.iter().enumerate() {
        let Value::Object(step) = item else {
            return Err(format!("{p}.steps[{s}] must be an object"));
        };
        let id = str_field(step, "id");
        let child_id = str_field(step, "capability");
        if id.is_empty() || child_id.is_empty() {
            return Err(format!("{p}.steps[{s}] requires id and capability"));
        }
        if !is_input_name(id) {
            return Err(format!("{p}.steps[{s}].id is invalid"));
        }
        if step_index.insert(id, s).is_some() {
            return Err(format!("{p}.steps[{s}].id is duplicated"));
        }
        if bool_field(step, "empty_result_source") {
            empty_sources += 1;
        }
        if child_id == parent_id {
            return Err(format!("{p}.steps[{s}].capability cannot self-reference the composed capability"));
        }
        let Some(&(k, child)) = catalog.capabilities.get(child_id) else {
            return Err(format!("{p}.steps[{s}].capability {} is not defined", go_quote(child_id)));
        };
        let child_service = str_field(child, "service_id");
        if child_service != parent_service {
            return Err(format!(
                "{p}.steps[{s}].capability {} is owned by service {}; same_service composition requires service {}",
                go_quote(child_id),
                go_quote(child_service),
                go_quote(parent_service)
            ));
        }
        let child_kind = str_field(child, "kind");
        if child_kind != "atomic" {
            return Err(format!(
                "{p}.steps[{s}].capability {} must be atomic; capability_formalizations[{k}].kind is {}",
                go_quote(child_id),
                go_quote(child_kind)
            ));
        }
        for (j, item) in slice_field(child, "inputs").iter().enumerate() {
            let Value::Object(input) = item else {
                return Err(format!("capability_formalizations[{k}].inputs[{j}] must be an object"));
            };
            if !bool_field(input, "required") {
                continue;
            }
            let name = input_name(input);
            let mapped = map_field(input_mapping, id).map(|m| str_field(m, name)).unwrap_or("");
            if mapped.is_empty() {
                return Err(format!(
                    "{p}.input_mapping[{}].{name} is required for child capability {}",
                    go_quote(id),
                    go_quote(child_id)
                ));
            }
        }
    }
    if empty_sources > 1 {
        return Err(format!("{p}.steps may contain at most one empty_result_source"));
    }
    let policy = str_field(comp, "empty_result_policy");
    if empty_sources == 1 && policy.is_empty() {
        return Err(format!("{p}.empty_result_policy is required when a step has empty_result_source"));
    }
    if policy == "return_success_no_results" && !map_field(comp, "empty_result_output").is_some_and(|m| !m.is_empty()) {
        return Err(format!(
            "{p}.empty_result_output is required when empty_result_policy is return_success_no_results"
        ));
    }
    Ok(step_index)
}

/// Step 8: every `input_mapping` entry, in sorted key order.
fn validate_input_mapping(p: &str, input_mapping: &Map, step_index: &BTreeMap<&str, usize>) -> Result<(), String> {
    for (step_key, value) in input_mapping.sorted() {
        let Some(&position) = step_index.get(step_key.as_str()) else {
            return Err(format!("{p}.input_mapping key {} is not a declared step", go_quote(step_key)));
        };
        let Value::Object(mapping) = value else {
            return Err(format!("{p}.input_mapping[{}] must be an object", go_quote(step_key)));
        };
        for (input, path_value) in mapping.sorted() {
            let at = format!("{p}.input_mapping[{}].{input}", go_quote(step_key));
            let Value::String(path) = path_value else {
                return Err(format!("{at} must be a JSONPath string"));
            };
            match parse_json_path(path) {
                None => return Err(format!("{at} contains malformed JSONPath {}", go_quote(path))),
                Some(JsonPath::Input) => {}
                Some(JsonPath::Step(referenced)) => match step_index.get(referenced) {
                    None => return Err(format!("{at} references unknown step {}", go_quote(referenced))),
                    Some(&r) if r >= position => {
                        return Err(format!("{at} forward-references step {}", go_quote(referenced)))
                    }
                    Some(_) => {}
                },
            }
        }
    }
    Ok(())
}

/// Step 9: `output_mapping`, in sorted key order.
fn validate_output_mapping(p: &str, output_mapping: &Map, step_index: &BTreeMap<&str, usize>) -> Result<(), String> {
    if output_mapping.is_empty() {
        return Err(format!("{p}.output_mapping must contain at least one field"));
    }
    for (field, path_value) in output_mapping.sorted() {
        if field.trim().is_empty() {
            return Err(format!("{p}.output_mapping field name is required"));
        }
        let Value::String(path) = path_value else {
            return Err(format!("{p}.output_mapping.{field} must be a JSONPath string"));
        };
        match parse_json_path(path) {
            None => return Err(format!("{p}.output_mapping.{field} contains malformed JSONPath {}", go_quote(path))),
            Some(JsonPath::Step(referenced)) if !step_index.contains_key(referenced) => {
                return Err(format!("{p}.output_mapping.{field} references unknown step {}", go_quote(referenced)))
            }
            Some(_) => {}
        }
    }
    Ok(())
}
