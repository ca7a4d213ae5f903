//! The `assets.pa` reader/validator (PA-READ-1): stops at the first error, collects
//! warnings. Nothing it checks depends on payload *content* (only on lengths, and on
//! the padding bytes), so it runs on an in-memory archive ([`read`]), on a stream
//! ([`read_from`], std) or on a header the writer is about to emit ([`validate`]).
use alloc::format;
use alloc::vec::Vec;
use core::ops::Range;

use super::canonical::to_canonical_bytes;
use super::codes;
use super::glyph::contract;
use super::header::{parse_header, MAX_HEADER_LEN};
use super::model::{AssetEntry, BankType, Header};
use super::prelude::{self, Prelude, PRELUDE_LEN};
use super::{preload_check, slices};
use crate::diag::{findings_to_value, Finding};
use crate::json::{Map, Value};

/// A valid archive's structure: prelude, header and warnings (PA-READ-3).
#[derive(Clone, Debug)]
pub struct ArchiveInfo {
    pub prelude: Prelude,
    pub file_len: u64,
    pub header: Header,
    pub warnings: Vec<Finding>,
}

impl ArchiveInfo {
    pub fn payload_len(&self) -> u64 {
        self.file_len.saturating_sub(self.prelude.payload_offset)
    }

    /// Absolute byte range of an asset's slice in the file.
    pub fn slice_range(&self, asset_id: u32) -> Option<Range<u64>> {
        let e = self.header.entry(asset_id)?;
        let start = self.prelude.payload_offset.checked_add(e.offset)?;
        Some(start..start.checked_add(e.size)?)
    }

    /// The `read` result every host returns.
    pub fn to_value(&self) -> Value {
        let p = &self.prelude;
        let prelude = Map::record()
            .with("magic", alloc::string::String::from_utf8_lossy(&p.magic).into_owned())
            .with("schema_version", p.schema_version)
            .with("header_len", p.header_len)
            .with("payload_offset", p.payload_offset)
            .with("flags", p.flags)
            .with("reserved", p.reserved);
        Map::record()
            .with("prelude", prelude)
            .with("file_len", self.file_len)
            .with("payload_len", self.payload_len())
            .with("asset_table", self.header.asset_table_value())
            .with("preload", self.header.preload_value())
            .with("warnings", findings_to_value(&self.warnings))
            .into()
    }
}

/// A valid in-memory archive with borrowed slices.
#[derive(Clone, Debug)]
pub struct Archive<'a> {
    pub info: ArchiveInfo,
    data: &'a [u8],
}

impl<'a> Archive<'a> {
    /// The stored bytes of one asset, borrowed from the archive.
    pub fn slice(&self, asset_id: u32) -> Option<&'a [u8]> {
        let r = self.info.slice_range(asset_id)?;
        self.data.get(usize::try_from(r.start).ok()?..usize::try_from(r.end).ok()?)
    }
}

/// Reads and validates an in-memory archive.
pub fn read(data: &[u8]) -> Result<Archive<'_>, Finding> {
    let file_len = data.len() as u64;
    let prelude = prelude::check(data, file_len)?;
    // prelude::check guarantees 32 + header_len <= payload_offset <= file_len.
    let header_end = (PRELUDE_LEN as u64 + prelude.header_len) as usize;
    let padding = data.get(header_end..prelude.payload_offset as usize).unwrap_or(&[]);
    check_padding(padding, header_end as u64)?;
    let header_bytes = data.get(PRELUDE_LEN..header_end).unwrap_or(&[]);
    let info = validate(prelude, file_len, header_bytes)?;
    Ok(Archive { info, data })
}

/// PA-PRELUDE-6 step 7: zero bytes between the header end and `payload_offset`.
pub fn check_padding(padding: &[u8], start: u64) -> Result<(), Finding> {
    match padding.iter().position(|&b| b != 0) {
        None => Ok(()),
        Some(i) => Err(Finding::error(
            codes::NON_ZERO_PADDING,
            format!("non-zero byte at offset {} between header end and payload_offset", start + i as u64),
        )),
    }
}

fn header_too_large(header_len: u64) -> Option<Finding> {
    (header_len > MAX_HEADER_LEN).then(|| {
        Finding::error(codes::HEADER_NOT_JSON, format!("header is not valid JSON: input exceeds {MAX_HEADER_LEN} bytes"))
    })
}

