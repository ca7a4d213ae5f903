//! Publication lint: the trust loop's pre-publication checklist, run on a package
//! bundle before it is published or shared. trustloop-only (upstream has no such
//! command); every problem is one finding with a stable `LINT_*` code and the JSON
//! path of the offending value.
//!
//! | code | rule |
//! |---|---|
//! | `LINT_README_MISSING` / `LINT_README_TRIVIAL` | a README exists and explains something |
//! | `LINT_SOURCE_LINK_NOT_HTTP` | every `source_links[].url` is an absolute `http(s)` URL |
//! | `LINT_LOCAL_URL` | no machine-local Studio or loopback URL, no `file:` URL, anywhere |
//! | `LINT_MATERIAL_*` | implementation material is immutable and digest-pinned |
//! | `LINT_SECRET_VALUE` | no secret values anywhere |
//! | `LINT_ENV_FILE` | no `.env` file paths or pasted `.env` contents |
//! | `LINT_PRIVATE_PATH` | no workstation paths (`/Users/…`, `/home/…`, `C:\Users\…`) |
//! | `LINT_POPULARITY_SIGNAL` | download counts and popularity are not trust signals |
use alloc::borrow::Cow;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::materials::{ref_of, tree_digest_of, visit_metadata, Site};
use crate::diag::{Error, Finding};
use crate::json::{path_text, walk, Map, Order, Step, Value, Visit};
use crate::anip::refs::validate_ref;

/// Thresholds of the README rule.
#[derive(Clone, Copy, Debug)]
pub struct LintOptions {
    /// Fewest characters of trimmed README text.
    pub min_readme_chars: usize,
    /// Fewest whitespace-separated words.
    pub min_readme_words: usize,
}

impl Default for LintOptions {
    fn default() -> Self {
        LintOptions { min_readme_chars: 80, min_readme_words: 10 }
    }
}

fn finding(code: &'static str, path: &str, message: String) -> Finding {
    Finding::error(code, message).at_path(path)
}

/// `a.b[0].c`: the path of a value below the bundle root.
fn lint_path(steps: &[Step<'_>]) -> String {
    let text = path_text("", steps);
    match text.strip_prefix('.') {
        Some(rest) => rest.into(),
        None => text,
    }
}

/// Lints a package bundle. Hard errors only for input that is not a JSON object.
pub fn lint_bundle(bundle: &[u8], options: &LintOptions) -> Result<Vec<Finding>, Error> {
    let root = match crate::json::parse(bundle).map_err(|e| Error::new(e.code(), alloc::format!("decode package bundle: {e}")))?.into_object() {
        Ok(m) => m,
        Err(_) => return Err(Error::new("LINT_BUNDLE_NOT_OBJECT", "decode package bundle: a package bundle must be a JSON object")),
    };
    let mut out = Vec::new();
    readme(&root, options, &mut out);
    let mut scan = Scan { out: Vec::new() };
    let root_value = Value::Object(root);
    scan.value(&root_value);
    let scanned_paths: Vec<String> = scan.out.iter().map(|f| f.path.clone()).collect();
    source_links(&root_value, &scanned_paths, &mut out);
    if let Some(root) = root_value.as_object() {
        materials(root, &mut out);
    }
    out.extend(scan.out);
    Ok(out)
}

/// `trustloop anip lint` for every host: `{status, findings}` with default thresholds.
pub fn lint(bundle: &[u8]) -> Result<Value, Error> {
    Ok(lint_result(&lint_bundle(bundle, &LintOptions::default())?))
}

/// `{status: "clean"|"findings", findings: [...]}`.
pub fn lint_result(findings: &[Finding]) -> Value {
    Map::record()
        .with("status", if findings.is_empty() { "clean" } else { "findings" })
        .with("findings", crate::diag::findings_to_value(findings))
        .into()
}

fn obj<'a>(m: &'a Map, key: &str) -> Option<&'a Map> {
    m.get(key).and_then(Value::as_object)
}

