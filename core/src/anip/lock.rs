//! Consumer lock files `anip-package-lock/v1` (ANIP-LOCK): load with shape checks,
//! compare against a resolved package, and write (the writing operations that resolve a
//! package first are in `write_lock`).
use alloc::format;
use alloc::string::{String, ToString};

use super::bundle::{decode_struct_bytes, field_str, Resolved, SourceKind};
use crate::emulate::go::json_struct::{model::o, Struct, Ty};
use crate::diag::Error;
use crate::digest::canonical_digest_object;
use crate::json::{to_pretty, Map, Value};

pub const LOCK_SCHEMA_VERSION: &str = "anip-package-lock/v1";

/// `PackageLock` (table 9.1); field order is the write order.
static LOCK: Struct = Struct {
    name: "PackageLock",
    fields: &[
        o("lock_schema_version", Ty::Str),
        o("artifact_type", Ty::Str),
        o("source_kind", Ty::Str),
        o("registry_url", Ty::Str),
        o("package_id", Ty::Str),
        o("package_version", Ty::Str),
        o("contract_signature", Ty::Str),
        o("schema_version", Ty::Str),
        o("definition_digest", Ty::Str),
        o("manifest_digest", Ty::Str),
        o("lock_digest", Ty::Str),
        o("package_execution_signature", Ty::Str),
        o("receipt_signature", Ty::Str),
        o("receipt_authority", Ty::Str),
        o("receipt_key_id", Ty::Str),
        o("receipt_algorithm", Ty::Str),
        o("receipt_issued_at", Ty::Str),
        o("registry_signing_mode", Ty::Str),
        o("registry_active_key_id", Ty::Str),
        o("publisher_id", Ty::Str),
        o("publisher_type", Ty::Str),
    ],
};

/// A loaded consumer lock: every field as a string ("" when absent).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ConsumerLock {
    fields: Map,
}

impl ConsumerLock {
    pub fn get(&self, name: &str) -> &str {
        field_str(&self.fields, name)
    }
}

/// ANIP-LOCK-1: decode, then the three shape rules in order.
pub fn load(bytes: &[u8]) -> Result<ConsumerLock, Error> {
    let lock = ConsumerLock { fields: decode_struct_bytes(bytes, &LOCK, "ANIP_LOCK_DECODE", "decode lock file")? };
    let version = lock.get("lock_schema_version");
    if !version.trim().is_empty() && version != LOCK_SCHEMA_VERSION {
        return Err(Error::new(
            "ANIP_LOCK_SCHEMA_UNSUPPORTED",
            format!("unsupported lock_schema_version {}", super::go_quote(version)),
        ));
    }
    if lock.get("package_id").trim().is_empty() || lock.get("package_version").trim().is_empty() {
        return Err(Error::new("ANIP_LOCK_SHAPE", "lock file must include package_id and package_version"));
    }
    if lock.get("definition_digest").trim().is_empty() || lock.get("lock_digest").trim().is_empty() {
        return Err(Error::new("ANIP_LOCK_SHAPE", "lock file must include definition_digest and lock_digest"));
    }
    Ok(lock)
}

fn compare_field(name: &str, expected: &str, resolved: &str) -> Result<(), String> {
    let (expected, resolved) = (expected.trim(), resolved.trim());
    if expected.is_empty() {
        return Ok(());
    }
    if resolved.is_empty() {
        return Err(format!("lock mismatch for {name}: expected {expected} but resolved value is empty"));
    }
    if expected != resolved {
        return Err(format!("lock mismatch for {name}: expected {expected} got {resolved}"));
    }
    Ok(())
}

/// Receipt and registry values a source resolved (bundles never set key id/algorithm).
#[derive(Clone, Debug, Default)]
pub struct ResolvedReceipt {
    pub key_id: String,
    pub algorithm: String,
    pub signing_mode: String,
    pub active_key_id: String,
}

