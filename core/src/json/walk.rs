//! Depth-first walks over a [`Value`] with an explicit stack, for code that has to
//! look at every nested value (effect checks, lint, key stripping): values may be
//! 10,000 levels deep, deeper than any thread or WASM stack allows to recurse.
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::value::{Entries, Value};

/// One step from a container to a child: a member key or an array index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// What the walk does after visiting a value.
pub enum Visit<E> {
    /// Visit the value's children (nothing for a scalar).
    Descend,
    /// Do not look inside this value.
    Skip,
    /// End the walk with this result.
    Stop(E),
}

/// In which order object members are visited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// By key bytes (Go map order as `encoding/json` prints it).
    Sorted,
    /// As stored (source order for parsed maps, insertion order for records).
    Stored,
}

enum Children<'a> {
    Array(core::iter::Enumerate<core::slice::Iter<'a, Value>>),
    Object(Entries<'a>),
}

fn children(v: &Value, order: Order) -> Option<Children<'_>> {
    match v {
        Value::Array(items) if !items.is_empty() => Some(Children::Array(items.iter().enumerate())),
        Value::Object(m) if !m.is_empty() => {
            Some(Children::Object(match order {
                Order::Sorted => m.sorted(),
                Order::Stored => m.stored(),
            }))
        }
        _ => None,
    }
}

/// Visits `root` and then, pre-order, every value below it. `visit` gets the path
/// from the root (empty for the root) and the value.
pub fn walk<'a, E>(
    root: &'a Value,
    order: Order,
    mut visit: impl FnMut(&[Step<'a>], &'a Value) -> Visit<E>,
) -> Result<(), E> {
    let mut path: Vec<Step<'a>> = Vec::new();
    let mut open: Vec<Children<'a>> = Vec::new();
    match visit(&path, root) {
        Visit::Stop(e) => return Err(e),
        Visit::Skip => return Ok(()),
        Visit::Descend => open.extend(children(root, order)),
    }
    // `path[i]` leads to the container of `open[i + 1]`.
    while let Some(top) = open.last_mut() {
        let next = match top {
            Children::Array(items) => items.next().map(|(i, v)| (Step::Index(i), v)),
            Children::Object(members) => members.next().map(|(k, v)| (Step::Key(k.as_str()), v)),
        };
        let Some((step, child)) = next else {
            open.pop();
            path.pop();
            continue;
        };
        path.push(step);
        match visit(&path, child) {
            Visit::Stop(e) => return Err(e),
            Visit::Descend => {
                if let Some(c) = children(child, order) {
                    open.push(c);
                    continue;
                }
            }
            Visit::Skip => {}
        }
        path.pop();
    }
    Ok(())
}

/// `prefix` followed by the steps, Go-path style: `manifest.a.b[0].c`.
pub fn path_text(prefix: &str, steps: &[Step<'_>]) -> String {
    let mut out = String::from(prefix);
    for step in steps {
        match step {
            Step::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// Calls `edit` on `root` and then, pre-order, on every value below it (after
/// `edit` changed its parent). Tests use it to build variants of deep values.
#[cfg(test)]
pub fn edit_all(root: &mut Value, mut edit: impl FnMut(&mut Value)) {
    let mut stack: Vec<&mut Value> = alloc::vec![root];
    while let Some(v) = stack.pop() {
        edit(v);
        match v {
            Value::Array(items) => stack.extend(items.iter_mut().rev()),
            Value::Object(m) => stack.extend(m.values_mut().rev()),
            _ => {}
        }
    }
}

