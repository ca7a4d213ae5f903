//! Human-readable rendering of a verify result (the default without `--json`).
use trustloop_core::json::Value;

pub fn print_verify(result: &Value) {
    let s = |k: &str| result.str_at(k);
    let status = s("status");
    let mark = if status == "failed" { "FAILED" } else { "OK" };
    if s("package_id").is_empty() {
        println!("{mark}  {}", s("source_kind"));
    } else {
        println!("{mark}  {} {}@{}", s("source_kind"), s("package_id"), s("package_version"));
    }
    for (label, key) in [
        ("definition digest", "definition_digest"),
        ("receipt", "receipt_status"),
        ("receipt trust", "receipt_trust"),
        ("receipt key", "receipt_key_id"),
        ("contract signature", "contract_signature"),
    ] {
        if !s(key).is_empty() {
            println!("  {label:<19} {}", s(key));
        }
    }
    if let Some(compat) = result.get("compatibility") {
        println!("  {:<19} {}", "compatibility", compat.str_at("mode"));
    }
    println!();
    for check in result.get("checks").and_then(Value::as_array).unwrap_or(&[]) {
        let pass = check.str_at("status") == "pass";
        println!("  [{}] {}", if pass { "pass" } else { "FAIL" }, check.str_at("name"));
        if !pass && !check.str_at("detail").is_empty() {
            println!("         {}", check.str_at("detail"));
        }
    }
}
