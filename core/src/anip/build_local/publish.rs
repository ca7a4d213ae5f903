//! The Registry's publish validation as upstream's in-memory store applies it to a
//! build-local request (`validatePublishPackageRequest`, then
//! `validatePackageExecutionMetadata`), in upstream's order. Messages are upstream's,
//! with the `invalid package: ` prefix (Go's `ErrInvalidPackage`).
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::content::{source_links_value, SourceLink, SPEC_VERSION};
use super::limits::{check_resource_limits, mentions_typescript};
use crate::anip::definition;
use crate::anip::effects::validate_effects_in;
use alloc::boxed::Box;

use crate::json::{format_go_float, write_string, Map, Mode, Order, Value};

const MAX_REQUEST_BYTES: usize = 5 * 1024 * 1024;
const MAX_MANIFEST_BYTES: usize = 1024 * 1024;
const MAX_DEFINITION_BYTES: usize = 2 * 1024 * 1024;
const MAX_LOCK_BYTES: usize = 512 * 1024;
const MAX_README_BYTES: usize = 64 * 1024;
const MAX_SOURCE_LINKS: usize = 8;
const MAX_CAPABILITIES: usize = 256;

/// The publish request build-local sends to its in-memory Registry.
pub(super) struct Request<'a> {
    /// `PublishPackageRequest` without its three documents (`null` in their place):
    /// only its marshalled length is used.
    pub envelope: Value,
    pub readme: &'a str,
    pub source_links: &'a [SourceLink],
    pub manifest: &'a Value,
    pub definition: &'a Value,
    pub lock: &'a Value,
}

fn invalid(message: impl core::fmt::Display) -> String {
    format!("invalid package: {message}")
}

/// `json.Marshal` length (HTML characters escaped, Go numbers), counted with one
/// iterator per open container so neither depth nor width costs native stack or copies.
fn marshal_len(v: &Value) -> usize {
    let escaped_len = |s: &str| {
        let mut out = String::new();
        write_string(&mut out, s, Mode::Signature);
        out.len()
    };
    let mut total = 0usize;
    let mut stack: Vec<Box<dyn Iterator<Item = &Value> + '_>> =
        alloc::vec![Box::new(core::iter::once(v))];
    while let Some(top) = stack.last_mut() {
        let Some(v) = top.next() else {
            stack.pop();
            continue;
        };
        total += match v {
            Value::Null => 4,
            Value::Bool(b) => {
                if *b {
                    4
                } else {
                    5
                }
            }
            Value::Number(n) => format_go_float(*n).len(),
            Value::String(s) => escaped_len(s),
            Value::Array(items) => {
                stack.push(Box::new(items.iter()));
                2 + items.len().saturating_sub(1)
            }
            Value::Object(m) => {
                stack.push(Box::new(m.iter().map(|(_, item)| item)));
                2 + m.len().saturating_sub(1) + m.keys().map(|k| escaped_len(k) + 1).sum::<usize>()
            }
        };
    }
    total
}

fn check_size(label: &str, len: usize, max: usize) -> Result<(), String> {
    if len > max {
        return Err(invalid(format_args!("{label} exceeds {max} bytes")));
    }
    Ok(())
}

/// Go's `url.ParseRequestURI` as far as an http(s) URL with a host is concerned:
/// no control bytes, an `http`/`https` scheme (any case), `//`, a host whose port
/// (after the last `:` outside brackets) is digits, and valid `%` escapes.
fn is_http_url(url: &str) -> bool {
    if url.bytes().any(|b| b < 0x20 || b == 0x7f) {
        return false;
    }
    let Some((scheme, rest)) = url.split_once(':') else {
        return false;
    };
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return false;
    }
    let rest = match rest.find('?') {
        Some(i) => &rest[..i],
        None => rest,
    };
    let Some(rest) = rest.strip_prefix("//") else {
        return false;
    };
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let port = if host.starts_with('[') {
        match host.rfind(']') {
            Some(i) => &host[i + 1..],
            None => return false,
        }
    } else {
        host.rfind(':').map_or("", |i| &host[i..])
    };
    let port_ok = port.is_empty() || (port.starts_with(':') && port[1..].bytes().all(|b| b.is_ascii_digit()));
    if !port_ok {
        return false;
    }
    !host.is_empty() && escapes_valid(host) && escapes_valid(path)
}

fn escapes_valid(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            if !(b.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
            {
                return false;
            }
            i += 3;
        } else {
            i += 1;
        }
    }
    true
}

