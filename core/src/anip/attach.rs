//! `anip package attach-implementation` without the I/O (ANIP-ATT-1, spec §5.6):
//! argument checks in upstream's order, the Registry publish request built from a
//! package bundle, and the publish call's URL and response handling. Code is never
//! uploaded: only `{title, ref, bundle_tree_sha256}` metadata is added.
use alloc::collections::BTreeSet;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::anip::bundle_tree::entry::{Entry, TreeLimits};
use crate::anip::bundle_tree::raw::raw_tree_digest;
use crate::diag::Error;
use crate::json::{Map, Value};
use crate::anip::refs::validate_ref;

/// The flags of `attach-implementation` that reach the core.
#[derive(Clone, Debug, Default)]
pub struct AttachOptions {
    /// `--package-version` (the new version).
    pub package_version: String,
    /// `--implementation-material-ref` (preferred when both are given).
    pub implementation_material_ref: String,
    /// `--custom-code-bundle-ref`.
    pub custom_code_bundle_ref: String,
    /// `--bundle-tree-sha256`.
    pub bundle_tree_sha256: String,
    /// `--implementation-material-title`.
    pub title: String,
    /// The `--custom-code-bundle` path as given (cleaned); only used in messages.
    pub bundle_root: String,
    pub limits: TreeLimits,
}

impl AttachOptions {
    /// From a binding's options object (`package_version`,
    /// `implementation_material_ref`, `custom_code_bundle_ref`, `bundle_tree_sha256`,
    /// `title`, `bundle_root`; all strings).
    pub fn from_value(v: &Value) -> Result<Self, Error> {
        let mut o = AttachOptions::default();
        let Some(m) = v.as_object() else { return Ok(o) };
        for (k, val) in m.iter() {
            if matches!(val, Value::Null) {
                continue;
            }
            let s = val
                .as_str()
                .ok_or_else(|| Error::new("INVALID_OPTION", alloc::format!("attach option {k:?} must be a string")))?
                .to_string();
            match k.as_str() {
                "package_version" => o.package_version = s,
                "implementation_material_ref" => o.implementation_material_ref = s,
                "custom_code_bundle_ref" => o.custom_code_bundle_ref = s,
                "bundle_tree_sha256" => o.bundle_tree_sha256 = s,
                "title" => o.title = s,
                "bundle_root" => o.bundle_root = s,
                other => return Err(Error::new("INVALID_OPTION", alloc::format!("unknown attach option {other:?}"))),
            }
        }
        Ok(o)
    }
}

/// The material to attach: `{title?, ref, bundle_tree_sha256?}`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImplementationMaterial {
    pub title: String,
    pub reference: String,
    pub bundle_tree_sha256: String,
}

impl ImplementationMaterial {
    pub fn to_value(&self) -> Value {
        let mut m = Map::record();
        if !self.title.is_empty() {
            m.insert("title", self.title.as_str().into());
        }
        m.insert("ref", self.reference.as_str().into());
        if !self.bundle_tree_sha256.is_empty() {
            m.insert("bundle_tree_sha256", self.bundle_tree_sha256.as_str().into());
        }
        m.into()
    }
}

/// packagecmd's `firstNonEmpty`: the first value non-blank after trimming, **trimmed**.
fn first_trimmed<'a>(values: &[&'a str]) -> &'a str {
    values.iter().map(|v| v.trim()).find(|v| !v.is_empty()).unwrap_or("")
}

