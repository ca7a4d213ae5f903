//! GLYPH/indexed_v1 payload builder (PA-GLYPH-7): normalized tiles and palettes in,
//! canonical payload and runtime metadata out, with the blocking diagnostics of
//! PA-DIAG-2 (first problem wins, in the order listed there).
use alloc::collections::BTreeSet;
use alloc::format;
use alloc::vec::Vec;

use super::packing::{pack_payload, GLYPH_LAYOUT};
use crate::assets_pa::codes;
use crate::diag::Finding;
use crate::json::{Map, Value};

/// One authored tile: its explicit artifact `index` and `tile_size²` palette indices
/// in row-major order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TileInput {
    pub index: u64,
    pub pixels: Vec<u8>,
}

/// One palette declaration `{index, palette}`: 16 RGB565 colours.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaletteInput {
    pub index: u64,
    pub colors: Vec<u16>,
}

/// Everything a GLYPH bank is built from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GlyphBankInput {
    pub tile_size: u64,
    pub tiles: Vec<TileInput>,
    pub palettes: Vec<PaletteInput>,
}

/// A built bank: the canonical payload and its metadata.
#[derive(Clone, Debug, PartialEq)]
pub struct GlyphBank {
    pub payload: Vec<u8>,
    /// Header metadata root keys: `height`, `palette_count`, `tile_size`, `width`.
    pub metadata: Map,
    /// Palettes actually authored (tooling information; not emitted in the v1 header).
    pub palette_authored: u64,
    pub tile_count: u64,
}

impl GlyphBank {
    /// `{metadata, palette_authored, tile_count, size, decoded_size, payload_sha256}`
    /// (the payload itself is returned as bytes by the hosts).
    pub fn summary_value(&self) -> Value {
        Map::record()
            .with("metadata", self.metadata.clone())
            .with("palette_authored", self.palette_authored)
            .with("tile_count", self.tile_count)
            .with("size", self.payload.len())
            .with("decoded_size", GLYPH_LAYOUT.decoded_size())
            .with("payload_sha256", crate::digest::sha256_bytes(&self.payload))
            .into()
    }
}

/// The runtime metadata of a bank with `tile_size` (PA-GLYPH-1).
pub fn format_metadata(tile_size: u64) -> Map {
    Map::new()
        .with("height", GLYPH_LAYOUT.height)
        .with("palette_count", GLYPH_LAYOUT.palette_count)
        .with("tile_size", tile_size)
        .with("width", GLYPH_LAYOUT.width)
}

fn err(code: &'static str, message: alloc::string::String) -> Finding {
    Finding::error(code, message)
}

/// Builds the payload, or the first blocking diagnostic.
pub fn build(input: &GlyphBankInput) -> Result<GlyphBank, Finding> {
    let layout = GLYPH_LAYOUT;
    let ts = input.tile_size;
    let Some(capacity) = layout.capacity(ts) else {
        return Err(err(codes::GLYPH_BAD_METADATA, format!("tile_size {ts} is not one of 8, 16, 32")));
    };
    let mut order: Vec<&TileInput> = input.tiles.iter().collect();
    crate::sort::sort_by_key(&mut order, |t| t.index);
    for pair in order.windows(2) {
        if pair[0].index == pair[1].index {
            return Err(err(codes::GLYPH_DUPLICATE_TILE_INDEX, format!("tile index {} is declared twice", pair[0].index)));
        }
    }
    if order.len() as u64 > capacity {
        return Err(err(
            codes::GLYPH_CAPACITY_OVERFLOW,
            format!("{} tiles exceed the {capacity}-tile capacity of the 256x256 sheet at tile_size {ts}", order.len()),
        ));
    }
    if let Some((expected, t)) = order.iter().enumerate().find(|(i, t)| t.index != *i as u64) {
        return Err(err(
            codes::GLYPH_MISSING_TILE_INDEX,
            format!("tile index {expected} is missing (indices must be 0..{} without gaps; next is {})", order.len() - 1, t.index),
        ));
    }
    let want = (ts * ts) as usize;
    for t in &input.tiles {
        if t.pixels.len() != want {
            return Err(err(
                codes::GLYPH_TILE_MALFORMED,
                format!("tile {}: has {} pixels, a {ts}x{ts} tile has {want}", t.index, t.pixels.len()),
            ));
        }
        if let Some(p) = t.pixels.iter().position(|&v| v > layout.max_pixel_value) {
            return Err(err(
                codes::GLYPH_PIXEL_OUT_OF_RANGE,
                format!(
                    "tile {}: pixel ({}, {}) has palette index {}, allowed 0..{}",
                    t.index,
                    p as u64 % ts,
                    p as u64 / ts,
                    t.pixels[p],
                    layout.max_pixel_value
                ),
            ));
        }
    }
    let palettes = check_palettes(&input.palettes)?;
    let tiles: Vec<&[u8]> = order.iter().map(|t| t.pixels.as_slice()).collect();
    Ok(GlyphBank {
        payload: pack_payload(ts, &tiles, &palettes),
        metadata: format_metadata(ts),
        palette_authored: palettes.len() as u64,
        tile_count: tiles.len() as u64,
    })
}

