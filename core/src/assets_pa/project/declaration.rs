//! `asset.json`, one per asset root (PA-ASSET-1..3), with the in-memory migration of
//! legacy authoring names (PA-MIG-3, decision D9). Order: version window first
//! (PA-MIG-2), then shape, migrations, codec, format, metadata.
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::paths::check_relative;
use super::versions::{self, ASSET_JSON_WINDOW};
use crate::assets_pa::canonical::is_header_integer;
use crate::assets_pa::codes;
use crate::assets_pa::glyph::contract::FORMAT_KEYS;
use crate::diag::Finding;
use crate::json::{self, Map, Value};

/// The authoring families trustloop v1 knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssetKind {
    GlyphBank,
    SoundBank,
}

pub const GLYPH_FORMAT: &str = "GLYPH/indexed_v1";
pub const SOUNDS_FORMAT: &str = "SOUNDS/pcm16le_v1";

const KNOWN_KEYS: [&str; 8] = ["schema_version", "asset_uuid", "name", "type", "inputs", "output", "preload", "build"];
const OUTPUT_KEYS: [&str; 5] = ["format", "codec", "metadata", "pipeline", "codec_configuration"];

/// Legacy `type` values migrated to `glyph_bank` (PA-MIG-3).
const LEGACY_GLYPH_TYPES: [&str; 2] = ["tile_bank", "image_bank"];
const LEGACY_GLYPH_FORMAT: &str = "TILES/indexed_v1";

/// A validated declaration (after migration).
#[derive(Clone, Debug, PartialEq)]
pub struct Declaration {
    pub asset_uuid: String,
    pub name: String,
    pub kind: AssetKind,
    /// Role → paths relative to the asset root, in declared order; roles sorted.
    pub inputs: Vec<(String, Vec<String>)>,
    /// Normalized `output.metadata`, plus `codec` from `output.codec_configuration`.
    pub extra_metadata: Map,
    pub pipeline: Option<Value>,
    pub preload: bool,
}

impl Declaration {
    pub fn inputs_of(&self, role: &str) -> &[String] {
        self.inputs.iter().find(|(r, _)| r == role).map(|(_, p)| p.as_slice()).unwrap_or(&[])
    }
}

/// The outcome of reading one `asset.json`: the declaration or the first blocking
/// finding, plus info/advisory diagnostics (migrations, unknown keys).
pub struct Parsed {
    pub result: Result<Declaration, Finding>,
    pub notes: Vec<Finding>,
}

fn blocking(code: &'static str, file: &str, path: &str, what: String) -> Finding {
    Finding::error(code, format!("{file}: {what}")).at_file(file).at_path(path)
}

fn malformed(file: &str, path: &str, what: &str) -> Finding {
    blocking(codes::ASSET_MALFORMED, file, path, format!("{path}: {what}"))
}

fn info(file: &str, path: &str, what: String) -> Finding {
    Finding { severity: crate::diag::Severity::Info, ..Finding::error(codes::MIGRATED, format!("{file}: {what}")) }
        .at_file(file)
        .at_path(path)
}

/// Reads `asset.json` bytes; `file` is its project-relative path for messages.
pub fn parse(bytes: &[u8], file: &str) -> Parsed {
    let mut notes = Vec::new();
    let result = parse_inner(bytes, file, &mut notes);
    Parsed { result, notes }
}

fn non_empty_string<'a>(m: &'a Map, key: &str, file: &str) -> Result<&'a str, Finding> {
    match m.get(key).and_then(Value::as_str) {
        Some(s) if !s.trim().is_empty() => Ok(s),
        _ => Err(malformed(file, key, "required non-empty string")),
    }
}

