//! `sha256:<hex>` digests (ANIP-DIG-1).
use alloc::string::String;

use sha2::{Digest, Sha256};

use crate::json::{to_canonical, to_canonical_object, Map, Mode, Value};

/// Lowercase hex of raw bytes.
pub fn hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(HEX[(b >> 4) as usize] as char);
        s.push(HEX[(b & 15) as usize] as char);
    }
    s
}

/// `sha256:` + lowercase hex of SHA-256(`bytes`).
pub fn sha256_bytes(bytes: &[u8]) -> String {
    let mut s = String::from("sha256:");
    s.push_str(&hex(&Sha256::digest(bytes)));
    s
}

/// The ANIP digest of a JSON value: SHA-256 of its digest-mode canonical bytes.
pub fn canonical_digest(v: &Value) -> String {
    sha256_bytes(&to_canonical(v, Mode::Digest))
}

/// [`canonical_digest`] of an object held as a [`Map`] (no copy into a [`Value`]).
pub fn canonical_digest_object(m: &Map) -> String {
    sha256_bytes(&to_canonical_object(m, Mode::Digest))
}

/// ANIP-MAT-4: trimmed, lowercased, `sha256:` followed by 64 hex digits.
pub fn is_sha256_digest(s: &str) -> bool {
    let t = s.trim().to_ascii_lowercase();
    match t.strip_prefix("sha256:") {
        Some(h) => h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_input_digest() {
        assert_eq!(
            sha256_bytes(b""),
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
