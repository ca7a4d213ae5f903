//! ANIP implementation material: remote refs, custom code bundle tree digests and
//! reports, declared materials, the attach-implementation publish request, and the
//! publication lint.
use wasm_bindgen::prelude::*;

use trustloop_core::api::{self, AttachOptions, BundleReportOptions, TreeDigestOptions};

use crate::errors::{to_js_error, JsResult};
use crate::options;
use crate::{args, panic_hook, to_js};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r##"
/** One entry of a custom code bundle tree, its path relative to the bundle root. */
export type BundleEntry =
  | { path: string; bytes: Bytes; symlink?: false; special?: false }
  /** A symbolic link (never followed; a selected one is refused). */
  | { path: string; symlink: true }
  /** A FIFO, socket or device (never read). */
  | { path: string; special: true };

/** `{kind, locator, immutable, digest}` of a remote custom-code-bundle ref. */
export interface ParsedRef {
  kind: "git" | "registry" | "object+https" | "object+s3";
  locator: string;
  immutable: string;
  digest: string;
}

/** Options of treeDigest (snake_case spellings are accepted too). */
export interface TreeDigestOptions {
  /** The applied digest (after template substitution and remapping) instead of the raw one. */
  applied?: boolean;
  /** Target whose template values apply; required with `applied`. */
  target?: "python" | "typescript" | "go" | "java" | "csharp";
  /** Template values (`KEY` for `{{ANIP_KEY}}`); override the target defaults. */
  vars?: Record<string, string>;
  /** Derive the target's default template values from this system name. */
  systemName?: string;
  /** Derive the Python module and project name from this package id. */
  packageId?: string;
  /** The bundle path as shown in messages (for example the chosen folder's name). */
  root?: string;
  /** The bundle directory's own name; default: the last element of `root`. */
  rootName?: string;
  maxEntries?: number;
  maxFileBytes?: number;
}

export interface TreeFile {
  path: string;
  sha256: string;
  bytes: number;
}

/** `anip bundle digest --json`. */
export interface TreeDigest {
  digest: string;
  files: TreeFile[];
}

/** Options of bundleReport (the `generate` flags that concern custom code bundles). */
export interface BundleReportOptions {
  target: "python" | "typescript" | "go" | "java" | "csharp";
  /** The bundle path as given (`bundle_path` of the report). */
  bundlePath?: string;
  rootName?: string;
  vars?: Record<string, string>;
  /** The generated project's file paths (decide overlays). */
  existingFiles?: string[];
  /** `--verify-custom-code-bundle-digest`; default: the first digest the package declares. */
  verifyDigest?: string;
  /** `--custom-code-bundle-ref` (validated and recorded, never fetched). */
  customCodeBundleRef?: string;
  /** `--fetch-custom-code-bundle` (validated, then refused: fetching is disabled upstream). */
  fetch?: boolean;
  maxEntries?: number;
  maxFileBytes?: number;
}

/** A declared implementation material (`anip bundle materials`). */
export interface Material {
  ref: string;
  kind?: string;
  locator?: string;
  immutable?: string;
  digest?: string;
  bundle_tree_sha256?: string;
  title?: string;
  source?: string;
}

/** Options of attachImplementation (`package attach-implementation`'s flags). */
export interface AttachOptions {
  packageVersion?: string;
  implementationMaterialRef?: string;
  customCodeBundleRef?: string;
  bundleTreeSha256?: string;
  title?: string;
  /** The local bundle path as shown in messages. */
  bundleRoot?: string;
  /** The local custom code bundle, whose raw digest is computed and checked. */
  entries?: BundleEntry[];
}

/** `anip lint --json`. */
export interface LintResult {
  status: "clean" | "findings";
  findings: Finding[];
}
"##;

/// `anip ref check REF`: a remote custom-code-bundle ref, validated (never fetched).
/// Returns `{kind, locator, immutable, digest}`; an invalid ref throws with
/// upstream's message.
#[wasm_bindgen(js_name = refCheck, unchecked_return_type = "ParsedRef")]
pub fn ref_check(#[wasm_bindgen(js_name = reference, unchecked_param_type = "string")] reference: JsValue) -> JsResult<JsValue> {
    panic_hook::install();
    let reference = args::string(&reference, "ref")?;
    to_js::value(&api::anip_ref_check(&reference).map_err(|e| to_js_error(&e))?)
}

