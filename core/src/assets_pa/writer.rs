//! The `assets.pa` writer (PA-WRITE): plan the header from entry descriptions and
//! payload sizes, self-check it with the reader *before writing a byte* (PA-WRITE-3),
//! then stream prelude ‖ header ‖ payloads into a [`ByteSink`] — a `Vec<u8>` without
//! std, any `std::io::Write` with it. Memory is bounded by the header, never by the
//! archive: payloads pass through one at a time.
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::canonical::to_canonical_bytes;
use super::codes;
use super::glyph::packing::GLYPH_LAYOUT;
use super::model::{AssetEntry, BankType, Codec, Header};
use super::prelude::{Prelude, PRELUDE_LEN};
use super::{preload_slots, reader};
use crate::diag::{Finding, Severity};
use crate::json::Map;

/// One asset to write, without its payload bytes (only their count).
#[derive(Clone, Debug, PartialEq)]
pub struct WriteAsset {
    pub asset_id: u32,
    pub asset_name: String,
    pub bank_type: BankType,
    pub codec: Codec,
    /// Runtime metadata (format keys plus normalized `output.metadata`).
    pub metadata: Map,
    /// Payload length in bytes.
    pub size: u64,
    /// Whether the asset is preloaded (`preload.enabled`).
    pub preload: bool,
}

/// Everything decided before the first byte is written.
#[derive(Clone, Debug)]
pub struct ArchivePlan {
    pub prelude: Prelude,
    pub header: Header,
    /// The canonical header bytes.
    pub header_bytes: Vec<u8>,
    /// Total archive length.
    pub file_len: u64,
}

/// Plans an archive: sorts by `asset_id` (PA-WRITE-2 step 1), refuses SOUNDS (step 2),
/// lays out contiguous slices (PA-SLICE-2), assigns preload slots (PA-PRELOAD-4),
/// serializes the canonical header (PA-HDR-2/3) and runs the reader over the result
/// (PA-WRITE-3): any reader error or warning fails the plan.
pub fn plan(mut assets: Vec<WriteAsset>) -> Result<ArchivePlan, Finding> {
    if let Some(a) = assets.iter().find(|a| a.bank_type == BankType::Sounds) {
        return Err(Finding::error(
            codes::WRITE_SOUNDS_UNSUPPORTED,
            format!("asset {}: SOUNDS bank has no writer support until its payload contract is known", a.asset_id),
        ));
    }
    crate::sort::sort_by_key(&mut assets, |a| a.asset_id);
    let mut table = Vec::with_capacity(assets.len());
    let mut offset = 0u64;
    let mut preloaded = Vec::new();
    for a in assets {
        let decoded_size = match a.bank_type {
            BankType::Glyph => GLYPH_LAYOUT.decoded_size(),
            BankType::Sounds => a.size,
        };
        if a.preload {
            preloaded.push((a.asset_id, a.bank_type));
        }
        let size = a.size;
        table.push(AssetEntry {
            asset_id: a.asset_id,
            asset_name: a.asset_name,
            bank_type: a.bank_type,
            codec: a.codec,
            decoded_size,
            metadata: a.metadata,
            offset,
            size,
        });
        offset = offset.checked_add(size).ok_or_else(too_large)?;
    }
    let preload = preload_slots::assign(&preloaded).ok_or_else(too_large)?;
    let header = Header { asset_table: table, preload };
    let header_bytes = to_canonical_bytes(&header.to_value());
    let prelude = Prelude::for_header(header_bytes.len() as u64).ok_or_else(too_large)?;
    let file_len = prelude.payload_offset.checked_add(offset).ok_or_else(too_large)?;
    self_check(prelude, file_len, &header_bytes)?;
    Ok(ArchivePlan { prelude, header, header_bytes, file_len })
}

fn too_large() -> Finding {
    Finding::error(codes::WRITE_INVALID_ENTRY, "archive size overflows 64 bits")
}

/// PA-WRITE-3 on the planned header: the reader's verdict on the archive-to-be.
fn self_check(prelude: Prelude, file_len: u64, header_bytes: &[u8]) -> Result<(), Finding> {
    match reader::validate(prelude, file_len, header_bytes) {
        Err(mut f) => {
            f.message = format!("writer self-check: {}", f.message);
            Err(f)
        }
        Ok(info) => match info.warnings.into_iter().find(|w| w.severity != Severity::Info) {
            Some(w) => Err(Finding::error(codes::WRITE_SELF_CHECK, format!("writer self-check: {}", w.message))),
            None => Ok(()),
        },
    }
}

/// Where archive bytes go.
pub trait ByteSink {
    fn put(&mut self, bytes: &[u8]) -> Result<(), Finding>;
}

