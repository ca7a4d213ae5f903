//! Reference integrity (ANPKG-VAL-R1..R20), path rule X and the static replay step
//! RP1.
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::cmp::Ordering;

use super::documents::py_strip;
use super::manifest::load_mapping;
use super::tree::{Kind, Resolved};
use super::{codes, schemas, Ctx, Stop};
use crate::emulate::python::repr::{repr, to_str};
use crate::emulate::python::yaml::{Map, Value};
use crate::diag::Finding;

/// Runs R1–R20 and RP1; returns the package-relative path of the manual runtime
/// profile for the replay step.
pub fn check(ctx: &mut Ctx<'_>, manifest: &Map) -> Result<Option<String>, Stop> {
    // R1, R2 (redundant with the schema, kept for --all and for schema-valid oddities).
    let providers = match manifest.get_str("providers") {
        Some(Value::Map(p)) if !p.is_empty() => p,
        _ => {
            ctx.fail(Finding::error(codes::MANIFEST_PROVIDERS, "machine-profile.providers must be a non-empty object").at_file("machine-profile.yaml"))?;
            return Ok(None);
        }
    };
    let profiles = match manifest.get_str("runtime_profiles") {
        Some(Value::Map(p)) if p.contains_str("manual") => p,
        _ => {
            ctx.fail(
                Finding::error(codes::MANIFEST_RUNTIME_PROFILES, "machine-profile.runtime_profiles.manual is required")
                    .at_file("machine-profile.yaml"),
            )?;
            return Ok(None);
        }
    };
    let manifest_ids: Vec<&Value> = providers.keys().collect();

    // R3–R14, per runtime profile in manifest order.
    for (name, raw) in profiles.iter() {
        let label = format!("runtime_profiles.{}", to_str(name));
        let Some(rel) = required_path(ctx, raw, &label)? else { continue };
        check_runtime(ctx, &rel, &label, &manifest_ids)?;
    }

    // R15: every manifest provider's config resolves to some package file.
    for (id, entry) in providers.iter() {
        let id = to_str(id);
        match entry {
            Value::Map(e) => {
                let config = e.get_str("config").unwrap_or(&Value::Null);
                required_path(ctx, config, &format!("providers.{id}.config"))?;
            }
            _ => ctx.fail(Finding::error(codes::MANIFEST_PROVIDER_ENTRY, format!("providers.{id} must be an object")).at_file("machine-profile.yaml"))?,
        }
    }

    // R16–R18: behaviors.
    match manifest.get_str("behaviors") {
        None | Some(Value::Null) => {}
        Some(Value::Seq(items)) => {
            for (i, item) in items.iter().enumerate() {
                let label = format!("behaviors[{i}]");
                if let Some(rel) = required_path(ctx, item, &label)? {
                    if !rel.starts_with("runtime/behaviors/") {
                        ctx.fail(
                            Finding::error(codes::BEHAVIOR_OUTSIDE_BEHAVIORS, format!("{label} must be under runtime/behaviors/: {rel}"))
                                .at_file("machine-profile.yaml"),
                        )?;
                    }
                }
            }
        }
        Some(_) => ctx.fail(Finding::error(codes::BEHAVIORS_NOT_ARRAY, "behaviors must be an array when present").at_file("machine-profile.yaml"))?,
    }

    // R20: validation.check_http_script (informational; may be missing on disk).
    if let Some(Value::Map(validation)) = manifest.get_str("validation") {
        informational_path(ctx, validation.get_str("check_http_script"), "validation.check_http_script")?;
    }

    // RP1: the manual profile again.
    let manual = profiles.get_str("manual").unwrap_or(&Value::Null);
    required_path(ctx, manual, "runtime_profiles.manual")
}

