//! The fixed binary prelude of `assets.pa` — trustloop v1 decision D1–D3
//! (PA-PRELUDE-3..6), *provisional until checked against the Prometeu runtime loader*.
//!
//! Upstream names the fields (PA-PRELUDE-1) but not their widths, byte order or the
//! magic value. Everything about the byte layout lives in [`PRELUDE_LAYOUT`]; if the
//! runtime loader turns out to differ, that table (and [`PRELUDE_LEN`]) is the one
//! place to change. Decoding is pure and never fails on 32 bytes; the *checks* of
//! PA-PRELUDE-6 live in [`check`].
use alloc::format;
use alloc::string::String;

use super::codes;
use crate::diag::Finding;

/// Total prelude size in bytes; the JSON header starts right after it (PA-PRELUDE-4).
pub const PRELUDE_LEN: usize = 32;

/// The ASCII magic `PMTA`.
pub const MAGIC: [u8; 4] = *b"PMTA";

/// The only `schema_version` v1 reads and writes.
pub const SCHEMA_VERSION: u64 = 1;

/// One fixed-width little-endian field of the prelude.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    pub offset: usize,
    pub width: usize,
}

/// The prelude layout (PA-PRELUDE-3), in field order. `magic` is raw bytes; every other
/// field is an unsigned little-endian integer of `width` bytes.
pub const PRELUDE_LAYOUT: [Field; 6] = [
    Field { name: "magic", offset: 0, width: 4 },
    Field { name: "schema_version", offset: 4, width: 4 },
    Field { name: "header_len", offset: 8, width: 8 },
    Field { name: "payload_offset", offset: 16, width: 8 },
    Field { name: "flags", offset: 24, width: 4 },
    Field { name: "reserved", offset: 28, width: 4 },
];

const MAGIC_FIELD: Field = PRELUDE_LAYOUT[0];
const SCHEMA_VERSION_FIELD: Field = PRELUDE_LAYOUT[1];
const HEADER_LEN_FIELD: Field = PRELUDE_LAYOUT[2];
const PAYLOAD_OFFSET_FIELD: Field = PRELUDE_LAYOUT[3];
const FLAGS_FIELD: Field = PRELUDE_LAYOUT[4];
const RESERVED_FIELD: Field = PRELUDE_LAYOUT[5];

/// The decoded prelude values, before any check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Prelude {
    pub magic: [u8; 4],
    pub schema_version: u64,
    pub header_len: u64,
    pub payload_offset: u64,
    pub flags: u64,
    pub reserved: u64,
}

impl Prelude {
    /// The prelude the v1 writer emits for a header of `header_len` bytes (PA-PRELUDE-5):
    /// no padding, flags and reserved zero. `None` only if the length overflows `u64`.
    pub fn for_header(header_len: u64) -> Option<Prelude> {
        let payload_offset = (PRELUDE_LEN as u64).checked_add(header_len)?;
        Some(Prelude { magic: MAGIC, schema_version: SCHEMA_VERSION, header_len, payload_offset, flags: 0, reserved: 0 })
    }

    /// The 32 prelude bytes.
    pub fn encode(&self) -> [u8; PRELUDE_LEN] {
        let mut out = [0u8; PRELUDE_LEN];
        out[MAGIC_FIELD.offset..MAGIC_FIELD.offset + MAGIC_FIELD.width].copy_from_slice(&self.magic);
        put(&mut out, SCHEMA_VERSION_FIELD, self.schema_version);
        put(&mut out, HEADER_LEN_FIELD, self.header_len);
        put(&mut out, PAYLOAD_OFFSET_FIELD, self.payload_offset);
        put(&mut out, FLAGS_FIELD, self.flags);
        put(&mut out, RESERVED_FIELD, self.reserved);
        out
    }

    /// Decodes the 32 prelude bytes (no validation).
    pub fn decode(bytes: &[u8; PRELUDE_LEN]) -> Prelude {
        let mut magic = [0u8; 4];
        magic.copy_from_slice(&bytes[MAGIC_FIELD.offset..MAGIC_FIELD.offset + MAGIC_FIELD.width]);
        Prelude {
            magic,
            schema_version: get(bytes, SCHEMA_VERSION_FIELD),
            header_len: get(bytes, HEADER_LEN_FIELD),
            payload_offset: get(bytes, PAYLOAD_OFFSET_FIELD),
            flags: get(bytes, FLAGS_FIELD),
            reserved: get(bytes, RESERVED_FIELD),
        }
    }

    /// Where the header ends (`32 + header_len`), `None` on overflow.
    pub fn header_end(&self) -> Option<u64> {
        (PRELUDE_LEN as u64).checked_add(self.header_len)
    }

