//! Human-readable rendering of a verify result (the default without `--json`).
use trustloop_core::api::json::Value;

pub fn print_verify(result: &Value) {
    let s = |k: &str| result.str_at(k);
    let status = s("status");
    let mark = if status == "failed" { "FAILED" } else { "OK" };
    if s("package_id").is_empty() {
        outln!("{mark}  {}", s("source_kind"));
    } else {
        outln!("{mark}  {} {}@{}", s("source_kind"), s("package_id"), s("package_version"));
    }
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
    for check in result.get("checks").and_then(Value::as_array).unwrap_or(&[]) {
        let pass = check.str_at("status") == "pass";
        outln!("  [{}] {}", if pass { "pass" } else { "FAIL" }, check.str_at("name"));
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
