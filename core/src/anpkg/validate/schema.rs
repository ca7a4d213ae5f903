//! JSON Schema draft-07 evaluation with Python `jsonschema` 4.26 semantics, over
//! PyYAML values (spec ANPKG-MP-2/4, ANPKG-VAL-P2..P4, §7.3).
//!
//! Why not a JSON Schema crate: the instances are Python objects, not JSON. Verdicts
//! and messages depend on Python's types and equality (`datetime.date` is no JSON type,
//! `1 == 1.0` but `True != 1`, non-string mapping keys skip `pattern`), the message text
//! is jsonschema's wording with Python `repr` of the instance, and the reported error
//! is the first after a stable sort by instance path, so ties follow jsonschema's
//! iteration order (schema keyword order, depth first). A generic crate would need a
//! lossy conversion to `serde_json` and a re-rendering layer larger than this
//! evaluator. The schemas themselves are ordinary draft-07 documents
//! (`anpkg/schemas/*.json`), written from the spec's constraint tables.
//!
//! Supported keywords: `type`, `enum`, `const`, `properties`, `required`,
//! `additionalProperties`, `propertyNames`, `minProperties`, `items` (single schema),
//! `minItems`, `uniqueItems`, `contains`, `minLength`, `pattern` (the closed set used
//! by the schemas), `minimum`, `maximum`, `allOf`, `anyOf`, `oneOf`, `not`,
//! `if`/`then`/`else`, local `$ref` (`#/definitions/<name>`, siblings ignored as in
//! draft 7), boolean schemas. Annotations (`title`, `default`, …) are ignored.
//!
//! Quirk kept on purpose: jsonschema 4.26 reports a `false` subschema reached through
//! `properties` at the *parent* path (`$.runtime: False schema does not allow 'AUTO'`).
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::cmp::Ordering;

use crate::emulate::python::repr::{repr, str_repr, to_str};
use crate::emulate::python::yaml::Value;

/// One element of an instance path: a mapping key (any Python key) or a list index.
#[derive(Clone, Debug)]
pub enum PathElem {
    Key(Value),
    Index(usize),
}

/// A schema violation: where (relative to the validated document) and jsonschema's
/// message.
#[derive(Clone, Debug)]
pub struct SchemaError {
    pub path: Vec<PathElem>,
    pub message: String,
}

impl SchemaError {
    /// `$` for the root, else `$.` + parts joined by `.` (`$.providers.0.args.1`).
    pub fn path_string(&self) -> String {
        let mut s = String::from("$");
        for p in &self.path {
            s.push('.');
            match p {
                PathElem::Key(k) => s.push_str(&to_str(k)),
                PathElem::Index(n) => s.push_str(&format!("{n}")),
            }
        }
        s
    }
}

/// Every error of `instance` against `schema`, sorted stably by instance path as
/// upstream does (the first one is what the validator reports).
pub fn validate(schema: &Value, instance: &Value) -> Vec<SchemaError> {
    let ev = Evaluator { root: schema, budget: core::cell::Cell::new(2_000_000) };
    let mut errors = Vec::new();
    ev.descend(instance, schema, &mut errors, 0);
    crate::sort::sort_by(&mut errors, |a, b| cmp_paths(&a.path, &b.path));
    errors
}

/// Python list ordering of paths: element by element, a prefix first.
fn cmp_paths(a: &[PathElem], b: &[PathElem]) -> Ordering {
    for (x, y) in a.iter().zip(b) {
        let o = cmp_elem(x, y);
        if o != Ordering::Equal {
            return o;
        }
    }
    a.len().cmp(&b.len())
}

fn cmp_elem(a: &PathElem, b: &PathElem) -> Ordering {
    match (a, b) {
        (PathElem::Index(x), PathElem::Index(y)) => x.cmp(y),
        (PathElem::Key(Value::Str(x)), PathElem::Key(Value::Str(y))) => cmp_code_points(x, y),
        (PathElem::Key(x), PathElem::Key(y)) => match (x.numeric(), y.numeric()) {
            (Some(p), Some(q)) => p.py_cmp(&q).unwrap_or(Ordering::Equal),
            // Python raises TypeError for mixed key types; keep a total order instead.
            _ => cmp_code_points(&to_str(x), &to_str(y)),
        },
        (PathElem::Index(_), PathElem::Key(_)) => Ordering::Less,
        (PathElem::Key(_), PathElem::Index(_)) => Ordering::Greater,
    }
}

