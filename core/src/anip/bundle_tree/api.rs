//! Host-facing bundle-tree operations: the raw and applied tree digests, and the
//! `generate`-equivalent custom code bundle report with digest enforcement.
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::apply::{apply_bundle, ApplyOptions};
use super::entry::{Entry, TreeLimits};
use super::raw::{raw_tree_digest, TreeDigest};
use super::template::{default_values, validate_key, Target, TemplateValues};
use crate::anip::materials::{first_declared_tree_digest, material_warnings, materials_from_metadata, Material};
use crate::diag::Error;
use crate::json::{Map, Value};
use crate::anip::refs::{validate_ref, ParsedRef};

fn bad_option(msg: impl Into<String>) -> Error {
    Error::new("INVALID_OPTION", msg)
}

fn string_list(v: &Value, what: &str) -> Result<Vec<String>, Error> {
    v.as_array()
        .ok_or_else(|| bad_option(alloc::format!("{what} must be an array of strings")))?
        .iter()
        .map(|s| s.as_str().map(String::from).ok_or_else(|| bad_option(alloc::format!("{what} must be an array of strings"))))
        .collect()
}

fn string_map(v: &Value, what: &str) -> Result<TemplateValues, Error> {
    let m = v.as_object().ok_or_else(|| bad_option(alloc::format!("{what} must be an object of strings")))?;
    let mut out = TemplateValues::new();
    for (k, val) in m.iter() {
        let s = val.as_str().ok_or_else(|| bad_option(alloc::format!("{what} values must be strings")))?;
        validate_key(k)?;
        out.insert(k.clone(), s.into());
    }
    Ok(out)
}

fn limits_from(m: &Map, limits: &mut TreeLimits) -> Result<(), Error> {
    if let Some(v) = m.get("max_entries").filter(|v| !matches!(v, Value::Null)) {
        limits.max_entries = v.as_f64().filter(|n| *n >= 0.0).ok_or_else(|| bad_option("max_entries must be a number"))? as usize;
    }
    if let Some(v) = m.get("max_file_bytes").filter(|v| !matches!(v, Value::Null)) {
        limits.max_file_bytes = v.as_f64().filter(|n| *n >= 0.0).ok_or_else(|| bad_option("max_file_bytes must be a number"))? as u64;
    }
    Ok(())
}

/// Options of [`tree_digest`].
#[derive(Clone, Debug, Default)]
pub struct TreeDigestOptions {
    /// `false`: the raw digest (ANIP-TREE). `true`: the applied digest (ANIP-APPLY-6).
    pub applied: bool,
    /// Required for the applied digest.
    pub target: Option<Target>,
    /// Explicit template values; they override the target defaults.
    pub vars: TemplateValues,
    /// Derive target defaults from these (ANIP-APPLY-4); empty: no defaults.
    pub system_name: String,
    pub package_id: String,
    /// The bundle path as the user gave it (cleaned); prefix of paths in messages.
    pub root: String,
    /// The bundle directory's own name (ANIP-TREE-9); empty: last element of `root`.
    pub root_name: String,
    pub limits: TreeLimits,
}

impl TreeDigestOptions {
    /// From a binding's options object: `applied` (bool), `target`, `system_name`,
    /// `package_id`, `root`, `root_name` (strings), `vars` ({key: value}),
    /// `max_entries`, `max_file_bytes` (numbers).
    pub fn from_value(v: &Value) -> Result<Self, Error> {
        let mut o = TreeDigestOptions::default();
        let Some(m) = v.as_object() else { return Ok(o) };
        limits_from(m, &mut o.limits)?;
        for (k, val) in m.iter() {
            match (k.as_str(), val) {
                (_, Value::Null) | ("max_entries" | "max_file_bytes", _) => {}
                ("applied", Value::Bool(b)) => o.applied = *b,
                ("target", Value::String(s)) => o.target = Some(Target::parse(s)?),
                ("vars", v) => o.vars = string_map(v, "vars")?,
                ("system_name", Value::String(s)) => o.system_name = s.clone(),
                ("package_id", Value::String(s)) => o.package_id = s.clone(),
                ("root", Value::String(s)) => o.root = s.clone(),
                ("root_name", Value::String(s)) => o.root_name = s.clone(),
                (other, _) => return Err(bad_option(alloc::format!("unknown or mistyped tree digest option {other:?}"))),
            }
        }
        Ok(o)
    }

