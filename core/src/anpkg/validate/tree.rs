//! The package as the validator sees it: a read-only, in-memory file tree.
//!
//! Hosts build it from a zip archive (`archive.rs`, in memory, never extracted) or by
//! walking an extracted directory (CLI, Node, Python). Path references in the package
//! are resolved against it the way upstream's `(root / raw).resolve()` does on disk:
//! `..` is applied after symlinks are expanded, and a symlink whose target leaves the
//! root makes the reference escape (ANPKG-VAL-X3).
use alloc::collections::VecDeque;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

/// What a directory entry is, without following it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    File(Vec<u8>),
    Dir,
    /// A symbolic link: its raw target and what the host found when following it
    /// (needed for targets outside the package, which the tree does not hold).
    Symlink { target: String, followed: Followed },
    /// A FIFO, socket or device: exists, but is neither a file nor a directory.
    Other,
}

/// The result of following a symlink on the host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Followed {
    File(Vec<u8>),
    Dir,
    Missing,
    Other,
}

/// Where a reference lands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolved {
    /// Inside the root, as a normalised package-relative POSIX path ("" is the root).
    Inside(String),
    /// Outside the root.
    Outside,
}

/// The kind of what a path names after following symlinks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    File,
    Dir,
    Other,
    Missing,
}

/// A package file tree. Keys are package-relative POSIX paths without `.`/empty
/// components; parent directories of every entry are present as [`Entry::Dir`].
#[derive(Clone, Debug, Default)]
pub struct Tree {
    /// Absolute path of the (resolved) root as the host displays it; used in messages
    /// and to recognise symlinks that leave and re-enter the root.
    pub root: String,
    /// Sorted by path, each path once: built in one sort, looked up by binary search.
    entries: Vec<(String, Entry)>,
    /// How many entries are symlinks. Without any, resolution is lexical and file
    /// discovery needs no ancestor lookups (the usual package: from a zip archive).
    symlinks: usize,
}

const MAX_SYMLINKS: usize = 40;

impl Tree {
    /// A tree of `entries` (normalised paths; of a path given twice, the later entry)
    /// and their parent directories, listed or not (a zip archive need not list them).
    pub fn from_entries(root: impl Into<String>, mut entries: Vec<(String, Entry)>) -> Self {
        entries.retain(|(path, _)| !path.is_empty());
        sort_by_path(&mut entries);
        // Parents that are not entries. The paths under a directory are contiguous in
        // order, so a parent of (or above) the previous entry's needs no lookup.
        let mut unlisted = Vec::new();
        let mut last: Option<&str> = None;
        for (path, _) in &entries {
            let mut dir = path.as_str();
            while let Some(i) = dir.rfind('/') {
                dir = &dir[..i];
                let seen = last.is_some_and(|l| l == dir || l.strip_prefix(dir).is_some_and(|rest| rest.starts_with('/')));
                if seen || search_path(&entries, dir).is_ok() {
                    break;
                }
                unlisted.push((dir.to_string(), Entry::Dir));
            }
            last = path.rfind('/').map(|i| &path[..i]);
        }
        if !unlisted.is_empty() {
            entries.append(&mut unlisted);
            sort_by_path(&mut entries);
        }
        let symlinks = entries.iter().filter(|(_, e)| matches!(e, Entry::Symlink { .. })).count();
        Tree { root: root.into(), entries, symlinks }
    }

    pub fn get(&self, path: &str) -> Option<&Entry> {
        let at = search_path(&self.entries, path).ok()?;
        Some(&self.entries[at].1)
    }

    /// Entries in path order.
    pub fn entries(&self) -> impl Iterator<Item = (&String, &Entry)> {
        self.entries.iter().map(|(path, entry)| (path, entry))
    }

