//! `trustloop … | head`: a reader that closed the pipe ends output quietly (no panic,
//! no exit 101) and the command keeps its own exit code.
use std::process::{Command, Stdio};

mod common;
use common::repo;


/// Runs trustloop with stdout a pipe whose read end is closed before it starts, so
/// its first write fails with EPIPE whatever the timing.
fn run_into_closed_pipe(args: &[&str]) -> (Option<i32>, String) {
    let (reader, writer) = rustix::pipe::pipe().expect("pipe");
    drop(reader);
    let out = Command::new(env!("CARGO_BIN_EXE_trustloop"))
        .args(args)
        .stdout(Stdio::from(writer))
        .stderr(Stdio::piped())
        .output()
        .expect("run trustloop");
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn a_closed_stdout_ends_output_quietly_with_the_commands_own_exit_code() {
    let good = repo("tests/examples/anip/order-desk-1.0.0.anip-package.json");
    let tampered = repo("tests/examples/anip/tampered/signature-bit-flip.anip-package.json");
    let cases: &[(&[&str], i32)] = &[
        (&["anip", "verify", "--package-bundle", &good], 0),
        (&["anip", "verify", "--package-bundle", &good, "--json"], 0),
        (&["anip", "verify", "--package-bundle", &tampered], 2),
        (&["json", "canonicalize", &good], 0),
        (&["json", "digest", &good], 0),
        (&["keygen"], 0),
        (&["anpkg", "validate", "--json", &repo("tests/examples/anip")], 1),
        (&["completions", "bash"], 0),
    ];
    for (args, code) in cases {
        let (status, stderr) = run_into_closed_pipe(args);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(status, Some(*code), "{args:?}: {stderr}");
    }
}