/// R4–R14 for one runtime profile.
fn check_runtime(ctx: &mut Ctx<'_>, rel: &str, label: &str, manifest_ids: &[&Value]) -> Result<(), Stop> {
    let Some(runtime) = load_mapping(ctx, rel)? else { return Ok(()) };
    let doc = Value::Map(runtime);
    let mut schema_failed = false;
    for e in schemas::errors(schemas::Schema::RuntimeConfig, &doc) {
        schema_failed = true;
        ctx.fail(Finding::error(codes::RUNTIME_SCHEMA, schemas::message(rel, &e)).at_file(rel).at_path(e.path_string()))?;
    }
    if schema_failed {
        // --all: the checks below assume a schema-valid document.
        return Ok(());
    }
    let Value::Map(runtime) = &doc else { return Ok(()) };

    // R6.
    let Some(Value::Seq(entries)) = runtime.get_str("providers") else {
        return ctx.fail(Finding::error(codes::RUNTIME_PROVIDERS, "runtime.providers must be an array").at_file(rel));
    };
    let mut runtime_ids: Vec<&str> = Vec::new();
    let mut providers: Vec<(usize, &str, &Map)> = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let Value::Map(p) = entry else {
            ctx.fail(Finding::error(codes::RUNTIME_PROVIDERS, format!("runtime.providers[{i}] must be an object")).at_file(rel))?;
            continue;
        };
        match p.get_str("id") {
            Some(Value::Str(id)) if !py_strip(id).is_empty() => {
                runtime_ids.push(id);
                providers.push((i, id, p));
            }
            _ => ctx.fail(Finding::error(codes::RUNTIME_PROVIDERS, format!("runtime.providers[{i}].id must be a non-empty string")).at_file(rel))?,
        }
    }

    // R7, R8: set comparison (duplicate runtime ids are not rejected).
    let mut missing_in_manifest: Vec<&str> = runtime_ids.iter().copied().filter(|id| !manifest_ids.iter().any(|m| m.as_str() == Some(id))).collect();
    crate::sort::sort(&mut missing_in_manifest);
    missing_in_manifest.dedup();
    if !missing_in_manifest.is_empty() {
        let list: Vec<Value> = missing_in_manifest.iter().map(|s| Value::str(*s)).collect();
        ctx.fail(
            Finding::error(codes::PROVIDER_NOT_IN_MANIFEST, format!("{label}: provider IDs missing from manifest.providers: {}", repr(&Value::Seq(list))))
                .at_file(rel),
        )?;
    }
    let mut missing_in_runtime: Vec<&Value> =
        manifest_ids.iter().copied().filter(|m| !runtime_ids.iter().any(|id| m.as_str() == Some(id))).collect();
    crate::sort::sort_by(&mut missing_in_runtime, |a, b| py_sort_key(a, b));
    if !missing_in_runtime.is_empty() {
        let list: Vec<Value> = missing_in_runtime.into_iter().cloned().collect();
        ctx.fail(
            Finding::error(codes::PROVIDER_NOT_IN_RUNTIME, format!("{label}: manifest.providers IDs missing from runtime.providers: {}", repr(&Value::Seq(list))))
                .at_file(rel),
        )?;
    }

    // R9–R12, per provider.
    for (i, id, p) in providers {
        let Some(Value::Seq(args)) = p.get_str("args") else {
            ctx.fail(Finding::error(codes::PROVIDER_ARGS, format!("runtime.providers[{i}] args must be an array")).at_file(rel))?;
            continue;
        };
        let at = args.iter().take(args.len().saturating_sub(1)).position(|a| a.as_str() == Some("--config"));
        let Some(at) = at else {
            ctx.fail(Finding::error(codes::PROVIDER_CONFIG_ARG_MISSING, format!("runtime provider '{id}' missing --config argument")).at_file(rel))?;
            continue;
        };
        let raw = &args[at + 1];
        let Some(config) = required_path(ctx, raw, &format!("runtime.providers[{i}].args(--config)"))? else { continue };
        if !config.starts_with("providers/") {
            ctx.fail(
                Finding::error(
                    codes::PROVIDER_CONFIG_OUTSIDE_PROVIDERS,
                    format!("runtime provider '{id}' config path must resolve under providers/: {}", to_str(raw)),
                )
                .at_file(rel),
            )?;
        }
    }

    // R13, R14: the behavior tree, even when automation is disabled.
    if let Some(Value::Map(automation)) = runtime.get_str("automation") {
        let first = automation.get_str("behavior_tree").unwrap_or(&Value::Null);
        let raw = if first.is_truthy() { first } else { automation.get_str("behavior_tree_path").unwrap_or(&Value::Null) };
        if let Value::Str(s) = raw {
            if !py_strip(s).is_empty() {
                if let Some(bt) = required_path(ctx, raw, "automation.behavior_tree")? {
                    if !bt.starts_with("runtime/behaviors/") {
                        ctx.fail(
                            Finding::error(codes::BEHAVIOR_OUTSIDE_BEHAVIORS, format!("automation.behavior_tree must resolve under runtime/behaviors/: {s}"))
                                .at_file(rel),
                        )?;
                    }
                }
            }
        }
    }
    Ok(())
}