fn cmp_code_points(a: &str, b: &str) -> Ordering {
    // UTF-8 byte order equals code-point order.
    a.as_bytes().cmp(b.as_bytes())
}

struct Evaluator<'s> {
    root: &'s Value,
    /// Work budget against pathological schema/instance combinations.
    budget: core::cell::Cell<u64>,
}

fn err(message: String) -> SchemaError {
    SchemaError { path: Vec::new(), message }
}

impl<'s> Evaluator<'s> {
    fn is_valid(&self, instance: &Value, schema: &Value, depth: usize) -> bool {
        let mut errors = Vec::new();
        self.descend(instance, schema, &mut errors, depth);
        errors.is_empty()
    }

    /// `validator.descend(instance, schema)`; the caller prefixes the path.
    fn descend(&self, instance: &Value, schema: &Value, out: &mut Vec<SchemaError>, depth: usize) {
        let left = self.budget.get();
        if left == 0 || depth > 256 {
            out.push(err(String::from("schema evaluation limit exceeded")));
            return;
        }
        self.budget.set(left - 1);
        let map = match schema {
            Value::Bool(true) => return,
            Value::Bool(false) => {
                out.push(err(format!("False schema does not allow {}", repr(instance))));
                return;
            }
            Value::Map(m) => m,
            _ => return,
        };
        if let Some(Value::Str(r)) = map.get_str("$ref") {
            match self.resolve_ref(r) {
                Some(target) => self.descend(instance, target, out, depth + 1),
                None => out.push(err(format!("unresolvable reference {r:?}"))),
            }
            return;
        }
        for (k, v) in map.iter() {
            let Value::Str(keyword) = k else { continue };
            self.keyword(keyword, v, instance, map, out, depth);
        }
    }

    /// `uniqueItems` without comparing every pair: strings are sorted once (a string
    /// equals only a string), other scalars go through a Python-equality index (`bool`
    /// apart, as it never equals a number here); only collections are compared pairwise,
    /// and those comparisons are charged to the work budget (`None`: over budget).
    fn has_duplicates(&self, items: &[Value]) -> Option<bool> {
        let mut strings: Vec<&str> = Vec::new();
        let mut scalars = crate::emulate::python::yaml::Map::new();
        let mut bools = [false; 2];
        let mut collections: Vec<&Value> = Vec::new();
        for item in items {
            match item {
                Value::Str(s) => strings.push(s),
                Value::Bool(b) => {
                    if core::mem::replace(&mut bools[usize::from(*b)], true) {
                        return Some(true);
                    }
                }
                Value::Seq(_) | Value::Tuple(_) | Value::Map(_) | Value::Set(_) => collections.push(item),
                _ => {
                    // A Python-equal key already there: the map does not grow.
                    let before = scalars.len();
                    scalars.insert(item.clone(), Value::Null);
                    if scalars.len() == before {
                        return Some(true);
                    }
                }
            }
        }
        if super::tree::repeats(&strings, &super::tree::order(&strings)).contains(&true) {
            return Some(true);
        }
        let n = collections.len() as u64;
        let pairs = n.saturating_mul(n.saturating_sub(1)) / 2;
        let left = self.budget.get().checked_sub(pairs)?;
        self.budget.set(left);
        Some(collections.iter().enumerate().any(|(i, a)| collections[i + 1..].iter().any(|b| json_equal(a, b))))
    }

