//! Core JSON values as JS values (plain objects, arrays, strings, numbers, booleans,
//! null), built directly with wasm-bindgen: the same values `JSON.parse` of the CLI's
//! `--json` output gives (same keys in the same order, same numbers). Keys are own data
//! properties, `__proto__` included, as `JSON.parse` makes them.
//!
//! Iterative: a result can nest as deep as its input (JSON allows 10,000 levels; WASM's
//! stack is 1 MB), so containers are inserted into their parent first and filled from an
//! explicit stack.
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsValue;

use trustloop_core::api::json::{Entries, Value};

use crate::errors::JsResult;

/// A container still being filled and the children left to add to it.
enum Frame<'v> {
    Array(Array, std::slice::Iter<'v, Value>),
    Object(Object, Entries<'v>),
}

pub fn value(v: &Value) -> JsResult<JsValue> {
    let mut stack: Vec<Frame<'_>> = Vec::new();
    let root = shallow(v, &mut stack);
    while let Some(frame) = stack.last_mut() {
        match frame {
            Frame::Array(array, items) => match items.next() {
                Some(child) => {
                    let array = array.clone();
                    array.push(&shallow(child, &mut stack));
                }
                None => {
                    stack.pop();
                }
            },
            Frame::Object(object, pairs) => match pairs.next() {
                Some((key, child)) => {
                    let object = object.clone();
                    let child = shallow(child, &mut stack);
                    if key == "__proto__" {
                        // An assignment would set the prototype; define an own property.
                        let descriptor = Object::new();
                        for (k, v) in [("value", &child), ("writable", &JsValue::TRUE), ("enumerable", &JsValue::TRUE), ("configurable", &JsValue::TRUE)] {
                            Reflect::set(&descriptor, &JsValue::from_str(k), v)?;
                        }
                        Reflect::define_property(&object, &JsValue::from_str(key), &descriptor)?;
                    } else {
                        Reflect::set(&object, &JsValue::from_str(key), &child)?;
                    }
                }
                None => {
                    stack.pop();
                }
            },
        }
    }
    Ok(root)
}

/// A scalar, or an empty container whose children are pushed onto `stack` to fill.
fn shallow<'v>(v: &'v Value, stack: &mut Vec<Frame<'v>>) -> JsValue {
    match v {
        Value::Null => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        Value::Number(n) => JsValue::from_f64(*n),
        Value::String(s) => JsValue::from_str(s),
        Value::Array(items) => {
            let array = Array::new();
            stack.push(Frame::Array(array.clone(), items.iter()));
            array.into()
        }
        Value::Object(map) => {
            let object = Object::new();
            stack.push(Frame::Object(object.clone(), map.printed()));
            object.into()
        }
    }
}

/// `{ name: Uint8Array }` in the given order (JS keeps string keys in insertion order).
pub fn files<'a>(files: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> JsResult<js_sys::Object> {
    let out = js_sys::Object::new();
    for (name, bytes) in files {
        js_sys::Reflect::set(&out, &JsValue::from_str(name), &js_sys::Uint8Array::from(bytes))?;
    }
    Ok(out)
}

/// Sets `key` on a result object this crate created (cannot fail on a fresh object).
pub fn set(target: &JsValue, key: &str, value: &JsValue) -> JsResult<()> {
    js_sys::Reflect::set(target, &JsValue::from_str(key), value)?;
    Ok(())
}
