//! The JSON value tree. Values can be 10,000 levels deep (Go's limit), so nothing
//! here recurses on the input's depth: `Drop`, `Clone`, `PartialEq` and `Debug` are
//! written with explicit stacks (a derived one would overflow a WASM or thread stack);
//! `Debug` (compact JSON text) lives with the printers in `pretty`.
use alloc::string::String;
use alloc::vec::Vec;

/// A JSON value with Go `interface{}` semantics: every number is an `f64`.
///
/// Move containers out with [`Value::into_object`] / [`Value::into_array`] (a type
/// with a custom `Drop` cannot be destructured by value).
#[derive(Default)]
pub enum Value {
    #[default]
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Value>),
    Object(Map),
}

/// Whether dropping or copying `v` has to descend further.
fn has_children(v: &Value) -> bool {
    match v {
        Value::Array(a) => !a.is_empty(),
        Value::Object(m) => !m.is_empty(),
        _ => false,
    }
}

impl Drop for Value {
    /// Dismantles nested containers from a heap stack, so the compiler's drop glue
    /// only ever sees containers whose children are already gone.
    fn drop(&mut self) {
        if !has_children(self) {
            return;
        }
        let mut stack: Vec<Value> = Vec::new();
        let take_children = |v: &mut Value, stack: &mut Vec<Value>| match v {
            Value::Array(items) => stack.extend(items.drain(..).filter(has_children)),
            Value::Object(m) => stack.extend(m.entries.drain(..).map(|(_, v)| v).filter(has_children)),
            _ => {}
        };
        take_children(self, &mut stack);
        while let Some(mut v) = stack.pop() {
            take_children(&mut v, &mut stack);
        }
    }
}

/// A container being copied by [`Value::clone`]: the source and the copy so far.
enum CloneFrame<'a> {
    Array(core::slice::Iter<'a, Value>, Vec<Value>),
    Object(core::slice::Iter<'a, (String, Value)>, Map, Option<&'a String>),
}

impl Clone for Value {
    fn clone(&self) -> Self {
        let mut stack: Vec<CloneFrame<'_>> = Vec::new();
        let mut next: &Value = self;
        loop {
            // Scalars and empty containers are copied at once; others open a frame.
            let mut done = match next {
                Value::Array(items) if !items.is_empty() => {
                    stack.push(CloneFrame::Array(items.iter(), Vec::with_capacity(items.len())));
                    None
                }
                Value::Object(m) if !m.is_empty() => {
                    let copy = Map { entries: Vec::with_capacity(m.len()), record: m.record };
                    stack.push(CloneFrame::Object(m.entries.iter(), copy, None));
                    None
                }
                Value::Null => Some(Value::Null),
                Value::Bool(b) => Some(Value::Bool(*b)),
                Value::Number(n) => Some(Value::Number(*n)),
                Value::String(s) => Some(Value::String(s.clone())),
                Value::Array(_) => Some(Value::Array(Vec::new())),
                Value::Object(m) => Some(Value::Object(Map { entries: Vec::new(), record: m.record })),
            };
            // Hand finished copies to their parents until a parent has another child.
            loop {
                let Some(frame) = stack.last_mut() else {
                    return done.unwrap_or_default();
                };
                match frame {
                    CloneFrame::Array(src, out) => {
                        out.extend(done.take());
                        if let Some(child) = src.next() {
                            next = child;
                            break;
                        }
                        done = Some(Value::Array(core::mem::take(out)));
                    }
                    CloneFrame::Object(src, out, key) => {
                        if let (Some(v), Some(k)) = (done.take(), key.take()) {
                            out.entries.push((k.clone(), v));
                        }
                        if let Some((k, child)) = src.next() {
                            *key = Some(k);
                            next = child;
                            break;
                        }
                        done = Some(Value::Object(core::mem::take(out)));
                    }
                }
                stack.pop();
            }
        }
    }
}