    fn resolve_ref(&self, r: &str) -> Option<&'s Value> {
        let name = r.strip_prefix("#/definitions/")?;
        self.root.get("definitions")?.get(name)
    }

    /// Descends into a child and prefixes `elem` to the errors' paths, except for a
    /// `false` child schema (jsonschema 4.26 reports those at the parent path).
    fn child(&self, instance: &Value, schema: &Value, elem: PathElem, out: &mut Vec<SchemaError>, depth: usize) {
        let start = out.len();
        self.descend(instance, schema, out, depth + 1);
        if matches!(schema, Value::Bool(false)) {
            return;
        }
        for e in &mut out[start..] {
            e.path.insert(0, elem.clone());
        }
    }

    fn keyword(
        &self,
        keyword: &str,
        v: &Value,
        instance: &Value,
        schema: &crate::emulate::python::yaml::Map,
        out: &mut Vec<SchemaError>,
        depth: usize,
    ) {
        match keyword {
            "type" => {
                let types: Vec<&str> = match v {
                    Value::Str(t) => alloc::vec![t.as_str()],
                    Value::Seq(ts) => ts.iter().filter_map(Value::as_str).collect(),
                    _ => return,
                };
                if !types.iter().any(|t| is_type(instance, t)) {
                    let reprs: Vec<String> = types.iter().map(|t| str_repr(t)).collect();
                    out.push(err(format!("{} is not of type {}", repr(instance), reprs.join(", "))));
                }
            }
            "enum" => {
                if let Value::Seq(options) = v {
                    if !options.iter().any(|o| json_equal(o, instance)) {
                        out.push(err(format!("{} is not one of {}", repr(instance), repr(v))));
                    }
                }
            }
            "const" if !json_equal(v, instance) => {
                out.push(err(format!("{} was expected", repr(v))));
            }
            "properties" => {
                let (Value::Map(props), Value::Map(inst)) = (v, instance) else { return };
                for (name, sub) in props.iter() {
                    let Value::Str(name) = name else { continue };
                    if let Some(value) = inst.get_str(name) {
                        self.child(value, sub, PathElem::Key(Value::Str(name.clone())), out, depth);
                    }
                }
            }
            "required" => {
                let (Value::Seq(names), Value::Map(inst)) = (v, instance) else { return };
                for name in names {
                    if let Value::Str(name) = name {
                        if !inst.contains_str(name) {
                            out.push(err(format!("{} is a required property", str_repr(name))));
                        }
                    }
                }
            }
            "additionalProperties" => {
                let Value::Map(inst) = instance else { return };
                let props = schema.get_str("properties").and_then(Value::as_map);
                let extras: Vec<(&Value, &Value)> = inst
                    .iter()
                    .filter(|(k, _)| match (k, props) {
                        (Value::Str(s), Some(p)) => !p.contains_str(s),
                        _ => true,
                    })
                    .collect();
                match v {
                    Value::Map(_) | Value::Bool(true) => {
                        // jsonschema iterates a set here; the order only matters for
                        // ties, which sort by path anyway.
                        for (k, value) in extras {
                            self.child(value, v, PathElem::Key(k.clone()), out, depth);
                        }
                    }
                    Value::Bool(false) if !extras.is_empty() => {
                        let mut names: Vec<&Value> = extras.iter().map(|(k, _)| *k).collect();
                        crate::sort::sort_by(&mut names, |a, b| cmp_code_points(&to_str(a), &to_str(b)));
                        let joined: Vec<String> = names.iter().map(|k| repr(k)).collect();
                        let verb = if names.len() == 1 { "was" } else { "were" };
                        out.push(err(format!(
                            "Additional properties are not allowed ({} {verb} unexpected)",
                            joined.join(", ")
                        )));
                    }
                    _ => {}
                }
            }
            "propertyNames" => {
                let Value::Map(inst) = instance else { return };
                for k in inst.keys() {
                    self.descend(k, v, out, depth + 1);
                }
            }
            "minProperties" => {
                if let (Value::Map(inst), Some(min)) = (instance, as_count(v)) {
                    if inst.len() < min {
                        let msg = if min == 1 { "should be non-empty" } else { "does not have enough properties" };
                        out.push(err(format!("{} {msg}", repr(instance))));
                    }
                }
            }
            "items" => {
                let Value::Seq(items) = instance else { return };
                for (i, item) in items.iter().enumerate() {
                    self.child(item, v, PathElem::Index(i), out, depth);
                }
            }
            "minItems" => {
                if let (Value::Seq(items), Some(min)) = (instance, as_count(v)) {
                    if items.len() < min {
                        let msg = if min == 1 { "should be non-empty" } else { "is too short" };
                        out.push(err(format!("{} {msg}", repr(instance))));
                    }
                }
            }
            "uniqueItems" => {
                if let (Value::Seq(items), Value::Bool(true)) = (instance, v) {
                    match self.has_duplicates(items) {
                        Some(true) => out.push(err(format!("{} has non-unique elements", repr(instance)))),
                        Some(false) => {}
                        None => out.push(err(String::from("schema evaluation limit exceeded"))),
                    }
                }
            }
            "contains" => {
                if let Value::Seq(items) = instance {
                    if !items.iter().any(|item| self.is_valid(item, v, depth + 1)) {
                        out.push(err(format!("None of {} are valid under the given schema", repr(instance))));
                    }
                }
            }
            "minLength" => {
                if let (Value::Str(s), Some(min)) = (instance, as_count(v)) {
                    if s.chars().count() < min {
                        let msg = if min == 1 { "should be non-empty" } else { "is too short" };
                        out.push(err(format!("{} {msg}", repr(instance))));
                    }
                }
            }
            "pattern" => {
                if let (Value::Str(s), Value::Str(p)) = (instance, v) {
                    if !pattern_search(p, s) {
                        out.push(err(format!("{} does not match {}", repr(instance), str_repr(p))));
                    }
                }
            }
            "minimum" | "maximum" => {
                if !is_type(instance, "number") {
                    return;
                }
                let (Some(a), Some(b)) = (instance.numeric(), v.numeric()) else { return };
                let failed = match a.py_cmp(&b) {
                    Some(Ordering::Less) => keyword == "minimum",
                    Some(Ordering::Greater) => keyword == "maximum",
                    _ => false,
                };
                if failed {
                    let what = if keyword == "minimum" { "less than the minimum" } else { "greater than the maximum" };
                    out.push(err(format!("{} is {what} of {}", repr(instance), repr(v))));
                }
            }
            "allOf" => {
                if let Value::Seq(subs) = v {
                    for sub in subs {
                        self.descend(instance, sub, out, depth + 1);
                    }
                }
            }
            "anyOf" => {
                if let Value::Seq(subs) = v {
                    if !subs.iter().any(|sub| self.is_valid(instance, sub, depth + 1)) {
                        out.push(err(format!("{} is not valid under any of the given schemas", repr(instance))));
                    }
                }
            }
            "oneOf" => {
                if let Value::Seq(subs) = v {
                    let valid: Vec<&Value> = subs.iter().filter(|sub| self.is_valid(instance, sub, depth + 1)).collect();
                    match valid.len() {
                        0 => out.push(err(format!("{} is not valid under any of the given schemas", repr(instance)))),
                        1 => {}
                        _ => {
                            // jsonschema lists the later matches, then the first.
                            let mut order: Vec<&Value> = valid[1..].to_vec();
                            order.push(valid[0]);
                            let reprs: Vec<String> = order.iter().map(|s| repr(s)).collect();
                            out.push(err(format!("{} is valid under each of {}", repr(instance), reprs.join(", "))));
                        }
                    }
                }
            }
            "not" if self.is_valid(instance, v, depth + 1) => {
                out.push(err(format!("{} should not be valid under {}", repr(instance), repr(v))));
            }
            "if" => {
                if self.is_valid(instance, v, depth + 1) {
                    if let Some(then) = schema.get_str("then") {
                        self.descend(instance, then, out, depth + 1);
                    }
                } else if let Some(otherwise) = schema.get_str("else") {
                    self.descend(instance, otherwise, out, depth + 1);
                }
            }
            _ => {}
        }
    }
}

