//! Host IO never takes the host down (issue 9: F8, F11, F14; class M4 of issue 8): the
//! CLI run as a child process, its address space capped with `prlimit --as` wherever
//! the old behaviour was to read or inflate without bound. Under the cap such a run
//! dies (allocation failure, SIGABRT); a clean refusal exits 1 or 2 with its message.
//! Nothing here depends on timing.
use std::io::{Cursor, Write};
use std::process::{Command, Output};

use trustloop_core::api::json::{self, Value};

mod common;
use common::Temp;

/// Address space for one capped run: far below what the hostile inputs used to take
/// (3 GB, 268 MB, unbounded), well above what a clean refusal needs.
const CAP_BYTES: u64 = 128 << 20;

fn trustloop() -> &'static str {
    env!("CARGO_BIN_EXE_trustloop")
}

/// `trustloop ARGS` under `prlimit --as=CAP_BYTES`.
fn capped(args: &[&str]) -> Output {
    Command::new("prlimit")
        .arg(format!("--as={CAP_BYTES}"))
        .arg("--")
        .arg(trustloop())
        .args(args)
        .env_remove("ANIP_REGISTRY_PUBLISH_TOKEN")
        .output()
        .expect("run prlimit (util-linux)")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).trim_end().to_string()
}

/// A sparse file of `len` bytes: nothing on disk, `len` from `stat`.
fn sparse(path: &str, len: u64) {
    std::fs::File::create(path).expect("create").set_len(len).expect("set_len");
}

/// Every command that reads a whole JSON file, with `F` for the file.
const JSON_READERS: [&[&str]; 6] = [
    &["json", "digest", "F"],
    &["json", "canonicalize", "F"],
    &["anip", "verify", "--package-bundle", "F"],
    &["anip", "verify", "--definition", "F"],
    &["anip", "lint", "--package-bundle", "F"],
    &["anip", "lock", "write", "--package-bundle", "F", "-o", "OUT"],
];

fn with_file(args: &[&str], file: &str, out: &str) -> Vec<String> {
    args.iter().map(|a| if *a == "F" { file.to_string() } else if *a == "OUT" { out.to_string() } else { a.to_string() }).collect()
}

