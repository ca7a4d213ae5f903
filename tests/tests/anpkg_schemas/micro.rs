//! Keyword-level cross-check on one-keyword schemas.
use serde_json::json;

use crate::convert::to_yaml;
use crate::{write_dump, DUMP_ENV};

/// Keyword-level cross-check: every keyword trustloop's evaluator supports, alone,
/// against a palette of values around the Python-vs-JSON equality edges (`1` vs `1.0`
/// vs `True`, `-0.0`, integral floats, huge numbers, nested equality). In the two
/// schemas `type` guards most `const`/`enum`/`uniqueItems` uses, which would mask a
/// wrong equality rule there; here nothing masks it.
#[test]
fn keyword_semantics_agree_on_micro_schemas() {
    use trustloop_core::api::anpkg::schema::validate;
    #[rustfmt::skip]
    let values = [
        json!(null), json!(true), json!(false), json!(0), json!(1), json!(-1), json!(2), json!(0.0), json!(-0.0),
        json!(1.0), json!(1.5), json!(0.5), json!(1e300), json!(-1e300), json!(u64::MAX), json!(i64::MIN), json!(i64::MAX),
        json!(""), json!("a"), json!("A"), json!("1"), json!("x"), json!("a/b"), json!("a/b/c"), json!("a b"), json!("ü"),
        json!([]), json!([1]), json!([1.0]), json!([true]), json!([1, 1.0]), json!([1, true]), json!([0, false]),
        json!([true, true]), json!(["a", "a"]), json!(["a", "b"]), json!([[1], [1.0]]), json!([{"a": 1}, {"a": 1.0}]),
        json!([{"a": 1}, {"a": true}]), json!({}), json!({"a": 1}), json!({"a": 1.0}), json!({"a": true}),
        json!({"a": "x"}), json!({"b": "x"}), json!({"a": 1, "b": 2}), json!({"bad key": 1}), json!({"a": [1]}),
    ];
    let mut micro = vec![json!(true), json!(false)];
    for t in ["object", "array", "string", "boolean", "null", "number", "integer"] {
        micro.push(json!({"type": t}));
    }
    micro.push(json!({"type": ["string", "number", "boolean"]}));
    for c in [
        json!(1),
        json!(1.0),
        json!(0),
        json!(true),
        json!(false),
        json!(null),
        json!("a"),
        json!([1]),
        json!({"a": 1}),
        json!(-0.0),
    ] {
        micro.push(json!({"const": c}));
    }
    for e in [json!([1, "x"]), json!([true]), json!([0]), json!([1.0]), json!([[1], {"a": 1}]), json!([null, false])] {
        micro.push(json!({"enum": e}));
    }
    for b in [json!(1), json!(0.5), json!(-9223372036854775808i64), json!(1e300), json!(u64::MAX)] {
        micro.push(json!({"minimum": b}));
        micro.push(json!({"maximum": b}));
    }
    for (k, n) in [
        ("minLength", 1),
        ("minLength", 2),
        ("minItems", 1),
        ("minItems", 2),
        ("minProperties", 1),
        ("minProperties", 2),
    ] {
        micro.push(json!({ k: n }));
    }
    for p in ["^[a-z0-9][a-z0-9-]*$", "^[A-Za-z0-9_-]+$", "^[^/]+/[^/]+$", "^[^/]+/[^/]+/[^/]+$"] {
        micro.push(json!({"pattern": p}));
        micro.push(json!({"propertyNames": {"pattern": p}}));
    }
    micro.extend([
        json!({"uniqueItems": true}),
        json!({"uniqueItems": false}),
        json!({"required": ["a"]}),
        json!({"required": ["a", "b"]}),
        json!({"properties": {"a": {"type": "integer"}}}),
        json!({"properties": {"a": false}}),
        json!({"properties": {"a": true}, "additionalProperties": false}),
        json!({"additionalProperties": {"type": "string"}}),
        json!({"items": {"type": "integer"}}),
        json!({"items": {"const": 1}}),
        json!({"contains": {"const": 1}}),
        json!({"contains": {"const": true}}),
        json!({"allOf": [{"type": "number"}, {"minimum": 1}]}),
        json!({"anyOf": [{"type": "string"}, {"type": "integer"}]}),
        json!({"oneOf": [{"type": "number"}, {"type": "integer"}]}),
        json!({"oneOf": [{"const": 1}, {"const": true}]}),
        json!({"not": {"type": "boolean"}}),
        json!({"not": {"const": 1}}),
        json!({"if": {"const": 1}, "then": {"type": "integer"}, "else": {"type": "string"}}),
        json!({"if": {"type": "object", "required": ["a"]}, "then": {"properties": {"a": {"const": true}}}}),
        json!({"$ref": "#/definitions/x", "definitions": {"x": {"type": "boolean"}}}),
    ]);
    let (mut checked, mut disagreements, mut dump) = (0usize, Vec::new(), Vec::new());
    for schema in &micro {
        assert!(jsonschema::draft7::meta::is_valid(schema), "micro-schema is draft-07: {schema}");
        let crate_validator =
            jsonschema::draft7::options().should_validate_formats(false).build(schema).expect("compiles");
        let yaml_schema = to_yaml(schema);
        for v in &values {
            checked += 1;
            let first =
                validate(&yaml_schema, &to_yaml(v)).first().map(|e| format!("{}: {}", e.path_string(), e.message));
            let ours = first.is_none();
            if std::env::var_os(DUMP_ENV).is_some() {
                dump.push(json!({"schema": schema, "doc": v, "trustloop": first}).to_string());
            }
            if ours != crate_validator.is_valid(v) {
                disagreements.push(format!("schema {schema} value {v}: trustloop {ours}, crate {}", !ours));
            }
        }
    }
    write_dump("micro.jsonl", dump);
    println!(
        "micro-schema cross-check: {} schemas x {} values = {checked} checks, {} disagreements",
        micro.len(),
        values.len(),
        disagreements.len()
    );
    assert!(disagreements.is_empty(), "{} disagreements:\n{}", disagreements.len(), disagreements.join("\n"));
}
