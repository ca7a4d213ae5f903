//! GLYPH/indexed_v1 byte layout — the fixed sheet (PA-GLYPH-1, upstream contract), the
//! nibble order (trustloop v1 decision D6, PA-GLYPH-2), pixel order and tile placement
//! (PA-GLYPH-3, proposed) and the palette block (PA-GLYPH-4, proposed).
//!
//! *Provisional until checked against the Prometeu runtime loader*: every number and
//! order of the payload lives in [`GLYPH_LAYOUT`]; a correction touches only this file.
use alloc::vec;
use alloc::vec::Vec;

/// Which nibble of a byte holds the even-index pixel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NibbleOrder {
    /// Even-index pixel in bits 0–3, odd-index pixel in bits 4–7 (D6).
    LowFirst,
}

/// The whole GLYPH/indexed_v1 payload geometry.
#[derive(Clone, Copy, Debug)]
pub struct GlyphLayout {
    /// Sheet size in pixels (fixed 256 × 256 upstream).
    pub width: u64,
    pub height: u64,
    /// Allowed `tile_size` values and the tile capacity of the sheet for each.
    pub tile_capacities: [(u64, u64); 3],
    pub nibble_order: NibbleOrder,
    /// Largest palette index a pixel may hold (4bpp → 15).
    pub max_pixel_value: u8,
    /// Fixed palette block after the pixel plane: palettes × colours × bytes per colour.
    pub palette_count: u64,
    pub colors_per_palette: u64,
    pub bytes_per_color: u64,
}

/// GLYPH/indexed_v1 as trustloop v1 writes and checks it.
pub const GLYPH_LAYOUT: GlyphLayout = GlyphLayout {
    width: 256,
    height: 256,
    tile_capacities: [(8, 1024), (16, 256), (32, 64)],
    nibble_order: NibbleOrder::LowFirst,
    max_pixel_value: 15,
    palette_count: 64,
    colors_per_palette: 16,
    bytes_per_color: 2,
};

impl GlyphLayout {
    /// Bytes of the packed 4bpp pixel plane: `ceil(width*height/2)`.
    pub const fn pixel_plane_len(&self) -> u64 {
        (self.width * self.height).div_ceil(2)
    }
    /// Bytes of the palette block (2048).
    pub const fn palette_block_len(&self) -> u64 {
        self.palette_count * self.colors_per_palette * self.bytes_per_color
    }
    /// Stored slice size: `ceil(width*height/2) + 2048` (= 34816).
    pub const fn size(&self) -> u64 {
        self.pixel_plane_len() + self.palette_block_len()
    }
    /// Resident size after the runtime expands 4bpp to 8bpp: `width*height + 2048` (= 67584).
    pub const fn decoded_size(&self) -> u64 {
        self.width * self.height + self.palette_block_len()
    }
    /// Tile capacity for `tile_size`, `None` if the tile size is not allowed.
    pub fn capacity(&self, tile_size: u64) -> Option<u64> {
        self.tile_capacities.iter().find(|(t, _)| *t == tile_size).map(|(_, c)| *c)
    }
    /// Tiles per sheet row for an allowed `tile_size`.
    pub fn tiles_per_row(&self, tile_size: u64) -> u64 {
        self.width / tile_size
    }
    /// Payload offset of palette `p`, colour `c` (PA-GLYPH-4).
    pub fn color_offset(&self, palette: u64, color: u64) -> u64 {
        self.pixel_plane_len() + (palette * self.colors_per_palette + color) * self.bytes_per_color
    }
}

