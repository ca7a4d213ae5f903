//! The package's `machine-profile.yaml` (ANPKG-MP-1, E7): the project profile with
//! `providers`, `runtime_profiles` and `behaviors` rewritten in place, everything
//! else as authored, then checked against the machine-profile schema.
use alloc::format;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use super::codes;
use crate::anpkg::validate::schemas::{errors, Schema};
use crate::emulate::python::yaml::{Map, Value};
use crate::diag::Error;

pub fn package_profile(profile: &Map, provider_ids: &[String], behavior: Option<&str>) -> Result<Map, Error> {
    let mut manifest = profile.clone();
    let providers: Map = provider_ids
        .iter()
        .map(|id| {
            let entry: Map = [(Value::str("config"), Value::Str(format!("providers/{id}.yaml")))].into_iter().collect();
            (Value::Str(id.clone()), Value::Map(entry))
        })
        .collect();
    manifest.insert(Value::str("providers"), Value::Map(providers));
    let profiles: Map = [(Value::str("manual"), Value::str("runtime/anolis-runtime.yaml"))].into_iter().collect();
    manifest.insert(Value::str("runtime_profiles"), Value::Map(profiles));
    match behavior {
        Some(name) => manifest.insert(Value::str("behaviors"), Value::Seq(vec![Value::Str(format!("runtime/behaviors/{name}"))])),
        None => {
            manifest.remove_str("behaviors");
        }
    }
    let doc = Value::Map(manifest);
    let problems = errors(Schema::MachineProfile, &doc);
    if !problems.is_empty() {
        let parts: Vec<String> = problems
            .iter()
            .map(|e| {
                let path = e.path_string();
                let path = path.strip_prefix("$.").map(String::from).unwrap_or(path);
                format!("{path}: {}", e.message)
            })
            .collect();
        return Err(Error::new(
            codes::PROFILE_SCHEMA,
            format!("Generated machine-profile failed schema validation: {}", parts.join("; ")),
        ));
    }
    match doc {
        Value::Map(m) => Ok(m),
        _ => Ok(Map::new()),
    }
}