/// ANIP-LOCK-4: the first mismatch as upstream's message.
pub fn compare(
    lock: &ConsumerLock,
    r: &Resolved,
    computed_definition_digest: &str,
    receipt: &ResolvedReceipt,
) -> Result<(), String> {
    if r.source == SourceKind::File {
        return Err("--lock-file requires a registry package or package bundle, not a raw definition file".into());
    }
    let pairs: [(&str, &str); 9] = [
        ("package_id", &r.package_id),
        ("package_version", &r.package_version),
        ("contract_signature", &r.contract_signature),
        ("schema_version", &r.schema_version),
        ("manifest_digest", &r.stored_manifest_digest),
        ("lock_digest", &r.stored_lock_digest),
        ("package_execution_signature", &r.package_execution_signature),
        ("receipt_key_id", &receipt.key_id),
        ("receipt_algorithm", &receipt.algorithm),
    ];
    for (name, resolved) in pairs {
        compare_field(name, lock.get(name), resolved)?;
    }
    let definition = if r.stored_definition_digest.trim().is_empty() {
        computed_definition_digest
    } else {
        r.stored_definition_digest.as_str()
    };
    compare_field("definition_digest", lock.get("definition_digest"), definition)?;
    for (name, resolved) in [("registry_signing_mode", &receipt.signing_mode), ("registry_active_key_id", &receipt.active_key_id)] {
        if !lock.get(name).trim().is_empty() && !resolved.trim().is_empty() {
            compare_field(name, lock.get(name), resolved)?;
        }
    }
    Ok(())
}

/// ANIP-LOCK-7: the lock file text for a resolved (already validated) package.
pub fn write(r: &Resolved, computed_definition_digest: &str, receipt: &ResolvedReceipt) -> Result<String, Error> {
    write_with_url(r, computed_definition_digest, receipt, "")
}

pub(super) fn write_with_url(
    r: &Resolved,
    computed_definition_digest: &str,
    receipt: &ResolvedReceipt,
    registry_url: &str,
) -> Result<String, Error> {
    if r.package_id.trim().is_empty() || r.package_version.trim().is_empty() || r.source == SourceKind::File {
        return Err(Error::new(
            "ANIP_LOCK_SOURCE",
            "lock files can only be written for registry packages or package bundles",
        ));
    }
    let definition = match r.stored_definition_digest.trim() {
        "" => computed_definition_digest.to_string(),
        s => s.to_string(),
    };
    let lock_digest = match r.stored_lock_digest.trim() {
        "" => canonical_digest_object(&r.lock),
        s => s.to_string(),
    };
    let mut m = Map::record()
        .with("lock_schema_version", LOCK_SCHEMA_VERSION)
        .with("artifact_type", "anip_package_lock")
        .with("source_kind", r.source.as_str());
    let opt = |m: &mut Map, k: &str, v: &str| {
        if !v.is_empty() {
            m.insert(k, v.into());
        }
    };
    opt(&mut m, "registry_url", registry_url);
    m.insert("package_id", r.package_id.as_str().into());
    m.insert("package_version", r.package_version.as_str().into());
    opt(&mut m, "contract_signature", &r.contract_signature);
    opt(&mut m, "schema_version", &r.schema_version);
    m.insert("definition_digest", definition.into());
    opt(&mut m, "manifest_digest", &r.stored_manifest_digest);
    m.insert("lock_digest", lock_digest.into());
    opt(&mut m, "package_execution_signature", &r.package_execution_signature);
    opt(&mut m, "receipt_signature", &r.receipt_signature);
    opt(&mut m, "receipt_authority", &r.receipt_authority);
    opt(&mut m, "receipt_key_id", &receipt.key_id);
    opt(&mut m, "receipt_algorithm", &receipt.algorithm);
    opt(&mut m, "receipt_issued_at", &r.receipt_issued_at);
    opt(&mut m, "registry_signing_mode", &receipt.signing_mode);
    opt(&mut m, "registry_active_key_id", &receipt.active_key_id);
    opt(&mut m, "publisher_id", &r.publisher_id);
    opt(&mut m, "publisher_type", &r.publisher_type);
    let text = to_pretty(&Value::Object(m));
    load(text.as_bytes())?; // upstream validates what it writes
    Ok(text)
}
