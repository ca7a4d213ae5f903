//! `call(op, args)`: any operation of the core's table by its flat name, arguments
//! converted by the table's parameter kinds, the result by its declared shape. The
//! package's surface (`js/surface.js`) derives a function from it for every operation
//! without a hand-written export here, so an operation added to the core and its table
//! reaches the browser without code in this crate.
use js_sys::{Array, Object, Uint8Array};
use wasm_bindgen::prelude::*;

use trustloop_core::api::call::{self as core_call, Arg, Args, Out};
use trustloop_core::api::ops::{Kind, Op};

use crate::errors::{to_js_error, JsResult};
use crate::{args, options, panic_hook, to_js};

/// Runs the table operation `op` on `args` (in the table's parameter order;
/// `undefined`/`null` omit one). Bytes may be any binary form or a string; options a
/// plain object with camelCase or snake_case keys.
#[wasm_bindgen(js_name = call)]
pub fn call(op: &str, args: Array) -> JsResult<JsValue> {
    panic_hook::install();
    let op = core_call::find(op).map_err(|e| to_js_error(&e))?;
    let mut converted = Vec::with_capacity(op.params.len());
    for (i, p) in op.params.iter().enumerate() {
        let v = args.get(i as u32);
        converted.push(match p.kind {
            _ if (v.is_undefined() || v.is_null()) && p.kind != Kind::Options => Arg::Absent,
            Kind::Bytes => Arg::Buf(args::bytes(&v, p.name)?),
            Kind::Text => Arg::Text(args::string(&v, p.name)?),
            Kind::Int => Arg::Int(args::integer(&v, p.name)?),
            Kind::Bool => Arg::Bool(args::flag(&v, p.name)?),
            Kind::Json => Arg::Json(args::json(&v, p.name)?),
            Kind::Files => Arg::Files(args::file_map(&v, p.name)?),
            Kind::BytesList => Arg::List(args::bytes_list(&v, p.name)?.into_iter().map(Arg::Buf).collect()),
            Kind::Options => Arg::Json(options::from_js(&v, &[])?.core),
        });
    }
    let out = Args::new(op, converted).and_then(dispatch).map_err(|e| to_js_error(&e))?;
    out_to_js(out)
}

/// Whether this build has `op`: every operation the core has, or (without the `full`
/// feature) the ANIP verify subset only.
pub fn has(op: &Op) -> bool {
    if cfg!(feature = "full") {
        core_call::available(op)
    } else {
        core_call::verify_only::has(op)
    }
}

/// The core's dispatcher for this build: the verify-only build links the subset's
/// alone, so none of the other families' code is in its module.
#[cfg(feature = "full")]
use core_call::call as dispatch;
#[cfg(not(feature = "full"))]
use core_call::verify_only::call as dispatch;

/// The result as JS values: `undefined`, plain values, `Uint8Array`, a string, a
/// number, `{name: Uint8Array}`, or an object of those (a record).
fn out_to_js(out: Out) -> JsResult<JsValue> {
    Ok(match out {
        Out::Unit => JsValue::UNDEFINED,
        Out::Json(v) => to_js::value(&v)?,
        Out::Bytes(b) => Uint8Array::from(b.as_slice()).into(),
        Out::Text(t) => JsValue::from_str(&t),
        Out::Int(n) => JsValue::from_f64(n as f64),
        Out::Files(files) => to_js::files(files.iter().map(|(n, b)| (n.as_str(), b.as_slice())))?.into(),
        Out::Record(fields) => {
            let object = Object::new();
            for (name, v) in fields {
                to_js::set(&object, name, &out_to_js(v)?)?;
            }
            object.into()
        }
    })
}