/// Steps 2–6 of ANIP-ATT-1 (step 1, `--package-bundle` given, is the host's).
/// `local_bundle`: the entries of `--custom-code-bundle`, whose **raw** digest is
/// computed and replaces the flag value.
pub fn check_attach_args(options: &AttachOptions, local_bundle: Option<&[Entry<'_>]>) -> Result<ImplementationMaterial, Error> {
    if options.package_version.trim().is_empty() {
        return Err(Error::new("ATT_VERSION_REQUIRED", "--package-version is required"));
    }
    let reference = first_trimmed(&[&options.implementation_material_ref, &options.custom_code_bundle_ref]);
    if reference.is_empty() {
        return Err(Error::new("ATT_REF_REQUIRED", "--custom-code-bundle-ref or --implementation-material-ref is required"));
    }
    validate_ref(reference).map_err(|e| Error::new(e.code, alloc::format!("invalid custom code bundle ref: {}", e.message)))?;
    let mut tree = options.bundle_tree_sha256.clone();
    if let Some(entries) = local_bundle {
        let digest = raw_tree_digest(entries, &options.bundle_root, &options.limits)?.digest;
        let given = tree.trim();
        if !given.is_empty() && !given.eq_ignore_ascii_case(&digest) {
            return Err(Error::new(
                "ATT_TREE_DIGEST_MISMATCH",
                alloc::format!(
                    "--bundle-tree-sha256 does not match local custom bundle: expected {} computed {digest}",
                    given.to_lowercase()
                ),
            ));
        }
        tree = digest;
    }
    if !tree.trim().is_empty() && !crate::digest::is_sha256_digest(&tree) {
        return Err(Error::new("ATT_TREE_DIGEST_INVALID", "--bundle-tree-sha256 must be sha256:<64 hex chars>"));
    }
    Ok(ImplementationMaterial {
        title: options.title.trim().to_string(),
        reference: reference.to_string(),
        bundle_tree_sha256: tree.trim().to_lowercase(),
    })
}

fn go_kind(v: &Value) -> &'static str {
    match v {
        Value::Array(_) => "array",
        Value::String(_) => "string",
        Value::Number(_) => "number",
        Value::Bool(_) => "bool",
        Value::Object(_) | Value::Null => "object",
    }
}

/// Decodes a bundle the way `json.Unmarshal` into `map[string]any` does.
fn decode_root(bytes: &[u8]) -> Result<Map, Error> {
    let v = crate::json::parse(bytes).map_err(|e| Error::new(e.code(), alloc::format!("decode package bundle: {e}")))?;
    match v.into_object() {
        Ok(m) => Ok(m),
        Err(Value::Null) => Ok(Map::new()),
        Err(other) => Err(Error::new(
            "ATT_BUNDLE_DECODE",
            alloc::format!("decode package bundle: json: cannot unmarshal {} into Go value of type map[string]interface {{}}", go_kind(&other)),
        )),
    }
}

fn map_of(v: Option<&Value>) -> Map {
    v.and_then(Value::as_object).cloned().unwrap_or_default()
}

fn str_of(v: Option<&Value>) -> &str {
    v.and_then(Value::as_str).map(str::trim).unwrap_or("")
}

fn first_map(candidates: [Map; 3]) -> Map {
    candidates.into_iter().find(|m| !m.is_empty()).unwrap_or_default()
}

/// `implementationMaterialsFromAny`.
fn materials_from_any(v: Option<&Value>) -> Vec<ImplementationMaterial> {
    let items: Vec<Value> = match v {
        Some(Value::Array(a)) => a.clone(),
        Some(Value::Object(m)) => match m.get("custom_code_bundles") {
            Some(Value::Array(nested)) => nested.clone(),
            _ => alloc::vec![Value::Object(m.clone())],
        },
        _ => return Vec::new(),
    };
    items
        .iter()
        .filter_map(|item| {
            let m = item.as_object()?;
            let reference = str_of(m.get("ref"));
            let tree = first_trimmed(&[str_of(m.get("bundle_tree_sha256")), str_of(m.get("tree_sha256"))]);
            let title = str_of(m.get("title"));
            if reference.is_empty() && tree.is_empty() && title.is_empty() {
                return None;
            }
            Some(ImplementationMaterial { title: title.into(), reference: reference.into(), bundle_tree_sha256: tree.to_lowercase() })
        })
        .collect()
}

/// `dedupeImplementationMaterials`: trimmed, blank refs dropped, first of each
/// `ref` + tree digest kept.
fn dedupe(materials: Vec<ImplementationMaterial>) -> Vec<ImplementationMaterial> {
    let mut seen = BTreeSet::new();
    materials
        .into_iter()
        .map(|m| ImplementationMaterial {
            title: m.title.trim().into(),
            reference: m.reference.trim().into(),
            bundle_tree_sha256: m.bundle_tree_sha256.trim().to_lowercase(),
        })
        .filter(|m| !m.reference.is_empty())
        .filter(|m| seen.insert(alloc::format!("{}\0{}", m.reference, m.bundle_tree_sha256)))
        .collect()
}

