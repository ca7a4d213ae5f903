//! Palette-indexed PNG tile → palette indices (trustloop v1 decision D12). PNG bytes
//! are untrusted: dimensions are checked from the header before any pixel buffer is
//! allocated, decoding runs under a byte limit, and every failure is a finding.
//!
//! Accepted: colour type *indexed* (PLTE) at bit depth 1, 2, 4 or 8, square, side 8,
//! 16 or 32, interlaced or not. The PNG's own PLTE colours are ignored: a pixel's
//! value is its palette *index*, which must be 0..15; colours come from the bank's
//! palettes file.
use alloc::format;
use alloc::vec::Vec;

use super::packing::GLYPH_LAYOUT;
use crate::assets_pa::codes;
use crate::diag::Finding;

/// Decoder memory cap: a 32×32 tile needs about 1 KiB; leave room for metadata chunks.
const DECODE_LIMIT_BYTES: usize = 1 << 20;

fn invalid(file: &str, what: impl core::fmt::Display) -> Finding {
    Finding::error(codes::GLYPH_PNG_INVALID, format!("{file}: {what}")).at_file(file)
}

/// A decoded tile: its side length and `side²` palette indices, row-major.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodedTile {
    pub side: u64,
    pub pixels: Vec<u8>,
}

/// Decodes one tile PNG. `file` names it in findings.
pub fn decode(bytes: &[u8], file: &str) -> Result<DecodedTile, Finding> {
    let mut decoder = png::Decoder::new_with_limits(bytes, png::Limits { bytes: DECODE_LIMIT_BYTES });
    decoder.set_transformations(png::Transformations::IDENTITY);
    let mut reader = decoder.read_info().map_err(|e| invalid(file, format_args!("not a readable PNG: {e}")))?;
    let (width, height, color, depth) = {
        let info = reader.info();
        (info.width, info.height, info.color_type, info.bit_depth)
    };
    if color != png::ColorType::Indexed {
        return Err(invalid(file, format_args!("colour type {color:?} is not supported; tiles must be palette-indexed PNGs")));
    }
    if width != height || GLYPH_LAYOUT.capacity(u64::from(width)).is_none() {
        return Err(Finding::error(
            codes::GLYPH_TILE_MALFORMED,
            format!("{file}: tile is {width}x{height}; tiles must be square with side 8, 16 or 32"),
        )
        .at_file(file));
    }
    let bits = depth as u8 as usize;
    let mut buf = alloc::vec![0u8; reader.output_buffer_size()];
    let frame = reader.next_frame(&mut buf).map_err(|e| invalid(file, format_args!("PNG decode failed: {e}")))?;
    let side = width as usize;
    let mut pixels = Vec::with_capacity(side * side);
    for y in 0..side {
        let row = buf
            .get(y * frame.line_size..(y + 1) * frame.line_size)
            .ok_or_else(|| invalid(file, "PNG pixel data is shorter than its header says"))?;
        for x in 0..side {
            let bit = x * bits;
            let byte = *row.get(bit / 8).ok_or_else(|| invalid(file, "PNG row is too short"))?;
            let shift = 8 - bits - (bit % 8);
            let mask = ((1u16 << bits) - 1) as u8;
            pixels.push((byte >> shift) & mask);
        }
    }
    Ok(DecodedTile { side: side as u64, pixels })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Encodes an indexed PNG (test helper shared with the packer tests).
    pub(crate) fn indexed_png(side: u32, depth: png::BitDepth, pixels: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut enc = png::Encoder::new(&mut out, side, side);
            enc.set_color(png::ColorType::Indexed);
            enc.set_depth(depth);
            enc.set_palette(alloc::vec![0u8; 3 * 16]);
            let mut w = enc.write_header().unwrap();
            let bits = depth as u8 as usize;
            let per_row = (side as usize * bits).div_ceil(8);
            let mut data = alloc::vec![0u8; per_row * side as usize];
            for (i, &p) in pixels.iter().enumerate() {
                let (x, y) = (i % side as usize, i / side as usize);
                let bit = x * bits;
                data[y * per_row + bit / 8] |= p << (8 - bits - bit % 8);
            }
            w.write_image_data(&data).unwrap();
        }
        out
    }

    #[test]
    fn decodes_every_bit_depth() {
        let pixels: Vec<u8> = (0..64).map(|i| (i % 16) as u8).collect();
        let got = decode(&indexed_png(8, png::BitDepth::Eight, &pixels), "t.png").unwrap();
        assert_eq!(got.pixels, pixels);
        let got = decode(&indexed_png(8, png::BitDepth::Four, &pixels), "t.png").unwrap();
        assert_eq!(got.pixels, pixels);
        let small: Vec<u8> = (0..64).map(|i| (i % 4) as u8).collect();
        assert_eq!(decode(&indexed_png(8, png::BitDepth::Two, &small), "t.png").unwrap().pixels, small);
        let bits: Vec<u8> = (0..256).map(|i| (i % 3 == 0) as u8).collect();
        assert_eq!(decode(&indexed_png(16, png::BitDepth::One, &bits), "t.png").unwrap().pixels, bits);
    }

    #[test]
    fn rejects_bad_pngs() {
        assert_eq!(decode(b"not a png", "x.png").unwrap_err().code, codes::GLYPH_PNG_INVALID);
        let wrong_size = indexed_png(12, png::BitDepth::Eight, &[0; 144]);
        assert_eq!(decode(&wrong_size, "x.png").unwrap_err().code, codes::GLYPH_TILE_MALFORMED);
        let mut rgb = Vec::new();
        {
            let mut enc = png::Encoder::new(&mut rgb, 8, 8);
            enc.set_color(png::ColorType::Rgb);
            enc.write_header().unwrap().write_image_data(&[0; 192]).unwrap();
        }
        assert_eq!(decode(&rgb, "x.png").unwrap_err().code, codes::GLYPH_PNG_INVALID);
        let good = indexed_png(8, png::BitDepth::Eight, &[1; 64]);
        assert_eq!(decode(&good[..good.len() - 20], "x.png").unwrap_err().code, codes::GLYPH_PNG_INVALID);
    }
}
