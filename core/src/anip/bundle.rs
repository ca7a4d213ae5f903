//! Decoding a `.anip-package.json` and resolving its values (ANIP-BUN, ANIP-CJ-9).
//!
//! Upstream decodes the bundle into Go structs (field names match
//! case-insensitively, unknown fields are ignored, a value of the wrong JSON type is
//! a hard decode error); [`decode_bundle`] does the same through
//! [`super::go_struct`], then [`resolve`] applies the fallback chains of ANIP-BUN-2..4.
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::emulate::go::json_struct::{self, model::o, Struct, Ty};
use crate::diag::Error;
use crate::json::{Limits, Map, Value, EMPTY_MAP};

/// Where the package under verification came from (`source_kind` in results).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    File,
    PackageBundle,
    Registry,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::File => "file",
            SourceKind::PackageBundle => "package-bundle",
            SourceKind::Registry => "registry",
        }
    }
}

const STR: Ty = Ty::Str;
const ANY_MAP: Ty = Ty::Map(&Ty::Any);

/// The Registry receipt (`registryclient.Receipt`), as registry sources return it.
pub(crate) static RECEIPT: Struct = Struct {
    name: "packageBundleReceipt",
    fields: &[
        o("receipt_id", STR),
        o("package_id", STR),
        o("package_version", STR),
        o("registry_signature", STR),
        o("signature_algorithm", STR),
        o("key_id", STR),
        o("publisher_id", STR),
        o("publisher_type", STR),
        o("issued_at", STR),
        o("authority", STR),
    ],
};

static MATERIAL: Struct =
    Struct { name: "ImplementationMaterial", fields: &[o("title", STR), o("ref", STR), o("bundle_tree_sha256", STR)] };

/// The Registry package record as registry sources return it (spec §4.2): the
/// verifier's subset.
pub(crate) static PACKAGE: Struct = Struct {
    name: "registryPackageRecord",
    fields: &[
        o("package_id", STR),
        o("package_version", STR),
        o("contract_signature", STR),
        o("publisher_id", STR),
        o("publisher_type", STR),
        o("lineage", ANY_MAP),
        o("schema_version", STR),
        o("manifest_digest", STR),
        o("definition_digest", STR),
        o("lock_digest", STR),
        o("package_execution_signature", STR),
        o("manifest", ANY_MAP),
        o("service_definition", ANY_MAP),
        o("recommended_lock", ANY_MAP),
        o("implementation_materials", Ty::Slice(&Ty::Inline(&MATERIAL))),
        o("lifecycle", ANY_MAP),
    ],
};

pub(crate) static KEY: Struct =
    Struct { name: "RegistryPublicKey", fields: &[o("key_id", STR), o("algorithm", STR), o("public_key", STR)] };

/// What a bundle file decodes into: upstream's `generator.PackageBundle` and its
/// parts, field for field. Fields Go does not declare (`exported_at`,
/// `receipt.package_id`, `package.lifecycle`, …) are skipped unread, and
/// `implementation_materials` stays `[]map[string]any`, hashed as carried.
mod bundle_file {
    use super::{o, Struct, Ty, ANY_MAP, STR};

    pub(super) static RECEIPT: Struct = Struct {
        name: "packageBundleReceipt",
        fields: &[o("registry_signature", STR), o("issued_at", STR), o("authority", STR)],
    };

    pub(super) static PACKAGE: Struct = Struct {
        name: "registryPackageRecord",
        fields: &[
            o("package_id", STR),
            o("package_version", STR),
            o("contract_signature", STR),
            o("publisher_id", STR),
            o("publisher_type", STR),
            o("lineage", ANY_MAP),
            o("schema_version", STR),
            o("manifest_digest", STR),
            o("definition_digest", STR),
            o("lock_digest", STR),
            o("package_execution_signature", STR),
            o("manifest", DEFERRED_MAP),
            o("service_definition", DEFERRED_MAP),
            o("recommended_lock", DEFERRED_MAP),
            o("implementation_materials", Ty::Slice(&ANY_MAP)),
        ],
    };

    /// The package's copies of what the bundle also carries at its top: checked in
    /// place, built only when the top-level copy is missing or empty ([`resolve`]
    /// reads them only then), as they are most of a bundle's bytes.
    const DEFERRED_MAP: Ty = Ty::Deferred(&ANY_MAP);