fn readme(root: &Map, options: &LintOptions, out: &mut Vec<Finding>) {
    let package = obj(root, "package");
    let candidates = [
        ("package.readme", package.and_then(|p| p.get("readme"))),
        ("manifest.readme", obj(root, "manifest").and_then(|m| m.get("readme"))),
        ("package.manifest.readme", package.and_then(|p| obj(p, "manifest")).and_then(|m| m.get("readme"))),
        ("readme", root.get("readme")),
    ];
    let Some((path, text)) = candidates
        .iter()
        .find_map(|(p, v)| v.and_then(Value::as_str).filter(|s| !s.trim().is_empty()).map(|s| (*p, s.trim())))
    else {
        out.push(finding(
            "LINT_README_MISSING",
            "package.readme",
            "package has no README (package.readme or manifest.readme); consumers need to know what they are installing".into(),
        ));
        return;
    };
    let chars = text.chars().count();
    let words = text.split_whitespace().count();
    if chars < options.min_readme_chars || words < options.min_readme_words {
        out.push(finding(
            "LINT_README_TRIVIAL",
            path,
            alloc::format!(
                "README is too short to explain the package ({chars} characters, {words} words; at least {} characters and {} words expected)",
                options.min_readme_chars, options.min_readme_words
            ),
        ));
    }
}

/// `source_links[].url` anywhere: absolute `http(s)` with a host. Paths already
/// reported by the string scan (a loopback or `file:` URL) are not reported twice.
fn source_links(root: &Value, skip: &[String], out: &mut Vec<Finding>) {
    let _ = walk(root, Order::Stored, |steps, v| -> Visit<()> {
        if steps.last() != Some(&Step::Key("source_links")) {
            return Visit::Descend;
        }
        if let Value::Array(items) = v {
            let child_path = lint_path(steps);
            for (i, item) in items.iter().enumerate() {
                let url_path = alloc::format!("{child_path}[{i}].url");
                if skip.contains(&url_path) {
                    continue;
                }
                let url = item.get("url").and_then(Value::as_str).unwrap_or("");
                if !portable_http_url(url) {
                    out.push(finding(
                        "LINT_SOURCE_LINK_NOT_HTTP",
                        &url_path,
                        alloc::format!("source link {:?} is not an absolute http(s) URL", url),
                    ));
                }
            }
        }
        Visit::Skip
    });
}

fn portable_http_url(url: &str) -> bool {
    let url = url.trim();
    if url.is_empty() || url.chars().any(char::is_whitespace) {
        return false;
    }
    match crate::emulate::go::url::parse(url) {
        Ok(u) => (u.scheme == "https" || u.scheme == "http") && !u.host.is_empty() && u.user.is_none(),
        Err(_) => false,
    }
}