fn check_palettes(palettes: &[PaletteInput]) -> Result<Vec<(u64, [u16; 16])>, Finding> {
    let layout = GLYPH_LAYOUT;
    if palettes.is_empty() {
        return Err(err(codes::GLYPH_NO_PALETTES, "a GLYPH bank needs at least one palette declaration".into()));
    }
    if palettes.len() as u64 > layout.palette_count {
        return Err(err(
            codes::GLYPH_TOO_MANY_PALETTES,
            format!("{} palette declarations exceed the {} palettes of GLYPH/indexed_v1", palettes.len(), layout.palette_count),
        ));
    }
    let mut seen = BTreeSet::new();
    let mut out = Vec::with_capacity(palettes.len());
    for p in palettes {
        if p.index >= layout.palette_count {
            return Err(err(
                codes::GLYPH_MALFORMED_PALETTE,
                format!("palette index {} is outside 0..{}", p.index, layout.palette_count - 1),
            ));
        }
        if !seen.insert(p.index) {
            return Err(err(codes::GLYPH_MALFORMED_PALETTE, format!("palette index {} is declared twice", p.index)));
        }
        let colors: [u16; 16] = p.colors.as_slice().try_into().map_err(|_| {
            err(
                codes::GLYPH_MALFORMED_PALETTE,
                format!("palette {}: has {} colours, expected {}", p.index, p.colors.len(), layout.colors_per_palette),
            )
        })?;
        out.push((p.index, colors));
    }
    crate::sort::sort_by_key(&mut out, |(i, _)| *i);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    fn bank(tile_size: u64, tiles: usize) -> GlyphBankInput {
        GlyphBankInput {
            tile_size,
            tiles: (0..tiles).map(|i| TileInput { index: i as u64, pixels: vec![0; (tile_size * tile_size) as usize] }).collect(),
            palettes: vec![PaletteInput { index: 0, colors: vec![0; 16] }],
        }
    }

    fn code(input: &GlyphBankInput) -> &'static str {
        build(input).unwrap_err().code
    }

    #[test]
    fn capacity_per_tile_size() {
        // §19: 1025 tiles at 8, 257 at 16, 65 at 32 overflow; the capacity itself fits.
        for (ts, cap) in [(8u64, 1024usize), (16, 256), (32, 64)] {
            assert!(build(&bank(ts, cap)).is_ok());
            assert_eq!(code(&bank(ts, cap + 1)), codes::GLYPH_CAPACITY_OVERFLOW);
        }
    }

    #[test]
    fn blocking_diagnostics() {
        assert_eq!(code(&bank(12, 1)), codes::GLYPH_BAD_METADATA);
        let mut b = bank(8, 2);
        b.tiles[1].index = 0;
        assert_eq!(code(&b), codes::GLYPH_DUPLICATE_TILE_INDEX);
        b.tiles[1].index = 2;
        assert_eq!(code(&b), codes::GLYPH_MISSING_TILE_INDEX);
        let mut b = bank(8, 1);
        b.tiles[0].pixels[5] = 16;
        assert_eq!(code(&b), codes::GLYPH_PIXEL_OUT_OF_RANGE);
        b.tiles[0].pixels.pop();
        assert_eq!(code(&b), codes::GLYPH_TILE_MALFORMED);
        let mut b = bank(8, 1);
        b.palettes.clear();
        assert_eq!(code(&b), codes::GLYPH_NO_PALETTES);
        b.palettes = (0..65).map(|i| PaletteInput { index: i, colors: vec![0; 16] }).collect();
        assert_eq!(code(&b), codes::GLYPH_TOO_MANY_PALETTES);
        b.palettes = vec![PaletteInput { index: 64, colors: vec![0; 16] }];
        assert_eq!(code(&b), codes::GLYPH_MALFORMED_PALETTE);
        b.palettes = vec![PaletteInput { index: 1, colors: vec![0; 15] }];
        assert_eq!(code(&b), codes::GLYPH_MALFORMED_PALETTE);
    }

    #[test]
    fn tiles_are_placed_by_index_not_input_order() {
        let mut b = bank(8, 2);
        b.tiles[0].index = 1;
        b.tiles[1].index = 0;
        b.tiles[0].pixels[0] = 5; // index 1 → sheet x 8
        let out = build(&b).unwrap();
        assert_eq!(out.payload[4], 5);
        assert_eq!(out.payload[0], 0);
        assert_eq!(out.palette_authored, 1);
    }
}