fn parse_inner(bytes: &[u8], file: &str, notes: &mut Vec<Finding>) -> Result<Declaration, Finding> {
    let doc = json::parse(bytes)
        .map_err(|e| blocking(codes::ASSET_MALFORMED, file, "", format!("not valid JSON: {e}")))?;
    let Value::Object(top) = &doc else {
        return Err(malformed(file, "$", "asset.json must be a JSON object"));
    };
    versions::check(&doc, ASSET_JSON_WINDOW, file)?;
    for key in top.keys().filter(|k| !KNOWN_KEYS.contains(&k.as_str())) {
        notes.push(
            Finding::warning(codes::ASSET_UNKNOWN_KEY, format!("{file}: unknown key {key:?}")).at_file(file).at_path(key.as_str()),
        );
    }
    let asset_uuid = non_empty_string(top, "asset_uuid", file)?;
    let name = non_empty_string(top, "name", file)?;
    let mut kind_name = top.get("type").and_then(Value::as_str).ok_or_else(|| malformed(file, "type", "required string"))?;
    let inputs = parse_inputs(top.get("inputs"), file)?;
    let Some(Value::Object(output)) = top.get("output") else {
        return Err(malformed(file, "output", "required object"));
    };
    for key in output.keys().filter(|k| !OUTPUT_KEYS.contains(&k.as_str())) {
        notes.push(
            Finding::warning(codes::ASSET_UNKNOWN_KEY, format!("{file}: unknown key \"output.{key}\""))
                .at_file(file)
                .at_path(format!("output.{key}")),
        );
    }
    let mut format_name =
        output.get("format").and_then(Value::as_str).ok_or_else(|| malformed(file, "output.format", "required string"))?;
    let codec = output.get("codec").and_then(Value::as_str).ok_or_else(|| malformed(file, "output.codec", "required string"))?;
    let preload = match top.get("preload") {
        Some(Value::Object(p)) => p
            .get("enabled")
            .and_then(Value::as_bool)
            .ok_or_else(|| malformed(file, "preload.enabled", "required boolean"))?,
        _ => return Err(malformed(file, "preload", "required object {\"enabled\": true|false}")),
    };
    if let Some(b) = top.get("build") {
        if b.as_object().is_none() {
            return Err(malformed(file, "build", "must be an object"));
        }
    }

    // Migrations (PA-MIG-3): renames only, in memory, never touching asset_uuid.
    if LEGACY_GLYPH_TYPES.contains(&kind_name) {
        notes.push(info(file, "type", format!("type {kind_name:?} migrated to \"glyph_bank\"")));
        kind_name = "glyph_bank";
    }
    if format_name == LEGACY_GLYPH_FORMAT {
        notes.push(info(file, "output.format", format!("output.format {format_name:?} migrated to {GLYPH_FORMAT:?}")));
        format_name = GLYPH_FORMAT;
    }
    if codec == "RAW" {
        return Err(blocking(
            codes::ASSET_CODEC_REJECTED,
            file,
            "output.codec",
            String::from("output.codec \"RAW\" is no longer supported; use \"NONE\""),
        ));
    }
    if codec != "NONE" {
        return Err(blocking(
            codes::ASSET_CODEC_REJECTED,
            file,
            "output.codec",
            format!("output.codec {codec:?} is not supported; the only codec is \"NONE\""),
        ));
    }
    let kind = match (kind_name, format_name) {
        ("glyph_bank", GLYPH_FORMAT) => AssetKind::GlyphBank,
        ("sound_bank", SOUNDS_FORMAT) => AssetKind::SoundBank,
        ("glyph_bank", other) | ("sound_bank", other) => {
            return Err(blocking(
                codes::ASSET_UNKNOWN_FORMAT,
                file,
                "output.format",
                format!("type {kind_name:?} cannot produce output.format {other:?}"),
            ))
        }
        (other, _) => {
            return Err(blocking(
                codes::ASSET_UNKNOWN_FORMAT,
                file,
                "type",
                format!("unknown type {other:?} (known: \"glyph_bank\", \"sound_bank\")"),
            ))
        }
    };
    let extra_metadata = runtime_metadata(output, file)?;
    Ok(Declaration {
        asset_uuid: asset_uuid.into(),
        name: name.into(),
        kind,
        inputs,
        extra_metadata,
        pipeline: output.get("pipeline").cloned(),
        preload,
    })
}

fn parse_inputs(v: Option<&Value>, file: &str) -> Result<Vec<(String, Vec<String>)>, Finding> {
    let Some(Value::Object(m)) = v else { return Err(malformed(file, "inputs", "required object of role → list of paths")) };
    let mut out = Vec::new();
    for (role, list) in m.sorted() {
        let Value::Array(items) = list else {
            return Err(malformed(file, &format!("inputs.{role}"), "must be a list of paths (a single input is still a list)"));
        };
        let mut paths = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let at = format!("inputs.{role}[{i}]");
            let p = item.as_str().ok_or_else(|| malformed(file, &at, "must be a string path"))?;
            check_relative(p).map_err(|why| blocking(codes::ASSET_BAD_INPUT_PATH, file, &at, format!("{at}: {why}")))?;
            paths.push(String::from(p));
        }
        out.push((role.clone(), paths));
    }
    Ok(out)
}

