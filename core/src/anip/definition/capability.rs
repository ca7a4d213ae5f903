//! One capability (ANIP-DEFV-2).
use alloc::format;
use alloc::string::String;

use super::fields::str_field;
use crate::emulate::go::quote::go_quote;
use super::patterns::is_operation;
use super::safe_text::is_safe_text;
use super::{composition, grant_policy, inputs, path_template, Catalog};
use crate::anip::effects::validate_business_effects;
use crate::json::{Map, Value};

/// Required non-blank strings, in upstream's order.
const REQUIRED: [&str; 11] = [
    "service_id",
    "capability_id",
    "title",
    "summary",
    "intent_type",
    "operation_type",
    "side_effect_level",
    "backend_operation",
    "path_template",
    "output_shape",
    "kind",
];

pub(super) fn validate(c: usize, cap: &Map, catalog: &Catalog<'_>) -> Result<(), String> {
    let prefix = format!("capability_formalizations[{c}]");
    for field in REQUIRED {
        if str_field(cap, field).is_empty() {
            return Err(format!("{prefix}.{field} is required"));
        }
    }
    let service_id = str_field(cap, "service_id");
    if !catalog.service_ids.contains(service_id) {
        return Err(format!("{prefix}.service_id {} is not in service_topology_bindings", go_quote(service_id)));
    }
    for field in ["title", "summary"] {
        if !is_safe_text(str_field(cap, field)) {
            return Err(format!("{prefix}.{field} contains unsafe text"));
        }
    }
    for field in ["backend_operation", "output_shape"] {
        if !is_operation(str_field(cap, field)) {
            return Err(format!("{prefix}.{field} is invalid"));
        }
    }
    path_template::validate(c, str_field(cap, "path_template"))?;
    let Some(Value::Array(items)) = cap.get("inputs") else {
        return Err(format!("{prefix}.inputs must be an array"));
    };
    inputs::validate(c, items)?;
    match cap.get("business_effects") {
        None | Some(Value::Null) => {}
        Some(effects) => validate_business_effects(effects, &format!("{prefix}.business_effects"))?,
    }
    let kind = str_field(cap, "kind");
    if kind != "atomic" && kind != "composed" {
        return Err(format!("{prefix}.kind must be atomic or composed"));
    }
    let composition = cap.get("composition");
    if kind == "atomic" && !matches!(composition, None | Some(Value::Null)) {
        return Err(format!("{prefix}.composition must be null/absent when kind is atomic"));
    }
    if kind == "composed" {
        match composition {
            Some(Value::Object(comp)) if !comp.is_empty() => composition::validate(c, cap, comp, catalog)?,
            _ => return Err(format!("{prefix}.composition is required when kind is composed")),
        }
    }
    match cap.get("grant_policy") {
        None | Some(Value::Null) => {}
        Some(Value::Object(policy)) => grant_policy::validate(c, policy)?,
        Some(_) => return Err(format!("{prefix}.grant_policy must be an object or null")),
    }
    Ok(())
}
