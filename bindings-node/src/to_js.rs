//! Core JSON values as JS values (plain objects, arrays, strings, numbers, booleans,
//! null), built directly instead of printed as JSON text for `JSON.parse`: the same
//! values `JSON.parse` of the CLI's `--json` output gives.
//!
//! Keys are own data properties, `__proto__` included (as `JSON.parse` makes them).
//!
//! Iterative: a result can nest as deep as its input (JSON allows 10,000 levels), so
//! containers are inserted into their parent first and filled from an explicit stack.
use std::collections::HashMap;

use napi::bindgen_prelude::{Array, JsObjectValue, JsValue, Null, Object, ToNapiValue, Unknown};
use napi::{Env, JsString, Property};
use trustloop_core::api::json::{Entries, Value};

/// One JS string per distinct key: results repeat a few dozen keys many times (a
/// batch: thousands), and setting a property by a Rust `&str` creates the key anew
/// each time. The handles live as long as the call's scope.
#[derive(Default)]
pub struct Keys<'e>(HashMap<String, JsString<'e>>);

/// A container still being filled and the children left to add to it.
enum Frame<'v, 'e> {
    Array(Array<'e>, u32, std::slice::Iter<'v, Value>),
    Object(Object<'e>, Entries<'v>),
}

/// `v` as a JS value.
pub fn value<'e>(env: &'e Env, v: &Value) -> napi::Result<Unknown<'e>> {
    value_with(env, v, &mut Keys::default())
}

/// `v` as a JS value, its keys taken from and added to `keys`.
pub fn value_with<'e>(env: &'e Env, v: &Value, keys: &mut Keys<'e>) -> napi::Result<Unknown<'e>> {
    let mut stack: Vec<Frame<'_, 'e>> = Vec::new();
    let root = shallow(env, v, &mut stack)?;
    while let Some(frame) = stack.last_mut() {
        match frame {
            Frame::Array(array, index, items) => match items.next() {
                Some(child) => {
                    let (mut array, i) = (*array, *index);
                    *index += 1;
                    array.set(i, shallow(env, child, &mut stack)?)?;
                }
                None => {
                    stack.pop();
                }
            },
            Frame::Object(object, pairs) => match pairs.next() {
                Some((key, child)) => {
                    let mut object = *object;
                    let child = shallow(env, child, &mut stack)?;
                    if key == "__proto__" {
                        // An assignment would set the prototype; JSON.parse defines an own
                        // property, and so does this.
                        object.define_properties(&[Property::new().with_utf8_name(key)?.with_value(&child)])?;
                    } else {
                        let key = match keys.0.get(key.as_str()) {
                            Some(known) => *known,
                            None => {
                                let new = env.create_string(key)?;
                                keys.0.insert(key.clone(), new);
                                new
                            }
                        };
                        object.set_property(key, child)?;
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
fn shallow<'v, 'e>(env: &'e Env, v: &'v Value, stack: &mut Vec<Frame<'v, 'e>>) -> napi::Result<Unknown<'e>> {
    Ok(match v {
        Value::Null => Null.into_unknown(env)?,
        Value::Bool(b) => b.into_unknown(env)?,
        Value::Number(n) => n.into_unknown(env)?,
        Value::String(s) => s.as_str().into_unknown(env)?,
        Value::Array(items) => {
            let array = env.create_array(items.len() as u32)?;
            stack.push(Frame::Array(array, 0, items.iter()));
            array.to_unknown()
        }
        Value::Object(map) => {
            let object = Object::new(env)?;
            stack.push(Frame::Object(object, map.printed()));
            object.to_unknown()
        }
    })
}
