//! How each vector op (`tests/vectors/README.md`, `tests/vectors/assets-pa/README.md`)
//! maps onto the exported functions, called exactly as JS calls them: bytes as
//! `Uint8Array`, options as a camelCase JS object, bundle trees as `[{path, bytes}]`,
//! asset entries and GLYPH specs as plain JS objects.
use base64::Engine as _;
use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

use trustloop_core::api::ops::camel_case;
use trustloop_core::api::digest::sha256_bytes;
use trustloop_core::api::json::{self, Map, Value};

use super::vectors::{input_bytes, to_value, Actual};

/// The ops of the core's operation table this host has (vector ops are the table's flat
/// names).
pub fn ops() -> Vec<String> {
    trustloop_core::api::ops::OPS.iter().filter(|o| o.hosts.wasm).map(|o| o.flat_name()).collect()
}


fn js_error(what: &str) -> impl Fn(JsValue) -> String + '_ {
    move |e| format!("{what}: {e:?}")
}

/// A JSON value as the JS value `JSON.parse` gives.
fn js_json(v: &Value) -> Result<JsValue, String> {
    js_sys::JSON::parse(&json::to_compact(v)).map_err(js_error("JSON.parse"))
}

/// The vector's options without `entries`, camelCased, as a JS object.
fn js_options(options: &Map) -> Result<JsValue, String> {
    let mut m = Map::record();
    for (k, v) in options.iter() {
        if k != "entries" {
            m.insert(camel_case(k).as_str(), v.clone());
        }
    }
    js_json(&Value::Object(m))
}

/// The vector's bundle tree (`[{path, text|base64|symlink|special}]`) as the JS
/// entries a browser host builds (`[{path, bytes}]`, `{path, symlink: true}`, …).
fn js_entries(entries: Option<&Value>) -> Result<JsValue, String> {
    let list = js_sys::Array::new();
    for e in entries.and_then(Value::as_array).unwrap_or(&[]) {
        let m = e.as_object().ok_or("an entry is not an object")?;
        let obj = Object::new();
        let set = |k: &str, v: &JsValue| Reflect::set(&obj, &k.into(), v).map(|_| ()).map_err(js_error("set"));
        set("path", &js_json(m.get("path").unwrap_or(&Value::Null))?)?;
        let flag = |k: &str| m.get(k).and_then(Value::as_bool).unwrap_or(false);
        if flag("symlink") {
            set("symlink", &JsValue::TRUE)?;
        } else if flag("special") {
            set("special", &JsValue::TRUE)?;
        } else if let Some(t) = m.get("text").and_then(Value::as_str) {
            set("bytes", &Uint8Array::from(t.as_bytes()).into())?;
        } else if let Some(b) = m.get("base64").and_then(Value::as_str) {
            let bytes = base64::engine::general_purpose::STANDARD.decode(b).map_err(|e| format!("entry base64: {e}"))?;
            set("bytes", &Uint8Array::from(bytes.as_slice()).into())?;
        }
        list.push(&obj);
    }
    Ok(list.into())
}

fn value(v: JsValue) -> Result<Actual, JsValue> {
    to_value(&v).map(Actual::Value)
}

fn files(o: &Object) -> Actual {
    let mut out = Vec::new();
    for entry in Object::entries(o).iter() {
        let pair: js_sys::Array = entry.unchecked_into();
        let name = pair.get(0).as_string().unwrap_or_default();
        let bytes = pair.get(1).dyn_into::<Uint8Array>().map(|a| a.to_vec()).unwrap_or_default();
        out.push((name, bytes));
    }
    Actual::Files(out)
}

fn parse_input(input: &[u8]) -> Result<Value, String> {
    json::parse(input).map_err(|e| format!("input is not JSON: {e}"))
}

