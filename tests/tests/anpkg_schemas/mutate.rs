//! Mutations derived from the schema structure: for each instance location a schema
//! reaches, values that hit and miss each keyword there (types, required keys,
//! ranges, extra properties, enums, consts, patterns, …). Deterministic: schema maps
//! iterate in key order and nothing is random.
use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Map as JMap, Value as J};

#[derive(Clone, Debug)]
pub enum Step {
    Key(String),
    Index(usize),
}

#[derive(Clone, Debug)]
pub enum Op {
    Replace(J),
    Remove(String),
    Insert(String, J),
}

pub struct Mutation {
    pub category: &'static str,
    pub path: Vec<Step>,
    pub op: Op,
}

pub fn resolve<'a>(schema: &'a J, root: &'a J) -> &'a J {
    match schema.get("$ref").and_then(J::as_str).and_then(|r| r.strip_prefix("#/definitions/")) {
        Some(name) => &root["definitions"][name],
        None => schema,
    }
}

pub fn types_of(schema: &J) -> Vec<&str> {
    match schema.get("type") {
        Some(J::String(t)) => vec![t.as_str()],
        Some(J::Array(ts)) => ts.iter().filter_map(J::as_str).collect(),
        _ => Vec::new(),
    }
}

/// JSON Schema's type of a JSON value (an integral float is an `integer` in draft 7).
pub fn has_type(v: &J, t: &str) -> bool {
    match t {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "boolean" => v.is_boolean(),
        "null" => v.is_null(),
        "number" => v.is_number(),
        "integer" => v.is_i64() || v.is_u64() || v.as_f64().is_some_and(|f| f.fract() == 0.0),
        _ => false,
    }
}

pub fn type_palette() -> Vec<J> {
    vec![
        json!("s"),
        json!(""),
        json!(7),
        json!(-3),
        json!(7.0),
        json!(7.5),
        json!(true),
        json!(false),
        json!(null),
        json!([]),
        json!(["s"]),
        json!({}),
        json!({"k": "v"}),
    ]
}

/// Candidate strings for `pattern` (none ends with `\n`; see the module comment).
pub const PATTERN_PROBES: &[&str] = &[
    "",
    "a",
    "A",
    "abc",
    "a-b",
    "9lives",
    "-lead",
    "Bad-Name",
    "under_score",
    "sp ace",
    "ü",
    "a/b",
    "a/b/c",
    "a//b",
    "/a/b",
    "a/b/",
    "a/b/c/d",
    "a\nb",
    "\nab",
    "x/y\nz",
];

/// A value of `schema`'s shape: required properties only, or (`full`) every property
/// that a `false` schema does not forbid. Used to add absent properties and to build
/// one rich base document per schema.
pub fn sample(schema: &J, root: &J, full: bool, depth: usize) -> Option<J> {
    let schema = resolve(schema, root);
    if depth > 12 {
        return Some(json!("deep"));
    }
    match schema {
        J::Bool(false) => return None,
        J::Bool(true) => return Some(json!("x")),
        _ => {}
    }
    if let Some(c) = schema.get("const") {
        return Some(c.clone());
    }
    if let Some(first) = schema.get("enum").and_then(J::as_array).and_then(|e| e.first()) {
        return Some(first.clone());
    }
    let types = types_of(schema);
    if types.is_empty() {
        for combinator in ["oneOf", "anyOf"] {
            if let Some(first) = schema.get(combinator).and_then(J::as_array).and_then(|b| b.first()) {
                return sample(first, root, full, depth + 1);
            }
        }
    }
    Some(match types.first().copied() {
        Some("object") => {
            let mut m = JMap::new();
            let required: BTreeSet<&str> =
                schema.get("required").and_then(J::as_array).into_iter().flatten().filter_map(J::as_str).collect();
            if let Some(J::Object(props)) = schema.get("properties") {
                for (name, sub) in props {
                    if full || required.contains(name.as_str()) {
                        if let Some(v) = sample(sub, root, full, depth + 1) {
                            m.insert(name.clone(), v);
                        }
                    }
                }
            }
            let wants_extra = full || schema.get("minProperties").and_then(J::as_u64).is_some_and(|n| n > 0);
            if let Some(extra @ J::Object(_)) = schema.get("additionalProperties") {
                if wants_extra {
                    if let Some(v) = sample(extra, root, full, depth + 1) {
                        m.insert("extra_1".into(), v);
                    }
                }
            }
            J::Object(m)
        }
        Some("array") => {
            let min = schema.get("minItems").and_then(J::as_u64).unwrap_or(0);
            match schema.get("items") {
                Some(items) if full || min > 0 => J::Array(sample(items, root, full, depth + 1).into_iter().collect()),
                _ => json!([]),
            }
        }
        Some("string") => match schema.get("pattern").and_then(J::as_str) {
            Some(p) => json!(PATTERN_PROBES.iter().find(|s| matches_pattern(p, s)).copied().unwrap_or("x")),
            None => json!("x"),
        },
        Some("integer") => json!(schema.get("minimum").and_then(J::as_i64).unwrap_or(1)),
        Some("number") => json!(schema.get("minimum").and_then(J::as_f64).unwrap_or(0.5)),
        Some("boolean") => json!(true),
        Some("null") => J::Null,
        _ => json!("x"),
    })
}

