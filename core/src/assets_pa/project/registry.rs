//! `assets/.prometeu/index.json`, the registry (PA-INDEX-1..3, shape D8):
//! `{"schema_version":1,"next_asset_id":N,"assets":[{"asset_id","asset_uuid","root","included_in_build"}]}`.
//! trustloop reads it; it never allocates ids or rewrites it.
use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::paths::check_relative;
use super::versions::{self, INDEX_JSON_WINDOW};
use crate::assets_pa::codes;
use crate::assets_pa::glyph::input_json::uint;
use crate::assets_pa::header::MAX_ASSET_ID;
use crate::diag::Finding;
use crate::json::{self, Value};

pub const INDEX_PATH: &str = "assets/.prometeu/index.json";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegistryEntry {
    pub asset_id: u32,
    pub asset_uuid: String,
    /// Relative to `assets/`.
    pub root: String,
    pub included_in_build: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Registry {
    pub next_asset_id: u64,
    /// Sorted by `asset_id`.
    pub assets: Vec<RegistryEntry>,
}

fn malformed(path: &str, what: &str) -> Finding {
    Finding::error(codes::INDEX_MALFORMED, format!("{INDEX_PATH}: {path}: {what}")).at_file(INDEX_PATH).at_path(path)
}

/// Parses and validates the registry; every structural problem found is returned
/// (the registry is all-or-nothing: any of them blocks the build).
pub fn parse(bytes: &[u8]) -> Result<Registry, Vec<Finding>> {
    let doc = json::parse(bytes).map_err(|e| {
        alloc::vec![Finding::error(codes::INDEX_MALFORMED, format!("{INDEX_PATH}: not valid JSON: {e}")).at_file(INDEX_PATH)]
    })?;
    if doc.as_object().is_none() {
        return Err(alloc::vec![malformed("$", "the registry must be a JSON object")]);
    }
    versions::check(&doc, INDEX_JSON_WINDOW, INDEX_PATH).map_err(|f| alloc::vec![f])?;
    let next_asset_id = doc
        .get("next_asset_id")
        .and_then(|n| uint(n, u64::MAX >> 11))
        .ok_or_else(|| alloc::vec![malformed("next_asset_id", "required non-negative integer")])?;
    let list = match doc.get("assets") {
        Some(Value::Array(a)) => a,
        _ => return Err(alloc::vec![malformed("assets", "required array")]),
    };
    let most = crate::budgets::Budget::AssetsRegistered.get();
    if list.len() > most {
        return Err(alloc::vec![Finding::error(
            codes::PROJECT_LIMIT,
            format!("{INDEX_PATH}: more than {most} registered assets")
        )
        .at_file(INDEX_PATH)]);
    }
    let mut problems = Vec::new();
    let mut assets = Vec::with_capacity(list.len());
    for (i, raw) in list.iter().enumerate() {
        match entry(raw, &format!("assets[{i}]")) {
            Ok(e) => assets.push(e),
            Err(f) => problems.push(f),
        }
    }
    identity_conflicts(&assets, next_asset_id, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    crate::sort::sort_by_key(&mut assets, |e| e.asset_id);
    Ok(Registry { next_asset_id, assets })
}

fn entry(raw: &Value, path: &str) -> Result<RegistryEntry, Finding> {
    if raw.as_object().is_none() {
        return Err(malformed(path, "registry entry must be an object"));
    }
    let asset_id = raw
        .get("asset_id")
        .and_then(|n| uint(n, MAX_ASSET_ID))
        .ok_or_else(|| malformed(&format!("{path}.asset_id"), "required integer in 0..2147483647"))?;
    let asset_uuid = match raw.get("asset_uuid").and_then(Value::as_str) {
        Some(s) if !s.trim().is_empty() => String::from(s),
        _ => return Err(malformed(&format!("{path}.asset_uuid"), "required non-empty string")),
    };
    let root = raw.get("root").and_then(Value::as_str).ok_or_else(|| malformed(&format!("{path}.root"), "required string"))?;
    if let Err(why) = check_relative(root) {
        return Err(Finding::error(codes::INDEX_BAD_ROOT, format!("{INDEX_PATH}: {path}.root: {why}"))
            .at_file(INDEX_PATH)
            .at_path(format!("{path}.root")));
    }
    if root.split('/').next() == Some(".prometeu") {
        return Err(Finding::error(codes::INDEX_BAD_ROOT, format!("{INDEX_PATH}: {path}.root: {root:?} is inside .prometeu"))
            .at_file(INDEX_PATH)
            .at_path(format!("{path}.root")));
    }
    let included_in_build = raw
        .get("included_in_build")
        .and_then(Value::as_bool)
        .ok_or_else(|| malformed(&format!("{path}.included_in_build"), "required boolean"))?;
    Ok(RegistryEntry { asset_id: asset_id as u32, asset_uuid, root: String::from(root), included_in_build })
}

/// Duplicate ids, uuids and roots, and a non-monotonic allocator (PA-INDEX-3).
fn identity_conflicts(assets: &[RegistryEntry], next_asset_id: u64, out: &mut Vec<Finding>) {
    let mut ids: BTreeMap<u32, usize> = BTreeMap::new();
    let mut uuids: BTreeMap<&str, usize> = BTreeMap::new();
    let mut roots: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, e) in assets.iter().enumerate() {
        let conflict = |code: &'static str, what: String, first: usize| {
            Finding::error(code, format!("{INDEX_PATH}: assets[{i}]: {what} is already used by assets[{first}]"))
                .at_file(INDEX_PATH)
                .at_path(format!("assets[{i}]"))
        };
        if let Some(&first) = ids.get(&e.asset_id) {
            out.push(conflict(codes::INDEX_DUPLICATE_ASSET_ID, format!("asset_id {}", e.asset_id), first));
        } else {
            ids.insert(e.asset_id, i);
        }
        if let Some(&first) = uuids.get(e.asset_uuid.as_str()) {
            out.push(conflict(codes::INDEX_DUPLICATE_ASSET_UUID, format!("asset_uuid {:?}", e.asset_uuid), first));
        } else {
            uuids.insert(&e.asset_uuid, i);
        }
        if let Some(&first) = roots.get(e.root.as_str()) {
            out.push(conflict(codes::INDEX_DUPLICATE_ROOT, format!("root {:?}", e.root), first));
        } else {
            roots.insert(&e.root, i);
        }
    }
    if let Some((&max, _)) = ids.last_key_value() {
        if next_asset_id <= u64::from(max) {
            out.push(
                Finding::error(
                    codes::INDEX_NEXT_ASSET_ID,
                    format!("{INDEX_PATH}: next_asset_id {next_asset_id} must be greater than every asset_id (largest is {max})"),
                )
                .at_file(INDEX_PATH)
                .at_path("next_asset_id"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes_of(text: &str) -> Vec<&'static str> {
        match parse(text.as_bytes()) {
            Ok(_) => Vec::new(),
            Err(fs) => fs.iter().map(|f| f.code).collect(),
        }
    }

    const E1: &str = r#"{"asset_id":1,"asset_uuid":"u1","root":"ui","included_in_build":true}"#;

    #[test]
    fn registry_checks() {
        let ok = format!(r#"{{"schema_version":1,"next_asset_id":2,"assets":[{E1}]}}"#);
        assert!(parse(ok.as_bytes()).is_ok());
        let dup = r#"{"asset_id":1,"asset_uuid":"u1","root":"ui","included_in_build":true}"#;
        assert_eq!(
            codes_of(&format!(r#"{{"schema_version":1,"next_asset_id":2,"assets":[{E1},{dup}]}}"#)),
            [codes::INDEX_DUPLICATE_ASSET_ID, codes::INDEX_DUPLICATE_ASSET_UUID, codes::INDEX_DUPLICATE_ROOT]
        );
        assert_eq!(codes_of(&ok.replace("\"next_asset_id\":2", "\"next_asset_id\":1")), [codes::INDEX_NEXT_ASSET_ID]);
        assert_eq!(codes_of(&ok.replace("\"schema_version\":1", "\"schema_version\":2")), [codes::UNSUPPORTED_INPUT_VERSION]);
        assert_eq!(codes_of(&ok.replace("\"root\":\"ui\"", "\"root\":\"../ui\"")), [codes::INDEX_BAD_ROOT]);
        assert_eq!(codes_of("{"), [codes::INDEX_MALFORMED]);
    }
}
