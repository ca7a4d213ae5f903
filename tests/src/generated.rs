//! Files (or marked blocks of files) rendered from a core table: checked by a test,
//! rewritten by the same test with `TRUSTLOOP_BLESS=1`.
use std::path::Path;

/// `text` with the lines between the `start` and `end` marker lines replaced by `body`;
/// `None` when a marker is missing or out of order.
pub fn splice(text: &str, start: &str, end: &str, body: &str) -> Option<String> {
    let open = text.find(&format!("{start}\n"))? + start.len() + 1;
    let close = open + text[open..].find(end)?;
    Some(format!("{}{body}{}", &text[..open], &text[close..]))
}

/// Passes when `path` holds `want`; with `TRUSTLOOP_BLESS=1` writes `want` there first.
/// The error names the first differing line and how to regenerate.
pub fn check_or_bless(path: &Path, want: &str, regenerate: &str) -> Result<(), String> {
    if std::env::var_os("TRUSTLOOP_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(path, want).map_err(|e| format!("write {}: {e}", path.display()))?;
    }
    let have = std::fs::read_to_string(path).unwrap_or_default();
    if have == want {
        return Ok(());
    }
    let (n, (w, h)) = want
        .lines()
        .chain(std::iter::repeat(""))
        .zip(have.lines().chain(std::iter::repeat("")))
        .enumerate()
        .find(|(_, (w, h))| w != h)
        .unwrap_or((0, ("", "")));
    Err(format!(
        "{} is out of date (regenerate: {regenerate}); first difference at line {}:\n  expected: {w}\n  found:    {h}",
        path.display(),
        n + 1
    ))
}

#[cfg(test)]
mod tests {
    use super::splice;

    #[test]
    fn splice_replaces_only_between_the_markers() {
        let text = "a\n<!-- s -->\nold\n<!-- e -->\nb\n";
        assert_eq!(splice(text, "<!-- s -->", "<!-- e -->", "new\n").unwrap(), "a\n<!-- s -->\nnew\n<!-- e -->\nb\n");
        assert!(splice(text, "<!-- e -->", "<!-- s -->", "x").is_none());
        assert!(splice("a\n", "<!-- s -->", "<!-- e -->", "x").is_none());
    }
}
