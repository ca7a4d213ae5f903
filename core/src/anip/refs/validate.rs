//! Remote custom-code-bundle ref validation (ANIP-REF-1..10).
//!
//! Steps run in upstream's order and the first failure wins; every failure is a
//! [`RefError`] with a stable code and upstream's exact message.
use alloc::string::{String, ToString};

use crate::emulate::go::url as gourl;

/// A ref that passed validation (`bundlerefs.CustomCodeBundleRef`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedRef {
    /// `git`, `registry`, `object+https` or `object+s3`.
    pub kind: &'static str,
    pub locator: String,
    /// The commit (git) or version (registry) as written; empty for object refs.
    pub immutable: String,
    /// `sha256:<lowercase hex>`.
    pub digest: String,
}

/// A rejected ref: stable code plus upstream's message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefError {
    pub code: &'static str,
    pub message: &'static str,
}

macro_rules! ref_errors {
    ($($name:ident = $code:literal, $msg:literal;)*) => {
        $(pub const $name: RefError = RefError { code: $code, message: $msg };)*
        /// Every ref error, in the order the rules run.
        #[cfg(test)]
        pub const ALL: &[RefError] = &[$($name),*];
    };
}

ref_errors! {
    REQUIRED = "REF_REQUIRED", "custom code bundle ref is required";
    TOO_LONG = "REF_TOO_LONG", "custom code bundle ref is too long";
    UNSAFE_CHARACTERS = "REF_UNSAFE_CHARACTERS", "custom code bundle ref contains unsafe characters";
    DIGEST_MISSING = "REF_DIGEST_MISSING", "custom code bundle ref must include a sha256 digest fragment";
    DIGEST_INVALID = "REF_DIGEST_INVALID", "custom code bundle ref digest must be sha256:<64 hex chars>";
    PATH_TRAVERSAL = "REF_PATH_TRAVERSAL", "custom code bundle ref must not contain path traversal";
    SCHEME_UNSUPPORTED = "REF_SCHEME_UNSUPPORTED", "custom code bundle ref scheme must be git+https, registry, object+https, or object+s3";
    GIT_COMMIT_MISSING = "REF_GIT_COMMIT_MISSING", "git custom code bundle ref must pin a commit with @<commit>";
    GIT_COMMIT_MUTABLE = "REF_GIT_COMMIT_MUTABLE", "git custom code bundle ref must pin an immutable commit hash";
    GIT_URL_INVALID = "REF_GIT_URL_INVALID", "git custom code bundle ref must be a valid HTTPS git URL";
    GIT_URL_EXTRAS = "REF_GIT_URL_EXTRAS", "git custom code bundle ref must not include credentials, query, or fragment before the digest";
    GIT_PATH_UNSAFE = "REF_GIT_PATH_UNSAFE", "git custom code bundle ref path is unsafe";
    REGISTRY_INVALID = "REF_REGISTRY_INVALID", "registry custom code bundle ref is invalid";
    REGISTRY_VERSION_MISSING = "REF_REGISTRY_VERSION_MISSING", "registry custom code bundle ref must include @<version>";
    REGISTRY_VERSION_MUTABLE = "REF_REGISTRY_VERSION_MUTABLE", "registry custom code bundle ref must pin an immutable version";
    OBJECT_HTTPS_URL_INVALID = "REF_OBJECT_HTTPS_URL_INVALID", "object HTTPS custom code bundle ref must be a valid HTTPS object URL";
    OBJECT_HTTPS_URL_EXTRAS = "REF_OBJECT_HTTPS_URL_EXTRAS", "object HTTPS custom code bundle ref must not include credentials, query, or fragment before the digest";
    OBJECT_HTTPS_PATH_UNSAFE = "REF_OBJECT_HTTPS_PATH_UNSAFE", "object HTTPS custom code bundle ref path is unsafe";
    OBJECT_S3_URL_INVALID = "REF_OBJECT_S3_URL_INVALID", "object S3 custom code bundle ref must be a valid s3 object URL";
    OBJECT_S3_URL_EXTRAS = "REF_OBJECT_S3_URL_EXTRAS", "object S3 custom code bundle ref must not include credentials, query, or fragment before the digest";
    OBJECT_S3_PATH_UNSAFE = "REF_OBJECT_S3_PATH_UNSAFE", "object S3 custom code bundle ref path is unsafe";
}

