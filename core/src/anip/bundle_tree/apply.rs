//! Applying a bundle to a generated project (`ApplyCustomCodeBundleWithReport`,
//! ANIP-APPLY-1..11): the capability scan, template substitution, remapping, the
//! overlay rules, and the report with the applied tree digest.
//!
//! trustloop does not generate projects, so the generated project is described by
//! its file list ([`ApplyOptions::existing_files`]); with an empty list every
//! bundle file counts as new, exactly as if upstream had generated nothing at
//! those paths.
use alloc::collections::BTreeSet;
use alloc::string::String;
use alloc::vec::Vec;

use super::capability_scan::UnknownIds;
use super::digest::{combine, TreeFile};
use super::entry::{read_file, walk_order, Entry, EntryKind, TreeLimits};
use super::overlay::{is_allowed_overlay, is_protected_substrate, is_python_entrypoint_overlay};
use super::path::validate_generated_file_path;
use super::report::{Report, ReportFile};
use super::seam::{mode_for_path, seam_for_path};
use super::template::{substitute, TemplateValues};
use super::{remap, select};
use crate::emulate::go::path as gopath;
use crate::diag::Error;

/// Inputs of an apply besides the entries.
#[derive(Clone, Debug, Default)]
pub struct ApplyOptions {
    /// The cleaned bundle path as given: `bundle_path` in the report and the prefix of
    /// walk paths in messages.
    pub bundle_path: String,
    /// The bundle directory's own name, checked against the ignored names
    /// (ANIP-TREE-9). Empty: the last element of `bundle_path`.
    pub root_name: String,
    /// `{{ANIP_<KEY>}}` values of the target.
    pub template_values: TemplateValues,
    /// Paths of the generated project's files (decide `overlaid` and the overlay rule).
    pub existing_files: Vec<String>,
    /// The contract's formalized capability ids; empty skips the capability scan.
    pub capability_ids: Vec<String>,
    pub limits: TreeLimits,
}

const APPLY: &str = "apply custom code bundle: ";
const SCAN: &str = "validate custom code bundle capabilities: ";

fn err(code: &'static str, prefix: &str, message: impl core::fmt::Display) -> Error {
    Error::new(code, alloc::format!("{prefix}{message}"))
}

/// The generated project's paths, case-folded (every comparison upstream makes is
/// case-insensitive).
struct Project {
    folded: BTreeSet<String>,
}

impl Project {
    fn new(existing: &[String]) -> Self {
        // Upstream compares only paths that pass validation.
        let folded = crate::sort::set(
            existing.iter().filter_map(|path| validate_generated_file_path(path).ok()).map(|p| p.to_ascii_lowercase()),
        );
        Project { folded }
    }
    /// `generatedProjectHasPath`: case-insensitive.
    fn has(&self, path: &str) -> bool {
        self.folded.contains(&gopath::clean(path).to_ascii_lowercase())
    }
    /// `upsertGeneratedFile`: a bundle file becomes part of the project.
    fn upsert(&mut self, path: &str) {
        self.folded.insert(path.to_ascii_lowercase());
    }
}

/// ANIP-APPLY-2: fails when a source file declares an id the contract lacks.
fn scan_capabilities(entries: &[Entry<'_>], options: &ApplyOptions) -> Result<(), Error> {
    let contract =
        crate::sort::set(options.capability_ids.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).map(String::from));
    if contract.is_empty() {
        return Ok(());
    }
    let mut unknown = UnknownIds::default();
    // This walk does not skip ignored directories.
    for w in walk_order(entries, &options.limits)? {
        if !select::is_source_file(&w.rel) {
            continue;
        }
        let walk_path = gopath::join(&options.bundle_path, &w.rel);
        let data = match &w.entry.kind {
            EntryKind::Symlink => return Err(err("TREE_SYMLINK", SCAN, alloc::format!("custom code bundle must not contain symlinks: {walk_path}"))),
            EntryKind::Special => {
                return Err(err("TREE_SPECIAL_FILE", SCAN, alloc::format!("custom code bundle must not contain special files: {walk_path}")))
            }
            EntryKind::File(data) => data,
        };
        let content = read_file(data, &options.limits).map_err(|e| err(e.code(), SCAN, e.message()))?;
        unknown.scan(&w.rel, &content, &contract);
    }
    match unknown.message() {
        Some(message) => Err(Error::new("APPLY_UNKNOWN_CAPABILITY_IDS", message)),
        None => Ok(()),
    }
}

