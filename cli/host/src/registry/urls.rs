//! Registry URLs (ANIP-SIG-12): the API base and a package's three documents.

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
pub fn path_escape(s: &str) -> String {
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

/// The URLs of one registry package.
pub struct PackageUrls {
    /// `{base}/registry-api/v1`.
    pub api: String,
    /// `{api}/packages/{id}/{version}`: the identity the core checks the receipt against.
    pub package: String,
    /// `{package}/download`, with `?allow_yanked=true` when asked.
    pub download: String,
    pub receipt: String,
    pub keys: String,
}

impl PackageUrls {
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
    fn bases_and_escapes() {
        assert_eq!(api_base("http://r.example/"), "http://r.example/registry-api/v1");
        assert_eq!(api_base("http://r.example/registry-api/v1"), "http://r.example/registry-api/v1");
        assert_eq!(path_escape("a b/c"), "a%20b%2Fc");
        let u = PackageUrls::new("http://r", "p", "1.0", false);
        assert_eq!(u.download, "http://r/registry-api/v1/packages/p/1.0/download");
        assert_eq!(u.receipt, "http://r/registry-api/v1/packages/p/1.0/receipt");
    }
}
