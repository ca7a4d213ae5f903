//! The JS surface of the families beyond verify: implementation material, registry
//! sources, assets.pa and .anpkg — argument forms, option mapping, result shapes,
//! and agreement with the core called directly.
use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

use trustloop_core::api;
use trustloop_core::api::digest::sha256_bytes;
use trustloop_core::api::json::{self, Map, Value};

use super::{assert_code, vectors::to_value};

fn obj(json: &str) -> JsValue {
    js_sys::JSON::parse(json).expect("test JSON")
}

/// The JS result prints as the core's value does: same keys, same order, same numbers
/// (what the CLI's `--json` prints, modulo indentation).
#[track_caller]
fn assert_same_json(js: &JsValue, core: &Value) {
    let printed = js_sys::JSON::stringify(js).unwrap().as_string().unwrap();
    assert_eq!(printed, json::to_compact(core));
}

fn entry(path: &str, bytes: JsValue) -> JsValue {
    let e = Object::new();
    Reflect::set(&e, &"path".into(), &path.into()).unwrap();
    Reflect::set(&e, &"bytes".into(), &bytes).unwrap();
    e.into()
}

fn list(items: &[JsValue]) -> JsValue {
    items.iter().collect::<js_sys::Array>().into()
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

// ---- implementation material -------------------------------------------------

#[wasm_bindgen_test]
fn tree_digest_takes_every_bytes_form_and_agrees_with_the_core() {
    let text = "ALLOW = True\n";
    let forms: Vec<JsValue> = vec![
        text.into(),
        Uint8Array::from(text.as_bytes()).into(),
        Uint8Array::from(text.as_bytes()).buffer().into(),
    ];
    let core = api::anip_tree_digest(
        &[api::BundleEntry::file("src/policy.py", text.as_bytes().to_vec())],
        &api::TreeDigestOptions::default(),
    )
    .unwrap();
    for bytes in forms {
        let r = trustloop_wasm::tree_digest(list(&[entry("src/policy.py", bytes)]), JsValue::UNDEFINED).unwrap();
        assert_same_json(&r, &core);
    }
    // Key order as the CLI prints it (`anip bundle digest --json`).
    let r = trustloop_wasm::tree_digest(list(&[entry("a.py", "x".into())]), JsValue::UNDEFINED).unwrap();
    let keys: Vec<String> = Object::keys(r.unchecked_ref::<Object>()).iter().filter_map(|k| k.as_string()).collect();
    assert_eq!(keys, ["digest", "files"]);
}

#[wasm_bindgen_test]
fn tree_digest_options_are_mapped() {
    let two = list(&[entry("a.py", "a".into()), entry("b.py", "b".into())]);
    assert_code(trustloop_wasm::tree_digest(two.clone(), obj(r#"{"maxEntries":1}"#)), "TREE_TOO_MANY_ENTRIES");
    assert_code(trustloop_wasm::tree_digest(two.clone(), obj(r#"{"max_entries":1}"#)), "TREE_TOO_MANY_ENTRIES");
    assert_code(trustloop_wasm::tree_digest(two.clone(), obj(r#"{"applied":true}"#)), "APPLY_TARGET_REQUIRED");
    assert_code(trustloop_wasm::tree_digest(two.clone(), obj(r#"{"rootNam":"x"}"#)), "INVALID_OPTION");
    let applied = trustloop_wasm::tree_digest(two, obj(r#"{"applied":true,"target":"python","rootName":"bundle"}"#));
    assert!(applied.is_ok(), "{applied:?}");
}

#[wasm_bindgen_test]
fn symlinks_and_special_files_are_entries_too() {
    let link = obj(r#"{"path":"src/link.py","symlink":true}"#);
    assert_code(trustloop_wasm::tree_digest(list(&[link]), JsValue::UNDEFINED), "TREE_SYMLINK");
    let fifo = obj(r#"{"path":"src/pipe.py","special":true}"#);
    assert_code(trustloop_wasm::tree_digest(list(&[fifo]), JsValue::UNDEFINED), "TREE_SPECIAL_FILE");
}

#[wasm_bindgen_test]
fn malformed_entries_are_invalid_argument() {
    let bad: Vec<JsValue> = vec![
        obj("{}"),
        "a.py".into(),
        list(&[JsValue::NULL]),
        list(&[obj(r#"{"bytes":"x"}"#)]),
        list(&[obj(r#"{"path":1,"bytes":"x"}"#)]),
        list(&[obj(r#"{"path":"a.py"}"#)]),
        list(&[obj(r#"{"path":"a.py","bytes":7}"#)]),
        list(&[obj(r#"{"path":"a.py","symlink":"yes"}"#)]),
    ];
    for entries in bad {
        assert_code(trustloop_wasm::tree_digest(entries, JsValue::UNDEFINED), "INVALID_ARGUMENT");
    }
    // A sparse array with a huge length fails at its first hole, without allocating.
    let sparse = js_sys::Array::new();
    sparse.set_length(u32::MAX);
    assert_code(trustloop_wasm::tree_digest(sparse.into(), JsValue::UNDEFINED), "INVALID_ARGUMENT");
}

#[wasm_bindgen_test]
fn ref_check_result_and_errors() {
    let r = trustloop_wasm::ref_check(
        "git+https://github.com/acme/glue.git@0123456789abcdef0123456789abcdef01234567#sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
            .into(),
    )
    .unwrap();
    assert_eq!(to_value(&r).unwrap().str_at("kind"), "git");
    assert_code(trustloop_wasm::ref_check("git+https://github.com/acme/glue.git@main".into()), "REF_DIGEST_MISSING");
    assert_code(trustloop_wasm::ref_check(JsValue::from_f64(1.0)), "INVALID_ARGUMENT");
}

const FULL_BUNDLE: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/examples/anip-material/full-bundle.json"));
const PINNED_BUNDLE: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/examples/anip-tree/demo-bundle-pinned.json"));
const GIT_REF: &str = "git+https://github.com/acme/demo-glue.git@0123456789abcdef0123456789abcdef01234567#sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

#[wasm_bindgen_test]
fn attach_implementation_takes_entries_in_its_options() {
    let opts = || obj(&format!(r#"{{"packageVersion":"1.1.0","customCodeBundleRef":"{GIT_REF}"}}"#));
    let plain = to_value(&trustloop_wasm::attach_implementation(FULL_BUNDLE.into_js(), opts()).unwrap()).unwrap();
    assert_eq!(plain.str_at("package_version"), "1.1.0");
    // With the local bundle: its raw digest is computed and recorded.
    let with_tree = opts();
    Reflect::set(&with_tree, &"entries".into(), &list(&[entry("src/a.py", "x".into())])).unwrap();
    let r = to_value(&trustloop_wasm::attach_implementation(FULL_BUNDLE.into_js(), with_tree).unwrap()).unwrap();
    let digest = api::anip_tree_digest(&[api::BundleEntry::file("src/a.py", b"x".to_vec())], &Default::default()).unwrap();
    assert!(json::to_compact(&r).contains(digest.str_at("digest")), "{}", json::to_compact(&r));
    let bad = opts();
    Reflect::set(&bad, &"entries".into(), &"nope".into()).unwrap();
    assert_code(trustloop_wasm::attach_implementation(FULL_BUNDLE.into_js(), bad), "INVALID_ARGUMENT");
}

#[wasm_bindgen_test]
fn bundle_materials_report_and_lint_match_the_core() {
    let materials = trustloop_wasm::bundle_materials(PINNED_BUNDLE.into_js()).unwrap();
    assert_same_json(&materials, &api::anip_bundle_materials(PINNED_BUNDLE).unwrap());
    let lint = trustloop_wasm::lint(FULL_BUNDLE.into_js()).unwrap();
    assert_same_json(&lint, &api::anip_lint(FULL_BUNDLE).unwrap());
    // The pinned digest is enforced: a different tree is refused.
    let tree = list(&[entry("src/other.py", "print(1)\n".into())]);
    let r = trustloop_wasm::bundle_report(PINNED_BUNDLE.into_js(), tree, obj(r#"{"target":"python","bundlePath":"b"}"#));
    assert_code(r, "APPLY_DIGEST_MISMATCH");
}

trait IntoJs {
    fn into_js(self) -> JsValue;
}

impl IntoJs for &[u8] {
    fn into_js(self) -> JsValue {
        Uint8Array::from(self).into()
    }
}

// ---- registry sources --------------------------------------------------------

const DEFINITION: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/anip/order-desk-service-definition.json"));

/// The example package as a Registry serves it: (record, receipt, keys).
fn published() -> (Value, Value, Value) {
    let opts = api::BuildLocalOptions { package_id: "order-desk".into(), package_version: "1.0.0".into(), ..Default::default() };
    let files = api::anip_build_local(DEFINITION, &opts).unwrap();
    let bundle = json::parse(&files.iter().find(|f| f.name.ends_with(".anip-package.json")).unwrap().bytes).unwrap();
    let keys = Map::record()
        .with("signing_mode", "dev")
        .with("active_key_id", "anip-registry-dev-ed25519-v1")
        .with("items", bundle.get("registry_keys").unwrap().clone());
    (bundle.get("package").unwrap().clone(), bundle.get("receipt").unwrap().clone(), keys.into())
}

const PACKAGE_URL: &str = "http://registry.test/registry-api/v1/packages/order-desk/1.0.0";

fn responses(record: &Value, receipt: &Value, keys: &Value) -> JsValue {
    let r = Object::new();
    Reflect::set(&r, &"packageUrl".into(), &PACKAGE_URL.into()).unwrap();
    for (k, v) in [("download", record), ("receipt", receipt), ("keys", keys)] {
        Reflect::set(&r, &k.into(), &Uint8Array::from(json::to_pretty(v).as_bytes())).unwrap();
    }
    r.into()
}

fn failed_checks(v: &Value) -> Vec<String> {
    v.get("checks").and_then(Value::as_array).unwrap().iter().filter(|c| c.str_at("status") == "fail").map(|c| c.str_at("name").to_string()).collect()
}

#[wasm_bindgen_test]
fn verify_registry_responses_agrees_with_the_core() {
    let (record, receipt, keys) = published();
    let js = trustloop_wasm::verify_registry_responses(responses(&record, &receipt, &keys), JsValue::UNDEFINED).unwrap();
    let r = to_value(&js).unwrap();
    assert_eq!(r.str_at("status"), "ok", "{}", json::to_compact(&r));
    assert_eq!(r.str_at("source_kind"), "registry");
    assert_eq!(r.str_at("registry_record_path"), PACKAGE_URL);
    let bodies = [json::to_pretty(&record), json::to_pretty(&receipt), json::to_pretty(&keys)];
    let core = api::anip_verify_registry(
        &api::RegistryResponses { package_url: PACKAGE_URL, download: bodies[0].as_bytes(), receipt: bodies[1].as_bytes(), keys: bodies[2].as_bytes() },
        None,
        &Default::default(),
        &Default::default(),
    )
    .unwrap();
    assert_same_json(&js, &core.result);
}

#[wasm_bindgen_test]
fn registry_policy_and_verify_options_share_one_object() {
    let (record, receipt, keys) = published();
    let verify = |opts: &str| trustloop_wasm::verify_registry_responses(responses(&record, &receipt, &keys), obj(opts));
    // A policy refusal is a failed check; a verify option in the same object applies too.
    let r = to_value(&verify(r#"{"requireRegistryMode":"production","expectedContractSignature":"sha256:x"}"#).unwrap()).unwrap();
    let failed = failed_checks(&r);
    assert!(failed.iter().any(|c| c == "expected_contract_signature_matches"), "{failed:?}");
    assert!(failed.len() >= 2, "the registry mode check must fail too: {failed:?}");
    assert_code(verify(r#"{"allowYankedPackage":"yes"}"#), "INVALID_OPTION");
    assert_code(verify(r#"{"requireRegistryMod":"dev"}"#), "INVALID_OPTION");
    assert_code(trustloop_wasm::verify_registry_responses(obj(r#"{"packageUrl":"x"}"#), JsValue::UNDEFINED), "INVALID_ARGUMENT");
}

#[wasm_bindgen_test]
fn registry_tampering_and_lifecycle() {
    let (mut record, receipt, keys) = published();
    let mut tampered = record.clone();
    if let Value::Object(r) = &mut tampered {
        if let Some(Value::Object(m)) = r.get_mut("manifest") {
            m.insert("name", "Tampered".into());
        }
    }
    let r = trustloop_wasm::verify_registry_responses(responses(&tampered, &receipt, &keys), JsValue::UNDEFINED).unwrap();
    assert_eq!(failed_checks(&to_value(&r).unwrap()), ["registry_manifest_digest_matches"]);
    assert_code(trustloop_wasm::write_lock_registry_responses(responses(&tampered, &receipt, &keys), JsValue::UNDEFINED), "ANIP_REGISTRY_UNTRUSTED");

    if let Value::Object(m) = &mut record {
        m.insert("lifecycle", Map::record().with("status", "yanked").into());
    }
    let yanked = || responses(&record, &receipt, &keys);
    assert_code(trustloop_wasm::verify_registry_responses(yanked(), JsValue::UNDEFINED), "ANIP_REGISTRY_YANKED");
    let allowed = trustloop_wasm::verify_registry_responses(yanked(), obj(r#"{"allowYankedPackage":true}"#)).unwrap();
    assert_eq!(to_value(&allowed).unwrap().str_at("status"), "ok");
    let lock = trustloop_wasm::write_lock_registry_responses(yanked(), obj(r#"{"allowYankedPackage":true}"#)).unwrap();
    let lock = json::parse(&lock.to_vec()).unwrap();
    assert_eq!(lock.str_at("registry_url"), "http://registry.test/registry-api/v1");
    assert_eq!(lock.str_at("source_kind"), "registry");
}

// ---- assets.pa ---------------------------------------------------------------

fn glyph_spec() -> JsValue {
    obj(r#"{"tile_size":8,"tiles":[{"index":0,"pixels":"1234567812345678123456781234567812345678123456781234567812345678"}],"palettes":[{"index":0,"palette":[0,63488,2016,0,0,0,0,0,0,0,0,0,0,0,0,0]}]}"#)
}

#[wasm_bindgen_test]
fn assets_pa_round_trip_with_a_binary_payload() {
    let bank = trustloop_wasm::assets_pa_glyph_bank(glyph_spec()).unwrap();
    let payload: Uint8Array = get(&bank, "payload").dyn_into().unwrap();
    assert_eq!(get(&bank, "payload_sha256").as_string().unwrap(), sha256_bytes(&payload.to_vec()));
    let metadata = get(&bank, "metadata");

    // The same asset written from `glyph` and from the built payload bytes.
    let from_glyph = obj(r#"{"asset_id":0,"asset_name":"ui","bank_type":"GLYPH"}"#);
    Reflect::set(&from_glyph, &"glyph".into(), &glyph_spec()).unwrap();
    let from_bytes = obj(r#"{"asset_id":0,"asset_name":"ui","bank_type":"GLYPH"}"#);
    Reflect::set(&from_bytes, &"metadata".into(), &metadata).unwrap();
    Reflect::set(&from_bytes, &"payload".into(), &payload).unwrap();
    let a = trustloop_wasm::assets_pa_write(list(&[from_glyph]), obj("[0]")).unwrap().to_vec();
    let b = trustloop_wasm::assets_pa_write(list(std::slice::from_ref(&from_bytes)), obj("[0]")).unwrap().to_vec();
    assert_eq!(sha256_bytes(&a), sha256_bytes(&b));
    // The caller's entry still has its payload.
    assert!(get(&from_bytes, "payload").is_instance_of::<Uint8Array>());

    let archive: JsValue = Uint8Array::from(a.as_slice()).into();
    let read = trustloop_wasm::assets_pa_read(archive.clone()).unwrap();
    assert_same_json(&read, &api::assets_pa::read(&a).unwrap());
    let verify = to_value(&trustloop_wasm::assets_pa_verify(archive.clone()).unwrap()).unwrap();
    assert_eq!(verify.get("ok"), Some(&Value::Bool(true)));
    let slice = trustloop_wasm::assets_pa_extract(archive.clone(), JsValue::from_f64(0.0)).unwrap();
    assert_eq!(slice.to_vec(), payload.to_vec());
    assert_code(trustloop_wasm::assets_pa_extract(archive.clone(), JsValue::from_f64(0.5)), "INVALID_ARGUMENT");
    assert_code(trustloop_wasm::assets_pa_extract(archive.clone(), JsValue::from_f64(9.0)), "PA_EXTRACT_UNKNOWN_ASSET");

    let companions = trustloop_wasm::assets_pa_companions(archive.clone()).unwrap();
    let names: Vec<String> = Object::keys(&companions).iter().filter_map(|k| k.as_string()).collect();
    assert_eq!(names, ["asset_table.json", "preload.json"]);
    let check = trustloop_wasm::assets_pa_verify_companions(archive.clone(), get(&companions, "asset_table.json"), get(&companions, "preload.json"));
    assert_eq!(to_value(&check.unwrap()).unwrap().get("ok"), Some(&Value::Bool(true)));
    let check = trustloop_wasm::assets_pa_verify_companions(archive, "[]".into(), get(&companions, "preload.json"));
    assert_eq!(to_value(&check.unwrap()).unwrap().get("ok"), Some(&Value::Bool(false)));
}

/// Results are built as JS values without recursion and with own properties only: a
/// metadata object 5,000 levels deep with a `__proto__` key at the top reads back as
/// `JSON.parse` would give it, on WASM's 1 MB stack.
#[wasm_bindgen_test]
fn deep_results_and_proto_keys_convert_like_json_parse() {
    let bank = trustloop_wasm::assets_pa_glyph_bank(glyph_spec()).unwrap();
    let summary = to_value(&get(&bank, "metadata")).unwrap();
    let payload: String = get(&bank, "payload").dyn_into::<Uint8Array>().unwrap().to_vec().iter().map(|b| format!("{b:02x}")).collect();
    let mut metadata = json::to_compact(&summary);
    metadata.insert_str(1, &format!(r#""__proto__":{{"polluted":true}},"deep":{}1{},"#, "[".repeat(5000), "]".repeat(5000)));
    // Written by the core directly: the input side (JSON.stringify) is not what is tested.
    let entries = json::parse(format!(r#"[{{"asset_id":0,"asset_name":"ui","bank_type":"GLYPH","metadata":{metadata},"payload_hex":"{payload}"}}]"#).as_bytes()).unwrap();
    let archive: JsValue = Uint8Array::from(api::assets_pa::write_value(&entries, &json::parse(b"[0]").unwrap()).unwrap().as_slice()).into();
    let read = trustloop_wasm::assets_pa_read(archive).unwrap();
    let table = get(&read, "asset_table");
    let read_metadata = Reflect::get_u32(&table, 0).map(|e| get(&e, "metadata")).unwrap();
    assert!(Object::get_own_property_descriptor(read_metadata.unchecked_ref::<Object>(), &"__proto__".into()).is_object());
    assert_eq!(Object::get_prototype_of(&read_metadata), Object::get_prototype_of(&Object::new()));
    let mut depth = 0;
    let mut at = get(&read_metadata, "deep");
    while js_sys::Array::is_array(&at) {
        at = Reflect::get_u32(&at, 0).unwrap();
        depth += 1;
    }
    assert_eq!((depth, at.as_f64()), (5000, Some(1.0)));
}

#[wasm_bindgen_test]
fn assets_pa_write_refuses_two_payload_forms() {
    let e = obj(r#"{"asset_id":0,"asset_name":"ui","bank_type":"GLYPH","payload_hex":"00"}"#);
    Reflect::set(&e, &"payload".into(), &Uint8Array::from(&[0u8][..])).unwrap();
    assert_code(trustloop_wasm::assets_pa_write(list(&[e]), JsValue::UNDEFINED), "INVALID_ARGUMENT");
    assert_code(trustloop_wasm::assets_pa_write(obj("{}"), JsValue::UNDEFINED), "INVALID_ARGUMENT");
    assert_code(trustloop_wasm::assets_pa_write(list(&["x".into()]), JsValue::UNDEFINED), "INVALID_ARGUMENT");
}

#[wasm_bindgen_test]
fn assets_pa_pack_returns_the_report_and_the_files() {
    let files = Object::new();
    Reflect::set(&files, &"assets/.prometeu/index.json".into(), &r#"{"schema_version":1,"next_asset_id":0,"assets":[]}"#.into()).unwrap();
    let r = trustloop_wasm::assets_pa_pack_files(files.clone().into(), obj(r#"{"outDir":"out"}"#)).unwrap();
    let report_js = get(&r, "report");
    let report = to_value(&report_js).unwrap();
    let written = get(&r, "files");
    let names: Vec<String> = Object::keys(written.unchecked_ref::<Object>()).iter().filter_map(|k| k.as_string()).collect();
    if report.get("ok") == Some(&Value::Bool(true)) {
        assert!(names.iter().all(|n| n.starts_with("out/")), "{names:?}");
        assert!(names.iter().any(|n| n == "out/assets.pa"), "{names:?}");
    } else {
        assert!(names.is_empty());
    }
    let mut map = std::collections::BTreeMap::new();
    map.insert("assets/.prometeu/index.json".to_string(), br#"{"schema_version":1,"next_asset_id":0,"assets":[]}"#.to_vec());
    let core = api::assets_pa::pack(&map, &api::assets_pa::PackOptions { out_dir: "out".into() }).unwrap();
    assert_same_json(&report_js, &core.report);
    assert_code(trustloop_wasm::assets_pa_pack_files(files.into(), obj(r#"{"outDirectory":"x"}"#)), "INVALID_OPTION");
    assert_code(trustloop_wasm::assets_pa_pack_files(obj("[]"), JsValue::UNDEFINED), "INVALID_ARGUMENT");
}

// ---- .anpkg ------------------------------------------------------------------

/// The smallest project of the spec's Appendix A shape.
fn project() -> Object {
    let files = Object::new();
    for (path, text) in [
        ("machine-profile.yaml", "schema_version: 1\nmachine_id: demo\ndisplay_name: demo\nruntime_profiles:\n  manual: config/anolis-runtime.manual.yaml\nproviders:\n  sim0:\n    config: config/provider-sim.sim0.yaml\ncompatibility:\n  runtime:\n    config_contract: 01-runtime-config\n    http_contract: 02-runtime-http\n  providers:\n    sim0:\n      strategy: local-build\n      version: unspecified\n"),
        ("config/anolis-runtime.manual.yaml", "runtime:\n  name: anolis-main\nproviders:\n- id: sim0\n  command: ../sim/anolis-provider-sim\n  args:\n  - --config\n  - ../projects/demo/config/provider-sim.sim0.yaml\n"),
        ("config/provider-sim.sim0.yaml", "provider:\n  name: sim0\n"),
        ("workbench.json", r#"{"meta": {"created": "2026-04-16T19:01:02+00:00"}}"#),
    ] {
        Reflect::set(&files, &path.into(), &Uint8Array::from(text.as_bytes())).unwrap();
    }
    files
}

fn core_project() -> std::collections::BTreeMap<String, Vec<u8>> {
    let files = project();
    Object::keys(&files)
        .iter()
        .filter_map(|k| k.as_string())
        .map(|k| {
            let bytes = get(&files, &k).dyn_into::<Uint8Array>().unwrap().to_vec();
            (k, bytes)
        })
        .collect()
}

#[wasm_bindgen_test]
fn anpkg_export_then_validate() {
    let package = exported(project(), obj(r#"{"projectName":"demo"}"#)).unwrap();
    let mut core_opts = api::AnpkgExportOptions::default();
    core_opts.export.project_name = "demo".into();
    assert_eq!(package, api::anpkg_export(core_project(), &core_opts).unwrap(), "same bytes as the core");

    let with_report = trustloop_wasm::anpkg_export_files(project().into(), obj(r#"{"projectName":"demo"}"#)).unwrap();
    let report = to_value(&get(&with_report, "report")).unwrap();
    assert_eq!(report.str_at("sha256"), &sha256_bytes(&package)["sha256:".len()..]);
    assert_eq!(report.str_at("source_project"), "demo");
    assert_eq!(get(&with_report, "package").dyn_into::<Uint8Array>().unwrap().to_vec(), package);

    let archive: JsValue = Uint8Array::from(package.as_slice()).into();
    let v = to_value(&trustloop_wasm::anpkg_validate(archive.clone(), obj(r#"{"path":"/p/demo.anpkg"}"#)).unwrap()).unwrap();
    assert_eq!(v.get("valid"), Some(&Value::Bool(true)), "{}", json::to_compact(&v));
    assert_eq!(v.str_at("message"), "Package validation passed: /p/demo.anpkg");
    assert_eq!(v.get("replay").unwrap().str_at("status"), "not_requested");
    let v = to_value(&trustloop_wasm::anpkg_validate(archive, obj(r#"{"runtimeBin":"anolis-runtime"}"#)).unwrap()).unwrap();
    assert_eq!(v.get("replay").unwrap().str_at("status"), "unavailable");
}

/// The resource budgets (docs/limits.md): the same names as every host, set for the
/// module instance until reset; a per-call option still wins.
#[wasm_bindgen_test]
fn limits_are_listed_set_and_reset() {
    let limits = to_value(&trustloop_wasm::limits().unwrap()).unwrap();
    assert_eq!(limits.get("yaml_nodes"), Some(&Value::Number(1_000_000.0)));
    assert_eq!(limits.get("yaml_depth"), Some(&Value::Number(200.0)));
    let package: JsValue = Uint8Array::from(exported(project(), JsValue::UNDEFINED).unwrap().as_slice()).into();
    trustloop_wasm::set_limit("yaml_nodes".into(), 3.into()).unwrap();
    let v = to_value(&trustloop_wasm::anpkg_validate(package.clone(), JsValue::UNDEFINED).unwrap()).unwrap();
    trustloop_wasm::reset_limits();
    assert_eq!(v.str_at("code"), "ANPKG_YAML_LIMIT", "{}", json::to_compact(&v));
    trustloop_wasm::set_limit("zip_entries".into(), 2.into()).unwrap();
    let capped = to_value(&trustloop_wasm::anpkg_validate(package.clone(), JsValue::UNDEFINED).unwrap()).unwrap();
    let per_call = to_value(&trustloop_wasm::anpkg_validate(package.clone(), obj(r#"{"maxEntries":10000}"#)).unwrap()).unwrap();
    trustloop_wasm::reset_limits();
    assert_eq!(capped.str_at("code"), "ANPKG_ZIP_TOO_MANY_ENTRIES");
    assert_eq!(per_call.get("valid"), Some(&Value::Bool(true)), "{}", json::to_compact(&per_call));
    trustloop_wasm::set_limit("json_depth".into(), 1.into()).unwrap();
    let deep = trustloop_wasm::digest(Uint8Array::from(&b"[[1]]"[..]).into());
    trustloop_wasm::reset_limits();
    assert_code(deep, "JSON_TOO_DEEP");
    assert_code(trustloop_wasm::set_limit("no_such_limit".into(), 1.into()), "INVALID_OPTION");
    assert_code(trustloop_wasm::set_limit("yaml_depth".into(), 201.into()), "INVALID_OPTION");
    assert_code(trustloop_wasm::set_limit("yaml_nodes".into(), (-1).into()), "INVALID_ARGUMENT");
    let v = to_value(&trustloop_wasm::anpkg_validate(package, JsValue::UNDEFINED).unwrap()).unwrap();
    assert_eq!(v.get("valid"), Some(&Value::Bool(true)), "{}", json::to_compact(&v));
}

#[wasm_bindgen_test]
fn anpkg_options_and_failures() {
    let v = to_value(&trustloop_wasm::anpkg_validate("not a zip".into(), JsValue::UNDEFINED).unwrap()).unwrap();
    assert_eq!(v.str_at("code"), "ANPKG_NOT_A_ZIP");
    assert_code(trustloop_wasm::anpkg_validate("x".into(), obj(r#"{"maxEntriez":1}"#)), "INVALID_OPTION");
    let package = Uint8Array::from(exported(project(), JsValue::UNDEFINED).unwrap().as_slice());
    let v = to_value(&trustloop_wasm::anpkg_validate(package.into(), obj(r#"{"maxEntries":2}"#)).unwrap()).unwrap();
    assert_eq!(v.str_at("code"), "ANPKG_ZIP_TOO_MANY_ENTRIES");
    // A project without its profile is upstream's E1.
    let empty = Object::new();
    assert!(exported(empty, JsValue::UNDEFINED).is_err());
    assert_code(exported(project(), obj(r#"{"dataRootFiles":7}"#)), "INVALID_ARGUMENT");
    let data_root = obj("{}");
    Reflect::set(&data_root, &"behaviors/x.xml".into(), &"<root/>".into()).unwrap();
    let opts = obj("{}");
    Reflect::set(&opts, &"dataRootFiles".into(), &data_root).unwrap();
    assert!(exported(project(), opts).is_ok());
}

/// The package bytes of `anpkgExportFiles`.
fn exported(files: impl Into<JsValue>, opts: JsValue) -> Result<Vec<u8>, JsValue> {
    let out = trustloop_wasm::anpkg_export_files(files.into(), opts)?;
    Ok(get(&out, "package").dyn_into::<Uint8Array>()?.to_vec())
}
