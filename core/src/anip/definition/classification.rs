//! Required-input classification (ANIP-CONS-3): the
//! `agent_consumption_required_inputs_classified` check.
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::json::Value;

fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

/// Whether a required input tells an agent what it is: a non-blank
/// `semantic_type`, `input_format`, `validation_pattern` or `clarification_hint`,
/// `entity_reference: true`, or a non-empty `allowed_values`.
fn is_classified(input: &Value) -> bool {
    ["semantic_type", "input_format", "validation_pattern", "clarification_hint"]
        .iter()
        .any(|k| !text(input, k).trim().is_empty())
        || matches!(input.get("entity_reference"), Some(Value::Bool(true)))
        || input.get("allowed_values").and_then(Value::as_array).is_some_and(|a| !a.is_empty())
}

/// `<capability_id>.<input_name>` for every `required: true` input without any
/// classifier, in document order. Read through the typed model like upstream
/// (ids and names untrimmed, `name` is not an alias there).
/// `typed` is the definition's typed view ([`super::Typed::value`]).
pub fn unclassified_required_inputs(typed: &Value) -> Vec<String> {
    let mut missing = Vec::new();
    for cap in typed.get("capability_formalizations").and_then(Value::as_array).unwrap_or(&[]) {
        for input in cap.get("inputs").and_then(Value::as_array).unwrap_or(&[]) {
            if matches!(input.get("required"), Some(Value::Bool(true))) && !is_classified(input) {
                missing.push(format!("{}.{}", text(cap, "capability_id"), text(input, "input_name")));
            }
        }
    }
    missing
}