/// Maximum ref length in bytes, after trimming (ANIP-REF-1).
pub const MAX_REF_BYTES: usize = 2048;

/// `bundlerefs.ValidateCustomCodeBundleRef`.
pub fn validate_ref(raw: &str) -> Result<ParsedRef, RefError> {
    // ANIP-REF-1: Go `strings.TrimSpace` trims exactly Unicode White_Space, as `trim` does.
    let r = raw.trim();
    if r.is_empty() {
        return Err(REQUIRED);
    }
    if r.len() > MAX_REF_BYTES {
        return Err(TOO_LONG);
    }
    // ANIP-REF-2: Go `unicode.IsControl` is category Cc and `unicode.IsSpace` is
    // White_Space; Rust's `is_control` / `is_whitespace` are the same sets.
    if r.chars().any(|c| c.is_control() || c.is_whitespace() || "<>\"'`{}|^\\".contains(c)) {
        return Err(UNSAFE_CHARACTERS);
    }
    // ANIP-REF-3: split at the first `#sha256:`.
    let Some((locator, digest)) = r.split_once("#sha256:") else { return Err(DIGEST_MISSING) };
    if locator.is_empty() || digest.is_empty() {
        return Err(DIGEST_MISSING);
    }
    if digest.contains('#') || !is_hex_len(digest, 64, 64) {
        return Err(DIGEST_INVALID);
    }
    let digest = alloc::format!("sha256:{}", digest.to_ascii_lowercase());
    // ANIP-REF-4.
    if locator.contains("..") {
        return Err(PATH_TRAVERSAL);
    }
    // ANIP-REF-5: case-sensitive dispatch.
    if locator.starts_with("git+https://") {
        validate_git(locator, digest)
    } else if let Some(rest) = locator.strip_prefix("registry://") {
        validate_registry(rest, digest)
    } else if let Some(rest) = locator.strip_prefix("object+https://") {
        validate_object_https(locator, rest, digest)
    } else if let Some(rest) = locator.strip_prefix("object+") {
        if rest.starts_with("s3://") {
            validate_object_s3(locator, rest, digest)
        } else {
            Err(SCHEME_UNSUPPORTED)
        }
    } else {
        Err(SCHEME_UNSUPPORTED)
    }
}