/// Python `sorted()` of provider ids (same-type comparisons; mixed types, where
/// Python raises, fall back to their `str`).
fn py_sort_key(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => x.as_bytes().cmp(y.as_bytes()),
        _ => match (a.numeric(), b.numeric()) {
            (Some(x), Some(y)) => x.py_cmp(&y).unwrap_or(Ordering::Equal),
            _ => to_str(a).as_bytes().cmp(to_str(b).as_bytes()),
        },
    }
}

fn is_absolute(s: &str) -> bool {
    let b = s.as_bytes();
    s.starts_with('/') || (b.len() >= 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && (b[2] == b'\\' || b[2] == b'/'))
}

/// Rule X for a required file (X1–X4); the normalised package-relative path on success.
pub fn required_path(ctx: &mut Ctx<'_>, raw: &Value, label: &str) -> Result<Option<String>, Stop> {
    let fail = |code, what: String| Finding::error(code, format!("{label}: {what}"));
    let s = match raw {
        Value::Str(s) if !py_strip(s).is_empty() => s,
        _ => {
            ctx.fail(fail(codes::PATH_NOT_STRING, String::from("path must be a non-empty string")))?;
            return Ok(None);
        }
    };
    if is_absolute(s) {
        ctx.fail(fail(codes::PATH_ABSOLUTE, String::from("path must be relative (no absolute paths)")))?;
        return Ok(None);
    }
    let rel = match ctx.tree.resolve(s) {
        Resolved::Outside => {
            ctx.fail(fail(codes::PATH_ESCAPES, format!("path escapes package root: {s}")))?;
            return Ok(None);
        }
        Resolved::Inside(rel) => rel,
    };
    if ctx.tree.kind_resolved(&rel) != Kind::File {
        ctx.fail(fail(codes::REFERENCED_FILE_NOT_FOUND, format!("referenced file not found: {s}")))?;
        return Ok(None);
    }
    Ok(Some(rel))
}

/// Rule X for an informational path (R20): absent, null or "" skip; may be missing.
fn informational_path(ctx: &mut Ctx<'_>, raw: Option<&Value>, label: &str) -> Result<(), Stop> {
    let fail = |code, what: String| Finding::error(code, format!("{label}: {what}")).at_file("machine-profile.yaml");
    let s = match raw {
        None | Some(Value::Null) => return Ok(()),
        Some(Value::Str(s)) if s.is_empty() => return Ok(()),
        Some(Value::Str(s)) => s,
        Some(_) => return ctx.fail(fail(codes::PATH_NOT_STRING, String::from("path must be a string when present"))),
    };
    if is_absolute(s) {
        return ctx.fail(fail(codes::PATH_ABSOLUTE, String::from("path must be relative (no absolute paths)")));
    }
    match ctx.tree.resolve(s) {
        Resolved::Outside => ctx.fail(fail(codes::PATH_ESCAPES, format!("path escapes package root: {s}"))),
        Resolved::Inside(rel) => match ctx.tree.kind_resolved(&rel) {
            Kind::Missing | Kind::File => Ok(()),
            Kind::Dir | Kind::Other => ctx.fail(fail(codes::PATH_NOT_FILE, format!("expected file path but found non-file entry: {s}"))),
        },
    }
}
