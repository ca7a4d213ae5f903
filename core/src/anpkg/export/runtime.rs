//! The `manual` runtime variant's export transform (ANPKG-RT-1..3): provider ids and
//! `--config` arguments (E4), the behavior tree reference (E6) and the InfluxDB
//! token redaction.
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::codes;
use super::source::{ProjectSource, Root};
use crate::anpkg::validate::documents::py_strip;
use crate::emulate::python::repr::to_str;
use crate::emulate::python::yaml::{Map, Value};
use crate::diag::Error;

/// E4 and ANPKG-RT-1: checks `providers`, rewrites every entry's `args` so its
/// `--config` names `providers/<id>.yaml`, and returns the stripped ids in order.
pub fn rewrite_providers(runtime: &mut Map) -> Result<Vec<String>, Error> {
    let not_list = || Error::new(codes::PROVIDERS_NOT_LIST, "runtime.providers must be a non-empty list");
    let entries = match runtime.get_str_mut("providers") {
        Some(Value::Seq(items)) if !items.is_empty() => items,
        _ => return Err(not_list()),
    };
    let mut ids: Vec<String> = Vec::new();
    for entry in entries.iter_mut() {
        let Value::Map(entry) = entry else {
            return Err(Error::new(codes::PROVIDER_NOT_OBJECT, "runtime.providers entries must be objects"));
        };
        let id = match entry.get_str("id") {
            Some(Value::Str(s)) if !py_strip(s).is_empty() => String::from(py_strip(s)),
            _ => {
                return Err(Error::new(
                    codes::PROVIDER_ID_INVALID,
                    "runtime.providers[].id must be a non-empty string",
                ))
            }
        };
        if ids.contains(&id) {
            return Err(Error::new(
                codes::PROVIDER_ID_DUPLICATE,
                format!("Duplicate provider id in runtime.providers: {id}"),
            ));
        }
        let args = match entry.get_str("args") {
            Some(Value::Seq(items)) => items.iter().map(to_str).collect(),
            _ => Vec::new(),
        };
        let args = with_config_arg(args, &format!("providers/{id}.yaml"));
        entry.insert(Value::str("args"), Value::Seq(args.into_iter().map(Value::Str).collect()));
        ids.push(id);
    }
    Ok(ids)
}

/// The first `--config` that has a following element gets that element replaced;
/// without one, `--config <path>` is appended (so a trailing lone `--config` stays,
/// ANPKG-RT-1 quirk).
fn with_config_arg(mut args: Vec<String>, path: &str) -> Vec<String> {
    let n = args.len();
    match args.iter().take(n.saturating_sub(1)).position(|a| a == "--config") {
        Some(i) => args[i + 1] = String::from(path),
        None => args.extend([String::from("--config"), String::from(path)]),
    }
    args
}

/// A behavior tree carried into the package.
pub struct Behavior {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// ANPKG-RT-2 / BT-2 (E6): `automation.behavior_tree` (or, when that is falsy,
/// `behavior_tree_path`), if a non-blank string, is looked up in the project, then
/// in the data root; the runtime then points at `runtime/behaviors/<name>`.
pub fn carry_behavior(runtime: &mut Map, source: &dyn ProjectSource) -> Result<Option<Behavior>, Error> {
    let Some(Value::Map(automation)) = runtime.get_str_mut("automation") else { return Ok(None) };
    let chosen = match automation.get_str("behavior_tree") {
        Some(v) if v.is_truthy() => Some(v),
        _ => automation.get_str("behavior_tree_path"),
    };
    let raw = match chosen {
        Some(Value::Str(s)) if !py_strip(s).is_empty() => String::from(py_strip(s)),
        _ => return Ok(None),
    };
    if raw.starts_with('/') {
        return Err(Error::new(codes::BEHAVIOR_ABSOLUTE, "automation.behavior_tree must be a relative path"));
    }
    let mut found = None;
    for root in [Root::Project, Root::DataRoot] {
        if let Some((file_name, bytes)) = source.read_behavior(root, &raw)? {
            found = Some(Behavior { file_name, bytes });
            break;
        }
    }
    let Some(behavior) = found else {
        return Err(Error::new(
            codes::BEHAVIOR_NOT_FOUND,
            format!("Behavior tree file not found for automation.behavior_tree='{raw}'"),
        ));
    };
    automation.insert(Value::str("behavior_tree"), Value::Str(format!("runtime/behaviors/{}", behavior.file_name)));
    automation.remove_str("behavior_tree_path");
    Ok(Some(behavior))
}

/// ANPKG-RT-3: deletes `telemetry.influx_token` and `telemetry.influxdb.token`
/// whatever their value; true if either key was present.
pub fn redact_tokens(runtime: &mut Map) -> bool {
    let Some(Value::Map(telemetry)) = runtime.get_str_mut("telemetry") else { return false };
    let mut removed = telemetry.remove_str("influx_token").is_some();
    if let Some(Value::Map(influxdb)) = telemetry.get_str_mut("influxdb") {
        removed |= influxdb.remove_str("token").is_some();
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    fn strs(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| String::from(*s)).collect()
    }

    #[test]
    fn anpkg_rt_1_config_argument() {
        let p = "providers/sim0.yaml";
        assert_eq!(with_config_arg(vec![], p), strs(&["--config", p]));
        assert_eq!(with_config_arg(strs(&["a", "--config", "b", "c", "--config", "d"]), p), strs(&["a", "--config", p, "c", "--config", "d"]));
        assert_eq!(with_config_arg(strs(&["a", "--config"]), p), strs(&["a", "--config", "--config", p]));
    }
}
