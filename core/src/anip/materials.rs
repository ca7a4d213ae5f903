//! Implementation-material metadata (ANIP-MAT-1..5, ANIP-GEN-3): the custom code
//! bundle refs a package declares in its resolved manifest and lock.
use alloc::borrow::Cow;
use alloc::collections::BTreeSet;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::diag::Error;
use crate::json::{Map, Value};
use crate::anip::refs::validate_ref;

/// One declared material (`bundlerefs.CustomCodeBundleMaterial`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Material {
    /// The ref as written (untrimmed).
    pub reference: String,
    pub kind: String,
    pub locator: String,
    pub immutable: String,
    pub digest: String,
    /// Lowercased.
    pub bundle_tree_sha256: String,
    pub title: String,
    /// Where it was found, e.g. `manifest.implementation_material.custom_code_bundles[0]`.
    pub source: String,
}

impl Material {
    /// `{ref, kind?, locator?, immutable?, digest?, bundle_tree_sha256?, title?, source?}`.
    pub fn to_value(&self) -> Value {
        let mut m = Map::record().with("ref", self.reference.as_str());
        for (k, v) in [
            ("kind", &self.kind),
            ("locator", &self.locator),
            ("immutable", &self.immutable),
            ("digest", &self.digest),
            ("bundle_tree_sha256", &self.bundle_tree_sha256),
            ("title", &self.title),
            ("source", &self.source),
        ] {
            if !v.is_empty() {
                m.insert(k, v.as_str().into());
            }
        }
        m.into()
    }
}

/// Keys read from each metadata object, in order (ANIP-MAT-1).
const TOP_KEYS: &[&str] = &[
    "custom_code_bundle_ref",
    "custom_code_bundle_refs",
    "custom_code_bundles",
    "implementation_material",
    "implementation_materials",
    "implementation_material_refs",
];
/// Keys recursed into inside a non-material object (ANIP-MAT-2).
const NESTED_KEYS: &[&str] = &["custom_code_bundle_ref", "custom_code_bundle_refs", "custom_code_bundles"];
/// Any of these non-blank makes an object a material.
const MATERIAL_KEYS: &[&str] = &["ref", "uri", "url", "custom_code_bundle_ref", "bundle_tree_sha256", "tree_sha256", "local_tree_sha256"];

fn str_of<'a>(m: &'a Map, key: &str) -> &'a str {
    m.get(key).and_then(Value::as_str).unwrap_or("")
}

/// First value non-blank after trimming, returned untrimmed.
fn first_non_empty<'a>(values: &[&'a str]) -> &'a str {
    values.iter().copied().find(|v| !v.trim().is_empty()).unwrap_or("")
}

fn push_object(out: &mut Vec<Material>, source: &str, m: &Map) -> Result<(), Error> {
    let reference = ref_of(m);
    if reference.is_empty() {
        // ANIP-MAT-3: no ref, nothing recorded, even with a tree digest.
        return Ok(());
    }
    let parsed = validate_ref(reference)
        .map_err(|e| Error::new(e.code, alloc::format!("invalid custom code bundle metadata at {source}: {}", e.message)))?;
    let tree = tree_digest_of(m);
    if !tree.is_empty() && !crate::digest::is_sha256_digest(tree) {
        return Err(Error::new(
            "MAT_TREE_DIGEST_INVALID",
            alloc::format!("invalid custom code bundle tree digest at {source}: must be sha256:<64 hex chars>"),
        ));
    }
    out.push(Material {
        reference: reference.to_string(),
        kind: parsed.kind.to_string(),
        locator: parsed.locator,
        immutable: parsed.immutable,
        digest: parsed.digest,
        bundle_tree_sha256: tree.to_lowercase(),
        title: str_of(m, "title").to_string(),
        source: source.to_string(),
    });
    Ok(())
}

