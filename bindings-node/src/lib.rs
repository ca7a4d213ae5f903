//! The napi-rs skin over `trustloop_core::api` (npm package `trustloop`).
//!
//! Thin by design: `Uint8Array`/`Buffer` and strings in, core call, bytes or plain JS
//! values out (built from the core's JSON value by `to_js.rs`). A core `Error` or a caught panic
//! is thrown as a JS `Error` whose message is `TRUSTLOOP_ERROR:` + `{code, message,
//! findings}` JSON; `index.js` turns that into a `TrustloopError`. Nothing unwinds
//! into Node.
//!
//! Host IO the core must not do (walking `.anpkg` and asset-project directories,
//! atomic and staged writes, the `.anpkg` runtime replay with its environment
//! scrubbing and timeout, registry URL construction) is `trustloop_host`, shared
//! with the CLI and the Python layer, so every host follows one copy of the rules.
//! HTTP fetching of registry sources is `index.js`'s (global `fetch`).
// `deny`, not `forbid`: every `#[napi]` item expands (through napi's `ctor`
// registration) to code carrying `#[allow(unsafe_code)]`, which `forbid` rejects
// (E0453). `deny` still refuses any `unsafe` written by hand in this crate.
#![deny(unsafe_code)]
mod codes;

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};

use napi::bindgen_prelude::{Buffer, Uint8Array};
use napi::bindgen_prelude::{Object, Unknown};
use napi::{Env, Error as JsError, Status};
use napi_derive::napi;
use trustloop_core::api::anip::AttachOptions;
use trustloop_core::api::anip::{lint_bundle, lint_result, LintOptions};
use trustloop_core::api::assets_pa as pa;
use trustloop_core::api::{self, BuildLocalOptions, VerifyOptions};
use trustloop_core::api::anip::tree::{self, BundleReportOptions, TreeDigestOptions};
use trustloop_core::api::diag::Error;
use trustloop_core::api::json::{self, Map, Value};

mod to_js;

/// Marks an error thrown by this addon; `index.js` matches it.
const ERROR_PREFIX: &str = "TRUSTLOOP_ERROR:";

fn js_error(payload: &Value) -> JsError {
    JsError::new(Status::GenericFailure, format!("{ERROR_PREFIX}{}", json::to_compact(payload)))
}

/// Runs a core call, mapping its `Error` and any panic to a thrown JS error.
fn call<T>(f: impl FnOnce() -> Result<T, Error>) -> napi::Result<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(js_error(&e.to_value())),
        Err(payload) => {
            let msg = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            let v: Value = Map::record()
                .with("code", "INTERNAL_PANIC")
                .with("message", format!("internal error (panic): {msg}"))
                .with("findings", Value::Array(Vec::new()))
                .into();
            Err(js_error(&v))
        }
    }
}

/// [`call`] for a core call giving a JSON value: the JS value `JSON.parse` of its JSON
/// text would give, built directly (`to_js`).
fn call_value<'e>(env: &'e Env, f: impl FnOnce() -> Result<Value, Error>) -> napi::Result<Unknown<'e>> {
    let v = call(f)?;
    to_js::value(env, &v)
}

fn verify_options(options_json: &str) -> Result<VerifyOptions, Error> {
    VerifyOptions::from_value(&api::parse_options(options_json)?)
}

/// The crate version.
#[napi]
pub fn version() -> String {
    trustloop_core::api::VERSION.to_string()
}

/// Canonical bytes of a JSON document in `digest`, `signature` or `jcs` mode.
#[napi]
pub fn canonicalize(input: Uint8Array, mode: String) -> napi::Result<Buffer> {
    call(|| api::canonical_json(&input, &mode)).map(Buffer::from)
}

/// `sha256:<hex>` of the digest-mode canonical bytes.
#[napi]
pub fn digest(input: Uint8Array) -> napi::Result<String> {
    call(|| api::json_digest(&input))
}

/// Verify result of a bundle.
#[napi]
pub fn verify_bundle<'e>(env: &'e Env, input: Uint8Array, lock: Option<Uint8Array>, options_json: String) -> napi::Result<Unknown<'e>> {
    call_value(env, || {
        let verdict = api::anip_verify_bundle(&input, lock.as_deref(), &verify_options(&options_json)?)?;
        Ok(verdict.result)
    })
}

/// Verify result of a plain service definition.
#[napi]
pub fn verify_definition<'e>(env: &'e Env, input: Uint8Array, lock: Option<Uint8Array>, options_json: String) -> napi::Result<Unknown<'e>> {
    call_value(env, || {
        let verdict = api::anip_verify_definition(&input, lock.as_deref(), &verify_options(&options_json)?)?;
        Ok(verdict.result)
    })
}

