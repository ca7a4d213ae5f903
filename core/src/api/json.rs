//! JSON as ANIP hashes and prints it: parse (Go `encoding/json` semantics), the
//! generic value, Go-style pretty and compact output, canonical bytes.
use alloc::string::String;
use alloc::vec::Vec;

use crate::diag::Error;
pub use crate::json::{parse, to_canonical, to_compact, to_pretty, Entries, Map, Mode, Value};
// Host values (Python objects, JS values) as JSON values, without recursion.
pub use super::host_value::{from_host, HostValue, Shape};

/// Canonical bytes of a JSON document (`digest`, `signature` or `jcs` mode).
pub fn canonical(input: &[u8], mode: &str) -> Result<Vec<u8>, Error> {
    let mode = match mode {
        "digest" | "" => Mode::Digest,
        "signature" => Mode::Signature,
        "jcs" => Mode::Jcs,
        other => return Err(Error::new("UNKNOWN_MODE", alloc::format!("unknown canonical mode {other:?}; use digest, signature or jcs"))),
    };
    Ok(crate::json::to_canonical(&super::parse_json(input, "JSON")?, mode))
}

/// `sha256:<hex>` of a JSON document's digest-mode canonical bytes.
pub fn digest(input: &[u8]) -> Result<String, Error> {
    Ok(crate::digest::canonical_digest(&super::parse_json(input, "JSON")?))
}