/// A place in package metadata where a material may be declared.
pub enum Site<'a> {
    /// An object (or a bare string, as `{ref: <string>}`) that is a material
    /// candidate, with its source label.
    Material(String, Cow<'a, Map>),
    /// A value of the wrong JSON type (ANIP-MAT-2).
    BadShape(String),
}

fn visit_value<'a, E>(
    source: &str,
    value: Option<&'a Value>,
    depth: usize,
    visit: &mut dyn FnMut(Site<'a>) -> Result<(), E>,
) -> Result<(), E> {
    if depth > 64 {
        // Deeper nesting than any real metadata: reported as a bad shape.
        return visit(Site::BadShape(source.into()));
    }
    match value {
        None | Some(Value::Null) => Ok(()),
        Some(Value::String(s)) => visit(Site::Material(source.into(), Cow::Owned(Map::new().with("ref", s.as_str())))),
        Some(Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                visit_value(&alloc::format!("{source}[{i}]"), Some(item), depth + 1, visit)?;
            }
            Ok(())
        }
        Some(Value::Object(m)) => {
            if MATERIAL_KEYS.iter().any(|k| !str_of(m, k).trim().is_empty()) {
                return visit(Site::Material(source.into(), Cow::Borrowed(m)));
            }
            for key in NESTED_KEYS {
                visit_value(&alloc::format!("{source}.{key}"), m.get(key), depth + 1, visit)?;
            }
            Ok(())
        }
        Some(_) => visit(Site::BadShape(source.into())),
    }
}

/// Visits every material site of one metadata object (a manifest or lock) in
/// upstream's order; `label` prefixes the source paths. Stops at the first `Err`.
pub fn visit_metadata<'a, E>(label: &str, metadata: &'a Map, visit: &mut dyn FnMut(Site<'a>) -> Result<(), E>) -> Result<(), E> {
    for key in TOP_KEYS {
        visit_value(&alloc::format!("{label}.{key}"), metadata.get(key), 0, visit)?;
    }
    Ok(())
}

/// The first non-blank tree digest of a material object (ANIP-MAT-3).
pub fn tree_digest_of(m: &Map) -> &str {
    first_non_empty(&[str_of(m, "bundle_tree_sha256"), str_of(m, "tree_sha256"), str_of(m, "local_tree_sha256")])
}

/// The ref of a material object: first non-blank of `ref`, `uri`, `url`,
/// `custom_code_bundle_ref`, untrimmed.
pub fn ref_of(m: &Map) -> &str {
    first_non_empty(&[str_of(m, "ref"), str_of(m, "uri"), str_of(m, "url"), str_of(m, "custom_code_bundle_ref")])
}

/// `CustomCodeBundleMaterialsFromMetadata(manifest, lock)`: every declared material,
/// deduplicated on `ref` + tree digest, first occurrence first (ANIP-MAT-5).
pub fn materials_from_metadata(manifest: &Map, lock: &Map) -> Result<Vec<Material>, Error> {
    let mut all = Vec::new();
    for (label, metadata) in [("manifest", manifest), ("recommended_lock", lock)] {
        visit_metadata(label, metadata, &mut |site| match site {
            Site::Material(source, m) => push_object(&mut all, &source, &m),
            Site::BadShape(source) => Err(Error::new(
                "MAT_SHAPE_INVALID",
                alloc::format!("custom code bundle metadata at {source} must be a string, object, or array"),
            )),
        })?;
    }
    let mut seen = BTreeSet::new();
    all.retain(|m| seen.insert(alloc::format!("{}\0{}", m.reference, m.bundle_tree_sha256)));
    Ok(all)
}

/// ANIP-GEN-1: the first declared non-empty tree digest.
pub fn first_declared_tree_digest(materials: &[Material]) -> Option<&str> {
    materials.iter().map(|m| m.bundle_tree_sha256.as_str()).find(|d| !d.is_empty())
}

