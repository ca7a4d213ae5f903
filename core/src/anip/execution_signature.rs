//! The package execution signature (ANIP-DIG-5): one digest binding the definition,
//! the consumption metadata, implementation materials, the recommended lock and lineage.
use alloc::string::String;
use alloc::vec::Vec;

use super::bundle::Resolved;
use crate::digest::canonical_digest;
use crate::json::{edit_all, Map, Value};

pub const SCHEMA_VERSION: &str = "anip-package-execution-signature/v1";

/// Removes every key named `package_execution_signature`, at any depth.
pub fn strip_signature_keys(v: &Value) -> Value {
    strip_signature_keys_owned(v.clone())
}

/// [`strip_signature_keys`] in place, for a value the caller already owns.
fn strip_signature_keys_owned(mut out: Value) -> Value {
    edit_all(&mut out, |x| {
        if let Value::Object(m) = x {
            m.remove("package_execution_signature");
            m.set_go_map();
        }
    });
    out
}

/// The object whose digest is the signature.
pub fn signature_object(r: &Resolved) -> Value {
    let from_manifest = |key: &str| r.manifest.get(key).map(strip_signature_keys).unwrap_or(Value::Null);
    let materials = match &r.implementation_materials {
        Value::Null => Value::Array(Vec::new()),
        other => other.clone(),
    };
    Map::new()
        .with("schema_version", SCHEMA_VERSION)
        .with("service_definition", r.definition.clone())
        .with("agent_consumability", from_manifest("agent_consumability"))
        .with("agent_consumption_readiness", from_manifest("agent_consumption_readiness"))
        .with("agent_consumption_publication_gate", from_manifest("agent_consumption_publication_gate"))
        .with("implementation_materials", materials)
        .with("recommended_lock", strip_signature_keys_owned(Value::Object(r.lock.clone())))
        .with("lineage", r.lineage.clone())
        .into()
}

/// `sha256:<hex>` of [`signature_object`].
pub fn compute(r: &Resolved) -> String {
    canonical_digest(&signature_object(r))
}
