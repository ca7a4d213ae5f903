//! Pass 1 of a pack (PA-WRITE-2 steps 1–5): registry, declarations, build set, every
//! input read, hashed, decoded and built — then the payload is dropped, keeping only
//! sizes and metadata, so memory does not grow with the archive. The archive header
//! is planned and self-checked here; pass 2 ([`super::emit`]) streams the bytes.
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::declaration::{self, AssetKind, Declaration};
use super::glyph_inputs;
use super::paths::join;
use super::registry::{self, RegistryEntry, INDEX_PATH};
use super::source::ProjectSource;
use crate::assets_pa::codes;
use crate::assets_pa::companions::AssetProvenance;
use crate::assets_pa::model::{BankType, Codec};
use crate::assets_pa::writer::{self, ArchivePlan, WriteAsset};
use crate::diag::{Finding, Severity};

/// Payload bytes a plan keeps for emission (16 MiB): up to it, every input file is
/// read once; past it, the rest of the assets are built again when emitted (their inputs
/// read a second time and checked unchanged), so a large project's peak memory stays
/// bounded.
pub const KEPT_PAYLOAD_BYTES: usize = 16 << 20;

/// One build-set asset, planned.
#[derive(Clone, Debug)]
pub struct PlannedAsset {
    pub entry: RegistryEntry,
    pub declaration: Declaration,
    pub provenance: AssetProvenance,
    /// The built payload, when the plan kept it ([`KEPT_PAYLOAD_BYTES`]).
    pub payload: Option<Vec<u8>>,
}

/// A plan ready for emission.
#[derive(Clone, Debug)]
pub struct PackPlan {
    pub archive: ArchivePlan,
    /// Build-set assets by increasing `asset_id`.
    pub assets: Vec<PlannedAsset>,
}

/// Pass-1 outcome: all diagnostics, and a plan when nothing blocks.
pub struct PlanOutcome {
    pub diagnostics: Vec<Finding>,
    pub plan: Option<PackPlan>,
}

impl PlanOutcome {
    pub fn blocked(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == Severity::Error)
    }
}

fn advisory(code: &'static str, message: String) -> Finding {
    Finding::warning(code, message)
}

/// Plans a pack of the project behind `src`.
pub fn plan(src: &dyn ProjectSource) -> PlanOutcome {
    let mut diagnostics = Vec::new();
    let registry = match load_registry(src) {
        Ok(r) => r,
        Err(mut fs) => {
            diagnostics.append(&mut fs);
            return PlanOutcome { diagnostics, plan: None };
        }
    };
    unregistered_roots(src, &registry.assets, &mut diagnostics);

    let mut assets = Vec::new();
    let mut kept_bytes = 0usize;
    for entry in &registry.assets {
        let file = join(&join("assets", &entry.root), "asset.json");
        let bytes = match src.read(&file) {
            Ok(Some(b)) => b,
            Ok(None) => {
                diagnostics.push(
                    Finding::error(
                        codes::ASSET_MISSING,
                        format!("{INDEX_PATH}: asset {} root {:?} has no asset.json ({file})", entry.asset_id, entry.root),
                    )
                    .at_file(file.as_str()),
                );
                continue;
            }
            Err(f) => {
                diagnostics.push(f);
                continue;
            }
        };
        let parsed = declaration::parse(&bytes, &file);
        drop(bytes);
        let decl = match parsed.result {
            Ok(d) => d,
            Err(f) => {
                // An excluded asset's declaration does not block the build.
                let f = if entry.included_in_build { f } else { Finding { severity: Severity::Warning, ..f } };
                diagnostics.extend(parsed.notes);
                diagnostics.push(f);
                continue;
            }
        };
        diagnostics.extend(parsed.notes);
        if decl.asset_uuid != entry.asset_uuid {
            diagnostics.push(
                Finding::error(
                    codes::ASSET_IDENTITY_CONFLICT,
                    format!(
                        "{file}: asset_uuid {:?} differs from the registry's {:?} for asset {}",
                        decl.asset_uuid, entry.asset_uuid, entry.asset_id
                    ),
                )
                .at_file(file.as_str())
                .at_path("asset_uuid"),
            );
            continue;
        }
        if !entry.included_in_build {
            let mut f = advisory(
                codes::EXCLUDED_FROM_BUILD,
                format!("asset {} ({}) has included_in_build: false and is not packed", entry.asset_id, entry.root),
            );
            f.severity = Severity::Info;
            diagnostics.push(f.at_file(INDEX_PATH));
            continue;
        }
        match build_one(entry, decl, src) {
            Ok((write, mut planned)) => {
                let size = planned.payload.as_ref().map_or(0, Vec::len);
                if kept_bytes + size <= KEPT_PAYLOAD_BYTES {
                    kept_bytes += size;
                } else {
                    planned.payload = None;
                }
                assets.push((write, planned));
            }
            Err(f) => diagnostics.push(f),
        }
    }
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        return PlanOutcome { diagnostics, plan: None };
    }
    let write_assets: Vec<WriteAsset> = assets.iter().map(|(w, _)| w.clone()).collect();
    match writer::plan(write_assets) {
        Ok(archive) => {
            let assets = assets.into_iter().map(|(_, p)| p).collect();
            PlanOutcome { diagnostics, plan: Some(PackPlan { archive, assets }) }
        }
        Err(f) => {
            diagnostics.push(f);
            PlanOutcome { diagnostics, plan: None }
        }
    }
}

