//! Reading the canonical project folder (E1, E2): `machine-profile.yaml`, then every
//! runtime variant file that exists (in `runtime_profiles` order), then every
//! profile provider's config (in `providers` order). Only files that exist are
//! read, and every one that is read must parse; a missing provider config counts
//! as `{}` (ANPKG-PRV-2).
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::aliases::has_shared_alias;
use super::codes;
use super::source::ProjectSource;
use crate::emulate::python::yaml::{libyaml_safe_load_with, Limits, Map, Value};
use crate::diag::Error;

pub const PROFILE_FILE: &str = "machine-profile.yaml";

/// The parsed project.
pub struct Project {
    pub profile: Map,
    /// Variant name → parsed document, for variants whose file exists.
    pub variants: Map,
    /// Profile provider id → parsed config (`{}` when its file is missing).
    pub provider_configs: Map,
    /// Files whose aliases PyYAML would re-emit as anchors (see `aliases.rs`),
    /// with their display paths.
    pub shared_aliases: Vec<(FileRole, String)>,
}

/// Which project file a parsed document came from.
#[derive(Clone, Debug)]
pub enum FileRole {
    Profile,
    Variant(Value),
    ProviderConfig(Value),
}

impl FileRole {
    pub fn is(&self, other: &FileRole) -> bool {
        match (self, other) {
            (FileRole::Profile, FileRole::Profile) => true,
            (FileRole::Variant(a), FileRole::Variant(b)) | (FileRole::ProviderConfig(a), FileRole::ProviderConfig(b)) => a.py_eq(b),
            _ => false,
        }
    }
}

/// One parsed file.
struct Doc {
    value: Value,
    /// Display path when the file aliases a collection or a timestamp.
    shared: Option<String>,
}

/// How paths are shown in messages: `<project_dir>/<path>` joined like `pathlib`
/// (`.` and empty segments dropped, `..` kept; absolute paths stand alone).
pub fn display_path(project_dir: &str, path: &str) -> String {
    let joined = if path.starts_with('/') || project_dir.is_empty() {
        String::from(path)
    } else {
        format!("{project_dir}/{path}")
    };
    let body = joined.split('/').filter(|s| !s.is_empty() && *s != ".").collect::<Vec<_>>().join("/");
    if joined.starts_with('/') {
        format!("/{body}")
    } else if body.is_empty() {
        String::from(".")
    } else {
        body
    }
}

pub fn read_project(source: &dyn ProjectSource, project_dir: &str, limits: Limits) -> Result<Project, Error> {
    let profile_path = display_path(project_dir, PROFILE_FILE);
    let mut shared_aliases = Vec::new();
    let profile = match load(source, PROFILE_FILE, project_dir, limits)? {
        None => {
            return Err(Error::new(codes::PROFILE_NOT_FOUND, format!("Project file not found: {profile_path}")))
        }
        Some(Doc { value: Value::Map(m), shared }) => {
            shared_aliases.extend(shared.map(|p| (FileRole::Profile, p)));
            m
        }
        Some(_) => {
            return Err(Error::new(codes::PROFILE_NOT_MAPPING, format!("{profile_path}: root must be a mapping")))
        }
    };

    let mut variants = Map::new();
    if let Some(Value::Map(profiles)) = profile.get_str("runtime_profiles") {
        for (name, path) in profiles.iter() {
            if let Value::Str(path) = path {
                if let Some(doc) = load(source, path, project_dir, limits)? {
                    shared_aliases.extend(doc.shared.map(|p| (FileRole::Variant(name.clone()), p)));
                    variants.insert(name.clone(), doc.value);
                }
            }
        }
    }

    let mut provider_configs = Map::new();
    if let Some(Value::Map(providers)) = profile.get_str("providers") {
        for (id, entry) in providers.iter() {
            let config = match entry.get("config") {
                Some(Value::Str(path)) => load(source, path, project_dir, limits)?,
                _ => None,
            };
            let config = match config {
                Some(doc) => {
                    shared_aliases.extend(doc.shared.map(|p| (FileRole::ProviderConfig(id.clone()), p)));
                    doc.value
                }
                None => Value::Map(Map::new()),
            };
            provider_configs.insert(id.clone(), config);
        }
    }
    Ok(Project { profile, variants, provider_configs, shared_aliases })
}

/// Reads and parses one project YAML file; `None` when it does not exist.
fn load(source: &dyn ProjectSource, path: &str, project_dir: &str, limits: Limits) -> Result<Option<Doc>, Error> {
    let Some(bytes) = source.read(path)? else { return Ok(None) };
    let failed = |why: String| Error::new(codes::READ_FAILED, format!("Failed reading {}: {why}", display_path(project_dir, path)));
    let text = core::str::from_utf8(&bytes).map_err(|e| failed(python_utf8_error(&bytes, &e)))?;
    // Python reads text files with universal newlines.
    let text = if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { String::from(text) };
    // 0.22.0 reads project files with libyaml's loader (ANPKG-REF-4).
    let value = libyaml_safe_load_with(&text, limits).map_err(|e| failed(format!("{e}")))?;
    let shared = has_shared_alias(&text).then(|| display_path(project_dir, path));
    Ok(Some(Doc { value, shared }))
}

/// Python's `UnicodeDecodeError` text for strict UTF-8 decoding.
fn python_utf8_error(bytes: &[u8], e: &core::str::Utf8Error) -> String {
    let start = e.valid_up_to();
    let first = bytes.get(start).copied().unwrap_or(0);
    let (end, reason) = match e.error_len() {
        None => (bytes.len().saturating_sub(1), "unexpected end of data"),
        Some(n) => {
            let valid_start = (0xC2..=0xF4).contains(&first);
            (start + n - 1, if valid_start { "invalid continuation byte" } else { "invalid start byte" })
        }
    };
    if end <= start {
        format!("'utf-8' codec can't decode byte 0x{first:02x} in position {start}: {reason}")
    } else {
        format!("'utf-8' codec can't decode bytes in position {start}-{end}: {reason}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_joined_like_pathlib() {
        assert_eq!(display_path("/s/p", "config/./a.yaml"), "/s/p/config/a.yaml");
        assert_eq!(display_path("/s/p", "../x//y.yaml"), "/s/p/../x/y.yaml");
        assert_eq!(display_path("/s/p", "/etc/x"), "/etc/x");
        assert_eq!(display_path("", "a/b"), "a/b");
    }

    #[test]
    fn utf8_errors_read_like_python() {
        let check = |b: &[u8], want: &str| {
            let e = core::str::from_utf8(b).expect_err("invalid");
            assert_eq!(python_utf8_error(b, &e), want);
        };
        check(b"a: \xff\n", "'utf-8' codec can't decode byte 0xff in position 3: invalid start byte");
        check(b"\xe9a", "'utf-8' codec can't decode byte 0xe9 in position 0: invalid continuation byte");
        check(b"\xe2\x82x", "'utf-8' codec can't decode bytes in position 0-1: invalid continuation byte");
        check(b"ab\xe2\x82", "'utf-8' codec can't decode bytes in position 2-3: unexpected end of data");
    }
}