/// `validatePublishPackageRequest` for what build-local can send.
pub(super) fn validate_request(r: &Request) -> Result<(), String> {
    let sizes = [
        marshal_len(r.manifest),
        marshal_len(r.definition),
        marshal_len(r.lock),
    ];
    // The envelope carries `null` (4 bytes) where each document goes.
    let request_len = marshal_len(&r.envelope) - 3 * 4 + sizes.iter().sum::<usize>();
    check_size("publish request", request_len, MAX_REQUEST_BYTES)?;
    if r.readme.len() > MAX_README_BYTES {
        return Err(invalid(format_args!(
            "readme exceeds {MAX_README_BYTES} bytes"
        )));
    }
    if r.source_links.len() > MAX_SOURCE_LINKS {
        return Err(invalid(format_args!(
            "source_links exceeds {MAX_SOURCE_LINKS} entries"
        )));
    }
    for (i, link) in r.source_links.iter().enumerate() {
        if link.title.is_empty() || link.url.is_empty() {
            return Err(invalid(format_args!(
                "source_links[{i}] requires title and url"
            )));
        }
        if link.title.len() > 120 {
            return Err(invalid(format_args!(
                "source_links[{i}].title exceeds 120 bytes"
            )));
        }
        if link.url.len() > 2048 {
            return Err(invalid(format_args!(
                "source_links[{i}].url exceeds 2048 bytes"
            )));
        }
        if !is_http_url(&link.url) {
            return Err(invalid(format_args!(
                "source_links[{i}].url must be an http(s) URL"
            )));
        }
    }
    if r.manifest.get("anip_spec_version").and_then(Value::as_str) != Some(SPEC_VERSION) {
        return Err(invalid(format_args!(
            "manifest anip_spec_version must be {SPEC_VERSION}"
        )));
    }
    if mentions_typescript(r.manifest) || mentions_typescript(r.lock) {
        return Err(invalid(
            "retired TypeScript build-pack references are not publishable",
        ));
    }
    check_size("manifest", sizes[0], MAX_MANIFEST_BYTES)?;
    check_size("service_definition", sizes[1], MAX_DEFINITION_BYTES)?;
    check_size("recommended_lock", sizes[2], MAX_LOCK_BYTES)?;
    for (label, value) in [
        ("manifest", r.manifest),
        ("service_definition", r.definition),
        ("recommended_lock", r.lock),
    ] {
        check_resource_limits(label, value).map_err(invalid)?;
    }
    // Below this point every document is at most 48 levels deep.
    validate_effects_in(r.manifest, "manifest", Order::Stored).map_err(invalid)?;
    validate_effects_in(r.lock, "recommended_lock", Order::Stored).map_err(invalid)?;
    let capabilities = r
        .definition
        .get("capability_formalizations")
        .and_then(Value::as_array)
        .map_or(0, <[Value]>::len);
    if capabilities > MAX_CAPABILITIES {
        return Err(invalid(format_args!(
            "service_definition capability count exceeds {MAX_CAPABILITIES}"
        )));
    }
    definition::validate_service_definition(r.definition).map_err(invalid)
}

fn sorted_ids<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut ids: Vec<&str> = ids.map(str::trim).filter(|id| !id.is_empty()).collect();
    crate::sort::sort(&mut ids);
    ids.dedup();
    ids
}

/// Go's `%v` of a `[]string`: `[a b c]`.
fn go_list(ids: &[&str]) -> String {
    format!("[{}]", ids.join(" "))
}

/// `validatePackageExecutionMetadata`: consumability matches the definition, and
/// readiness is `ready` with no blockers or warnings.
pub(super) fn validate_execution_metadata(
    definition: &Value,
    manifest: &Value,
) -> Result<(), String> {
    let empty = Map::new();
    let consumability = manifest
        .get("agent_consumability")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    if consumability.is_empty() {
        return Err(invalid("agent_consumability metadata is required"));
    }
    if consumability
        .get("schema_version")
        .and_then(Value::as_str)
        .map_or("", str::trim)
        .is_empty()
    {
        return Err(invalid("agent_consumability.schema_version is required"));
    }
    let caps = definition
        .get("capability_formalizations")
        .and_then(Value::as_array)
        .unwrap_or(&[]);
    let defined = sorted_ids(caps.iter().map(|c| c.str_at("capability_id")));
    let described = consumability
        .get("capabilities")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let described = sorted_ids(described.keys().map(String::as_str));
    if defined.is_empty() || defined != described {
        return Err(invalid(format_args!(
            "agent_consumability capabilities must match service_definition capabilities: definition={} consumability={}",
            go_list(&defined),
            go_list(&described)
        )));
    }
    let readiness = manifest
        .get("agent_consumption_readiness")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    if readiness
        .get("status")
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim()
        .to_lowercase()
        != "ready"
    {
        return Err(invalid("agent_consumption_readiness.status must be ready"));
    }
    let summary = readiness
        .get("summary")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    for field in ["blockers", "warnings"] {
        if summary.get(field).and_then(Value::as_f64).unwrap_or(0.0) != 0.0 {
            return Err(invalid(format_args!(
                "agent_consumption_readiness.summary.{field} must be 0"
            )));
        }
    }
    Ok(())
}

/// `PublishPackageRequest` with `omitempty` applied and `null` for its three
/// documents (their lengths are added separately).
pub(super) fn envelope(
    fields: &[(&str, &str)],
    lineage: &Map,
    readme: &str,
    links: &[SourceLink],
) -> Value {
    let mut m = Map::new();
    for (k, v) in fields {
        m.insert(*k, (*v).into());
    }
    if !lineage.is_empty() {
        m.insert("lineage", lineage.clone().into());
    }
    for k in ["manifest", "service_definition", "recommended_lock"] {
        m.insert(k, Value::Null);
    }
    if !readme.is_empty() {
        m.insert("readme", readme.into());
    }
    if !links.is_empty() {
        m.insert("source_links", source_links_value(links));
    }
    Value::Object(m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::{parse, to_canonical};

    #[test]
    fn marshal_len_is_the_length_of_go_marshal() {
        for json in [
            "null",
            "{}",
            "[]",
            r#"{"b":[1,2.5,-0,1e21,true,false,null],"a":{"x<y":"&\u2028\n\u0001"},"c":[[],{}]}"#,
        ] {
            let v = parse(json.as_bytes()).unwrap();
            assert_eq!(
                marshal_len(&v),
                to_canonical(&v, Mode::Signature).len(),
                "{json}"
            );
        }
    }

    #[test]
    fn source_link_urls() {
        for ok in [
            "https://example.com/doc",
            "HTTP://h:8080/p?q#f",
            "https://u@[::1]:1/",
        ] {
            assert!(is_http_url(ok), "{ok}");
        }
        for bad in [
            "ftp://example.com",
            "https:/example.com",
            "https://",
            "https://h:x/",
            "https://h/%zz",
            "https://h/\u{7f}",
            " https://h",
        ] {
            assert!(!is_http_url(bad), "{bad}");
        }
    }
}
