//! `sha256:<hex>` digests of bytes and of JSON values.
pub use crate::digest::{canonical_digest, sha256_bytes};
