//! Reading a `.anpkg` zip archive in memory, with hardening beyond the reference.
//!
//! Upstream extracts with Python's `ZipFile.extractall` into a temporary directory
//! (ANPKG-VAL-M4..M6). trustloop never extracts: it reads every entry into a
//! [`Tree`] after rejecting, each with its own finding code, the archive tricks
//! upstream silently sanitises or crashes on: zip slip (`..`), absolute and drive
//! names, backslashes, symlink entries, duplicate and case-colliding names, a file
//! that is also a directory, directory entries carrying data, encrypted entries,
//! unsupported compression, and zip bombs (entry count, declared and actual sizes,
//! compression ratio per entry and over the whole archive, entries sharing bytes —
//! all configurable). Every size and ratio check runs on the central directory,
//! before a single byte is inflated: many entries each just below the per-entry ratio
//! floor (255 × 1 MiB from 292 KB) fail the archive-wide ratio instead of being
//! inflated first, and overlapping entries (one compressed stream referenced many
//! times) are named as such.
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use crate::budgets::Budget;
use std::io::{Cursor, Read};

use crate::anpkg::validate::codes;
use crate::anpkg::validate::tree::{order, repeats, Entry, Tree};
use crate::diag::Finding;

/// Archive resource limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArchiveLimits {
    /// Most entries (files and directories).
    pub max_entries: usize,
    /// Largest uncompressed size of one entry.
    pub max_entry_size: u64,
    /// Largest uncompressed size of all entries together.
    pub max_total_size: u64,
    /// Largest uncompressed/compressed ratio of one entry, and of all entries summed…
    pub max_ratio: u64,
    /// …checked only for an entry, or a total, at least this large (tiny files
    /// compress well).
    pub ratio_min_size: u64,
}

impl Default for ArchiveLimits {
    fn default() -> Self {
        ArchiveLimits {
            max_entries: Budget::ZipEntries.get(),
            max_entry_size: Budget::ZipEntryBytes.bytes(),
            max_total_size: Budget::ZipTotalBytes.bytes(),
            max_ratio: Budget::ZipRatio.bytes(),
            ratio_min_size: Budget::ZipRatioMinBytes.bytes(),
        }
    }
}

/// Python's `zipfile.is_zipfile`: an end-of-central-directory signature in the last
/// 64 KiB + 22 bytes.
pub fn looks_like_zip(bytes: &[u8]) -> bool {
    const EOCD: &[u8; 4] = b"PK\x05\x06";
    if bytes.len() < 22 {
        return false;
    }
    let start = bytes.len().saturating_sub(65_535 + 22);
    bytes[start..].windows(4).any(|w| w == EOCD)
}

fn finding(code: &'static str, name: &str, message: String) -> Finding {
    Finding::error(code, message).at_file(name)
}