fn as_count(v: &Value) -> Option<usize> {
    match v {
        Value::Int(i) => i.to_i64().and_then(|n| usize::try_from(n).ok()),
        _ => None,
    }
}

/// jsonschema's type checker for draft 7 over Python values.
pub fn is_type(instance: &Value, t: &str) -> bool {
    match t {
        "object" => matches!(instance, Value::Map(_)),
        "array" => matches!(instance, Value::Seq(_)),
        "string" => matches!(instance, Value::Str(_)),
        "boolean" => matches!(instance, Value::Bool(_)),
        "null" => matches!(instance, Value::Null),
        "number" => matches!(instance, Value::Int(_) | Value::Float(_)),
        "integer" => match instance {
            Value::Int(_) => true,
            Value::Float(f) => f.is_finite() && f.fract() == 0.0,
            _ => false,
        },
        _ => false,
    }
}

/// `jsonschema._utils.equal`: Python equality, except that `bool` never equals a
/// number, recursively through sequences and mappings.
pub fn json_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Bool(_), _) | (_, Value::Bool(_)) => false,
        (Value::Seq(x), Value::Seq(y)) | (Value::Tuple(x), Value::Tuple(y)) | (Value::Seq(x), Value::Tuple(y)) | (Value::Tuple(x), Value::Seq(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| json_equal(p, q))
        }
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| json_equal(v, w)))
        }
        _ => a.py_eq(b),
    }
}

