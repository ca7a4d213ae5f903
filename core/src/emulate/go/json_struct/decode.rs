//! Go `encoding/json` into a typed model and back out (`json.Unmarshal`, then
//! `json.Marshal`), for every struct upstream decodes: the service definition, the
//! package bundle, the consumer lock file, registry responses.
//!
//! Decoding reads the input bytes as Go does, after Go's syntax check of the whole
//! input: object keys are applied in **source order** (so of two keys that select
//! the same field, the later one wins, and the first type error among duplicates
//! is the one reported); a key matches a field by exact name or else
//! case-insensitively (Go's `foldName`); unknown keys are skipped without being
//! looked at; `null` leaves scalars and value structs unchanged and resets slices,
//! maps and pointers; a second value for a struct, map or slice-of-struct field is
//! decoded into the first (merged), as Go reuses the existing value. A type
//! mismatch is remembered (the first one wins) while decoding goes on with the
//! field left as it was. The text is Go's `UnmarshalTypeError`: `json: cannot
//! unmarshal <kind> into Go struct field <Struct>.<json.path> of type <type>`,
//! where `<Struct>` is the innermost struct and the path lists the JSON field names
//! from the root (no indices, no map keys); an out-of-range number inside an `any`
//! value is `number <text>` of type `float64` in the same context.
//!
//! Recursion follows the static struct model only; `any` values are built by the
//! iterative [`build_any`] and skipped values by [`Reader::skip_value`].
//!
//! Encoding applies `omitempty` and fills zero values, so the result is the
//! `map[string]any` upstream's `assertDefinition` validates again.
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::model::{Struct, Ty};
use crate::json::{build_any, checked_reader, go_map, to_canonical, Limits, Map, Mode, ParseError, Reader, Value};

/// A typed decode: the decoded value (known fields only, under their exact names)
/// and the first type mismatch, in Go's words.
pub(crate) struct Decoded {
    pub value: Value,
    pub error: Option<String>,
    /// The error is a number out of `float64` range (finding `JSON_NUMBER_OUT_OF_RANGE`).
    pub number_out_of_range: bool,
    /// The [`Ty::Deferred`] fields left out of `value`, for [`build_deferred`].
    pub deferred: Vec<DeferredField>,
}

/// A [`Ty::Deferred`] field that was checked but not built.
pub(crate) struct DeferredField {
    /// The JSON field names from the root.
    pub path: Vec<&'static str>,
    pub ty: &'static Ty,
    /// Where its value starts in the input.
    pub offset: usize,
}

/// `json.Unmarshal(bytes, &v)` with `v` of type `top`. Syntax errors (and limit
/// errors) come first, for the whole input, as Go's `checkValid` does.
pub(crate) fn decode_bytes(top: &Ty, bytes: &[u8], limits: &Limits) -> Result<Decoded, ParseError> {
    decode_from(top, checked_reader(bytes, limits)?, limits)
}

fn decode_from(top: &Ty, reader: Reader<'_>, limits: &Limits) -> Result<Decoded, ParseError> {
    let mut d = Decoder::new(reader, limits);
    let value = d.decode(top, None)?;
    Ok(Decoded { value, error: d.first_error, number_out_of_range: d.out_of_range, deferred: d.deferred })
}

/// The value of a deferred field of a [`decode_bytes`] of the same `bytes` and
/// `limits`, built as the decode would have built it. Its errors were reported by
/// that decode.
pub(crate) fn build_deferred(field: &DeferredField, bytes: &[u8], limits: &Limits) -> Value {
    Decoder::new(Reader::new(bytes, limits.max_string_bytes), limits).build_pending(field).unwrap_or(Value::Null)
}

/// `json.Marshal` of a decoded `map[string]any`, then `json.Unmarshal` into `top`:
/// how upstream turns a definition it holds as a map into its typed model. Keys
/// arrive sorted and unique, as Go's encoder writes them.
pub(crate) fn decode_value(top: &Ty, v: &Value) -> Decoded {
    decode_canonical(top, &to_canonical(v, Mode::Digest))
}