    /// Each deferred package field and the top-level field that stands in for it.
    pub(super) const DEFERRED_TOP: [(&str, &str); 3] =
        [("manifest", "manifest"), ("service_definition", "service_definition"), ("recommended_lock", "lock")];

    static PUBLIC_KEY: Struct = Struct {
        name: "registryclient.PublicKey",
        fields: &[o("key_id", STR), o("algorithm", STR), o("public_key", STR)],
    };

    pub(super) static BUNDLE: Struct = Struct {
        name: "PackageBundle",
        fields: &[
            o("bundle_schema_version", STR),
            o("authority", STR),
            o("publication", ANY_MAP),
            o("package", Ty::Inline(&PACKAGE)),
            o("receipt", Ty::Inline(&RECEIPT)),
            o("lineage", ANY_MAP),
            o("manifest", ANY_MAP),
            o("service_definition", ANY_MAP),
            o("lock", ANY_MAP),
            o("digests", Ty::Map(&STR)),
            o("registry_keys", Ty::Slice(&Ty::Inline(&PUBLIC_KEY))),
        ],
    };
}

/// Decodes an already parsed `v` as a Go struct (re-encoded first, as upstream
/// re-marshals what it holds as a map); a type mismatch becomes `<prefix>: json: cannot unmarshal …`.
pub(crate) fn decode_struct(v: &Value, s: &'static Struct, code: &'static str, prefix: &str) -> Result<Map, Error> {
    finish(json_struct::decode_value(&Ty::Inline(s), v), code, prefix)
}

/// `json.Unmarshal(bytes, &s)`: Go's syntax check, then keys in source order.
pub(crate) fn decode_struct_bytes(bytes: &[u8], s: &'static Struct, code: &'static str, prefix: &str) -> Result<Map, Error> {
    finish(decode_bytes_as(bytes, s, prefix)?, code, prefix)
}

fn decode_bytes_as(bytes: &[u8], s: &'static Struct, prefix: &str) -> Result<json_struct::Decoded, Error> {
    json_struct::decode_bytes(&Ty::Inline(s), bytes, &Limits::default())
        .map_err(|e| Error::new(e.code(), format!("{prefix}: {e}")))
}

fn finish(decoded: json_struct::Decoded, code: &'static str, prefix: &str) -> Result<Map, Error> {
    let code = if decoded.number_out_of_range { "JSON_NUMBER_OUT_OF_RANGE" } else { code };
    match decoded.error {
        Some(msg) => Err(Error::new(code, format!("{prefix}: {msg}"))),
        None => Ok(decoded.value.into_object().unwrap_or_default()),
    }
}

/// One `registry_keys[]` entry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RegistryKey {
    pub key_id: String,
    pub algorithm: String,
    pub public_key: String,
}

/// A decoded bundle: every struct-typed part as an object (missing → empty).
/// `package` holds its copies of the manifest, definition and lock only where the
/// top-level copy is missing or empty, the only case in which [`resolve`] reads them.
#[derive(Clone, Debug, Default)]
pub struct Bundle {
    pub authority: String,
    pub package: Map,
    pub receipt: Map,
    pub lineage: Map,
    pub manifest: Map,
    pub service_definition: Map,
    pub lock: Map,
    pub digests: Map,
    pub registry_keys: Vec<RegistryKey>,
}

/// A decoded struct field (`None` for absent or null).
pub(crate) fn field<'a>(m: &'a Map, name: &str) -> Option<&'a Value> {
    m.get(name).filter(|v| !matches!(v, Value::Null))
}

pub(crate) fn field_str<'a>(m: &'a Map, name: &str) -> &'a str {
    field(m, name).and_then(Value::as_str).unwrap_or("")
}

fn field_map(m: &Map, name: &str) -> Map {
    field(m, name).and_then(Value::as_object).cloned().unwrap_or_default()
}

/// ANIP-BUN-1: the first value that is non-blank after trimming, returned untrimmed.
pub fn first_non_empty<'a>(values: &[&'a str]) -> &'a str {
    values.iter().copied().find(|v| !v.trim().is_empty()).unwrap_or("")
}

