//! `meta/checksums.sha256` (ANPKG-VAL-C1..C7).
use alloc::format;
use alloc::vec::Vec;

use super::codes;
use super::documents::{py_strip, read_text};
use super::tree::{order, repeats};
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
    // C1–C4, in line order: a malformed line, a path listed again (reported at each
    // later line), a malformed digest. Repeats are found by sorting the paths once.
    let mut paths: Vec<&str> = Vec::new();
    // (line index, the digest and the position of its path in `paths`; None: malformed)
    let lines: Vec<(usize, Option<(&str, usize)>)> = python_splitlines(&text)
        .into_iter()
        .enumerate()
        .map(|(index, raw)| (index, py_strip(raw)))
        .filter(|(_, line)| !line.is_empty())
        .map(|(index, line)| {
            let parsed = line.split_once("  ").map(|(digest, path)| {
                paths.push(path);
                (digest, paths.len() - 1)
            });
            (index, parsed)
        })
        .collect();
    let by_path = order(&paths);
    let repeated = repeats(&paths, &by_path);
    // Each path's digest, by the path's position: None when malformed or the checksum file.
    let mut digests: Vec<Option<&str>> = alloc::vec![None; paths.len()];
    for (index, parsed) in lines {
        let Some((digest, at)) = parsed else {
            ctx.fail(
                Finding::error(codes::CHECKSUM_LINE_FORMAT, format!("Invalid checksum line format at {CHECKSUM_FILE}:{}", index + 1))
                    .at_file(CHECKSUM_FILE),
            )?;
            continue;
        };
        let path = paths[at];
        if repeated[at] {
            ctx.fail(Finding::error(codes::CHECKSUM_DUPLICATE, format!("Duplicate checksum entry for {path}")).at_file(CHECKSUM_FILE))?;
            continue;
        }
        if digest.len() != 64 || !digest.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
            ctx.fail(Finding::error(codes::CHECKSUM_DIGEST_FORMAT, format!("Invalid sha256 digest for {path}")).at_file(CHECKSUM_FILE))?;
            continue;
        }
        digests[at] = (path != CHECKSUM_FILE).then_some(digest);
    }
    let listed: Vec<(&str, &str)> = by_path.into_iter().filter_map(|i| Some((paths[i], digests[i]?))).collect();
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anpkg::validate::{Entry, Options, Tree};
    use alloc::string::String;

    fn findings(sums: &str) -> Vec<(&'static str, String)> {
        let file = |path: &str, data: &[u8]| (String::from(path), Entry::File(data.to_vec()));
        let tree = Tree::from_entries("", alloc::vec![file(CHECKSUM_FILE, sums.as_bytes()), file("a.yaml", b"a"), file("b.yaml", b"b")]);
        let opts = Options { all: true, ..Options::default() };
        let mut ctx = Ctx { tree: &tree, opts: &opts, findings: Vec::new(), parsed: Default::default() };
        let _ = check(&mut ctx);
        ctx.findings.into_iter().map(|f| (f.code, f.message)).collect()
    }

    /// Line findings come in line order; a path listed again is reported at each later
    /// line, whatever its first line held; the set is checked with the first digests.
    #[test]
    fn line_findings_in_line_order() {
        let a = crate::digest::hex(&<sha2::Sha256 as sha2::Digest>::digest(b"a"));
        let b = crate::digest::hex(&<sha2::Sha256 as sha2::Digest>::digest(b"b"));
        let sums = format!("{b}  b.yaml\nno separator\n{a}  b.yaml\nxyz  a.yaml\n{a}  b.yaml\n{a}  {CHECKSUM_FILE}\n");
        let got = findings(&sums);
        let want = [
            (codes::CHECKSUM_LINE_FORMAT, format!("Invalid checksum line format at {CHECKSUM_FILE}:2")),
            (codes::CHECKSUM_DUPLICATE, String::from("Duplicate checksum entry for b.yaml")),
            (codes::CHECKSUM_DIGEST_FORMAT, String::from("Invalid sha256 digest for a.yaml")),
            (codes::CHECKSUM_DUPLICATE, String::from("Duplicate checksum entry for b.yaml")),
            (codes::CHECKSUM_SET_MISMATCH, String::from("Checksum file entries do not match package contents: expected=['b.yaml'], discovered=['a.yaml', 'b.yaml']")),
        ];
        assert_eq!(got, want);
        // Listed in any order, each once: no finding.
        assert_eq!(findings(&format!("{b}  b.yaml\n\n{a}  a.yaml\n{a}  {CHECKSUM_FILE}\n")), []);
        // A wrong digest is found in path order.
        let got = findings(&format!("{a}  b.yaml\n{b}  a.yaml\n"));
        assert_eq!(got.iter().map(|(_, m)| m.as_str()).collect::<Vec<_>>(), ["Checksum mismatch for a.yaml", "Checksum mismatch for b.yaml"]);
    }
}
