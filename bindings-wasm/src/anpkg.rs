//! Anolis handoff packages (`.anpkg`): validate archive bytes, export a project held
//! in memory. Both run in the browser; the runtime replay of `anpkg validate
//! --runtime-bin` spawns a process and is reported as `unavailable` here.
use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;

use trustloop_core::api::{self, AnpkgExportOptions, AnpkgReplayStatus, AnpkgValidateOptions};
use trustloop_core::api::json::Value;

use crate::errors::{to_js_error, JsResult};
use crate::options::{self, HostOptions};
use crate::{args, panic_hook, to_js};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r##"
/** Options of anpkgValidate (snake_case spellings are accepted too). */
export interface AnpkgValidateOptions {
  /** Path shown in messages; its suffix (`.anpkg`/`.zip`) decides how non-zip input is reported. Default `package.anpkg`. */
  path?: string;
  /** Report every finding instead of the first. */
  all?: boolean;
  maxEntries?: number;
  maxEntrySize?: number;
  maxTotalSize?: number;
  maxRatio?: number;
  ratioMinSize?: number;
  /** Asking for the runtime replay: it cannot run here, so `replay.status` is `unavailable`. */
  runtimeBin?: string;
  timeoutSeconds?: number;
}

/** `anpkg validate --json`. */
export interface AnpkgValidateResult {
  valid: boolean;
  path: string;
  message: string;
  code: string | null;
  findings: Finding[];
  replay: { status: "not_requested" | "unavailable" | "skipped" | "passed" | "failed"; config: string | null };
}

/** Options of anpkg.exportFiles. */
export interface AnpkgExportOptions {
  /** The project directory's name (`source_project` in provenance). Default `project`. */
  projectName?: string;
  /** The project directory as messages show it; empty: project-relative paths. */
  projectDir?: string;
  /** Files under the data root (keyed relative to it), searched for the behavior tree after the project. */
  dataRootFiles?: Record<string, Bytes>;
}

/** `anpkg export --json` (without `path`: nothing is written). */
export interface AnpkgExportReport {
  sha256: string;
  size: number;
  entries: string[];
  exported_at: string;
  omitted_variants: string[];
  token_removed: boolean;
  source_project: string;
  warnings: Finding[];
}
"##;

/// `anpkg validate PKG --json` for archive bytes. Replay is never run here:
/// `replay.status` is `not_requested`, or `unavailable` when `opts.runtimeBin` asks
/// for it (a browser cannot spawn the runtime).
#[wasm_bindgen(js_name = anpkgValidate, unchecked_return_type = "AnpkgValidateResult")]
pub fn anpkg_validate(
    #[wasm_bindgen(unchecked_param_type = "Bytes")] archive: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "AnpkgValidateOptions")] opts: JsValue,
) -> JsResult<JsValue> {
    panic_hook::install();
    let archive = args::bytes(&archive, "archive")?;
    let parsed = options::from_js(&opts, &[])?;
    let options = AnpkgValidateOptions::from_value(&parsed.core).map_err(|e| to_js_error(&e))?;
    let replay_requested = parsed.core.get("runtime_bin").is_some_and(|v| !matches!(v, Value::Null));
    let replay = if replay_requested { AnpkgReplayStatus::Unavailable } else { AnpkgReplayStatus::NotRequested };
    to_js::value(&api::anpkg_validate_archive(&archive, &options).to_value(replay))
}

fn export_options(opts: &JsValue) -> JsResult<AnpkgExportOptions> {
    let parsed: HostOptions = options::from_js(opts, &[&options::DATA_ROOT_FILES])?;
    let mut options = AnpkgExportOptions::from_value(&parsed.core).map_err(|e| to_js_error(&e))?;
    let data_root = parsed.host(&options::DATA_ROOT_FILES);
    if !data_root.is_undefined() && !data_root.is_null() {
        options.data_root_files = args::file_map(&data_root, "options.dataRootFiles")?;
    }
    Ok(options)
}

/// `anpkg export --json` in memory: `{package, report}`, the `.anpkg` bytes
/// (byte-identical to `anolis-package`) from a project's files (`{ "machine-profile.yaml":
/// bytes, … }`, project-relative POSIX paths) and the report the CLI prints.
#[wasm_bindgen(js_name = anpkgExportFiles, unchecked_return_type = "{ package: Uint8Array; report: AnpkgExportReport }")]
pub fn anpkg_export_files(
    #[wasm_bindgen(unchecked_param_type = "Record<string, Bytes>")] files: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "AnpkgExportOptions")] opts: JsValue,
) -> JsResult<JsValue> {
    panic_hook::install();
    let files = args::file_map(&files, "files")?;
    let options = export_options(&opts)?;
    let exported = api::anpkg_export_files(files, &options).map_err(|e| to_js_error(&e))?;
    let report = api::anpkg_export_report(&exported, &options.export.project_name);
    let out = js_sys::Object::new();
    to_js::set(&out, "package", &Uint8Array::from(exported.package.as_slice()))?;
    to_js::set(&out, "report", &to_js::value(&report)?)?;
    Ok(out.into())
}