/// Implementation materials wherever a package declares them.
fn materials(root: &Map, out: &mut Vec<Finding>) {
    let package = obj(root, "package");
    let mut sites: Vec<(String, Site<'_>)> = Vec::new();
    if let Some(Value::Array(items)) = package.and_then(|p| p.get("implementation_materials")) {
        for (i, item) in items.iter().enumerate() {
            let path = alloc::format!("package.implementation_materials[{i}]");
            match item {
                Value::Object(m) => sites.push((path.clone(), Site::Material(path, Cow::Borrowed(m)))),
                _ => sites.push((path.clone(), Site::BadShape(path))),
            }
        }
    }
    let documents = [
        ("manifest", obj(root, "manifest")),
        ("lock", obj(root, "lock")),
        ("package.manifest", package.and_then(|p| obj(p, "manifest"))),
        ("package.recommended_lock", package.and_then(|p| obj(p, "recommended_lock"))),
    ];
    for (label, doc) in documents {
        if let Some(doc) = doc {
            let _ = visit_metadata::<()>(label, doc, &mut |site| {
                let path = match &site {
                    Site::Material(p, _) | Site::BadShape(p) => p.clone(),
                };
                sites.push((path, site));
                Ok(())
            });
        }
    }
    for (path, site) in sites {
        let m = match site {
            Site::BadShape(_) => {
                out.push(finding(
                    "LINT_MATERIAL_REF_INVALID",
                    &path,
                    "implementation material must be a ref string or an object with a ref".into(),
                ));
                continue;
            }
            Site::Material(_, m) => m,
        };
        let reference = ref_of(&m);
        if reference.trim().is_empty() {
            out.push(finding(
                "LINT_MATERIAL_NOT_DIGEST_PINNED",
                &path,
                "implementation material has no ref; declare an immutable ref ending in #sha256:<64 hex chars>".into(),
            ));
        } else if let Err(e) = validate_ref(reference) {
            let code = match e.code {
                "REF_DIGEST_MISSING" | "REF_DIGEST_INVALID" => "LINT_MATERIAL_NOT_DIGEST_PINNED",
                "REF_GIT_COMMIT_MISSING" | "REF_GIT_COMMIT_MUTABLE" | "REF_REGISTRY_VERSION_MISSING" | "REF_REGISTRY_VERSION_MUTABLE" => {
                    "LINT_MATERIAL_NOT_IMMUTABLE"
                }
                _ => "LINT_MATERIAL_REF_INVALID",
            };
            out.push(finding(code, &path, alloc::format!("implementation material ref is not publishable: {}", e.message)));
        }
        let tree = tree_digest_of(&m);
        if !tree.is_empty() && !crate::digest::is_sha256_digest(tree) {
            out.push(finding(
                "LINT_MATERIAL_TREE_DIGEST_INVALID",
                &path,
                "implementation material tree digest must be sha256:<64 hex chars>".into(),
            ));
        }
    }
}

/// Keys whose values are credentials whatever they look like (compared lowercased,
/// `-` as `_`; exact names or `_<name>` suffixes).
const SECRET_KEYS: &[&str] = &[
    "password", "passwd", "secret", "client_secret", "api_key", "apikey", "access_key", "secret_key", "private_key",
    "private_key_seed", "access_token", "auth_token", "bearer_token", "refresh_token", "publish_token", "token", "credentials",
];

/// Registry-owned counters that are not trust signals when they stay where the
/// Registry put them.
const REGISTRY_COUNTERS: &[&str] = &["publication.download_count", "package.download_count"];

const POPULARITY_KEYS: &[&str] = &[
    "download_count", "downloads", "download_total", "downloads_count", "weekly_downloads", "monthly_downloads", "popularity",
    "popularity_score", "stars", "star_count", "github_stars", "rating", "ratings", "trust_score",
];

struct Scan {
    out: Vec<Finding>,
}

impl Scan {
    /// Every member key and string below `root` (iterative: bundles are arbitrary
    /// JSON, up to 10,000 levels deep).
    fn value(&mut self, root: &Value) {
        let _ = walk(root, Order::Stored, |steps, v| -> Visit<()> {
            // A string in an array belongs to the array's key.
            let key = steps.iter().rev().find_map(|s| match s {
                Step::Key(k) => Some(*k),
                Step::Index(_) => None,
            });
            if let Some(Step::Key(k)) = steps.last() {
                let norm = k.to_lowercase().replace('-', "_");
                if POPULARITY_KEYS.contains(&norm.as_str()) {
                    let child_path = lint_path(steps);
                    if !REGISTRY_COUNTERS.contains(&child_path.as_str()) {
                        self.out.push(finding(
                            "LINT_POPULARITY_SIGNAL",
                            &child_path,
                            alloc::format!(
                                "{k} in package metadata presents registry popularity as a trust signal; trust comes from digests, the signed receipt and pinned material"
                            ),
                        ));
                    }
                }
            }
            if let Value::String(s) = v {
                self.string(s, &lint_path(steps), key.unwrap_or(""));
            }
            Visit::Descend
        });
    }

    fn string(&mut self, s: &str, path: &str, key: &str) {
        if let Some(url) = local_url(s) {
            self.out.push(finding(
                "LINT_LOCAL_URL",
                path,
                alloc::format!("machine-local URL {url} in package metadata; only portable https URLs work for consumers"),
            ));
        }
        if let Some(kind) = secret_kind(s, key) {
            // Never echo the value.
            self.out.push(finding(
                "LINT_SECRET_VALUE",
                path,
                alloc::format!("possible secret ({kind}) in package metadata; remove it and rotate the credential"),
            ));
        }
        if let Some(what) = env_file(s) {
            self.out.push(finding("LINT_ENV_FILE", path, alloc::format!("{what} in package metadata; environment files stay on the workstation")));
        }
        if let Some(p) = private_path(s) {
            self.out.push(finding(
                "LINT_PRIVATE_PATH",
                path,
                alloc::format!("private workstation path {p} in package metadata; use repository-relative paths or https URLs"),
            ));
        }
    }
}

fn is_scheme_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')
}

