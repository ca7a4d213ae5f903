//! Header bytes → typed [`Header`]: PA-READ-1 steps 2–5 (UTF-8, JSON, object root,
//! duplicate keys, top-level shape, integers, entries, table order). Unknown keys are
//! collected as warnings for step 8.
use alloc::collections::BTreeSet;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::canonical::is_header_integer;
use super::codes;
use super::header_tokens::{self, push_key};
use super::model::{AssetEntry, BankType, Codec};
use crate::diag::Finding;
use crate::json::{self, DuplicateKeys, Limits, Map, Value};

/// Largest header the reader parses (64 MiB; a 2,000-asset header is about 0.5 MiB).
pub const MAX_HEADER_LEN: u64 = 64 << 20;

/// The keys of an asset entry (PA-ENTRY-1/2), in canonical order.
pub const ENTRY_KEYS: [&str; 8] =
    ["asset_id", "asset_name", "bank_type", "codec", "decoded_size", "metadata", "offset", "size"];
const TOP_LEVEL_KEYS: [&str; 2] = ["asset_table", "preload"];
pub(crate) const PRELOAD_KEYS: [&str; 2] = ["asset_id", "slot"];

/// Largest `asset_id`: the runtime's `AssetId` is an `i32` (PA-HDR-5).
pub const MAX_ASSET_ID: u64 = i32::MAX as u64;

/// A header that passed steps 2–5.
#[derive(Clone, Debug)]
pub struct ParsedHeader {
    pub header_value: Value,
    pub asset_table: Vec<AssetEntry>,
    /// The raw `preload` array (`[]` when absent), checked later (step 7).
    pub preload_raw: Vec<Value>,
    /// `UnknownKey` warnings found so far.
    pub unknown_keys: Vec<Finding>,
}

fn shape(path: &str, expected: &str) -> Finding {
    Finding::error(codes::HEADER_SHAPE, format!("{path}: {expected}")).at_path(path)
}

/// The value of `v` as a header integer (steps 4 and 5 make every number one).
pub(crate) fn int(v: &Value) -> Option<u64> {
    match v {
        Value::Number(n) if is_header_integer(*n) => Some(*n as u64),
        _ => None,
    }
}

/// Steps 2–5 of PA-READ-1.
pub fn parse_header(bytes: &[u8]) -> Result<ParsedHeader, Finding> {
    // Step 2: bytes.
    if core::str::from_utf8(bytes).is_err() {
        return Err(Finding::error(codes::HEADER_NOT_UTF8, "header is not valid UTF-8"));
    }
    let limits = Limits { max_bytes: MAX_HEADER_LEN as usize, duplicate_keys: DuplicateKeys::LastWins, ..Limits::default() };
    let value = json::parse_with(bytes, limits)
        .map_err(|e| Finding::error(codes::HEADER_NOT_JSON, format!("header is not valid JSON: {e}")))?;
    let Value::Object(top) = &value else {
        return Err(Finding::error(codes::HEADER_NOT_OBJECT, "header root must be an object"));
    };
    let tokens = header_tokens::scan(bytes);
    if let Some((key, path)) = tokens.duplicate_key {
        let at = if path.is_empty() { String::from("the header root") } else { path.clone() };
        return Err(Finding::error(codes::HEADER_DUPLICATE_KEY, format!("duplicate key {key:?} at {at}")).at_path(path));
    }

    // Step 3: top-level shape.
    let table = match top.get("asset_table") {
        Some(Value::Array(a)) => a,
        Some(_) => return Err(shape("asset_table", "must be an array")),
        None => return Err(shape("asset_table", "required array is missing")),
    };
    let preload_raw = match top.get("preload") {
        Some(Value::Array(a)) => a.clone(),
        Some(_) => return Err(shape("preload", "must be an array")),
        None => Vec::new(),
    };
    let mut unknown_keys = Vec::new();
    unknown_key_warnings(top, &TOP_LEVEL_KEYS, "", &mut unknown_keys);

    // Step 4: numbers anywhere.
    if let Some((token, path)) = tokens.bad_number {
        let at = if path.is_empty() { String::from("header") } else { path.clone() };
        return Err(Finding::error(
            codes::NUMBER_NOT_ALLOWED,
            format!("{at}: numbers in the v1 header must be integers in 0..9007199254740991 (found {token})"),
        )
        .at_path(path));
    }

    // Step 5: entries in table order, then the table order.
    let mut asset_table = Vec::with_capacity(table.len());
    for (i, raw) in table.iter().enumerate() {
        let path = format!("asset_table[{i}]");
        let entry = parse_entry(raw, &path, &mut unknown_keys)?;
        asset_table.push(entry);
    }
    check_table_order(&asset_table)?;
    Ok(ParsedHeader { header_value: value, asset_table, preload_raw, unknown_keys })
}