/// The consumer lock file bytes for a bundle.
#[napi]
pub fn write_lock(input: Uint8Array) -> napi::Result<Buffer> {
    call(|| api::anip_write_lock(&input)).map(|s| Buffer::from(s.into_bytes()))
}

/// One build-local output file.
#[napi(object)]
pub struct OutputFile {
    pub name: String,
    pub bytes: Buffer,
}

/// build-local output files, in core order.
#[napi]
pub fn build_local(definition: Uint8Array, options_json: String) -> napi::Result<Vec<OutputFile>> {
    let files = call(|| {
        let options = BuildLocalOptions::from_value(&api::parse_options(&options_json)?)?;
        api::anip_build_local(&definition, &options)
    })?;
    Ok(files.into_iter().map(|f| OutputFile { name: f.name, bytes: Buffer::from(f.bytes) }).collect())
}

fn json_arg(text: &str, what: &str) -> Result<Value, Error> {
    api::parse_json(text.as_bytes(), what)
}

fn entries(entries_json: &str) -> Result<Vec<trustloop_core::api::anip::tree::Entry<'static>>, Error> {
    tree::entries_from_value(&json_arg(entries_json, "entries")?)
}

/// A remote custom-code-bundle ref, parsed: `{kind, locator, immutable, digest}`.
#[napi]
pub fn ref_check<'e>(env: &'e Env, reference: String) -> napi::Result<Unknown<'e>> {
    call_value(env, || trustloop_core::api::anip::ref_check(&reference))
}

/// Tree digest of a custom code bundle given as entries JSON (core entry form).
#[napi]
pub fn tree_digest<'e>(env: &'e Env, entries_json: String, options_json: String) -> napi::Result<Unknown<'e>> {
    call_value(env, || {
        let e = entries(&entries_json)?;
        tree::tree_digest(&e, &TreeDigestOptions::from_value(&api::parse_options(&options_json)?)?)
    })
}

/// Tree digest of a per-file list `[{path, sha256}]` at `pointer` in `input`.
#[napi]
pub fn tree_combine(input: Uint8Array, pointer: String) -> napi::Result<String> {
    call(|| tree::tree_combine(&input, &pointer))
}

/// `generate`'s custom-code-bundle report for a bundle and a local bundle tree.
#[napi]
pub fn bundle_report<'e>(env: &'e Env, bundle: Uint8Array, entries_json: String, options_json: String) -> napi::Result<Unknown<'e>> {
    call_value(env, || {
        let e = entries(&entries_json)?;
        tree::bundle_report(&bundle, &e, &BundleReportOptions::from_value(&api::parse_options(&options_json)?)?)
            
    })
}

/// The implementation materials a bundle declares.
#[napi]
pub fn bundle_materials<'e>(env: &'e Env, bundle: Uint8Array) -> napi::Result<Unknown<'e>> {
    call_value(env, || tree::bundle_materials(&bundle))
}

/// `package attach-implementation`: the publish request.
#[napi]
pub fn attach_implementation<'e>(env: &'e Env, bundle: Uint8Array, entries_json: Option<String>, options_json: String) -> napi::Result<Unknown<'e>> {
    call_value(env, || {
        let e = match &entries_json {
            Some(j) => Some(entries(j)?),
            None => None,
        };
        api::anip_attach_implementation(&bundle, e.as_deref(), &AttachOptions::from_value(&api::parse_options(&options_json)?)?)
            
    })
}

/// Publication lint of a bundle's package metadata: `{status, findings}`.
#[napi]
pub fn lint<'e>(env: &'e Env, bundle: Uint8Array) -> napi::Result<Unknown<'e>> {
    call_value(env, || lint_bundle(&bundle, &LintOptions::default()).map(|f| lint_result(&f)))
}

/// assets.pa: an archive from `entries` and `preload` JSON.
#[napi]
pub fn assets_pa_write(entries_json: String, preload_json: String) -> napi::Result<Buffer> {
    call(|| pa::write_value(&json_arg(&entries_json, "entries")?, &json_arg(&preload_json, "preload")?)).map(Buffer::from)
}

/// assets.pa: the read result.
#[napi]
pub fn assets_pa_read<'e>(env: &'e Env, input: Uint8Array) -> napi::Result<Unknown<'e>> {
    call_value(env, || pa::read(&input))
}

/// assets.pa: every reader check (never fails).
#[napi]
pub fn assets_pa_verify<'e>(env: &'e Env, input: Uint8Array) -> napi::Result<Unknown<'e>> {
    call_value(env, || Ok(pa::verify(&input)))
}

/// assets.pa: one asset's payload slice.
#[napi]
pub fn assets_pa_extract(input: Uint8Array, asset_id: i64) -> napi::Result<Buffer> {
    call(|| pa::extract(&input, asset_id)).map(Buffer::from)
}