/// Whether `s` matches `pattern`, decided by the crate (used only to pick sample
/// strings; verdicts are compared separately).
pub fn matches_pattern(pattern: &str, s: &str) -> bool {
    thread_local! {
        static SEEN: std::cell::RefCell<BTreeMap<(String, String), bool>> = const { std::cell::RefCell::new(BTreeMap::new()) };
    }
    SEEN.with(|seen| {
        *seen.borrow_mut().entry((pattern.to_string(), s.to_string())).or_insert_with(|| {
            jsonschema::draft7::new(&json!({"pattern": pattern})).map(|v| v.is_valid(&json!(s))).unwrap_or(false)
        })
    })
}

pub fn number_probes(bound: &J) -> Vec<J> {
    let mut out = Vec::new();
    if let Some(i) = bound.as_i64() {
        for d in [-1i64, 0, 1] {
            if let Some(n) = i.checked_add(d) {
                out.push(json!(n));
            }
        }
        out.push(json!(i as f64));
        out.push(json!(i as f64 - 0.5));
        out.push(json!(i as f64 + 0.5));
    } else if let Some(f) = bound.as_f64() {
        out.extend([json!(f), json!(f - 1.0), json!(f + 1.0)]);
    }
    out.extend([json!(i64::MIN), json!(i64::MAX), json!(u64::MAX), json!(-1e300), json!(1e300), json!(-0.0)]);
    out
}