/// `buildPublishBundleRequest` (what `package publish-bundle` sends), then, when
/// `attach` is given, the attach-implementation changes: the new version and the
/// appended material. Returns the request object in upstream's field order.
pub fn build_publish_request(bundle: &[u8], attach: Option<(&str, &ImplementationMaterial)>) -> Result<Value, Error> {
    let root = decode_root(bundle)?;
    let package = map_of(root.get("package"));
    let publication = map_of(root.get("publication"));
    // `package` merged over the top level: a key present in `package` wins, even null.
    let src = |key: &str| package.get(key).or_else(|| root.get(key));
    let lineage = first_map([map_of(src("lineage")), map_of(root.get("lineage")), map_of(publication.get("lineage"))]);
    let pub_str = |key: &str| str_of(publication.get(key));
    let lin_str = |key: &str| str_of(lineage.get(key));
    let nested = |outer: &str, key: &str| str_of(lineage.get(outer).and_then(|o| o.get(key)));
    let src_manifest = map_of(src("manifest"));

    let package_id = str_of(src("package_id")).to_string();
    let package_version = str_of(src("package_version")).to_string();
    let project_ref = first_trimmed(&[str_of(src("project_ref")), pub_str("project_ref"), lin_str("project_ref")]).to_string();
    let product_ref = first_trimmed(&[
        str_of(src("product_revision_ref")),
        pub_str("product_revision_ref"),
        lin_str("product_revision_ref"),
        nested("product_revision", "ref"),
    ])
    .to_string();
    let developer_ref = first_trimmed(&[
        str_of(src("developer_revision_ref")),
        pub_str("developer_revision_ref"),
        lin_str("developer_revision_ref"),
        nested("developer_revision", "ref"),
    ])
    .to_string();
    let contract_signature = first_trimmed(&[
        str_of(src("contract_signature")),
        pub_str("contract_signature"),
        nested("developer_revision", "contract_signature"),
    ])
    .to_string();
    let publisher_id = first_trimmed(&[str_of(src("publisher_id")), pub_str("publisher_id")]).to_string();
    let publisher_type = first_trimmed(&[str_of(src("publisher_type")), pub_str("publisher_type")]).to_string();
    let schema_version = first_trimmed(&[str_of(src("schema_version")), "anip-service-definition/v1"]).to_string();
    let manifest = first_map([map_of(root.get("manifest")), src_manifest.clone(), Map::new()]);
    let definition = first_map([map_of(root.get("service_definition")), map_of(src("service_definition")), Map::new()]);
    let lock = first_map([map_of(root.get("lock")), map_of(src("recommended_lock")), Map::new()]);
    let readme = first_trimmed(&[str_of(src("readme")), str_of(src_manifest.get("readme"))]).to_string();
    // `firstNonNil`: a JSON null counts as absent.
    let links_value = src("source_links").filter(|v| !matches!(v, Value::Null)).or_else(|| src_manifest.get("source_links"));
    let source_links: Vec<Value> = links_value
        .and_then(Value::as_array)
        .unwrap_or(&[])
        .iter()
        .filter_map(|item| {
            let m = map_of(Some(item));
            let (title, url) = (str_of(m.get("title")), str_of(m.get("url")));
            (!title.is_empty() || !url.is_empty()).then(|| Map::record().with("title", title).with("url", url).into())
        })
        .collect();

    if package_id.is_empty() {
        return Err(Error::new("ATT_NO_PACKAGE_ID", "package bundle does not contain package_id"));
    }
    if package_version.is_empty() {
        return Err(Error::new("ATT_NO_PACKAGE_VERSION", "package bundle does not contain package_version"));
    }
    if project_ref.is_empty() {
        return Err(Error::new("ATT_NO_PROJECT_REF", "package bundle does not contain project_ref"));
    }
    if product_ref.is_empty() || developer_ref.is_empty() || contract_signature.is_empty() {
        return Err(Error::new(
            "ATT_NO_REVISION_REFS",
            "package bundle must contain product_revision_ref, developer_revision_ref, and contract_signature",
        ));
    }
    if manifest.is_empty() || definition.is_empty() || lock.is_empty() {
        return Err(Error::new(
            "ATT_NO_DOCUMENTS",
            "package bundle must contain manifest, service_definition, and recommended_lock or lock",
        ));
    }
    let mut materials = materials_from_any(src("implementation_materials"));
    if materials.is_empty() {
        materials = materials_from_any(src_manifest.get("implementation_material"));
    }
    let mut materials = dedupe(materials);
    let mut version = package_version;
    if let Some((new_version, material)) = attach {
        version = new_version.trim().to_string();
        materials.push(material.clone());
        materials = dedupe(materials);
    }

    let mut out = Map::record()
        .with("package_id", package_id)
        .with("package_version", version)
        .with("project_ref", project_ref)
        .with("product_revision_ref", product_ref)
        .with("developer_revision_ref", developer_ref)
        .with("contract_signature", contract_signature);
    if !publisher_id.is_empty() {
        out.insert("publisher_id", publisher_id.into());
    }
    if !publisher_type.is_empty() {
        out.insert("publisher_type", publisher_type.into());
    }
    if !lineage.is_empty() {
        out.insert("lineage", lineage.into());
    }
    out.insert("schema_version", schema_version.into());
    out.insert("manifest", manifest.into());
    out.insert("service_definition", definition.into());
    out.insert("recommended_lock", lock.into());
    if !readme.is_empty() {
        out.insert("readme", readme.into());
    }
    if !source_links.is_empty() {
        out.insert("source_links", Value::Array(source_links));
    }
    if !materials.is_empty() {
        out.insert("implementation_materials", Value::Array(materials.iter().map(ImplementationMaterial::to_value).collect()));
    }
    Ok(out.into())
}

