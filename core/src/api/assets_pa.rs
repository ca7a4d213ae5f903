//! Prometeu `assets.pa`: the operations (write, read, verify, extract, companions,
//! GLYPH banks, pack; documented in the family's own API file) and what the CLI's
//! streaming reader and on-disk packer need.
pub use crate::assets_pa::api::*;
// Finding codes of the family (`docs/codes.md`, section assets.pa).
pub use crate::assets_pa::codes;
pub use crate::assets_pa::companions::{sha256_hex, ASSETS_PA};
#[cfg(feature = "std")]
pub use crate::assets_pa::writer::IoSink;

/// Reading an archive from a stream (`trustloop assets-pa inspect|verify|extract`).
pub mod reader {
    #[cfg(feature = "std")]
    pub use crate::assets_pa::reader::read_from;
    pub use crate::assets_pa::reader::{entry_or_error, verify_value, ArchiveInfo};
}

/// Packing a project read from disk: plan, emit into a sink, report.
#[cfg(feature = "std")]
pub mod project {
    pub use crate::assets_pa::project::source::{max_input_file_bytes, ProjectSource};
    pub use crate::assets_pa::project::{emit, plan, report_value, self_check, verdict};
}

/// The palette-indexed PNG tile decoder the packer's GLYPH inputs go through.
#[cfg(feature = "std")]
pub mod png {
    pub use crate::assets_pa::glyph::png_tile::decode as decode_tile;
}
