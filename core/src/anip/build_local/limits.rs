//! The Registry's resource limits on a published manifest, definition and lock
//! (upstream `validatePackageJSONResourceLimits`, `containsRetiredTypescriptReference`):
//! nesting depth 48, safe object keys, no control characters, no binary payloads,
//! example and attachment text budgets, no TypeScript build-pack references.
//!
//! Both walks use an explicit stack, so the input's depth never becomes native stack
//! depth. Upstream visits Go map keys in random order; we visit them as stored, so
//! with several offenders the reported path is deterministic (ANIP-DEF-3a): a map
//! built here in upstream's insertion order gives the offender upstream names most
//! often (`effects::validate_effects_in`), a parsed one its keys in byte order.
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::json::{Entries, Value};

pub(super) const MAX_DEPTH: usize = 48;
pub(super) const MAX_EXAMPLE_BYTES: usize = 256 * 1024;
pub(super) const MAX_ATTACHMENT_BYTES: usize = 512 * 1024;
const MAX_KEY_BYTES: usize = 160;
const BINARY_MIN_BYTES: usize = 4096;

/// Go's `unicode.ToLower` per character (`strings.ToLower`): simple case mapping,
/// so `İ` becomes `i` (Rust's full mapping would add a combining dot).
fn go_lower(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == '\u{130}' {
            out.push('i');
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// C0 controls other than tab, line feed and carriage return, and DEL.
fn has_unsafe_control_text(s: &str) -> bool {
    s.chars()
        .any(|c| !matches!(c, '\t' | '\n' | '\r') && (c < ' ' || c == '\u{7f}'))
}

/// Upstream's `looksSuspiciousBinaryPayload`: a binary `data:` URL anywhere, or 4 KiB
/// or more of base64-looking text under a path that names content.
fn looks_like_binary_payload(lower_path: &str, value: &str) -> bool {
    let trimmed = value.trim();
    let lower = go_lower(trimmed);
    if lower.starts_with("data:application/octet-stream") || lower.starts_with("data:binary") {
        return true;
    }
    if trimmed.len() < BINARY_MIN_BYTES {
        return false;
    }
    if !["attachment", "payload", "blob", "binary", "content", "file"]
        .iter()
        .any(|w| lower_path.contains(w))
    {
        return false;
    }
    let base64ish = trimmed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=' | '\n' | '\r'))
        .count();
    base64ish * 100 / trimmed.len() > 95
}

/// Byte totals of strings under example and attachment paths.
#[derive(Default)]
struct Budgets {
    examples: usize,
    attachments: usize,
}

/// The children of one open container still to visit (an array's with the next index).
enum Children<'a> {
    Object(Entries<'a>),
    Array(&'a [Value], usize),
}

/// Checks one value reached at `path`; a container is returned to be walked.
fn visit<'a>(
    label: &str,
    value: &'a Value,
    path: &str,
    depth: usize,
    budgets: &mut Budgets,
) -> Result<Option<Children<'a>>, String> {
    if depth > MAX_DEPTH {
        return Err(format!(
            "{label} exceeds maximum JSON nesting depth {MAX_DEPTH}"
        ));
    }
    match value {
        Value::Object(m) => Ok(Some(Children::Object(m.stored()))),
        Value::Array(items) => Ok(Some(Children::Array(items, 0))),
        Value::String(s) => {
            if has_unsafe_control_text(s) {
                return Err(format!(
                    "{label} contains unsafe control characters at {path}"
                ));
            }
            let lower_path = go_lower(path);
            if lower_path.contains("example") {
                budgets.examples += s.len();
            }
            if lower_path.contains("attachment") || lower_path.contains("artifact") {
                budgets.attachments += s.len();
            }
            if looks_like_binary_payload(&lower_path, s) {
                return Err(format!(
                    "{label} contains suspicious binary payload at {path}"
                ));
            }
            Ok(None)
        }
        _ => Ok(None),
    }
}

/// `<label> …` checks over one published value, in upstream's visiting order (an
/// object key is checked just before its value is walked); the message is without
/// the `invalid package: ` prefix. Only the open containers along the current path
/// are held, at most [`MAX_DEPTH`] + 1 of them.
pub(super) fn check_resource_limits(label: &str, value: &Value) -> Result<(), String> {
    let mut budgets = Budgets::default();
    let mut stack: Vec<(Children, String)> = Vec::new();
    if let Some(children) = visit(label, value, label, 0, &mut budgets)? {
        stack.push((children, String::from(label)));
    }
    loop {
        let depth = stack.len();
        let Some((children, path)) = stack.last_mut() else {
            break;
        };
        let (child, child_path) = match children {
            Children::Object(entries) => match entries.next() {
                Some((key, item)) => {
                    if key.is_empty() || key.len() > MAX_KEY_BYTES || has_unsafe_control_text(key) {
                        return Err(format!("{label} contains unsafe JSON object key at {path}"));
                    }
                    (item, format!("{path}.{key}"))
                }
                None => {
                    stack.pop();
                    continue;
                }
            },
            Children::Array(items, next) => match items.get(*next) {
                Some(item) => {
                    *next += 1;
                    (item, format!("{path}[{}]", *next - 1))
                }
                None => {
                    stack.pop();
                    continue;
                }
            },
        };
        if let Some(grandchildren) = visit(label, child, &child_path, depth, &mut budgets)? {
            stack.push((grandchildren, child_path));
        }
    }
    if budgets.examples > MAX_EXAMPLE_BYTES {
        return Err(format!("{label} examples exceed {MAX_EXAMPLE_BYTES} bytes"));
    }
    if budgets.attachments > MAX_ATTACHMENT_BYTES {
        return Err(format!(
            "{label} attachments exceed {MAX_ATTACHMENT_BYTES} bytes"
        ));
    }
    Ok(())
}

/// Upstream's `containsRetiredTypescriptReference`: any string mentioning
/// `typescript`, case-insensitively, anywhere in the value.
pub(super) fn mentions_typescript(value: &Value) -> bool {
    // One iterator per open container, so a wide array is never copied.
    let mut stack: Vec<alloc::boxed::Box<dyn Iterator<Item = &Value> + '_>> =
        alloc::vec![alloc::boxed::Box::new(core::iter::once(value))];
    while let Some(top) = stack.last_mut() {
        match top.next() {
            None => {
                stack.pop();
            }
            Some(Value::String(s)) => {
                if go_lower(s.trim()).contains("typescript") {
                    return true;
                }
            }
            Some(Value::Array(items)) => stack.push(alloc::boxed::Box::new(items.iter())),
            Some(Value::Object(m)) => {
                stack.push(alloc::boxed::Box::new(m.iter().map(|(_, item)| item)))
            }
            Some(_) => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;

    fn check(json: &str) -> Result<(), String> {
        check_resource_limits("service_definition", &parse(json.as_bytes()).unwrap())
    }

    fn nested(levels: usize) -> String {
        format!("{}{}", "[".repeat(levels), "]".repeat(levels))
    }

    #[test]
    fn depth_48_passes_49_fails() {
        // The root object is depth 0; an array opened at depth d holds values at d + 1.
        assert_eq!(check(&format!("{{\"x\":{}}}", nested(48))), Ok(()));
        assert_eq!(
            check(&format!("{{\"x\":{}}}", nested(49))),
            Err("service_definition exceeds maximum JSON nesting depth 48".into())
        );
    }

    #[test]
    fn a_built_map_is_walked_in_insertion_order() {
        // build-local's manifest and lock are built in upstream's insertion order; its
        // small maps iterate that order from a random slot, so the offender inserted
        // first is the one upstream names most often.
        let built: Value = crate::json::Map::new().with("b", "x\u{2}").with("a", "y\u{3}").into();
        assert_eq!(
            check_resource_limits("manifest", &built),
            Err("manifest contains unsafe control characters at manifest.b".into())
        );
    }

    #[test]
    fn a_key_is_checked_after_the_values_sorted_before_it() {
        // "a" sorts before "b\u0001": the bad string under "a" is met first …
        assert_eq!(
            check("{\"b\\u0001\":1,\"a\":\"x\\u0002\"}"),
            Err(
                "service_definition contains unsafe control characters at service_definition.a"
                    .into()
            )
        );
        // … and "a\u0001" before "b": the key is.
        assert_eq!(
            check("{\"a\\u0001\":1,\"b\":\"x\\u0002\"}"),
            Err("service_definition contains unsafe JSON object key at service_definition".into())
        );
        assert_eq!(
            check("{\"b\":{\"\":1}}"),
            Err(
                "service_definition contains unsafe JSON object key at service_definition.b".into()
            )
        );
        assert_eq!(check(&format!("{{\"{}\":1}}", "k".repeat(160))), Ok(()));
        assert!(check(&format!("{{\"{}\":1}}", "k".repeat(161))).is_err());
        // Tab, line feed and carriage return are allowed; DEL is not.
        assert_eq!(check("{\"a\":\"x\\t\\n\\r\"}"), Ok(()));
        assert!(check("{\"a\":\"\\u007f\"}").is_err());
    }

    #[test]
    fn binary_payloads_and_budgets() {
        assert_eq!(
            check("{\"note\":\" DATA:Binary,AAAA\"}"),
            Err(
                "service_definition contains suspicious binary payload at service_definition.note"
                    .into()
            )
        );
        let blob = "QUFB".repeat(1024);
        assert!(check(&format!("{{\"file_body\":\"{blob}\"}}")).is_err());
        // The same text under a path that names no content is fine, and so is prose.
        assert_eq!(check(&format!("{{\"notes\":\"{blob}\"}}")), Ok(()));
        assert_eq!(
            check(&format!("{{\"content\":\"{}\"}}", "a b ".repeat(1100))),
            Ok(())
        );
        let half = "e".repeat(MAX_EXAMPLE_BYTES / 2);
        assert_eq!(
            check(&format!("{{\"examples\":[\"{half}\",\"{half}\"]}}")),
            Ok(())
        );
        assert_eq!(
            check(&format!("{{\"EXAMPLES\":[\"{half}\",\"{half}\",\"e\"]}}")),
            Err("service_definition examples exceed 262144 bytes".into())
        );
        // Go lowercases `İ` to `i`: "fİle" names a file.
        assert!(check(&format!("{{\"f\u{130}le\":\"{blob}\"}}")).is_err());
    }

    #[test]
    fn typescript_anywhere() {
        assert!(mentions_typescript(
            &parse(b"{\"a\":[{\"b\":\"Uses TypeScript\"}]}").unwrap()
        ));
        assert!(!mentions_typescript(
            &parse(b"{\"typescript\":\"python\"}").unwrap()
        ));
    }
}
