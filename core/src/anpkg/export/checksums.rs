//! `meta/checksums.sha256` (ANPKG-SUM-1): `<sha256 hex>  <path>` per package file
//! except itself, in path order, each line ending in `\n`.
use alloc::string::String;
use alloc::vec::Vec;

use sha2::{Digest, Sha256};

use crate::digest::hex;

pub const CHECKSUM_FILE: &str = "meta/checksums.sha256";

/// `files` in ascending path order.
pub fn checksum_file(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = String::new();
    for (name, data) in files {
        out.push_str(&hex(&Sha256::digest(data)));
        out.push_str("  ");
        out.push_str(name);
        out.push('\n');
    }
    out.into_bytes()
}