impl ByteSink for Vec<u8> {
    fn put(&mut self, bytes: &[u8]) -> Result<(), Finding> {
        self.extend_from_slice(bytes);
        Ok(())
    }
}

/// Any `std::io::Write` as a sink.
#[cfg(feature = "std")]
pub struct IoSink<W: std::io::Write>(pub W);

#[cfg(feature = "std")]
impl<W: std::io::Write> ByteSink for IoSink<W> {
    fn put(&mut self, bytes: &[u8]) -> Result<(), Finding> {
        self.0.write_all(bytes).map_err(|e| Finding::error(codes::WRITE_IO, format!("write assets.pa: {e}")))
    }
}

/// Streams one planned archive: prelude and header on [`ArchiveWriter::start`], then
/// each payload in `asset_id` order, each checked against its planned size.
pub struct ArchiveWriter<'p, S: ByteSink> {
    plan: &'p ArchivePlan,
    sink: S,
    next: usize,
}

impl<'p, S: ByteSink> ArchiveWriter<'p, S> {
    pub fn start(plan: &'p ArchivePlan, mut sink: S) -> Result<Self, Finding> {
        sink.put(&plan.prelude.encode())?;
        sink.put(&plan.header_bytes)?;
        debug_assert_eq!(PRELUDE_LEN as u64 + plan.header_bytes.len() as u64, plan.prelude.payload_offset);
        Ok(ArchiveWriter { plan, sink, next: 0 })
    }

    /// The entry whose payload comes next, if any.
    pub fn next_entry(&self) -> Option<&'p AssetEntry> {
        self.plan.header.asset_table.get(self.next)
    }

    fn expect_next(&self) -> Result<&'p AssetEntry, Finding> {
        self.next_entry()
            .ok_or_else(|| Finding::error(codes::WRITE_PAYLOAD_SIZE, "more payloads than planned assets"))
    }

    /// Writes the whole payload of the next asset.
    pub fn payload(&mut self, bytes: &[u8]) -> Result<(), Finding> {
        let e = self.expect_next()?;
        if bytes.len() as u64 != e.size {
            return Err(size_mismatch(e, bytes.len() as u64));
        }
        self.sink.put(bytes)?;
        self.next += 1;
        Ok(())
    }

    /// Streams the payload of the next asset from `r` in 64 KiB chunks; `r` must yield
    /// exactly the planned size.
    #[cfg(all(test, feature = "std"))]
    pub fn payload_from<R: std::io::Read>(&mut self, mut r: R) -> Result<(), Finding> {
        let e = self.expect_next()?;
        let mut buf = alloc::vec![0u8; 64 << 10];
        let mut written = 0u64;
        loop {
            let n = match r.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(err) => {
                    return Err(Finding::error(codes::WRITE_IO, format!("asset {}: read payload: {err}", e.asset_id)))
                }
            };
            written += n as u64;
            if written > e.size {
                return Err(size_mismatch(e, written));
            }
            self.sink.put(&buf[..n])?;
        }
        if written != e.size {
            return Err(size_mismatch(e, written));
        }
        self.next += 1;
        Ok(())
    }

    /// Ends the archive; every planned payload must have been written.
    pub fn finish(self) -> Result<S, Finding> {
        match self.next_entry() {
            Some(e) => Err(Finding::error(codes::WRITE_PAYLOAD_SIZE, format!("asset {}: payload never written", e.asset_id))),
            None => Ok(self.sink),
        }
    }
}

fn size_mismatch(e: &AssetEntry, got: u64) -> Finding {
    Finding::error(
        codes::WRITE_PAYLOAD_SIZE,
        format!("asset {}: payload has {got} bytes, planned size is {}", e.asset_id, e.size),
    )
}

/// One asset with its payload in memory.
#[derive(Clone, Debug, PartialEq)]
pub struct AssetWithPayload {
    pub asset: WriteAsset,
    pub payload: Vec<u8>,
}

/// Writes a whole archive into a `Vec` (no_std friendly). Returns the plan too, for
/// the companion files.
pub fn write_to_vec(assets: Vec<AssetWithPayload>) -> Result<(ArchivePlan, Vec<u8>), Finding> {
    let mut assets = assets;
    crate::sort::sort_by_key(&mut assets, |a| a.asset.asset_id);
    let plan = plan(assets.iter().map(|a| a.asset.clone()).collect())?;
    let mut out = Vec::with_capacity(usize::try_from(plan.file_len).unwrap_or(0));
    let mut w = ArchiveWriter::start(&plan, &mut out)?;
    for a in &assets {
        w.payload(&a.payload)?;
    }
    w.finish()?;
    Ok((plan, out))
}

impl<S: ByteSink + ?Sized> ByteSink for &mut S {
    fn put(&mut self, bytes: &[u8]) -> Result<(), Finding> {
        (**self).put(bytes)
    }
}
