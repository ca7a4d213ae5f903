//! Go `encoding/json` into the typed model and back out (`json.Unmarshal` into
//! `AnipServiceDefinition`, then `json.Marshal`).
//!
//! Decoding follows Go's rules: object keys are visited in sorted order (the
//! definition was re-indented from a Go map), a key matches a field by exact name
//! or else case-insensitively (Go's `foldName`), unknown keys are ignored, `null`
//! leaves scalars and value structs unchanged and resets slices, maps and
//! pointers, and a type mismatch is remembered (the first one wins) while decoding
//! goes on with the field left as it was. The mismatch text is Go's
//! `UnmarshalTypeError`: `json: cannot unmarshal <kind> into Go struct field
//! <Struct>.<json.path> of type <type>`, where `<Struct>` is the innermost struct
//! and the path lists the JSON field names from the root (no indices, no map keys).
//!
//! Encoding applies `omitempty` and fills zero values, so the result is the
//! `map[string]any` upstream's `assertDefinition` validates again.
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::typed_model::{Struct, Ty, DEFINITION};
use crate::json::{format_go_float, Map, Value};

/// The typed decode of a definition.
pub(crate) struct Typed {
    /// The definition as the typed model re-encodes it.
    pub value: Value,
    /// The first type mismatch, in Go's words (without `decode service definition: `).
    pub error: Option<String>,
}

/// `json.Unmarshal` into `AnipServiceDefinition`, then `json.Marshal`.
pub(crate) fn decode_definition(def: &Value) -> Typed {
    let mut d = Decoder { first_error: None, context: Vec::new() };
    let top = Ty::Inline(&DEFINITION);
    let decoded = d.decode(&top, def, None);
    Typed { value: encode(&top, &decoded), error: d.first_error }
}

struct Decoder {
    first_error: Option<String>,
    /// `(struct name, JSON field name)` for every field being decoded, outermost first.
    context: Vec<(&'static str, &'static str)>,
}

fn json_kind(v: &Value) -> &'static str {
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
        Ty::Ptr(s) | Ty::Inline(s) => format!("generator.{}", s.name),
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
    }
}

impl Decoder {
    fn mismatch(&mut self, what: &str, ty: &Ty) {
        if self.first_error.is_some() {
            return;
        }
        let msg = match self.context.last() {
            None => format!("json: cannot unmarshal {what} into Go value of type {}", go_type(ty)),
            Some((struct_name, _)) => {
                let path: Vec<&str> = self.context.iter().map(|(_, field)| *field).collect();
                format!(
                    "json: cannot unmarshal {what} into Go struct field {struct_name}.{} of type {}",
                    path.join("."),
                    go_type(ty)
                )
            }
        };
        self.first_error = Some(msg);
    }

    /// Decodes `raw` into a field of type `ty` whose current value is `prev`.
    fn decode(&mut self, ty: &Ty, raw: &Value, prev: Option<&Value>) -> Value {
        let keep = |prev: Option<&Value>| prev.cloned().unwrap_or_else(|| zero(ty));
        if matches!(raw, Value::Null) {
            return match ty {
                Ty::Str | Ty::Bool | Ty::Int | Ty::Inline(_) => keep(prev),
                Ty::Any | Ty::Slice(_) | Ty::Map(_) | Ty::Ptr(_) => Value::Null,
            };
        }
        match (ty, raw) {
            (Ty::Any, v) => v.clone(),
            (Ty::Str, Value::String(s)) => Value::String(s.clone()),
            (Ty::Bool, Value::Bool(b)) => Value::Bool(*b),
            (Ty::Int, Value::Number(n)) => {
                // Go parses the literal text (as re-encoded from a float64) with ParseInt.
                let text = format_go_float(*n);
                match text.parse::<i64>() {
                    Ok(i) => Value::Number(i as f64),
                    Err(_) => {
                        self.mismatch(&format!("number {text}"), ty);
                        keep(prev)
                    }
                }
            }
            (Ty::Slice(elem), Value::Array(items)) => {
                Value::Array(items.iter().map(|item| self.decode(elem, item, None)).collect())
            }
            (Ty::Map(elem), Value::Object(m)) => {
                let mut out = match prev {
                    Some(Value::Object(existing)) => existing.clone(),
                    _ => Map::new(),
                };
                for (key, item) in m.sorted() {
                    let v = self.decode(elem, item, None);
                    out.insert(key.clone(), v);
                }
                Value::Object(out)
            }
            (Ty::Ptr(s) | Ty::Inline(s), Value::Object(m)) => self.decode_struct(s, m, prev),
            (_, other) => {
                self.mismatch(json_kind(other), ty);
                keep(prev)
            }
        }
    }

