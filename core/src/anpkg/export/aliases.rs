//! Detects YAML aliases that PyYAML would re-emit as anchors (`&id001` / `*id001`).
//!
//! `safe_load` turns an alias into a second reference to the *same* Python object;
//! `safe_dump` then writes an anchor for every object it meets twice, except the
//! scalars it never aliases (`None`, `str`, `bytes`, `bool`, `int`, `float`). So an
//! alias to a mapping, a sequence or a timestamp (`date`/`datetime`) changes the
//! exported bytes. trustloop's value tree has no shared nodes, so such files are
//! refused with an explicit error instead of being exported differently (documented
//! divergence). Aliases to other scalars and merge keys over scalars are fine.
use alloc::collections::BTreeSet;

use saphyr_parser::{Event, Parser, ScalarStyle};

use crate::anpkg::yaml::resolve::{self, resolve_scalar};

/// Whether `text` (already known to load) aliases a collection or a timestamp.
pub fn has_shared_alias(text: &str) -> bool {
    let mut shareable: BTreeSet<usize> = BTreeSet::new();
    let mut parser = Parser::new_from_str(text);
    while let Some(Ok((event, _))) = parser.next_event() {
        match event {
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) if anchor != 0 => {
                shareable.insert(anchor);
            }
            Event::Scalar(value, style, anchor, tag) if anchor != 0 => {
                let timestamp = match tag.as_deref() {
                    None => style == ScalarStyle::Plain && resolve_scalar(&value) == resolve::TIMESTAMP,
                    Some(t) if t.handle == "!" && t.suffix.is_empty() => resolve_scalar(&value) == resolve::TIMESTAMP,
                    Some(t) => {
                        (t.handle == "tag:yaml.org,2002:" || t.handle == "!!") && t.suffix == "timestamp"
                    }
                };
                if timestamp {
                    shareable.insert(anchor);
                }
            }
            Event::Alias(id) if shareable.contains(&id) => return true,
            Event::StreamEnd => break,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_aliases_pyyaml_would_anchor() {
        assert!(has_shared_alias("a: &x {b: 1}\nc: *x\n"));
        assert!(has_shared_alias("a: &x [1]\nc: *x\n"));
        assert!(has_shared_alias("a: &x 2024-01-01\nc: *x\n"));
        assert!(has_shared_alias("a: &x !!timestamp 2024-01-01\nc: *x\n"));
        assert!(has_shared_alias("d: &d {n: {a: 1}}\ne:\n  <<: *d\n"));
        assert!(!has_shared_alias("a: &x hello\nc: *x\nn: &n 5\nm: *n\n"));
        assert!(!has_shared_alias("a: &x '2024-01-01'\nc: *x\n"));
        assert!(!has_shared_alias("a: &x {b: 1}\n"));
    }
}
