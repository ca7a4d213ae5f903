//! The package execution signature (ANIP-DIG-5): one digest binding the definition,
//! the consumption metadata, implementation materials, the recommended lock and lineage.
//!
//! The signature object is never built: its canonical text is written from the
//! resolved parts, borrowed, straight into the hasher, and the parts that must not
//! carry `package_execution_signature` keys are written with those keys left out.
//! The definition arrives as its canonical text, which the definition digest needs
//! too: written once, it was a fifth of a verify's instructions written twice.
use alloc::string::String;

use super::bundle::Resolved;
use crate::digest::HashSink;
use crate::json::{write_canonical, write_canonical_object, write_string, Map, Mode, Sink, Style, Value};
#[cfg(test)]
use crate::json::to_canonical_object;

pub const SCHEMA_VERSION: &str = "anip-package-execution-signature/v1";

/// The key removed, at any depth, from the manifest parts and the lock.
const SIGNATURE_KEY: &str = "package_execution_signature";

/// `sha256:<hex>` of the signature object: `schema_version`, `service_definition`,
/// the three `agent_consumption*`/`agent_consumability` manifest parts (stripped,
/// `null` when absent), `implementation_materials` (`[]` when null),
/// `recommended_lock` (stripped) and `lineage`. `canonical_definition` is the
/// digest-mode canonical text of `r.definition`.
pub fn compute(r: &Resolved, canonical_definition: &[u8]) -> String {
    let null = Value::Null;
    let no_materials = Value::Array(alloc::vec::Vec::new());
    let schema = Value::from(SCHEMA_VERSION);
    let from_manifest = |key: &str| r.manifest.get(key).unwrap_or(&null);
    let materials = match &r.implementation_materials {
        Value::Null => &no_materials,
        other => other,
    };
    // (key, value, written without signature keys?), then put in canonical key order.
    let mut parts: [(&str, Part<'_>, bool); 8] = [
        ("schema_version", Part::Value(&schema), false),
        ("service_definition", Part::Canonical(canonical_definition), false),
        ("agent_consumability", Part::Value(from_manifest("agent_consumability")), true),
        ("agent_consumption_readiness", Part::Value(from_manifest("agent_consumption_readiness")), true),
        ("agent_consumption_publication_gate", Part::Value(from_manifest("agent_consumption_publication_gate")), true),
        ("implementation_materials", Part::Value(materials), false),
        ("recommended_lock", Part::Map(&r.lock), true),
        ("lineage", Part::Map(&r.lineage), false),
    ];
    crate::sort::sort_by(&mut parts, |a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let plain = Style::of(Mode::Digest);
    let stripped = Style { skip_key: Some(SIGNATURE_KEY), ..Style::of(Mode::Digest) };
    let mut sink = HashSink::new();
    sink.put("{");
    for (i, (key, part, strip)) in parts.iter().enumerate() {
        if i > 0 {
            sink.put(",");
        }
        write_string(&mut sink, key, Mode::Digest);
        sink.put(":");
        let style = if *strip { &stripped } else { &plain };
        match part {
            Part::Value(v) => write_canonical(&mut sink, v, style),
            Part::Map(m) => write_canonical_object(&mut sink, m, style),
            Part::Canonical(text) => sink.put_bytes(text),
        }
    }
    sink.put("}");
    sink.finish()
}

/// One member of the signature object, borrowed from the resolved bundle.
enum Part<'a> {
    Value(&'a Value),
    Map(&'a Map),
    /// Already canonical text.
    Canonical(&'a [u8]),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digest::canonical_digest;
    use crate::json::{edit_all, parse};

    /// ANIP-DIG-5 as written: build the object, strip, hash.
    fn by_the_spec(r: &Resolved) -> String {
        let strip = |v: &Value| {
            let mut out = v.clone();
            edit_all(&mut out, |x| {
                if let Value::Object(m) = x {
                    m.remove(SIGNATURE_KEY);
                }
            });
            out
        };
        let from_manifest = |key: &str| r.manifest.get(key).map(strip).unwrap_or(Value::Null);
        let materials = match &r.implementation_materials {
            Value::Null => Value::Array(alloc::vec::Vec::new()),
            other => other.clone(),
        };
        let object: Value = Map::new()
            .with("schema_version", SCHEMA_VERSION)
            .with("service_definition", r.definition.clone())
            .with("agent_consumability", from_manifest("agent_consumability"))
            .with("agent_consumption_readiness", from_manifest("agent_consumption_readiness"))
            .with("agent_consumption_publication_gate", from_manifest("agent_consumption_publication_gate"))
            .with("implementation_materials", materials)
            .with("recommended_lock", strip(&Value::Object(r.lock.clone())))
            .with("lineage", r.lineage.clone())
            .into();
        canonical_digest(&object)
    }

    fn object(s: &str) -> Map {
        parse(s.as_bytes()).unwrap().into_object().unwrap()
    }

    #[test]
    fn streamed_signature_matches_the_built_object() {
        let mut r = Resolved::from_definition(object(r#"{"b":1,"package_execution_signature":"kept in the definition","a":[{"package_execution_signature":2}]}"#));
        r.manifest = object(
            r#"{"agent_consumability":{"package_execution_signature":"x","deep":[{"package_execution_signature":1,"k":"<&>"}]},
                "agent_consumption_readiness":"plain","other":{"package_execution_signature":3}}"#,
        );
        r.lock = object(r#"{"package_execution_signature":"s","pins":{"z":{"package_execution_signature":0,"v":"\u2028"}}}"#);
        r.lineage = object(r#"{"package_execution_signature":"kept in lineage","product_revision":"r1"}"#);
        r.implementation_materials = parse(br#"[{"package_execution_signature":"kept","path":"a"}]"#).unwrap();
        assert_eq!(compute(&r, &to_canonical_object(&r.definition, Mode::Digest)), by_the_spec(&r));
        r.implementation_materials = Value::Null;
        r.manifest = Map::new();
        assert_eq!(compute(&r, &to_canonical_object(&r.definition, Mode::Digest)), by_the_spec(&r));
    }
}
