//! End-to-end tests of `trustloop anip verify` and `lock write` output contracts:
//! upstream's document under upstream's flags, trustloop's fields only on request,
//! the summary naming the signer, Go's answer to unknown flags.
use std::path::PathBuf;
use std::process::{Command, Output};

use trustloop_core::api::json::{self, Value};

mod common;
use common::repo;

const DEV_KEY: &str = "anip-registry-dev-ed25519-v1=NZ8bIweTW/SJ14NTpSOCV/ITzTL7TIJP/Sl0CPAQV14=";


fn example() -> String {
    repo("tests/examples/anip/order-desk-1.0.0.anip-package.json")
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_trustloop")).args(args).output().expect("run trustloop")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json_out(o: &Output) -> Value {
    json::parse(&o.stdout).expect("JSON on stdout")
}

#[test]
fn json_is_upstreams_document_unless_extensions_are_asked_for() {
    let bundle = example();
    let plain = run(&["anip", "verify", "--package-bundle", &bundle, "--json"]);
    assert_eq!(plain.status.code(), Some(0), "{}", stderr(&plain));
    assert!(json_out(&plain).get("receipt_trust").is_none());

    let extended = run(&["anip", "verify", "--package-bundle", &bundle, "--json", "--extended-report"]);
    assert_eq!(json_out(&extended).str_at("receipt_trust"), "bundle-embedded-key");
    // The extended report only adds: removing receipt_trust gives upstream's bytes back.
    let without = stdout(&extended).replace("  \"receipt_trust\": \"bundle-embedded-key\",\n", "");
    assert_eq!(without, stdout(&plain));

    let pinned = run(&["anip", "verify", "--package-bundle", &bundle, "--json", "--trusted-key", DEV_KEY]);
    assert_eq!(json_out(&pinned).str_at("receipt_trust"), "pinned-key");
}

#[test]
fn summary_names_the_signer_and_whether_it_is_trusted() {
    let bundle = example();
    let o = run(&["anip", "verify", "--package-bundle", &bundle]);
    let text = stdout(&o);
    assert!(text.contains("signed by           key anip-registry-dev-ed25519-v1: not pinned"), "{text}");
    let o = run(&["anip", "verify", "--package-bundle", &bundle, "--trusted-key", DEV_KEY]);
    assert!(stdout(&o).contains("key anip-registry-dev-ed25519-v1: trusted (pinned by you)"), "{}", stdout(&o));
    let local = repo("tests/examples/anip/strict-trust/local-receipt-probe.json");
    let o = run(&["anip", "verify", "--package-bundle", &local]);
    assert!(stdout(&o).contains("signed by           nobody: local sha256 receipt"), "{}", stdout(&o));
}