    fn decode_struct(&mut self, s: &'static Struct, m: &Map, prev: Option<&Value>) -> Value {
        let mut out = match prev {
            Some(Value::Object(existing)) => existing.clone(),
            _ => Map::new(),
        };
        for (key, item) in m.sorted() {
            let field = s
                .fields
                .iter()
                .find(|f| f.name == key.as_str())
                .or_else(|| s.fields.iter().find(|f| key_matches(key, f.name)));
            let Some(field) = field else { continue };
            self.context.push((s.name, field.name));
            let v = self.decode(&field.ty, item, out.get(field.name));
            self.context.pop();
            out.insert(field.name, v);
        }
        Value::Object(out)
    }
}

fn is_empty(ty: &Ty, v: &Value) -> bool {
    match (ty, v) {
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
fn encode(ty: &Ty, v: &Value) -> Value {
    match (ty, v) {
        (Ty::Slice(elem), Value::Array(items)) => Value::Array(items.iter().map(|i| encode(elem, i)).collect()),
        (Ty::Map(elem), Value::Object(m)) => {
            let mut out = Map::new();
            for (k, item) in m.sorted() {
                out.insert(k.clone(), encode(elem, item));
            }
            Value::Object(out)
        }
        (Ty::Ptr(s) | Ty::Inline(s), Value::Object(m)) => {
            let mut out = Map::record();
            for field in s.fields {
                let z;
                let value = match m.get(field.name) {
                    Some(v) => v,
                    None => {
                        z = zero(&field.ty);
                        &z
                    }
                };
                if field.omitempty && is_empty(&field.ty, value) {
                    continue;
                }
                out.insert(field.name, encode(&field.ty, value));
            }
            Value::Object(out)
        }
        (Ty::Inline(s), _) => encode(&Ty::Inline(s), &Value::Object(Map::new())),
        _ => v.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;

    fn v(s: &str) -> Value {
        parse(s.as_bytes()).expect("test JSON")
    }

    fn err(s: &str) -> Option<String> {
        decode_definition(&v(s)).error
    }

    #[test]
    fn type_mismatch_messages() {
        assert_eq!(
            err(r#"{"capability_formalizations":[{"inputs":[{"default_value":5}]}]}"#).as_deref(),
            Some("json: cannot unmarshal number into Go struct field CapabilityInputFormalization.capability_formalizations.inputs.default_value of type string")
        );
        assert_eq!(
            err(r#"{"identity":"x"}"#).as_deref(),
            Some("json: cannot unmarshal string into Go struct field AnipServiceDefinition.identity of type generator.ServiceIdentity")
        );
        assert_eq!(
            err(r#"{"capability_formalizations":[7]}"#).as_deref(),
            Some("json: cannot unmarshal number into Go struct field AnipServiceDefinition.capability_formalizations of type generator.CapabilityFormalization")
        );
        assert_eq!(
            err(r#"{"capability_formalizations":[{"inputs":[{"required":"yes"}]}]}"#).as_deref(),
            Some("json: cannot unmarshal string into Go struct field CapabilityInputFormalization.capability_formalizations.inputs.required of type bool")
        );
        assert_eq!(
            err(r#"{"capability_formalizations":[{"grant_policy":{"max_uses":1.5}}]}"#).as_deref(),
            Some("json: cannot unmarshal number 1.5 into Go struct field GrantPolicy.capability_formalizations.grant_policy.max_uses of type int")
        );
        assert_eq!(
            err(r#"{"capability_formalizations":[{"grant_policy":{"max_uses":1e21}}]}"#).as_deref(),
            Some("json: cannot unmarshal number 1e+21 into Go struct field GrantPolicy.capability_formalizations.grant_policy.max_uses of type int")
        );
        assert_eq!(
            err(r#"{"capability_formalizations":[{"composition":{"input_mapping":{"s":{"x":1}}}}]}"#).as_deref(),
            Some("json: cannot unmarshal number into Go struct field Composition.capability_formalizations.composition.input_mapping of type string")
        );
        assert_eq!(
            err(r#"{"capability_formalizations":[{"composition":{"output_mapping":[]}}]}"#).as_deref(),
            Some("json: cannot unmarshal array into Go struct field Composition.capability_formalizations.composition.output_mapping of type map[string]string")
        );
        assert_eq!(
            err(r#"{"generation":{"protocols":"https"}}"#).as_deref(),
            Some("json: cannot unmarshal string into Go struct field GenerationConfig.generation.protocols of type []string")
        );
        assert_eq!(
            err(r#"{"integration_fronting":{"capability_mappings":[{"outbound_controls":true}]}}"#).as_deref(),
            Some("json: cannot unmarshal bool into Go struct field IntegrationCapabilityMapping.integration_fronting.capability_mappings.outbound_controls of type map[string]interface {}")
        );
        assert_eq!(
            err("[]").as_deref(),
            Some("json: cannot unmarshal array into Go value of type generator.AnipServiceDefinition")
        );
    }

    #[test]
    fn first_mismatch_in_sorted_order_wins() {
        // "audit" sorts before "identity".
        assert_eq!(
            err(r#"{"identity":{"system_name":1},"audit":{"durable_records_required":"no"}}"#).as_deref(),
            Some("json: cannot unmarshal string into Go struct field AuditConfig.audit.durable_records_required of type bool")
        );
    }

    #[test]
    fn nulls_unknown_keys_and_any_are_accepted() {
        let t = decode_definition(&v(
            r#"{"identity":null,"extra":{"x":[1]},"capability_formalizations":[{"inputs":[{"default_value":null,"required":null}],
               "composition":{"empty_result_output":{"a":[1,{"b":null}]}}}],"service_topology_bindings":null}"#,
        ));
        assert_eq!(t.error, None);
    }

    #[test]
    fn case_insensitive_keys_and_reencoding() {
        let t = decode_definition(&v(
            r#"{"Artifact_Type":"x","capability_formalizations":[{"CAPABILITY_ID":" a.b ","Inputs":[{"name":"q","input_name":"p","required":true}],
               "grant_policy":{"max_uses":2,"expires_in_seconds":60}}],"ſervice_topology_bindings":[{"ſervice_id":"s"}],"extra":1}"#,
        ));
        assert_eq!(t.error, None);
        let m = t.value.as_object().unwrap();
        assert_eq!(m.get("artifact_type"), Some(&Value::from("x")));
        assert!(m.get("extra").is_none());
        let cap = &m.get("capability_formalizations").unwrap().as_array().unwrap()[0];
        assert_eq!(cap.get("capability_id"), Some(&Value::from(" a.b ")));
        // omitempty: absent `kind`; always present: `title` (""), `inputs`.
        assert!(cap.get("kind").is_none());
        assert_eq!(cap.get("title"), Some(&Value::from("")));
        let input = &cap.get("inputs").unwrap().as_array().unwrap()[0];
        // `name` is not in the typed model; `default_value` is always present.
        assert!(input.get("name").is_none());
        assert_eq!(input.get("input_name"), Some(&Value::from("p")));
        assert_eq!(input.get("default_value"), Some(&Value::from("")));
        assert_eq!(cap.get("grant_policy").unwrap().get("max_uses"), Some(&Value::Number(2.0)));
        let svc = &m.get("service_topology_bindings").unwrap().as_array().unwrap()[0];
        assert_eq!(svc.get("service_id"), Some(&Value::from("s")));
    }

    #[test]
    fn later_fold_duplicates_override_and_null_resets_slices() {
        // Sorted order: "IDENTITY" < "identity"; "Protocols" < "protocols".
        let t =
            decode_definition(&v(r#"{"IDENTITY":{"system_name":"a","domain_name":"d"},"identity":{"system_name":"b"},
            "generation":{"Protocols":["x"],"protocols":null}}"#));
        let m = t.value.as_object().unwrap();
        let identity = m.get("identity").unwrap();
        // Pointer structs are decoded into the existing value (merged).
        assert_eq!(identity.get("system_name"), Some(&Value::from("b")));
        assert_eq!(identity.get("domain_name"), Some(&Value::from("d")));
        assert!(m.get("generation").unwrap().get("protocols").is_none());
    }
}
