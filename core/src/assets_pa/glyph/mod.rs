//! GLYPH/indexed_v1 (PA-GLYPH): the byte layout (one decision module), the payload
//! builder, the reader's contract checks, the JSON input forms and (std) PNG tiles.
pub mod builder;
pub mod contract;
pub mod input_json;
pub mod packing;
#[cfg(feature = "std")]
pub mod png_tile;