/// `output.metadata` (+ `metadata.codec` from `output.codec_configuration`), checked
/// for collisions with format keys and for header-legal numbers (PA-WRITE-2, PA-HDR-4).
fn runtime_metadata(output: &Map, file: &str) -> Result<Map, Finding> {
    let mut meta = match output.get("metadata") {
        None => Map::new(),
        Some(Value::Object(m)) => m.clone(),
        Some(_) => return Err(malformed(file, "output.metadata", "must be an object")),
    };
    for key in FORMAT_KEYS.iter().chain(["codec"].iter()) {
        if meta.contains_key(key) {
            return Err(blocking(
                codes::ASSET_METADATA_COLLISION,
                file,
                &format!("output.metadata.{key}"),
                format!("output.metadata.{key} collides with a key the format or codec owns; remove it"),
            ));
        }
    }
    if let Some(conf) = output.get("codec_configuration") {
        meta.insert("codec", conf.clone());
    }
    if let Some(bad) = first_bad_number(&Value::Object(meta.clone())) {
        return Err(blocking(
            codes::ASSET_METADATA_INVALID,
            file,
            "output.metadata",
            format!("runtime metadata numbers must be integers in 0..9007199254740991 (found {bad})"),
        ));
    }
    Ok(meta)
}

fn first_bad_number(v: &Value) -> Option<String> {
    // Iterative: documents may nest up to the JSON depth limit.
    let found = crate::json::walk(v, crate::json::Order::Stored, |_, x| match x {
        Value::Number(n) if !is_header_integer(*n) => crate::json::Visit::Stop(crate::json::format_go_float(*n)),
        _ => crate::json::Visit::Descend,
    });
    found.err()
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"schema_version":1,"asset_uuid":"u","name":"ui","type":"glyph_bank",
        "inputs":{"sprites":["tiles/0.png"],"palettes":["palettes.json"]},
        "output":{"format":"GLYPH/indexed_v1","codec":"NONE"},"preload":{"enabled":true}}"#;

    fn code(text: &str) -> &'static str {
        parse(text.as_bytes(), "assets/ui/asset.json").result.unwrap_err().code
    }

    #[test]
    fn accepts_and_migrates() {
        let d = parse(GOOD.as_bytes(), "a").result.unwrap();
        assert_eq!(d.kind, AssetKind::GlyphBank);
        assert_eq!(d.inputs_of("sprites"), ["tiles/0.png"]);
        let legacy = GOOD.replace("glyph_bank", "tile_bank").replace("GLYPH/indexed_v1", "TILES/indexed_v1");
        let p = parse(legacy.as_bytes(), "a");
        assert_eq!(p.result.unwrap(), d);
        assert_eq!(p.notes.len(), 2);
        assert!(p.notes.iter().all(|n| n.code == codes::MIGRATED));
        assert_eq!(parse(GOOD.replace("glyph_bank", "image_bank").as_bytes(), "a").result.unwrap(), d);
    }

    #[test]
    fn rejects() {
        assert_eq!(code(&GOOD.replace("\"schema_version\":1", "\"schema_version\":2")), codes::UNSUPPORTED_INPUT_VERSION);
        assert_eq!(code(&GOOD.replace("\"schema_version\":1", "\"schema_version\":0")), codes::UNSUPPORTED_INPUT_VERSION);
        let raw = parse(GOOD.replace("\"NONE\"", "\"RAW\"").as_bytes(), "f").result.unwrap_err();
        assert_eq!(raw.code, codes::ASSET_CODEC_REJECTED);
        assert_eq!(raw.message, "f: output.codec \"RAW\" is no longer supported; use \"NONE\"");
        assert_eq!(code(&GOOD.replace("tiles/0.png", "../0.png")), codes::ASSET_BAD_INPUT_PATH);
        assert_eq!(
            code(&GOOD.replace("\"codec\":\"NONE\"", "\"codec\":\"NONE\",\"metadata\":{\"tile_size\":8}")),
            codes::ASSET_METADATA_COLLISION
        );
        assert_eq!(code(&GOOD.replace("\"codec\":\"NONE\"", "\"codec\":\"NONE\",\"metadata\":{\"x\":1.5}")), codes::ASSET_METADATA_INVALID);
        assert_eq!(code(&GOOD.replace("\"enabled\":true", "\"enabled\":\"yes\"")), codes::ASSET_MALFORMED);
        assert_eq!(code(&GOOD.replace("glyph_bank", "scene_bank")), codes::ASSET_UNKNOWN_FORMAT);
    }
}