/// Steps 2–7 of ANIP-ATT-1 in one call: the publish request with the material attached.
pub fn attach_implementation(bundle: &[u8], local_bundle: Option<&[Entry<'_>]>, options: &AttachOptions) -> Result<Value, Error> {
    let material = check_attach_args(options, local_bundle)?;
    build_publish_request(bundle, Some((&options.package_version, &material)))
}

/// The bytes `json.Marshal` sends: compact, struct order, HTML characters escaped.
pub fn request_body(request: &Value) -> Vec<u8> {
    // `<`, `>` and `&` only ever occur inside JSON strings, so escaping them in the
    // compact text is exactly Go's string escaping.
    let compact = crate::json::to_compact(request);
    let mut out = String::with_capacity(compact.len());
    for c in compact.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out.into_bytes()
}

/// `url.JoinPath(registryAPIBase(base), "publications")` for ordinary base URLs.
pub fn publish_url(registry_base: &str) -> String {
    alloc::format!("{}/publications", super::registry_urls::api_base(registry_base))
}

/// Largest response body upstream reads.
pub const MAX_RESPONSE_BYTES: usize = 1 << 20;

/// Interprets the Registry's answer: `status_line` is Go's `Response.Status`
/// (`"201 Created"`).
pub fn publish_response(status: u16, status_line: &str, body: &[u8]) -> Result<Value, Error> {
    let body = &body[..body.len().min(MAX_RESPONSE_BYTES)];
    if !(200..300).contains(&status) {
        return Err(Error::new(
            "ATT_PUBLISH_REJECTED",
            alloc::format!("publish package revision failed: {status_line}: {}", String::from_utf8_lossy(body).trim()),
        ));
    }
    let v = crate::json::parse(body)
        .map_err(|e| Error::new("ATT_PUBLISH_RESPONSE_DECODE", alloc::format!("decode registry publish response: {e}")))?;
    match v {
        Value::Object(_) | Value::Null => Ok(v),
        other => Err(Error::new(
            "ATT_PUBLISH_RESPONSE_DECODE",
            alloc::format!(
                "decode registry publish response: json: cannot unmarshal {} into Go value of type map[string]interface {{}}",
                go_kind(&other)
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEX: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    fn git_ref() -> String {
        alloc::format!("git+https://github.com/acme/glue.git@{}#sha256:{HEX}", "a".repeat(40))
    }

    fn minimal_bundle(extra_package: &str) -> String {
        alloc::format!(
            r#"{{"package": {{"package_id": " demo ", "package_version": "1.0.0", "project_ref": "p", "contract_signature": "sha256:c",
               "lineage": {{"product_revision": {{"ref": "prod"}}, "developer_revision": {{"ref": "dev"}}}},
               "manifest": {{"readme": "  Hello  ", "source_links": [{{"title": " Docs ", "url": "https://x"}}, {{}}]}},
               "service_definition": {{"a": 1}}, "recommended_lock": {{"b": 2}} {extra_package}}}}}"#
        )
    }

    fn opts() -> AttachOptions {
        AttachOptions { package_version: " 1.1.0 ".into(), custom_code_bundle_ref: alloc::format!(" {} ", git_ref()), ..AttachOptions::default() }
    }

    #[test]
    fn arg_checks_in_order() {
        let code = |o: &AttachOptions| check_attach_args(o, None).unwrap_err().code();
        assert_eq!(code(&AttachOptions::default()), "ATT_VERSION_REQUIRED");
        assert_eq!(code(&AttachOptions { package_version: "1".into(), ..AttachOptions::default() }), "ATT_REF_REQUIRED");
        let floating = AttachOptions { custom_code_bundle_ref: "registry://a/b@latest".into(), ..opts() };
        let e = check_attach_args(&floating, None).unwrap_err();
        assert_eq!(e.message(), "invalid custom code bundle ref: custom code bundle ref must include a sha256 digest fragment");
        assert_eq!(code(&AttachOptions { bundle_tree_sha256: "sha256:zz".into(), ..opts() }), "ATT_TREE_DIGEST_INVALID");
        let m = check_attach_args(&AttachOptions { bundle_tree_sha256: alloc::format!(" SHA256:{} ", HEX.to_uppercase()), title: " T ".into(), ..opts() }, None).unwrap();
        assert_eq!(m, ImplementationMaterial { title: "T".into(), reference: git_ref(), bundle_tree_sha256: alloc::format!("sha256:{HEX}") });
    }

    #[test]
    fn local_bundle_digest_replaces_and_checks_the_flag() {
        let entries = [Entry::file("a.py", &b"x"[..])];
        let digest = raw_tree_digest(&entries, "", &TreeLimits::default()).unwrap().digest;
        let m = check_attach_args(&opts(), Some(&entries)).unwrap();
        assert_eq!(m.bundle_tree_sha256, digest);
        let wrong = AttachOptions { bundle_tree_sha256: alloc::format!("SHA256:{}", "F".repeat(64)), ..opts() };
        let e = check_attach_args(&wrong, Some(&entries)).unwrap_err();
        assert_eq!(e.message(), alloc::format!("--bundle-tree-sha256 does not match local custom bundle: expected sha256:{} computed {digest}", "f".repeat(64)));
    }

    #[test]
    fn request_shape_and_dedup() {
        let existing = alloc::format!(r#", "implementation_materials": [{{"ref": " {r} ", "title": "old"}}, {{"ref": "{r}"}}, {{"title": "no ref"}}]"#, r = git_ref());
        let bundle = minimal_bundle(&existing);
        let v = attach_implementation(bundle.as_bytes(), None, &opts()).unwrap();
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "package_id", "package_version", "project_ref", "product_revision_ref", "developer_revision_ref", "contract_signature",
                "lineage", "schema_version", "manifest", "service_definition", "recommended_lock", "readme", "source_links",
                "implementation_materials"
            ]
        );
        assert_eq!(v.str_at("package_id"), "demo");
        assert_eq!(v.str_at("package_version"), "1.1.0");
        assert_eq!(v.str_at("product_revision_ref"), "prod");
        assert_eq!(v.str_at("readme"), "Hello");
        assert_eq!(v.get("source_links").unwrap().as_array().unwrap().len(), 1);
        let mats = v.get("implementation_materials").unwrap().as_array().unwrap();
        // The existing entry (with its title) wins over the attached duplicate.
        assert_eq!(mats.len(), 1);
        assert_eq!(mats[0].str_at("title"), "old");
    }

    #[test]
    fn bundle_errors() {
        let e = build_publish_request(b"[1]", None).unwrap_err();
        assert_eq!(e.message(), "decode package bundle: json: cannot unmarshal array into Go value of type map[string]interface {}");
        assert_eq!(build_publish_request(b"null", None).unwrap_err().code(), "ATT_NO_PACKAGE_ID");
        let no_docs = r#"{"package_id":"a","package_version":"1","project_ref":"p","product_revision_ref":"x","developer_revision_ref":"y","contract_signature":"z","manifest":{"m":1}}"#;
        assert_eq!(build_publish_request(no_docs.as_bytes(), None).unwrap_err().code(), "ATT_NO_DOCUMENTS");
    }

    #[test]
    fn body_and_url() {
        let v: Value = Map::record().with("a", "<&>").into();
        assert_eq!(request_body(&v), br#"{"a":"\u003c\u0026\u003e"}"#.to_vec());
        assert_eq!(publish_url(" http://h:1/ "), "http://h:1/registry-api/v1/publications");
        assert_eq!(publish_url("http://h/registry-api/v1/"), "http://h/registry-api/v1/publications");
        assert_eq!(publish_response(400, "400 Bad Request", b" nope \n").unwrap_err().message(), "publish package revision failed: 400 Bad Request: nope");
        assert!(publish_response(201, "201 Created", br#"{"ok":true}"#).is_ok());
        assert_eq!(publish_response(200, "200 OK", b"[]").unwrap_err().code(), "ATT_PUBLISH_RESPONSE_DECODE");
    }
}
