//! Fetching a registry package's three documents (ANIP-SIG-12). The CLI owns the
//! network; the core only ever sees the response bodies.
use std::time::Duration;

/// Response bodies larger than this are refused (the Registry's own request limit is 5 MiB).
const MAX_BODY: u64 = 64 << 20;

pub struct Fetched {
    pub package_url: String,
    pub download: Vec<u8>,
    pub receipt: Vec<u8>,
    pub keys: Vec<u8>,
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
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'$' | b'&' | b'+' | b',' | b';'
            | b'=' | b':' | b'@' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn get(agent: &ureq::Agent, url: &str) -> Result<Vec<u8>, String> {
    let mut response = agent.get(url).call().map_err(|e| format!("registry request failed: GET {url}: {e}"))?;
    let status = response.status();
    if !status.is_success() {
        return Err(format!(
            "registry request failed: GET {url}: {} {}",
            status.as_u16(),
            status.canonical_reason().unwrap_or("")
        ));
    }
    response
        .body_mut()
        .with_config()
        .limit(MAX_BODY)
        .read_to_vec()
        .map_err(|e| format!("registry request failed: GET {url}: {e}"))
}

pub fn fetch(base: &str, id: &str, version: &str, allow_yanked: bool) -> Result<Fetched, String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into();
    let api = api_base(base);
    let package_url = format!("{api}/packages/{}/{}", path_escape(id), path_escape(version));
    let download_url =
        if allow_yanked { format!("{package_url}/download?allow_yanked=true") } else { format!("{package_url}/download") };
    Ok(Fetched {
        download: get(&agent, &download_url)?,
        receipt: get(&agent, &format!("{package_url}/receipt"))?,
        keys: get(&agent, &format!("{api}/keys"))?,
        package_url,
    })
}

/// ANIP-VER-1: `--package ID@VERSION`, split at the last `@`.
pub fn split_package_ref(s: &str) -> Result<(String, String), String> {
    let s = s.trim();
    if s.is_empty() {
        return Err("package reference is required".into());
    }
    match s.rfind('@') {
        Some(i) if i > 0 && i + 1 < s.len() => Ok((s[..i].to_string(), s[i + 1..].to_string())),
        _ => Err("package reference must use package_id@package_version".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bases_and_refs() {
        assert_eq!(api_base("http://r.example/"), "http://r.example/registry-api/v1");
        assert_eq!(api_base("http://r.example/registry-api/v1"), "http://r.example/registry-api/v1");
        assert_eq!(split_package_ref("a@b@1.0").unwrap(), ("a@b".to_string(), "1.0".to_string()));
        assert_eq!(split_package_ref("a").unwrap_err(), "package reference must use package_id@package_version");
        assert_eq!(path_escape("a b/c"), "a%20b%2Fc");
    }
}