    fn template_values(&self, target: Target) -> TemplateValues {
        let mut values = if self.system_name.is_empty() && self.package_id.is_empty() {
            TemplateValues::new()
        } else {
            default_values(target, &self.system_name, &self.package_id)
        };
        values.extend(self.vars.iter().map(|(k, v)| (k.clone(), v.clone())));
        values
    }
}

impl TreeDigest {
    /// `{digest, files: [{path, sha256, bytes}]}`.
    pub fn to_value(&self) -> Value {
        let files = self
            .files
            .iter()
            .map(|f| Map::record().with("path", f.path.as_str()).with("sha256", f.sha256.as_str()).with("bytes", f.bytes).into())
            .collect::<Vec<Value>>();
        Map::record().with("digest", self.digest.as_str()).with("files", Value::Array(files)).into()
    }
}

/// `trustloop anip bundle digest`: the raw digest of a bundle, or its applied digest
/// for a target. The result is `{digest, files}`.
pub fn tree_digest(entries: &[Entry<'_>], options: &TreeDigestOptions) -> Result<Value, Error> {
    if !options.applied {
        return Ok(raw_tree_digest(entries, &options.root, &options.limits)?.to_value());
    }
    let target = options
        .target
        .ok_or_else(|| Error::new("APPLY_TARGET_REQUIRED", "the applied digest needs a target (python, typescript, go, java, csharp)"))?;
    let report = apply_bundle(
        entries,
        &ApplyOptions {
            bundle_path: options.root.clone(),
            root_name: options.root_name.clone(),
            template_values: options.template_values(target),
            limits: options.limits,
            ..ApplyOptions::default()
        },
    )?;
    let files = report
        .files
        .iter()
        .map(|f| Map::record().with("path", f.path.as_str()).with("sha256", f.sha256.as_str()).with("bytes", f.bytes).into())
        .collect::<Vec<Value>>();
    Ok(Map::record().with("digest", report.bundle_sha256.as_str()).with("files", Value::Array(files)).into())
}

/// The `generate` flags that concern custom code bundles (ANIP-GEN-2).
#[derive(Clone, Debug, Default)]
pub struct GenerateBundleFlags<'a> {
    pub custom_code_bundle_ref: &'a str,
    pub fetch_custom_code_bundle: bool,
    pub has_local_bundle: bool,
    pub verify_custom_code_bundle_digest: &'a str,
}

/// ANIP-GEN-2: upstream's flag checks in order. Returns the parsed user ref.
pub fn check_generate_flags(flags: &GenerateBundleFlags<'_>) -> Result<Option<ParsedRef>, Error> {
    let user_ref = flags.custom_code_bundle_ref.trim();
    let parsed = if user_ref.is_empty() {
        None
    } else {
        Some(validate_ref(user_ref).map_err(|e| Error::new(e.code, alloc::format!("invalid --custom-code-bundle-ref: {}", e.message)))?)
    };
    if flags.fetch_custom_code_bundle {
        if parsed.is_none() {
            return Err(Error::new("APPLY_FETCH_REQUIRES_REF", "--fetch-custom-code-bundle requires --custom-code-bundle-ref"));
        }
        if flags.has_local_bundle {
            return Err(Error::new("APPLY_FETCH_WITH_LOCAL_BUNDLE", "--fetch-custom-code-bundle cannot be combined with --custom-code-bundle"));
        }
        return Err(Error::new(
            "APPLY_FETCH_DISABLED",
            "--custom-code-bundle-ref passed immutable reference validation, but remote bundle fetching is not enabled yet; use --custom-code-bundle for a local filesystem bundle.",
        ));
    }
    let verify = flags.verify_custom_code_bundle_digest;
    if !verify.trim().is_empty() && !crate::digest::is_sha256_digest(verify) {
        return Err(Error::new("APPLY_VERIFY_DIGEST_INVALID", "--verify-custom-code-bundle-digest must be sha256:<64 hex chars>"));
    }
    if !verify.trim().is_empty() && !flags.has_local_bundle {
        return Err(Error::new("APPLY_VERIFY_DIGEST_REQUIRES_BUNDLE", "--verify-custom-code-bundle-digest requires --custom-code-bundle"));
    }
    Ok(parsed)
}

