//! `assets.pa` operations every host exposes (re-exported as `trustloop_core::api::assets_pa`).
//! Bindings convert arguments and map errors; every decision is here. Errors are
//! [`Error`]s carrying one finding (`{code, message, findings:[…]}` via `Error::to_value`).
//!
//! | function | arguments | result |
//! |---|---|---|
//! | [`write`] | `entries: &[WriteEntry]`, `preload: &[i64]` (asset ids with `preload.enabled`) | archive bytes |
//! | [`write_value`] | `entries: &Value` (array of entry objects, below), `preload: &Value` (array of ids) | archive bytes |
//! | [`read`] | archive bytes | read result (below) or `Error` with the first reader error |
//! | [`verify`] | archive bytes | `{ok, errors, warnings, findings:[finding]}`; never fails |
//! | [`extract`] | archive bytes, `asset_id` | the asset's slice bytes |
//! | [`companions`] | archive bytes | `[(name, bytes)]`: `asset_table.json`, `preload.json` |
//! | [`verify_companions`] | archive bytes, `asset_table.json` bytes, `preload.json` bytes | `{ok, findings}` (PA-COMP-4) |
//! | [`glyph_bank`] | `&GlyphBankInput` (or [`glyph_bank_value`] with the JSON below) | [`GlyphBank`]: `payload` bytes + `summary_value()` |
//! | [`pack`] (std) | `files: &BTreeMap<String, Vec<u8>>` (project-relative POSIX path → bytes), `&PackOptions` | [`PackResult`]: `report` + `files` |
//!
//! **Entry object** (`WriteEntry::from_value`): `{"asset_id": int, "asset_name": str,
//! "bank_type": "GLYPH", "codec": "NONE" (default), "metadata": {…} (default {}),`
//! and the payload as one of `"payload_base64": str`, `"payload_hex": str`, or
//! `"glyph": {tile_size, tiles, palettes}` (built with `glyph_bank`; its format keys
//! are merged into `metadata`, a collision is an error)`}`. Rust and bindings may also
//! build [`WriteEntry`] directly with `payload` bytes.
//!
//! **Read result**: `{"prelude": {"magic", "schema_version", "header_len",
//! "payload_offset", "flags", "reserved"}, "file_len", "payload_len", "asset_table":
//! [entry as in the header], "preload": [{"asset_id", "slot"}], "warnings": [finding]}`.
//!
//! **Finding**: `{"code", "severity": "error"|"warning"|"info", "message", "location":
//! {"file"?, "path"?}}`; codes are listed in `docs/codes.md` (section assets.pa).
//!
//! **Glyph bank input** (`glyph_bank_value`): `{"tile_size": 8|16|32, "tiles": [{"index":
//! n, "pixels": [tile_size² ints 0..15] | "hex digit per pixel"}], "palettes":
//! [{"index": 0..63, "palette": [16 × (RGB565 int | "#rrggbb")]}]}`. Summary:
//! `{"metadata": {"height", "palette_count", "tile_size", "width"}, "palette_authored",
//! "tile_count", "size", "decoded_size", "payload_sha256": "sha256:…"}`; `payload` is
//! returned separately as bytes (Python: `{"payload": bytes, **summary}`).
//!
//! **Pack** (`pack`): options `{"out_dir": "build"}` (prefix of the returned paths).
//! `report` = `{"ok", "assets", "preload", "diagnostics": [finding], "artifacts":
//! [{"path", "sha256", "size"}]}`; `files` = `[(path, bytes)]` (`build/assets.pa`,
//! `build/asset_table.json`, `build/preload.json`, `build/asset_table_metadata.json`,
//! `build/packer-artifacts.json`), empty when `ok` is false.
use alloc::string::String;
use alloc::vec::Vec;

use super::canonical::is_integral;
use super::codes;
use super::companions;
use super::glyph::builder;
use super::glyph::input_json;
use super::model::{BankType, Codec};
use super::reader;
use super::writer::{self, AssetWithPayload, WriteAsset};
use crate::diag::{findings_to_value, Error, Finding};
use crate::json::{Map, Value};