/// Packs normalized tiles into the canonical payload. `tiles[t]` holds `tile_size²`
/// palette indices in row-major order and becomes `tile_id` t; `palettes` are
/// `(index, colours)` pairs. The caller has validated tile size, capacity, pixel and
/// palette ranges (see `builder`); out-of-range values are masked, never a panic.
pub fn pack_payload(tile_size: u64, tiles: &[&[u8]], palettes: &[(u64, [u16; 16])]) -> Vec<u8> {
    let layout = GLYPH_LAYOUT;
    let mut out = vec![0u8; layout.size() as usize];
    let per_row = layout.tiles_per_row(tile_size).max(1);
    for (t, pixels) in tiles.iter().enumerate() {
        let t = t as u64;
        let x0 = (t % per_row) * tile_size;
        let y0 = (t / per_row) * tile_size;
        for (i, &value) in pixels.iter().enumerate() {
            let i = i as u64;
            let (x, y) = (x0 + i % tile_size, y0 + i / tile_size);
            if x < layout.width && y < layout.height {
                put_pixel(&mut out, y * layout.width + x, value);
            }
        }
    }
    for (p, colours) in palettes {
        if *p >= layout.palette_count {
            continue;
        }
        for (c, rgb565) in colours.iter().enumerate() {
            let at = layout.color_offset(*p, c as u64) as usize;
            if let Some(slot) = out.get_mut(at..at + 2) {
                slot.copy_from_slice(&rgb565.to_le_bytes());
            }
        }
    }
    out
}

/// Writes the 4-bit `value` of sheet pixel `index` (PA-GLYPH-2/3).
fn put_pixel(plane: &mut [u8], index: u64, value: u8) {
    let Some(byte) = plane.get_mut((index / 2) as usize) else { return };
    let value = value & 0x0f;
    let low = (index % 2 == 0) == (GLYPH_LAYOUT.nibble_order == NibbleOrder::LowFirst);
    if low {
        *byte = (*byte & 0xf0) | value;
    } else {
        *byte = (*byte & 0x0f) | (value << 4);
    }
}

/// Reads sheet pixel `index` from a payload.
#[cfg(test)]
pub fn pixel_at(payload: &[u8], index: u64) -> Option<u8> {
    let byte = *payload.get((index / 2) as usize)?;
    let low = (index % 2 == 0) == (GLYPH_LAYOUT.nibble_order == NibbleOrder::LowFirst);
    Some(if low { byte & 0x0f } else { byte >> 4 })
}

/// Converts 8-bit-per-channel RGB to RGB565 by truncation (red bits 15–11, green 10–5,
/// blue 4–0; PA-GLYPH-4).
pub fn rgb888_to_rgb565(r: u8, g: u8, b: u8) -> u16 {
    (u16::from(r >> 3) << 11) | (u16::from(g >> 2) << 5) | u16::from(b >> 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_match_the_upstream_formulas() {
        assert_eq!(GLYPH_LAYOUT.size(), 34816);
        assert_eq!(GLYPH_LAYOUT.decoded_size(), 67584);
        assert_eq!(GLYPH_LAYOUT.capacity(8), Some(1024));
        assert_eq!(GLYPH_LAYOUT.capacity(12), None);
    }

    #[test]
    fn nibble_order_low_first() {
        // PA-GLYPH-2 / V2: row 0 pixels 1..8 pack to 21 43 65 87.
        let tile: Vec<u8> = (0..64).map(|i| (i % 8 + 1) as u8).collect();
        let p = pack_payload(8, &[&tile], &[]);
        assert_eq!(&p[0..4], &[0x21, 0x43, 0x65, 0x87]);
        assert_eq!(&p[128..132], &[0x21, 0x43, 0x65, 0x87]);
        assert_eq!(pixel_at(&p, 1), Some(2));
    }

    #[test]
    fn second_tile_placement() {
        // V3: 16-px tile 1, pixel (15,15) → sheet (31,15) → byte 1935 high nibble.
        let t0 = vec![0u8; 256];
        let mut t1 = vec![0u8; 256];
        t1[255] = 15;
        let p = pack_payload(16, &[&t0, &t1], &[(63, [0xFFFF; 16])]);
        assert_eq!(p[1935], 0xf0);
        assert_eq!(&p[34814..], &[0xff, 0xff]);
    }

    #[test]
    fn rgb565() {
        assert_eq!(rgb888_to_rgb565(255, 0, 0), 0xF800);
        assert_eq!(rgb888_to_rgb565(0, 255, 0), 0x07E0);
        assert_eq!(rgb888_to_rgb565(0, 0, 255), 0x001F);
    }
}
