//! `-` names standard input wherever trustloop reads one input file, bounded by the
//! same byte budget as a file and readable once per run.
use std::process::{Command, Output};

use trustloop_core::api::json::{self, Value};

mod common;
use common::{repo, run_with_stdin};


fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_trustloop")).args(args).output().expect("run trustloop")
}

fn file(rel: &str) -> (String, Vec<u8>) {
    let path = repo(rel);
    let bytes = std::fs::read(&path).expect("fixture");
    (path, bytes)
}

#[test]
fn dash_reads_the_same_input_as_the_file() {
    let (good, good_bytes) = file("tests/examples/anip/order-desk-1.0.0.anip-package.json");
    let (tampered, tampered_bytes) = file("tests/examples/anip/tampered/signature-bit-flip.anip-package.json");
    let (pa, pa_bytes) = file("tests/vectors/assets-pa/files/v3.pa");
    let cases: &[(&[&str], &[&str], &[u8])] = &[
        (&["anip", "verify", "--json", "--package-bundle", &good], &["anip", "verify", "--json", "--package-bundle", "-"], &good_bytes),
        (&["anip", "verify", "--json", "--package-bundle", &tampered], &["anip", "verify", "--json", "--package-bundle", "-"], &tampered_bytes),
        (&["anip", "lint", "--package-bundle", &good], &["anip", "lint", "--package-bundle", "-"], &good_bytes),
        (&["json", "digest", &good], &["json", "digest", "-"], &good_bytes),
        (&["json", "canonicalize", &good], &["json", "canonicalize", "-"], &good_bytes),
        (&["assets-pa", "inspect", "--json", &pa], &["assets-pa", "inspect", "--json", "-"], &pa_bytes),
        (&["assets-pa", "verify", "--json", &pa], &["assets-pa", "verify", "--json", "-"], &pa_bytes),
    ];
    for (from_file, from_stdin, input) in cases {
        let mut expected = run(from_file);
        // The summary and the result name the input as given (`registry_record_path`).
        for path in [&good, &tampered, &pa] {
            expected.stdout = String::from_utf8_lossy(&expected.stdout).replace(path.as_str(), "-").into_bytes();
        }
        let got = run_with_stdin(from_stdin, input);
        assert_eq!(got.status.code(), expected.status.code(), "{from_stdin:?}: {}", String::from_utf8_lossy(&got.stderr));
        assert_eq!(String::from_utf8_lossy(&got.stdout), String::from_utf8_lossy(&expected.stdout), "{from_stdin:?}");
    }
}

#[test]
fn assets_pa_extract_reads_the_archive_from_stdin() {
    let (_, pa_bytes) = file("tests/vectors/assets-pa/files/v3.pa");
    let dir = std::env::temp_dir().join(format!("trustloop-stdin-extract-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let out = dir.join("font.bin");
    let o = run_with_stdin(&["assets-pa", "extract", "-", "--asset-id", "3", "-o", &out.display().to_string()], &pa_bytes);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let slice = std::fs::read(&out).expect("extracted");
    std::fs::remove_dir_all(&dir).ok();
    // Asset 3 is the first slice of the payload (offset 0, 34816 bytes; header ends at 674).
    assert_eq!(slice.as_slice(), &pa_bytes[674..674 + 34816]);
}

#[test]
fn stdin_is_bounded_by_the_input_budget() {
    let (_, good_bytes) = file("tests/examples/anip/order-desk-1.0.0.anip-package.json");
    let cap = (good_bytes.len() - 1).to_string();
    let o = run_with_stdin(&["--max-input-bytes", &cap, "json", "digest", "-"], &good_bytes);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains(&format!("standard input is larger than the input limit of {cap} bytes")), "{err}");
    let fits = (good_bytes.len()).to_string();
    assert_eq!(run_with_stdin(&["--max-input-bytes", &fits, "json", "digest", "-"], &good_bytes).status.code(), Some(0));
}

#[test]
fn stdin_serves_one_input_per_run() {
    let store = br#"{"keys": [{"key_id": "anip-registry-dev-ed25519-v1", "algorithm": "ed25519", "public_key": "NZ8bIweTW/SJ14NTpSOCV/ITzTL7TIJP/Sl0CPAQV14="}]}"#;
    let o = run_with_stdin(&["anip", "verify", "--trust-store", "-", "--package-bundle", "-"], store);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("standard input (-) was already read for another input"), "{err}");
}

#[test]
fn with_several_inputs_the_first_dash_gets_stdin() {
    let (good, bytes) = file("tests/examples/anip/order-desk-1.0.0.anip-package.json");
    for _ in 0..5 {
        let o = run_with_stdin(&["anip", "verify", "--json", "--package-bundle", "-", &good, "-"], &bytes);
        let text = String::from_utf8_lossy(&o.stdout).into_owned();
        let v = json::parse(text.as_bytes()).expect("a JSON array");
        let Value::Array(entries) = &v else { panic!("not an array: {text}") };
        assert_eq!(entries.len(), 3);
        assert!(entries[0].get("result").is_some(), "{text}");
        assert!(entries[1].get("result").is_some(), "{text}");
        let error = entries[2].get("error").and_then(|e| e.get("message")).and_then(Value::as_str).unwrap_or_default();
        assert!(error.contains("already read"), "{text}");
        assert_eq!(o.status.code(), Some(1));
    }
}
