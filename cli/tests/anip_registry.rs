//! Registry sources end to end: a real HTTP server on 127.0.0.1 serves the recorded
//! registry responses (some edited here: tampered, yanked, deprecated), and the CLI
//! verifies them and writes lock files from them, with upstream's exit codes and texts.
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

use trustloop_core::api::json::{parse, to_pretty, Map, Value};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// Recorded responses of the example package (tests/examples/anip-registry/, written by
/// tests/vectors/anip-registry/generate.py): (record, receipt, keys).
fn published(scenario: &str) -> (Value, Value, Value) {
    let read = |name: &str| parse(&std::fs::read(repo().join(format!("tests/examples/anip-registry/{scenario}/{name}.json"))).unwrap()).unwrap();
    (read("download"), read("receipt"), read("keys"))
}

/// A loopback registry serving one package; records every request path.
struct Registry {
    base: String,
    paths: Arc<Mutex<Vec<String>>>,
}

fn serve(record: Value, receipt: Value, keys: Value) -> Registry {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let paths = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&paths);
    let bodies = [to_pretty(&record), to_pretty(&receipt), to_pretty(&keys)];
    std::thread::spawn(move || {
        // Bounded: a test makes at most a few dozen requests.
        for stream in listener.incoming().take(64) {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            if reader.read_line(&mut line).is_err() {
                continue;
            }
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).unwrap_or(0) == 0 || h == "\r\n" {
                    break;
                }
            }
            let path = line.split_whitespace().nth(1).unwrap_or("").to_string();
            seen.lock().unwrap().push(path.clone());
            let route = path.split('?').next().unwrap_or("");
            let body = match route {
                "/registry-api/v1/packages/order-desk/1.0.0/download" => Some(&bodies[0]),
                "/registry-api/v1/packages/order-desk/1.0.0/receipt" => Some(&bodies[1]),
                "/registry-api/v1/keys" => Some(&bodies[2]),
                _ => None,
            };
            let response = match body {
                Some(b) => format!("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{b}", b.len()),
                None => "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_string(),
            };
            let _ = stream.write_all(response.as_bytes());
        }
    });
    Registry { base, paths }
}

fn trustloop(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_trustloop")).args(args).output().unwrap()
}