/// Calls the export for `op`; a thrown `TrustloopError` is `Err(JsValue)`, a
/// harness problem is the outer `Err(String)`.
pub fn call(op: &str, input: &[u8], lock: Option<&[u8]>, options: &Map) -> Result<Result<Actual, JsValue>, String> {
    use trustloop_wasm as tl;
    let bytes: JsValue = Uint8Array::from(input).into();
    let opts = || -> Result<JsValue, String> {
        let o = js_options(options)?;
        if let Some(lock) = lock {
            Reflect::set(&o, &"lock".into(), &Uint8Array::from(lock)).map_err(js_error("set lock"))?;
        }
        Ok(o)
    };
    let entries = || js_entries(options.get("entries"));
    let str_opt = |k: &str| options.get(k).and_then(Value::as_str).map_or(JsValue::UNDEFINED, JsValue::from_str);
    Ok(match op {
        "canonicalize" => tl::canonicalize(bytes, str_opt("mode")).map(|a| Actual::Bytes(a.to_vec())),
        "digest" => tl::digest(bytes).map(|d| Actual::Bytes(d.into_bytes())),
        "verify_bundle" => tl::verify_bundle(bytes, opts()?).and_then(|v| to_value(&v)).map(|result| Actual::Verdict { result, exit_code: None }),
        "verify_definition" => tl::verify_definition(bytes, opts()?).and_then(|v| to_value(&v)).map(|result| Actual::Verdict { result, exit_code: None }),
        "write_lock" => tl::write_lock(bytes).map(|a| Actual::Bytes(a.to_vec())),
        "verify_registry_responses" | "write_lock_registry_responses" => {
            // The recorded responses: the download is the input, the rest are options.
            let mut policy = options.clone();
            let form = |k: &str| policy.get(k).cloned().ok_or_else(|| format!("options.{k} is required"));
            let responses = Object::new();
            let set = |k: &str, v: &JsValue| Reflect::set(&responses, &k.into(), v).map(|_| ()).map_err(js_error("set"));
            set("packageUrl", &js_json(&form("package_url")?)?)?;
            set("download", &bytes)?;
            set("receipt", &Uint8Array::from(input_bytes(&form("receipt")?)?.as_slice()).into())?;
            set("keys", &Uint8Array::from(input_bytes(&form("keys")?)?.as_slice()).into())?;
            for k in ["package_url", "receipt", "keys"] {
                policy.remove(k);
            }
            let mut o = js_options(&policy)?;
            if op == "write_lock_registry_responses" {
                tl::write_lock_registry_responses(responses.into(), o).map(|a| Actual::Bytes(a.to_vec()))
            } else {
                if let Some(lock) = lock {
                    let with_lock = Object::new();
                    Object::assign(&with_lock, o.unchecked_ref());
                    Reflect::set(&with_lock, &"lock".into(), &Uint8Array::from(lock)).map_err(js_error("set lock"))?;
                    o = with_lock.into();
                }
                tl::verify_registry_responses(responses.into(), o).and_then(|v| to_value(&v)).map(|result| Actual::Verdict { result, exit_code: None })
            }
        }
        "build_local" => tl::build_local(bytes, opts()?).map(|o| files(&o)),
        // As the Rust runner: input that is not UTF-8 is one replacement character.
        "ref_check" => tl::ref_check(std::str::from_utf8(input).unwrap_or("\u{fffd}").into()).and_then(value),
        "tree_combine" => tl::tree_combine(bytes, str_opt("pointer")).map(|d| Actual::Bytes(d.into_bytes())),
        "tree_digest" => tl::tree_digest(entries()?, opts()?).and_then(value),
        "bundle_report" => tl::bundle_report(bytes, entries()?, opts()?).and_then(value),
        "bundle_materials" => tl::bundle_materials(bytes).and_then(value),
        "attach_implementation" => {
            let o = opts()?;
            if options.contains_key("entries") {
                Reflect::set(&o, &"entries".into(), &entries()?).map_err(js_error("set entries"))?;
            }
            tl::attach_implementation(bytes, o).and_then(value)
        }
        "lint" => tl::lint(bytes).and_then(value),
        "assets_pa_write" => {
            let doc = parse_input(input)?;
            let field = |k: &str| doc.get(k).map_or(Ok(JsValue::UNDEFINED), js_json);
            tl::assets_pa_write(field("entries")?, field("preload")?).map(|a| Actual::Bytes(a.to_vec()))
        }
        "assets_pa_read" => tl::assets_pa_read(bytes).and_then(value),
        "assets_pa_verify" => tl::assets_pa_verify(bytes).and_then(value),
        "assets_pa_companions" => tl::assets_pa_companions(bytes).map(|o| files(&o)),
        "assets_pa_extract" => {
            let id = options.get("asset_id").and_then(Value::as_f64).ok_or("assets_pa_extract needs options.asset_id")?;
            tl::assets_pa_extract(bytes, JsValue::from_f64(id)).map(|a| Actual::Bytes(a.to_vec()))
        }
        "assets_pa_glyph_bank" => match tl::assets_pa_glyph_bank(js_json(&parse_input(input)?)?) {
            Ok(bank) => Ok(Actual::Value(glyph_summary(&bank)?)),
            Err(e) => Err(e),
        },
        "assets_pa_pack_files" => {
            let doc = parse_input(input)?;
            let project = Object::new();
            for (path, form) in doc.get("files").and_then(Value::as_object).ok_or("pack input needs files")?.iter() {
                let b = input_bytes(form)?;
                Reflect::set(&project, &path.as_str().into(), &Uint8Array::from(b.as_slice())).map_err(js_error("set file"))?;
            }
            match tl::assets_pa_pack_files(project.into(), opts()?) {
                Ok(r) => Reflect::get(&r, &"report".into()).and_then(value),
                Err(e) => Err(e),
            }
        }
        other => return Err(format!("unknown op {other:?}")),
    })
}

/// The bank's summary without `payload`, after checking `payload` is the bytes the
/// summary's `payload_sha256` names.
fn glyph_summary(bank: &JsValue) -> Result<Value, String> {
    let payload = Reflect::get(bank, &"payload".into())
        .ok()
        .and_then(|p| p.dyn_into::<Uint8Array>().ok())
        .ok_or("glyph bank result has no Uint8Array payload")?
        .to_vec();
    let copy = Object::assign(&Object::new(), bank.unchecked_ref());
    let _ = Reflect::delete_property(&copy, &"payload".into());
    let summary = to_value(&copy).map_err(js_error("summary"))?;
    if summary.str_at("payload_sha256") != sha256_bytes(&payload) {
        return Err(format!("payload_sha256 {} does not name the payload", summary.str_at("payload_sha256")));
    }
    Ok(summary)
}