/// `json.Unmarshal` into `top` of digest-mode canonical text this crate wrote. That
/// text is valid JSON by construction and no deeper than the value it came from, so
/// Go's syntax check, which could not fail, is skipped.
pub(crate) fn decode_canonical(top: &Ty, bytes: &[u8]) -> Decoded {
    let limits = Limits { max_bytes: usize::MAX, max_string_bytes: usize::MAX, ..Limits::default() };
    match decode_from(top, Reader::new(bytes, limits.max_string_bytes), &limits) {
        Ok(decoded) => decoded,
        Err(e) => Decoded { value: zero(top), error: Some(e.to_string()), number_out_of_range: false, deferred: Vec::new() },
    }
}

struct Decoder<'a, 'l> {
    r: Reader<'a>,
    limits: &'l Limits,
    first_error: Option<String>,
    out_of_range: bool,
    /// `(struct name, JSON field name)` for every field being decoded, outermost first.
    context: Vec<(&'static str, &'static str)>,
    deferred: Vec<DeferredField>,
}

/// The JSON kind as Go's `UnmarshalTypeError` names it.
pub(crate) fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Go's `reflect.Type.String()` for a field type.
fn go_type(ty: &Ty) -> String {
    match ty {
        Ty::Str => "string".into(),
        Ty::Bool => "bool".into(),
        Ty::Int => "int".into(),
        Ty::Any => "interface {}".into(),
        Ty::Slice(t) => format!("[]{}", go_type(t)),
        Ty::Map(t) => format!("map[string]{}", go_type(t)),
        Ty::Ptr(s) | Ty::Inline(s) => String::from(s.qualified_name()),
        Ty::Deferred(t) => go_type(t),
    }
}

/// Go's `foldName` for one character, as far as it can equal an ASCII letter:
/// ASCII is upper-cased; `ſ`, `K` (Kelvin), `ı` and `İ` fold onto ASCII letters.
fn fold_char(c: char) -> char {
    match c {
        'ſ' => 'S',
        '\u{212A}' => 'K',
        'ı' | 'İ' => 'I',
        c => c.to_ascii_uppercase(),
    }
}

/// Whether JSON key `key` selects the field named `name` (ASCII lowercase).
pub(crate) fn key_matches(key: &str, name: &str) -> bool {
    key == name || key.chars().map(fold_char).eq(name.chars().map(|c| c.to_ascii_uppercase()))
}

fn zero(ty: &Ty) -> Value {
    match ty {
        Ty::Str => Value::String(String::new()),
        Ty::Bool => Value::Bool(false),
        Ty::Int => Value::Number(0.0),
        Ty::Any | Ty::Slice(_) | Ty::Map(_) | Ty::Ptr(_) => Value::Null,
        Ty::Inline(_) => Value::Object(Map::new()),
        Ty::Deferred(t) => zero(t),
    }
}

impl<'a, 'l> Decoder<'a, 'l> {
    fn new(r: Reader<'a>, limits: &'l Limits) -> Self {
        Decoder { r, limits, first_error: None, out_of_range: false, context: Vec::new(), deferred: Vec::new() }
    }

    fn path(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.context.iter().map(|(_, field)| *field)
    }

    /// The pending deferred field at the current path, if any, removed.
    fn take_deferred_here(&mut self) -> Option<DeferredField> {
        let at = self.deferred.iter().position(|d| d.path.iter().copied().eq(self.path()))?;
        Some(self.deferred.remove(at))
    }

    /// Builds a pending deferred field (also now, when its key appears again, so Go
    /// merges the second value into the first), the cursor left where it was.
    fn build_pending(&mut self, field: &DeferredField) -> Result<Value, ParseError> {
        let here = self.r.offset();
        self.r.seek(field.offset);
        let v = self.decode(field.ty, None);
        self.r.seek(here);
        v
    }
    fn mismatch(&mut self, what: &str, type_name: &str) {
        if self.first_error.is_some() {
            return;
        }
        let msg = match self.context.last() {
            None => format!("json: cannot unmarshal {what} into Go value of type {type_name}"),
            Some((struct_name, _)) => {
                let path: Vec<&str> = self.context.iter().map(|(_, field)| *field).collect();
                format!(
                    "json: cannot unmarshal {what} into Go struct field {struct_name}.{} of type {type_name}",
                    path.join(".")
                )
            }
        };
        self.first_error = Some(msg);
    }

    /// A number inside an `any` value that no `float64` holds (Go's `convertNumber`).
    fn out_of_float64_range(&mut self, text: String) {
        if self.first_error.is_none() {
            self.out_of_range = true;
        }
        self.mismatch(&format!("number {text}"), "float64");
    }