pub use super::glyph::builder::{GlyphBank, GlyphBankInput, PaletteInput, TileInput};

/// One asset to write, payload in memory.
#[derive(Clone, Debug, PartialEq)]
pub struct WriteEntry {
    pub asset_id: i64,
    pub asset_name: String,
    pub bank_type: String,
    pub codec: String,
    pub metadata: Map,
    pub payload: Vec<u8>,
}

fn invalid(message: impl Into<String>) -> Error {
    Error::new(codes::WRITE_INVALID_ENTRY, message)
}

impl WriteEntry {
    /// Parses the entry object documented in the module doc.
    pub fn from_value(v: &Value) -> Result<WriteEntry, Error> {
        let Value::Object(m) = v else { return Err(invalid("an entry must be an object")) };
        let asset_id = m
            .get("asset_id")
            .and_then(Value::as_f64)
            .filter(|n| is_integral(*n) && *n > -9.0e15 && *n < 9.0e15)
            .ok_or_else(|| invalid("entry.asset_id: required integer"))? as i64;
        let text = |key: &str, default: Option<&str>| -> Result<String, Error> {
            match (m.get(key), default) {
                (Some(Value::String(s)), _) => Ok(s.clone()),
                (None, Some(d)) => Ok(String::from(d)),
                _ => Err(invalid(alloc::format!("entry {asset_id}: {key} must be a string"))),
            }
        };
        let asset_name = text("asset_name", None)?;
        let bank_type = text("bank_type", None)?;
        let codec = text("codec", Some("NONE"))?;
        let mut metadata = match m.get("metadata") {
            None => Map::new(),
            Some(Value::Object(meta)) => meta.clone(),
            Some(_) => return Err(invalid(alloc::format!("entry {asset_id}: metadata must be an object"))),
        };
        let payload = if let Some(b64) = m.get("payload_base64") {
            let s = b64.as_str().ok_or_else(|| invalid("payload_base64 must be a string"))?;
            use base64::Engine;
            base64::engine::general_purpose::STANDARD
                .decode(s)
                .map_err(|e| invalid(alloc::format!("entry {asset_id}: payload_base64: {e}")))?
        } else if let Some(hex) = m.get("payload_hex") {
            let s = hex.as_str().ok_or_else(|| invalid("payload_hex must be a string"))?;
            decode_hex(s).ok_or_else(|| invalid(alloc::format!("entry {asset_id}: payload_hex is not even-length hex")))?
        } else if let Some(g) = m.get("glyph") {
            let bank = glyph_bank_value(g)?;
            for (k, v) in bank.metadata.iter() {
                if metadata.contains_key(k) {
                    return Err(Error::new(
                        codes::ASSET_METADATA_COLLISION,
                        alloc::format!("entry {asset_id}: metadata.{k} collides with a GLYPH/indexed_v1 format key"),
                    ));
                }
                metadata.insert(k.as_str(), v.clone());
            }
            bank.payload
        } else {
            return Err(invalid(alloc::format!("entry {asset_id}: give payload_base64, payload_hex or glyph")));
        };
        Ok(WriteEntry { asset_id, asset_name, bank_type, codec, metadata, payload })
    }
}

fn decode_hex(s: &str) -> Option<Vec<u8>> {
    let s = s.as_bytes();
    if s.len() % 2 != 0 {
        return None;
    }
    s.chunks(2)
        .map(|pair| {
            let d = |c: u8| (c as char).to_digit(16);
            Some((d(pair[0])? * 16 + d(pair[1])?) as u8)
        })
        .collect()
}