impl PartialEq for Value {
    fn eq(&self, other: &Self) -> bool {
        // Pairs still to compare; containers push their children.
        let mut stack: Vec<(&Value, &Value)> = alloc::vec![(self, other)];
        while let Some(pair) = stack.pop() {
            match pair {
                (Value::Null, Value::Null) => {}
                (Value::Bool(a), Value::Bool(b)) if a == b => {}
                (Value::Number(a), Value::Number(b)) if a == b => {}
                (Value::String(a), Value::String(b)) if a == b => {}
                (Value::Array(a), Value::Array(b)) if a.len() == b.len() => stack.extend(a.iter().zip(b.iter())),
                (Value::Object(a), Value::Object(b)) if a.record == b.record && a.len() == b.len() => {
                    for ((ka, va), (kb, vb)) in a.entries.iter().zip(b.entries.iter()) {
                        if ka != kb {
                            return false;
                        }
                        stack.push((va, vb));
                    }
                }
                _ => return false,
            }
        }
        true
    }
}

/// A JSON object with unique keys.
///
/// Parsed objects are kept sorted by key bytes (Go map order). Objects built in code
/// as [`Map::record`] keep insertion order when pretty-printed, like a Go struct;
/// canonical encodings always sort.
#[derive(Clone, Default, PartialEq)]
pub struct Map {
    entries: Vec<(String, Value)>,
    record: bool,
}

/// The empty object, for lookups that fall back to one without allocating.
pub(crate) static EMPTY_MAP: Map = Map::new();

impl Map {
    /// An object printed in key order (a Go map).
    pub const fn new() -> Self {
        Map { entries: Vec::new(), record: false }
    }

    /// An object printed in insertion order (a Go struct).
    pub fn record() -> Self {
        Map { entries: Vec::new(), record: true }
    }

    pub(crate) fn from_sorted_unique(entries: Vec<(String, Value)>) -> Self {
        Map { entries, record: false }
    }

    pub fn is_record(&self) -> bool {
        self.record
    }

    /// From now on printed in key order, like a Go map.
    pub fn set_go_map(&mut self) {
        self.record = false;
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.entries.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Sets `key`, replacing an existing value in place (the key is copied only when new).
    pub fn insert(&mut self, key: impl Into<String> + AsRef<str>, value: Value) {
        match self.get_mut(key.as_ref()) {
            Some(slot) => *slot = value,
            None => self.entries.push((key.into(), value)),
        }
    }

    /// Builder form of [`Map::insert`].
    pub fn with(mut self, key: impl Into<String> + AsRef<str>, value: impl Into<Value>) -> Self {
        self.insert(key, value.into());
        self
    }

    pub fn remove(&mut self, key: &str) -> Option<Value> {
        self.remove_entry(key).map(|(_, v)| v)
    }

    /// Removes `key`, handing back the stored key with its value.
    pub(crate) fn remove_entry(&mut self, key: &str) -> Option<(String, Value)> {
        let at = self.entries.iter().position(|(k, _)| k == key)?;
        Some(self.entries.remove(at))
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    /// [`Map::iter`] as [`Entries`], for the walks and printers that hold it. (`iter`
    /// itself stays a plain iterator: as `Entries` everywhere it grew the verify-only
    /// WASM module past its size budget.)
    pub fn stored(&self) -> Entries<'_> {
        Entries::Stored(self.entries.iter())
    }

    pub fn values_mut(&mut self) -> impl DoubleEndedIterator<Item = &mut Value> {
        self.entries.iter_mut().map(|(_, v)| v)
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.entries.iter().map(|(k, _)| k)
    }

    /// Entries in the order the printers write them (insertion order for a record, key
    /// bytes for a Go map): `to_compact`, `to_pretty` and every host's native values.
    pub fn printed(&self) -> Entries<'_> {
        if self.record {
            self.stored()
        } else {
            self.sorted()
        }
    }

    /// The entries, moved out, sorted by key bytes.
    pub(crate) fn into_sorted(self) -> Vec<(String, Value)> {
        let mut entries = self.entries;
        sort_by_key_bytes(&mut entries);
        entries
    }

