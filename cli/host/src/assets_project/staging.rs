//! Staged outputs (PA-WRITE-2 step 7): every file is written into a staging directory
//! next to the output directory, then renamed into place only after the whole pack
//! succeeded. A failing pack removes the staging directory and leaves an existing
//! output directory exactly as it was.
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

pub struct Staging {
    dir: PathBuf,
    out: PathBuf,
    files: Vec<String>,
    promoted: bool,
}

impl Staging {
    /// Creates `<parent of out>/.<out name>.staging-<pid>-<n>` (pid and a per-process
    /// counter: two packs in one host process never share it).
    pub fn new(out: &Path) -> std::io::Result<Staging> {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)?;
        let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "build".into());
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = parent.join(format!(".{name}.staging-{}-{n}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir(&dir)?;
        Ok(Staging { dir, out: out.to_path_buf(), files: Vec::new(), promoted: false })
    }

    /// A new staged file (it will be promoted under the same name).
    pub fn create(&mut self, name: &str) -> std::io::Result<File> {
        self.files.push(name.to_string());
        File::create(self.dir.join(name))
    }

    pub fn write(&mut self, name: &str, bytes: &[u8]) -> std::io::Result<()> {
        let mut f = self.create(name)?;
        f.write_all(bytes)?;
        f.sync_all()
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// Moves every staged file into the output directory (same file system, so each
    /// rename is atomic), in staging order, then syncs the output directory once.
    pub fn promote(mut self) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.out)?;
        for name in &self.files {
            std::fs::rename(self.dir.join(name), self.out.join(name))?;
        }
        self.promoted = true;
        let _ = std::fs::remove_dir_all(&self.dir);
        crate::files::sync_dir(&self.out);
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.promoted {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}