/// Decodes bundle bytes; errors carry upstream's `decode package bundle: …` text.
pub fn decode_bundle(bytes: &[u8]) -> Result<Bundle, Error> {
    const PREFIX: &str = "decode package bundle";
    let mut decoded = decode_bytes_as(bytes, &bundle_file::BUNDLE, PREFIX)?;
    let deferred = core::mem::take(&mut decoded.deferred);
    let mut top = finish(decoded, "ANIP_BUNDLE_DECODE", PREFIX)?;
    // Built only where resolve reads the package's copy: its stand-in is empty.
    for part in &deferred {
        let [_, name] = part.path[..] else { continue };
        let stand_in = bundle_file::DEFERRED_TOP.iter().find(|(n, _)| *n == name).map(|(_, top_name)| *top_name);
        let stand_in_filled = stand_in.and_then(|t| field(&top, t)).and_then(Value::as_object).is_some_and(|m| !m.is_empty());
        if !stand_in_filled {
            let value = json_struct::build_deferred(part, bytes, &Limits::default());
            if let Some(Value::Object(package)) = top.get_mut("package") {
                package.insert(name, value);
            }
        }
    }
    let registry_keys = field(&top, "registry_keys")
        .and_then(Value::as_array)
        .unwrap_or(&[])
        .iter()
        .map(|k| {
            let m = k.as_object().cloned().unwrap_or_default();
            RegistryKey {
                key_id: field_str(&m, "key_id").to_string(),
                algorithm: field_str(&m, "algorithm").to_string(),
                public_key: field_str(&m, "public_key").to_string(),
            }
        })
        .collect();
    // Moved out, not copied: a bundle's maps can be most of its size.
    Ok(Bundle {
        authority: field_str(&top, "authority").to_string(),
        package: take_map(&mut top, "package"),
        receipt: take_map(&mut top, "receipt"),
        lineage: take_map(&mut top, "lineage"),
        manifest: take_map(&mut top, "manifest"),
        service_definition: take_map(&mut top, "service_definition"),
        lock: take_map(&mut top, "lock"),
        digests: take_map(&mut top, "digests"),
        registry_keys,
    })
}

/// The object at `name`, moved out of `m` (empty when absent, null or not an object).
fn take_map(m: &mut Map, name: &str) -> Map {
    m.remove(name).and_then(|v| v.into_object().ok()).unwrap_or_default()
}

/// Everything verify, lock writing and the execution signature need, resolved once.
#[derive(Clone, Debug)]
pub struct Resolved {
    pub source: SourceKind,
    pub definition: Map,
    pub manifest: Map,
    pub lock: Map,
    pub package_id: String,
    pub package_version: String,
    pub schema_version: String,
    pub publisher_id: String,
    pub publisher_type: String,
    /// `package.contract_signature` (the resolver's value, used by lock files).
    pub contract_signature: String,
    pub stored_definition_digest: String,
    pub stored_manifest_digest: String,
    pub stored_lock_digest: String,
    pub package_execution_signature: String,
    pub receipt_signature: String,
    pub receipt_issued_at: String,
    pub receipt_authority: String,
    pub lineage: Map,
    /// `package.implementation_materials` exactly as carried (ANIP-DIG-5).
    pub implementation_materials: Value,
    pub registry_keys: Vec<RegistryKey>,
}

impl Resolved {
    /// A plain service-definition file: no package metadata at all.
    pub fn from_definition(definition: Map) -> Self {
        // Upstream's resolveFromFile: the definition's own contract_schema_version.
        let schema_version = definition.get("contract_schema_version").and_then(Value::as_str).unwrap_or("").to_string();
        Resolved {
            source: SourceKind::File,
            definition,
            manifest: Map::new(),
            lock: Map::new(),
            package_id: String::new(),
            package_version: String::new(),
            schema_version,
            publisher_id: String::new(),
            publisher_type: String::new(),
            contract_signature: String::new(),
            stored_definition_digest: String::new(),
            stored_manifest_digest: String::new(),
            stored_lock_digest: String::new(),
            package_execution_signature: String::new(),
            receipt_signature: String::new(),
            receipt_issued_at: String::new(),
            receipt_authority: String::new(),
            lineage: Map::new(),
            implementation_materials: Value::Array(Vec::new()),
            registry_keys: Vec::new(),
        }
    }