/// assets.pa: the companion files.
#[napi]
pub fn assets_pa_companions(input: Uint8Array) -> napi::Result<Vec<OutputFile>> {
    let files = call(|| pa::companions(&input))?;
    Ok(files.into_iter().map(|(name, bytes)| OutputFile { name, bytes: Buffer::from(bytes) }).collect())
}

/// assets.pa PA-COMP-4: whether companion files mirror the archive; `{ok, findings}`.
#[napi]
pub fn assets_pa_verify_companions<'e>(env: &'e Env, input: Uint8Array, asset_table: Uint8Array, preload: Uint8Array) -> napi::Result<Unknown<'e>> {
    call_value(env, || Ok(pa::verify_companions(&input, &asset_table, &preload)))
}

/// `{<bytes_key>: Buffer, <value_key>: value}`: bytes next to the JSON value describing them.
fn bytes_and_value<'e>(env: &'e Env, bytes_key: &str, bytes: Vec<u8>, value_key: &str, value: &Value) -> napi::Result<Object<'e>> {
    let mut out = Object::new(env)?;
    out.set(bytes_key, Buffer::from(bytes))?;
    out.set(value_key, to_js::value(env, value)?)?;
    Ok(out)
}

/// assets.pa: a GLYPH/indexed_v1 payload from its spec JSON: `{payload, summary}`.
#[napi]
pub fn assets_pa_glyph_bank<'e>(env: &'e Env, spec_json: String) -> napi::Result<Object<'e>> {
    let bank = call(|| pa::glyph_bank_value(&json_arg(&spec_json, "glyph bank")?))?;
    bytes_and_value(env, "payload", bank.payload.clone(), "summary", &bank.summary_value())
}

/// assets.pa: packs an in-memory asset project: `{report, files: [{name, bytes}]}`.
#[napi]
pub fn assets_pa_pack<'e>(env: &'e Env, files: Vec<OutputFile>, options_json: String) -> napi::Result<Object<'e>> {
    let project: BTreeMap<String, Vec<u8>> = files.into_iter().map(|f| (f.name, f.bytes.to_vec())).collect();
    let result = call(|| {
        let v = api::parse_options(&options_json)?;
        let opts = match v.as_object() {
            Some(m) if m.is_empty() => pa::PackOptions::default(),
            _ => pa::PackOptions::from_value(&v)?,
        };
        pa::pack(&project, &opts)
    })?;
    let mut out = Object::new(env)?;
    out.set("report", to_js::value(env, &result.report)?)?;
    out.set("files", result.files.into_iter().map(|(name, bytes)| OutputFile { name, bytes: Buffer::from(bytes) }).collect::<Vec<_>>())?;
    Ok(out)
}

/// A fresh Ed25519 key pair.
#[napi]
pub fn keygen<'e>(env: &'e Env, key_id: String) -> napi::Result<Unknown<'e>> {
    call_value(env, || api::keygen(&key_id))
}

/// The operation table this package is derived from.
#[napi]
pub fn operations(env: &Env) -> napi::Result<Unknown<'_>> {
    to_js::value(env, &api::ops::to_value())
}

/// Exports an in-memory project (`files`, `dataRootFiles`: name → bytes): `{package, report}`.
#[napi]
pub fn anpkg_export_files<'e>(env: &'e Env, files: Vec<OutputFile>, data_root_files: Vec<OutputFile>, options_json: String) -> napi::Result<Object<'e>> {
    let files: BTreeMap<String, Vec<u8>> = files.into_iter().map(|f| (f.name, f.bytes.to_vec())).collect();
    let data_root: BTreeMap<String, Vec<u8>> = data_root_files.into_iter().map(|f| (f.name, f.bytes.to_vec())).collect();
    let (package, report) = call(|| {
        let mut opts = api::AnpkgExportOptions::from_value(&api::parse_options(&options_json)?)?;
        opts.data_root_files = data_root;
        let exported = api::anpkg_export_files(files, &opts)?;
        let report = api::anpkg_export_report(&exported, &opts.export.project_name);
        Ok((exported.package, report))
    })?;
    bytes_and_value(env, "package", package, "report", &report)
}

/// One resource budget and the value in force.
#[napi(object)]
pub struct Limit {
    pub name: String,
    pub value: f64,
}

/// The resource budgets in force for this process, in table order (`docs/limits.md`).
#[napi]
pub fn limits() -> Vec<Limit> {
    api::budgets::current().into_iter().map(|(name, value)| Limit { name: name.to_string(), value: value as f64 }).collect()
}