#[test]
fn f8_a_3_gib_file_is_refused_from_its_size_before_reading() {
    let t = Temp::new("sparse");
    let big = t.join("big.json");
    sparse(&big, 3 << 30);
    for args in JSON_READERS {
        let args = with_file(args, &big, &t.join("out.json"));
        let o = capped(&args.iter().map(String::as_str).collect::<Vec<_>>());
        let err = stderr(&o);
        assert!(matches!(o.status.code(), Some(1 | 2)), "{args:?}: {:?} {err}", o.status);
        assert!(err.contains(&format!("read {big}: file is larger than the input limit of 67108864 bytes")), "{args:?}: {err}");
    }
    let o = capped(&["anpkg", "validate", &big]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(stderr(&o), format!("Validation failed: Package file is larger than 268435456 bytes: {big}"));
}

#[test]
fn f8_a_device_or_a_pipe_is_read_through_the_cap() {
    for args in JSON_READERS {
        let args = with_file(args, "/dev/zero", "/dev/null");
        let o = capped(&args.iter().map(String::as_str).collect::<Vec<_>>());
        let err = stderr(&o);
        assert!(matches!(o.status.code(), Some(1 | 2)), "{args:?}: {:?} {err}", o.status);
        assert!(err.contains("read /dev/zero: file is larger than the input limit of 67108864 bytes"), "{args:?}: {err}");
    }
    // The limit is the user's: 1 KiB.
    let o = capped(&["--max-input-bytes", "1024", "json", "digest", "/dev/zero"]);
    assert_eq!(
        stderr(&o),
        "error: read JSON file: read /dev/zero: file is larger than the input limit of 1024 bytes (raise it with --max-input-bytes)"
    );
}

#[test]
fn f8_the_input_limit_is_a_flag() {
    let t = Temp::new("flag");
    let f = t.join("doc.json");
    std::fs::write(&f, br#"{"b": 1, "a": [true, null]}"#).expect("write");
    let o = capped(&["json", "digest", &f, "--max-input-bytes", "27"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = capped(&["json", "digest", &f, "--max-input-bytes", "26"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).ends_with("file is larger than the input limit of 26 bytes (raise it with --max-input-bytes)"), "{}", stderr(&o));
}

/// Every budget of docs/limits.md is `--limit NAME=N`; an unknown name or a nesting
/// budget above its ceiling is a usage error (exit 64, docs/exit-codes.md).
#[test]
fn budgets_are_set_with_limit() {
    let t = Temp::new("limit");
    let f = t.join("deep.json");
    std::fs::write(&f, b"[[1]]").expect("write");
    let o = capped(&["json", "digest", &f]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = capped(&["--limit", "json_depth=1", "json", "digest", &f]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("exceeded max depth"), "{}", stderr(&o));
    let o = capped(&["json", "digest", &f, "--limit", "input_bytes=4"]);
    assert!(stderr(&o).ends_with("file is larger than the input limit of 4 bytes (raise it with --max-input-bytes)"), "{}", stderr(&o));
    let o = capped(&["--limit", "no_such_limit=1", "json", "digest", &f]);
    assert_eq!(o.status.code(), Some(64));
    assert!(stderr(&o).contains("unknown limit \"no_such_limit\""), "{}", stderr(&o));
    let o = capped(&["--limit", "yaml_depth=1000", "json", "digest", &f]);
    assert_eq!(o.status.code(), Some(64));
    assert!(stderr(&o).contains("not raised above 200"), "{}", stderr(&o));
}

/// M4: a directory given as the file reads as Go's `os.ReadFile` fails on it.
#[test]
fn m4_a_directory_given_as_the_file_is_gos_read_error() {
    let t = Temp::new("dir");
    let dir = t.join("bundle.json");
    std::fs::create_dir(&dir).expect("mkdir");
    let o = capped(&["anip", "verify", "--package-bundle", &dir]);
    assert_eq!((o.status.code(), stderr(&o)), (Some(1), format!("read package bundle: read {dir}: is a directory")));
    let o = capped(&["anip", "lock", "write", "--package-bundle", &dir, "-o", &t.join("l.json")]);
    assert_eq!(stderr(&o), format!("read package bundle: read {dir}: is a directory"));
}

/// A zip of `count` deflated members of `size` zero bytes each, named
/// `providers/NNNN.yaml`: one member compressed once, its bytes copied `count` times.
fn zeros_zip(count: usize, size: usize) -> Vec<u8> {
    use zip::write::SimpleFileOptions;
    let mut one = zip::ZipWriter::new(Cursor::new(Vec::new()));
    one.start_file("zeros", SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated)).expect("start");
    one.write_all(&vec![0u8; size]).expect("write");
    let mut source = zip::ZipArchive::new(one.finish().expect("finish")).expect("reopen");
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..count {
        let member = source.by_index_raw(0).expect("member");
        w.raw_copy_file_rename(member, format!("providers/{i:04}.yaml")).expect("copy");
    }
    w.finish().expect("finish").into_inner()
}

fn validate_json(path: &str) -> (Option<i32>, Value) {
    let o = capped(&["anpkg", "validate", path, "--json"]);
    let v = json::parse(&o.stdout).unwrap_or_else(|e| panic!("{e}: {:?} {}", o.status, stderr(&o)));
    (o.status.code(), v)
}

/// F11: 255 members just below the 1 MiB per-member ratio floor (255 MiB from ~300 KB)
/// fail the ratio summed over the archive before anything is inflated.
#[test]
fn f11_the_ratio_is_summed_over_all_members_before_inflating() {
    let t = Temp::new("ratio");
    let pkg = t.join("bomb.anpkg");
    std::fs::write(&pkg, zeros_zip(255, (1 << 20) - 1)).expect("write");
    let (code, v) = validate_json(&pkg);
    assert_eq!(code, Some(1));
    assert_eq!(v.str_at("code"), "ANPKG_ZIP_COMPRESSION_RATIO", "{}", v.str_at("message"));
    assert!(v.str_at("message").contains("over all entries"), "{}", v.str_at("message"));
}

/// F11: 300 central-directory entries pointing at one compressed member.
#[test]
fn f11_overlapping_members_are_their_own_finding() {
    let t = Temp::new("overlap");
    let mut bytes = zeros_zip(300, (1 << 20) - 1);
    // Every central header's local-header offset (at +42) := the first member's (0).
    let central: Vec<usize> = bytes.windows(4).enumerate().filter(|(_, w)| *w == b"PK\x01\x02").map(|(i, _)| i).collect();
    assert_eq!(central.len(), 300);
    for at in central {
        bytes[at + 42..at + 46].copy_from_slice(&0u32.to_le_bytes());
    }
    let pkg = t.join("overlap.anpkg");
    std::fs::write(&pkg, bytes).expect("write");
    let (code, v) = validate_json(&pkg);
    assert_eq!(code, Some(1));
    assert_eq!(v.str_at("code"), "ANPKG_ZIP_OVERLAPPING_ENTRIES", "{}", v.str_at("message"));
    assert_eq!(v.str_at("message"), "Validation failed: Archive entries overlap (they share compressed bytes): providers/0000.yaml, providers/0001.yaml");
}

/// F14: the bearer token never travels in clear text to a host that is not loopback.
#[test]
fn f14_the_publish_token_needs_https_or_loopback() {
    let t = Temp::new("token");
    let bundle = t.join("b.json");
    std::fs::write(
        &bundle,
        r#"{"package": {"package_id": "demo", "package_version": "1.0.0", "project_ref": "p", "product_revision_ref": "prod",
            "developer_revision_ref": "dev", "contract_signature": "sha256:c"},
           "service_definition": {"identity": {"system_name": "Demo"}}, "manifest": {"readme": "x"},
           "lock": {"lock_kind": "publisher_recommended_lock"}}"#,
    )
    .expect("write");
    let r = format!("git+https://github.com/acme/glue.git@{}#sha256:{}", "0".repeat(40), "1".repeat(64));
    let o = capped(&[
        "anip", "attach-implementation", "--package-bundle", &bundle, "--package-version", "1.0.0", "--custom-code-bundle-ref", &r,
        "--registry-url", "http://registry.example", "--publish-token", "secret",
    ]);
    assert_eq!(
        (o.status.code(), stderr(&o)),
        (
            Some(2),
            "--registry-url http://registry.example: refusing to send the publish token over plain http to a non-loopback host; use https://"
                .to_string()
        )
    );
}

#[test]
fn the_cap_is_real() {
    // A run that needs more than the cap fails under it: the tests above would notice
    // an unbounded read or inflate.
    let o = capped(&["--max-input-bytes", &(1u64 << 30).to_string(), "json", "digest", "/dev/zero"]);
    assert_ne!(o.status.code(), Some(0));
    assert!(!stderr(&o).contains("larger than the input limit"), "{}", stderr(&o));
}
