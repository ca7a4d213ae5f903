//! Reader checks of the `preload` array (PA-PRELOAD-5): shape, known asset, no asset
//! twice, no slot used twice within a bank; warnings for slots beyond the known range
//! and for a preload that differs from the v1 assignment rule.
use alloc::collections::{BTreeMap, BTreeSet};
use alloc::format;
use alloc::vec::Vec;

use super::codes;
use super::header::{int, unknown_key_warnings, MAX_ASSET_ID, PRELOAD_KEYS};
use super::model::{AssetEntry, BankType, PreloadEntry};
use super::preload_slots;
use crate::diag::Finding;
use crate::json::Value;

/// Largest slot number (`i32`, PA-PRELOAD-5).
pub const MAX_SLOT: u64 = i32::MAX as u64;

/// The checked preload list and its warnings (unknown keys, beyond-range slots,
/// non-canonical form).
pub struct CheckedPreload {
    pub entries: Vec<PreloadEntry>,
    pub unknown_keys: Vec<Finding>,
    pub warnings: Vec<Finding>,
}

pub fn check(raw: &[Value], table: &[AssetEntry]) -> Result<CheckedPreload, Finding> {
    let banks = crate::sort::map(table.iter().map(|e| (e.asset_id, e.bank_type)));
    let mut unknown_keys = Vec::new();
    let mut entries = Vec::with_capacity(raw.len());
    for (i, v) in raw.iter().enumerate() {
        let path = format!("preload[{i}]");
        let Value::Object(m) = v else {
            return Err(shape(&path, "preload entry must be an object"));
        };
        let field = |key: &str| -> Result<u64, Finding> {
            let p = format!("{path}.{key}");
            match m.get(key) {
                None => Err(shape(&p, "required field is missing")),
                Some(x) => int(x).ok_or_else(|| shape(&p, "must be an integer")),
            }
        };
        let asset_id = field("asset_id")?;
        let slot = field("slot")?;
        if asset_id > MAX_ASSET_ID {
            return Err(Finding::error(
                codes::ASSET_ID_OUT_OF_RANGE,
                format!("{path}.asset_id: asset_id {asset_id} does not fit 0..2147483647"),
            )
            .at_path(format!("{path}.asset_id")));
        }
        if slot > MAX_SLOT {
            return Err(shape(&format!("{path}.slot"), "slot must fit 0..2147483647"));
        }
        unknown_key_warnings(m, &PRELOAD_KEYS, &path, &mut unknown_keys);
        entries.push(PreloadEntry { asset_id: asset_id as u32, slot: slot as u32 });
    }

    let mut seen_assets = BTreeSet::new();
    let mut used_slots: BTreeMap<(BankType, u32), u32> = BTreeMap::new();
    let mut warnings = Vec::new();
    for (i, p) in entries.iter().enumerate() {
        let Some(&bank) = banks.get(&p.asset_id) else {
            return Err(Finding::error(
                codes::PRELOAD_UNKNOWN_ASSET,
                format!("preload[{i}]: asset_id {} is not in asset_table", p.asset_id),
            )
            .at_path(format!("preload[{i}].asset_id")));
        };
        if !seen_assets.insert(p.asset_id) {
            return Err(Finding::error(
                codes::PRELOAD_DUPLICATE_ASSET,
                format!("preload[{i}]: asset_id {} listed twice", p.asset_id),
            )
            .at_path(format!("preload[{i}].asset_id")));
        }
        if let Some(other) = used_slots.insert((bank, p.slot), p.asset_id) {
            return Err(Finding::error(
                codes::PRELOAD_SLOT_CONFLICT,
                format!("preload[{i}]: slot {} of bank {} already used by asset {other}", p.slot, bank.as_str()),
            )
            .at_path(format!("preload[{i}].slot")));
        }
        if preload_slots::beyond_known_range(bank, p.slot) {
            warnings.push(
                Finding::warning(
                    codes::PRELOAD_SLOT_BEYOND_KNOWN_RANGE,
                    format!(
                        "preload[{i}]: slot {} of bank {} is beyond the slots the runtime is known to have",
                        p.slot,
                        bank.as_str()
                    ),
                )
                .at_path(format!("preload[{i}].slot")),
            );
        }
    }
    let preloaded: Vec<(u32, BankType)> =
        entries.iter().filter_map(|p| banks.get(&p.asset_id).map(|b| (p.asset_id, *b))).collect();
    if preload_slots::assign(&preloaded).as_deref() != Some(entries.as_slice()) {
        warnings.insert(
            0,
            Finding::warning(
                codes::PRELOAD_NOT_CANONICAL,
                "preload differs from the v1 form (increasing asset_id, slots per bank from 0 in asset_id order)",
            ),
        );
    }
    Ok(CheckedPreload { entries, unknown_keys, warnings })
}

fn shape(path: &str, expected: &str) -> Finding {
    Finding::error(codes::HEADER_SHAPE, format!("{path}: {expected}")).at_path(path)
}
