//! ANIP trust-loop properties that a vector file cannot express: build-local
//! against the upstream-derived synthetic bundle, signing with fresh keys, every
//! digested field tampered, and oversized input.
use trustloop_conformance::{fixtures_dir, is_ci, repo_root};
use trustloop_core::api::anip::OutputFile;
use trustloop_core::api::{self, BuildLocalOptions, VerifyOptions};
use trustloop_core::api::digest::sha256_bytes;
use trustloop_core::api::json::{parse, to_pretty, Value};

fn build(definition: &[u8], options: &BuildLocalOptions) -> Vec<OutputFile> {
    api::anip_build_local(definition, options).expect("build-local succeeds")
}

fn bundle_of(files: &[OutputFile]) -> Vec<u8> {
    files.iter().find(|f| f.name.ends_with(".anip-package.json")).expect("bundle written").bytes.clone()
}

fn example_bundle() -> Vec<u8> {
    let def = std::fs::read(repo_root().join("examples/anip/order-desk-service-definition.json")).unwrap();
    let opts = BuildLocalOptions { package_id: "order-desk".into(), package_version: "1.0.0".into(), ..Default::default() };
    bundle_of(&build(&def, &opts))
}

fn failed_checks(v: &Value) -> Vec<String> {
    v.get("checks")
        .and_then(Value::as_array)
        .unwrap_or(&[])
        .iter()
        .filter(|c| c.str_at("status") == "fail")
        .map(|c| c.str_at("name").to_string())
        .collect()
}

/// sha256 of each file upstream's Go CLI (0.8.0 at 832f709) wrote for
/// `anip package build-local --definition current-runtime-service-definition.json
/// --package-id current-runtime-compat --package-version 0.1.0` (ANIP conformance corpus,
/// case `build-args-00-default`).
const UPSTREAM_CURRENT_RUNTIME_FILES: [(&str, &str); 4] = [
    ("current-runtime-compat-0.1.0-manifest.json", "b87eb61c74d708f943aac5c0d65a363d5c04e3db962d6098f3a1521da8b9d293"),
    ("current-runtime-compat-0.1.0-lock.json", "ec3e19ce7cb543f06db5c234c2428a5f448e087264157ff783d8a6cfb7e974c5"),
    ("current-runtime-compat-0.1.0.anip-package.json", "ca684973e8fa5071c318a5d0065a9650d61ac9dad393b58e4f12e3f7f3d4f0a2"),
    ("README.md", "47f277c6bb8313579b330549f13e0b2887d26080e12b2be8f4e777f79e754d7b"),
];

#[test]
fn build_local_writes_upstreams_bytes() {
    let dir = fixtures_dir().join("anip");
    if !dir.is_dir() {
        assert!(!is_ci(), "CI=true but fixtures folder {} is missing", dir.display());
        eprintln!("NOT RUN: build_local_writes_upstreams_bytes, fixtures folder missing ({})", dir.display());
        return;
    }
    let def = std::fs::read(dir.join("current-runtime-service-definition.json")).unwrap();
    let opts =
        BuildLocalOptions { package_id: "current-runtime-compat".into(), package_version: "0.1.0".into(), ..Default::default() };
    let files: Vec<(String, String)> =
        build(&def, &opts).iter().map(|f| (f.name.clone(), sha256_bytes(&f.bytes))).collect();
    let want: Vec<(String, String)> =
        UPSTREAM_CURRENT_RUNTIME_FILES.iter().map(|(n, h)| (n.to_string(), format!("sha256:{h}"))).collect();
    assert_eq!(files, want);
}

#[test]
fn a_fresh_key_signs_and_pinning_it_is_trusted() {
    let key = api::keygen("acme-2026").unwrap();
    let def = std::fs::read(repo_root().join("examples/anip/order-desk-service-definition.json")).unwrap();
    let opts = BuildLocalOptions {
        package_id: "order-desk".into(),
        package_version: "2.0.0".into(),
        generated_at: Some("2026-11-21T10:00:00+01:00".into()),
        signing_key: Some(key.str_at("private_key_seed").into()),
        signing_key_id: Some("acme-2026".into()),
        ..Default::default()
    };
    let bundle = bundle_of(&build(&def, &opts));
    let pinned = VerifyOptions {
        trusted_keys: vec![("acme-2026".into(), key.str_at("public_key").into())],
        ..Default::default()
    };
    let v = api::anip_verify_bundle(&bundle, None, &pinned).unwrap();
    assert_eq!(v.exit_code, 0, "{}", to_pretty(&v.result));
    assert_eq!(v.result.str_at("receipt_trust"), "pinned-key");
    assert_eq!(v.result.str_at("receipt_key_id"), "acme-2026");
    // Offsets are normalized to UTC whole seconds, as the Registry stores them.
    assert!(String::from_utf8_lossy(&bundle).contains("\"issued_at\": \"2026-11-21T09:00:00Z\""));
    // The development key is not trusted when only the fresh key is pinned.
    let dev_bundle = example_bundle();
    let v = api::anip_verify_bundle(&dev_bundle, None, &pinned).unwrap();
    assert_eq!(failed_checks(&v.result), ["bundle_registry_key_trusted"]);
}

