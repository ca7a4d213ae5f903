//! Preload slot assignment — trustloop v1 decision D7 (PA-PRELOAD-3/4), *provisional
//! until checked against the Prometeu runtime loader*.
//!
//! Upstream says preload is emitted deterministically from each asset's
//! `preload.enabled`, but not how slots are chosen. The whole policy is the table
//! [`PRELOAD_SLOT_POLICY`]: one row per bank type with its first slot and the slot
//! count the runtime is known to have (beyond it the reader only warns, PA-PRELOAD-5).
//! Within a bank, slots go to preloaded assets in increasing `asset_id` order.
use alloc::vec::Vec;

use super::model::{BankType, PreloadEntry};

/// How slots are handed out within one bank type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BankSlotRule {
    pub bank: BankType,
    /// Slot given to the preloaded asset with the smallest `asset_id`.
    pub first_slot: u32,
    /// Slots known to exist at runtime (`None`: unknown, never warned about).
    pub known_slots: Option<u32>,
}

/// The v1 preload policy: per bank type, in increasing `asset_id`, from slot 0. GLYPH has
/// 16 banks in the GFX model (R11); the SOUNDS slot range is not documented.
pub const PRELOAD_SLOT_POLICY: [BankSlotRule; 2] = [
    BankSlotRule { bank: BankType::Glyph, first_slot: 0, known_slots: Some(16) },
    BankSlotRule { bank: BankType::Sounds, first_slot: 0, known_slots: None },
];

/// The policy row for `bank`.
pub fn rule_for(bank: BankType) -> BankSlotRule {
    PRELOAD_SLOT_POLICY
        .into_iter()
        .find(|r| r.bank == bank)
        .unwrap_or(BankSlotRule { bank, first_slot: 0, known_slots: None })
}

/// Assigns slots to the preloaded assets `(asset_id, bank)` (any input order, ids
/// unique) and returns the `preload` array in increasing `asset_id` order.
/// Returns `None` only if a bank needs more than `u32::MAX` slots.
pub fn assign(preloaded: &[(u32, BankType)]) -> Option<Vec<PreloadEntry>> {
    let mut sorted: Vec<(u32, BankType)> = preloaded.to_vec();
    crate::sort::sort_by_key(&mut sorted, |(id, _)| *id);
    let mut next: Vec<(BankType, u32)> = Vec::new();
    let mut out = Vec::with_capacity(sorted.len());
    for (asset_id, bank) in sorted {
        let slot = match next.iter_mut().find(|(b, _)| *b == bank) {
            Some((_, n)) => {
                let s = *n;
                *n = n.checked_add(1)?;
                s
            }
            None => {
                let first = rule_for(bank).first_slot;
                next.push((bank, first.checked_add(1)?));
                first
            }
        };
        out.push(PreloadEntry { asset_id, slot });
    }
    Some(out)
}

/// Whether `slot` lies beyond the runtime's known range for `bank`.
pub fn beyond_known_range(bank: BankType, slot: u32) -> bool {
    let rule = rule_for(bank);
    match rule.known_slots {
        Some(n) => slot >= rule.first_slot.saturating_add(n),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_bank_in_asset_id_order() {
        // Spec V3: ids 3 and 7 (GLYPH) preloaded → slots 0 and 1; SOUNDS counts separately.
        let got = assign(&[(7, BankType::Glyph), (12, BankType::Sounds), (3, BankType::Glyph)]).unwrap();
        assert_eq!(
            got,
            [
                PreloadEntry { asset_id: 3, slot: 0 },
                PreloadEntry { asset_id: 7, slot: 1 },
                PreloadEntry { asset_id: 12, slot: 0 }
            ]
        );
        assert!(beyond_known_range(BankType::Glyph, 16));
        assert!(!beyond_known_range(BankType::Glyph, 15));
        assert!(!beyond_known_range(BankType::Sounds, 1000));
    }
}
