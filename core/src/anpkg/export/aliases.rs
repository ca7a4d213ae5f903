//! Detects YAML aliases that PyYAML would re-emit as anchors (`&id001` / `*id001`).
//!
//! `safe_load` turns an alias into a second reference to the *same* Python object;
//! `safe_dump` then writes an anchor for every object it meets twice, except the
//! scalars it never aliases (`None`, `str`, `bytes`, `bool`, `int`, `float`). So an
//! alias to a mapping, a sequence or a timestamp (`date`/`datetime`) changes the
//! exported bytes, and so does a merge (`<<: *base`) whose base holds such values
//! (the merged mapping shares them). trustloop's value tree has no shared nodes, so
//! such files are refused with an explicit error instead of being exported
//! differently (documented divergence). Aliases of other scalars, and merges of
//! mappings of such scalars, export identically.
use alloc::collections::BTreeMap;
use alloc::vec::Vec;

use saphyr_parser::{Event, Parser, ScalarStyle, Tag};

use crate::emulate::python::yaml::resolve::{self, resolve_scalar};

/// What an anchored node shares when aliased.
#[derive(Clone, Copy, Default)]
struct Shares {
    /// The node itself is an object PyYAML anchors (collection or timestamp).
    itself: bool,
    /// A direct key or value of it is (what a merge copies).
    children: bool,
}

enum Frame {
    Map { anchor: usize, shares: Shares, expecting_key: bool, merge_value: bool },
    Seq { anchor: usize, shares: Shares, merge_list: bool },
}

struct Scan {
    anchors: BTreeMap<usize, Shares>,
    stack: Vec<Frame>,
}

impl Scan {
    /// Whether the node about to complete is a merge source (`<<: *a` or
    /// `<<: [*a, *b]`).
    fn in_merge_position(&self) -> bool {
        match self.stack.last() {
            Some(Frame::Map { expecting_key: false, merge_value, .. }) => *merge_value,
            Some(Frame::Seq { merge_list, .. }) => *merge_list,
            _ => false,
        }
    }

    /// A child node of the top frame is complete.
    fn child_done(&mut self, shareable: bool, is_merge_key: bool) {
        match self.stack.last_mut() {
            Some(Frame::Map { shares, expecting_key, merge_value, .. }) => {
                shares.children |= shareable;
                if *expecting_key {
                    *merge_value = is_merge_key;
                }
                *expecting_key = !*expecting_key;
            }
            Some(Frame::Seq { shares, .. }) => shares.children |= shareable,
            None => {}
        }
    }

    fn collection_start(&mut self, anchor: usize, map: bool) {
        let merge_list = self.in_merge_position();
        let shares = Shares { itself: true, children: false };
        self.stack.push(if map {
            Frame::Map { anchor, shares, expecting_key: true, merge_value: false }
        } else {
            Frame::Seq { anchor, shares, merge_list }
        });
    }

    fn collection_end(&mut self) {
        let (anchor, shares) = match self.stack.pop() {
            Some(Frame::Map { anchor, shares, .. }) | Some(Frame::Seq { anchor, shares, .. }) => (anchor, shares),
            None => return,
        };
        if anchor != 0 {
            self.anchors.insert(anchor, shares);
        }
        self.child_done(true, false);
    }
}

fn is_timestamp(value: &str, style: ScalarStyle, tag: Option<&Tag>) -> bool {
    match tag {
        None => style == ScalarStyle::Plain && resolve_scalar(value) == resolve::TIMESTAMP,
        Some(t) if t.handle == "!" && t.suffix.is_empty() => resolve_scalar(value) == resolve::TIMESTAMP,
        Some(t) => (t.handle == "tag:yaml.org,2002:" || t.handle == "!!") && t.suffix == "timestamp",
    }
}

/// Whether `text` (already known to load) shares a collection or a timestamp.
pub fn has_shared_alias(text: &str) -> bool {
    let mut s = Scan { anchors: BTreeMap::new(), stack: Vec::new() };
    let mut parser = Parser::new_from_str(text);
    while let Some(Ok((event, _))) = parser.next_event() {
        match event {
            Event::MappingStart(anchor, _) => s.collection_start(anchor, true),
            Event::SequenceStart(anchor, _) => s.collection_start(anchor, false),
            Event::MappingEnd | Event::SequenceEnd => s.collection_end(),
            Event::Scalar(value, style, anchor, tag) => {
                let timestamp = is_timestamp(&value, style, tag.as_deref());
                if anchor != 0 {
                    s.anchors.insert(anchor, Shares { itself: timestamp, children: false });
                }
                let merge_key = tag.is_none() && style == ScalarStyle::Plain && value == "<<";
                s.child_done(timestamp, merge_key);
            }
            Event::Alias(id) => {
                let shares = s.anchors.get(&id).copied().unwrap_or_default();
                if if s.in_merge_position() { shares.children } else { shares.itself } {
                    return true;
                }
                s.child_done(shares.itself, false);
            }
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
        assert!(has_shared_alias("d: &d {n: 2024-01-01}\ne:\n  <<: [*d]\n"));
        assert!(!has_shared_alias("d: &d {n: 1, m: x}\ne:\n  <<: *d\n  z: 2\n"));
        assert!(!has_shared_alias("a: &x hello\nc: *x\nn: &n 5\nm: *n\n"));
        assert!(!has_shared_alias("a: &x '2024-01-01'\nc: *x\n"));
        assert!(!has_shared_alias("a: &x {b: 1}\n"));
    }
}
