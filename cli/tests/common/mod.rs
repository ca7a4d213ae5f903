//! What the CLI's integration tests share: repository paths and running the binary
//! with bytes on its standard input.
#![allow(dead_code)] // each test binary uses its own subset

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// A path below the repository root, as a string for the command line.
pub fn repo(rel: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join(rel).display().to_string()
}

/// Runs `trustloop args` with `input` on its standard input.
pub fn run_with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_trustloop"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run trustloop");
    let mut stdin = child.stdin.take().expect("stdin");
    // A refused input is not read to the end; the write may then see a closed pipe.
    let _ = stdin.write_all(input);
    drop(stdin);
    child.wait_with_output().expect("wait")
}

/// A fresh temporary directory, unique per process and call, removed on drop.
pub struct Temp(PathBuf);

impl Temp {
    pub fn new(tag: &str) -> Temp {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static N: AtomicUsize = AtomicUsize::new(0);
        let p = std::env::temp_dir().join(format!(
            "trustloop-cli-test-{tag}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).expect("temp dir");
        Temp(p)
    }

    pub fn path(&self) -> &std::path::Path {
        &self.0
    }

    /// The directory, as a string for the command line.
    pub fn s(&self) -> String {
        self.0.display().to_string()
    }

    /// `name` below the directory, as a string for the command line.
    pub fn join(&self, name: &str) -> String {
        self.0.join(name).display().to_string()
    }

    /// Writes `content` at `rel`, creating its parent directories.
    pub fn write(&self, rel: &str, content: &[u8]) {
        let p = self.0.join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, content).expect("write");
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
