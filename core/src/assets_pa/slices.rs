//! Payload slice checks (PA-SLICE-3/4): bounds, overlap, trailing bytes, and the
//! canonical-layout warning.
use alloc::format;
use alloc::vec::Vec;

use super::codes;
use super::model::AssetEntry;
use crate::diag::Finding;

/// Errors of PA-SLICE-3, in the order: bounds (table order), overlap, trailing bytes.
pub fn check(table: &[AssetEntry], payload_len: u64) -> Result<(), Finding> {
    let mut max_end = 0u64;
    for e in table {
        match e.end() {
            Some(end) if end <= payload_len => max_end = max_end.max(end),
            _ => {
                return Err(Finding::error(
                    codes::SLICE_OUT_OF_BOUNDS,
                    format!("asset {}: slice {}+{} exceeds payload length {payload_len}", e.asset_id, e.offset, e.size),
                ))
            }
        }
    }
    // Zero-size slices overlap nothing (PA-SLICE-4).
    let mut ranges: Vec<(u64, u64, u32)> =
        table.iter().filter(|e| e.size > 0).map(|e| (e.offset, e.offset + e.size, e.asset_id)).collect();
    crate::sort::sort(&mut ranges);
    let mut reach: Option<(u64, u32)> = None; // furthest end so far and its asset
    for (start, end, id) in ranges {
        if let Some((far, other)) = reach {
            if start < far {
                let (a, b) = if other < id { (other, id) } else { (id, other) };
                return Err(Finding::error(codes::SLICE_OVERLAP, format!("assets {a} and {b} have overlapping slices")));
            }
        }
        if reach.map_or(true, |(far, _)| end > far) {
            reach = Some((end, id));
        }
    }
    if payload_len > max_end {
        return Err(Finding::error(
            codes::TRAILING_PAYLOAD_BYTES,
            format!("{} trailing bytes after the last slice", payload_len - max_end),
        ));
    }
    Ok(())
}

/// PA-SLICE-4 warning: slices not contiguous from 0 in table order (the v1 writer's
/// layout, PA-SLICE-2). Only called after [`check`] passed.
pub fn layout_warning(table: &[AssetEntry]) -> Option<Finding> {
    let mut expected = 0u64;
    for e in table {
        if e.offset != expected {
            return Some(Finding::warning(
                codes::NON_CANONICAL_SLICE_LAYOUT,
                format!(
                    "asset {}: slice starts at {} but the canonical contiguous layout puts it at {expected}",
                    e.asset_id, e.offset
                ),
            ));
        }
        expected = expected.saturating_add(e.size);
    }
    None
}
