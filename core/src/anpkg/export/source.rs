//! Where the exporter's input comes from. The core never opens a file: the host
//! answers two questions through [`ProjectSource`], and applies its own policy
//! (containment, symlinks, size limits) while doing so. [`MapSource`] answers them
//! from in-memory maps, for the bindings and for tests.
use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;

use crate::diag::Error;

/// The two roots a behavior tree may come from (ANPKG-BT-2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Root {
    /// The project directory.
    Project,
    /// `DATA_ROOT`: the parent of the systems root (`<DATA_ROOT>/<systems>/<project>`).
    DataRoot,
}

/// The project's files, as the exporter asks for them.
pub trait ProjectSource {
    /// The bytes of the regular file at `path`, a path as written in the project
    /// (relative to the project directory, possibly with `.`/`..`, or absolute), or
    /// `None` when there is no regular file there. Upstream reads such a path
    /// wherever it points; a host may refuse paths outside the project with an error.
    fn read(&self, path: &str) -> Result<Option<Vec<u8>>, Error>;

    /// The behavior tree candidate `<root>/<raw>` when, with symlinks resolved, it
    /// is a regular file inside the project directory or inside the data root: the
    /// resolved file's name and its bytes. `None` otherwise.
    fn read_behavior(&self, root: Root, raw: &str) -> Result<Option<(String, Vec<u8>)>, Error>;
}

/// Lexically normalises a relative POSIX path: drops `.` and empty segments and
/// applies `..`. `None` when the path is absolute or climbs above its root.
pub fn normalize_relative(path: &str) -> Option<String> {
    if path.starts_with('/') {
        return None;
    }
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// In-memory project: files keyed by their path relative to the project
/// directory, and optionally files under the data root keyed relative to it.
/// Paths that leave the project (or the data root) find nothing: a map cannot
/// say where the project sits inside the data root.
#[derive(Clone, Debug, Default)]
pub struct MapSource {
    pub files: BTreeMap<String, Vec<u8>>,
    pub data_root_files: BTreeMap<String, Vec<u8>>,
}

impl MapSource {
    fn lookup(map: &BTreeMap<String, Vec<u8>>, path: &str) -> Option<Vec<u8>> {
        let key = normalize_relative(path)?;
        map.get(&key).cloned()
    }
}

impl ProjectSource for MapSource {
    fn read(&self, path: &str) -> Result<Option<Vec<u8>>, Error> {
        Ok(Self::lookup(&self.files, path))
    }

    fn read_behavior(&self, root: Root, raw: &str) -> Result<Option<(String, Vec<u8>)>, Error> {
        let map = match root {
            Root::Project => &self.files,
            Root::DataRoot => &self.data_root_files,
        };
        let Some(key) = normalize_relative(raw) else { return Ok(None) };
        let name = key.rsplit('/').next().unwrap_or("");
        Ok(map.get(&key).map(|bytes| (String::from(name), bytes.clone())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_stays_inside_the_root() {
        assert_eq!(normalize_relative("./a//b/../c.yaml").as_deref(), Some("a/c.yaml"));
        assert_eq!(normalize_relative("../a"), None);
        assert_eq!(normalize_relative("/etc/x"), None);
        assert_eq!(normalize_relative("a/../../b"), None);
    }
}
