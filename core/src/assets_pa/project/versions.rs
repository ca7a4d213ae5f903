//! The support window of packer-owned inputs (PA-MIG-1/2, decision D9): only
//! `schema_version` 1 of `asset.json` and `index.json`; anything else fails early,
//! before any other check of that file, naming the window.
use alloc::format;
use alloc::string::String;

use crate::assets_pa::codes;
use crate::diag::Finding;
use crate::json::Value;

/// Supported `schema_version` range of `asset.json`, inclusive.
pub const ASSET_JSON_WINDOW: (u64, u64) = (1, 1);
/// Supported `schema_version` range of `index.json`, inclusive.
pub const INDEX_JSON_WINDOW: (u64, u64) = (1, 1);

/// Checks `doc.schema_version` against `window`.
pub fn check(doc: &Value, window: (u64, u64), file: &str) -> Result<u64, Finding> {
    let (lo, hi) = window;
    let raw = doc.get("schema_version");
    let n = raw.and_then(|v| crate::assets_pa::glyph::input_json::uint(v, crate::assets_pa::header::MAX_ASSET_ID));
    match n {
        Some(n) if (lo..=hi).contains(&n) => Ok(n),
        _ => {
            let found = match (raw, n) {
                (_, Some(n)) => format!("{n}"),
                (None, _) => String::from("(missing)"),
                (Some(v), None) => crate::json::to_compact(v),
            };
            Err(Finding::error(
                codes::UNSUPPORTED_INPUT_VERSION,
                format!(
                    "{file}: schema_version {found} is not supported (supported window: {lo}..{hi}); \
                     rewrite the file for schema_version {hi} or use a trustloop release that supports it"
                ),
            )
            .at_file(file)
            .at_path("schema_version"))
        }
    }
}