fn is_hex_len(s: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// ANIP-REF-6.
fn validate_git(locator: &str, digest: String) -> Result<ParsedRef, RefError> {
    const PREFIX: &str = "git+https://";
    let at = match locator.rfind('@') {
        // The `@` must come after at least one byte of repository (index 13 or later).
        Some(at) if at > PREFIX.len() && at != locator.len() - 1 => at,
        _ => return Err(GIT_COMMIT_MISSING),
    };
    let repo_locator = &locator[..at];
    let commit = &locator[at + 1..];
    if !is_hex_len(commit, 40, 64) {
        return Err(GIT_COMMIT_MUTABLE);
    }
    let repo = repo_locator.strip_prefix(PREFIX).unwrap_or(repo_locator);
    let url = match gourl::parse(&alloc::format!("https://{repo}")) {
        Ok(u) if u.scheme == "https" && !u.host.is_empty() && !u.path.is_empty() => u,
        _ => return Err(GIT_URL_INVALID),
    };
    if url.user.is_some() || !url.raw_query.is_empty() || !url.fragment.is_empty() {
        return Err(GIT_URL_EXTRAS);
    }
    if !safe_url_path(&url.path) {
        return Err(GIT_PATH_UNSAFE);
    }
    Ok(ParsedRef { kind: "git", locator: repo_locator.to_string(), immutable: commit.to_string(), digest })
}

/// ANIP-REF-7. `value` is the locator after `registry://`.
fn validate_registry(value: &str, digest: String) -> Result<ParsedRef, RefError> {
    if value.is_empty() || value.contains("//") || value.contains('\\') || value.contains('?') {
        return Err(REGISTRY_INVALID);
    }
    let at = match value.rfind('@') {
        Some(at) if at > 0 && at != value.len() - 1 => at,
        _ => return Err(REGISTRY_VERSION_MISSING),
    };
    let version = &value[at + 1..];
    const FLOATING: &[&str] = &["head", "latest", "main", "master", "stable", "trunk", "default"];
    if FLOATING.contains(&version.to_ascii_lowercase().as_str()) {
        return Err(REGISTRY_VERSION_MUTABLE);
    }
    if !registry_ref_shape(value) {
        return Err(REGISTRY_INVALID);
    }
    Ok(ParsedRef {
        kind: "registry",
        locator: alloc::format!("registry://{}", &value[..at]),
        immutable: version.to_string(),
        digest,
    })
}

/// `^[A-Za-z0-9][A-Za-z0-9._/-]{0,255}@[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$`.
fn registry_ref_shape(value: &str) -> bool {
    let Some((name, version)) = value.split_once('@') else { return false };
    fn shape(s: &str, max: usize, rest_ok: fn(u8) -> bool) -> bool {
        let b = s.as_bytes();
        !b.is_empty() && b.len() <= max && b[0].is_ascii_alphanumeric() && b[1..].iter().all(|&c| rest_ok(c))
    }
    shape(name, 256, |c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'/' | b'-'))
        && shape(version, 128, |c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'+' | b'-'))
}

/// ANIP-REF-8.
fn validate_object_https(locator: &str, rest: &str, digest: String) -> Result<ParsedRef, RefError> {
    let url = match gourl::parse(&alloc::format!("https://{rest}")) {
        Ok(u) if u.scheme == "https" && !u.host.is_empty() && !u.path.is_empty() && u.path != "/" => u,
        _ => return Err(OBJECT_HTTPS_URL_INVALID),
    };
    if url.user.is_some() || !url.raw_query.is_empty() || !url.fragment.is_empty() {
        return Err(OBJECT_HTTPS_URL_EXTRAS);
    }
    if !safe_url_path(&url.path) {
        return Err(OBJECT_HTTPS_PATH_UNSAFE);
    }
    Ok(ParsedRef { kind: "object+https", locator: locator.to_string(), immutable: String::new(), digest })
}

/// ANIP-REF-9. `s3_url` is the locator after `object+`.
fn validate_object_s3(locator: &str, s3_url: &str, digest: String) -> Result<ParsedRef, RefError> {
    let url = match gourl::parse(s3_url) {
        Ok(u) if u.scheme == "s3" && !u.host.is_empty() && !u.path.is_empty() && u.path != "/" => u,
        _ => return Err(OBJECT_S3_URL_INVALID),
    };
    if url.user.is_some() || !url.raw_query.is_empty() || !url.fragment.is_empty() {
        return Err(OBJECT_S3_URL_EXTRAS);
    }
    if !s3_bucket_shape(&url.host) || !safe_url_path(&url.path) {
        return Err(OBJECT_S3_PATH_UNSAFE);
    }
    Ok(ParsedRef { kind: "object+s3", locator: locator.to_string(), immutable: String::new(), digest })
}

