//! Prometeu `assets.pa`: write, read, verify, extract, companions, GLYPH banks and
//! the in-memory project packer (`trustloop_core::api::assets_pa`).
//!
//! Asset entries and GLYPH specs are data documents: their keys are the spec's
//! snake_case names (`asset_id`, `tile_size`), exactly as the core documents them.
use base64::Engine as _;
use js_sys::{Object, Uint8Array};
use wasm_bindgen::prelude::*;

use trustloop_core::api::assets_pa;
use trustloop_core::api::json::{Map, Value};

use crate::errors::{error, to_js_error, JsResult};
use crate::options;
use crate::{args, panic_hook, to_js};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r##"
/** GLYPH/indexed_v1 bank input: tiles of palette indices and their palettes. */
export interface GlyphBankSpec {
  tile_size: 8 | 16 | 32;
  /** `pixels`: tile_size² palette indices 0..15, or one hex digit per pixel (row-major). */
  tiles: Array<{ index: number; pixels: number[] | string }>;
  /** 16 colours each: RGB565 integers or `"#rrggbb"`. */
  palettes: Array<{ index: number; palette: Array<number | string> }>;
}

/**
 * One asset to write. The payload is `payload` (bytes), or one of the core's forms:
 * `payload_base64`, `payload_hex`, or `glyph` (a GlyphBankSpec, built in place).
 */
export interface AssetsPaEntry {
  asset_id: number;
  asset_name: string;
  bank_type: "GLYPH" | string;
  codec?: "NONE";
  metadata?: Record<string, unknown>;
  payload?: Bytes;
  payload_base64?: string;
  payload_hex?: string;
  glyph?: GlyphBankSpec;
}

/** `assets-pa inspect --json`: the archive's prelude, asset table and preload list. */
export interface AssetsPaReadResult {
  prelude: { magic: string; schema_version: number; header_len: number; payload_offset: number; flags: number; reserved: number };
  file_len: number;
  payload_len: number;
  asset_table: Array<Record<string, unknown>>;
  preload: Array<{ asset_id: number; slot: number }>;
  warnings: Finding[];
}

/** `assets-pa verify --json`. */
export interface AssetsPaVerifyResult {
  ok: boolean;
  errors: number;
  warnings: number;
  codes: string[];
  findings: Finding[];
}

export interface GlyphBank {
  metadata: { height: number; palette_count: number; tile_size: number; width: number };
  palette_authored: number;
  tile_count: number;
  size: number;
  decoded_size: number;
  payload_sha256: string;
  /** The built payload. */
  payload: Uint8Array;
}

/** `assets-pa pack --json` (the report) and the files it would write. */
export interface AssetsPaPackResult {
  report: {
    ok: boolean;
    assets: number;
    preload: number;
    codes: string[];
    diagnostics: Finding[];
    artifacts: Array<{ path: string; sha256: string; size: number }>;
    /** path → hex sha256 */
    artifact_sha256: Record<string, string>;
  };
  /** `build/assets.pa`, `build/asset_table.json`, … (empty when `report.ok` is false). */
  files: Record<string, Uint8Array>;
}
"##;

/// One entry object as the core's JSON form; a binary `payload` becomes `payload_base64`.
fn write_entry(item: &JsValue, at: &str) -> JsResult<Value> {
    let (value, payload) = args::json_object_without(item, "payload", at)?;
    let Some(payload) = args::optional_bytes(&payload, &format!("{at}.payload"))? else { return Ok(value) };
    let mut m = match value.into_object() {
        Ok(m) => m,
        Err(other) => return Ok(other),
    };
    if ["payload_base64", "payload_hex", "glyph"].iter().any(|k| m.contains_key(k)) {
        return Err(error("INVALID_ARGUMENT", format!("{at}: give one payload form (payload, payload_base64, payload_hex or glyph)")));
    }
    m.insert("payload_base64", base64::engine::general_purpose::STANDARD.encode(payload).into());
    Ok(Value::Object(m))
}

/// Writes an archive (PA-WRITE) from entries with in-memory payloads. `preload`
/// lists the asset ids whose `preload.enabled` is true.
#[wasm_bindgen(js_name = assetsPaWrite)]
pub fn assets_pa_write(
    #[wasm_bindgen(unchecked_param_type = "AssetsPaEntry[]")] entries: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "number[]")] preload: JsValue,
) -> JsResult<Uint8Array> {
    panic_hook::install();
    let mut list = Vec::new();
    args::each_element(&entries, "entries", |i, item| {
        list.push(write_entry(item, &format!("entries[{i}]"))?);
        Ok(())
    })?;
    let preload = if preload.is_null() { Value::Null } else { args::json(&preload, "preload")? };
    let archive = assets_pa::write_value(&Value::Array(list), &preload).map_err(|e| to_js_error(&e))?;
    Ok(Uint8Array::from(archive.as_slice()))
}

