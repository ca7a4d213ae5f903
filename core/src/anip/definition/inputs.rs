//! A capability's inputs (ANIP-DEFV-3 steps 1–8; steps 9–14 are in
//! [`super::resolution`]).
use alloc::collections::BTreeSet;
use alloc::format;
use alloc::string::String;

use super::fields::{is_string_slice, str_field};
use crate::emulate::go::quote::go_quote;
use super::patterns::{is_input_name, is_type_name};
use crate::emulate::go::re2;
use super::resolution;
use super::safe_text::is_safe_text;
use crate::json::{Map, Value};

const INPUT_FORMATS: [&str; 6] = ["business_quarter", "date", "date_time", "email", "url", "uuid"];

/// The input's name: `input_name`, else `name` (both trimmed).
pub(crate) fn input_name(input: &Map) -> &str {
    match str_field(input, "input_name") {
        "" => str_field(input, "name"),
        name => name,
    }
}

pub(super) fn validate(c: usize, inputs: &[Value]) -> Result<(), String> {
    let mut seen = BTreeSet::new();
    for (i, item) in inputs.iter().enumerate() {
        let prefix = format!("capability_formalizations[{c}].inputs[{i}]");
        let Value::Object(input) = item else {
            return Err(format!("{prefix} must be an object"));
        };
        let name = input_name(input);
        if name.is_empty() || !is_input_name(name) {
            return Err(format!("{prefix}.input_name is invalid"));
        }
        if !seen.insert(name) {
            return Err(format!("{prefix}.input_name {} is duplicated", go_quote(name)));
        }
        let input_type = str_field(input, "input_type");
        if !input_type.is_empty() && !is_type_name(input_type) {
            return Err(format!("{prefix}.input_type is invalid"));
        }
        let summary = str_field(input, "summary");
        if !summary.is_empty() && !is_safe_text(summary) {
            return Err(format!("{prefix}.summary contains unsafe text"));
        }
        if input.get("allowed_values").is_some_and(|v| !is_string_slice(v)) {
            return Err(format!("{prefix}.allowed_values must be strings"));
        }
        let pattern = str_field(input, "validation_pattern");
        if !pattern.is_empty() && !re2::compiles(pattern) {
            return Err(format!("{prefix}.validation_pattern is invalid"));
        }
        let format = str_field(input, "input_format");
        if !format.is_empty() && !INPUT_FORMATS.contains(&format) {
            return Err(format!("{prefix}.input_format is invalid"));
        }
        resolution::validate(&prefix, input)?;
    }
    Ok(())
}