/// Options of [`bundle_report`].
#[derive(Clone, Debug, Default)]
pub struct BundleReportOptions {
    pub target: String,
    /// The cleaned bundle path as given (`bundle_path` of the report).
    pub bundle_path: String,
    /// The bundle directory's own name (ANIP-TREE-9); empty: last element of `bundle_path`.
    pub root_name: String,
    /// Explicit template values, over the target defaults.
    pub vars: TemplateValues,
    /// The generated project's file paths (see `apply::ApplyOptions::existing_files`).
    pub existing_files: Vec<String>,
    /// `--verify-custom-code-bundle-digest`.
    pub verify_digest: String,
    /// `--custom-code-bundle-ref` (recorded in `custom_code_bundle_refs`).
    pub custom_code_bundle_ref: String,
    /// `--fetch-custom-code-bundle` (always refused, after validation).
    pub fetch: bool,
    pub limits: TreeLimits,
}

impl BundleReportOptions {
    /// From a binding's options object: `target`, `bundle_path`, `root_name`,
    /// `verify_digest`, `custom_code_bundle_ref` (strings), `vars` ({key: value}),
    /// `existing_files` ([strings]), `fetch` (bool), `max_entries`, `max_file_bytes`.
    pub fn from_value(v: &Value) -> Result<Self, Error> {
        let mut o = BundleReportOptions::default();
        let Some(m) = v.as_object() else { return Ok(o) };
        limits_from(m, &mut o.limits)?;
        for (k, val) in m.iter() {
            match (k.as_str(), val) {
                (_, Value::Null) | ("max_entries" | "max_file_bytes", _) => {}
                ("target", Value::String(s)) => o.target = s.clone(),
                ("bundle_path", Value::String(s)) => o.bundle_path = s.clone(),
                ("root_name", Value::String(s)) => o.root_name = s.clone(),
                ("verify_digest", Value::String(s)) => o.verify_digest = s.clone(),
                ("custom_code_bundle_ref", Value::String(s)) => o.custom_code_bundle_ref = s.clone(),
                ("fetch", Value::Bool(b)) => o.fetch = *b,
                ("vars", v) => o.vars = string_map(v, "vars")?,
                ("existing_files", v) => o.existing_files = string_list(v, "existing_files")?,
                (other, _) => return Err(bad_option(alloc::format!("unknown or mistyped bundle report option {other:?}"))),
            }
        }
        Ok(o)
    }
}