/// Reads and validates an archive: the read result (`assets-pa inspect --json`), or
/// the first reader error thrown.
#[wasm_bindgen(js_name = assetsPaRead, unchecked_return_type = "AssetsPaReadResult")]
pub fn assets_pa_read(#[wasm_bindgen(unchecked_param_type = "Bytes")] archive: JsValue) -> JsResult<JsValue> {
    panic_hook::install();
    let archive = args::bytes(&archive, "archive")?;
    to_js::value(&assets_pa::read(&archive).map_err(|e| to_js_error(&e))?)
}

/// Every reader check (`assets-pa verify --json`); never throws for a bad archive.
#[wasm_bindgen(js_name = assetsPaVerify, unchecked_return_type = "AssetsPaVerifyResult")]
pub fn assets_pa_verify(#[wasm_bindgen(unchecked_param_type = "Bytes")] archive: JsValue) -> JsResult<JsValue> {
    panic_hook::install();
    let archive = args::bytes(&archive, "archive")?;
    to_js::value(&assets_pa::verify(&archive))
}

/// The stored bytes of one asset, after a full validation of the archive.
#[wasm_bindgen(js_name = assetsPaExtract)]
pub fn assets_pa_extract(
    #[wasm_bindgen(unchecked_param_type = "Bytes")] archive: JsValue,
    #[wasm_bindgen(js_name = assetId, unchecked_param_type = "number")] asset_id: JsValue,
) -> JsResult<Uint8Array> {
    panic_hook::install();
    let archive = args::bytes(&archive, "archive")?;
    let asset_id = args::integer(&asset_id, "assetId")?;
    let slice = assets_pa::extract(&archive, asset_id).map_err(|e| to_js_error(&e))?;
    Ok(Uint8Array::from(slice.as_slice()))
}

/// `asset_table.json` and `preload.json` regenerated from an archive (PA-COMP-2).
#[wasm_bindgen(js_name = assetsPaCompanions, unchecked_return_type = "Record<string, Uint8Array>")]
pub fn assets_pa_companions(#[wasm_bindgen(unchecked_param_type = "Bytes")] archive: JsValue) -> JsResult<Object> {
    panic_hook::install();
    let archive = args::bytes(&archive, "archive")?;
    let files = assets_pa::companions(&archive).map_err(|e| to_js_error(&e))?;
    to_js::files(files.iter().map(|(n, b)| (n.as_str(), b.as_slice())))
}

/// PA-COMP-4: whether the companion files mirror the archive byte for byte;
/// `{ok, findings}`.
#[wasm_bindgen(js_name = assetsPaVerifyCompanions, unchecked_return_type = "{ ok: boolean; findings: Finding[] }")]
pub fn assets_pa_verify_companions(
    #[wasm_bindgen(unchecked_param_type = "Bytes")] archive: JsValue,
    #[wasm_bindgen(js_name = assetTableJson, unchecked_param_type = "Bytes")] asset_table_json: JsValue,
    #[wasm_bindgen(js_name = preloadJson, unchecked_param_type = "Bytes")] preload_json: JsValue,
) -> JsResult<JsValue> {
    panic_hook::install();
    let archive = args::bytes(&archive, "archive")?;
    let table = args::bytes(&asset_table_json, "assetTableJson")?;
    let preload = args::bytes(&preload_json, "preloadJson")?;
    to_js::value(&assets_pa::verify_companions(&archive, &table, &preload))
}

/// Builds a GLYPH/indexed_v1 payload (PA-GLYPH-7): its summary and the payload bytes.
#[wasm_bindgen(js_name = assetsPaGlyphBank, unchecked_return_type = "GlyphBank")]
pub fn assets_pa_glyph_bank(#[wasm_bindgen(unchecked_param_type = "GlyphBankSpec")] spec: JsValue) -> JsResult<JsValue> {
    panic_hook::install();
    let spec = args::json(&spec, "spec")?;
    let bank = assets_pa::glyph_bank_value(&spec).map_err(|e| to_js_error(&e))?;
    let out = to_js::value(&bank.summary_value())?;
    to_js::set(&out, "payload", &Uint8Array::from(bank.payload.as_slice()))?;
    Ok(out)
}

/// Packs an in-memory asset project (`assets/.prometeu/index.json`,
/// `assets/<root>/asset.json` and their inputs): the pack report and the output
/// files. `opts.outDir` (default `build`) prefixes the output paths.
#[wasm_bindgen(js_name = assetsPaPackFiles, unchecked_return_type = "AssetsPaPackResult")]
pub fn assets_pa_pack_files(
    #[wasm_bindgen(unchecked_param_type = "Record<string, Bytes>")] files: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "{ outDir?: string }")] opts: JsValue,
) -> JsResult<JsValue> {
    panic_hook::install();
    let files = args::file_map(&files, "files")?;
    let options = assets_pa::PackOptions::from_value(&options::from_js(&opts, &[])?.core).map_err(|e| to_js_error(&e))?;
    let result = assets_pa::pack(&files, &options).map_err(|e| to_js_error(&e))?;
    let out = to_js::value(&Value::Object(Map::record().with("report", result.report.clone())))?;
    let written = to_js::files(result.files.iter().map(|(n, b)| (n.as_str(), b.as_slice())))?;
    to_js::set(&out, "files", &written)?;
    Ok(out)
}