    /// Verifier-only contract signature chain (ANIP-BUN-2): the package value, else
    /// `service_definition.compiled_contract_identity.signature`.
    pub fn verifier_contract_signature(&self) -> String {
        let identity = self
            .definition
            .get("compiled_contract_identity")
            .map(|v| v.str_at("signature"))
            .unwrap_or("");
        first_non_empty(&[&self.contract_signature, identity]).to_string()
    }

    /// ANIP-BUN-4: readiness / consumability from the manifest, else the lock.
    pub fn consumption_object(&self, key: &str) -> &Map {
        for source in [&self.manifest, &self.lock] {
            if let Some(Value::Object(m)) = source.get(key) {
                if !m.is_empty() {
                    return m;
                }
            }
        }
        &EMPTY_MAP
    }

    /// [`Resolved::consumption_object`], moved out: for the report, its last reader.
    pub fn take_consumption_object(&mut self, key: &str) -> Map {
        for source in [&mut self.manifest, &mut self.lock] {
            if let Some(Value::Object(m)) = source.get_mut(key) {
                if !m.is_empty() {
                    return core::mem::take(m);
                }
            }
        }
        Map::new()
    }
}

/// ANIP-BUN-3: the first lineage candidate that is, or contains, a lineage object.
fn resolve_lineage(candidates: &[&Map]) -> Map {
    for c in candidates {
        if c.is_empty() {
            continue;
        }
        if let Some(Value::Object(inner)) = c.get("lineage") {
            if !inner.is_empty() {
                return inner.clone();
            }
        }
        if ["project_ref", "product_revision", "developer_revision"].iter().all(|k| c.contains_key(k)) {
            return (*c).clone();
        }
    }
    Map::new()
}

/// ANIP-BUN-4 manifest: add `implementation_material.custom_code_bundles` when the
/// package carries materials and the manifest has no `implementation_material` key.
fn resolve_manifest(base: Map, materials: &Value) -> Map {
    let non_empty: Vec<Value> = materials
        .as_array()
        .unwrap_or(&[])
        .iter()
        .filter(|m| m.as_object().is_some_and(|o| !o.is_empty()))
        .cloned()
        .collect();
    if non_empty.is_empty() || base.contains_key("implementation_material") {
        return base;
    }
    let mut manifest = base;
    manifest.insert(
        "implementation_material",
        Map::new().with("custom_code_bundles", Value::Array(non_empty)).into(),
    );
    manifest
}