    /// `(root / raw).resolve()` relative to the root: symlinks inside the tree are
    /// expanded (up to 40, like the OS), `..` climbs the resolved path.
    pub fn resolve(&self, raw: &str) -> Resolved {
        let root: Vec<&str> = self.root.split('/').filter(|c| !c.is_empty()).collect();
        let mut cur: Vec<&str> = if raw.starts_with('/') { Vec::new() } else { root.clone() };
        let mut pending: VecDeque<&str> = components(raw).collect();
        let mut links = 0;
        while let Some(c) = pending.pop_front() {
            if c == ".." {
                cur.pop();
                continue;
            }
            cur.push(c);
            if self.symlinks == 0 {
                continue;
            }
            let Some(rel) = relative(&root, &cur) else { continue };
            if let Some(Entry::Symlink { target, .. }) = self.get(&rel) {
                links += 1;
                if links > MAX_SYMLINKS {
                    return Resolved::Outside;
                }
                cur.pop();
                if target.starts_with('/') {
                    cur.clear();
                }
                for (i, t) in components(target).enumerate() {
                    pending.insert(i, t);
                }
            }
        }
        match relative(&root, &cur) {
            Some(rel) => Resolved::Inside(rel),
            None => Resolved::Outside,
        }
    }

    /// What `root / rel` is after following symlinks (`Path.is_file()`/`is_dir()`).
    pub fn kind(&self, rel: &str) -> Kind {
        match self.resolve(rel) {
            Resolved::Inside(p) => self.kind_resolved(&p),
            // Outside the tree: only a direct symlink tells what the host saw.
            Resolved::Outside => match self.get(&normalise(rel)) {
                Some(Entry::Symlink { followed, .. }) => match followed {
                    Followed::File(_) => Kind::File,
                    Followed::Dir => Kind::Dir,
                    Followed::Other => Kind::Other,
                    Followed::Missing => Kind::Missing,
                },
                _ => Kind::Missing,
            },
        }
    }

    /// What the path `resolve` gave (`Resolved::Inside`) is: every symlink on it is
    /// already followed, so it is not resolved again.
    pub fn kind_resolved(&self, p: &str) -> Kind {
        if p.is_empty() {
            return Kind::Dir;
        }
        match self.get(p) {
            Some(Entry::File(_)) => Kind::File,
            Some(Entry::Dir) => Kind::Dir,
            Some(Entry::Other) => Kind::Other,
            Some(Entry::Symlink { .. }) | None => Kind::Missing,
        }
    }

    /// Upstream's file discovery (`rglob('*')` + `is_file()`): regular files and
    /// symlinks to files, symlinked directories not descended, with the bytes
    /// `read_bytes()` would return. Sorted by path string.
    pub fn files(&self) -> Vec<(&str, &[u8])> {
        let mut out = Vec::new();
        for (path, entry) in &self.entries {
            if self.under_symlinked_dir(path) {
                continue;
            }
            match entry {
                Entry::File(b) => out.push((path.as_str(), b.as_slice())),
                Entry::Symlink { followed: Followed::File(b), .. } => out.push((path.as_str(), b.as_slice())),
                _ => {}
            }
        }
        out
    }

    fn under_symlinked_dir(&self, path: &str) -> bool {
        if self.symlinks == 0 {
            return false;
        }
        let mut at = 0;
        while let Some(i) = path[at..].find('/') {
            if matches!(self.get(&path[..at + i]), Some(Entry::Symlink { .. })) {
                return true;
            }
            at += i + 1;
        }
        false
    }

    /// Names directly inside directory `dir` (no trailing slash), for `glob`.
    pub fn children(&self, dir: &str) -> Vec<&str> {
        let prefix = alloc::format!("{dir}/");
        let start = self.entries.partition_point(|(p, _)| p.as_str() < prefix.as_str());
        self.entries[start..]
            .iter()
            .map_while(|(p, _)| p.strip_prefix(prefix.as_str()))
            .filter(|rest| !rest.contains('/'))
            .collect()
    }