/// Replaces the value at a `/`-separated path inside an object tree.
fn set_path(v: &mut Value, path: &str, new: Value) {
    let mut cur = v;
    let parts: Vec<&str> = path.split('/').collect();
    for (i, part) in parts.iter().enumerate() {
        let Value::Object(m) = cur else { panic!("{path}: not an object at {part}") };
        if i == parts.len() - 1 {
            assert!(m.contains_key(part), "{path}: no key {part}");
            m.insert(*part, new);
            return;
        }
        cur = m.get_mut(part).unwrap_or_else(|| panic!("{path}: no key {part}"));
    }
}

#[test]
fn tampering_any_digested_field_fails_the_right_check() {
    let original = parse(&example_bundle()).unwrap();
    // (path, expected outcome): a failed check name, or "hard:" + message prefix.
    let cases: &[(&str, &str)] = &[
        ("manifest/name", "bundle_manifest_digest_matches"),
        ("manifest/readme", "bundle_manifest_digest_matches"),
        ("manifest/service_ids", "bundle_manifest_digest_matches"),
        ("manifest/agent_consumability/schema_version", "hard:resolved package execution signature mismatch"),
        ("lock/generated_at", "hard:resolved package execution signature mismatch"),
        ("lock/capability_ids", "hard:resolved package execution signature mismatch"),
        ("service_definition/identity/domain_name", "hard:resolved package execution signature mismatch"),
        ("lineage/project_ref", "hard:resolved package execution signature mismatch"),
        ("package/package_id", "bundle_receipt_signature_valid"),
        ("package/package_version", "bundle_receipt_signature_valid"),
        ("package/contract_signature", "bundle_receipt_signature_valid"),
        ("package/manifest_digest", "bundle_manifest_digest_matches"),
        ("package/lock_digest", "bundle_lock_digest_matches"),
        ("package/definition_digest", "registry_definition_digest_matches"),
        ("package/package_execution_signature", "hard:resolved package execution signature mismatch"),
        ("package/publisher_id", "bundle_receipt_signature_valid"),
        ("receipt/issued_at", "bundle_receipt_signature_valid"),
    ];
    for (path, expected) in cases {
        let mut b = original.clone();
        let replacement = match b.get(path.split('/').next().unwrap()) {
            _ if path.ends_with("ids") => Value::Array(vec!["tampered".into()]),
            _ => Value::from("tampered-value"),
        };
        set_path(&mut b, path, replacement);
        let bytes = to_pretty(&b).into_bytes();
        match api::anip_verify_bundle(&bytes, None, &VerifyOptions::default()) {
            Ok(v) => {
                let failed = failed_checks(&v.result);
                assert!(!expected.starts_with("hard:"), "{path}: expected a hard error, got checks {failed:?}");
                assert_eq!(v.exit_code, 2, "{path}");
                assert!(failed.iter().any(|f| f == expected), "{path}: expected {expected} among {failed:?}");
            }
            Err(e) => {
                let prefix = expected.strip_prefix("hard:").unwrap_or_else(|| panic!("{path}: unexpected hard error {e}"));
                assert!(e.message().starts_with(prefix), "{path}: {e}");
            }
        }
    }
}

#[test]
fn oversized_strings_are_refused_cleanly() {
    let huge = "x".repeat(50 << 20);
    let bundle = format!("{{\"manifest\":{{\"readme\":\"{huge}\"}}}}");
    let err = api::anip_verify_bundle(bundle.as_bytes(), None, &VerifyOptions::default()).unwrap_err();
    assert_eq!(err.code(), "JSON_STRING_TOO_LONG");
    assert!(err.message().starts_with("decode package bundle: "), "{err}");
}
