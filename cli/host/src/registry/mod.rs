//! Registry packages (ANIP-SIG-12, ANIP-VER-1, ANIP-LOCK-3) on the host: where a
//! package lives and how its three documents are fetched. The core only ever sees the
//! response bodies and decides everything from them.
//!
//! - [`RegistryTarget`]: base URL, id and version after filling gaps from a lock file;
//!   its URLs and the `ID@VERSION` split are the core's (`api::anip::registry_urls`).
//! - [`target`]: the URLs to GET, for the bindings.
//! - [`fetch`] (feature `net`, which the CLI turns on): its GETs with ureq. The Python and
//!   Node bindings build without it and GET the same URLs with `urllib`/`fetch`,
//!   within [`MAX_BODY_BYTES`] and [`TIMEOUT_SECONDS`].
//! - [`bodies`]: verify and lock writing from bodies a host fetched itself.
//!
//! Errors carry codes (`PACKAGE_REF_INVALID`, `REGISTRY_URL_REQUIRED`) for every host;
//! the CLI prints their messages.
use trustloop_core::api::anip::check_lock;
use trustloop_core::api::anip::registry_urls::{split_package_ref, PackageUrls};
use trustloop_core::api;
use trustloop_core::api::diag::Error;
use trustloop_core::api::json::{Map, Value};

pub mod bodies;
#[cfg(feature = "net")]
pub mod fetch;

/// Largest response body a host accepts (the Registry's own request limit is 5 MiB).
pub const MAX_BODY_BYTES: u64 = 64 << 20;
/// Timeout of a host's registry requests, in seconds.
pub const TIMEOUT_SECONDS: u64 = 60;

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

/// The bindings' entry: the URLs to GET, `{registry_url, package_url, download_url,
/// receipt_url, keys_url}`.
///
/// `registry_url` and `package` (`ID@VERSION`) may be blank when `lock` supplies them.
/// The lock is loaded (and refused when invalid) before anything else, as upstream
/// does (ANIP-VER-4 step 1). `allow_yanked` asks `/download?allow_yanked=true`.
pub fn target(registry_url: &str, package: &str, lock: Option<&[u8]>, allow_yanked: bool) -> Result<Value, Error> {
    let lock = match lock {
        Some(bytes) => {
            check_lock(bytes)?;
            Some(api::parse_json(bytes, "lock file")?)
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
    fn gaps_are_filled_from_the_lock() {
        let lock = trustloop_core::api::json::parse(
            br#"{"registry_url":"http://r.example","package_id":"p","package_version":"1"}"#,
        )
        .expect("json");
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