/// `anip bundle digest DIR --json`: the raw tree digest of a custom code bundle, or
/// its applied digest for a target. `entries`: `[{path, bytes}]` (see
/// `entriesFromFiles` for a picked folder).
#[wasm_bindgen(js_name = treeDigest, unchecked_return_type = "TreeDigest")]
pub fn tree_digest(
    #[wasm_bindgen(unchecked_param_type = "BundleEntry[]")] entries: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "TreeDigestOptions")] opts: JsValue,
) -> JsResult<JsValue> {
    panic_hook::install();
    let entries = args::entries(&entries, "entries")?;
    let options = TreeDigestOptions::from_value(&options::from_js(&opts, &[])?.core).map_err(|e| to_js_error(&e))?;
    to_js::value(&api::anip_tree_digest(&entries, &options).map_err(|e| to_js_error(&e))?)
}

/// The tree digest of a per-file list `[{path, sha256}]` found at the JSON pointer
/// `pointer` (default: the whole document) in `input`, for hosts that hashed the
/// files themselves.
#[wasm_bindgen(js_name = treeCombine)]
pub fn tree_combine(
    #[wasm_bindgen(unchecked_param_type = "Bytes")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] pointer: JsValue,
) -> JsResult<String> {
    panic_hook::install();
    let input = args::bytes(&input, "input")?;
    let pointer = args::optional_string(&pointer, "pointer")?.unwrap_or_default();
    api::anip_tree_combine(&input, &pointer).map_err(|e| to_js_error(&e))
}

/// `anip bundle report --json`: applies a local custom code bundle the way
/// `anip generate` does and enforces the declared (or given) digest. Returns
/// `{report, template_values, custom_code_bundle_refs?, custom_code_bundle_warnings?}`.
#[wasm_bindgen(js_name = bundleReport)]
pub fn bundle_report(
    #[wasm_bindgen(unchecked_param_type = "Bytes")] bundle: JsValue,
    #[wasm_bindgen(unchecked_param_type = "BundleEntry[]")] entries: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "BundleReportOptions")] opts: JsValue,
) -> JsResult<JsValue> {
    panic_hook::install();
    let bundle = args::bytes(&bundle, "bundle")?;
    let entries = args::entries(&entries, "entries")?;
    let options = BundleReportOptions::from_value(&options::from_js(&opts, &[])?.core).map_err(|e| to_js_error(&e))?;
    to_js::value(&api::anip_bundle_report(&bundle, &entries, &options).map_err(|e| to_js_error(&e))?)
}

/// `anip bundle materials`: the implementation materials a package bundle declares.
#[wasm_bindgen(js_name = bundleMaterials, unchecked_return_type = "Material[]")]
pub fn bundle_materials(#[wasm_bindgen(unchecked_param_type = "Bytes")] bundle: JsValue) -> JsResult<JsValue> {
    panic_hook::install();
    let bundle = args::bytes(&bundle, "bundle")?;
    to_js::value(&api::anip_bundle_materials(&bundle).map_err(|e| to_js_error(&e))?)
}

/// `anip package attach-implementation`, sans-IO: the Registry publish request
/// (the package with the material attached and the new version). Nothing is sent.
/// `opts.entries` (optional) is the local bundle whose raw digest is checked.
#[wasm_bindgen(js_name = attachImplementation)]
pub fn attach_implementation(
    #[wasm_bindgen(unchecked_param_type = "Bytes")] bundle: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "AttachOptions")] opts: JsValue,
) -> JsResult<JsValue> {
    panic_hook::install();
    let bundle = args::bytes(&bundle, "bundle")?;
    let parsed = options::from_js(&opts, &[&options::ENTRIES])?;
    let entries = match parsed.host(&options::ENTRIES) {
        v if v.is_undefined() || v.is_null() => None,
        v => Some(args::entries(&v, "options.entries")?),
    };
    let options = AttachOptions::from_value(&parsed.core).map_err(|e| to_js_error(&e))?;
    to_js::value(&api::anip_attach_implementation(&bundle, entries.as_deref(), &options).map_err(|e| to_js_error(&e))?)
}

/// `anip lint --json`: the publication checklist of a package bundle,
/// `{status: "clean" | "findings", findings}`.
#[wasm_bindgen(unchecked_return_type = "LintResult")]
pub fn lint(#[wasm_bindgen(unchecked_param_type = "Bytes")] bundle: JsValue) -> JsResult<JsValue> {
    panic_hook::install();
    let bundle = args::bytes(&bundle, "bundle")?;
    to_js::value(&api::anip_lint(&bundle).map_err(|e| to_js_error(&e))?)
}
