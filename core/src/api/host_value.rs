//! A host language's value (a Python object, a JS value) as the core's JSON value,
//! built without recursion: the bindings say what one node is ([`HostValue::shape`]),
//! this walk does the rest with an explicit stack, bounded by the `json_depth` budget,
//! so a deeply nested or self-containing host value is refused (`JSON_TOO_DEEP`)
//! instead of exhausting the host's stack.
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::budgets::Budget;
use crate::diag::Error;
use crate::json::{Map, Value};

/// One node of a host value: a scalar, or a container with its children.
pub enum Shape<V> {
    Scalar(Value),
    List(Vec<V>),
    Map(Vec<(String, V)>),
}

/// A host value the walk can take apart; `E` is the host's own error (a wrong type).
pub trait HostValue: Sized {
    type Error: From<Error>;
    fn shape(&self, what: &str) -> Result<Shape<Self>, Self::Error>;
}

enum Frame<V> {
    List(Vec<Value>, alloc::vec::IntoIter<V>),
    Map(Map, alloc::vec::IntoIter<(String, V)>, Option<String>),
}

/// `root` as a JSON value; `what` names the argument in errors.
pub fn from_host<V: HostValue>(root: &V, what: &str) -> Result<Value, V::Error> {
    let max_depth = Budget::JsonDepth.get();
    let mut stack: Vec<Frame<V>> = Vec::new();
    let mut done = push(root.shape(what)?, &mut stack);
    loop {
        if stack.len() > max_depth {
            return Err(Error::new("JSON_TOO_DEEP", format!("{what}: nesting deeper than {max_depth} levels")).into());
        }
        // Hand a finished child to its parent, or take the parent's next child.
        let next = match stack.last_mut() {
            None => return Ok(done.take().unwrap_or_default()),
            Some(Frame::List(items, rest)) => {
                if let Some(v) = done.take() {
                    items.push(v);
                }
                rest.next()
            }
            Some(Frame::Map(map, rest, key)) => {
                if let (Some(v), Some(k)) = (done.take(), key.take()) {
                    map.insert(k, v);
                }
                rest.next().map(|(k, child)| {
                    *key = Some(k);
                    child
                })
            }
        };
        done = match next {
            Some(child) => push(child.shape(what)?, &mut stack),
            None => Some(match stack.pop() {
                Some(Frame::List(items, _)) => Value::Array(items),
                Some(Frame::Map(map, _, _)) => Value::Object(map),
                None => Value::Null,
            }),
        };
    }
}

/// A scalar's value, or `None` after pushing a container's frame.
fn push<V>(shape: Shape<V>, stack: &mut Vec<Frame<V>>) -> Option<Value> {
    match shape {
        Shape::Scalar(v) => Some(v),
        Shape::List(items) => {
            stack.push(Frame::List(Vec::with_capacity(items.len()), items.into_iter()));
            None
        }
        Shape::Map(pairs) => {
            stack.push(Frame::Map(Map::new(), pairs.into_iter(), None));
            None
        }
    }
}