/// `re.search(pattern, s)` for the patterns the schemas use. Each is `^CLASS…$`;
/// Python's `$` also matches before one final `\n`.
pub fn pattern_search(pattern: &str, s: &str) -> bool {
    let whole = |f: &dyn Fn(&str) -> bool| f(s) || s.strip_suffix('\n').is_some_and(f);
    match pattern {
        "^[a-z0-9][a-z0-9-]*$" => whole(&|t: &str| {
            let mut chars = t.chars();
            chars.next().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
                && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        }),
        "^[A-Za-z0-9_-]+$" => whole(&|t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')),
        "^[^/]+/[^/]+$" => whole(&|t: &str| slash_parts(t, 2)),
        "^[^/]+/[^/]+/[^/]+$" => whole(&|t: &str| slash_parts(t, 3)),
        // Unknown patterns never come from the bundled schemas (tested); accept.
        _ => true,
    }
}

fn slash_parts(t: &str, n: usize) -> bool {
    let parts: Vec<&str> = t.split('/').collect();
    parts.len() == n && parts.iter().all(|p| !p.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emulate::python::json::loads;
    use crate::emulate::python::yaml::safe_load;

    fn first(schema: &str, doc: &str) -> Option<String> {
        let schema = loads(schema).unwrap();
        let doc = safe_load(doc).unwrap();
        validate(&schema, &doc).first().map(|e| format!("{}: {}", e.path_string(), e.message))
    }

    #[test]
    fn messages_follow_jsonschema() {
        let s = r#"{"type": "object", "additionalProperties": false, "required": ["a", "b"],
                    "properties": {"a": {"type": "integer", "const": 1}, "b": {"type": "string", "minLength": 1, "pattern": "^[a-z0-9][a-z0-9-]*$"},
                                   "c": false, "d": {"type": "array", "uniqueItems": true}, "e": {"enum": ["x", 1]}}}"#;
        assert_eq!(first(s, "a: 1\nb: x\nzz: 1\naa: 2\n").unwrap(), "$: Additional properties are not allowed ('aa', 'zz' were unexpected)");
        assert_eq!(first(s, "b: x\n").unwrap(), "$: 'a' is a required property");
        assert_eq!(first(s, "a: '1'\nb: x\n").unwrap(), "$.a: '1' is not of type 'integer'");
        assert_eq!(first(s, "a: 2\nb: x\n").unwrap(), "$.a: 1 was expected");
        assert_eq!(first(s, "a: 1.0\nb: x\n"), None);
        assert_eq!(first(s, "a: true\nb: x\n").unwrap(), "$.a: True is not of type 'integer'");
        assert_eq!(first(s, "a: 1\nb: ''\n").unwrap(), "$.b: '' should be non-empty");
        assert_eq!(first(s, "a: 1\nb: Bad\n").unwrap(), "$.b: 'Bad' does not match '^[a-z0-9][a-z0-9-]*$'");
        assert_eq!(first(s, "a: 1\nb: ok\n").as_deref(), None);
        assert_eq!(first(s, "a: 1\nb: 2026-04-03\n").unwrap(), "$.b: datetime.date(2026, 4, 3) is not of type 'string'");
        assert_eq!(first(s, "a: 1\nb: x\nc: AUTO\n").unwrap(), "$: False schema does not allow 'AUTO'");
        assert_eq!(first(s, "a: 1\nb: x\nd: [1, 1.0]\n").unwrap(), "$.d: [1, 1.0] has non-unique elements");
        assert_eq!(first(s, "a: 1\nb: x\nd: [1, true]\n"), None);
        assert_eq!(first(s, "a: 1\nb: x\nd: [true, false, 0.5, x, [1], [true], {k: 1}]\n"), None);
        assert_eq!(first(s, "a: 1\nb: x\nd: [[1, {k: 2}], x, [1.0, {k: 2.0}]]\n").unwrap(), "$.d: [[1, {'k': 2}], 'x', [1.0, {'k': 2.0}]] has non-unique elements");
        assert_eq!(first(s, "a: 1\nb: x\nd: [false, true, false]\n").unwrap(), "$.d: [False, True, False] has non-unique elements");
        // A string equals only a string.
        assert_eq!(first(s, "a: 1\nb: x\nd: ['1', 1, 1.5, '1.5', x, ~, 'null']\n"), None);
        assert_eq!(first(s, "a: 1\nb: x\nd: [y, 1, x, 2, y]\n").unwrap(), "$.d: ['y', 1, 'x', 2, 'y'] has non-unique elements");
        // 3 000 lists: 4.5 million pairwise comparisons, over the evaluation budget.
        let lists: String = (0..3000).map(|i| format!("[{i}],")).collect();
        assert_eq!(first(s, &format!("a: 1\nb: x\nd: [{lists}]\n")).unwrap(), "$.d: schema evaluation limit exceeded");
        assert_eq!(first(s, "a: 1\nb: x\ne: true\n").unwrap(), "$.e: True is not one of ['x', 1]");
        assert_eq!(first(s, "a: 1\nb: \"ok\\n\"\n"), None);
    }

    /// `behaviors` of a 5,000-tree package: strings are sorted once (no pairwise
    /// compares, nothing charged to the budget), and a duplicate anywhere is reported
    /// with the whole list, as jsonschema does (it names no pair).
    #[test]
    fn unique_items_over_thousands_of_strings() {
        let s = r#"{"type": "object", "properties": {"d": {"type": "array", "uniqueItems": true}}}"#;
        let names: Vec<String> = (0..5000).map(|i| format!("runtime/behaviors/b{i:05}.xml")).collect();
        let doc = |extra: &str| format!("d: [{}{extra}]\n", names.join(", "));
        assert_eq!(first(s, &doc("")), None);
        let dup = first(s, &doc(", runtime/behaviors/b00000.xml, 1, 1.0")).unwrap();
        assert!(dup.starts_with("$.d: ['runtime/behaviors/b00000.xml', "), "{dup}");
        assert!(dup.ends_with("'runtime/behaviors/b04999.xml', 'runtime/behaviors/b00000.xml', 1, 1.0] has non-unique elements"), "{dup}");
        let ev = Evaluator { root: &Value::Null, budget: core::cell::Cell::new(10) };
        let items: Vec<Value> = names.iter().map(|n| Value::Str(n.clone())).collect();
        assert_eq!(ev.has_duplicates(&items), Some(false));
        assert_eq!(ev.budget.get(), 10);
    }

    #[test]
    fn bundled_schemas_use_only_known_patterns() {
        fn walk(v: &Value, found: &mut Vec<String>) {
            match v {
                Value::Map(m) => {
                    for (k, x) in m.iter() {
                        if k.as_str() == Some("pattern") {
                            if let Some(p) = x.as_str() {
                                found.push(p.into());
                            }
                        }
                        walk(x, found);
                    }
                }
                Value::Seq(s) => s.iter().for_each(|x| walk(x, found)),
                _ => {}
            }
        }
        for schema in super::super::schemas::Schema::ALL {
            let mut found = Vec::new();
            walk(&loads(schema.text()).unwrap(), &mut found);
            assert!(!found.is_empty());
            for p in found {
                assert!(pattern_search(&p, "a/b/c") || pattern_search(&p, "a/b") || pattern_search(&p, "abc"), "{p}");
                assert!(!pattern_search(&p, ""), "{p} must be known");
            }
        }
    }
}
