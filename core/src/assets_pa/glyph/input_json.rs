//! JSON forms of the GLYPH builder's inputs, shared by the API (`glyph_bank`), the
//! vectors and the packer's palettes file (trustloop v1 decision D12, see
//! `docs/conformance/assets-pa.md`).
//!
//! * palette declaration: `{"index": 0..63, "palette": [16 colours]}`, a colour being an
//!   RGB565 integer 0..65535 or a `"#rrggbb"` string (converted by truncation);
//! * palettes file: `{"schema_version": 1, "palettes": [declaration, …]}`;
//! * tile: `{"index": n, "pixels": [tile_size² integers 0..15] | "0123…f"}` (one hex
//!   digit per pixel, row-major).
use alloc::format;
use alloc::vec::Vec;

use super::builder::{GlyphBankInput, PaletteInput, TileInput};
use super::packing::rgb888_to_rgb565;
use crate::assets_pa::codes;
use crate::diag::Finding;
use crate::json::Value;

/// Supported `schema_version` window of the palettes file.
#[cfg(feature = "std")]
pub const PALETTES_FILE_VERSIONS: (u64, u64) = (1, 1);

fn malformed(path: &str, what: &str) -> Finding {
    Finding::error(codes::GLYPH_MALFORMED_PALETTE, format!("{path}: {what}")).at_path(path)
}

/// A non-negative integer that fits `max`.
pub(crate) fn uint(v: &Value, max: u64) -> Option<u64> {
    let n = v.as_f64()?;
    (n >= 0.0 && crate::assets_pa::canonical::is_integral(n) && n <= max as f64).then_some(n as u64)
}

fn color(v: &Value, path: &str) -> Result<u16, Finding> {
    if let Some(n) = uint(v, u64::from(u16::MAX)) {
        return Ok(n as u16);
    }
    let parsed = v.as_str().and_then(|s| {
        let hex = s.strip_prefix('#')?;
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
        Some(rgb888_to_rgb565(byte(0)?, byte(2)?, byte(4)?))
    });
    parsed.ok_or_else(|| malformed(path, "a colour must be an RGB565 integer 0..65535 or a \"#rrggbb\" string"))
}

/// One `{index, palette}` declaration.
pub fn palette_from_value(v: &Value, path: &str) -> Result<PaletteInput, Finding> {
    let Value::Object(m) = v else { return Err(malformed(path, "a palette declaration must be an object")) };
    let index = m
        .get("index")
        .and_then(|i| uint(i, u64::from(u32::MAX)))
        .ok_or_else(|| malformed(&format!("{path}.index"), "required non-negative integer"))?;
    let Some(Value::Array(colours)) = m.get("palette") else {
        return Err(malformed(&format!("{path}.palette"), "required array of 16 colours"));
    };
    let colors = colours
        .iter()
        .enumerate()
        .map(|(i, c)| color(c, &format!("{path}.palette[{i}]")))
        .collect::<Result<Vec<u16>, Finding>>()?;
    Ok(PaletteInput { index, colors })
}

/// An array of palette declarations.
pub fn palettes_from_value(v: &Value, path: &str) -> Result<Vec<PaletteInput>, Finding> {
    let Value::Array(items) = v else { return Err(malformed(path, "must be an array of palette declarations")) };
    items.iter().enumerate().map(|(i, p)| palette_from_value(p, &format!("{path}[{i}]"))).collect()
}

/// The palettes file (D12): version window first (PA-MIG-2 style), then the list.
#[cfg(feature = "std")]
pub fn palettes_file_from_value(v: &Value, file: &str) -> Result<Vec<PaletteInput>, Finding> {
    let Value::Object(m) = v else {
        return Err(malformed(file, "the palettes file must be a JSON object").at_file(file));
    };
    let (lo, hi) = PALETTES_FILE_VERSIONS;
    match m.get("schema_version").and_then(|s| uint(s, u64::MAX >> 11)) {
        Some(n) if (lo..=hi).contains(&n) => {}
        other => {
            let found = match other {
                Some(n) => format!("{n}"),
                None => alloc::string::String::from("missing or not an integer"),
            };
            return Err(Finding::error(
                codes::UNSUPPORTED_INPUT_VERSION,
                format!("{file}: schema_version {found} is not supported (supported window: {lo}..{hi})"),
            )
            .at_file(file)
            .at_path("schema_version"));
        }
    }
    let list = m.get("palettes").ok_or_else(|| malformed("palettes", "required array is missing"))?;
    palettes_from_value(list, "palettes").map_err(|f| f.at_file(file))
}

fn tile_error(path: &str, code: &'static str, what: &str) -> Finding {
    Finding::error(code, format!("{path}: {what}")).at_path(path)
}

/// One `{index, pixels}` tile.
pub fn tile_from_value(v: &Value, path: &str) -> Result<TileInput, Finding> {
    let Value::Object(m) = v else {
        return Err(tile_error(path, codes::GLYPH_TILE_MALFORMED, "a tile must be an object {index, pixels}"));
    };
    let index = m
        .get("index")
        .and_then(|i| uint(i, u64::from(u32::MAX)))
        .ok_or_else(|| tile_error(&format!("{path}.index"), codes::GLYPH_TILE_MALFORMED, "required non-negative integer"))?;
    let pixels_path = format!("{path}.pixels");
    let pixels = match m.get("pixels") {
        Some(Value::Array(items)) => items
            .iter()
            .map(|p| {
                uint(p, 255).map(|n| n as u8).ok_or_else(|| {
                    tile_error(&pixels_path, codes::GLYPH_PIXEL_OUT_OF_RANGE, "pixels must be palette indices 0..15")
                })
            })
            .collect::<Result<Vec<u8>, Finding>>()?,
        Some(Value::String(s)) => s
            .chars()
            .map(|c| {
                c.to_digit(16).map(|d| d as u8).ok_or_else(|| {
                    tile_error(&pixels_path, codes::GLYPH_TILE_MALFORMED, "a pixel string holds one hex digit per pixel")
                })
            })
            .collect::<Result<Vec<u8>, Finding>>()?,
        _ => {
            return Err(tile_error(&pixels_path, codes::GLYPH_TILE_MALFORMED, "required array of integers or hex-digit string"))
        }
    };
    Ok(TileInput { index, pixels })
}

/// `{tile_size, tiles, palettes}` as the `glyph_bank` operation takes it.
pub fn bank_input_from_value(v: &Value) -> Result<GlyphBankInput, Finding> {
    let Value::Object(m) = v else {
        return Err(Finding::error(codes::GLYPH_BAD_METADATA, "glyph bank input must be an object {tile_size, tiles, palettes}"));
    };
    let tile_size = m
        .get("tile_size")
        .and_then(|t| uint(t, 1 << 20))
        .ok_or_else(|| Finding::error(codes::GLYPH_BAD_METADATA, "tile_size: required integer (8, 16 or 32)").at_path("tile_size"))?;
    let tiles = match m.get("tiles") {
        Some(Value::Array(items)) => {
            items.iter().enumerate().map(|(i, t)| tile_from_value(t, &format!("tiles[{i}]"))).collect::<Result<Vec<_>, _>>()?
        }
        None => Vec::new(),
        Some(_) => return Err(tile_error("tiles", codes::GLYPH_TILE_MALFORMED, "must be an array of tiles")),
    };
    let palettes = match m.get("palettes") {
        Some(p) => palettes_from_value(p, "palettes")?,
        None => Vec::new(),
    };
    Ok(GlyphBankInput { tile_size, tiles, palettes })
}