    /// A value of the wrong JSON kind for `ty`: remembered, skipped, field unchanged.
    fn wrong_kind(&mut self, kind: &str, ty: &Ty, prev: Option<Value>) -> Value {
        self.mismatch(kind, &go_type(ty));
        self.r.skip_value();
        prev.unwrap_or_else(|| zero(ty))
    }

    /// Decodes the value at the cursor into a field of type `ty` holding `prev`.
    fn decode(&mut self, ty: &Ty, prev: Option<Value>) -> Result<Value, ParseError> {
        Ok(match (self.r.peek(), ty) {
            (_, Ty::Deferred(t)) => self.decode(t, prev)?,
            (b'n', Ty::Str | Ty::Bool | Ty::Int | Ty::Inline(_)) => {
                self.r.literal();
                prev.unwrap_or_else(|| zero(ty))
            }
            (b'n', _) => {
                self.r.literal();
                let here: Vec<&'static str> = self.path().collect();
                self.deferred.retain(|d| !d.path.starts_with(&here));
                Value::Null
            }
            (b'{' | b'[', Ty::Any) => {
                let mut bad_number = None;
                let v = build_any(&mut self.r, self.limits, &mut bad_number)?;
                if let Some((text, _)) = bad_number {
                    self.out_of_float64_range(text);
                }
                v
            }
            (b'{', Ty::Map(elem)) => self.map(elem, prev)?,
            (b'{', Ty::Ptr(s) | Ty::Inline(s)) => self.structure(s, prev)?,
            (b'{', _) => self.wrong_kind("object", ty, prev),
            (b'[', Ty::Slice(elem)) => self.slice(elem, prev)?,
            (b'[', _) => self.wrong_kind("array", ty, prev),
            (b'"', Ty::Str | Ty::Any) => Value::String(self.r.string()?),
            (b'"', _) => self.wrong_kind("string", ty, prev),
            (b't' | b'f', Ty::Bool | Ty::Any) => Value::Bool(self.r.literal() == b't'),
            (b't' | b'f', _) => self.wrong_kind("bool", ty, prev),
            (_, Ty::Int) => {
                // Go parses the literal text with ParseInt: `1.0` and `1e2` are errors.
                let text = self.r.number();
                match text.parse::<i64>() {
                    Ok(i) => Value::Number(i as f64),
                    Err(_) => {
                        self.mismatch(&format!("number {text}"), "int");
                        prev.unwrap_or_else(|| zero(ty))
                    }
                }
            }
            (_, Ty::Any) => {
                let text = self.r.number();
                match text.parse::<f64>() {
                    Ok(x) if x.is_finite() => Value::Number(x),
                    _ => {
                        self.out_of_float64_range(String::from(text));
                        Value::Null
                    }
                }
            }
            (_, _) => self.wrong_kind("number", ty, prev),
        })
    }

    /// A `map[string]T`: elements are decoded fresh; an existing map is added to.
    fn map(&mut self, elem: &Ty, prev: Option<Value>) -> Result<Value, ParseError> {
        self.r.bump();
        let mut members = Vec::new();
        while let Some(key) = self.r.key()? {
            let v = self.decode(elem, None)?;
            members.push((key, v));
            if !self.r.more() {
                break;
            }
        }
        let decoded = go_map(members, self.limits, self.r.offset())?;
        Ok(Value::Object(match prev.map(Value::into_object) {
            Some(Ok(mut existing)) if !existing.is_empty() => {
                for (k, v) in decoded.iter() {
                    existing.insert(k.clone(), v.clone());
                }
                existing
            }
            _ => decoded,
        }))
    }

    /// A slice: element `i` is decoded into the existing element `i`, if any.
    fn slice(&mut self, elem: &Ty, prev: Option<Value>) -> Result<Value, ParseError> {
        self.r.bump();
        let mut old = prev.and_then(|v| v.into_array().ok()).unwrap_or_default();
        let mut items = Vec::new();
        if !self.r.empty_array() {
            loop {
                let existing = old.get_mut(items.len()).map(Value::take);
                items.push(self.decode(elem, existing)?);
                if !self.r.more() {
                    break;
                }
            }
        }
        Ok(Value::Array(items))
    }