/// `generate --package-bundle B --target T --custom-code-bundle DIR` without the
/// generator: flag checks, package materials, the capability scan, the apply, and
/// the digest enforcement of ANIP-GEN-1. Returns
/// `{report, template_values, custom_code_bundle_refs?, custom_code_bundle_warnings?}`;
/// `report` is the `custom-code-bundle-report.json` object.
pub fn bundle_report(bundle: &[u8], entries: &[Entry<'_>], options: &BundleReportOptions) -> Result<Value, Error> {
    let user_ref = check_generate_flags(&GenerateBundleFlags {
        custom_code_bundle_ref: &options.custom_code_bundle_ref,
        fetch_custom_code_bundle: options.fetch,
        has_local_bundle: true,
        verify_custom_code_bundle_digest: &options.verify_digest,
    })?;
    let resolved = crate::anip::bundle::resolve(crate::anip::bundle::decode_bundle(bundle)?)?;
    let mut materials = materials_from_metadata(&resolved.manifest, &resolved.lock)?;
    let target = Target::parse(&options.target)?;
    let system_name = resolved
        .definition
        .get("identity")
        .map(|i| i.str_at("system_name"))
        .filter(|s| !s.trim().is_empty())
        .unwrap_or(&resolved.package_id)
        .to_string();
    let mut values = default_values(target, &system_name, &resolved.package_id);
    values.extend(options.vars.iter().map(|(k, v)| (k.clone(), v.clone())));
    let report = apply_bundle(
        entries,
        &ApplyOptions {
            bundle_path: options.bundle_path.clone(),
            root_name: options.root_name.clone(),
            template_values: values.clone(),
            existing_files: options.existing_files.clone(),
            capability_ids: crate::anip::definition::scan_contract_ids(&resolved.definition, target == Target::Python),
            limits: options.limits,
        },
    )?;
    let expected = match options.verify_digest.trim() {
        "" => first_declared_tree_digest(&materials).unwrap_or("").to_string(),
        given => given.to_string(),
    };
    if !expected.is_empty() && !expected.eq_ignore_ascii_case(&report.bundle_sha256) {
        return Err(Error::new(
            "APPLY_DIGEST_MISMATCH",
            alloc::format!("custom code bundle digest mismatch: expected {expected} got {}", report.bundle_sha256),
        ));
    }
    if let Some(p) = user_ref {
        materials.push(Material {
            reference: options.custom_code_bundle_ref.trim().to_string(),
            kind: p.kind.to_string(),
            locator: p.locator,
            immutable: p.immutable,
            digest: p.digest,
            source: "cli.custom_code_bundle_ref".into(),
            ..Material::default()
        });
    }
    let local_applied = !report.bundle_path.is_empty() && !report.files.is_empty();
    let warnings = material_warnings(&materials, local_applied);
    let mut out = Map::record()
        .with("report", report.to_value())
        .with("template_values", values.iter().fold(Map::new(), |m, (k, v)| m.with(k.as_str(), v.as_str())));
    if !materials.is_empty() {
        out.insert("custom_code_bundle_refs", Value::Array(materials.iter().map(Material::to_value).collect()));
    }
    if !warnings.is_empty() {
        out.insert("custom_code_bundle_warnings", Value::Array(warnings.into_iter().map(Value::from).collect()));
    }
    Ok(out.into())
}

/// `anip generate`'s material list for a bundle (ANIP-MAT): the materials declared in
/// its resolved manifest and lock, as an array.
pub fn bundle_materials(bundle: &[u8]) -> Result<Value, Error> {
    let resolved = crate::anip::bundle::resolve(crate::anip::bundle::decode_bundle(bundle)?)?;
    let materials = materials_from_metadata(&resolved.manifest, &resolved.lock)?;
    Ok(Value::Array(materials.iter().map(Material::to_value).collect()))
}

/// Entries from their JSON form, for hosts that pass a bundle as data (bindings,
/// vectors): `[{path, text} | {path, base64} | {path, symlink: true} | {path, special: true}]`.
pub fn entries_from_value(v: &Value) -> Result<Vec<Entry<'static>>, Error> {
    use base64::Engine as _;
    let bad = |i: usize, what: &str| bad_option(alloc::format!("entries[{i}] {what}"));
    let list = v.as_array().ok_or_else(|| bad_option("entries must be an array"))?;
    let mut out = Vec::with_capacity(list.len());
    for (i, item) in list.iter().enumerate() {
        let m = item.as_object().ok_or_else(|| bad(i, "must be an object"))?;
        let path = m.get("path").and_then(Value::as_str).ok_or_else(|| bad(i, "needs a string path"))?.to_string();
        let flag = |k: &str| m.get(k).and_then(Value::as_bool).unwrap_or(false);
        let e = if flag("symlink") {
            Entry::symlink(path)
        } else if flag("special") {
            Entry::special(path)
        } else if let Some(t) = m.get("text").and_then(Value::as_str) {
            Entry::file(path, t.as_bytes().to_vec())
        } else if let Some(b) = m.get("base64").and_then(Value::as_str) {
            let bytes = base64::engine::general_purpose::STANDARD.decode(b).map_err(|_| bad(i, "has invalid base64"))?;
            Entry::file(path, bytes)
        } else {
            return Err(bad(i, "needs text, base64, symlink or special"));
        };
        out.push(e);
    }
    Ok(out)
}

