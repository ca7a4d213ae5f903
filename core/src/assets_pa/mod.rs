//! Prometeu `assets.pa` (spec `assets-pa.md`, rule ids `PA-*`): the runtime asset
//! archive `[prelude][canonical JSON header][payload]`, its writer, reader/validator,
//! companion files, the GLYPH/indexed_v1 payload builder and (std) the project packer.
//!
//! The three *trustloop v1 decisions* whose layout upstream does not document each
//! live in one module with a single table-driven constant, so a correction after
//! checking the Prometeu runtime loader touches one place:
//!
//! | decision | module | constant |
//! |---|---|---|
//! | prelude codec (D1–D3) | [`prelude`] | [`prelude::PRELUDE_LAYOUT`] |
//! | GLYPH pixel packing (D6, PA-GLYPH-2..4) | [`glyph::packing`] | [`glyph::packing::GLYPH_LAYOUT`] |
//! | preload slot assignment (D7) | [`preload_slots`] | [`preload_slots::PRELOAD_SLOT_POLICY`] |
//!
//! | module | concern |
//! |---|---|
//! | [`model`] | bank types, codecs, entries, header |
//! | [`canonical`] | canonical header JSON (PA-HDR-2/3) |
//! | [`header_tokens`] | written form of numbers, duplicate keys with paths |
//! | [`header`] | header bytes → typed header (PA-READ-1 steps 2–5) |
//! | [`slices`], [`preload_check`] | slice and preload checks (steps 6–7) |
//! | [`reader`] | the validation order, in memory or streamed |
//! | [`writer`] | plan, self-check, stream prelude ‖ header ‖ payloads |
//! | [`companions`] | `asset_table.json`, `preload.json`, metadata, `packer-artifacts.json` |
//! | [`project`] | (std) the asset-project packer |
//! | [`api`] | the JSON-shaped functions every host exposes |
//! | [`codes`] | finding codes |
pub mod api;
pub mod canonical;
pub mod codes;
pub mod companions;
pub mod glyph;
pub mod header;
pub mod header_tokens;
pub mod model;
pub mod preload_check;
pub mod preload_slots;
pub mod prelude;
#[cfg(feature = "std")]
pub mod project;
pub mod reader;
pub mod slices;
pub mod writer;

#[cfg(all(test, feature = "std"))]
mod golden_tests;
