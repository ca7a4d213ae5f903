//! Vector ops of the `assets.pa` family (`assets_pa_*`). Each maps a case's input and
//! options onto one `trustloop_core::api::assets_pa` call, as every host's runner does.
use std::collections::BTreeMap;

use trustloop_core::api::assets_pa as pa;
use trustloop_core::api::diag::Error;
use trustloop_core::api::json::{self, Value};

use crate::check::Actual;

/// The family's op prefix.
pub const PREFIX: &str = "assets_pa_";

/// Runs `op` on the case's `input`; `read` resolves a nested input form (the project
/// files of `assets_pa_pack_files`). The outer error is a malformed case.
pub fn call(op: &str, input: &[u8], options: &Value, read: &dyn Fn(&Value) -> Result<Vec<u8>, String>) -> Result<Result<Actual, Error>, String> {
    let doc = || json::parse(input).map_err(|e| format!("input: {e}"));
    Ok(match op {
        "assets_pa_write" => {
            let d = doc()?;
            pa::write_value(d.get("entries").unwrap_or(&Value::Null), d.get("preload").unwrap_or(&Value::Null)).map(Actual::Bytes)
        }
        "assets_pa_read" => pa::read(input).map(Actual::Value),
        "assets_pa_verify" => Ok(Actual::Value(pa::verify(input))),
        "assets_pa_companions" => pa::companions(input).map(Actual::Files),
        "assets_pa_extract" => {
            let id = options.get("asset_id").and_then(Value::as_f64).ok_or("options.asset_id is required")?;
            pa::extract(input, id as i64).map(Actual::Bytes)
        }
        "assets_pa_glyph_bank" => pa::glyph_bank_value(&doc()?).map(|b| Actual::Value(b.summary_value())),
        "assets_pa_pack_files" => {
            let mut files = BTreeMap::new();
            for (path, form) in doc()?.get("files").and_then(Value::as_object).ok_or("input.files is required")?.iter() {
                files.insert(path.clone(), read(form).map_err(|e| format!("files.{path}: {e}"))?);
            }
            let opts = match options.as_object() {
                Some(m) if !m.is_empty() => pa::PackOptions::from_value(options),
                _ => Ok(pa::PackOptions::default()),
            };
            opts.and_then(|o| pa::pack(&files, &o)).map(|r| Actual::Value(r.report))
        }
        other => return Err(format!("unknown op {other:?}")),
    })
}