fn load_registry(src: &dyn ProjectSource) -> Result<registry::Registry, Vec<Finding>> {
    let bytes = match src.read(INDEX_PATH) {
        Ok(Some(b)) => b,
        Ok(None) => {
            return Err(alloc::vec![Finding::error(
                codes::INDEX_MISSING,
                format!("{INDEX_PATH} does not exist; an asset project needs a registry (see docs/assets-pa.md)"),
            )
            .at_file(INDEX_PATH)])
        }
        Err(f) => return Err(alloc::vec![f]),
    };
    registry::parse(&bytes)
}

/// Asset roots under `assets/` that the registry does not list: advisory, excluded.
fn unregistered_roots(src: &dyn ProjectSource, registered: &[RegistryEntry], out: &mut Vec<Finding>) {
    let known = crate::sort::set(registered.iter().map(|e| e.root.as_str()));
    match src.asset_roots() {
        Ok(mut roots) => {
            crate::sort::sort(&mut roots);
            for root in roots.iter().filter(|r| !known.contains(r.as_str())) {
                out.push(
                    advisory(codes::UNREGISTERED_ROOT, format!("assets/{root} has an asset.json but is not registered in {INDEX_PATH}; it is not packed"))
                        .at_file(join(&join("assets", root), "asset.json")),
                );
            }
        }
        Err(f) => out.push(f),
    }
}

/// Builds one build-set asset's entry, provenance and payload.
fn build_one(entry: &RegistryEntry, decl: Declaration, src: &dyn ProjectSource) -> Result<(WriteAsset, PlannedAsset), Finding> {
    let file = join(&join("assets", &entry.root), "asset.json");
    match decl.kind {
        AssetKind::SoundBank => Err(Finding::error(
            codes::ASSET_SOUNDS_UNSUPPORTED,
            format!("{file}: sound_bank assets cannot be packed: SOUNDS bank has no writer support until its payload contract is known"),
        )
        .at_file(file.as_str())),
        AssetKind::GlyphBank => {
            let loaded = glyph_inputs::load(&decl, &entry.root, src)?;
            let mut metadata = loaded.bank.metadata.clone();
            for (k, v) in decl.extra_metadata.iter() {
                metadata.insert(k.as_str(), v.clone());
            }
            let write = WriteAsset {
                asset_id: entry.asset_id,
                asset_name: decl.name.clone(),
                bank_type: BankType::Glyph,
                codec: Codec::None,
                metadata,
                size: loaded.bank.payload.len() as u64,
                preload: decl.preload,
            };
            let provenance = AssetProvenance {
                asset_id: entry.asset_id,
                asset_uuid: entry.asset_uuid.clone(),
                root: entry.root.clone(),
                inputs: loaded.digests,
                pipeline: decl.pipeline.clone(),
            };
            Ok((write, PlannedAsset { entry: entry.clone(), declaration: decl, provenance, payload: Some(loaded.bank.payload) }))
        }
    }
}