fn parse_entry(raw: &Value, path: &str, unknown: &mut Vec<Finding>) -> Result<AssetEntry, Finding> {
    let Value::Object(m) = raw else { return Err(shape(path, "asset entry must be an object")) };
    let field = |key: &str| -> Result<&Value, Finding> {
        m.get(key).ok_or_else(|| shape(&format!("{path}.{key}"), "required field is missing"))
    };
    let integer = |key: &str| -> Result<u64, Finding> {
        int(field(key)?).ok_or_else(|| shape(&format!("{path}.{key}"), "must be an integer"))
    };
    let string = |key: &str| -> Result<&str, Finding> {
        field(key)?.as_str().ok_or_else(|| shape(&format!("{path}.{key}"), "must be a string"))
    };
    let asset_id = integer("asset_id")?;
    let asset_name = string("asset_name")?;
    if asset_name.is_empty() {
        return Err(shape(&format!("{path}.asset_name"), "must be a non-empty string"));
    }
    let bank_type = string("bank_type")?;
    let codec = string("codec")?;
    let decoded_size = integer("decoded_size")?;
    let metadata = match field("metadata")? {
        Value::Object(meta) => meta.clone(),
        _ => return Err(shape(&format!("{path}.metadata"), "must be an object")),
    };
    let offset = integer("offset")?;
    let size = integer("size")?;
    if asset_id > MAX_ASSET_ID {
        return Err(Finding::error(
            codes::ASSET_ID_OUT_OF_RANGE,
            format!("{path}.asset_id: asset_id {asset_id} does not fit 0..2147483647"),
        )
        .at_path(format!("{path}.asset_id")));
    }
    let asset_id = asset_id as u32;
    let bank_type = BankType::parse(bank_type).ok_or_else(|| {
        Finding::error(codes::UNKNOWN_BANK_TYPE, format!("asset {asset_id}: unknown bank_type {bank_type:?}"))
            .at_path(format!("{path}.bank_type"))
    })?;
    let codec = Codec::parse(codec).ok_or_else(|| {
        Finding::error(codes::UNKNOWN_CODEC, format!("asset {asset_id}: unsupported codec {codec:?} (only \"NONE\")"))
            .at_path(format!("{path}.codec"))
    })?;
    unknown_key_warnings(m, &ENTRY_KEYS, path, unknown);
    Ok(AssetEntry { asset_id, asset_name: asset_name.into(), bank_type, codec, decoded_size, metadata, offset, size })
}

/// Duplicates first (anywhere in the table), then strictly increasing order (PA-ENTRY-6).
fn check_table_order(table: &[AssetEntry]) -> Result<(), Finding> {
    let mut seen = BTreeSet::new();
    for (i, e) in table.iter().enumerate() {
        if !seen.insert(e.asset_id) {
            return Err(Finding::error(codes::DUPLICATE_ASSET_ID, format!("asset_id {} appears more than once", e.asset_id))
                .at_path(format!("asset_table[{i}].asset_id")));
        }
    }
    for (i, pair) in table.windows(2).enumerate() {
        if pair[1].asset_id <= pair[0].asset_id {
            return Err(Finding::error(
                codes::ASSET_TABLE_NOT_SORTED,
                format!("asset_table is not ordered by increasing asset_id at index {}", i + 1),
            )
            .at_path(format!("asset_table[{}]", i + 1)));
        }
    }
    Ok(())
}

/// One `UnknownKey` warning per key of `m` outside `known`.
pub(crate) fn unknown_key_warnings(m: &Map, known: &[&str], path: &str, out: &mut Vec<Finding>) {
    for key in m.keys() {
        if !known.contains(&key.as_str()) {
            let mut at = String::from(path);
            push_key(&mut at, key);
            out.push(Finding::warning(codes::UNKNOWN_KEY, format!("{at}: unknown key {key:?}")).at_path(at));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> &'static str {
        parse_header(text.as_bytes()).unwrap_err().code
    }

    const ENTRY: &str = r#"{"asset_id":1,"asset_name":"a","bank_type":"GLYPH","codec":"NONE","decoded_size":0,"metadata":{},"offset":0,"size":0}"#;

    #[test]
    fn step_two_and_three() {
        assert_eq!(parse_header(b"\xff").unwrap_err().code, codes::HEADER_NOT_UTF8);
        assert_eq!(code("{"), codes::HEADER_NOT_JSON);
        assert_eq!(code("[]"), codes::HEADER_NOT_OBJECT);
        assert_eq!(code(r#"{"asset_table":[],"asset_table":[]}"#), codes::HEADER_DUPLICATE_KEY);
        assert_eq!(code(r#"{"preload":[]}"#), codes::HEADER_SHAPE);
        assert!(parse_header(br#"{"asset_table":[]}"#).unwrap().preload_raw.is_empty());
    }

    #[test]
    fn entries() {
        let ok = format!(r#"{{"asset_table":[{ENTRY}]}}"#);
        assert_eq!(parse_header(ok.as_bytes()).unwrap().asset_table[0].asset_id, 1);
        let e = |from: &str, to: &str| code(&ok.replacen(from, to, 1));
        assert_eq!(e(r#""codec":"NONE""#, r#""codec":"RAW""#), codes::UNKNOWN_CODEC);
        assert_eq!(e(r#""bank_type":"GLYPH""#, r#""bank_type":"TILES""#), codes::UNKNOWN_BANK_TYPE);
        assert_eq!(e(r#""asset_id":1"#, r#""asset_id":2147483648"#), codes::ASSET_ID_OUT_OF_RANGE);
        assert_eq!(e(r#""asset_name":"a""#, r#""asset_name":"""#), codes::HEADER_SHAPE);
        assert_eq!(e(r#""size":0"#, r#""size":0.0"#), codes::NUMBER_NOT_ALLOWED);
        let unknown = parse_header(ok.replacen("\"size\":0", "\"size\":0,\"x\":1", 1).as_bytes()).unwrap();
        assert_eq!(unknown.unknown_keys[0].code, codes::UNKNOWN_KEY);
        assert_eq!(unknown.unknown_keys[0].path, "asset_table[0].x");
    }
}