/// Resolves a decoded bundle (bundle mode of ANIP-BUN-2..4), moving its parts.
pub fn resolve(mut bundle: Bundle) -> Result<Resolved, Error> {
    let definition = if !bundle.service_definition.is_empty() {
        core::mem::take(&mut bundle.service_definition)
    } else {
        take_map(&mut bundle.package, "service_definition")
    };
    let manifest_base = core::mem::take(&mut bundle.manifest);
    let lock = core::mem::take(&mut bundle.lock);
    let pkg = &bundle.package;
    if definition.is_empty() {
        return Err(Error::new(
            "ANIP_BUNDLE_NO_DEFINITION",
            "package bundle does not contain a service definition",
        ));
    }
    let materials = field(pkg, "implementation_materials").cloned().unwrap_or(Value::Array(Vec::new()));
    let manifest_base = if !manifest_base.is_empty() { manifest_base } else { field_map(pkg, "manifest") };
    let manifest = resolve_manifest(manifest_base, &materials);
    let lock = if !lock.is_empty() { lock } else { field_map(pkg, "recommended_lock") };
    let digest = |key: &str| field_str(&bundle.digests, key).to_string();
    let package_lineage = field_map(pkg, "lineage");
    let lineage = resolve_lineage(&[&bundle.lineage, &package_lineage, &manifest, &lock]);
    let pes = first_non_empty(&[
        field_str(pkg, "package_execution_signature"),
        manifest.get("package_execution_signature").and_then(Value::as_str).unwrap_or(""),
        lock.get("package_execution_signature").and_then(Value::as_str).unwrap_or(""),
        &digest("package_execution"),
    ])
    .to_string();
    Ok(Resolved {
        source: SourceKind::PackageBundle,
        package_id: field_str(pkg, "package_id").to_string(),
        package_version: field_str(pkg, "package_version").to_string(),
        schema_version: field_str(pkg, "schema_version").to_string(),
        publisher_id: field_str(pkg, "publisher_id").to_string(),
        publisher_type: field_str(pkg, "publisher_type").to_string(),
        contract_signature: field_str(pkg, "contract_signature").to_string(),
        stored_definition_digest: first_non_empty(&[field_str(pkg, "definition_digest"), &digest("service_definition")])
            .to_string(),
        stored_manifest_digest: first_non_empty(&[field_str(pkg, "manifest_digest"), &digest("manifest")]).to_string(),
        stored_lock_digest: first_non_empty(&[field_str(pkg, "lock_digest"), &digest("lock")]).to_string(),
        package_execution_signature: pes,
        receipt_signature: first_non_empty(&[field_str(&bundle.receipt, "registry_signature"), &digest("receipt")])
            .to_string(),
        receipt_issued_at: field_str(&bundle.receipt, "issued_at").to_string(),
        receipt_authority: first_non_empty(&[&bundle.authority, field_str(&bundle.receipt, "authority"), "local-studio"])
            .to_string(),
        definition,
        manifest,
        lock,
        lineage,
        implementation_materials: materials,
        registry_keys: core::mem::take(&mut bundle.registry_keys),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> String {
        decode_bundle(text.as_bytes()).expect_err("a decode error").to_string()
    }

    #[test]
    fn keys_apply_in_source_order_and_merge_into_structs() {
        // A later case variant of a struct field decodes into the same struct (Go reuses it).
        let b = decode_bundle(br#"{"receipt":{"registry_signature":"a","issued_at":"t"},"Receipt":{"registry_signature":"b"}}"#)
            .expect("decodes");
        assert_eq!(field_str(&b.receipt, "registry_signature"), "b");
        assert_eq!(field_str(&b.receipt, "issued_at"), "t");
        // Maps are added to; a later duplicate of a string field wins.
        let b = decode_bundle(br#"{"digests":{"a":"1"},"DIGESTS":{"b":"2"},"authority":"x","Authority":"y"}"#).expect("decodes");
        assert_eq!((field_str(&b.digests, "a"), field_str(&b.digests, "b")), ("1", "2"));
        assert_eq!(b.authority, "y");
        // `null` resets a map field.
        let b = decode_bundle(br#"{"manifest":{"a":1},"manifest":null}"#).expect("decodes");
        assert!(b.manifest.is_empty());
    }

    #[test]
    fn the_first_type_error_in_the_document_wins() {
        assert_eq!(
            error(r#"{"receipt":"x","receipt":{"registry_signature":"s"}}"#),
            "decode package bundle: json: cannot unmarshal string into Go struct field PackageBundle.receipt of type generator.packageBundleReceipt"
        );
        assert_eq!(
            error(r#"{"lock":[],"authority":7}"#),
            "decode package bundle: json: cannot unmarshal array into Go struct field PackageBundle.lock of type map[string]interface {}"
        );
        // A syntax error anywhere comes before any type error.
        assert_eq!(error(r#"{"lock":[],"authority":7,}"#), "decode package bundle: invalid character '}' looking for beginning of object key string");
    }

    #[test]
    fn fields_as_upstream_declares_them() {
        // Not fields of Go's structs: never looked at.
        assert!(decode_bundle(br#"{"exported_at":true,"receipt":{"package_id":5,"key_id":[]},"package":{"lifecycle":7}}"#).is_ok());
        assert_eq!(
            error(r#"{"publication":"x"}"#),
            "decode package bundle: json: cannot unmarshal string into Go struct field PackageBundle.publication of type map[string]interface {}"
        );
        assert_eq!(
            error(r#"{"registry_keys":[5]}"#),
            "decode package bundle: json: cannot unmarshal number into Go struct field PackageBundle.registry_keys of type registryclient.PublicKey"
        );
        assert_eq!(
            error(r#"{"registry_keys":[{"key_id":1}]}"#),
            "decode package bundle: json: cannot unmarshal number into Go struct field PublicKey.registry_keys.key_id of type string"
        );
        // Materials are `[]map[string]any`: carried exactly, whatever their members.
        let b = decode_bundle(br#"{"package":{"implementation_materials":[{"ref":5,"extra":[1]}]}}"#).expect("decodes");
        let materials = field(&b.package, "implementation_materials").expect("materials");
        assert_eq!(crate::json::to_compact(materials), r#"[{"extra":[1],"ref":5}]"#);
        assert_eq!(
            error(r#"{"package":{"implementation_materials":["x"]}}"#),
            "decode package bundle: json: cannot unmarshal string into Go struct field registryPackageRecord.package.implementation_materials of type map[string]interface {}"
        );
    }

    #[test]
    fn package_copies_are_built_only_where_the_top_level_copy_is_empty() {
        let b = decode_bundle(br#"{"manifest":{"m":1},"lock":{},"package":{"manifest":{"p":1},"recommended_lock":{"l":2}}}"#)
            .expect("decodes");
        assert!(field(&b.package, "manifest").is_none());
        assert_eq!(crate::json::to_compact(field(&b.package, "recommended_lock").expect("built")), r#"{"l":2}"#);
        // Absent at the top: built.
        let b = decode_bundle(br#"{"package":{"service_definition":{"s":[1,{"t":"u"}]}}}"#).expect("decodes");
        assert_eq!(crate::json::to_compact(field(&b.package, "service_definition").expect("built")), r#"{"s":[1,{"t":"u"}]}"#);
    }

    #[test]
    fn package_copies_merge_and_reset_as_go_does() {
        let built = |text: &[u8]| {
            let b = decode_bundle(text).expect("decodes");
            field(&b.package, "manifest").map(crate::json::to_compact)
        };
        // A repeated key decodes into the map already there, in one package or across two.
        assert_eq!(built(br#"{"package":{"manifest":{"a":1,"b":1},"Manifest":{"b":2}}}"#).as_deref(), Some(r#"{"a":1,"b":2}"#));
        assert_eq!(built(br#"{"package":{"manifest":{"a":1}},"package":{"manifest":{"b":2}}}"#).as_deref(), Some(r#"{"a":1,"b":2}"#));
        // `null` resets the map; a `null` package leaves the struct as it was.
        assert_eq!(built(br#"{"package":{"manifest":{"a":1},"manifest":null}}"#), None);
        assert_eq!(built(br#"{"package":{"manifest":{"a":1}},"package":null}"#).as_deref(), Some(r#"{"a":1}"#));
        assert_eq!(built(br#"{"package":{"manifest":null,"manifest":{"c":3}}}"#).as_deref(), Some(r#"{"c":3}"#));
    }

    #[test]
    fn package_copies_not_built_are_still_checked_in_place() {
        // The top-level definition is filled, so the package's copy is not built, yet its
        // errors are reported where they stand, before a later type error.
        assert_eq!(
            error(r#"{"service_definition":{"x":1},"package":{"service_definition":{"a":[{"b":-1e999}]}},"authority":7}"#),
            "decode package bundle: json: cannot unmarshal number -1e999 into Go struct field registryPackageRecord.package.service_definition of type float64"
        );
        assert_eq!(
            error(r#"{"authority":7,"service_definition":{"x":1},"package":{"service_definition":{"a":1e400}}}"#),
            "decode package bundle: json: cannot unmarshal number into Go struct field PackageBundle.authority of type string"
        );
        let long = "x".repeat(Limits::default().max_string_bytes + 1);
        let text = format!(r#"{{"manifest":{{"m":1}},"package":{{"manifest":{{"k":"{long}"}}}}}}"#);
        let checked = decode_bundle(text.as_bytes()).expect_err("too long").to_string();
        let built = decode_bundle(text.replace(r#""manifest":{"m":1},"#, "").as_bytes()).expect_err("too long").to_string();
        assert_eq!(checked, built);
        assert!(checked.contains("too long") || checked.contains("exceeds"), "{checked}");
    }

    #[test]
    fn out_of_range_numbers_name_the_struct_field() {
        assert_eq!(
            error(r#"{"package":{"service_definition":{"a":[{"b":1e400}]}}}"#),
            "decode package bundle: json: cannot unmarshal number 1e400 into Go struct field registryPackageRecord.package.service_definition of type float64"
        );
        assert_eq!(error("[1e400]"), "decode package bundle: json: cannot unmarshal array into Go value of type generator.PackageBundle");
    }
}