fn invalid_path(e: Error) -> Error {
    err(e.code(), APPLY, alloc::format!("invalid custom code bundle path: {}", e.message()))
}

/// Applies `entries` and returns the report (with the applied tree digest).
pub fn apply_bundle(entries: &[Entry<'_>], options: &ApplyOptions) -> Result<Report, Error> {
    scan_capabilities(entries, options)?;
    let mut report = Report { bundle_path: options.bundle_path.clone(), ..Report::default() };
    let root_name = if options.root_name.is_empty() { gopath::base(&options.bundle_path) } else { options.root_name.as_str() };
    let mut files: Vec<(TreeFile, ReportFile)> = Vec::new();
    // ANIP-TREE-9: here the root itself is subject to the ignored-directory rule.
    if !select::is_ignored_dir(root_name) {
        let mut project = Project::new(&options.existing_files);
        let values = &options.template_values;
        for w in walk_order(entries, &options.limits)? {
            if w.under_ignored_dir() || !select::is_implementation_file(&w.rel) {
                continue;
            }
            let walk_path = gopath::join(&options.bundle_path, &w.rel);
            let data = match &w.entry.kind {
                EntryKind::Symlink => {
                    return Err(err("TREE_SYMLINK", APPLY, alloc::format!("custom code bundle must not contain symlinks: {walk_path}")))
                }
                EntryKind::Special => {
                    return Err(err("TREE_SPECIAL_FILE", APPLY, alloc::format!("custom code bundle must not contain special files: {walk_path}")))
                }
                EntryKind::File(data) => data,
            };
            let substituted_path = substitute(w.rel.as_bytes(), values);
            let substituted_path = String::from_utf8_lossy(&substituted_path);
            let path = validate_generated_file_path(&substituted_path).map_err(invalid_path)?;
            let raw = read_file(data, &options.limits).map_err(|e| err(e.code(), APPLY, e.message()))?;
            let content = substitute(&raw, values);
            let path = remap::remap(&path, &content, values).map_err(invalid_path)?;
            if is_protected_substrate(&path) {
                return Err(err(
                    "APPLY_PROTECTED_SUBSTRATE",
                    APPLY,
                    alloc::format!("custom code bundle cannot replace generated substrate file: {path}"),
                ));
            }
            let existing = project.has(&path);
            if existing && !is_allowed_overlay(&path) && !is_python_entrypoint_overlay(&path, values) {
                return Err(err(
                    "APPLY_NOT_A_SEAM",
                    APPLY,
                    alloc::format!("custom code bundle can only replace declared extension seam files, not generated substrate: {path}"),
                ));
            }
            project.upsert(&path);
            let sha256 = crate::digest::sha256_bytes(&content);
            let seam = seam_for_path(&path);
            let bytes = content.len() as u64;
            files.push((
                TreeFile { path: path.clone(), sha256: sha256.clone(), bytes },
                ReportFile { mode: mode_for_path(&path, seam, existing), path, sha256, seam, bytes, overlaid: existing },
            ));
        }
    }
    // Stable sort by path bytes, as `digest::sort_files`.
    crate::sort::sort_by(&mut files, |a, b| a.0.path.as_bytes().cmp(b.0.path.as_bytes()));
    let tree: Vec<TreeFile> = files.iter().map(|(t, _)| t.clone()).collect();
    report.bundle_sha256 = combine(&tree);
    report.files = files.into_iter().map(|(_, r)| r).collect();
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> ApplyOptions {
        ApplyOptions { bundle_path: "bundle".into(), ..ApplyOptions::default() }
    }

    #[test]
    fn anip_tree_9_root_named_build_applies_nothing() {
        let entries = [Entry::file("a.py", &b"x"[..])];
        let r = apply_bundle(&entries, &ApplyOptions { bundle_path: "work/Build".into(), ..ApplyOptions::default() }).unwrap();
        assert!(r.files.is_empty());
        assert_eq!(r.bundle_sha256, "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assert!(r.to_file_bytes().contains("\"files\": null"));
    }

    #[test]
    fn anip_apply_7_protected_substrate_case_insensitive() {
        let entries = [Entry::file("src/demo/Capabilities.py", &b"x"[..])];
        let e = apply_bundle(&entries, &opts()).unwrap_err();
        assert_eq!(e.code(), "APPLY_PROTECTED_SUBSTRATE");
        assert_eq!(e.message(), "apply custom code bundle: custom code bundle cannot replace generated substrate file: src/demo/Capabilities.py");
    }

    #[test]
    fn anip_apply_8_overlays() {
        let existing = alloc::vec!["src/demo/policy.py".into(), "src/demo/app.py".into(), "src/demo/models.py".into()];
        let mut o = ApplyOptions { existing_files: existing, ..opts() };
        // Case-variant override of an allowed seam: overlaid.
        let r = apply_bundle(&[Entry::file("src/demo/Policy.py", &b"p"[..])], &o).unwrap();
        assert!(r.files[0].overlaid);
        assert_eq!(r.files[0].mode, "extension_overlay");
        // Case-variant override of substrate: refused.
        let e = apply_bundle(&[Entry::file("src/demo/MODELS.py", &b"m"[..])], &o).unwrap_err();
        assert_eq!(e.code(), "APPLY_NOT_A_SEAM");
        // The Python entrypoint overlay needs the module name.
        assert_eq!(apply_bundle(&[Entry::file("src/demo/app.py", &b"a"[..])], &o).unwrap_err().code(), "APPLY_NOT_A_SEAM");
        o.template_values.insert("PYTHON_MODULE_NAME".into(), "demo".into());
        assert!(apply_bundle(&[Entry::file("src/demo/app.py", &b"a"[..])], &o).unwrap().files[0].overlaid);
    }

    #[test]
    fn earlier_bundle_files_count_as_existing() {
        let entries = [Entry::file("Notes.json", &b"1"[..]), Entry::file("notes.json", &b"2"[..])];
        let e = apply_bundle(&entries, &opts()).unwrap_err();
        assert_eq!(e.message(), "apply custom code bundle: custom code bundle can only replace declared extension seam files, not generated substrate: notes.json");
    }

    #[test]
    fn anip_apply_2_capability_scan_runs_first_and_ignores_ignored_dirs() {
        let entries = [
            Entry::file("node_modules/x.js", &b"defineCapability({ id: 'zz.unknown' })"[..]),
            Entry::file("src/a.py", &b"CapabilityDeclaration(name='aa.unknown') CapabilityDeclaration(name='crm.ok')"[..]),
        ];
        let o = ApplyOptions { capability_ids: alloc::vec!["crm.ok".into()], ..opts() };
        let e = apply_bundle(&entries, &o).unwrap_err();
        assert_eq!(e.code(), "APPLY_UNKNOWN_CAPABILITY_IDS");
        assert!(e.message().contains(": aa.unknown in src/a.py, zz.unknown in node_modules/x.js. Update"), "{}", e.message());
    }

    #[test]
    fn templates_in_paths_and_content() {
        let mut o = opts();
        o.template_values.insert("GO_MODULE_PATH".into(), "generated/demo".into());
        o.template_values.insert("NAME".into(), "demo".into());
        let entries = [Entry::file("ext/{{ANIP_NAME}}.go", &b"import \"{{ANIP_GO_MODULE_PATH}}/x\""[..])];
        let r = apply_bundle(&entries, &o).unwrap();
        assert_eq!(r.files[0].path, "ext/demo.go");
        assert_eq!(r.files[0].sha256, crate::digest::sha256_bytes(b"import \"generated/demo/x\""));
        // Without values the template segment is an unsafe path.
        let e = apply_bundle(&entries, &opts()).unwrap_err();
        assert_eq!(e.code(), "TREE_PATH_UNSAFE_SEGMENT");
    }

    #[test]
    fn symlink_message_uses_walk_path() {
        let e = apply_bundle(&[Entry::symlink("x/policy.py")], &opts()).unwrap_err();
        assert_eq!(e.message(), "apply custom code bundle: custom code bundle must not contain symlinks: bundle/x/policy.py");
    }
}
