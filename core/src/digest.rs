//! `sha256:<hex>` digests (ANIP-DIG-1).
use alloc::string::String;

use sha2::{Digest, Sha256};

use crate::json::{write_canonical, write_canonical_object, Map, Mode, Sink, Style, Value};

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

/// Canonical text hashed as it is written: the writer's many small pieces are
/// gathered into one block-sized buffer, so no digest holds its whole canonical text.
pub(crate) struct HashSink {
    hasher: Sha256,
    buf: alloc::vec::Vec<u8>,
}

const HASH_BUFFER: usize = 16 * 1024;

impl HashSink {
    pub(crate) fn new() -> Self {
        HashSink { hasher: Sha256::new(), buf: alloc::vec::Vec::with_capacity(HASH_BUFFER) }
    }

    /// `sha256:<hex>` of everything put.
    pub(crate) fn finish(mut self) -> String {
        self.hasher.update(&self.buf);
        let mut s = String::from("sha256:");
        s.push_str(&hex(&self.hasher.finalize()));
        s
    }

    /// Puts canonical text written earlier.
    #[inline]
    pub(crate) fn put_bytes(&mut self, s: &[u8]) {
        if self.buf.len() + s.len() <= HASH_BUFFER {
            self.buf.extend_from_slice(s);
        } else {
            self.spill(s);
        }
    }

    /// `put` when the buffer cannot take `s`: hash the buffer, then buffer or hash `s`.
    #[inline(never)]
    fn spill(&mut self, s: &[u8]) {
        self.hasher.update(&self.buf);
        self.buf.clear();
        if s.len() >= HASH_BUFFER {
            self.hasher.update(s);
        } else {
            self.buf.extend_from_slice(s);
        }
    }
}

impl Sink for HashSink {
    // Inlined into the canonical writer: most pieces are a few bytes (a quote, a
    // comma, a key), and a call per piece cost 3% of a verify's instructions.
    #[inline]
    fn put(&mut self, s: &str) {
        self.put_bytes(s.as_bytes());
    }
}

/// The ANIP digest of a JSON value: SHA-256 of its digest-mode canonical bytes.
pub fn canonical_digest(v: &Value) -> String {
    let mut sink = HashSink::new();
    write_canonical(&mut sink, v, &Style::of(Mode::Digest));
    sink.finish()
}

/// [`canonical_digest`] of an object held as a [`Map`] (no copy into a [`Value`]).
pub fn canonical_digest_object(m: &Map) -> String {
    let mut sink = HashSink::new();
    write_canonical_object(&mut sink, m, &Style::of(Mode::Digest));
    sink.finish()
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
    fn streamed_digest_is_the_digest_of_the_canonical_bytes() {
        // Strings longer than the buffer, and many short pieces across its edge.
        let long = "x".repeat(HASH_BUFFER * 2 + 7);
        let items: alloc::vec::Vec<Value> = (0..5000).map(|i| Value::from(alloc::format!("s{i}\n<&>"))).collect();
        let v: Value = Map::new().with("long", long.as_str()).with("items", Value::Array(items)).with("n", 1.5).into();
        let bytes = crate::json::to_canonical(&v, Mode::Digest);
        assert_eq!(canonical_digest(&v), sha256_bytes(&bytes));
        assert_eq!(canonical_digest_object(v.as_object().unwrap()), sha256_bytes(&bytes));
    }

    #[test]
    fn empty_input_digest() {
        assert_eq!(
            sha256_bytes(b""),
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