/// The first loopback, `localhost` or `file:` URL in `s`.
fn local_url(s: &str) -> Option<String> {
    let b = s.as_bytes();
    // `file:` URLs: `file:` at a word start, followed by `/`.
    let lower = s.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find("file:/").map(|i| i + from) {
        if i == 0 || !b[i - 1].is_ascii_alphanumeric() {
            return Some(token_at(s, i));
        }
        from = i + 1;
    }
    let mut from = 0;
    while let Some(i) = s[from..].find("://").map(|i| i + from) {
        from = i + 3;
        let mut start = i;
        while start > 0 && is_scheme_byte(b[start - 1]) {
            start -= 1;
        }
        if start == i || !b[start].is_ascii_alphabetic() {
            continue;
        }
        let authority_end = s[i + 3..]
            .find(|c: char| matches!(c, '/' | '?' | '#' | '"' | '\'' | '<' | '>' | '`' | ')' | ',') || c.is_whitespace())
            .map_or(s.len(), |e| i + 3 + e);
        let authority = &s[i + 3..authority_end];
        let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
        let host = if let Some(rest) = host_port.strip_prefix('[') {
            rest.split(']').next().unwrap_or("")
        } else {
            host_port.split(':').next().unwrap_or("")
        };
        if is_local_host(&host.to_ascii_lowercase()) {
            return Some(token_at(s, start));
        }
    }
    None
}

/// The URL-ish token starting at `i` (up to whitespace or a quote), for messages.
fn token_at(s: &str, i: usize) -> String {
    let rest = &s[i..];
    let end = rest.find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | '`' | ')')).unwrap_or(rest.len());
    rest[..end].chars().take(200).collect()
}

fn is_local_host(host: &str) -> bool {
    let host = host.trim_end_matches('.');
    if host == "localhost" || host.ends_with(".localhost") || host == "0.0.0.0" || host == "::1" || host == "0:0:0:0:0:0:0:1" {
        return true;
    }
    let octets: Vec<&str> = host.split('.').collect();
    octets.len() == 4
        && octets[0] == "127"
        && octets.iter().all(|o| !o.is_empty() && o.len() <= 3 && o.bytes().all(|b| b.is_ascii_digit()))
}

