//! Where a registry package lives (ANIP-SIG-12, ANIP-VER-1, ANIP-LOCK-3), as the CLI
//! computes it (`cli/src/anip/registry_fetch.rs`, `verify.rs`): the host language
//! then GETs the three URLs (Python `urllib`, Node `fetch`) and hands the bodies to
//! the core. Nothing here touches the network.
use trustloop_core::anip::lock as core_lock;
use trustloop_core::api;
use trustloop_core::diag::Error;
use trustloop_core::json::{Map, Value};

/// Largest response body a host accepts (the Registry's own request limit is 5 MiB).
pub const MAX_BODY_BYTES: u64 = 64 << 20;
/// Default timeout of the host's requests, as the CLI's.
pub const TIMEOUT_SECONDS: u64 = 60;

fn ref_error(msg: &str) -> Error {
    Error::new("PACKAGE_REF_INVALID", msg)
}

/// `{base}/registry-api/v1`, appending the API path unless the base already ends with it.
pub fn api_base(base: &str) -> String {
    let base = base.trim().trim_end_matches('/');
    if base.ends_with("/registry-api/v1") {
        base.to_string()
    } else {
        format!("{base}/registry-api/v1")
    }
}

/// Go `url.PathEscape` for one path segment.
fn path_escape(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'$' | b'&' | b'+' | b',' | b';' | b'='
            | b':' | b'@' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// ANIP-VER-1: `ID@VERSION`, split at the last `@`.
fn split_package_ref(s: &str) -> Result<(String, String), Error> {
    let s = s.trim();
    if s.is_empty() {
        return Err(ref_error("package reference is required"));
    }
    match s.rfind('@') {
        Some(i) if i > 0 && i + 1 < s.len() => Ok((s[..i].to_string(), s[i + 1..].to_string())),
        _ => Err(ref_error("package reference must use package_id@package_version")),
    }
}

/// The URLs to GET for a registry package: `{registry_url, package_url, download_url,
/// receipt_url, keys_url}`.
///
/// `registry_url` and `package` (`ID@VERSION`) may be blank when `lock` supplies them
/// (its `registry_url`, `package_id`, `package_version`; ANIP-LOCK-3). The lock is
/// loaded (and refused when invalid) before anything else, as upstream does
/// (ANIP-VER-4 step 1). `allow_yanked` asks `/download?allow_yanked=true`.
pub fn target(registry_url: &str, package: &str, lock: Option<&[u8]>, allow_yanked: bool) -> Result<Value, Error> {
    let lock = match lock {
        Some(bytes) => {
            core_lock::load(bytes)?;
            Some(api::parse_json(bytes, "lock file")?)
        }
        None => None,
    };
    let from_lock = |k: &str| lock.as_ref().map(|l| l.str_at(k).trim().to_string()).unwrap_or_default();
    let mut base = registry_url.trim().to_string();
    if base.is_empty() {
        base = from_lock("registry_url");
    }
    let (id, version) = if package.trim().is_empty() {
        (from_lock("package_id"), from_lock("package_version"))
    } else {
        split_package_ref(package)?
    };
    if base.is_empty() {
        return Err(Error::new("REGISTRY_URL_REQUIRED", "registry url is required for registry resolution"));
    }
    if id.is_empty() || version.is_empty() {
        return Err(ref_error("package id and package version are required for registry resolution"));
    }
    let api = api_base(&base);
    let package_url = format!("{api}/packages/{}/{}", path_escape(&id), path_escape(&version));
    let download_url =
        if allow_yanked { format!("{package_url}/download?allow_yanked=true") } else { format!("{package_url}/download") };
    Ok(Map::record()
        .with("registry_url", api.as_str())
        .with("package_url", package_url.as_str())
        .with("download_url", download_url)
        .with("receipt_url", format!("{package_url}/receipt"))
        .with("keys_url", format!("{api}/keys"))
        .into())
}

/// The verify options and the registry policy, split from one options object
/// (the policy's keys are `require_registry_mode`, `trusted_registry_key_id`,
/// `allow_yanked_package`; everything else is a verify option).
pub fn split_options(options: &Value) -> Result<(api::VerifyOptions, api::RegistryPolicy), Error> {
    const POLICY_KEYS: [&str; 3] = ["require_registry_mode", "trusted_registry_key_id", "allow_yanked_package"];
    let mut verify = Map::new();
    let mut policy = Map::new();
    if let Some(m) = options.as_object() {
        for (k, v) in m.iter() {
            let into = if POLICY_KEYS.contains(&k.as_str()) { &mut policy } else { &mut verify };
            into.insert(k.as_str(), v.clone());
        }
    }
    Ok((api::VerifyOptions::from_value(&Value::Object(verify))?, api::RegistryPolicy::from_value(&Value::Object(policy))?))
}

/// `anip verify` with a registry source, from the three fetched bodies.
pub fn verify(
    package_url: &str,
    download: &[u8],
    receipt: &[u8],
    keys: &[u8],
    lock: Option<&[u8]>,
    options: &Value,
) -> Result<Value, Error> {
    let (verify_options, policy) = split_options(options)?;
    if let Some(bytes) = lock {
        core_lock::load(bytes)?;
    }
    let responses = api::RegistryResponses { package_url, download, receipt, keys };
    Ok(api::anip_verify_registry(&responses, lock, &verify_options, &policy)?.result)
}

/// The consumer lock file for a registry package, from the three fetched bodies.
pub fn write_lock(package_url: &str, download: &[u8], receipt: &[u8], keys: &[u8], options: &Value) -> Result<String, Error> {
    let policy = api::RegistryPolicy::from_value(options)?;
    let responses = api::RegistryResponses { package_url, download, receipt, keys };
    api::anip_write_lock_registry(&responses, &policy)
}
