//! Where a registry package lives (ANIP-SIG-12, ANIP-VER-1): its `ID@VERSION`
//! reference and the URLs of its three documents. Pure string work, so every host
//! builds the same URLs from the core (the CLI and the native bindings through
//! `trustloop-host`, WASM through its `registryUrls` export) and only fetches them.
use alloc::format;
use alloc::string::{String, ToString};

use crate::diag::Error;
use crate::emulate::go::url::path_escape;

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
}