/// Reads a zip archive into a package tree rooted at `root` (the path shown in
/// messages). Returns every hardening finding when `all`, else the first.
pub fn read_archive(bytes: &[u8], root: &str, limits: &ArchiveLimits, all: bool) -> Result<Tree, Vec<Finding>> {
    let mut findings: Vec<Finding> = Vec::new();
    macro_rules! fail {
        ($f:expr) => {{
            findings.push($f);
            if !all {
                return Err(findings);
            }
        }};
    }
    let mut zip = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(z) => z,
        Err(e) => return Err(alloc::vec![Finding::error(codes::ZIP_CORRUPT, format!("File is not a valid zip archive: {e}"))]),
    };
    if zip.len() > limits.max_entries {
        return Err(alloc::vec![Finding::error(
            codes::ZIP_TOO_MANY_ENTRIES,
            format!("Archive has {} entries; the limit is {}", zip.len(), limits.max_entries),
        )]);
    }

    // Pass 1: metadata only.
    struct Meta {
        index: usize,
        name: String,
        dir: bool,
        size: u64,
        stored: StoredEntry,
    }
    let mut metas: Vec<Meta> = Vec::new();
    let mut total: u64 = 0;
    let mut total_compressed: u64 = 0;
    // Byte ranges of each entry (local header through compressed data), by index.
    let mut spans: Vec<(u64, u64, usize)> = Vec::new();
    let mut exceeded = false;
    for index in 0..zip.len() {
        let file = match zip.by_index_raw(index) {
            Ok(f) => f,
            Err(e) => {
                fail!(Finding::error(codes::ZIP_CORRUPT, format!("Unreadable zip entry #{index}: {e}")));
                continue;
            }
        };
        let raw_name = file.name().to_string();
        let shown = raw_name.as_str();
        spans.push((file.header_start(), file.data_start().saturating_add(file.compressed_size()), index));
        let name = match check_name(shown) {
            Ok(n) => n,
            Err(f) => {
                fail!(f);
                continue;
            }
        };
        if file.is_symlink() {
            fail!(finding(codes::ZIP_SYMLINK, shown, format!("Archive entry is a symbolic link: {shown}")));
            continue;
        }
        if file.encrypted() {
            fail!(finding(codes::ZIP_ENCRYPTED, shown, format!("Archive entry is encrypted: {shown}")));
            continue;
        }
        let dir = file.is_dir();
        let size = file.size();
        if dir && size > 0 {
            fail!(finding(codes::ZIP_DIRECTORY_WITH_DATA, shown, format!("Archive directory entry carries data: {shown}")));
            continue;
        }
        if !matches!(file.compression(), zip::CompressionMethod::Stored | zip::CompressionMethod::Deflated) {
            fail!(finding(
                codes::ZIP_UNSUPPORTED_COMPRESSION,
                shown,
                format!("Archive entry uses an unsupported compression method ({}): {shown}", file.compression())
            ));
            continue;
        }
        if size > limits.max_entry_size {
            fail!(finding(
                codes::ZIP_ENTRY_TOO_LARGE,
                shown,
                format!("Archive entry is larger than {} bytes: {shown}", limits.max_entry_size)
            ));
            continue;
        }
        let compressed = file.compressed_size();
        if size >= limits.ratio_min_size && (compressed == 0 || size / compressed.max(1) > limits.max_ratio) {
            fail!(finding(
                codes::ZIP_RATIO,
                shown,
                format!("Archive entry compression ratio exceeds {}: {shown}", limits.max_ratio)
            ));
            continue;
        }
        total = total.saturating_add(size);
        total_compressed = total_compressed.saturating_add(compressed);
        if total > limits.max_total_size {
            exceeded = true;
            break;
        }
        let stored = StoredEntry {
            data_start: file.data_start(),
            compressed,
            crc32: file.crc32(),
            deflated: file.compression() == zip::CompressionMethod::Deflated,
        };
        metas.push(Meta { index, name, dir, size, stored });
    }

    if exceeded {
        // Overlapping entries are how a small archive claims a huge total: name them.
        if let Some(f) = overlap_finding(&mut spans, &zip) {
            findings.push(f);
        }
        findings.push(Finding::error(codes::ZIP_TOO_LARGE, format!("Archive expands to more than {} bytes", limits.max_total_size)));
        return Err(findings);
    }
    // The archive as a whole: summed ratio, then entries sharing bytes.
    if total >= limits.ratio_min_size && (total_compressed == 0 || total / total_compressed.max(1) > limits.max_ratio) {
        fail!(Finding::error(
            codes::ZIP_RATIO,
            format!(
                "Archive compression ratio exceeds {} over all entries ({total} bytes from {total_compressed})",
                limits.max_ratio
            ),
        ));
    }
    if let Some(f) = overlap_finding(&mut spans, &zip) {
        fail!(f);
    }

    // Pass 2: names against each other (after Python's normalisation), each finding in
    // entry order. One stable sort of the names (archives mostly list them in order,
    // which the sort takes in one pass) instead of a map insert per name.
    let named: Vec<&Meta> = metas.iter().filter(|m| !m.name.is_empty()).collect();
    let names: Vec<&str> = named.iter().map(|m| m.name.as_str()).collect();
    let by_name = order(&names);
    // Equal names sort in entry order: every one after the first is a duplicate.
    let duplicate = repeats(&names, &by_name);
    // Names equal once case-folded, duplicates left out: each collides with the one
    // before it in entry order.
    let kept: Vec<usize> = (0..named.len()).filter(|&i| !duplicate[i]).collect();
    let folded: Vec<String> = kept.iter().map(|&i| names[i].to_lowercase()).collect();
    let folded_names: Vec<&str> = folded.iter().map(String::as_str).collect();
    let mut collides_with: Vec<Option<usize>> = alloc::vec![None; named.len()];
    for pair in order(&folded_names).windows(2) {
        if folded[pair[0]] == folded[pair[1]] {
            collides_with[kept[pair[1]]] = Some(kept[pair[0]]);
        }
    }
    for (i, m) in named.iter().enumerate() {
        if duplicate[i] {
            fail!(finding(codes::ZIP_DUPLICATE_NAME, &m.name, format!("Archive has duplicate entry name: {}", m.name)));
        } else if let Some(other) = collides_with[i] {
            fail!(finding(
                codes::ZIP_CASE_COLLISION,
                &m.name,
                format!("Archive entry names differ only in case: {}, {}", named[other].name, m.name)
            ));
        }
    }
    // A file whose path is also used as a directory by another entry.
    let sorted_names: Vec<&str> = by_name.iter().map(|&i| names[i]).collect();
    for m in named.iter().filter(|m| !m.dir) {
        let prefix = format!("{}/", m.name);
        let at = sorted_names.partition_point(|n| *n < prefix.as_str());
        if let Some(other) = sorted_names.get(at).filter(|n| n.starts_with(prefix.as_str())) {
            fail!(finding(
                codes::ZIP_PATH_CONFLICT,
                &m.name,
                format!("Archive entry is both a file and a directory: {} ({other})", m.name)
            ));
        }
    }
    if !findings.is_empty() {
        return Err(findings);
    }

    // Pass 3: data, bounded by the declared size; CRC checked by the reader.
    let mut entries: Vec<(String, Entry)> = Vec::with_capacity(metas.len());
    let mut inflater = flate2::Decompress::new(false);
    for m in metas {
        if m.name.is_empty() {
            continue;
        }
        if m.dir {
            entries.push((m.name, Entry::Dir));
            continue;
        }
        if let Some(data) = read_intact(bytes, &m.stored, m.size, &mut inflater) {
            entries.push((m.name, Entry::File(data)));
            continue;
        }
        // Not intact: zip's reader again, for the error text the finding quotes.
        let mut data = Vec::new();
        let result = zip
            .by_index(m.index)
            .map_err(|e| e.to_string())
            .and_then(|f| f.take(m.size.saturating_add(1)).read_to_end(&mut data).map_err(|e| e.to_string()));
        if let Err(e) = result {
            fail!(finding(codes::ZIP_CORRUPT, &m.name, format!("Bad zip entry {}: {e}", m.name)));
            continue;
        }
        if data.len() as u64 != m.size {
            fail!(finding(
                codes::ZIP_SIZE_MISMATCH,
                &m.name,
                format!("Archive entry size does not match its header: {}", m.name)
            ));
            continue;
        }
        entries.push((m.name, Entry::File(data)));
    }
    if !findings.is_empty() {
        return Err(findings);
    }
    Ok(Tree::from_entries(root, entries))
}

