//! The deterministic `.anpkg` exporter (spec §11, ANPKG-EXP): a canonical project
//! folder in, the bytes `anolis-package` (anolis-workbench 0.22.0) writes out.
//!
//! Steps, in upstream's order, each failing with upstream's `ExportError` text:
//! read the project (E1, E2, [`project`]); take the `manual` variant (E3); rewrite
//! provider ids and `--config` arguments (E4, [`runtime`]); dump each provider's
//! config (E5); carry the behavior tree (E6); redact the InfluxDB token; rewrite and
//! schema-check the profile (E7, [`profile`]); derive `exported_at`
//! ([`exported_at`]) and the omitted variants; write provenance ([`provenance`]);
//! scan every package file for token-like values (E8); write checksums
//! ([`checksums`]) and the zip ([`zip_writer`]).
//!
//! Sans-IO: files come from a [`ProjectSource`] the host implements (the CLI reads
//! the disk with its containment policy; bindings pass maps via [`MapSource`]).
mod aliases;
pub mod checksums;
pub mod codes;
mod crc32;
pub mod exported_at;
pub mod profile;
pub mod project;
pub mod provenance;
pub mod runtime;
pub mod source;
pub mod zip_writer;

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::anpkg::validate::documents::{load_json, load_yaml};
use crate::anpkg::validate::tokens::find_tokens;
use crate::emulate::python::yaml::emit::safe_dump;
use crate::emulate::python::yaml::{Limits, Map, Value};
use crate::diag::{Error, Finding};

use project::FileRole;
pub use source::{MapSource, ProjectSource, Root};

/// What the exporter needs besides the files.
#[derive(Clone, Debug)]
pub struct ExportOptions {
    /// The project directory's name: `source_project` in provenance.
    pub project_name: String,
    /// The project directory as messages show it (hosts pass the absolute, resolved
    /// path, as upstream does); empty shows project-relative paths.
    pub project_dir: String,
    pub yaml_limits: Limits,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions { project_name: String::from("project"), project_dir: String::new(), yaml_limits: Limits::default() }
    }
}

/// A built package.
#[derive(Clone, Debug)]
pub struct Exported {
    /// The `.anpkg` bytes.
    pub package: Vec<u8>,
    /// Every zip entry (name, bytes) in archive order.
    pub entries: Vec<(String, Vec<u8>)>,
    pub exported_at: String,
    pub omitted_variants: Vec<String>,
    pub token_removed: bool,
    /// Upstream's stderr warnings (ANPKG-EXP-1).
    pub warnings: Vec<Finding>,
}

pub fn build_package(source: &dyn ProjectSource, options: &ExportOptions) -> Result<Exported, Error> {
    let limits = options.yaml_limits;
    let project = project::read_project(source, &options.project_dir, limits)?;

    // E3: the manual variant must exist and be a mapping.
    let mut manual = match project.variants.get_str("manual") {
        Some(Value::Map(m)) => m.clone(),
        _ => return Err(Error::new(codes::NO_RUNTIME_VARIANT, "Project has no runtime variant to export")),
    };

    let provider_ids = runtime::rewrite_providers(&mut manual)?;
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for id in &provider_ids {
        match project.provider_configs.get(&Value::Str(id.clone())) {
            Some(config @ Value::Map(_)) => {
                refuse_shared_aliases(&project, &FileRole::ProviderConfig(Value::Str(id.clone())))?;
                files.push((format!("providers/{id}.yaml"), dump(config)?));
            }
            _ => {
                return Err(Error::new(codes::PROVIDER_CONFIG_NOT_FOUND, format!("Provider config not found for {id}")))
            }
        }
    }
    let behavior = runtime::carry_behavior(&mut manual, source)?;
    let token_removed = runtime::redact_tokens(&mut manual);
    refuse_shared_aliases(&project, &FileRole::Variant(Value::str("manual")))?;
    let runtime_yaml = dump(&Value::Map(manual))?;

    let manifest = profile::package_profile(&project.profile, &provider_ids, behavior.as_ref().map(|b| b.file_name.as_str()))?;
    refuse_shared_aliases(&project, &FileRole::Profile)?;
    files.push((String::from("machine-profile.yaml"), dump(&Value::Map(manifest))?));
    files.push((String::from("runtime/anolis-runtime.yaml"), runtime_yaml));
    if let Some(b) = behavior {
        files.push((format!("runtime/behaviors/{}", b.file_name), b.bytes));
    }

    let exported_at = exported_at::exported_at(read_workbench(source)?.as_ref())?;
    let omitted_variants = omitted_variants(&project.variants)?;
    let mut warnings = Vec::new();
    if !omitted_variants.is_empty() {
        warnings.push(Finding::warning(
            codes::VARIANTS_OMITTED,
            format!(
                "exporting only the 'manual' variant; {} not carried (package format v1 holds one runtime config)",
                omitted_variants.join(", ")
            ),
        ));
    }
    let provenance = provenance::provenance_json(&provenance::Provenance {
        exported_at: &exported_at,
        omitted_variants: &omitted_variants,
        token_removed,
        source_project: &options.project_name,
    });
    files.push((String::from("meta/provenance.json"), provenance.into_bytes()));
    crate::sort::sort_by(&mut files, |a, b| a.0.cmp(&b.0));

    scan_for_tokens(&files, limits)?;

    let sums = checksums::checksum_file(&files);
    // Where a sort would put it: after any path that sorts before it or equals it.
    let at = files.partition_point(|(path, _)| path.as_str() <= checksums::CHECKSUM_FILE);
    files.insert(at, (String::from(checksums::CHECKSUM_FILE), sums));
    let package = zip_writer::write(&files)?;
    Ok(Exported { package, entries: files, exported_at, omitted_variants, token_removed, warnings })
}