/// Mutations of `inst` (at `path`) suggested by `schema`, recursing through the
/// keywords that reach deeper instance locations or constrain the same one.
pub fn mutations(inst: &J, schema: &J, root: &J, path: &[Step], depth: usize, out: &mut Vec<Mutation>) {
    if depth > 24 {
        return;
    }
    let schema = resolve(schema, root);
    let J::Object(s) = schema else { return };
    let mut push = |category: &'static str, op: Op| out.push(Mutation { category, path: path.to_vec(), op });

    let types = types_of(schema);
    if !types.is_empty() {
        for p in type_palette() {
            if !types.iter().any(|t| has_type(&p, t)) {
                push("wrong-type", Op::Replace(p));
            }
        }
        if types.iter().any(|t| *t == "integer" || *t == "number") {
            push("bool-for-number", Op::Replace(json!(true)));
            push("bool-for-number", Op::Replace(json!(false)));
            if let Some(i) = inst.as_i64() {
                push("int-as-float", Op::Replace(json!(i as f64)));
            }
        }
        if types.contains(&"boolean") {
            push("number-for-bool", Op::Replace(json!(1)));
            push("number-for-bool", Op::Replace(json!(0)));
        }
    }
    if let Some(J::Array(options)) = s.get("enum") {
        for o in options {
            push("enum-hit", Op::Replace(o.clone()));
            if let Some(text) = o.as_str() {
                push("enum-miss", Op::Replace(json!(format!("{text}x"))));
                let flipped = if text.chars().any(|c| c.is_ascii_lowercase()) {
                    text.to_ascii_uppercase()
                } else {
                    text.to_ascii_lowercase()
                };
                push("enum-miss", Op::Replace(json!(flipped)));
            }
        }
    }
    if let Some(c) = s.get("const") {
        push("const-hit", Op::Replace(c.clone()));
        match c {
            J::Bool(b) => {
                push("const-miss", Op::Replace(json!(!b)));
                push("const-bool-vs-int", Op::Replace(json!(i64::from(*b))));
                push("const-bool-vs-int", Op::Replace(json!(if *b { 1.0 } else { 0.0 })));
            }
            J::Number(n) => {
                if let Some(i) = n.as_i64() {
                    push("const-miss", Op::Replace(json!(i + 1)));
                    push("const-int-vs-float", Op::Replace(json!(i as f64)));
                    push("const-bool-vs-int", Op::Replace(json!(i == 1)));
                }
            }
            J::String(text) => {
                push("const-miss", Op::Replace(json!(format!("{text}x"))));
                push("const-miss", Op::Replace(json!([text])));
            }
            _ => {}
        }
    }
    for bound in ["minimum", "maximum"] {
        if let Some(b) = s.get(bound) {
            for p in number_probes(b) {
                push("range", Op::Replace(p));
            }
        }
    }
    if let Some(n) = s.get("minLength").and_then(J::as_u64) {
        push("min-length", Op::Replace(json!("")));
        push("min-length", Op::Replace(json!("ab".repeat(n as usize))));
    }
    if let Some(p) = s.get("pattern").and_then(J::as_str) {
        for probe in PATTERN_PROBES {
            debug_assert!(!probe.ends_with('\n'));
            push(if matches_pattern(p, probe) { "pattern-hit" } else { "pattern-miss" }, Op::Replace(json!(probe)));
        }
    }
    if s.get("minItems").is_some() {
        push("min-items", Op::Replace(json!([])));
    }
    if s.get("minProperties").is_some() {
        push("min-properties", Op::Replace(json!({})));
    }
    if let J::Array(items) = inst {
        if s.get("uniqueItems") == Some(&json!(true)) {
            if let Some(first) = items.first() {
                let mut dup = items.clone();
                dup.push(first.clone());
                push("unique-items", Op::Replace(J::Array(dup)));
            }
        }
        if let Some(c) = s.get("contains") {
            if let Some(hit) = sample(c, root, false, 0) {
                let mut with = items.clone();
                with.push(hit);
                push("contains-hit", Op::Replace(J::Array(with)));
            }
        }
        if let Some(item_schema) = s.get("items") {
            if items.is_empty() {
                if let Some(v) = sample(item_schema, root, true, 0) {
                    push("add-item", Op::Replace(json!([v])));
                }
            }
        }
    }
    if let J::Object(obj) = inst {
        if let Some(J::Array(required)) = s.get("required") {
            for name in required.iter().filter_map(J::as_str) {
                if obj.contains_key(name) {
                    push("missing-required", Op::Remove(name.to_string()));
                }
            }
        }
        let props = s.get("properties").and_then(J::as_object);
        for (name, sub) in props.into_iter().flatten() {
            if !obj.contains_key(name) {
                match sample(sub, root, false, 0) {
                    Some(v) => push("add-optional", Op::Insert(name.clone(), v)),
                    None => push("false-schema", Op::Insert(name.clone(), json!("x"))),
                }
                if let Some(v) = sample(sub, root, true, 0) {
                    push("add-optional", Op::Insert(name.clone(), v));
                }
            }
        }
        match s.get("additionalProperties") {
            Some(J::Bool(false)) => {
                push("extra-property", Op::Insert("zz_extra".into(), json!(1)));
                push("extra-property", Op::Insert("zz extra".into(), json!("x")));
            }
            Some(extra @ J::Object(_)) => {
                if let Some(v) = sample(extra, root, false, 0) {
                    push("extra-property", Op::Insert("zz_extra".into(), v));
                }
                push("extra-property", Op::Insert("zz_extra".into(), json!(42)));
            }
            _ => {}
        }
        if let Some(names) = s.get("propertyNames") {
            let value = s.get("additionalProperties").and_then(|a| sample(a, root, false, 0)).unwrap_or(json!("x"));
            for key in ["bad key!", "ok_key-1", "a/b", ""] {
                let category = if jsonschema::draft7::new(names).is_ok_and(|v| v.is_valid(&json!(key))) {
                    "property-name-hit"
                } else {
                    "property-name-miss"
                };
                push(category, Op::Insert(key.into(), value.clone()));
            }
        }
    }

    // Same instance, other subschemas.
    for key in ["allOf", "anyOf", "oneOf"] {
        for branch in s.get(key).and_then(J::as_array).into_iter().flatten() {
            if key != "allOf" {
                if let Some(v) = sample(branch, root, false, 0) {
                    out.push(Mutation { category: "branch-sample", path: path.to_vec(), op: Op::Replace(v) });
                }
                if let Some(v) = sample(branch, root, true, 0) {
                    out.push(Mutation { category: "branch-sample", path: path.to_vec(), op: Op::Replace(v) });
                }
            }
            mutations(inst, branch, root, path, depth + 1, out);
        }
    }
    for key in ["if", "then", "else", "not"] {
        if let Some(sub) = s.get(key) {
            mutations(inst, sub, root, path, depth + 1, out);
        }
    }
    // Deeper instance locations.
    match inst {
        J::Object(obj) => {
            let props = s.get("properties").and_then(J::as_object);
            for (name, value) in obj {
                let sub = match props.and_then(|p| p.get(name)) {
                    Some(sub) => Some(sub),
                    None => s.get("additionalProperties").filter(|a| a.is_object()),
                };
                if let Some(sub) = sub {
                    let mut child = path.to_vec();
                    child.push(Step::Key(name.clone()));
                    mutations(value, sub, root, &child, depth + 1, out);
                }
            }
        }
        J::Array(items) => {
            if let Some(sub) = s.get("items").filter(|i| i.is_object()) {
                for (i, item) in items.iter().enumerate() {
                    let mut child = path.to_vec();
                    child.push(Step::Index(i));
                    mutations(item, sub, root, &child, depth + 1, out);
                }
            }
        }
        _ => {}
    }
}

pub fn apply(base: &J, m: &Mutation) -> Option<J> {
    let mut doc = base.clone();
    let mut at = &mut doc;
    for step in &m.path {
        at = match step {
            Step::Key(k) => at.get_mut(k.as_str())?,
            Step::Index(i) => at.get_mut(*i)?,
        };
    }
    match &m.op {
        Op::Replace(v) => *at = v.clone(),
        Op::Remove(k) => {
            at.as_object_mut()?.remove(k)?;
        }
        Op::Insert(k, v) => {
            at.as_object_mut()?.insert(k.clone(), v.clone());
        }
    }
    Some(doc)
}