    /// Entries sorted by key bytes (Go map iteration as printed by `encoding/json`).
    /// Parsed maps are stored sorted already: those are borrowed, not copied.
    pub fn sorted(&self) -> Entries<'_> {
        if self.entries.windows(2).all(|w| w[0].0.as_bytes() <= w[1].0.as_bytes()) {
            return self.stored();
        }
        let mut v: Vec<_> = self.iter().collect();
        crate::sort::sort_by(&mut v, |a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        Entries::listed(v)
    }
}

/// Sorts entries by key bytes, equal keys in their given order.
pub(crate) fn sort_by_key_bytes(entries: &mut [(String, Value)]) {
    crate::sort::sort_by(entries, |a, b| a.0.cmp(&b.0));
}

/// A map's entries in some order ([`Map::stored`], [`Map::sorted`], [`Map::printed`]).
pub enum Entries<'a> {
    Stored(core::slice::Iter<'a, (String, Value)>),
    Listed(alloc::vec::IntoIter<(&'a String, &'a Value)>),
}

impl<'a> Entries<'a> {
    /// Entries in an order of the caller's, e.g. canonical JSON's UTF-16 key order.
    pub fn listed(entries: Vec<(&'a String, &'a Value)>) -> Self {
        Entries::Listed(entries.into_iter())
    }
}

impl<'a> Iterator for Entries<'a> {
    type Item = (&'a String, &'a Value);

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Entries::Stored(entries) => entries.next().map(|(k, v)| (k, v)),
            Entries::Listed(entries) => entries.next(),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match self {
            Entries::Stored(entries) => entries.size_hint(),
            Entries::Listed(entries) => entries.size_hint(),
        }
    }
}

impl ExactSizeIterator for Entries<'_> {}

impl Value {
    /// Moves the value out, leaving `Null`.
    pub fn take(&mut self) -> Value {
        core::mem::take(self)
    }
    /// The object, or the value itself when it is not one.
    pub fn into_object(mut self) -> Result<Map, Value> {
        match &mut self {
            Value::Object(m) => Ok(core::mem::take(m)),
            _ => Err(self),
        }
    }
    /// The array, or the value itself when it is not one.
    pub fn into_array(mut self) -> Result<Vec<Value>, Value> {
        match &mut self {
            Value::Array(a) => Ok(core::mem::take(a)),
            _ => Err(self),
        }
    }
    /// The string, or the value itself when it is not one.
    pub fn into_string(mut self) -> Result<String, Value> {
        match &mut self {
            Value::String(s) => Ok(core::mem::take(s)),
            _ => Err(self),
        }
    }
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }
    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }
    /// Member lookup that is `None` for non-objects.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object().and_then(|m| m.get(key))
    }
    /// The string at `key`, or "" (Go's zero value for a missing or mistyped field).
    pub fn str_at(&self, key: &str) -> &str {
        self.get(key).and_then(Value::as_str).unwrap_or("")
    }
    /// Go `len(x) == 0` for the value as decoded into `any`: null, "", [] and {} are empty.
    pub fn is_empty_value(&self) -> bool {
        match self {
            Value::Null => true,
            Value::String(s) => s.is_empty(),
            Value::Array(a) => a.is_empty(),
            Value::Object(m) => m.is_empty(),
            _ => false,
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(s.into())
    }
}
impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::String(s)
    }
}
impl From<&String> for Value {
    fn from(s: &String) -> Self {
        Value::String(s.clone())
    }
}
impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}
impl From<f64> for Value {
    fn from(n: f64) -> Self {
        Value::Number(n)
    }
}
impl From<u64> for Value {
    fn from(n: u64) -> Self {
        Value::Number(n as f64)
    }
}
impl From<usize> for Value {
    fn from(n: usize) -> Self {
        Value::Number(n as f64)
    }
}
impl From<i64> for Value {
    fn from(n: i64) -> Self {
        Value::Number(n as f64)
    }
}
impl From<Map> for Value {
    fn from(m: Map) -> Self {
        Value::Object(m)
    }
}
impl From<Vec<Value>> for Value {
    fn from(a: Vec<Value>) -> Self {
        Value::Array(a)
    }
}