/// Sets one budget for this process (`value` a non-negative safe integer, checked by
/// `index.js`); neither given: every budget back to its default.
#[napi(js_name = "setLimit")]
pub fn set_limit(name: Option<String>, value: Option<f64>) -> napi::Result<()> {
    call(|| match (name, value) {
        (Some(name), Some(value)) => api::budgets::set(&name, value as usize),
        (None, None) => {
            api::budgets::reset();
            Ok(())
        }
        _ => Err(Error::new("INVALID_OPTION", "give a limit name and a value, or neither to reset")),
    })
}

/// Test hook: proves a panic in the addon surfaces as `INTERNAL_PANIC`.
#[napi(js_name = "_panicForTest")]
pub fn panic_for_test() -> napi::Result<()> {
    call(|| -> Result<(), Error> { panic!("deliberate test panic") })
}

/// anpkg: the validate result JSON for archive bytes `input` or a `path` (file or
/// extracted directory); `options_json` also carries `runtime_bin`/`timeout_seconds`.
#[napi]
pub fn anpkg_validate<'e>(env: &'e Env, input: Option<Uint8Array>, path: Option<String>, options_json: String) -> napi::Result<Unknown<'e>> {
    call_value(env, || {
        let opts = api::parse_options(&options_json)?;
        let package = match (&input, &path) {
            (Some(d), None) => trustloop_host::anpkg::validate::Package::Bytes(d),
            (None, Some(p)) => trustloop_host::anpkg::validate::Package::Path(p),
            _ => return Err(Error::new("INVALID_ARGUMENT", "give exactly one of input or path")),
        };
        trustloop_host::anpkg::validate::validate_value(package, &opts)
    })
}

/// anpkg: exports a project directory (`{package, report}`); writes `output` atomically when given.
#[napi]
pub fn anpkg_export<'e>(env: &'e Env, project_dir: String, output: Option<String>, options_json: String) -> napi::Result<Object<'e>> {
    let (package, report) = call(|| {
        let request = trustloop_host::anpkg::export::ExportRequest::from_value(&api::parse_options(&options_json)?)?;
        trustloop_host::anpkg::export::export(&project_dir, output.as_deref(), &request)
    })?;
    bytes_and_value(env, "package", package, "report", &report)
}

/// assets.pa: packs a project directory into `out_dir` (default `<project>/build`); the report JSON.
#[napi]
pub fn assets_pa_pack_dir<'e>(env: &'e Env, project_dir: String, out_dir: Option<String>) -> napi::Result<Unknown<'e>> {
    call_value(env, || {
        let packed = trustloop_host::assets_project::pack(std::path::Path::new(&project_dir), out_dir.as_deref().map(std::path::Path::new))?;
        Ok(packed.report())
    })
}

/// The limits `index.js` applies to registry fetches (one definition, shared with Python).
#[napi(object)]
pub struct RegistryLimits {
    pub max_body_bytes: u32,
    pub timeout_seconds: u32,
}

/// Registry fetch limits: largest body, default timeout.
#[napi]
pub fn registry_limits() -> RegistryLimits {
    RegistryLimits {
        max_body_bytes: u32::try_from(trustloop_host::registry::MAX_BODY_BYTES).unwrap_or(u32::MAX),
        timeout_seconds: u32::try_from(trustloop_host::registry::TIMEOUT_SECONDS).unwrap_or(u32::MAX),
    }
}

/// Registry: the URLs to fetch, lock-file gaps filled (ANIP-LOCK-3).
#[napi]
pub fn registry_target<'e>(env: &'e Env, registry_url: String, package: String, lock: Option<Uint8Array>, allow_yanked: bool) -> napi::Result<Unknown<'e>> {
    call_value(env, || trustloop_host::registry::target(&registry_url, &package, lock.as_deref(), allow_yanked))
}

/// Registry: the verify result JSON from the three fetched bodies.
#[napi]
pub fn verify_registry<'e>(env: &'e Env, 
    package_url: String,
    download: Uint8Array,
    receipt: Uint8Array,
    keys: Uint8Array,
    lock: Option<Uint8Array>,
    options_json: String,
) -> napi::Result<Unknown<'e>> {
    call_value(env, || {
        let opts = api::parse_options(&options_json)?;
        trustloop_host::registry::bodies::verify(&package_url, &download, &receipt, &keys, lock.as_deref(), &opts)
    })
}

/// Registry: the consumer lock file from the three fetched bodies.
#[napi]
pub fn write_lock_registry(
    package_url: String,
    download: Uint8Array,
    receipt: Uint8Array,
    keys: Uint8Array,
    options_json: String,
) -> napi::Result<Buffer> {
    call(|| {
        let opts = api::parse_options(&options_json)?;
        trustloop_host::registry::bodies::write_lock(&package_url, &download, &receipt, &keys, &opts)
    })
    .map(|s| Buffer::from(s.into_bytes()))
}

