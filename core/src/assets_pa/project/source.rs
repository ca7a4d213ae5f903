//! How the packer sees an asset project: a read-only file-system abstraction, so the
//! core stays sans-IO. The CLI implements it over a directory (refusing symlinks);
//! bindings and tests use [`MemoryProject`].
use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;

use crate::diag::Finding;

/// Paths are relative POSIX paths from the project root (`assets/ui/asset.json`),
/// already validated by [`super::paths`].
pub trait ProjectSource {
    /// The bytes of a file, `Ok(None)` when it does not exist. Implementations refuse
    /// anything that is not a regular file inside the project (symlinks included) and
    /// files above [`max_input_file_bytes`], with a finding.
    fn read(&self, path: &str) -> Result<Option<Vec<u8>>, Finding>;

    /// Every directory under `assets/` (relative to `assets/`, e.g. `ui/font`) that
    /// holds an `asset.json`, excluding `assets/.prometeu`; any order.
    fn asset_roots(&self) -> Result<Vec<String>, Finding>;
}

/// Largest single project file the packer reads (budget `asset_file_bytes`, 16 MiB).
pub fn max_input_file_bytes() -> u64 {
    crate::budgets::Budget::AssetFileBytes.bytes()
}

/// An in-memory project: relative path → bytes.
#[derive(Clone, Debug, Default)]
pub struct MemoryProject {
    pub files: BTreeMap<String, Vec<u8>>,
}

impl MemoryProject {
    pub fn new(files: BTreeMap<String, Vec<u8>>) -> Self {
        MemoryProject { files }
    }
}

impl ProjectSource for MemoryProject {
    fn read(&self, path: &str) -> Result<Option<Vec<u8>>, Finding> {
        match self.files.get(path) {
            Some(b) if b.len() as u64 > max_input_file_bytes() => Err(Finding::error(
                crate::assets_pa::codes::PROJECT_LIMIT,
                alloc::format!("{path}: file exceeds {} bytes", max_input_file_bytes()),
            )
            .at_file(path)),
            other => Ok(other.cloned()),
        }
    }

    fn asset_roots(&self) -> Result<Vec<String>, Finding> {
        Ok(self
            .files
            .keys()
            .filter_map(|k| k.strip_prefix("assets/")?.strip_suffix("/asset.json").map(String::from))
            .filter(|root| root.split('/').next() != Some(".prometeu"))
            .collect())
    }
}