#[test]
fn empty_trust_store_is_refused() {
    let dir = std::env::temp_dir().join(format!("trustloop-verify-store-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let store = dir.join("store.json");
    std::fs::write(&store, br#"{"keys": [{"key_id": "k", "algorithm": "rsa", "public_key": "x"}]}"#).unwrap();
    let o = run(&["anip", "verify", "--package-bundle", &example(), "--trust-store", &store.display().to_string()]);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("has no ed25519 keys"), "{}", stderr(&o));
}

#[test]
fn unknown_flag_is_answered_as_gos_flag_package() {
    let o = run(&["anip", "attach-implementation", "--package-bundle", &example(), "--bogus"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.starts_with("flag provided but not defined: -bogus\nUsage:\n  anip package attach-implementation "), "{err}");
    assert!(err.contains("\nFlags:\n  -bundle-tree-sha256 string\n    \tExpected normalized"), "{err}");
    assert!(err.ends_with("  -registry-url string\n    \tRegistry base URL. When present, publish the new revision instead of only writing the request\n"));
    // trustloop's own flags are defined too; the first undefined one is named.
    let o = run(&["anip", "verify", "--json", "--package-bundle", &example(), "--nope=1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("flag provided but not defined: -nope\nUsage:\n  anip validate --definition <file> [flags]\n"));
    assert!(stderr(&o).contains("  -allow-yanked-package\n    \tAllow validating"));
    let o = run(&["anip", "build-local", "--bogus"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("flag provided but not defined: -bogus\nUsage:\n  anip package build-local --definition "));
    assert!(stderr(&o).ends_with("  -write-definition\n    \tAlso write <package-id>-<version>-service-definition.json\n"));
}

/// Go's `flag` package takes `-name` as well as `--name`, and reports its own parse errors.
#[test]
fn gos_flag_syntax_is_accepted_and_its_errors_are_gos() {
    let double = run(&["anip", "verify", "--package-bundle", &example(), "--lock-file", &repo("tests/examples/anip/order-desk-1.0.0.anip.lock.json"), "--json"]);
    assert_eq!(double.status.code(), Some(0), "{}", stderr(&double));
    let bundle = format!("-package-bundle={}", example());
    let single = run(&["anip", "verify", &bundle, "-lock-file", &repo("tests/examples/anip/order-desk-1.0.0.anip.lock.json"), "-json"]);
    assert_eq!((single.status.code(), stdout(&single), stderr(&single)), (Some(0), stdout(&double), String::new()));
    for (args, first_line) in [
        (&["anip", "verify", "--package-bundle"][..], "flag needs an argument: -package-bundle"),
        (&["anip", "verify", "---package-bundle", "x"][..], "bad flag syntax: ---package-bundle"),
        (&["anip", "build-local", "-definition", "d.json", "-package-id"][..], "flag needs an argument: -package-id"),
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).starts_with(&format!("{first_line}\nUsage:\n  anip ")), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn lock_write_refuses_malformed_material_metadata() {
    let mut bundle: Value = json::parse(&std::fs::read(example()).unwrap()).unwrap();
    if let Value::Object(top) = &mut bundle {
        if let Some(Value::Object(m)) = top.get_mut("manifest") {
            m.insert("custom_code_bundle_ref", Value::from(5.0));
        }
    }
    let dir = std::env::temp_dir().join(format!("trustloop-lock-materials-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("b.anip-package.json");
    std::fs::write(&path, json::to_pretty(&bundle)).unwrap();
    let lock = dir.join("out.lock.json");
    let o = run(&["anip", "lock", "write", "--package-bundle", &path.display().to_string(), "-o", &lock.display().to_string()]);
    let wrote = lock.exists();
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), "custom code bundle metadata at manifest.custom_code_bundle_ref must be a string, object, or array\n");
    assert!(!wrote);
}

/// `tests/examples/anip/strict-trust/` holds copies of the F7 reproducers (issue 9) so
/// that every host's vector runner can read them; they must stay byte-identical.
#[test]
fn strict_trust_examples_equal_the_hostile_reproducers() {
    let hostile = std::env::var("TRUSTLOOP_HOSTILE").map(PathBuf::from).unwrap_or_else(|_| PathBuf::from(repo("../shared/hostile")));
    if !hostile.is_dir() {
        assert!(std::env::var("CI").as_deref() != Ok("true"), "CI=true: hostile reproducers missing ({})", hostile.display());
        eprintln!("NOT RUN: hostile reproducers missing ({}); set TRUSTLOOP_HOSTILE", hostile.display());
        return;
    }
    let dir = PathBuf::from(repo("tests/examples/anip/strict-trust"));
    let mut compared = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let reproducer = hostile.join("anip").join(path.file_name().unwrap());
        assert_eq!(std::fs::read(&path).unwrap(), std::fs::read(&reproducer).unwrap(), "{} differs from {}", path.display(), reproducer.display());
        compared += 1;
    }
    assert_eq!(compared, 5);
}

#[test]
fn definition_with_bundle_verifies_the_definition_as_upstream_unless_refused() {
    let definition = repo("examples/anip/order-desk-service-definition.json");
    let tampered = repo("tests/examples/anip/tampered/signature-bit-flip.anip-package.json");
    // Upstream (ANIP-VER-2): the first of definition, bundle, registry wins; the bundle is not even read.
    let alone = run(&["anip", "verify", "--json", "--definition", &definition]);
    let both = run(&["anip", "verify", "--json", "--definition", &definition, "--package-bundle", &tampered]);
    assert_eq!(both.status.code(), Some(0));
    assert_eq!(stdout(&both), stdout(&alone));
    assert_eq!(stderr(&both), "");

    let refused = run(&["anip", "verify", "--json", "--refuse-ignored-sources", "--definition", &definition, "--package-bundle", &tampered]);
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(stdout(&refused), "");
    assert_eq!(stderr(&refused), "error: only one source can be verified: upstream verifies --definition and ignores --package-bundle\n");
    let registry = run(&["anip", "verify", "--refuse-ignored-sources", "--package-bundle", &tampered, "--registry-url", "http://127.0.0.1:9", "--package", "a@1"]);
    assert_eq!(registry.status.code(), Some(1));
    assert!(stderr(&registry).contains("upstream verifies --package-bundle and ignores the registry package"), "{}", stderr(&registry));
    // One source: the flag changes nothing.
    let one = run(&["anip", "verify", "--json", "--refuse-ignored-sources", "--definition", &definition]);
    assert_eq!(stdout(&one), stdout(&alone));
}
