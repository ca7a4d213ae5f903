//! Where a registry package lives (ANIP-SIG-12, ANIP-VER-1, ANIP-LOCK-3): its
//! `ID@VERSION` reference, the gaps a lock file fills, and the URLs of its three
//! documents. Pure string work, so every host
//! builds the same URLs from the core (the CLI and the native bindings through
//! `trustloop-host`, WASM through its `registryUrls` export) and only fetches them.
use alloc::format;
use alloc::string::{String, ToString};

use crate::diag::Error;
use crate::emulate::go::url::path_escape;
use crate::json::{Map, Value};

/// `{base}/registry-api/v1`, appending the API path unless the base already ends with it.
pub fn api_base(base: &str) -> String {
    let base = base.trim().trim_end_matches('/');
    if base.ends_with("/registry-api/v1") {
        base.to_string()
    } else {
        format!("{base}/registry-api/v1")
    }
}

/// ANIP-VER-1: `ID@VERSION`, split at the last `@`; `PACKAGE_REF_INVALID` (the CLI's
/// messages) when blank or when either side is empty.
pub fn split_package_ref(s: &str) -> Result<(String, String), Error> {
    let s = s.trim();
    if s.is_empty() {
        return Err(Error::new("PACKAGE_REF_INVALID", "package reference is required"));
    }
    match s.rfind('@') {
        Some(i) if i > 0 && i + 1 < s.len() => Ok((s[..i].to_string(), s[i + 1..].to_string())),
        _ => Err(Error::new("PACKAGE_REF_INVALID", "package reference must use package_id@package_version")),
    }
}

/// The URLs of one registry package.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackageUrls {
    /// `{base}/registry-api/v1`.
    pub api: String,
    /// `{api}/packages/{id}/{version}`: the identity the core checks the receipt against.
    pub package: String,
    /// `{package}/download`, with `?allow_yanked=true` when asked.
    pub download: String,
    /// `{package}/receipt`.
    pub receipt: String,
    /// `{api}/keys`.
    pub keys: String,
}

impl PackageUrls {
    /// `id` and `version` are escaped as Go's `url.PathEscape` does.
    pub fn new(base: &str, id: &str, version: &str, allow_yanked: bool) -> PackageUrls {
        let api = api_base(base);
        let package = format!("{api}/packages/{}/{}", path_escape(id), path_escape(version));
        let download = if allow_yanked { format!("{package}/download?allow_yanked=true") } else { format!("{package}/download") };
        PackageUrls { receipt: format!("{package}/receipt"), keys: format!("{api}/keys"), api, package, download }
    }
}

/// Where a registry package lives, after filling gaps from the lock file (ANIP-LOCK-3).
#[derive(Debug, PartialEq, Eq)]
pub struct RegistryTarget {
    pub base: String,
    pub id: String,
    pub version: String,
}

impl RegistryTarget {
    /// Blank `base`, `id` or `version` are taken from the lock (`registry_url`,
    /// `package_id`, `package_version`). `None` when no base URL is known anywhere
    /// (not a registry source); an error when the base is known but id or version is not.
    pub fn resolve(base: &str, id: &str, version: &str, lock: Option<&Value>) -> Result<Option<RegistryTarget>, Error> {
        let from_lock = |k: &str| lock.map(|l| l.str_at(k).trim().to_string()).unwrap_or_default();
        let or_lock = |given: &str, k: &str| if given.trim().is_empty() { from_lock(k) } else { given.to_string() };
        let base = or_lock(base, "registry_url");
        let id = or_lock(id, "package_id");
        let version = or_lock(version, "package_version");
        if base.is_empty() {
            return Ok(None);
        }
        if id.is_empty() || version.is_empty() {
            return Err(Error::new("PACKAGE_REF_INVALID", "package id and package version are required for registry resolution"));
        }
        Ok(Some(RegistryTarget { base, id, version }))
    }

    pub fn urls(&self, allow_yanked: bool) -> PackageUrls {
        PackageUrls::new(&self.base, &self.id, &self.version, allow_yanked)
    }
}

