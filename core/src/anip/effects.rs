//! The closed business-effect vocabulary and its checks (ANIP-DEF-3).
//!
//! The same rules run over a capability's `business_effects` during definition
//! validation (Appendix A, ANIP-DEFV-2 step 8) and recursively over the resolved
//! manifest and publisher lock (ANIP-VER-4 steps 4–5). Upstream walks Go maps in
//! random order; we walk them in one fixed order so the reported path is
//! deterministic (ANIP-DEF-3a): see [`validate_effects_in`].
use alloc::format;
use alloc::string::String;

use crate::emulate::go::quote::go_quote;
use crate::json::{path_text, walk, Order, Step, Value, Visit};

/// The 13 canonical effect ids, sorted.
pub const EFFECT_VOCABULARY: [&str; 13] = [
    "approval.execute",
    "approval.request",
    "content.draft",
    "content.recommendation",
    "content.summary",
    "data.aggregate",
    "data.export",
    "data.read",
    "external_dispatch",
    "raw_data_export",
    "raw_model_features",
    "system.mutation",
    "system.preview_mutation",
];

/// Whether the (trimmed) id is in the vocabulary.
pub fn is_known_effect(id: &str) -> bool {
    EFFECT_VOCABULARY.contains(&id.trim())
}

/// ANIP-DEF-3 recursive walk over a resolved manifest or lock. `root` is the path
/// prefix (`manifest` or `recommended_lock`). Returns the first message (without
/// the `resolved package … failed validation: ` prefix).
///
/// `order` visits object members: [`Order::Stored`] for a document built in code
/// (build-local's manifest and lock), whose maps were filled in upstream's order. A
/// small Go map iterates its insertion order from a random one of 8 slots, so the
/// offender inserted first is the one upstream names most often (measured:
/// `docs/conformance/anip-definition.md`, decision 1). [`Order::Sorted`] for a parsed
/// document, whose source order is not kept.
pub fn validate_effects_in(value: &Value, root: &str, order: Order) -> Result<(), String> {
    walk_effects(root, value, order)
}

/// The check upstream applies to one `business_effects` value found at `path`
/// (for example `capability_formalizations[0].business_effects`): it must be an
/// object, its `produces` / `does_not_produce` (when present) must be lists of
/// canonical ids, and everything nested inside it is walked as well.
pub fn validate_business_effects(value: &Value, path: &str) -> Result<(), String> {
    check_business_effects(value, path)?;
    walk_effects(path, value, Order::Sorted)
}

fn check_business_effects(value: &Value, path: &str) -> Result<(), String> {
    let Value::Object(effects) = value else {
        return Err(format!("{path} must be an object"));
    };
    for field in ["produces", "does_not_produce"] {
        if let Some(list) = effects.get(field) {
            validate_effect_list(&format!("{path}.{field}"), list)?;
        }
    }
    Ok(())
}

/// Every `business_effects` and effect list below `value`, members in `order`
/// (iterative: manifests are arbitrary JSON, up to 10,000 levels deep).
fn walk_effects(prefix: &str, value: &Value, order: Order) -> Result<(), String> {
    walk(value, order, |steps, v| {
        let Some(Step::Key(key)) = steps.last() else { return Visit::Descend };
        let checked = match *key {
            "business_effects" => check_business_effects(v, &path_text(prefix, steps)),
            "unsupported_effects" | "suppress_unsupported_effects" => {
                match validate_effect_list(&path_text(prefix, steps), v) {
                    Ok(()) => return Visit::Skip,
                    Err(e) => Err(e),
                }
            }
            _ => Ok(()),
        };
        match checked {
            Ok(()) => Visit::Descend,
            Err(e) => Visit::Stop(e),
        }
    })
}