/// A dumped file whose source aliases a collection or timestamp would differ from
/// upstream's (which writes `&id001` anchors): refuse it (documented divergence).
fn refuse_shared_aliases(project: &project::Project, what: &FileRole) -> Result<(), Error> {
    match project.shared_aliases.iter().find(|(w, _)| w.is(what)) {
        Some((_, path)) => Err(Error::new(
            codes::YAML_SHARED_ALIAS,
            format!("{path}: YAML aliases of mappings, sequences or timestamps are not supported by trustloop's exporter (the reference writes &id anchors for them)"),
        )),
        None => Ok(()),
    }
}

fn dump(v: &Value) -> Result<Vec<u8>, Error> {
    Ok(safe_dump(v)?.into_bytes())
}

/// `workbench.json`, parsed with Python's `json` rules; anything unreadable is "no
/// value" (ANPKG-TIME-1).
fn read_workbench(source: &dyn ProjectSource) -> Result<Option<Value>, Error> {
    let Some(bytes) = source.read("workbench.json")? else { return Ok(None) };
    Ok(load_json(&bytes, "workbench.json").ok())
}

/// Sorted names of the variants other than `manual` whose file exists. A name that
/// is not a string makes upstream crash while printing the warning.
fn omitted_variants(variants: &Map) -> Result<Vec<String>, Error> {
    let mut names = Vec::new();
    for name in variants.keys() {
        match name {
            Value::Str(s) if s == "manual" => {}
            Value::Str(s) => names.push(s.clone()),
            _ => {
                return Err(Error::new(
                    codes::VARIANT_NAME_NOT_STRING,
                    "TypeError: runtime_profiles variant names must be strings",
                ))
            }
        }
    }
    crate::sort::sort(&mut names);
    Ok(names)
}

/// E8: every `.yaml`/`.yml`/`.json` package file, in path order, read back and
/// scanned with the validator's rule (ANPKG-VAL-T).
fn scan_for_tokens(files: &[(String, Vec<u8>)], limits: Limits) -> Result<(), Error> {
    for (rel, bytes) in files {
        let doc = if rel.ends_with(".json") {
            load_json(bytes, rel)
        } else if rel.ends_with(".yaml") || rel.ends_with(".yml") {
            load_yaml(bytes, rel, limits)
        } else {
            continue;
        };
        let doc = doc.map_err(|f| Error::new(codes::SCAN_UNREADABLE, f.message))?;
        if let Some(path) = find_tokens(&doc, 1).first() {
            return Err(Error::new(
                codes::SECRET_LEAK,
                format!("Secret-like token value leaked in package file '{rel}' at {path}"),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
