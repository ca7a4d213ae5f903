//! The package's zip bytes, exactly as Python's `zipfile` writes them for the
//! reference exporter (ANPKG-ZIP-1/2): stored entries in the given order, DOS time
//! 1980-01-01 00:00:00, version made by 0x0314 (Unix, 2.0), version needed 20,
//! external attributes `0100644 << 16`, no extra fields, no comments, no data
//! descriptors, flag 0x0800 only for non-ASCII names, then the central directory in
//! the same order and the end-of-central-directory record.
//!
//! Hand-written rather than through the `zip` crate: that crate writes its own
//! "version made by"/"version needed" values and may add extra fields, and none of
//! that is configurable, so it cannot reproduce these bytes. Stored-only writing is
//! a few dozen lines.
use alloc::string::String;
use alloc::vec::Vec;

use super::crc32::crc32;
use crate::diag::Error;

const DOS_TIME: u16 = 0x0000;
const DOS_DATE: u16 = 0x0021; // 1980-01-01
const VERSION_MADE_BY: u16 = 0x0314;
const VERSION_NEEDED: u16 = 20;
const EXTERNAL_ATTR: u32 = 0o100644 << 16;
const UTF8_FLAG: u16 = 0x0800;

fn u16le(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}
fn u32le(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn too_large() -> Error {
    Error::new(super::codes::FILE_TOO_LARGE, "package too large for a zip without zip64")
}

/// Writes the archive. `entries` must already be in the wanted order.
pub fn write(entries: &[(String, Vec<u8>)]) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    let count = u16::try_from(entries.len()).map_err(|_| too_large())?;
    for (name, data) in entries {
        let offset = u32::try_from(out.len()).map_err(|_| too_large())?;
        let size = u32::try_from(data.len()).map_err(|_| too_large())?;
        let name_len = u16::try_from(name.len()).map_err(|_| too_large())?;
        let flags = if name.is_ascii() { 0 } else { UTF8_FLAG };
        let crc = crc32(data);

        u32le(&mut out, 0x0403_4b50);
        u16le(&mut out, VERSION_NEEDED);
        u16le(&mut out, flags);
        u16le(&mut out, 0); // stored
        u16le(&mut out, DOS_TIME);
        u16le(&mut out, DOS_DATE);
        u32le(&mut out, crc);
        u32le(&mut out, size);
        u32le(&mut out, size);
        u16le(&mut out, name_len);
        u16le(&mut out, 0); // extra
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);

        u32le(&mut central, 0x0201_4b50);
        u16le(&mut central, VERSION_MADE_BY);
        u16le(&mut central, VERSION_NEEDED);
        u16le(&mut central, flags);
        u16le(&mut central, 0);
        u16le(&mut central, DOS_TIME);
        u16le(&mut central, DOS_DATE);
        u32le(&mut central, crc);
        u32le(&mut central, size);
        u32le(&mut central, size);
        u16le(&mut central, name_len);
        u16le(&mut central, 0); // extra
        u16le(&mut central, 0); // comment
        u16le(&mut central, 0); // disk number start
        u16le(&mut central, 0); // internal attributes
        u32le(&mut central, EXTERNAL_ATTR);
        u32le(&mut central, offset);
        central.extend_from_slice(name.as_bytes());
    }
    let cd_offset = u32::try_from(out.len()).map_err(|_| too_large())?;
    let cd_size = u32::try_from(central.len()).map_err(|_| too_large())?;
    out.extend_from_slice(&central);
    u32le(&mut out, 0x0605_4b50);
    u16le(&mut out, 0);
    u16le(&mut out, 0);
    u16le(&mut out, count);
    u16le(&mut out, count);
    u32le(&mut out, cd_size);
    u32le(&mut out, cd_offset);
    u16le(&mut out, 0);
    if out.len() > u32::MAX as usize {
        return Err(too_large());
    }
    Ok(out)
}