/// PA-READ-1 steps 2–8 for a prelude that passed steps 1–7 of PA-PRELUDE-6.
pub fn validate(prelude: Prelude, file_len: u64, header_bytes: &[u8]) -> Result<ArchiveInfo, Finding> {
    if let Some(f) = header_too_large(prelude.header_len) {
        return Err(f);
    }
    let parsed = parse_header(header_bytes)?;
    let payload_len = file_len.saturating_sub(prelude.payload_offset);
    // Step 6: slices, then the GLYPH contract of each entry.
    slices::check(&parsed.asset_table, payload_len)?;
    for e in parsed.asset_table.iter().filter(|e| e.bank_type == BankType::Glyph) {
        contract::check_entry(e)?;
    }
    // Step 7: preload.
    let preload = preload_check::check(&parsed.preload_raw, &parsed.asset_table)?;
    // Step 8: warnings.
    let mut warnings = Vec::new();
    if to_canonical_bytes(&parsed.header_value) != header_bytes {
        warnings.push(Finding::warning(
            codes::HEADER_NOT_CANONICAL,
            "header is valid but not in canonical form (sorted keys, no whitespace, minimal escaping)",
        ));
    }
    warnings.extend(parsed.unknown_keys);
    warnings.extend(preload.unknown_keys);
    warnings.extend(slices::layout_warning(&parsed.asset_table));
    warnings.extend(preload.warnings);
    let header = Header { asset_table: parsed.asset_table, preload: preload.entries };
    Ok(ArchiveInfo { prelude, file_len, header, warnings })
}

/// `verify`: every finding of a read as `{ok, errors, warnings, codes, findings}`
/// (the first error stops the read; `codes` lists the findings' codes in order).
pub fn verify_value(result: Result<&ArchiveInfo, &Finding>) -> Value {
    let (ok, findings): (bool, Vec<Finding>) = match result {
        Ok(info) => (true, info.warnings.clone()),
        Err(f) => (false, alloc::vec![f.clone()]),
    };
    let errors = findings.iter().filter(|f| f.severity == crate::diag::Severity::Error).count();
    let codes: Vec<Value> = findings.iter().map(|f| Value::from(f.code)).collect();
    Map::record()
        .with("ok", ok)
        .with("errors", errors)
        .with("warnings", findings.len() - errors)
        .with("codes", codes)
        .with("findings", findings_to_value(&findings))
        .into()
}

/// Reads and validates an archive from a stream of `file_len` bytes without loading
/// the payload: memory is bounded by the header.
#[cfg(feature = "std")]
pub fn read_from<R: std::io::Read>(mut r: R, file_len: u64) -> Result<ArchiveInfo, Finding> {
    use std::io::Read;
    let io = |e: std::io::Error| Finding::error(codes::READ_IO, format!("read assets.pa: {e}"));
    let mut head = Vec::with_capacity(PRELUDE_LEN);
    (&mut r).take(PRELUDE_LEN as u64).read_to_end(&mut head).map_err(io)?;
    let prelude = prelude::check(&head, file_len)?;
    if let Some(f) = header_too_large(prelude.header_len) {
        return Err(f);
    }
    let mut header = Vec::with_capacity(prelude.header_len as usize);
    (&mut r).take(prelude.header_len).read_to_end(&mut header).map_err(io)?;
    if (header.len() as u64) < prelude.header_len {
        return Err(Finding::error(codes::READ_IO, "read assets.pa: file shorter than its stated length"));
    }
    let header_end = PRELUDE_LEN as u64 + prelude.header_len;
    let mut padding_left = prelude.payload_offset - header_end;
    let mut buf = [0u8; 8192];
    let mut at = header_end;
    while padding_left > 0 {
        let want = padding_left.min(buf.len() as u64) as usize;
        r.read_exact(&mut buf[..want]).map_err(io)?;
        check_padding(&buf[..want], at)?;
        at += want as u64;
        padding_left -= want as u64;
    }
    validate(prelude, file_len, &header)
}

/// The entry whose slice is `asset_id`, as an error finding when absent.
pub fn entry_or_error(info: &ArchiveInfo, asset_id: u32) -> Result<&AssetEntry, Finding> {
    info.header
        .entry(asset_id)
        .ok_or_else(|| Finding::error(codes::EXTRACT_UNKNOWN_ASSET, format!("asset_id {asset_id} is not in asset_table")))
}