fn validate_effect_list(path: &str, value: &Value) -> Result<(), String> {
    let Value::Array(items) = value else {
        return Err(format!("{path} must be an array of canonical effect ids"));
    };
    for (i, item) in items.iter().enumerate() {
        let Value::String(id) = item else {
            return Err(format!("{path}[{i}] must be a string"));
        };
        let id = id.trim();
        if id.is_empty() {
            return Err(format!("{path}[{i}] must not be empty"));
        }
        if !is_known_effect(id) {
            return Err(format!(
                "{path}[{i}] unknown effect {}; use canonical effect ids: {}",
                go_quote(id),
                EFFECT_VOCABULARY.join(", ")
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use alloc::format;
    use alloc::string::ToString;

    use super::*;
    use crate::json::parse;

    fn v(s: &str) -> Value {
        parse(s.as_bytes()).expect("test JSON")
    }

    const VOCAB: &str = "approval.execute, approval.request, content.draft, content.recommendation, content.summary, data.aggregate, data.export, data.read, external_dispatch, raw_data_export, raw_model_features, system.mutation, system.preview_mutation";

    #[test]
    fn vocabulary_is_sorted_and_closed() {
        let mut sorted = EFFECT_VOCABULARY;
        sorted.sort_unstable();
        assert_eq!(sorted, EFFECT_VOCABULARY);
        assert_eq!(EFFECT_VOCABULARY.join(", "), VOCAB);
        assert!(is_known_effect(" data.read "));
        assert!(!is_known_effect("data.write"));
    }

    #[test]
    fn clean_values_pass() {
        let m = v(r#"{"a":{"business_effects":{"produces":["data.read"],"does_not_produce":[" raw_data_export "]}},
            "b":[{"unsupported_effects":[]},{"suppress_unsupported_effects":["system.mutation"]}],"c":"business_effects"}"#);
        assert_eq!(validate_effects_in(&m, "manifest", Order::Sorted), Ok(()));
    }

    #[test]
    fn each_message() {
        let cases = [
            (r#"{"business_effects":[]}"#, "manifest.business_effects must be an object".to_string()),
            (r#"{"business_effects":null}"#, "manifest.business_effects must be an object".to_string()),
            (r#"{"x":{"business_effects":{"produces":"data.read"}}}"#, "manifest.x.business_effects.produces must be an array of canonical effect ids".to_string()),
            (r#"{"business_effects":{"does_not_produce":null}}"#, "manifest.business_effects.does_not_produce must be an array of canonical effect ids".to_string()),
            (r#"{"business_effects":{"produces":["data.read",1]}}"#, "manifest.business_effects.produces[1] must be a string".to_string()),
            (r#"{"business_effects":{"produces":["  "]}}"#, "manifest.business_effects.produces[0] must not be empty".to_string()),
            (
                r#"{"list":[{},{"unsupported_effects":[" Summarize information "]}]}"#,
                format!("manifest.list[1].unsupported_effects[0] unknown effect \"Summarize information\"; use canonical effect ids: {VOCAB}"),
            ),
            (r#"{"suppress_unsupported_effects":{}}"#, "manifest.suppress_unsupported_effects must be an array of canonical effect ids".to_string()),
            // Nested inside business_effects, walked after produces/does_not_produce.
            (
                r#"{"business_effects":{"produces":["data.read"],"more":{"unsupported_effects":[true]}}}"#,
                "manifest.business_effects.more.unsupported_effects[0] must be a string".to_string(),
            ),
        ];
        for (input, want) in cases {
            assert_eq!(validate_effects_in(&v(input), "manifest", Order::Sorted), Err(want), "{input}");
        }
    }

    #[test]
    fn sorted_walk_is_deterministic() {
        // Two offenders: the sorted walk reports "a" before "b" whatever the input order.
        let m = v(r#"{"b":{"unsupported_effects":["x"]},"a":{"unsupported_effects":[2]}}"#);
        assert_eq!(
            validate_effects_in(&m, "recommended_lock", Order::Sorted),
            Err("recommended_lock.a.unsupported_effects[0] must be a string".into())
        );
    }

    #[test]
    fn stored_walk_follows_a_built_maps_insertion_order() {
        // build-local's manifest is built in upstream's insertion order: the offender
        // inserted first ("b") is named, the one upstream names most often.
        let built: Value = crate::json::Map::new()
            .with("b", v(r#"{"unsupported_effects":["x"]}"#))
            .with("a", v(r#"{"unsupported_effects":[2]}"#))
            .into();
        assert_eq!(
            validate_effects_in(&built, "manifest", Order::Stored),
            Err(format!("manifest.b.unsupported_effects[0] unknown effect \"x\"; use canonical effect ids: {VOCAB}"))
        );
        assert_eq!(
            validate_effects_in(&built, "manifest", Order::Sorted),
            Err("manifest.a.unsupported_effects[0] must be a string".into())
        );
    }

    #[test]
    fn business_effects_value_check() {
        let path = "capability_formalizations[3].business_effects";
        assert_eq!(validate_business_effects(&v(r#"{"produces":["content.summary"]}"#), path), Ok(()));
        assert_eq!(validate_business_effects(&v(r#""data.read""#), path), Err(format!("{path} must be an object")));
        assert_eq!(
            validate_business_effects(
                &v(r#"{"produces":["content.summary"],"does_not_produce":["external_send"]}"#),
                path
            ),
            Err(format!(
                "{path}.does_not_produce[0] unknown effect \"external_send\"; use canonical effect ids: {VOCAB}"
            ))
        );
    }
}
