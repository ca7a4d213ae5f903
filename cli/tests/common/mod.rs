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
