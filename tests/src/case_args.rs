//! A vector case as the arguments of its table operation (`api::ops`), so the runner
//! calls every operation through the same door as the bindings (`api::call`). A
//! parameter named in `options` takes that value (an input form for bytes: the
//! registry responses), `lock` the `lock` parameter, and the case's `input` the first
//! parameter left (parsed for JSON, a `{path: form}` map for files, or the member of
//! the same name when the input document has one); what remains of `options` is the
//! options object.
use std::collections::BTreeMap;

use trustloop_core::api::call::Arg;
use trustloop_core::api::json::{self, Map, Value};
use trustloop_core::api::ops::{Kind, Op};

pub fn args<'a>(
    op: &Op,
    input: &'a [u8],
    lock: Option<&'a [u8]>,
    options: &Value,
    read: &dyn Fn(&Value) -> Result<Vec<u8>, String>,
) -> Result<Vec<Arg<'a>>, String> {
    let mut rest: Map = options.as_object().cloned().unwrap_or_default();
    let doc = || json::parse(input).map_err(|e| format!("input: {e}"));
    let mut out = Vec::new();
    // The parameter the input fills: the first one the options do not name.
    let first = op.params.iter().position(|p| p.kind != Kind::Options && p.name != "lock" && !rest.contains_key(p.name));
    for (i, p) in op.params.iter().enumerate() {
        let arg = if p.kind == Kind::Options {
            Arg::Json(Value::Object(std::mem::take(&mut rest)))
        } else if p.name == "lock" {
            lock.map_or(Arg::Absent, Arg::Bytes)
        } else if let Some(v) = rest.remove(p.name) {
            from_value(p.kind, v, p.name, read)?
        } else if Some(i) == first {
            match p.kind {
                Kind::Bytes => Arg::Bytes(input),
                Kind::Text => Arg::Text(String::from_utf8(input.to_vec()).unwrap_or_else(|_| "\u{fffd}".into())),
                _ => {
                    let d = doc()?;
                    let member = d.get(p.name).cloned();
                    match p.kind {
                        Kind::Files => Arg::Files(files(member.as_ref().unwrap_or(&d), read)?),
                        _ => Arg::Json(member.unwrap_or(d)),
                    }
                }
            }
        } else if matches!(p.kind, Kind::Json) {
            // A second JSON parameter (assets_pa_write's `preload`) lives beside the first.
            doc()?.get(p.name).cloned().map_or(Arg::Absent, Arg::Json)
        } else {
            Arg::Absent
        };
        out.push(arg);
    }
    Ok(out)
}

fn from_value<'a>(kind: Kind, v: Value, name: &str, read: &dyn Fn(&Value) -> Result<Vec<u8>, String>) -> Result<Arg<'a>, String> {
    Ok(match (kind, &v) {
        // An input form (the registry responses beside the download).
        (Kind::Bytes, Value::Object(_)) => Arg::Buf(read(&v).map_err(|e| format!("options.{name}: {e}"))?),
        (Kind::Text, Value::String(s)) => Arg::Text(s.clone()),
        (Kind::Int, _) => Arg::Int(v.as_f64().ok_or_else(|| format!("options.{name} must be a number"))? as i64),
        (Kind::Bool, Value::Bool(b)) => Arg::Bool(*b),
        (Kind::Json, _) => Arg::Json(v),
        _ => return Err(format!("options.{name}: not a {}", kind.name())),
    })
}

fn files(map: &Value, read: &dyn Fn(&Value) -> Result<Vec<u8>, String>) -> Result<BTreeMap<String, Vec<u8>>, String> {
    let mut out = BTreeMap::new();
    for (path, form) in map.as_object().ok_or("input.files must be an object")?.iter() {
        out.insert(path.clone(), read(form).map_err(|e| format!("files.{path}: {e}"))?);
    }
    Ok(out)
}