    /// Bytes of a file (following symlinks), for reading documents.
    pub fn read(&self, rel: &str) -> Option<&[u8]> {
        match self.resolve(rel) {
            Resolved::Inside(p) => match self.get(&p) {
                Some(Entry::File(b)) => Some(b),
                _ => None,
            },
            Resolved::Outside => match self.get(&normalise(rel)) {
                Some(Entry::Symlink { followed: Followed::File(b), .. }) => Some(b),
                _ => None,
            },
        }
    }
}

/// Positions of `keys` in sorted order, equal keys in their given order: where names
/// are checked for clashes (an archive's, the checksum file's, `uniqueItems`' strings),
/// one sort instead of an ordered map filled in order, a B-tree's worst case.
pub fn order(keys: &[&str]) -> Vec<usize> {
    crate::sort::positions(keys.len(), &mut |a, b| keys[a].cmp(keys[b]))
}

/// For each of `keys`, whether an equal key comes before it in the given order, from
/// their [`order`] `by_key` (equal keys sit together there, in their given order).
pub fn repeats(keys: &[&str], by_key: &[usize]) -> Vec<bool> {
    let mut repeated = alloc::vec![false; keys.len()];
    for pair in by_key.windows(2) {
        repeated[pair[1]] = keys[pair[0]] == keys[pair[1]];
    }
    repeated
}

/// Where `path` is in entries sorted by path (binary search).
fn search_path(entries: &[(String, Entry)], path: &str) -> Result<usize, usize> {
    entries.binary_search_by(|(p, _)| p.as_str().cmp(path))
}

/// Sorts entries by path; of equal paths, the later one is kept.
fn sort_by_path(entries: &mut Vec<(String, Entry)>) {
    crate::sort::sort_by(entries, |a, b| a.0.cmp(&b.0));
    entries.dedup_by(|later, kept| {
        let same = later.0 == kept.0;
        if same {
            core::mem::swap(later, kept);
        }
        same
    });
}

/// Path components without empty and `.` parts (pathlib's parsing).
fn components(raw: &str) -> impl Iterator<Item = &str> {
    raw.split('/').filter(|c| !c.is_empty() && *c != ".")
}

/// Lexically normalised relative path (no `..` handling): `./a//b` → `a/b`.
pub fn normalise(raw: &str) -> String {
    components(raw).collect::<Vec<_>>().join("/")
}

