//! Reader checks of a GLYPH entry against GLYPH/indexed_v1 (PA-GLYPH-5): metadata keys
//! and the size formulas. The first failing rule is reported as `GlyphContract`.
use alloc::format;
use alloc::string::{String, ToString};

use super::packing::GLYPH_LAYOUT;
use crate::assets_pa::codes;
use crate::assets_pa::header::int;
use crate::assets_pa::model::{AssetEntry, Codec};
use crate::diag::Finding;

/// The metadata keys GLYPH/indexed_v1 owns (PA-GLYPH-1); `output.metadata` may not
/// collide with them (PA-WRITE-2).
#[cfg(feature = "std")]
pub const FORMAT_KEYS: [&str; 4] = ["tile_size", "width", "height", "palette_count"];

fn broken(e: &AssetEntry, rule: &str, expected: &str, found: &str) -> Finding {
    Finding::error(
        codes::GLYPH_CONTRACT,
        format!("asset {}: GLYPH/indexed_v1 {rule} (expected {expected}, found {found})", e.asset_id),
    )
}

fn meta_int(e: &AssetEntry, key: &str) -> Result<u64, Finding> {
    match e.metadata.get(key) {
        None => Err(broken(e, &format!("metadata.{key}"), "an integer", "nothing")),
        Some(v) => int(v).ok_or_else(|| broken(e, &format!("metadata.{key}"), "an integer", "another type")),
    }
}

fn expect(e: &AssetEntry, rule: &str, expected: u64, found: u64) -> Result<(), Finding> {
    if expected == found {
        Ok(())
    } else {
        Err(broken(e, rule, &expected.to_string(), &found.to_string()))
    }
}

/// PA-GLYPH-5 for one GLYPH entry.
pub fn check_entry(e: &AssetEntry) -> Result<(), Finding> {
    let layout = GLYPH_LAYOUT;
    if e.codec != Codec::None {
        return Err(broken(e, "codec", "\"NONE\"", e.codec.as_str()));
    }
    let tile_size = meta_int(e, "tile_size")?;
    if layout.capacity(tile_size).is_none() {
        let allowed: String =
            layout.tile_capacities.iter().map(|(t, _)| t.to_string()).collect::<alloc::vec::Vec<_>>().join(", ");
        return Err(broken(e, "metadata.tile_size", &format!("one of {allowed}"), &tile_size.to_string()));
    }
    expect(e, "metadata.width", layout.width, meta_int(e, "width")?)?;
    expect(e, "metadata.height", layout.height, meta_int(e, "height")?)?;
    expect(e, "metadata.palette_count", layout.palette_count, meta_int(e, "palette_count")?)?;
    expect(e, "size", layout.size(), e.size)?;
    expect(e, "decoded_size", layout.decoded_size(), e.decoded_size)
}