/// Where an entry's data lies in the archive and how to check it (from the central
/// directory and the local header, read in pass 1).
struct StoredEntry {
    data_start: u64,
    compressed: u64,
    crc32: u32,
    deflated: bool,
}

/// An entry's bytes when they are intact (a complete deflate stream or stored data of
/// exactly the declared size, with the declared CRC), read straight from the archive
/// with one inflate state for the whole archive: zip's reader builds a fresh ~40 KiB
/// state per entry, which was 40% of validate's instructions with 5,000 files. `None`
/// for anything else; the caller then reads the entry through zip, which reports it
/// exactly as before (the decoder is the same flate2 build zip uses).
fn read_intact(bytes: &[u8], entry: &StoredEntry, size: u64, inflater: &mut flate2::Decompress) -> Option<Vec<u8>> {
    let start = usize::try_from(entry.data_start).ok()?;
    let raw = bytes.get(start..start.checked_add(usize::try_from(entry.compressed).ok()?)?)?;
    let size = usize::try_from(size).ok()?;
    let data = if entry.deflated {
        inflater.reset(false);
        let mut out = Vec::with_capacity(size);
        let status = inflater.decompress_vec(raw, &mut out, flate2::FlushDecompress::Finish).ok()?;
        (status == flate2::Status::StreamEnd && out.len() == size).then_some(out)?
    } else {
        (raw.len() == size).then(|| raw.to_vec())?
    };
    (crc32fast::hash(&data) == entry.crc32).then_some(data)
}

fn overlap_finding<R: Read + std::io::Seek>(spans: &mut [(u64, u64, usize)], zip: &zip::ZipArchive<R>) -> Option<Finding> {
    let (first, second) = overlapping(spans)?;
    let name = |i: usize| zip.name_for_index(i).unwrap_or("").to_string();
    let (a, b) = (name(first), name(second));
    Some(finding(codes::ZIP_OVERLAP, &b, format!("Archive entries overlap (they share compressed bytes): {a}, {b}")))
}