/// RFC 6901 JSON pointer lookup ("" is the whole document).
fn pointer<'v>(v: &'v Value, ptr: &str) -> Option<&'v Value> {
    if ptr.is_empty() {
        return Some(v);
    }
    let mut cur = v;
    for token in ptr.strip_prefix('/')?.split('/') {
        let token = token.replace("~1", "/").replace("~0", "~");
        cur = match cur {
            Value::Object(m) => m.get(&token)?,
            Value::Array(a) => a.get(token.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(cur)
}

/// Combines a per-file list `[{path, sha256}, …]` (at `json_pointer` inside
/// `input`) into a tree digest (ANIP-TREE-8): for hosts that hashed files
/// themselves, and for the upstream-derived per-file vectors.
pub fn tree_combine(input: &[u8], json_pointer: &str) -> Result<String, Error> {
    let doc = crate::json::parse(input).map_err(|e| Error::new(e.code(), alloc::format!("decode file list: {e}")))?;
    let list = pointer(&doc, json_pointer)
        .and_then(Value::as_array)
        .ok_or_else(|| Error::new("TREE_FILE_LIST_INVALID", alloc::format!("no file list at {json_pointer:?}")))?;
    let mut files = Vec::with_capacity(list.len());
    for (i, f) in list.iter().enumerate() {
        let (path, sha256) = match (f.get("path").and_then(Value::as_str), f.get("sha256").and_then(Value::as_str)) {
            (Some(p), Some(s)) if crate::digest::is_sha256_digest(s) && s == s.trim() => (p, s.to_ascii_lowercase()),
            _ => {
                return Err(Error::new(
                    "TREE_FILE_LIST_INVALID",
                    alloc::format!("file list item {i} needs a path and a sha256:<64 hex> digest"),
                ))
            }
        };
        files.push(super::digest::TreeFile { path: path.to_string(), sha256, bytes: 0 });
    }
    super::digest::sort_files(&mut files);
    Ok(super::digest::combine(&files))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;

    #[test]
    fn entries_from_json_forms() {
        let v = parse(br#"[{"path":"a.py","text":"x"},{"path":"b.py","base64":"eQ=="},{"path":"l.py","symlink":true},{"path":"f","special":true}]"#).unwrap();
        let e = entries_from_value(&v).unwrap();
        assert_eq!(e.len(), 4);
        assert!(matches!(e[2].kind, crate::anip::bundle_tree::EntryKind::Symlink));
        let d = tree_digest(&e[..2], &TreeDigestOptions::default()).unwrap();
        assert_eq!(d.get("files").unwrap().as_array().unwrap()[1].str_at("sha256"), crate::digest::sha256_bytes(b"y"));
        assert_eq!(entries_from_value(&parse(br#"[{"path":"a"}]"#).unwrap()).unwrap_err().code(), "INVALID_OPTION");
        assert_eq!(entries_from_value(&parse(br#"[{"path":"a","base64":"!"}]"#).unwrap()).unwrap_err().code(), "INVALID_OPTION");
    }

    #[test]
    fn combine_with_pointer() {
        let sha = crate::digest::sha256_bytes(b"x");
        let doc = alloc::format!(r#"{{"cases":[{{"a/b":[{{"path":"x.py","sha256":"{sha}"}}]}}]}}"#);
        let via_pointer = tree_combine(doc.as_bytes(), "/cases/0/a~1b").unwrap();
        let direct = tree_combine(alloc::format!(r#"[{{"path":"x.py","sha256":"{sha}"}}]"#).as_bytes(), "").unwrap();
        assert_eq!(via_pointer, direct);
        assert_eq!(tree_combine(doc.as_bytes(), "/cases/1").unwrap_err().code(), "TREE_FILE_LIST_INVALID");
        assert_eq!(tree_combine(br#"[{"path":"x","sha256":"md5:1"}]"#, "").unwrap_err().code(), "TREE_FILE_LIST_INVALID");
    }

    #[test]
    fn options_from_binding_json() {
        let o = TreeDigestOptions::from_value(&parse(br#"{"applied":true,"target":"go","vars":{"GO_MODULE_PATH":"x"},"max_entries":5}"#).unwrap()).unwrap();
        assert!(o.applied);
        assert_eq!(o.target, Some(Target::Go));
        assert_eq!(o.limits.max_entries, 5);
        assert!(TreeDigestOptions::from_value(&parse(br#"{"vars":{"bad key":"x"}}"#).unwrap()).is_err());
        assert!(BundleReportOptions::from_value(&parse(br#"{"typo":1}"#).unwrap()).is_err());
        let r = BundleReportOptions::from_value(&parse(br#"{"target":"python","existing_files":["a"],"fetch":false}"#).unwrap()).unwrap();
        assert_eq!(r.existing_files, ["a"]);
    }

    #[test]
    fn generate_flag_order() {
        let code = |f: GenerateBundleFlags<'_>| check_generate_flags(&f).unwrap_err().code();
        assert_eq!(code(GenerateBundleFlags { fetch_custom_code_bundle: true, ..Default::default() }), "APPLY_FETCH_REQUIRES_REF");
        assert_eq!(
            code(GenerateBundleFlags { verify_custom_code_bundle_digest: "sha256:x", ..Default::default() }),
            "APPLY_VERIFY_DIGEST_INVALID"
        );
        let hex = "a".repeat(64);
        let d = alloc::format!("sha256:{hex}");
        assert_eq!(
            code(GenerateBundleFlags { verify_custom_code_bundle_digest: &d, ..Default::default() }),
            "APPLY_VERIFY_DIGEST_REQUIRES_BUNDLE"
        );
        assert!(check_generate_flags(&GenerateBundleFlags { verify_custom_code_bundle_digest: &d, has_local_bundle: true, ..Default::default() })
            .unwrap()
            .is_none());
    }
}
