//! Pass 2 of a pack: stream `assets.pa` into a sink, each payload the plan kept as is
//! and every other one rebuilt from its inputs one asset at a time (memory bounded by
//! the kept payloads, one rebuilt payload and the header), then produce the companion
//! files and the publication manifest. Inputs of a rebuilt payload that changed since
//! pass 1 fail the pack (`PA_INPUT_CHANGED`) rather than mixing two states.
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use sha2::{Digest, Sha256};

use super::glyph_inputs;
use super::plan::PackPlan;
use super::source::ProjectSource;
use crate::assets_pa::codes;
use crate::assets_pa::companions::{self, ASSETS_PA, ASSET_TABLE_JSON, ASSET_TABLE_METADATA_JSON, PACKER_ARTIFACTS_JSON, PRELOAD_JSON};
use crate::assets_pa::writer::{ArchiveWriter, ByteSink};
use crate::diag::Finding;

/// A sink that also hashes and counts what passes through.
pub struct HashingSink<S: ByteSink> {
    pub inner: S,
    hasher: Sha256,
    len: u64,
}

impl<S: ByteSink> HashingSink<S> {
    pub fn new(inner: S) -> Self {
        HashingSink { inner, hasher: Sha256::new(), len: 0 }
    }
    /// `(sha256 hex, byte count, inner sink)`.
    pub fn finish(self) -> (String, u64, S) {
        (crate::digest::hex(&self.hasher.finalize()), self.len, self.inner)
    }
}

impl<S: ByteSink> ByteSink for HashingSink<S> {
    fn put(&mut self, bytes: &[u8]) -> Result<(), Finding> {
        self.inner.put(bytes)?;
        self.hasher.update(bytes);
        self.len += bytes.len() as u64;
        Ok(())
    }
}

/// Digest and length of the emitted archive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmittedArchive {
    pub sha256: String,
    pub len: u64,
}

/// Streams the planned archive into `sink`.
pub fn emit_archive<S: ByteSink>(plan: &PackPlan, src: &dyn ProjectSource, sink: S) -> Result<(EmittedArchive, S), Finding> {
    let mut w = ArchiveWriter::start(&plan.archive, HashingSink::new(sink))?;
    for asset in &plan.assets {
        if let Some(payload) = &asset.payload {
            w.payload(payload)?;
            continue;
        }
        let loaded = glyph_inputs::load(&asset.declaration, &asset.entry.root, src)?;
        if loaded.digests != asset.provenance.inputs {
            return Err(Finding::error(
                codes::INPUT_CHANGED,
                format!("asset {}: inputs under assets/{} changed while packing; run the pack again", asset.entry.asset_id, asset.entry.root),
            ));
        }
        w.payload(&loaded.bank.payload)?;
    }
    let (sha256, len, sink) = w.finish()?.finish();
    Ok((EmittedArchive { sha256, len }, sink))
}

/// The companion files and `packer-artifacts.json`, in emission order, as
/// `(file name, bytes)`; names are relative to the build directory.
pub fn companion_files(plan: &PackPlan, archive: &EmittedArchive) -> Vec<(&'static str, Vec<u8>)> {
    let header = &plan.archive.header;
    let provenance: Vec<_> = plan.assets.iter().map(|a| a.provenance.clone()).collect();
    let mut files: Vec<(&'static str, Vec<u8>)> = alloc::vec![
        (ASSET_TABLE_JSON, companions::asset_table_json(header)),
        (PRELOAD_JSON, companions::preload_json(header)),
        (ASSET_TABLE_METADATA_JSON, companions::asset_table_metadata_json(&provenance)),
    ];
    let mut emitted: Vec<(&str, String, u64)> = alloc::vec![(ASSETS_PA, archive.sha256.clone(), archive.len)];
    for (name, bytes) in &files {
        emitted.push((name, companions::sha256_hex(bytes), bytes.len() as u64));
    }
    files.push((PACKER_ARTIFACTS_JSON, companions::packer_artifacts_json(&emitted)));
    files
}
