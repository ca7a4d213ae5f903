//! Vector ops of the ANIP implementation-material area (refs, bundle trees,
//! reports, attach-implementation, publication lint). Each maps a case's input and
//! options onto one `trustloop_core` call, as every host's runner does.
use trustloop_core::api::{
    anip_attach_implementation, anip_bundle_entries, anip_bundle_materials, anip_bundle_report, anip_lint, anip_ref_check,
    anip_tree_combine, anip_tree_digest, AttachOptions, BundleReportOptions, TreeDigestOptions,
};
use trustloop_core::api::diag::Error;
use trustloop_core::api::json::{Map, Value};

/// The ops handled here.
pub const OPS: &[&str] = &["ref_check", "tree_combine", "tree_digest", "bundle_report", "bundle_materials", "attach_implementation", "lint"];

/// What an op returned: bytes (checked with `output_*`) or a value (`result*`).
pub enum Out {
    Text(String),
    Value(Value),
}

/// Options without `entries` (the bundle tree travels in the options object).
fn split_entries(options: &Value) -> Result<(Value, Option<Value>), Error> {
    let mut rest = Map::new();
    let mut entries = None;
    for (k, v) in options.as_object().map(|m| m.iter().collect::<Vec<_>>()).unwrap_or_default() {
        if k == "entries" {
            entries = Some(v.clone());
        } else {
            rest.insert(k.clone(), v.clone());
        }
    }
    Ok((Value::Object(rest), entries))
}

pub fn call(op: &str, input: &[u8], options: &Value) -> Result<Out, Error> {
    let (opts, entries) = split_entries(options)?;
    let entries = match &entries {
        Some(e) => Some(anip_bundle_entries(e)?),
        None => None,
    };
    let tree = entries.as_deref().unwrap_or(&[]);
    match op {
        "ref_check" => anip_ref_check(std::str::from_utf8(input).unwrap_or("\u{fffd}")).map(Out::Value),
        "tree_combine" => anip_tree_combine(input, opts.str_at("pointer")).map(Out::Text),
        "tree_digest" => anip_tree_digest(tree, &TreeDigestOptions::from_value(&opts)?).map(Out::Value),
        "bundle_report" => anip_bundle_report(input, tree, &BundleReportOptions::from_value(&opts)?).map(Out::Value),
        "bundle_materials" => anip_bundle_materials(input).map(Out::Value),
        "attach_implementation" => anip_attach_implementation(input, entries.as_deref(), &AttachOptions::from_value(&opts)?).map(Out::Value),
        "lint" => anip_lint(input).map(Out::Value),
        other => Err(Error::new("INVALID_OPTION", format!("unknown op {other:?}"))),
    }
}
