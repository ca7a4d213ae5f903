//! `machine-profile.yaml` against its schema (ANPKG-VAL-P1, P2).
use alloc::format;

use super::documents::load_yaml;
use super::{codes, schemas, Ctx, Stop};
use crate::emulate::python::yaml::{Map, Value};
use crate::diag::Finding;

pub const MANIFEST: &str = "machine-profile.yaml";

/// Whether [`load_mapping`] may read the file at `rel` (the manifest, a runtime profile):
/// the token scan keeps those documents for it.
pub fn read_by_load_mapping(rel: &str) -> bool {
    rel == MANIFEST || (rel.starts_with("runtime/") && !rel.starts_with("runtime/behaviors/"))
}

/// Loads a YAML document that must be a mapping (`None` → `{}`), reporting
/// `YAML root must be object: <abs path>`.
pub fn load_mapping(ctx: &mut Ctx<'_>, rel: &str) -> Result<Option<Map>, Stop> {
    let Some(bytes) = ctx.tree.read(rel) else { return Ok(None) };
    let loaded = match ctx.parsed.take(bytes) {
        Some(doc) => Ok(doc),
        None => load_yaml(bytes, rel, ctx.opts.yaml_limits),
    };
    match loaded {
        Ok(Value::Null) => Ok(Some(Map::new())),
        Ok(Value::Map(m)) => Ok(Some(m)),
        Ok(_) => {
            let shown = format!("{}/{rel}", ctx.tree.root.trim_end_matches('/'));
            ctx.fail(Finding::error(codes::YAML_ROOT_NOT_OBJECT, format!("YAML root must be object: {shown}")).at_file(rel))?;
            Ok(None)
        }
        Err(f) => {
            ctx.fail(f)?;
            Ok(None)
        }
    }
}

pub fn check(ctx: &mut Ctx<'_>) -> Result<Option<Map>, Stop> {
    let Some(manifest) = load_mapping(ctx, MANIFEST)? else { return Ok(None) };
    let doc = Value::Map(manifest);
    for e in schemas::errors(schemas::Schema::MachineProfile, &doc) {
        ctx.fail(Finding::error(codes::MANIFEST_SCHEMA, schemas::message(MANIFEST, &e)).at_file(MANIFEST).at_path(e.path_string()))?;
    }
    match doc {
        Value::Map(m) => Ok(Some(m)),
        _ => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::read_by_load_mapping;

    #[test]
    fn the_manifest_and_runtime_profiles_are_what_load_mapping_reads() {
        assert!(read_by_load_mapping("machine-profile.yaml"));
        assert!(read_by_load_mapping("runtime/anolis-runtime.yaml"));
        assert!(!read_by_load_mapping("runtime/behaviors/tree.yaml"));
        assert!(!read_by_load_mapping("providers/sim0.yaml"));
    }
}
