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
use crate::json::{to_canonical, Map, Mode, Value};

const MAX_REQUEST_BYTES: usize = 5 * 1024 * 1024;
const MAX_MANIFEST_BYTES: usize = 1024 * 1024;
const MAX_DEFINITION_BYTES: usize = 2 * 1024 * 1024;
const MAX_LOCK_BYTES: usize = 512 * 1024;
const MAX_README_BYTES: usize = 64 * 1024;
const MAX_SOURCE_LINKS: usize = 8;
const MAX_CAPABILITIES: usize = 256;

/// The publish request build-local sends to its in-memory Registry.
pub(super) struct Request<'a> {
    /// Every field of upstream's `PublishPackageRequest` as `json.Marshal` sees it
    /// (only its length is used).
    pub marshalled: Value,
    pub readme: &'a str,
    pub source_links: &'a [SourceLink],
    pub manifest: &'a Map,
    pub definition: &'a Map,
    pub lock: &'a Map,
}

fn invalid(message: impl core::fmt::Display) -> String {
    format!("invalid package: {message}")
}

/// `json.Marshal` length: HTML characters escaped, maps sorted, Go numbers.
fn marshal_len(v: &Value) -> usize {
    to_canonical(v, Mode::Signature).len()
}

fn check_size(label: &str, value: &Map, max: usize) -> Result<(), String> {
    if marshal_len(&Value::Object(value.clone())) > max {
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
    let Some((scheme, rest)) = url.split_once(':') else { return false };
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return false;
    }
    let rest = match rest.find('?') {
        Some(i) => &rest[..i],
        None => rest,
    };
    let Some(rest) = rest.strip_prefix("//") else { return false };
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
    if !port.is_empty() && !(port.starts_with(':') && port[1..].bytes().all(|b| b.is_ascii_digit())) {
        return false;
    }
    !host.is_empty() && escapes_valid(host) && escapes_valid(path)
}

fn escapes_valid(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            if !(b.get(i + 1).is_some_and(u8::is_ascii_hexdigit) && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit)) {
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
    if marshal_len(&r.marshalled) > MAX_REQUEST_BYTES {
        return Err(invalid(format_args!("publish request exceeds {MAX_REQUEST_BYTES} bytes")));
    }
    if r.readme.len() > MAX_README_BYTES {
        return Err(invalid(format_args!("readme exceeds {MAX_README_BYTES} bytes")));
    }
    if r.source_links.len() > MAX_SOURCE_LINKS {
        return Err(invalid(format_args!("source_links exceeds {MAX_SOURCE_LINKS} entries")));
    }
    for (i, link) in r.source_links.iter().enumerate() {
        if link.title.is_empty() || link.url.is_empty() {
            return Err(invalid(format_args!("source_links[{i}] requires title and url")));
        }
        if link.title.len() > 120 {
            return Err(invalid(format_args!("source_links[{i}].title exceeds 120 bytes")));
        }
        if link.url.len() > 2048 {
            return Err(invalid(format_args!("source_links[{i}].url exceeds 2048 bytes")));
        }
        if !is_http_url(&link.url) {
            return Err(invalid(format_args!("source_links[{i}].url must be an http(s) URL")));
        }
    }
    if r.manifest.get("anip_spec_version").and_then(Value::as_str) != Some(SPEC_VERSION) {
        return Err(invalid(format_args!("manifest anip_spec_version must be {SPEC_VERSION}")));
    }
    let (manifest, lock) = (Value::Object(r.manifest.clone()), Value::Object(r.lock.clone()));
    if mentions_typescript(&manifest) || mentions_typescript(&lock) {
        return Err(invalid("retired TypeScript build-pack references are not publishable"));
    }
    check_size("manifest", r.manifest, MAX_MANIFEST_BYTES)?;
    check_size("service_definition", r.definition, MAX_DEFINITION_BYTES)?;
    check_size("recommended_lock", r.lock, MAX_LOCK_BYTES)?;
    let definition = Value::Object(r.definition.clone());
    for (label, value) in [("manifest", &manifest), ("service_definition", &definition), ("recommended_lock", &lock)] {
        check_resource_limits(label, value).map_err(invalid)?;
    }
    validate_effects_in(&manifest, "manifest").map_err(invalid)?;
    validate_effects_in(&lock, "recommended_lock").map_err(invalid)?;
    let capabilities = r.definition.get("capability_formalizations").and_then(Value::as_array).map_or(0, <[Value]>::len);
    if capabilities > MAX_CAPABILITIES {
        return Err(invalid(format_args!("service_definition capability count exceeds {MAX_CAPABILITIES}")));
    }
    definition::validate_service_definition(&definition).map_err(invalid)
}

fn sorted_ids<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut ids: Vec<&str> = ids.map(str::trim).filter(|id| !id.is_empty()).collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// Go's `%v` of a `[]string`: `[a b c]`.
fn go_list(ids: &[&str]) -> String {
    format!("[{}]", ids.join(" "))
}

/// `validatePackageExecutionMetadata`: consumability matches the definition, and
/// readiness is `ready` with no blockers or warnings.
pub(super) fn validate_execution_metadata(definition: &Map, manifest: &Map) -> Result<(), String> {
    let consumability = manifest.get("agent_consumability").and_then(Value::as_object).cloned().unwrap_or_default();
    if consumability.is_empty() {
        return Err(invalid("agent_consumability metadata is required"));
    }
    if consumability.get("schema_version").and_then(Value::as_str).map_or("", str::trim).is_empty() {
        return Err(invalid("agent_consumability.schema_version is required"));
    }
    let caps = definition.get("capability_formalizations").and_then(Value::as_array).unwrap_or(&[]);
    let defined = sorted_ids(caps.iter().map(|c| c.str_at("capability_id")));
    let empty = Map::new();
    let described = consumability.get("capabilities").and_then(Value::as_object).unwrap_or(&empty);
    let described = sorted_ids(described.keys().map(String::as_str));
    if defined.is_empty() || defined != described {
        return Err(invalid(format_args!(
            "agent_consumability capabilities must match service_definition capabilities: definition={} consumability={}",
            go_list(&defined),
            go_list(&described)
        )));
    }
    let readiness = manifest.get("agent_consumption_readiness").and_then(Value::as_object).unwrap_or(&empty);
    if readiness.get("status").and_then(Value::as_str).unwrap_or("").trim().to_lowercase() != "ready" {
        return Err(invalid("agent_consumption_readiness.status must be ready"));
    }
    let summary = readiness.get("summary").and_then(Value::as_object).unwrap_or(&empty);
    for field in ["blockers", "warnings"] {
        if summary.get(field).and_then(Value::as_f64).unwrap_or(0.0) != 0.0 {
            return Err(invalid(format_args!("agent_consumption_readiness.summary.{field} must be 0")));
        }
    }
    Ok(())
}

/// `PublishPackageRequest` fields with `omitempty` applied, for its marshalled size.
pub(super) fn request_value(fields: &[(&str, &str)], lineage: &Map, documents: [(&str, &Map); 3], readme: &str, links: &[SourceLink]) -> Value {
    let mut m = Map::new();
    for (k, v) in fields {
        m.insert(*k, (*v).into());
    }
    if !lineage.is_empty() {
        m.insert("lineage", lineage.clone().into());
    }
    for (k, doc) in documents {
        m.insert(k, doc.clone().into());
    }
    if !readme.is_empty() {
        m.insert("readme", readme.into());
    }
    if !links.is_empty() {
        m.insert("source_links", source_links_value(links));
    }
    Value::Object(m)
}