    /// A struct: keys in source order, each decoded into the field it selects.
    fn structure(&mut self, s: &'static Struct, prev: Option<Value>) -> Result<Value, ParseError> {
        self.r.bump();
        let mut out = prev.and_then(|v| v.into_object().ok()).unwrap_or_default();
        while let Some(key) = self.r.key()? {
            let field = s
                .fields
                .iter()
                .find(|f| f.name == key.as_str())
                .or_else(|| s.fields.iter().find(|f| key_matches(&key, f.name)));
            match field {
                None => self.r.skip_value(),
                Some(field) => {
                    self.context.push((s.short_name(), field.name));
                    if let Some(pending) = self.take_deferred_here() {
                        let v = self.build_pending(&pending)?;
                        out.insert(field.name, v);
                    }
                    let existing = out.get_mut(field.name).map(Value::take);
                    match (field.ty, existing) {
                        (Ty::Deferred(ty @ Ty::Map(Ty::Any)), None | Some(Value::Null)) if self.r.peek() == b'{' => {
                            // Checked where it stands, reporting what building it would.
                            let offset = self.r.offset();
                            if let Some(text) = self.r.check_value()? {
                                self.out_of_float64_range(String::from(text));
                            }
                            self.deferred.push(DeferredField { path: self.path().collect(), ty, offset });
                            out.remove(field.name);
                        }
                        (ty, existing) => {
                            let v = self.decode(&ty, existing)?;
                            // The source's key is the field's name unless it matched by case folding.
                            if key == field.name {
                                out.insert(key, v);
                            } else {
                                out.insert(field.name, v);
                            }
                        }
                    }
                    self.context.pop();
                }
            }
            if !self.r.more() {
                break;
            }
        }
        Ok(Value::Object(out))
    }
}

fn is_empty(ty: &Ty, v: &Value) -> bool {
    match (ty, v) {
        (Ty::Deferred(t), _) => is_empty(t, v),
        (Ty::Inline(_), _) => false,
        (_, Value::Null) => true,
        (Ty::Str, Value::String(s)) => s.is_empty(),
        (Ty::Bool, Value::Bool(b)) => !*b,
        (Ty::Int, Value::Number(n)) => *n == 0.0,
        (Ty::Slice(_), Value::Array(a)) => a.is_empty(),
        (Ty::Map(_), Value::Object(m)) => m.is_empty(),
        _ => false,
    }
}

/// `json.Marshal` of a decoded value of type `ty`.
pub(crate) fn encode(ty: &Ty, v: Value) -> Value {
    match ty {
        Ty::Slice(elem) => match v.into_array() {
            Ok(items) => Value::Array(items.into_iter().map(|i| encode(elem, i)).collect()),
            Err(v) => v,
        },
        Ty::Map(elem) => match v.into_object() {
            Ok(m) => Value::Object(Map::from_sorted_unique(
                m.into_sorted().into_iter().map(|(k, item)| (k, encode(elem, item))).collect(),
            )),
            Err(v) => v,
        },
        Ty::Ptr(s) | Ty::Inline(s) => match v.into_object() {
            Ok(mut m) => {
                let mut out = Map::record();
                for field in s.fields {
                    let (name, value) = m
                        .remove_entry(field.name)
                        .unwrap_or_else(|| (String::from(field.name), zero(&field.ty)));
                    if field.omitempty && is_empty(&field.ty, &value) {
                        continue;
                    }
                    out.insert(name, encode(&field.ty, value));
                }
                Value::Object(out)
            }
            Err(_) if matches!(ty, Ty::Inline(_)) => encode(ty, Value::Object(Map::new())),
            Err(v) => v,
        },
        Ty::Deferred(t) => encode(t, v),
        _ => v,
    }
}

#[cfg(test)]
mod tests {
    use super::key_matches;

    #[test]
    fn keys_select_fields_as_go_folds_names() {
        assert!(key_matches("service_id", "service_id"));
        assert!(key_matches("Service_ID", "service_id"));
        // ſ and the Kelvin sign fold onto ASCII letters, so a longer key can match.
        assert!(key_matches("ſervice_id", "service_id"));
        assert!(key_matches("\u{212A}ey", "key"));
        assert!(key_matches("ıd", "id"));
        assert!(!key_matches("servic_id", "service_id"));
        assert!(!key_matches("service_id2", "service_id"));
        assert!(!key_matches("ſervice", "service_id"));
        assert!(!key_matches("sérvice_id", "service_id"));
    }
}
