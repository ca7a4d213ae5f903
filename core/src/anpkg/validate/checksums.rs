//! `meta/checksums.sha256` (ANPKG-VAL-C1..C7).
use alloc::collections::btree_map::{BTreeMap, Entry};
use alloc::format;
use alloc::vec::Vec;

use super::codes;
use super::documents::{py_strip, read_text};
use super::{Ctx, Stop};
use crate::emulate::python::repr::str_list_repr;
use crate::diag::Finding;

pub const CHECKSUM_FILE: &str = "meta/checksums.sha256";

pub fn check(ctx: &mut Ctx<'_>) -> Result<(), Stop> {
    let Some(bytes) = ctx.tree.read(CHECKSUM_FILE) else {
        return Ok(()); // reported by S4
    };
    let text = match read_text(bytes, CHECKSUM_FILE) {
        Ok(t) => t,
        Err(f) => return ctx.fail(f),
    };
    // C1–C4: parse lines; every path seen → its digest if listed (well-formed, not the
    // checksum file itself).
    let mut seen: BTreeMap<&str, Option<&str>> = BTreeMap::new();
    for (index, raw_line) in python_splitlines(&text).into_iter().enumerate() {
        let line = py_strip(raw_line);
        if line.is_empty() {
            continue;
        }
        let Some((digest, path)) = line.split_once("  ") else {
            ctx.fail(
                Finding::error(codes::CHECKSUM_LINE_FORMAT, format!("Invalid checksum line format at {CHECKSUM_FILE}:{}", index + 1))
                    .at_file(CHECKSUM_FILE),
            )?;
            continue;
        };
        let Entry::Vacant(slot) = seen.entry(path) else {
            ctx.fail(Finding::error(codes::CHECKSUM_DUPLICATE, format!("Duplicate checksum entry for {path}")).at_file(CHECKSUM_FILE))?;
            continue;
        };
        if digest.len() != 64 || !digest.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
            slot.insert(None);
            ctx.fail(Finding::error(codes::CHECKSUM_DIGEST_FORMAT, format!("Invalid sha256 digest for {path}")).at_file(CHECKSUM_FILE))?;
            continue;
        }
        slot.insert((path != CHECKSUM_FILE).then_some(digest));
    }
    let listed: Vec<(&str, &str)> = seen.into_iter().filter_map(|(path, digest)| Some((path, digest?))).collect();
    // C6: the listed set equals the discovered files (minus the checksum file).
    let files: Vec<(&str, &[u8])> = ctx.tree.files().into_iter().filter(|(p, _)| *p != CHECKSUM_FILE).collect();
    let discovered: Vec<&str> = files.iter().map(|(p, _)| *p).collect();
    let expected: Vec<&str> = listed.iter().map(|(path, _)| *path).collect();
    if expected != discovered {
        return ctx.fail(
            Finding::error(
                codes::CHECKSUM_SET_MISMATCH,
                format!(
                    "Checksum file entries do not match package contents: expected={}, discovered={}",
                    str_list_repr(&expected),
                    str_list_repr(&discovered)
                ),
            )
            .at_file(CHECKSUM_FILE),
        );
    }
    // C7: digests, in sorted path order: the listed paths are the files', in the same order.
    for ((path, bytes), (_, listed_digest)) in files.into_iter().zip(listed) {
        let actual = crate::digest::hex(&<sha2::Sha256 as sha2::Digest>::digest(bytes));
        if listed_digest != actual {
            ctx.fail(Finding::error(codes::CHECKSUM_MISMATCH, format!("Checksum mismatch for {path}")).at_file(path))?;
        }
    }
    Ok(())
}

/// Python `str.splitlines()` (after universal-newline translation).
pub fn python_splitlines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let is_break = matches!(c, '\n' | '\r' | '\x0b' | '\x0c' | '\x1c' | '\x1d' | '\x1e' | '\u{85}' | '\u{2028}' | '\u{2029}');
        if is_break {
            out.push(&text[start..i]);
            let mut end = i + c.len_utf8();
            if c == '\r' {
                if let Some((_, '\n')) = chars.peek() {
                    chars.next();
                    end += 1;
                }
            }
            start = end;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}
