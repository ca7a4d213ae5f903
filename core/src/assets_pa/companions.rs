//! Companion files written next to `assets.pa` (PA-COMP, decision D10) and the
//! shipper-facing publication manifest `packer-artifacts.json`.
//!
//! * `asset_table.json`, `preload.json`: canonical JSON + `\n` mirrors of the header
//!   (PA-COMP-2); they never replace `assets.pa` (PA-ENV-3).
//! * `asset_table_metadata.json`: tooling-only provenance (PA-COMP-3).
//! * `packer-artifacts.json`: every emitted artifact with role, authority, schema
//!   version and sha256, so a shipper never reinterprets them (issue item 5).
// The last two are written by the project packer only, which needs std.
#![cfg_attr(not(feature = "std"), allow(dead_code))]
use alloc::string::String;
use alloc::vec::Vec;

use super::canonical::to_canonical_bytes;
use super::model::Header;
use crate::json::{Map, Value};

pub const ASSETS_PA: &str = "assets.pa";
pub const ASSET_TABLE_JSON: &str = "asset_table.json";
pub const PRELOAD_JSON: &str = "preload.json";
pub const ASSET_TABLE_METADATA_JSON: &str = "asset_table_metadata.json";
pub const PACKER_ARTIFACTS_JSON: &str = "packer-artifacts.json";

/// Schema version of `asset_table_metadata.json` and `packer-artifacts.json`.
pub const COMPANION_SCHEMA_VERSION: u64 = 1;

/// Canonical JSON followed by one newline.
pub fn canonical_file(v: &Value) -> Vec<u8> {
    let mut out = to_canonical_bytes(v);
    out.push(b'\n');
    out
}

/// `build/asset_table.json` (PA-COMP-2).
pub fn asset_table_json(header: &Header) -> Vec<u8> {
    canonical_file(&header.asset_table_value())
}

/// `build/preload.json` (PA-COMP-2).
pub fn preload_json(header: &Header) -> Vec<u8> {
    canonical_file(&header.preload_value())
}

/// One input file's provenance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputDigest {
    pub path: String,
    /// 64 lowercase hex characters.
    pub sha256: String,
}

/// One asset's tooling-only record (PA-COMP-3).
#[derive(Clone, Debug, PartialEq)]
pub struct AssetProvenance {
    pub asset_id: u32,
    pub asset_uuid: String,
    pub root: String,
    /// Role → inputs in declared order.
    pub inputs: Vec<(String, Vec<InputDigest>)>,
    /// `output.pipeline` when present.
    pub pipeline: Option<Value>,
}

/// `build/asset_table_metadata.json`: canonical JSON + `\n` of
/// `{"assets":[…],"schema_version":1}`, assets by `asset_id` (PA-COMP-3).
pub fn asset_table_metadata_json(assets: &[AssetProvenance]) -> Vec<u8> {
    let mut sorted: Vec<&AssetProvenance> = assets.iter().collect();
    crate::sort::sort_by_key(&mut sorted, |a| a.asset_id);
    let records: Vec<Value> = sorted
        .into_iter()
        .map(|a| {
            let mut inputs = Map::new();
            for (role, list) in &a.inputs {
                let files: Vec<Value> = list
                    .iter()
                    .map(|d| Map::new().with("path", d.path.as_str()).with("sha256", d.sha256.as_str()).into())
                    .collect();
                inputs.insert(role.as_str(), Value::Array(files));
            }
            let mut m = Map::new()
                .with("asset_id", u64::from(a.asset_id))
                .with("asset_uuid", a.asset_uuid.as_str())
                .with("inputs", inputs)
                .with("root", a.root.as_str());
            if let Some(p) = &a.pipeline {
                m.insert("output", Map::new().with("pipeline", p.clone()).into());
            }
            m.into()
        })
        .collect();
    canonical_file(&Map::new().with("assets", records).with("schema_version", COMPANION_SCHEMA_VERSION).into())
}

/// Whether the runtime reads an artifact or only tools do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    RuntimeFacing,
    ToolingOnly,
}

/// Whether an artifact is the source of truth or a mirror of another one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Authority {
    Authoritative,
    Derived,
}

/// One row of `packer-artifacts.json`: the table of what the packer emits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArtifactKind {
    pub name: &'static str,
    pub role: Role,
    pub authority: Authority,
    pub schema_version: u64,
}

/// Every artifact the packer emits besides the manifest itself, in emission order.
pub const PACKER_ARTIFACTS: [ArtifactKind; 4] = [
    ArtifactKind { name: ASSETS_PA, role: Role::RuntimeFacing, authority: Authority::Authoritative, schema_version: 1 },
    ArtifactKind { name: ASSET_TABLE_JSON, role: Role::ToolingOnly, authority: Authority::Derived, schema_version: 1 },
    ArtifactKind { name: PRELOAD_JSON, role: Role::ToolingOnly, authority: Authority::Derived, schema_version: 1 },
    ArtifactKind {
        name: ASSET_TABLE_METADATA_JSON,
        role: Role::ToolingOnly,
        authority: Authority::Authoritative,
        schema_version: COMPANION_SCHEMA_VERSION,
    },
];

/// `packer-artifacts.json` from `(name, sha256 hex, size)` of each emitted artifact.
/// Paths are relative to the directory holding the manifest (the build directory).
pub fn packer_artifacts_json(emitted: &[(&str, String, u64)]) -> Vec<u8> {
    let rows: Vec<Value> = PACKER_ARTIFACTS
        .iter()
        .filter_map(|kind| {
            let (_, sha, size) = emitted.iter().find(|(n, _, _)| *n == kind.name)?;
            let mut m = Map::new()
                .with("path", kind.name)
                .with(
                    "role",
                    match kind.role {
                        Role::RuntimeFacing => "runtime-facing",
                        Role::ToolingOnly => "tooling-only",
                    },
                )
                .with(
                    "authority",
                    match kind.authority {
                        Authority::Authoritative => "authoritative",
                        Authority::Derived => "derived",
                    },
                )
                .with("schema_version", kind.schema_version)
                .with("sha256", sha.as_str())
                .with("size", *size);
            if kind.authority == Authority::Derived {
                m.insert("derived_from", ASSETS_PA.into());
            }
            Some(m.into())
        })
        .collect();
    canonical_file(&Map::new().with("artifacts", rows).with("schema_version", COMPANION_SCHEMA_VERSION).into())
}

/// Lowercase hex sha256 of `bytes` (no `sha256:` prefix, PA-COMP-3).
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    crate::digest::hex(&Sha256::digest(bytes))
}