fn relative(root: &[&str], cur: &[&str]) -> Option<String> {
    if cur.len() < root.len() || cur[..root.len()] != *root {
        return None;
    }
    Some(cur[root.len()..].join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(root: &str, entries: &[(&str, Entry)]) -> Tree {
        Tree::from_entries(root, entries.iter().map(|(p, e)| (p.to_string(), e.clone())).collect())
    }

    #[test]
    fn resolution_follows_symlinks_then_dotdot() {
        let t = tree(
            "/tmp/pkg",
            &[
                ("providers/sim0.yaml", Entry::File(b"x".to_vec())),
                ("link", Entry::Symlink { target: "/etc/passwd".into(), followed: Followed::File(b"root".to_vec()) }),
                ("runtime/up", Entry::Symlink { target: "../providers".into(), followed: Followed::Dir }),
                ("back", Entry::Symlink { target: "../pkg/providers/sim0.yaml".into(), followed: Followed::File(b"x".to_vec()) }),
            ],
        );
        assert_eq!(t.resolve("runtime/../providers/sim0.yaml"), Resolved::Inside("providers/sim0.yaml".into()));
        assert_eq!(t.resolve("./providers//sim0.yaml"), Resolved::Inside("providers/sim0.yaml".into()));
        assert_eq!(t.resolve("../../outside.yaml"), Resolved::Outside);
        assert_eq!(t.resolve("../pkg/providers/sim0.yaml"), Resolved::Inside("providers/sim0.yaml".into()));
        assert_eq!(t.resolve("link"), Resolved::Outside);
        assert_eq!(t.kind("link"), Kind::File);
        assert_eq!(t.resolve("runtime/up/sim0.yaml"), Resolved::Inside("providers/sim0.yaml".into()));
        assert_eq!(t.resolve("back"), Resolved::Inside("providers/sim0.yaml".into()));
        assert_eq!(t.kind("providers"), Kind::Dir);
        assert_eq!(t.kind("providers\\sim0.yaml"), Kind::Missing);
        // What a resolved path is needs no second resolution: the same as `kind` of the raw path.
        for raw in ["back", "runtime/up", "runtime/up/sim0.yaml", "runtime", ".", "runtime/up/none.yaml"] {
            let Resolved::Inside(p) = t.resolve(raw) else { panic!("{raw} resolves outside") };
            assert_eq!(t.kind_resolved(&p), t.kind(raw), "{raw}");
        }
        assert_eq!(t.kind_resolved("runtime/up"), Kind::Missing); // a symlink itself: not followed again
        let files: Vec<&str> = t.files().into_iter().map(|(p, _)| p).collect();
        assert_eq!(files, ["back", "link", "providers/sim0.yaml"]);
        assert_eq!(t.children("providers"), ["sim0.yaml"]);
    }

    #[test]
    fn unlisted_parents_are_directories_and_a_repeated_path_keeps_its_last_entry() {
        let t = tree(
            "/r",
            &[
                ("x/y/z.yaml", Entry::File(b"1".to_vec())),
                ("a", Entry::File(b"2".to_vec())),
                ("x/y!/q", Entry::File(b"3".to_vec())),
                ("x/y/w", Entry::Symlink { target: "../y!".into(), followed: Followed::Dir }),
                ("x/y-1", Entry::Dir),
                ("x/y/v", Entry::File(b"4".to_vec())),
                ("a", Entry::File(b"5".to_vec())),
                ("p/q/r/s", Entry::File(b"6".to_vec())),
                ("", Entry::File(b"root".to_vec())),
            ],
        );
        let paths: Vec<&str> = t.entries().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, ["a", "p", "p/q", "p/q/r", "p/q/r/s", "x", "x/y", "x/y!", "x/y!/q", "x/y-1", "x/y/v", "x/y/w", "x/y/z.yaml"]);
        assert_eq!(t.get("a"), Some(&Entry::File(b"5".to_vec())));
        assert_eq!(t.get("x/y!"), Some(&Entry::Dir));
        assert_eq!(t.symlinks, 1);
        assert_eq!(t.resolve("x/y/w/q"), Resolved::Inside("x/y!/q".into()));
        assert_eq!(t.children("x"), ["y", "y!", "y-1"]);
        assert_eq!(t.children("x/y"), ["v", "w", "z.yaml"]);
    }

    #[test]
    fn without_symlinks_resolution_is_lexical() {
        let link = ("a/link", Entry::Symlink { target: "b".into(), followed: Followed::Dir });
        let t = tree("/tmp/pkg", &[("a/b/c.yaml", Entry::File(b"x".to_vec())), link.clone()]);
        assert_eq!(t.resolve("a/link/c.yaml"), Resolved::Inside("a/b/c.yaml".into()));
        // The symlink replaced by a file: nothing left to follow.
        let t = tree("/tmp/pkg", &[("a/b/c.yaml", Entry::File(b"x".to_vec())), link, ("a/link", Entry::File(b"y".to_vec()))]);
        assert_eq!(t.resolve("a/link/c.yaml"), Resolved::Inside("a/link/c.yaml".into()));
        assert_eq!(t.resolve("a/../../pkg/a/b/./c.yaml"), Resolved::Inside("a/b/c.yaml".into()));
        assert_eq!(t.resolve("a/../.."), Resolved::Outside);
        assert_eq!(t.kind("a/b"), Kind::Dir);
        assert_eq!(t.kind("a/b/c.yaml"), Kind::File);
        let files: Vec<&str> = t.files().into_iter().map(|(p, _)| p).collect();
        assert_eq!(files, ["a/b/c.yaml", "a/link"]);
    }
}