/// `^[A-Za-z0-9][A-Za-z0-9.-]{1,61}[A-Za-z0-9]$` (3 to 63 bytes).
fn s3_bucket_shape(host: &str) -> bool {
    let b = host.as_bytes();
    (3..=63).contains(&b.len())
        && b[0].is_ascii_alphanumeric()
        && b[b.len() - 1].is_ascii_alphanumeric()
        && b[1..b.len() - 1].iter().all(|&c| c.is_ascii_alphanumeric() || c == b'.' || c == b'-')
}

/// ANIP-REF-10, on Go's percent-decoded path.
pub fn safe_url_path(path: &str) -> bool {
    if path.is_empty() || path.contains('\\') || path.contains("//") {
        return false;
    }
    path.trim_matches('/').split('/').all(|segment| {
        let b = segment.as_bytes();
        !b.is_empty()
            && segment != "."
            && segment != ".."
            && b[0].is_ascii_alphanumeric()
            && b[1..]
                .iter()
                .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'~' | b'+' | b'=' | b',' | b'@' | b'-'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::String;

    const HEX: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    const COMMIT: &str = "0123456789abcdef0123456789abcdef01234567";

    fn with_digest(locator: &str) -> String {
        alloc::format!("{locator}#sha256:{HEX}")
    }

    fn err(r: &str) -> &'static str {
        validate_ref(r).unwrap_err().code
    }

    #[test]
    fn anip_ref_12_examples() {
        let git = validate_ref(&with_digest(&alloc::format!("git+https://github.com/acme/anip-glue.git@{COMMIT}"))).unwrap();
        assert_eq!(git.kind, "git");
        assert_eq!(git.locator, "git+https://github.com/acme/anip-glue.git");
        assert_eq!(git.immutable, COMMIT);
        assert_eq!(git.digest, alloc::format!("sha256:{HEX}"));
        let reg = validate_ref(&with_digest("registry://acme/work-item-glue@1.2.3")).unwrap();
        assert_eq!((reg.kind, reg.locator.as_str(), reg.immutable.as_str()), ("registry", "registry://acme/work-item-glue", "1.2.3"));
        assert_eq!(err(&with_digest("git+https://github.com/acme/anip-glue.git@main")), "REF_GIT_COMMIT_MUTABLE");
        assert_eq!(err("registry://acme/work-item-glue@1.2.3"), "REF_DIGEST_MISSING");
    }

    #[test]
    fn anip_ref_1_length_counts_bytes_after_trim() {
        let sized = |n: usize| {
            let base = with_digest("object+https://h/");
            with_digest(&alloc::format!("object+https://h/{}", "a".repeat(n - base.len())))
        };
        assert_eq!(sized(MAX_REF_BYTES).len(), MAX_REF_BYTES);
        assert!(validate_ref(&sized(MAX_REF_BYTES)).is_ok());
        assert_eq!(err(&sized(MAX_REF_BYTES + 1)), "REF_TOO_LONG");
        assert_eq!(err("   "), "REF_REQUIRED");
        assert!(validate_ref(&alloc::format!("  {}\n", sized(MAX_REF_BYTES))).is_ok());
    }

    #[test]
    fn anip_ref_2_unsafe_characters() {
        for bad in ["a b", "a{b", "a\u{85}b", "a\u{a0}b", "a\u{2028}b", "a\u{9f}b", "a|b", "a^b", "a\\b", "a`b"] {
            assert_eq!(err(&with_digest(&alloc::format!("registry://{bad}@1"))), "REF_UNSAFE_CHARACTERS", "{bad:?}");
        }
    }

    #[test]
    fn anip_ref_3_digest() {
        assert_eq!(err(&alloc::format!("registry://a/b@1#sha256:{}", &HEX[..63])), "REF_DIGEST_INVALID");
        assert_eq!(err(&alloc::format!("registry://a/b@1#sha256:{HEX}#sha256:{HEX}")), "REF_DIGEST_INVALID");
        assert_eq!(err(&alloc::format!("#sha256:{HEX}")), "REF_DIGEST_MISSING");
        assert_eq!(err("registry://a/b@1#sha256:"), "REF_DIGEST_MISSING");
        let upper = validate_ref(&alloc::format!("registry://a/b@1#sha256:{}", HEX.to_ascii_uppercase())).unwrap();
        assert_eq!(upper.digest, alloc::format!("sha256:{HEX}"));
    }

    #[test]
    fn anip_ref_6_git_at_index() {
        // `@` at byte 12 (directly after the prefix) is rejected, 13 is the first allowed.
        assert_eq!(err(&with_digest(&alloc::format!("git+https://@{COMMIT}"))), "REF_GIT_COMMIT_MISSING");
        assert_eq!(err(&with_digest(&alloc::format!("git+https://h@{COMMIT}"))), "REF_GIT_URL_INVALID");
        assert_eq!(err(&with_digest("git+https://h/p@")), "REF_GIT_COMMIT_MISSING");
        assert_eq!(err(&with_digest(&alloc::format!("git+https://h/p@{}", &COMMIT[..39]))), "REF_GIT_COMMIT_MUTABLE");
        assert!(validate_ref(&with_digest(&alloc::format!("git+https://h/p@{HEX}"))).is_ok());
        assert_eq!(err(&with_digest(&alloc::format!("git+https://h/p@{HEX}0"))), "REF_GIT_COMMIT_MUTABLE");
    }

    #[test]
    fn anip_ref_11_go_url_quirks() {
        assert!(validate_ref(&with_digest(&alloc::format!("git+https://h/p.git?@{COMMIT}"))).is_ok());
        assert_eq!(err(&with_digest(&alloc::format!("git+https://h/p.git?x=1@{COMMIT}"))), "REF_GIT_URL_EXTRAS");
        assert!(validate_ref(&alloc::format!("object+https://h/a/b.tgz##sha256:{HEX}")).is_ok());
        assert_eq!(err(&with_digest(&alloc::format!("git+https://h:x/p@{COMMIT}"))), "REF_GIT_URL_INVALID");
        assert_eq!(err(&with_digest(&alloc::format!("git+https://h/p%zz@{COMMIT}"))), "REF_GIT_URL_INVALID");
        assert_eq!(err(&with_digest("object+https://h/a/%2e%2e/b")), "REF_OBJECT_HTTPS_PATH_UNSAFE");
    }

    #[test]
    fn anip_ref_7_registry() {
        assert_eq!(err(&with_digest("registry://a/b@LATEST")), "REF_REGISTRY_VERSION_MUTABLE");
        assert_eq!(err(&with_digest("registry://@1")), "REF_REGISTRY_VERSION_MISSING");
        assert_eq!(err(&with_digest("registry://a?@1")), "REF_REGISTRY_INVALID");
        let name = |n: usize| with_digest(&alloc::format!("registry://{}@1", "a".repeat(n)));
        assert!(validate_ref(&name(256)).is_ok());
        assert_eq!(err(&name(257)), "REF_REGISTRY_INVALID");
    }

    #[test]
    fn anip_ref_9_bucket_lengths() {
        let bucket = |n: usize| with_digest(&alloc::format!("object+s3://{}/k", "b".repeat(n)));
        assert_eq!(err(&bucket(2)), "REF_OBJECT_S3_PATH_UNSAFE");
        assert!(validate_ref(&bucket(3)).is_ok());
        assert!(validate_ref(&bucket(63)).is_ok());
        assert_eq!(err(&bucket(64)), "REF_OBJECT_S3_PATH_UNSAFE");
        assert_eq!(err(&with_digest("object+s3://bucket/")), "REF_OBJECT_S3_URL_INVALID");
        assert_eq!(err(&with_digest("object+ftp://bucket/k")), "REF_SCHEME_UNSUPPORTED");
    }

    #[test]
    fn every_error_has_a_distinct_code() {
        let mut codes: alloc::vec::Vec<_> = ALL.iter().map(|e| e.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), ALL.len());
    }
}