fn is_placeholder(v: &str) -> bool {
    let t = v.trim();
    t.is_empty()
        || (t.starts_with('<') && t.ends_with('>'))
        || (t.starts_with("${") && t.ends_with('}'))
        || (t.starts_with("{{") && t.ends_with("}}"))
        || (t.starts_with('$') && t[1..].bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_'))
        || t.starts_with("env:")
        || t.chars().all(|c| c == '*' || c == 'x' || c == 'X' || c == '.')
        || matches!(t.to_ascii_lowercase().as_str(), "redacted" | "[redacted]" | "none" | "null" | "n/a")
}

fn run_len(b: &[u8], from: usize, ok: fn(u8) -> bool) -> usize {
    b[from.min(b.len())..].iter().take_while(|&&c| ok(c)).count()
}

fn word_start(b: &[u8], i: usize) -> bool {
    i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_' || b[i - 1] == b'-')
}

/// What kind of secret `s` looks like, if any.
fn secret_kind(s: &str, key: &str) -> Option<&'static str> {
    let norm = key.to_lowercase().replace('-', "_");
    if SECRET_KEYS.iter().any(|k| norm == *k || norm.ends_with(&alloc::format!("_{k}"))) && !is_placeholder(s) {
        return Some("credential-named field");
    }
    if s.contains("-----BEGIN") && s.contains("PRIVATE KEY") {
        return Some("private key");
    }
    let b = s.as_bytes();
    let alnum = |c: u8| c.is_ascii_alphanumeric();
    let upper_digit = |c: u8| c.is_ascii_uppercase() || c.is_ascii_digit();
    let token = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c == b'-';
    // (prefix, fewest following bytes, allowed following byte, kind)
    type TokenShape = (&'static str, usize, fn(u8) -> bool, &'static str);
    let prefixed: &[TokenShape] = &[
        ("AKIA", 16, upper_digit, "AWS access key"),
        ("ASIA", 16, upper_digit, "AWS access key"),
        ("ghp_", 36, alnum, "GitHub token"),
        ("gho_", 36, alnum, "GitHub token"),
        ("ghu_", 36, alnum, "GitHub token"),
        ("ghs_", 36, alnum, "GitHub token"),
        ("ghr_", 36, alnum, "GitHub token"),
        ("github_pat_", 22, token, "GitHub token"),
        ("glpat-", 20, token, "GitLab token"),
        ("xoxb-", 10, token, "Slack token"),
        ("xoxp-", 10, token, "Slack token"),
        ("xoxa-", 10, token, "Slack token"),
        ("xoxr-", 10, token, "Slack token"),
        ("xoxs-", 10, token, "Slack token"),
        ("sk_live_", 16, alnum, "Stripe key"),
        ("rk_live_", 16, alnum, "Stripe key"),
        ("AIza", 35, token, "Google API key"),
        ("sk-", 20, token, "API secret key"),
        ("npm_", 36, alnum, "npm token"),
    ];
    for (prefix, min, ok, kind) in prefixed {
        let mut from = 0;
        while let Some(i) = s[from..].find(prefix).map(|i| i + from) {
            from = i + 1;
            if word_start(b, i) && run_len(b, i + prefix.len(), *ok) >= *min {
                return Some(kind);
            }
        }
    }
    // JSON Web Tokens: `eyJ…` header, `.`, `eyJ…` payload.
    let mut from = 0;
    while let Some(i) = s[from..].find("eyJ").map(|i| i + from) {
        from = i + 1;
        let b64 = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c == b'-';
        let head = run_len(b, i, b64);
        if word_start(b, i) && head >= 10 && b.get(i + head) == Some(&b'.') && s[i + head + 1..].starts_with("eyJ") {
            return Some("JSON Web Token");
        }
    }
    // `Bearer <token>` and `Authorization: Basic <token>`.
    for scheme in ["Bearer ", "Basic "] {
        if let Some(i) = s.find(scheme) {
            let t = &s[i + scheme.len()..];
            let n = run_len(t.as_bytes(), 0, |c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~' | b'+' | b'/' | b'='));
            if n >= 20 && !is_placeholder(&t[..n]) {
                return Some("authorization header value");
            }
        }
    }
    // Credentials in a URL: `scheme://user:password@host`.
    let mut from = 0;
    while let Some(i) = s[from..].find("://").map(|i| i + from) {
        from = i + 3;
        let rest = &s[i + 3..];
        let authority = &rest[..rest.find(|c: char| matches!(c, '/' | '?' | '#') || c.is_whitespace()).unwrap_or(rest.len())];
        if let Some((userinfo, _)) = authority.rsplit_once('@') {
            if let Some((_, password)) = userinfo.split_once(':') {
                if !is_placeholder(password) {
                    return Some("password in URL");
                }
            }
        }
    }
    None
}

fn is_env_template(name: &str) -> bool {
    matches!(name, ".env.example" | ".env.sample" | ".env.template" | ".env.dist" | ".env.defaults")
}

/// A `.env` file path (the whole value is a path ending in `.env` or `.env.<x>`) or
/// pasted `.env` contents (two or more `UPPER_CASE=value` lines).
fn env_file(s: &str) -> Option<&'static str> {
    let t = s.trim();
    if !t.is_empty() && !t.chars().any(char::is_whitespace) {
        let last = t.rsplit(['/', '\\']).next().unwrap_or(t);
        let lower = last.to_ascii_lowercase();
        if (lower == ".env" || lower.starts_with(".env.")) && !is_env_template(&lower) {
            return Some("a .env file path");
        }
    }
    let assignments = s
        .lines()
        .filter(|line| {
            let line = line.trim().trim_start_matches("export ");
            match line.split_once('=') {
                Some((k, v)) => {
                    let kb = k.as_bytes();
                    !kb.is_empty()
                        && kb[0].is_ascii_uppercase()
                        && kb.iter().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'_')
                        && !v.trim().is_empty()
                        && !v.starts_with(' ')
                }
                None => false,
            }
        })
        .count();
    (assignments >= 2).then_some(".env-style KEY=value contents")
}