fn json_out(out: &Output) -> Value {
    parse(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

fn failed(v: &Value) -> Vec<String> {
    v.get("checks").and_then(Value::as_array).unwrap().iter()
        .filter(|c| c.str_at("status") == "fail").map(|c| c.str_at("name").to_string()).collect()
}

fn verify(reg: &Registry, extra: &[&str]) -> Output {
    let mut args = vec!["anip", "verify", "--registry-url", &reg.base, "--package", "order-desk@1.0.0", "--json"];
    args.extend_from_slice(extra);
    trustloop(&args)
}

fn with_lifecycle(mut record: Value, lifecycle: Value) -> Value {
    if let Value::Object(m) = &mut record {
        m.insert("lifecycle", lifecycle);
    }
    record
}

#[test]
fn verifies_a_registry_package() {
    let (record, receipt, keys) = published("published");
    let reg = serve(record, receipt, keys);
    let out = verify(&reg, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v = json_out(&out);
    assert_eq!(v.str_at("source_kind"), "registry");
    assert_eq!(v.str_at("receipt_status"), "verified");
    assert_eq!(v.str_at("registry_signing_mode"), "dev");
    assert_eq!(v.str_at("registry_record_path"), format!("{}/registry-api/v1/packages/order-desk/1.0.0", reg.base));
    let names: Vec<String> = v.get("checks").and_then(Value::as_array).unwrap().iter().map(|c| c.str_at("name").to_string()).collect();
    for n in ["registry_package_identity_matches", "registry_manifest_digest_matches", "registry_receipt_signature_valid"] {
        assert!(names.iter().any(|x| x == n), "{n} missing from {names:?}");
    }
    assert!(!names.iter().any(|x| x.starts_with("bundle_")), "{names:?}");
    assert!(reg.paths.lock().unwrap().iter().all(|p| !p.contains("allow_yanked")));
}

#[test]
fn registry_lock_carries_the_registry_and_pins_a_republished_package() {
    let dir = tempdir();
    let lock = dir.join("order-desk.anip.lock.json");
    let (record, receipt, keys) = published("published");
    let reg = serve(record, receipt, keys);
    let out = trustloop(&["anip", "lock", "write", "--registry-url", &reg.base, "--package", "order-desk@1.0.0", "-o", lock.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let l = parse(&std::fs::read(&lock).unwrap()).unwrap();
    assert_eq!(l.str_at("source_kind"), "registry");
    assert_eq!(l.str_at("registry_url"), format!("{}/registry-api/v1", reg.base));
    assert_eq!(l.str_at("receipt_key_id"), "anip-registry-dev-ed25519-v1");
    assert_eq!(l.str_at("receipt_algorithm"), "ed25519");
    assert_eq!(l.str_at("registry_signing_mode"), "dev");
    // The lock alone names the registry and the package (ANIP-LOCK-3).
    let out = trustloop(&["anip", "verify", "--lock-file", lock.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    // A consistently re-published package passes trust checks but not the lock (ANIP-LOCK-6).
    let (record, receipt, keys) = published("republished");
    let republished = serve(record, receipt, keys);
    let out = trustloop(&["anip", "verify", "--registry-url", &republished.base, "--lock-file", lock.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(2));
    let v = json_out(&out);
    assert_eq!(failed(&v), ["package_lock_matches"]);
    let detail = v.get("checks").and_then(Value::as_array).unwrap().iter().find(|c| c.str_at("name") == "package_lock_matches").unwrap().str_at("detail").to_string();
    assert!(detail.starts_with("lock mismatch for manifest_digest: expected sha256:"), "{detail}");
}

#[test]
fn a_changed_record_fails_trust_checks() {
    let (mut record, receipt, keys) = published("published");
    if let Some(Value::Object(m)) = match &mut record { Value::Object(r) => r.get_mut("manifest"), _ => None } {
        m.insert("name", "Tampered Blueprint".into());
    }
    let reg = serve(record, receipt, keys);
    let out = verify(&reg, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(failed(&json_out(&out)), ["registry_manifest_digest_matches"]);
    let out = trustloop(&["anip", "lock", "write", "--registry-url", &reg.base, "--package", "order-desk@1.0.0", "-o", "-"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "registry package order-desk@1.0.0 failed trust verification: registry_manifest_digest_matches"
    );
}

#[test]
fn lifecycle_states() {
    let (record, receipt, keys) = published("published");
    let yanked = serve(with_lifecycle(record.clone(), Map::record().with("status", "yanked").into()), receipt.clone(), keys.clone());
    let out = verify(&yanked, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "registry package order-desk@1.0.0 is yanked; use --allow-yanked-package only for pinned historical reproduction"
    );
    let out = verify(&yanked, &["--allow-yanked-package"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(yanked.paths.lock().unwrap().iter().any(|p| p.ends_with("/download?allow_yanked=true")));

    let takedown = serve(with_lifecycle(record.clone(), Map::record().with("status", "takedown").into()), receipt.clone(), keys.clone());
    let out = verify(&takedown, &["--allow-yanked-package"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stderr).trim(), "registry package order-desk@1.0.0 is under takedown and cannot be used");

    let replacement = Map::record().with("package_id", "order-desk").with("package_version", "1.1.0");
    let deprecated = serve(
        with_lifecycle(record.clone(), Map::record().with("status", "deprecated").with("replacement", replacement).into()),
        receipt.clone(),
        keys.clone(),
    );
    let out = verify(&deprecated, &[]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        json_out(&out).str_at("package_lifecycle_warning"),
        "registry package order-desk@1.0.0 is deprecated; replacement=order-desk@1.1.0"
    );

    let odd = serve(with_lifecycle(record, Map::record().with("status", "frozen").into()), receipt, keys);
    let out = verify(&odd, &[]);
    assert_eq!(String::from_utf8_lossy(&out.stderr).trim(), "registry package order-desk@1.0.0 has unknown lifecycle status \"frozen\"");
}

#[test]
fn trust_policy_flags() {
    let (record, receipt, keys) = published("published");
    let reg = serve(record, receipt, keys);
    let out = verify(&reg, &["--require-registry-mode", "production"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(failed(&json_out(&out)), ["registry_trust_policy_signing_mode_matches"]);
    let out = verify(&reg, &["--require-registry-mode", " DEV "]);
    assert_eq!(out.status.code(), Some(0));
    let out = verify(&reg, &["--trusted-registry-key-id", "anip-protocol-registry-root-2026-q2"]);
    assert_eq!(failed(&json_out(&out)), ["registry_trust_policy_receipt_key_matches"]);
    let out = verify(&reg, &["--trusted-key", "anip-registry-dev-ed25519-v1=NZ8bIweTW/SJ14NTpSOCV/ITzTL7TIJP/Sl0CPAQV14="]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json_out(&out).str_at("receipt_trust"), "pinned-key");
}

#[test]
fn registry_errors_are_clean() {
    let (record, receipt, keys) = published("published");
    let reg = serve(record, receipt, keys);
    let out = trustloop(&["anip", "verify", "--registry-url", &reg.base, "--package", "missing@9.9.9"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("404"), "{}", String::from_utf8_lossy(&out.stderr));
    let out = trustloop(&["anip", "verify", "--registry-url", &reg.base, "--package", "no-version"]);
    assert_eq!(String::from_utf8_lossy(&out.stderr).trim(), "package reference must use package_id@package_version");
    let out = trustloop(&["anip", "verify", "--registry-url", &reg.base]);
    assert_eq!(String::from_utf8_lossy(&out.stderr).trim(), "package id and package version are required for registry resolution");
}

fn tempdir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("trustloop-registry-{}-{:?}", std::process::id(), std::thread::current().id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
