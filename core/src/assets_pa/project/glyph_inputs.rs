//! A `glyph_bank` asset's inputs → GLYPH/indexed_v1 payload (decision D12):
//!
//! * `inputs.sprites`: palette-indexed PNG tiles, one tile per file; the tile `index`
//!   is the decimal number that is the whole file stem (`0.png`, `tiles/017.png` → 17);
//!   all tiles share one side (8, 16 or 32), which becomes `tile_size`;
//! * `inputs.palettes`: exactly one palettes file (`glyph::input_json`).
//!
//! Every declared input of every role is read and hashed (sha256) for
//! `asset_table_metadata.json`.
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::declaration::Declaration;
use super::paths::join;
use super::source::ProjectSource;
use crate::assets_pa::codes;
use crate::assets_pa::companions::{sha256_hex, InputDigest};
use crate::assets_pa::glyph::builder::{self, GlyphBank, GlyphBankInput, TileInput};
use crate::assets_pa::glyph::{input_json, png_tile};
use crate::diag::Finding;
use crate::json;

pub const SPRITES_ROLE: &str = "sprites";
pub const PALETTES_ROLE: &str = "palettes";

/// Most tiles one bank may list before decoding (the 8-px capacity).
const MAX_SPRITES: usize = 1024;

/// The built bank and the digests of its inputs, by role in declared order.
pub struct LoadedGlyph {
    pub bank: GlyphBank,
    pub digests: Vec<(String, Vec<InputDigest>)>,
}

/// The tile index a sprite's file name declares.
pub fn tile_index_from_name(path: &str) -> Option<u64> {
    let name = path.rsplit('/').next()?;
    let stem = name.strip_suffix(".png").or_else(|| name.strip_suffix(".PNG"))?;
    if stem.is_empty() || stem.len() > 9 || !stem.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    stem.parse().ok()
}

/// Reads, hashes, decodes and builds one glyph bank. `root` is relative to `assets/`.
pub fn load(decl: &Declaration, root: &str, src: &dyn ProjectSource) -> Result<LoadedGlyph, Finding> {
    let base = join("assets", root);
    let asset_file = join(&base, "asset.json");
    let read = |rel: &str| -> Result<(String, Vec<u8>), Finding> {
        let path = join(&base, rel);
        match src.read(&path)? {
            Some(bytes) => Ok((path, bytes)),
            None => Err(Finding::error(codes::ASSET_INPUT_MISSING, format!("{asset_file}: input {rel:?} does not exist ({path})"))
                .at_file(asset_file.as_str())),
        }
    };
    let sprites = decl.inputs_of(SPRITES_ROLE);
    if sprites.len() > MAX_SPRITES {
        return Err(Finding::error(
            codes::GLYPH_CAPACITY_OVERFLOW,
            format!("{asset_file}: {} sprites exceed the largest sheet capacity ({MAX_SPRITES})", sprites.len()),
        )
        .at_file(asset_file.as_str()));
    }
    let palette_files = decl.inputs_of(PALETTES_ROLE);
    if palette_files.is_empty() {
        return Err(Finding::error(codes::GLYPH_NO_PALETTES, format!("{asset_file}: inputs.palettes must name one palettes file"))
            .at_file(asset_file.as_str()));
    }
    if palette_files.len() > 1 {
        return Err(Finding::error(
            codes::ASSET_MALFORMED,
            format!("{asset_file}: inputs.palettes must name exactly one palettes file, found {}", palette_files.len()),
        )
        .at_file(asset_file.as_str()));
    }

    let mut digests: Vec<(String, Vec<InputDigest>)> = Vec::new();
    let mut tiles = Vec::with_capacity(sprites.len());
    let mut tile_size: Option<(u64, &str)> = None;
    let mut palettes = Vec::new();
    for (role, paths) in &decl.inputs {
        let mut role_digests = Vec::with_capacity(paths.len());
        for rel in paths {
            let (path, bytes) = read(rel)?;
            role_digests.push(InputDigest { path: rel.clone(), sha256: sha256_hex(&bytes) });
            if role == SPRITES_ROLE {
                let index = tile_index_from_name(rel).ok_or_else(|| {
                    Finding::error(
                        codes::GLYPH_TILE_MALFORMED,
                        format!("{path}: a sprite's file name must be its tile index, e.g. \"0.png\" or \"017.png\""),
                    )
                    .at_file(path.as_str())
                })?;
                let tile = png_tile::decode(&bytes, &path)?;
                match tile_size {
                    None => tile_size = Some((tile.side, rel)),
                    Some((side, first)) if side != tile.side => {
                        return Err(Finding::error(
                            codes::GLYPH_TILE_MALFORMED,
                            format!("{path}: tile is {0}x{0} but {first} is {side}x{side}; one bank has one tile size", tile.side),
                        )
                        .at_file(path.as_str()))
                    }
                    Some(_) => {}
                }
                tiles.push(TileInput { index, pixels: tile.pixels });
            } else if role == PALETTES_ROLE {
                let doc = json::parse(&bytes).map_err(|e| {
                    Finding::error(codes::GLYPH_MALFORMED_PALETTE, format!("{path}: not valid JSON: {e}")).at_file(path.as_str())
                })?;
                palettes = input_json::palettes_file_from_value(&doc, &path)?;
            }
        }
        digests.push((role.clone(), role_digests));
    }
    let Some((tile_size, _)) = tile_size else {
        return Err(Finding::error(
            codes::GLYPH_BAD_METADATA,
            format!("{asset_file}: inputs.sprites must list at least one tile PNG (its size gives tile_size)"),
        )
        .at_file(asset_file.as_str()));
    };
    let bank = builder::build(&GlyphBankInput { tile_size, tiles, palettes })
        .map_err(|f| Finding { message: format!("{asset_file}: {}", f.message), ..f }.at_file(asset_file.as_str()))?;
    Ok(LoadedGlyph { bank, digests })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tile_index_from_file_name() {
        assert_eq!(tile_index_from_name("tiles/017.png"), Some(17));
        assert_eq!(tile_index_from_name("0.png"), Some(0));
        assert_eq!(tile_index_from_name("hero.png"), None);
        assert_eq!(tile_index_from_name("1.gif"), None);
        assert_eq!(tile_index_from_name("-1.png"), None);
    }
}