/// Writes an archive (PA-WRITE) from entries with in-memory payloads; `preload` lists
/// the asset ids whose `preload.enabled` is true (slots are assigned by the v1 rule).
pub fn write(entries: &[WriteEntry], preload: &[i64]) -> Result<Vec<u8>, Error> {
    let mut assets = Vec::with_capacity(entries.len());
    for p in preload {
        if !entries.iter().any(|e| e.asset_id == *p) {
            return Err(Error::new(codes::PRELOAD_UNKNOWN_ASSET, alloc::format!("preload: asset_id {p} is not among the entries")));
        }
    }
    for (i, p) in preload.iter().enumerate() {
        if preload[..i].contains(p) {
            return Err(Error::new(codes::PRELOAD_DUPLICATE_ASSET, alloc::format!("preload: asset_id {p} listed twice")));
        }
    }
    for e in entries {
        let asset_id = u32::try_from(e.asset_id).ok().filter(|id| *id <= i32::MAX as u32).ok_or_else(|| {
            Error::new(codes::ASSET_ID_OUT_OF_RANGE, alloc::format!("asset_id {} does not fit 0..2147483647", e.asset_id))
        })?;
        let bank_type = BankType::parse(&e.bank_type).ok_or_else(|| {
            Error::new(codes::UNKNOWN_BANK_TYPE, alloc::format!("asset {asset_id}: unknown bank_type {:?}", e.bank_type))
        })?;
        let codec = Codec::parse(&e.codec).ok_or_else(|| {
            Error::new(codes::UNKNOWN_CODEC, alloc::format!("asset {asset_id}: unsupported codec {:?} (only \"NONE\")", e.codec))
        })?;
        assets.push(AssetWithPayload {
            asset: WriteAsset {
                asset_id,
                asset_name: e.asset_name.clone(),
                bank_type,
                codec,
                metadata: e.metadata.clone(),
                size: e.payload.len() as u64,
                preload: preload.contains(&e.asset_id),
            },
            payload: e.payload.clone(),
        });
    }
    Ok(writer::write_to_vec(assets)?.1)
}

/// [`write`] with JSON arguments (entries array, preload id array) for bindings and vectors.
pub fn write_value(entries: &Value, preload: &Value) -> Result<Vec<u8>, Error> {
    let entries = entries
        .as_array()
        .ok_or_else(|| invalid("entries must be an array"))?
        .iter()
        .map(WriteEntry::from_value)
        .collect::<Result<Vec<_>, _>>()?;
    let preload = match preload {
        Value::Null => Vec::new(),
        Value::Array(ids) => ids
            .iter()
            .map(|v| {
                v.as_f64().filter(|n| is_integral(*n) && *n > -9.0e15 && *n < 9.0e15).map(|n| n as i64).ok_or_else(|| invalid("preload: ids must be integers"))
            })
            .collect::<Result<Vec<_>, _>>()?,
        _ => return Err(invalid("preload must be an array of asset ids")),
    };
    write(&entries, &preload)
}

/// Reads and validates an archive; the read result or the first error.
pub fn read(data: &[u8]) -> Result<Value, Error> {
    Ok(reader::read(data)?.info.to_value())
}

/// Validates an archive: `{ok, errors, warnings, findings}`.
pub fn verify(data: &[u8]) -> Value {
    match reader::read(data) {
        Ok(a) => reader::verify_value(Ok(&a.info)),
        Err(f) => reader::verify_value(Err(&f)),
    }
}

/// The stored bytes of one asset (after a full validation of the archive).
pub fn extract(data: &[u8], asset_id: i64) -> Result<Vec<u8>, Error> {
    let archive = reader::read(data)?;
    let id = u32::try_from(asset_id)
        .map_err(|_| Error::new(codes::EXTRACT_UNKNOWN_ASSET, alloc::format!("asset_id {asset_id} is not in asset_table")))?;
    reader::entry_or_error(&archive.info, id)?;
    archive.slice(id).map(<[u8]>::to_vec).ok_or_else(|| Error::new(codes::EXTRACT_UNKNOWN_ASSET, "slice unavailable"))
}