/// ANIP-GEN-3 warnings. `local_applied`: a local bundle was applied with at least
/// one file.
pub fn material_warnings(materials: &[Material], local_applied: bool) -> Vec<String> {
    let mut out = Vec::new();
    if materials.is_empty() {
        return out;
    }
    if !local_applied {
        out.push("Custom implementation material is declared but was not fetched or applied. Use --custom-code-bundle for reviewed local material, or explicitly opt into remote fetching when that feature is enabled.".into());
    }
    for m in materials {
        if local_applied && m.bundle_tree_sha256.is_empty() {
            out.push(alloc::format!(
                "Custom bundle ref {} pins remote artifact bytes; no normalized local tree digest was declared for automatic local bundle comparison.",
                m.reference
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;

    const HEX: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    fn obj(s: &str) -> Map {
        parse(s.as_bytes()).unwrap().as_object().unwrap().clone()
    }

    fn git(n: u8) -> String {
        alloc::format!("git+https://github.com/acme/glue.git@{}#sha256:{HEX}", alloc::format!("{n}").repeat(40))
    }

    #[test]
    fn every_shape() {
        let manifest = obj(&alloc::format!(
            r#"{{
              "custom_code_bundle_ref": "{g1}",
              "custom_code_bundle_refs": ["{g2}", {{"uri": "{g3}", "title": "T"}}],
              "implementation_material": {{"custom_code_bundles": [{{"ref": "{g1}", "bundle_tree_sha256": "SHA256:{up}"}}, {{"tree_sha256": "sha256:{HEX}"}}]}},
              "implementation_materials": null
            }}"#,
            g1 = git(1),
            g2 = git(2),
            g3 = git(3),
            up = HEX.to_uppercase()
        ));
        let lock = obj(&alloc::format!(r#"{{"custom_code_bundles": {{"custom_code_bundle_refs": "{}"}}}}"#, git(1)));
        let got = materials_from_metadata(&manifest, &lock).unwrap();
        let sources: Vec<&str> = got.iter().map(|m| m.source.as_str()).collect();
        assert_eq!(
            sources,
            [
                "manifest.custom_code_bundle_ref",
                "manifest.custom_code_bundle_refs[0]",
                "manifest.custom_code_bundle_refs[1]",
                "manifest.implementation_material.custom_code_bundles[0]",
            ]
        );
        assert_eq!(got[2].title, "T");
        assert_eq!(got[3].bundle_tree_sha256, alloc::format!("sha256:{HEX}"));
        assert_eq!(first_declared_tree_digest(&got), Some(got[3].bundle_tree_sha256.as_str()));
        // The lock's duplicate of g1 (same ref, no tree digest) was removed.
        assert_eq!(got.len(), 4);
    }

    #[test]
    fn errors() {
        let e = materials_from_metadata(&obj(r#"{"implementation_materials": [1]}"#), &Map::new()).unwrap_err();
        assert_eq!(e.message(), "custom code bundle metadata at manifest.implementation_materials[0] must be a string, object, or array");
        let e = materials_from_metadata(&Map::new(), &obj(r#"{"custom_code_bundle_ref": {"url": "registry://a/b@main#sha256:00"}}"#))
            .unwrap_err();
        assert_eq!(e.message(), "invalid custom code bundle metadata at recommended_lock.custom_code_bundle_ref: custom code bundle ref digest must be sha256:<64 hex chars>");
        let m = obj(&alloc::format!(r#"{{"custom_code_bundle_ref": {{"ref": "{}", "local_tree_sha256": "sha256:xyz"}}}}"#, git(4)));
        let e = materials_from_metadata(&m, &Map::new()).unwrap_err();
        assert_eq!(e.code(), "MAT_TREE_DIGEST_INVALID");
    }

    #[test]
    fn warnings() {
        let m = Material { reference: "r".into(), ..Material::default() };
        assert_eq!(material_warnings(core::slice::from_ref(&m), false).len(), 1);
        assert!(material_warnings(&[m], true)[0].starts_with("Custom bundle ref r pins"));
        assert!(material_warnings(&[], false).is_empty());
    }
}
