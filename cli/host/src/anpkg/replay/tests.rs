use std::os::unix::process::CommandExt;

use super::sys::supervise;
use super::*;

#[test]
fn timeouts_print_like_the_cli() {
    assert_eq!(seconds(Duration::from_secs(30)), "30");
    assert_eq!(seconds(Duration::from_millis(1500)), "1.5");
}

#[test]
fn materialise_refuses_escaping_names() {
    let tree = Tree::from_entries("/p", vec![("../evil".to_string(), Entry::File(b"x".to_vec()))]);
    let root = std::env::temp_dir().join(format!("trustloop-host-replay-{}", std::process::id()));
    let err = materialise(&tree, &root).expect_err("escape");
    assert_eq!(err.code, codes::ZIP_UNSAFE_PATH);
    assert!(!root.exists());
}

#[test]
fn a_missing_runtime_binary_is_a_finding() {
    let err = run_replay(Path::new("/nonexistent-trustloop-runtime"), ReplayRoot::Archive(None), DEFAULT_CONFIG, DEFAULT_TIMEOUT, &[])
        .expect_err("missing");
    assert_eq!(err.code, codes::RUNTIME_BIN_NOT_FOUND);
}

fn scratch(name: &str) -> PathBuf {
    crate::scratch::scratch(&format!("replay-{name}"))
}

/// A runtime script in `dir` (a package root with nothing in it).
fn runtime(dir: &Path, body: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let bin = dir.join("runtime.sh");
    std::fs::write(&bin, format!("#!/bin/sh\n{body}\n")).expect("write");
    std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    bin
}

/// Whether `pid` still runs (a killed process may linger as a zombie until its
/// parent reaps it; that counts as gone). Waits for the kill to land, not for time
/// to pass: the loop ends as soon as the process is gone.
fn gone(pid: &str) -> bool {
    for _ in 0..500 {
        match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
            Err(_) => return true,
            Ok(stat) if stat.rsplit(')').next().is_some_and(|rest| rest.trim_start().starts_with('Z')) => return true,
            Ok(_) => std::thread::sleep(Duration::from_millis(10)),
        }
    }
    false
}

#[test]
fn f9_a_grandchild_holding_stdout_neither_outlives_nor_delays_the_replay() {
    let d = scratch("grandchild");
    let pidfile = d.join("pid");
    let bin = runtime(&d, &format!("sleep 1000 &\necho $! > {}\nexit 0", pidfile.display()));
    run_replay(&bin, ReplayRoot::Dir(&d), DEFAULT_CONFIG, DEFAULT_TIMEOUT, &[]).expect("passes");
    let pid = std::fs::read_to_string(&pidfile).expect("pid").trim().to_string();
    assert!(gone(&pid), "the runtime's background child {pid} survived the replay");
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn f9_the_timeout_kills_the_whole_process_group() {
    let d = scratch("timeout");
    let pidfile = d.join("pid");
    let bin = runtime(&d, &format!("sleep 1000 &\necho $! > {}\nsleep 1000", pidfile.display()));
    let err = run_replay(&bin, ReplayRoot::Dir(&d), DEFAULT_CONFIG, Duration::from_millis(300), &[]).expect_err("times out");
    assert_eq!(err.code, codes::REPLAY_TIMEOUT);
    let pid = std::fs::read_to_string(&pidfile).expect("pid").trim().to_string();
    assert!(gone(&pid), "the runtime's child {pid} survived the timeout");
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn f9_output_is_kept_up_to_the_cap_and_drained_past_it() {
    let mut child = Command::new("sh")
        .args(["-c", "head -c 5000000 /dev/zero; head -c 3000000 /dev/zero >&2; exit 1"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .expect("spawn");
    let (out, err, status) = supervise(&mut child, DEFAULT_TIMEOUT);
    assert_eq!((out.len(), err.len()), (max_output_bytes(), max_output_bytes()));
    assert_eq!(status.and_then(|s| s.code()), Some(1));
}

#[test]
fn f12_environment_from_an_allowlist_and_no_option_like_config() {
    let host = [("PATH", "/bin"), ("AWS_SECRET_ACCESS_KEY", "s"), ("LC_ALL", "C"), ("GITHUB_TOKEN", "t"), ("ANOLIS_WORKBENCH_RUNTIME_TOKEN", "w")]
        .map(|(k, v)| (std::ffi::OsString::from(k), std::ffi::OsString::from(v)));
    let names = |extra: &[String]| -> Vec<String> {
        replay_env(host.clone().into_iter(), extra).into_iter().map(|(k, _)| k.to_string_lossy().into_owned()).collect()
    };
    assert_eq!(names(&[]), ["PATH", "LC_ALL"]);
    let extra = ["GITHUB_TOKEN".to_string(), "ANOLIS_WORKBENCH_RUNTIME_TOKEN".to_string()];
    assert_eq!(names(&extra), ["PATH", "LC_ALL", "GITHUB_TOKEN"]);
    assert_eq!(config_argument("--version"), "./--version");
    assert_eq!(config_argument(DEFAULT_CONFIG), DEFAULT_CONFIG);
}

#[test]
fn f12_the_runtime_sees_only_the_allowlist() {
    let d = scratch("env");
    let bin = runtime(&d, "env > seen.txt; echo \"$1 $2\" > argv.txt");
    run_replay(&bin, ReplayRoot::Dir(&d), "-x.yaml", DEFAULT_TIMEOUT, &[]).expect("passes");
    let seen = std::fs::read_to_string(d.join("seen.txt")).expect("env");
    // `cargo test` runs this with CARGO_* set: none of it may reach the runtime.
    assert!(std::env::vars().any(|(k, _)| k.starts_with("CARGO_")), "the test needs a variable to withhold");
    assert!(!seen.contains("CARGO_"), "{seen}");
    assert!(seen.lines().any(|l| l.starts_with("PATH=")), "{seen}");
    assert_eq!(std::fs::read_to_string(d.join("argv.txt")).expect("argv"), "--check-config ./-x.yaml\n");
    let _ = std::fs::remove_dir_all(&d);
}
