//! Human-readable rendering of a verify result (the default without `--json`): a
//! headline with the verdict and how many checks failed, then each check, the failing
//! ones marked `> [FAIL]` (and red on a colour terminal, `crate::color`).
use trustloop_core::api::json::Value;

use crate::color;

pub fn print_verify(result: &Value) {
    let s = |k: &str| result.str_at(k);
    let checks = result.get("checks").and_then(Value::as_array).unwrap_or(&[]);
    let failed = checks.iter().filter(|c| c.str_at("status") != "pass").count();
    let mark = if s("status") == "failed" { color::bad("FAILED") } else { color::good("OK") };
    let subject = if s("package_id").is_empty() {
        s("source_kind").to_string()
    } else {
        format!("{} {}@{}", s("source_kind"), s("package_id"), s("package_version"))
    };
    let tally = match failed {
        0 => format!("all {} checks passed", checks.len()),
        n => color::bad(&format!("{n} of {} checks failed", checks.len())),
    };
    outln!("{mark}  {subject}  ({tally})");
    for (label, key) in [("definition digest", "definition_digest"), ("receipt", "receipt_status")] {
        if !s(key).is_empty() {
            outln!("  {label:<19} {}", s(key));
        }
    }
    if let Some(line) = signer(result) {
        outln!("  {:<19} {line}", "signed by");
    }
    if !s("contract_signature").is_empty() {
        outln!("  {:<19} {}", "contract signature", s("contract_signature"));
    }
    if let Some(compat) = result.get("compatibility") {
        outln!("  {:<19} {}", "compatibility", compat.str_at("mode"));
    }
    outln!();
    for check in checks {
        let pass = check.str_at("status") == "pass";
        if pass {
            outln!("  [pass] {}", check.str_at("name"));
        } else {
            outln!("{} {}", color::bad("> [FAIL]"), color::strong(check.str_at("name")));
        }
        if !pass && !check.str_at("detail").is_empty() {
            outln!("         {}", check.str_at("detail"));
        }
    }
}

/// Who signed the receipt and whether that key is trusted, from `receipt_trust`
/// (the summary always asks for the extended report). `None` for definition files.
fn signer(result: &Value) -> Option<String> {
    let key = result.str_at("receipt_key_id");
    let authority = result.str_at("receipt_authority");
    Some(match result.str_at("receipt_trust") {
        "pinned-key" => format!("key {key}: trusted (pinned by you)"),
        "untrusted" => format!("key {key}: NOT trusted (not among your pinned keys)"),
        "bundle-embedded-key" => {
            format!("key {key}: not pinned (the key comes from the bundle itself; pin it with --trusted-key or --trust-store)")
        }
        "registry-served-key" => {
            format!("key {key}: not pinned (the key comes from the registry itself; pin it with --trusted-key or --trust-store)")
        }
        "integrity-only" => format!("nobody: local sha256 receipt from {authority:?} (integrity only, no key to trust)"),
        "none" => "nobody: no receipt".to_string(),
        _ => return None,
    })
}
