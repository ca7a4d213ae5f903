//! `grant_policy` (ANIP-DEFV-7).
use alloc::format;
use alloc::string::String;

use super::fields::{positive_integer_field, str_field, string_slice_field};
use crate::json::Map;

fn is_grant_type(t: &str) -> bool {
    t == "one_time" || t == "session_bound"
}

pub(super) fn validate(c: usize, policy: &Map) -> Result<(), String> {
    let p = format!("capability_formalizations[{c}].grant_policy");
    let allowed = string_slice_field(policy, "allowed_grant_types");
    if allowed.is_empty() {
        return Err(format!("{p}.allowed_grant_types must be non-empty strings"));
    }
    let default = str_field(policy, "default_grant_type");
    if !is_grant_type(default) {
        return Err(format!("{p}.default_grant_type is invalid"));
    }
    if !allowed.iter().all(|t| is_grant_type(t)) {
        return Err(format!("{p}.allowed_grant_types contains invalid value"));
    }
    if !allowed.contains(&default) {
        return Err(format!("{p}.default_grant_type must appear in allowed_grant_types"));
    }
    if !positive_integer_field(policy, "expires_in_seconds") || !positive_integer_field(policy, "max_uses") {
        return Err(format!("{p} expires_in_seconds and max_uses must be positive integers"));
    }
    Ok(())
}
