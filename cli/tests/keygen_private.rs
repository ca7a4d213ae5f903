//! `trustloop keygen` never leaves the private key readable by others: `--output FILE`
//! creates a new 0600 file, and a regular file as stdout loses its group/other bits.
use std::fs::{File, OpenOptions, Permissions};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_trustloop")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("trustloop-keygen-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).expect("stat").permissions().mode() & 0o7777
}

/// Runs `sh -c SCRIPT` with $TRUSTLOOP set, so the shell creates files at `umask 000`.
fn shell(script: &str, dir: &Path) -> Output {
    Command::new("sh").arg("-c").arg(script).env("TRUSTLOOP", bin()).current_dir(dir).output().expect("run sh")
}

fn keygen_into(file: File, args: &[&str]) -> Output {
    Command::new(bin()).arg("keygen").args(args).stdout(Stdio::from(file)).output().expect("run trustloop")
}

#[test]
fn redirected_stdout_file_becomes_0600_at_umask_000() {
    let dir = temp_dir("stdout");
    let o = shell("umask 000 && \"$TRUSTLOOP\" keygen > key.env && \"$TRUSTLOOP\" keygen --json > key.json", &dir);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for name in ["key.env", "key.json"] {
        assert_eq!(mode(&dir.join(name)), 0o600, "{name}");
        assert!(std::fs::read_to_string(dir.join(name)).unwrap().contains("private_key"), "{name}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn modes_are_only_tightened() {
    let dir = temp_dir("tighten");
    for (before, after) in [(0o644, 0o600), (0o750, 0o600), (0o600, 0o600), (0o400, 0o400), (0o200, 0o200)] {
        let path = dir.join(format!("key-{before:o}"));
        let file = OpenOptions::new().create(true).append(true).open(&path).expect("create");
        // The descriptor stays writable whatever the mode becomes.
        std::fs::set_permissions(&path, Permissions::from_mode(before)).expect("chmod");
        let o = keygen_into(file, &[]);
        assert_eq!(o.status.code(), Some(0), "{before:o}: {}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(mode(&path), after, "{before:o}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn output_creates_a_new_0600_file_and_refuses_an_existing_one() {
    let dir = temp_dir("output");
    let o = shell("umask 000 && \"$TRUSTLOOP\" keygen --output new.env", &dir);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(String::from_utf8_lossy(&o.stdout), "wrote key pair: new.env\n");
    assert_eq!(mode(&dir.join("new.env")), 0o600);
    assert!(std::fs::read_to_string(dir.join("new.env")).unwrap().contains("private_key_seed="));

    std::fs::write(dir.join("old.env"), "precious\n").unwrap();
    std::fs::set_permissions(dir.join("old.env"), Permissions::from_mode(0o644)).unwrap();
    let o = shell("\"$TRUSTLOOP\" keygen --output old.env", &dir);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).starts_with("error: write old.env: "), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(std::fs::read_to_string(dir.join("old.env")).unwrap(), "precious\n");
    assert_eq!(mode(&dir.join("old.env")), 0o644);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_pipe_as_stdout_is_left_alone() {
    let o = Command::new(bin()).arg("keygen").output().expect("run trustloop");
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("key_id=trustloop-ed25519\nalgorithm=ed25519\n"));
}
