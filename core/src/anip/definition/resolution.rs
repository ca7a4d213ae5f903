//! Input resolution metadata (ANIP-DEFV-3 steps 9–14).
//!
//! Step 14 goes through upstream's `packages/go/core`: the `resolution` object is
//! re-encoded and decoded into `core.InputResolution`, whose decoder rejects unknown
//! enum strings and a missing `mode`, then `core.ValidateCapabilityInput` applies
//! two cross-field rules. The spec names only `must be an object` and
//! `resolution.mode is required`; the decoder and cross-field behaviour below is
//! reconstructed from upstream's Go core tests and documented as such in
//! `docs/conformance/anip-definition.md`.
use alloc::format;
use alloc::string::String;

use super::fields::{str_field, string_slice_field};
use crate::emulate::go::quote::go_quote;
use super::patterns::{is_input_name, is_operation};
use crate::emulate::go::json_struct::{json_kind, key_matches};
use crate::json::{Map, Value};

const MODES: [&str; 7] = [
    "closed_values",
    "backend_resolved",
    "app_selected",
    "actor_policy",
    "actor_policy_or_explicit",
    "explicit_only",
    "clarify",
];

const BEHAVIORS: [&str; 7] =
    ["clarify", "use_default", "use_actor_scope", "app_select_or_clarify", "deny", "deny_or_clarify", "omit"];

pub(super) fn validate(prefix: &str, input: &Map) -> Result<(), String> {
    if input.contains_key("reference_catalog") {
        return Err(format!("{prefix}.reference_catalog is not supported; use catalog_ref"));
    }
    if input.contains_key("reference_catalogs") {
        return Err(format!("{prefix}.reference_catalogs is not supported; use catalog_ref"));
    }
    let semantic_type = str_field(input, "semantic_type");
    if !semantic_type.is_empty() && !is_input_name(semantic_type) {
        return Err(format!("{prefix}.semantic_type is invalid"));
    }
    let catalog_ref = str_field(input, "catalog_ref");
    if !catalog_ref.is_empty() && !is_operation(catalog_ref) {
        return Err(format!("{prefix}.catalog_ref is invalid"));
    }
    if input.get("entity_reference").is_some_and(|v| !matches!(v, Value::Bool(_))) {
        return Err(format!("{prefix}.entity_reference must be a boolean"));
    }
    let resolution = match input.get("resolution") {
        None | Some(Value::Null) => return Ok(()),
        Some(Value::Object(m)) => m,
        Some(_) => return Err(format!("{prefix}.resolution must be an object")),
    };
    if resolution.is_empty() {
        return Err(format!("{prefix}.resolution.mode is required"));
    }
    let decoded = decode(resolution).map_err(|e| format!("{prefix}.{e}"))?;
    validate_capability_input(input, &decoded).map_err(|e| format!("{prefix}.{e}"))
}

/// The fields of `core.InputResolution` that the cross-field rules read.
struct Resolution<'a> {
    mode: &'a str,
    on_missing: Option<&'a str>,
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Mode,
    Behavior,
    Text,
}

/// `core.InputResolution` fields: JSON name and decoder.
const FIELDS: [(&str, Kind); 5] = [
    ("mode", Kind::Mode),
    ("resolver_ref", Kind::Text),
    ("on_missing", Kind::Behavior),
    ("on_ambiguous", Kind::Behavior),
    ("on_unresolved", Kind::Behavior),
];

/// Go `json.Unmarshal` of the re-encoded object into `core.InputResolution`.
///
/// Keys come in sorted order (Go re-encodes the map) and match fields exactly or
/// case-insensitively (Go's `foldName`). `null` leaves a pointer field nil. The enum decoders
/// abort at once; a mistyped `resolver_ref` is remembered and reported only if
/// nothing aborts later. The struct being decoded is anonymous, so Go's type
/// errors read `Go struct field .<field>`.
fn decode(m: &Map) -> Result<Resolution<'_>, String> {
    let mut mode: Option<&str> = None;
    let mut on_missing: Option<&str> = None;
    let mut saved: Option<String> = None;
    for (key, value) in m.sorted() {
        let Some(&(name, kind)) = FIELDS
            .iter()
            .find(|(n, _)| *n == key.as_str())
            .or_else(|| FIELDS.iter().find(|(n, _)| key_matches(key, n)))
        else {
            continue;
        };
        let text = match value {
            Value::Null => None,
            Value::String(s) => Some(s.as_str()),
            other => {
                let e =
                    format!("json: cannot unmarshal {} into Go struct field .{name} of type string", json_kind(other));
                if kind == Kind::Text {
                    saved.get_or_insert(e);
                    continue;
                }
                return Err(e);
            }
        };
        if let Some(s) = text {
            match kind {
                Kind::Mode if !MODES.contains(&s) => return Err(format!("invalid resolution.mode: {}", go_quote(s))),
                Kind::Behavior if !BEHAVIORS.contains(&s) => {
                    return Err(format!("invalid resolution.behavior: {}", go_quote(s)))
                }
                _ => {}
            }
        }
        match name {
            "mode" => mode = text,
            "on_missing" => on_missing = text,
            _ => {}
        }
    }
    if let Some(e) = saved {
        return Err(e);
    }
    match mode {
        Some(mode) => Ok(Resolution { mode, on_missing }),
        None => Err("resolution.mode is required".into()),
    }
}

/// `core.ValidateCapabilityInput`'s cross-field rules.
fn validate_capability_input(input: &Map, r: &Resolution<'_>) -> Result<(), String> {
    if r.mode == "closed_values" && string_slice_field(input, "allowed_values").is_empty() {
        return Err("closed_values requires non-empty allowed_values".into());
    }
    // The default is `default_value` when that key exists (even as null), else `default`.
    let default = input.get("default_value").or_else(|| input.get("default"));
    if r.on_missing == Some("use_default") && matches!(default, None | Some(Value::Null)) {
        return Err("on_missing=use_default requires a non-null default".into());
    }
    Ok(())
}