    /// The magic as text when printable ASCII, else as hex (for messages).
    pub fn magic_display(&self) -> String {
        if self.magic.iter().all(|b| b.is_ascii_graphic()) {
            format!("\"{}\"", String::from_utf8_lossy(&self.magic))
        } else {
            crate::digest::hex(&self.magic)
        }
    }
}

fn put(out: &mut [u8; PRELUDE_LEN], field: Field, value: u64) {
    let bytes = value.to_le_bytes();
    out[field.offset..field.offset + field.width].copy_from_slice(&bytes[..field.width]);
}

fn get(bytes: &[u8; PRELUDE_LEN], field: Field) -> u64 {
    let mut buf = [0u8; 8];
    buf[..field.width].copy_from_slice(&bytes[field.offset..field.offset + field.width]);
    u64::from_le_bytes(buf)
}

/// PA-PRELUDE-6 steps 1–6 on a file of `file_len` bytes whose first bytes are `head`
/// (at least [`PRELUDE_LEN`] of them when the file has that many). Step 7 (zero
/// padding) needs the padding bytes and is done by the reader.
pub fn check(head: &[u8], file_len: u64) -> Result<Prelude, Finding> {
    let bytes: &[u8; PRELUDE_LEN] = match head.get(..PRELUDE_LEN).and_then(|s| s.try_into().ok()) {
        Some(b) if file_len >= PRELUDE_LEN as u64 => b,
        _ => {
            return Err(Finding::error(
                codes::PRELUDE_TRUNCATED,
                format!("assets.pa is shorter than the {PRELUDE_LEN}-byte prelude ({file_len} bytes)"),
            ))
        }
    };
    let p = Prelude::decode(bytes);
    if p.magic != MAGIC {
        return Err(Finding::error(codes::BAD_MAGIC, format!("assets.pa magic is {}, expected \"PMTA\"", p.magic_display())));
    }
    if p.schema_version != SCHEMA_VERSION {
        return Err(Finding::error(
            codes::UNSUPPORTED_SCHEMA_VERSION,
            format!("assets.pa schema_version {} is not supported (supported: {SCHEMA_VERSION})", p.schema_version),
        ));
    }
    if p.flags != 0 {
        return Err(Finding::error(codes::NON_ZERO_FLAGS, format!("assets.pa flags must be 0 in v1, found {}", p.flags)));
    }
    if p.reserved != 0 {
        return Err(Finding::error(
            codes::NON_ZERO_RESERVED,
            format!("assets.pa reserved must be 0 in v1, found {}", p.reserved),
        ));
    }
    let after_prelude = file_len - PRELUDE_LEN as u64;
    let header_end = match p.header_end() {
        Some(end) if end <= file_len => end,
        _ => {
            return Err(Finding::error(
                codes::HEADER_OUT_OF_BOUNDS,
                format!("header_len {} exceeds the file ({after_prelude} bytes after the prelude)", p.header_len),
            ))
        }
    };
    if p.payload_offset < header_end || p.payload_offset > file_len {
        return Err(Finding::error(
            codes::PAYLOAD_OFFSET_INVALID,
            format!("payload_offset {} must be >= {header_end} and <= file length {file_len}", p.payload_offset),
        ));
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_is_contiguous_and_fills_the_prelude() {
        // PA-PRELUDE-3: fields in order, no gaps, 32 bytes.
        let mut at = 0;
        for f in PRELUDE_LAYOUT {
            assert_eq!(f.offset, at, "{}", f.name);
            at += f.width;
        }
        assert_eq!(at, PRELUDE_LEN);
    }

    #[test]
    fn v1_empty_archive_prelude_bytes() {
        // Spec §17 V1: header_len 31, payload_offset 63.
        let p = Prelude::for_header(31).unwrap();
        let mut want = [0u8; 32];
        want[..8].copy_from_slice(&[0x50, 0x4d, 0x54, 0x41, 1, 0, 0, 0]);
        want[8] = 0x1f;
        want[16] = 0x3f;
        assert_eq!(p.encode(), want);
        assert_eq!(Prelude::decode(&want), p);
    }

    #[test]
    fn checks_in_order() {
        let good = Prelude::for_header(10).unwrap().encode();
        assert_eq!(check(&good[..31], 31).unwrap_err().code, codes::PRELUDE_TRUNCATED);
        let mut bad = good;
        bad[3] = b'U';
        assert_eq!(check(&bad, 42).unwrap_err().code, codes::BAD_MAGIC);
        assert!(check(&good, 42).is_ok());
        assert_eq!(check(&good, 41).unwrap_err().code, codes::HEADER_OUT_OF_BOUNDS);
        let mut p = Prelude::decode(&good);
        p.header_len = u64::MAX;
        assert_eq!(check(&p.encode(), 42).unwrap_err().code, codes::HEADER_OUT_OF_BOUNDS);
    }
}