/// `asset_table.json` and `preload.json` regenerated from an archive (PA-COMP-2).
pub fn companions(data: &[u8]) -> Result<Vec<(String, Vec<u8>)>, Error> {
    let archive = reader::read(data)?;
    let h = &archive.info.header;
    Ok(alloc::vec![
        (String::from(companions::ASSET_TABLE_JSON), companions::asset_table_json(h)),
        (String::from(companions::PRELOAD_JSON), companions::preload_json(h)),
    ])
}

/// PA-COMP-4: the mirrors must equal the companions regenerated from the archive.
pub fn verify_companions(data: &[u8], asset_table_json: &[u8], preload_json: &[u8]) -> Value {
    let mut findings = Vec::new();
    match companions(data) {
        Err(e) => findings.push(e.0),
        Ok(files) => {
            for ((name, want), got) in files.iter().zip([asset_table_json, preload_json]) {
                if want.as_slice() != got {
                    findings.push(Finding::error(
                        codes::COMPANION_MISMATCH,
                        alloc::format!("{name} does not mirror assets.pa byte for byte"),
                    ).at_file(name.as_str()));
                }
            }
        }
    }
    Map::record().with("ok", findings.is_empty()).with("findings", findings_to_value(&findings)).into()
}

/// Builds a GLYPH/indexed_v1 payload and its metadata (PA-GLYPH-7).
pub fn glyph_bank(input: &GlyphBankInput) -> Result<GlyphBank, Error> {
    Ok(builder::build(input)?)
}

/// [`glyph_bank`] from the JSON input form.
pub fn glyph_bank_value(input: &Value) -> Result<GlyphBank, Error> {
    glyph_bank(&input_json::bank_input_from_value(input)?)
}

/// Options of [`pack`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackOptions {
    /// Prefix of the returned output paths (default `build`).
    pub out_dir: String,
}

impl Default for PackOptions {
    fn default() -> Self {
        PackOptions { out_dir: String::from("build") }
    }
}

impl PackOptions {
    pub fn from_value(v: &Value) -> Result<PackOptions, Error> {
        let mut o = PackOptions::default();
        let Some(m) = v.as_object() else {
            return Err(Error::new("INVALID_OPTION", "options must be an object"));
        };
        for (k, val) in m.iter() {
            match (k.as_str(), val) {
                ("out_dir", Value::String(s)) if !s.is_empty() => o.out_dir = s.trim_end_matches('/').into(),
                _ => return Err(Error::new("INVALID_OPTION", alloc::format!("unknown or mistyped pack option {k:?}"))),
            }
        }
        Ok(o)
    }
}

/// What [`pack`] returns.
#[cfg(feature = "std")]
#[derive(Clone, Debug)]
pub struct PackResult {
    pub report: Value,
    /// `(out_dir/name, bytes)`; empty when the report says `ok: false`.
    pub files: Vec<(String, Vec<u8>)>,
}

/// Packs an in-memory asset project (`assets/.prometeu/index.json`, `assets/<root>/asset.json`, inputs).
#[cfg(feature = "std")]
pub fn pack(files: &alloc::collections::BTreeMap<String, Vec<u8>>, options: &PackOptions) -> Result<PackResult, Error> {
    use super::project::{pack_in_memory, report_value, source::MemoryProject};
    let src = MemoryProject::new(files.clone());
    let out = pack_in_memory(&src);
    let ok = out.ok();
    let files: Vec<(String, Vec<u8>)> =
        out.files.into_iter().map(|(name, bytes)| (alloc::format!("{}/{name}", options.out_dir), bytes)).collect();
    let artifacts: Vec<(String, String, u64)> =
        files.iter().map(|(p, b)| (p.clone(), companions::sha256_hex(b), b.len() as u64)).collect();
    let (assets, preload) = match files.first().map(|(_, b)| reader::read(b)) {
        Some(Ok(a)) => (a.info.header.asset_table.len(), a.info.header.preload.len()),
        _ => (0, 0),
    };
    let report = report_value(ok, (assets, preload), &out.diagnostics, &artifacts);
    Ok(PackResult { report, files })
}
