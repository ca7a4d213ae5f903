//! Agent consumability and readiness (ANIP-CONS): the hard rules applied at
//! resolve time (ANIP-VER-4 step 6) and the soft checks of verify (ANIP-CONS-2).
use alloc::collections::BTreeSet;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::bundle::Resolved;
use super::checks::Check;
use crate::json::{format_go_g, Map, Value, EMPTY_MAP};

/// A JSON number, or 0 for anything else (upstream's `numberValue`).
fn number(m: &Map, key: &str) -> f64 {
    m.get(key).and_then(Value::as_f64).unwrap_or(0.0)
}

fn summary(readiness: &Map) -> &Map {
    readiness.get("summary").and_then(Value::as_object).unwrap_or(&EMPTY_MAP)
}

fn id_set<'a>(ids: impl Iterator<Item = &'a str>) -> BTreeSet<String> {
    crate::sort::set(ids.map(str::trim).filter(|s| !s.is_empty()).map(ToString::to_string))
}

fn go_list(set: &BTreeSet<String>) -> String {
    format!("[{}]", set.iter().cloned().collect::<Vec<_>>().join(" "))
}

/// ANIP-VER-4 step 6.1–6.7 (6.8–6.9 concern the execution signature).
pub fn check_hard_rules(r: &Resolved) -> Result<(), String> {
    let consumability = r.consumption_object("agent_consumability");
    if consumability.is_empty() {
        return Err("resolved package is missing agent_consumability metadata".into());
    }
    if consumability.get("schema_version").and_then(Value::as_str).unwrap_or("").trim().is_empty() {
        return Err("resolved package agent_consumability is missing schema_version".into());
    }
    let definition_ids = id_set(
        r.definition
            .get("capability_formalizations")
            .and_then(Value::as_array)
            .unwrap_or(&[])
            .iter()
            .map(|c| c.str_at("capability_id")),
    );
    let consumability_ids = id_set(
        consumability
            .get("capabilities")
            .and_then(Value::as_object)
            .map(|m| m.keys().map(String::as_str).collect::<Vec<_>>())
            .unwrap_or_default()
            .into_iter(),
    );
    if definition_ids.is_empty() || definition_ids != consumability_ids {
        return Err(format!(
            "resolved package agent_consumability capabilities do not match service definition: definition={} consumability={}",
            go_list(&definition_ids),
            go_list(&consumability_ids)
        ));
    }
    let readiness = r.consumption_object("agent_consumption_readiness");
    if readiness.is_empty() {
        return Err("resolved package is missing agent_consumption_readiness metadata".into());
    }
    let status = readiness.get("status").and_then(Value::as_str).unwrap_or("");
    if status.trim().to_lowercase() != "ready" {
        return Err(format!("resolved package agent_consumption_readiness is not ready: status={status}"));
    }
    let summary = summary(readiness);
    for key in ["blockers", "warnings"] {
        let n = number(summary, key);
        if n != 0.0 {
            return Err(format!("resolved package agent_consumption_readiness has {key}: {}", format_go_g(n)));
        }
    }
    Ok(())
}

/// ANIP-CONS-2: the readiness and consumability checks of verify (non-file sources).
pub fn soft_checks(r: &Resolved, checks: &mut Vec<Check>) {
    let readiness = r.consumption_object("agent_consumption_readiness");
    checks.push(Check::new(
        "agent_consumption_readiness_present",
        !readiness.is_empty(),
        "agent consumption readiness report is embedded in the package manifest or lock",
    ));
    if !readiness.is_empty() {
        let status = readiness.get("status").and_then(Value::as_str).unwrap_or("").trim();
        checks.push(Check::new(
            "agent_consumption_readiness_not_blocked",
            !status.is_empty() && status != "blocked",
            format!("status={}", if status.is_empty() { "not reported" } else { status }),
        ));
        let summary = summary(readiness);
        for (name, key, pass) in [
            ("agent_consumption_readiness_has_no_blockers", "blockers", number(summary, "blockers") == 0.0),
            ("agent_consumption_readiness_has_no_warnings", "warnings", number(summary, "warnings") == 0.0),
            ("agent_consumption_readiness_has_simulator_probes", "probes", number(summary, "probes") > 0.0),
        ] {
            checks.push(Check::new(name, pass, format!("{key}={}", format_go_g(number(summary, key)))));
        }
    }
    let consumability = r.consumption_object("agent_consumability");
    checks.push(Check::new(
        "agent_consumability_present",
        !consumability.is_empty(),
        "agent consumability metadata is embedded in the package manifest or lock",
    ));
    if !consumability.is_empty() {
        let schema = consumability.get("schema_version").and_then(Value::as_str).unwrap_or("").trim();
        checks.push(Check::new(
            "agent_consumability_schema_present",
            !schema.is_empty(),
            format!("schema_version={}", if schema.is_empty() { "not reported" } else { schema }),
        ));
        // ANIP-CONS-2a: named for capability_hints, but upstream tests `capabilities`.
        let count = consumability.get("capabilities").and_then(Value::as_object).map_or(0, Map::len);
        checks.push(Check::new(
            "agent_consumability_has_capability_hints",
            count > 0,
            format!("capabilities={count}"),
        ));
    }
}