/// The first two entries whose byte ranges `[start, end)` overlap (entry indices).
fn overlapping(spans: &mut [(u64, u64, usize)]) -> Option<(usize, usize)> {
    crate::sort::sort(spans);
    let mut furthest: Option<(u64, usize)> = None;
    for &(start, end, index) in spans.iter() {
        if let Some((prev_end, prev)) = furthest {
            if start < prev_end {
                return Some((prev.min(index), prev.max(index)));
            }
        }
        match furthest {
            Some((e, _)) if e >= end => {}
            _ => furthest = Some((end, index)),
        }
    }
    None
}

/// Rejects unsafe member names; otherwise normalises like Python's extraction
/// (empty and `.` components dropped, trailing `/` of directories removed).
fn check_name(name: &str) -> Result<String, Finding> {
    let b = name.as_bytes();
    let drive = b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':';
    if name.starts_with('/') || drive {
        return Err(finding(codes::ZIP_ABSOLUTE_PATH, name, format!("Archive entry has an absolute path: {name}")));
    }
    if name.contains('\\') || name.contains('\0') {
        return Err(finding(codes::ZIP_UNSAFE_PATH, name, format!("Archive entry name contains a backslash or NUL: {name}")));
    }
    let parts: Vec<&str> = name.split('/').filter(|c| !c.is_empty() && *c != ".").collect();
    if parts.contains(&"..") {
        return Err(finding(codes::ZIP_UNSAFE_PATH, name, format!("Archive entry escapes the package root: {name}")));
    }
    Ok(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    fn build(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in entries {
            if name.ends_with('/') {
                w.add_directory(*name, SimpleFileOptions::default()).unwrap();
            } else {
                w.start_file(*name, SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored)).unwrap();
                w.write_all(data).unwrap();
            }
        }
        w.finish().unwrap().into_inner()
    }

    fn code(entries: &[(&str, &[u8])]) -> &'static str {
        read_archive(&build(entries), "/pkg.anpkg", &ArchiveLimits::default(), false).unwrap_err()[0].code
    }

    #[test]
    fn anpkg_val_m6_zip_slip_and_absolute_names() {
        assert_eq!(code(&[("../../evil.yaml", b"x")]), codes::ZIP_UNSAFE_PATH);
        assert_eq!(code(&[("a/../../evil.yaml", b"x")]), codes::ZIP_UNSAFE_PATH);
        assert_eq!(code(&[("/abs/x.yaml", b"x")]), codes::ZIP_ABSOLUTE_PATH);
        assert_eq!(code(&[("C:/x.yaml", b"x")]), codes::ZIP_ABSOLUTE_PATH);
        assert_eq!(code(&[("..\\evil.yaml", b"x")]), codes::ZIP_UNSAFE_PATH);
    }

    #[test]
    fn duplicate_case_and_conflicting_names() {
        assert_eq!(code(&[("a.yaml", b"x"), ("./a.yaml", b"y")]), codes::ZIP_DUPLICATE_NAME);
        assert_eq!(code(&[("A.yaml", b"x"), ("a.yaml", b"y")]), codes::ZIP_CASE_COLLISION);
        assert_eq!(code(&[("a", b"x"), ("a/b", b"y")]), codes::ZIP_PATH_CONFLICT);
        assert_eq!(code(&[("a/", b""), ("a", b"y")]), codes::ZIP_DUPLICATE_NAME);
    }

    #[test]
    fn symlinks_and_encryption_and_bombs() {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        w.add_symlink("link.yaml", "/etc/passwd", SimpleFileOptions::default()).unwrap();
        let bytes = w.finish().unwrap().into_inner();
        assert_eq!(read_archive(&bytes, "/p", &ArchiveLimits::default(), false).unwrap_err()[0].code, codes::ZIP_SYMLINK);

        // Encrypted: set the flag bit by hand in the local and central headers.
        let mut bytes = build(&[("a.yaml", b"x")]);
        for sig in [b"PK\x03\x04".as_slice(), b"PK\x01\x02".as_slice()] {
            let at = bytes.windows(4).position(|w| w == sig).unwrap();
            let flag_at = if sig[2] == 3 { at + 6 } else { at + 8 };
            bytes[flag_at] |= 1;
        }
        assert_eq!(read_archive(&bytes, "/p", &ArchiveLimits::default(), false).unwrap_err()[0].code, codes::ZIP_ENCRYPTED);

        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        w.start_file("zeros", SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated)).unwrap();
        w.write_all(&alloc::vec![0u8; 2 << 20]).unwrap();
        let bomb = w.finish().unwrap().into_inner();
        assert_eq!(read_archive(&bomb, "/p", &ArchiveLimits::default(), false).unwrap_err()[0].code, codes::ZIP_RATIO);
        let small = ArchiveLimits { max_entry_size: 1000, ..ArchiveLimits::default() };
        assert_eq!(read_archive(&bomb, "/p", &small, false).unwrap_err()[0].code, codes::ZIP_ENTRY_TOO_LARGE);
        let total = ArchiveLimits { max_total_size: 1000, max_ratio: u64::MAX, ..ArchiveLimits::default() };
        assert_eq!(read_archive(&bomb, "/p", &total, false).unwrap_err()[0].code, codes::ZIP_TOO_LARGE);
        let few = ArchiveLimits { max_entries: 1, ..ArchiveLimits::default() };
        assert_eq!(code_with(&build(&[("a", b""), ("b", b"")]), &few), codes::ZIP_TOO_MANY_ENTRIES);
        assert_eq!(code_with(b"PK\x05\x06 not really a zip, just the signature....", &ArchiveLimits::default()), codes::ZIP_CORRUPT);
    }

    /// Patches a little-endian u16/u32 field in the first local header and the first
    /// central header.
    fn patch(bytes: &mut [u8], local_off: usize, central_off: usize, value: &[u8]) {
        let l = bytes.windows(4).position(|w| w == b"PK\x03\x04").unwrap();
        bytes[l + local_off..l + local_off + value.len()].copy_from_slice(value);
        let c = bytes.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
        bytes[c + central_off..c + central_off + value.len()].copy_from_slice(value);
    }

    #[test]
    fn unsupported_compression_directory_data_and_size_mismatch() {
        let mut bytes = build(&[("a.yaml", b"hello")]);
        patch(&mut bytes, 8, 10, &12u16.to_le_bytes()); // method 12 = bzip2
        assert_eq!(code_with(&bytes, &ArchiveLimits::default()), codes::ZIP_UNSUPPORTED_COMPRESSION);

        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        w.start_file("d/", SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored)).unwrap();
        w.write_all(b"data").unwrap();
        let bytes = w.finish().unwrap().into_inner();
        assert_eq!(code_with(&bytes, &ArchiveLimits::default()), codes::ZIP_DIRECTORY_WITH_DATA);

        // Declared size larger than the stored data: never trusted.
        let mut bytes = build(&[("a.yaml", b"hello"), ("b.yaml", b"world")]);
        patch(&mut bytes, 22, 24, &9u32.to_le_bytes());
        let code = code_with(&bytes, &ArchiveLimits::default());
        assert!(code == codes::ZIP_SIZE_MISMATCH || code == codes::ZIP_CORRUPT, "{code}");
    }

    fn code_with(bytes: &[u8], limits: &ArchiveLimits) -> &'static str {
        read_archive(bytes, "/p", limits, false).unwrap_err()[0].code
    }

    #[test]
    fn directory_entries_and_deflate_are_accepted() {
        let tree = read_archive(&build(&[("providers/", b""), ("providers/sim0.yaml", b"a: 1\n"), ("./x//y", b"z")]), "/p", &ArchiveLimits::default(), false).unwrap();
        assert_eq!(tree.get("providers/sim0.yaml"), Some(&Entry::File(b"a: 1\n".to_vec())));
        assert_eq!(tree.get("x/y"), Some(&Entry::File(b"z".to_vec())));
        assert!(looks_like_zip(&build(&[("a", b"")])));
        assert!(!looks_like_zip(b"hello"));
    }

    #[test]
    fn all_mode_reports_name_clashes_in_entry_order() {
        let entries: &[(&str, &[u8])] =
            &[("z/B.yaml", b""), ("A", b""), ("z/b.yaml", b""), ("./A", b""), ("a", b""), ("A/c", b""), ("z/./B.yaml", b"")];
        let f = read_archive(&build(entries), "/p", &ArchiveLimits::default(), true).unwrap_err();
        let messages: Vec<&str> = f.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "Archive entry names differ only in case: z/B.yaml, z/b.yaml",
                "Archive has duplicate entry name: A",
                "Archive entry names differ only in case: A, a",
                "Archive has duplicate entry name: z/B.yaml",
                "Archive entry is both a file and a directory: A (A/c)",
                "Archive entry is both a file and a directory: A (A/c)",
            ]
        );
    }

    #[test]
    fn all_mode_reports_every_finding() {
        let f = read_archive(&build(&[("../a", b""), ("/b", b""), ("c", b"")]), "/p", &ArchiveLimits::default(), true).unwrap_err();
        let codes_: Vec<&str> = f.iter().map(|f| f.code).collect();
        assert_eq!(codes_, [codes::ZIP_UNSAFE_PATH, codes::ZIP_ABSOLUTE_PATH]);
    }

    fn deflated(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in entries {
            w.start_file(*name, SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated)).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    /// Intact entries are read with the archive's one inflate state; a damaged entry
    /// falls back to zip's reader and keeps its error text.
    #[test]
    fn intact_entries_are_inflated_directly_and_damaged_ones_keep_zip_errors() {
        let text = b"key: value\n".repeat(50);
        for bytes in [deflated(&[("a.yaml", text.clone())]), build(&[("a.yaml", &text)])] {
            let mut zip = zip::ZipArchive::new(Cursor::new(bytes.as_slice())).unwrap();
            let file = zip.by_index_raw(0).unwrap();
            let entry = StoredEntry {
                data_start: file.data_start(),
                compressed: file.compressed_size(),
                crc32: file.crc32(),
                deflated: file.compression() == zip::CompressionMethod::Deflated,
            };
            let mut inflater = flate2::Decompress::new(false);
            assert_eq!(read_intact(&bytes, &entry, text.len() as u64, &mut inflater).as_deref(), Some(text.as_slice()));
            // The state is reused: a second entry reads the same.
            assert_eq!(read_intact(&bytes, &entry, text.len() as u64, &mut inflater).as_deref(), Some(text.as_slice()));
            assert_eq!(read_intact(&bytes, &StoredEntry { crc32: entry.crc32 ^ 1, ..entry }, text.len() as u64, &mut inflater), None);

            let mut bad_crc = bytes.clone();
            patch(&mut bad_crc, 14, 16, &(entry.crc32 ^ 1).to_le_bytes());
            let f = read_archive(&bad_crc, "/p", &ArchiveLimits::default(), false).unwrap_err();
            assert_eq!((f[0].code, f[0].message.as_str()), (codes::ZIP_CORRUPT, "Bad zip entry a.yaml: Invalid checksum"));
        }
    }

    /// F11: entries each below the per-entry ratio floor still fail the ratio summed
    /// over the archive, from the central directory (nothing inflated).
    #[test]
    fn the_ratio_is_checked_over_all_entries() {
        let zeros = alloc::vec![0u8; 600 << 10];
        let bomb = deflated(&[("a.yaml", zeros.clone()), ("b.yaml", zeros.clone()), ("c.yaml", zeros)]);
        let f = read_archive(&bomb, "/p", &ArchiveLimits::default(), false).unwrap_err();
        assert_eq!(f[0].code, codes::ZIP_RATIO);
        assert!(f[0].message.contains("over all entries"), "{}", f[0].message);
        // Below the floor in total: small, well-compressed packages pass.
        let small = deflated(&[("a.yaml", alloc::vec![b'a'; 100 << 10]), ("b.yaml", alloc::vec![b'b'; 100 << 10])]);
        assert!(read_archive(&small, "/p", &ArchiveLimits::default(), false).is_ok());
    }

    /// F11: two central-directory entries pointing at the same local entry.
    #[test]
    fn overlapping_entries_are_their_own_finding() {
        let mut bytes = build(&[("a.yaml", b"same"), ("b.yaml", b"same")]);
        // The second central header's local header offset (at +42) := 0, the first's.
        let second = bytes.windows(4).enumerate().filter(|(_, w)| *w == b"PK\x01\x02").nth(1).unwrap().0;
        bytes[second + 42..second + 46].copy_from_slice(&0u32.to_le_bytes());
        let f = read_archive(&bytes, "/p", &ArchiveLimits::default(), false).unwrap_err();
        assert_eq!(f[0].code, codes::ZIP_OVERLAP, "{}", f[0].message);
        assert_eq!(f[0].message, "Archive entries overlap (they share compressed bytes): a.yaml, b.yaml");
        let mut spans = alloc::vec![(0, 10, 0), (10, 20, 1), (20, 30, 2)];
        assert_eq!(overlapping(&mut spans), None);
        let mut spans = alloc::vec![(0, 30, 0), (10, 20, 1), (25, 40, 2)];
        assert_eq!(overlapping(&mut spans), Some((0, 1)));
    }
}