/// The first `/Users/<name>`, `/home/<name>` or `<drive>:\Users\<name>` outside URLs.
fn private_path(s: &str) -> Option<String> {
    for token in s.split(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '`' | '(' | ')' | '<' | '>' | ',' | ';' | '=')) {
        // Web URLs name remote paths; `file:` URLs are local ones.
        if token.contains("://") && !token.to_ascii_lowercase().starts_with("file:") {
            continue;
        }
        let b = token.as_bytes();
        for (i, _) in token.char_indices() {
            let rest = &token[i..];
            let unix = ["/Users/", "/home/"].iter().find(|p| rest.starts_with(**p)).map(|p| p.len());
            let windows = (i == 0 || !b[i - 1].is_ascii_alphanumeric())
                && rest.len() > 9
                && rest.as_bytes()[0].is_ascii_alphabetic()
                && rest.as_bytes()[1] == b':'
                && matches!(rest.as_bytes()[2], b'\\' | b'/')
                && rest[3..].get(..5).is_some_and(|u| u.eq_ignore_ascii_case("users"))
                && matches!(rest.as_bytes().get(8), Some(b'\\' | b'/'));
            let prefix_len = match (unix, windows) {
                (Some(n), _) if i == 0 || !b[i - 1].is_ascii_alphanumeric() => n,
                (_, true) => 9,
                _ => continue,
            };
            let name_len = rest[prefix_len..].find(['/', '\\']).unwrap_or(rest.len() - prefix_len);
            if name_len > 0 {
                return Some(rest.chars().take(200).collect::<String>().to_string());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEX: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    fn lint(json: &str) -> Vec<(&'static str, String)> {
        lint_bundle(json.as_bytes(), &LintOptions::default()).unwrap().into_iter().map(|f| (f.code, f.path)).collect()
    }

    const README: &str = "# Demo\\n\\nThis package exposes the demo capabilities for agents, with inputs documented and effects declared.";

    #[test]
    fn clean_bundle() {
        let b = alloc::format!(
            r#"{{"package": {{"readme": "{README}", "source_links": [{{"title": "Docs", "url": "https://example.com/docs"}}],
                "implementation_materials": [{{"ref": "git+https://github.com/a/b.git@{c}#sha256:{HEX}", "bundle_tree_sha256": "sha256:{HEX}"}}],
                "download_count": 12}}, "publication": {{"download_count": 3}}}}"#,
            c = "a".repeat(40)
        );
        assert_eq!(lint(&b), []);
    }

    #[test]
    fn readme_rules() {
        assert_eq!(lint("{}"), [("LINT_README_MISSING", "package.readme".into())]);
        assert_eq!(lint(r##"{"manifest": {"readme": "# TODO"}}"##), [("LINT_README_TRIVIAL", "manifest.readme".into())]);
    }

    #[test]
    fn urls_links_and_paths() {
        let b = alloc::format!(
            r#"{{"package": {{"readme": "{README} Run it at http://127.0.0.1:8000/ui.", "source_links": [{{"url": "ftp://x"}}, {{"url": "http://localhost:5173/"}}, {{"url": "file:///tmp/x"}}]}},
                "manifest": {{"usage": "see /Users/alice/work/x and C:\\Users\\bob\\x and https://github.com/Users/x", "other": "[::1]", "u": "http://[::1]:9/"}}}}"#
        );
        let got = lint(&b);
        assert_eq!(
            got,
            [
                ("LINT_SOURCE_LINK_NOT_HTTP", "package.source_links[0].url".into()),
                ("LINT_LOCAL_URL", "manifest.u".into()),
                ("LINT_PRIVATE_PATH", "manifest.usage".into()),
                ("LINT_LOCAL_URL", "package.readme".into()),
                ("LINT_LOCAL_URL", "package.source_links[1].url".into()),
                ("LINT_LOCAL_URL", "package.source_links[2].url".into()),
            ]
        );
    }

    #[test]
    fn materials_rules() {
        let b = alloc::format!(
            r#"{{"package": {{"readme": "{README}", "implementation_materials": [
                {{"ref": "git+https://github.com/a/b.git@main#sha256:{HEX}"}},
                {{"ref": "registry://a/b@1.0.0"}},
                {{"ref": "s3://x/y#sha256:{HEX}"}},
                {{"ref": "registry://a/b@1.0.0#sha256:{HEX}", "bundle_tree_sha256": "md5:1"}},
                {{"title": "no ref", "tree_sha256": "sha256:{HEX}"}}, 7]}}}}"#
        );
        let codes: Vec<&str> = lint(&b).into_iter().map(|(c, _)| c).collect();
        assert_eq!(
            codes,
            [
                "LINT_MATERIAL_NOT_IMMUTABLE",
                "LINT_MATERIAL_NOT_DIGEST_PINNED",
                "LINT_MATERIAL_REF_INVALID",
                "LINT_MATERIAL_TREE_DIGEST_INVALID",
                "LINT_MATERIAL_NOT_DIGEST_PINNED",
                "LINT_MATERIAL_REF_INVALID"
            ]
        );
    }

    #[test]
    fn secrets_env_and_popularity() {
        let b = alloc::format!(
            r#"{{"package": {{"readme": "{README}"}}, "manifest": {{
                "api_key": "abc123", "publish_token": "<token>", "auth": {{"password": "${{PW}}"}},
                "note": "token AKIAABCDEFGHIJKLMNOP here", "config": "deploy/.env.production", "example": ".env.example",
                "pasted": "DB_HOST=x\nDB_PASSWORD=y", "stars": 10, "hook": "https://u:pa55@example.com/x",
                "jwt": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig"}}}}"#
        );
        let got = lint(&b);
        assert_eq!(
            got,
            [
                ("LINT_SECRET_VALUE", "manifest.api_key".into()),
                ("LINT_ENV_FILE", "manifest.config".into()),
                ("LINT_SECRET_VALUE", "manifest.hook".into()),
                ("LINT_SECRET_VALUE", "manifest.jwt".into()),
                ("LINT_SECRET_VALUE", "manifest.note".into()),
                ("LINT_ENV_FILE", "manifest.pasted".into()),
                ("LINT_POPULARITY_SIGNAL", "manifest.stars".into()),
            ]
        );
        // The message never contains the secret.
        let f = lint_bundle(b.as_bytes(), &LintOptions::default()).unwrap();
        assert!(f.iter().all(|f| !f.message.contains("abc123") && !f.message.contains("pa55")));
    }
}