/// The URLs to GET, `{registry_url, package_url, download_url, receipt_url, keys_url}`.
///
/// `registry_url` and `package` (`ID@VERSION`) may be blank when `lock` supplies them.
/// The lock is loaded (and refused when invalid) before anything else, as upstream
/// does (ANIP-VER-4 step 1). `allow_yanked` asks `/download?allow_yanked=true`.
pub fn target(registry_url: &str, package: &str, lock: Option<&[u8]>, allow_yanked: bool) -> Result<Value, Error> {
    let lock = match lock {
        Some(bytes) => {
            crate::anip::lock::load(bytes)?;
            Some(crate::json::parse(bytes).map_err(|e| Error::new(e.code(), format!("decode lock file: {e}")))?)
        }
        None => None,
    };
    let (id, version) = if package.trim().is_empty() { (String::new(), String::new()) } else { split_package_ref(package)? };
    let target = RegistryTarget::resolve(registry_url, &id, &version, lock.as_ref())?
        .ok_or_else(|| Error::new("REGISTRY_URL_REQUIRED", "registry url is required for registry resolution"))?;
    let urls = target.urls(allow_yanked);
    Ok(Map::record()
        .with("registry_url", urls.api.as_str())
        .with("package_url", urls.package.as_str())
        .with("download_url", urls.download)
        .with("receipt_url", urls.receipt)
        .with("keys_url", urls.keys)
        .into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bases_get_the_api_path_once() {
        assert_eq!(api_base("http://r.example/"), "http://r.example/registry-api/v1");
        assert_eq!(api_base(" http://r.example/registry-api/v1/ "), "http://r.example/registry-api/v1");
        assert_eq!(api_base("http://r.example/base"), "http://r.example/base/registry-api/v1");
    }

    #[test]
    fn refs_split_at_the_last_at() {
        assert_eq!(split_package_ref(" a@b@1.0 ").expect("ok"), ("a@b".to_string(), "1.0".to_string()));
        assert_eq!(split_package_ref("a").expect_err("no @").message(), "package reference must use package_id@package_version");
        assert_eq!(split_package_ref("a@").expect_err("no version").code(), "PACKAGE_REF_INVALID");
        assert_eq!(split_package_ref("@1").expect_err("no id").code(), "PACKAGE_REF_INVALID");
        assert_eq!(split_package_ref("  ").expect_err("blank").message(), "package reference is required");
    }

    #[test]
    fn a_package_s_three_documents() {
        let u = PackageUrls::new("http://r", "p q", "1.0", false);
        assert_eq!(u.api, "http://r/registry-api/v1");
        assert_eq!(u.package, "http://r/registry-api/v1/packages/p%20q/1.0");
        assert_eq!(u.download, "http://r/registry-api/v1/packages/p%20q/1.0/download");
        assert_eq!(u.receipt, "http://r/registry-api/v1/packages/p%20q/1.0/receipt");
        assert_eq!(u.keys, "http://r/registry-api/v1/keys");
        assert_eq!(PackageUrls::new("http://r", "p", "1", true).download, "http://r/registry-api/v1/packages/p/1/download?allow_yanked=true");
    }

    #[test]
    fn gaps_are_filled_from_the_lock() {
        let lock = crate::json::parse(br#"{"registry_url":"http://r.example","package_id":"p","package_version":"1"}"#).expect("json");
        let t = RegistryTarget::resolve("", "", "2", Some(&lock)).expect("ok").expect("target");
        assert_eq!(t, RegistryTarget { base: "http://r.example".into(), id: "p".into(), version: "2".into() });
        assert_eq!(RegistryTarget::resolve(" ", "p", "1", None).expect("ok"), None);
        assert!(RegistryTarget::resolve("http://r", "p", "", None).is_err());
    }

    #[test]
    fn target_lists_the_urls() {
        let v = target("http://r.example/", "a b@1", None, true).expect("target");
        assert_eq!(v.str_at("registry_url"), "http://r.example/registry-api/v1");
        assert_eq!(v.str_at("download_url"), "http://r.example/registry-api/v1/packages/a%20b/1/download?allow_yanked=true");
        assert_eq!(v.str_at("keys_url"), "http://r.example/registry-api/v1/keys");
        assert_eq!(target("", "a@1", None, false).expect_err("no base").code(), "REGISTRY_URL_REQUIRED");
    }
}
