//! Property tests (proptest) over the public API, issue 9 item 7:
//!
//! * canonical JSON is idempotent in every mode, and Go-compatible: for generated
//!   values where the two agree by construction (integers within ±2^53, strings
//!   without characters Go escapes differently), digest mode equals serde_json's
//!   sorted compact output, which is what Go's `json.Marshal` of a
//!   `map[string]any` writes with HTML escaping off; numbers survive exactly;
//! * `assets.pa` write → read → extract round-trips every entry;
//! * `.anpkg` export of a generated valid project always validates;
//! * the raw tree digest does not depend on the order the host lists entries in.
//!
//! Case counts are modest so `cargo test` stays fast; `PROPTEST_CASES=N` raises them.
#![forbid(unsafe_code)]
use std::collections::BTreeMap;

use proptest::prelude::*;
use proptest::test_runner::Config;
use trustloop_conformance::repo_root;
use trustloop_core::api::{self, assets_pa, AnpkgExportOptions, AnpkgValidateOptions, BundleEntry, TreeDigestOptions};
use trustloop_core::api::json::Value;

fn config(cases: u32) -> Config {
    // No regression files written into the source tree; failures print the minimal input.
    Config {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(cases),
        failure_persistence: None,
        ..Config::default()
    }
}

// ---------------------------------------------------------------------------------
// Canonical JSON
// ---------------------------------------------------------------------------------

/// Strings whose JSON encoding is the same in Go (HTML escaping off) and serde_json:
/// no control characters (Go writes `\u0008`/`\u000c` where serde_json writes `\b`/`\f`),
/// no U+2028/U+2029 (Go escapes them).
fn plain_string() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9_ .:/@#$%^*()+=-]{0,12}",
        "[\\PC&&[^\u{2028}\u{2029}]]{0,8}",
        Just(String::from("\"quoted\" \\ back")),
        Just(String::from("<&>")),
    ]
}

fn json_value(any_numbers: bool) -> impl Strategy<Value = serde_json::Value> {
    let number = if any_numbers {
        prop_oneof![
            (-(1i64 << 53)..=(1i64 << 53)).prop_map(serde_json::Value::from),
            any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(serde_json::Value::from),
        ]
        .boxed()
    } else {
        (-(1i64 << 53)..=(1i64 << 53)).prop_map(serde_json::Value::from).boxed()
    };
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        number,
        plain_string().prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            prop::collection::btree_map(plain_string(), inner, 0..6)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn canonical_json_is_idempotent(v in json_value(true), pretty in any::<bool>()) {
        let text = if pretty { serde_json::to_vec_pretty(&v).unwrap() } else { serde_json::to_vec(&v).unwrap() };
        for mode in ["digest", "signature", "jcs"] {
            let once = api::canonical_json(&text, mode).unwrap();
            let twice = api::canonical_json(&once, mode).unwrap();
            prop_assert_eq!(&once, &twice, "mode {}", mode);
            // Same value after canonicalisation (numbers exactly, as f64).
            let back: serde_json::Value = serde_json::from_slice(&once).unwrap();
            prop_assert!(json_eq_f64(&v, &back), "mode {}: {} became {}", mode, v, String::from_utf8_lossy(&once));
        }
        prop_assert_eq!(api::json_digest(&text).unwrap(), api::json_digest(&api::canonical_json(&text, "digest").unwrap()).unwrap());
    }

    #[test]
    fn canonical_json_digest_mode_matches_go_sorted_compact(v in json_value(false)) {
        let text = serde_json::to_vec_pretty(&v).unwrap();
        // serde_json's Map is a BTreeMap: keys sorted by bytes, as Go sorts map keys.
        let go = serde_json::to_string(&v).unwrap();
        let ours = String::from_utf8(api::canonical_json(&text, "digest").unwrap()).unwrap();
        prop_assert_eq!(&ours, &go);
        // Signature mode is json.Marshal: the same bytes with <, > and & escaped.
        let sig = String::from_utf8(api::canonical_json(&text, "signature").unwrap()).unwrap();
        let go_sig = go.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026");
        prop_assert_eq!(sig, go_sig);
    }
}

/// Equality with numbers compared as f64 (the canonical form keeps the f64 value).
fn json_eq_f64(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value as J;
    match (a, b) {
        (J::Number(x), J::Number(y)) => x.as_f64() == y.as_f64(),
        (J::Array(x), J::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| json_eq_f64(p, q)),
        (J::Object(x), J::Object(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| json_eq_f64(v, w))),
        _ => a == b,
    }
}

// ---------------------------------------------------------------------------------
// assets.pa
// ---------------------------------------------------------------------------------

/// One GLYPH bank to write: the JSON input form of `glyph_bank` (tiles of palette
/// indices as hex digits, RGB565 palettes). `SOUNDS` has no writer yet.
#[derive(Clone, Debug)]
struct PaEntry {
    id: i64,
    name: String,
    glyph: serde_json::Value,
    preload: bool,
}

fn glyph_spec() -> impl Strategy<Value = serde_json::Value> {
    prop::sample::select(vec![8usize, 16, 32]).prop_flat_map(|side| {
        (
            prop::collection::vec(prop::collection::vec(0u8..16, side * side), 1..4),
            prop::collection::vec(prop::collection::vec(any::<u16>(), 16), 1..3),
        )
            .prop_map(move |(tiles, palettes)| {
                let tiles: Vec<serde_json::Value> = tiles
                    .iter()
                    .enumerate()
                    .map(|(i, px)| serde_json::json!({"index": i, "pixels": px.iter().map(|p| format!("{p:x}")).collect::<String>()}))
                    .collect();
                let palettes: Vec<serde_json::Value> =
                    palettes.iter().enumerate().map(|(i, pal)| serde_json::json!({"index": i, "palette": pal})).collect();
                serde_json::json!({"tile_size": side, "tiles": tiles, "palettes": palettes})
            })
    })
}

fn pa_entries() -> impl Strategy<Value = Vec<PaEntry>> {
    prop::collection::btree_map(0i64..=i32::MAX as i64, ("[a-z][a-z0-9_]{0,10}", glyph_spec(), any::<bool>()), 0..4)
        .prop_map(|m| m.into_iter().map(|(id, (name, glyph, preload))| PaEntry { id, name, glyph, preload }).collect())
        .prop_shuffle()
}

fn number_at(v: &Value, key: &str) -> Option<i64> {
    v.get(key).and_then(Value::as_f64).map(|f| f as i64)
}

fn core_value(v: &serde_json::Value) -> Value {
    api::parse_json(&serde_json::to_vec(v).unwrap(), "test").unwrap()
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn assets_pa_write_read_round_trips(entries in pa_entries()) {
        let as_json = |list: &[PaEntry]| {
            serde_json::Value::Array(
                list.iter()
                    .map(|e| serde_json::json!({"asset_id": e.id, "asset_name": e.name, "bank_type": "GLYPH", "glyph": e.glyph}))
                    .collect(),
            )
        };
        let preload: Vec<i64> = entries.iter().filter(|e| e.preload).map(|e| e.id).collect();
        let archive = assets_pa::write_value(&core_value(&as_json(&entries)), &core_value(&serde_json::json!(preload)))
            .map_err(|e| TestCaseError::fail(format!("write failed: {e:?}")))?;
        // Deterministic: the same entries in another order give the same bytes.
        let mut reversed = entries.clone();
        reversed.reverse();
        let again = assets_pa::write_value(&core_value(&as_json(&reversed)), &core_value(&serde_json::json!(preload))).unwrap();
        prop_assert_eq!(&again, &archive);

        let read = assets_pa::read(&archive).map_err(|e| TestCaseError::fail(format!("read failed: {e:?}")))?;
        let verdict = assets_pa::verify(&archive);
        prop_assert_eq!(verdict.get("ok"), Some(&Value::Bool(true)), "{:?}", verdict);
        let table = read.get("asset_table").and_then(Value::as_array).expect("asset_table");
        prop_assert_eq!(table.len(), entries.len());
        for e in &entries {
            let row = table.iter().find(|r| number_at(r, "asset_id") == Some(e.id)).expect("every id in the table");
            prop_assert_eq!(row.get("asset_name").and_then(Value::as_str), Some(e.name.as_str()));
            prop_assert_eq!(row.get("bank_type").and_then(Value::as_str), Some("GLYPH"));
            let bank = assets_pa::glyph_bank_value(&core_value(&e.glyph)).unwrap();
            prop_assert_eq!(assets_pa::extract(&archive, e.id).unwrap(), bank.payload);
        }
        let preloaded = read.get("preload").and_then(Value::as_array).expect("preload");
        prop_assert_eq!(preloaded.len(), preload.len());
        // Companions regenerated from the archive verify against it.
        let comps = assets_pa::companions(&archive).unwrap();
        let c = assets_pa::verify_companions(&archive, &comps[0].1, &comps[1].1);
        prop_assert_eq!(c.get("ok"), Some(&Value::Bool(true)), "{:?}", c);
    }
}

// ---------------------------------------------------------------------------------
// .anpkg export -> validate
// ---------------------------------------------------------------------------------

/// A YAML double-quoted scalar (JSON string syntax is valid YAML here: the generated
/// text has no control characters).
fn yq(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

#[derive(Clone, Debug)]
struct Project {
    display_name: String,
    provider: String,
    devices: Vec<(String, &'static str)>,
    tick_rate: f64,
    port: u16,
    log_level: &'static str,
}

fn project() -> impl Strategy<Value = Project> {
    (
        "[\\PC&&[^\u{FEFF}\u{2028}\u{2029}]]{1,24}",
        // Plain YAML scalars: a fixed first letter keeps YAML 1.1 from reading an id
        // as a bool or null (`no`, `on`, `y`, `null`).
        "p[a-z0-9]{0,8}",
        prop::collection::btree_map("d[a-z0-9_]{0,10}", prop::sample::select(vec!["analogsensor", "relayio", "tempctl"]), 1..5),
        (1u32..200).prop_map(|n| n as f64 / 4.0),
        1024u16..65535,
        prop::sample::select(vec!["debug", "info", "warn", "error"]),
    )
        .prop_map(|(display_name, provider, devices, tick_rate, port, log_level)| Project {
            display_name,
            provider,
            devices: devices.into_iter().collect(),
            tick_rate,
            port,
            log_level,
        })
}

fn project_files(p: &Project) -> BTreeMap<String, Vec<u8>> {
    let dir = repo_root().join("examples/anpkg/greenhouse-bench");
    let read = |rel: &str| String::from_utf8(std::fs::read(dir.join(rel)).unwrap()).unwrap();
    let provider_file = format!("config/provider-sim.{}.yaml", p.provider);
    let manifest = read("machine-profile.yaml")
        .replace("display_name: Greenhouse bench (simulated)", &format!("display_name: {}", yq(&p.display_name)))
        .replace("bench0", &p.provider)
        .replace("config/provider-sim.bench0.yaml", &provider_file);
    let runtime = read("config/anolis-runtime.manual.yaml")
        .replace("bench0", &p.provider)
        .replace("port: 8080", &format!("port: {}", p.port))
        .replace("level: info", &format!("level: {}", p.log_level));
    let mut devices = String::new();
    for (id, kind) in &p.devices {
        devices.push_str(&format!("- id: {id}\n  type: {kind}\n"));
        if *kind == "tempctl" {
            devices.push_str("  initial_temp: 18.5\n");
        }
    }
    let provider = format!(
        "provider:\n  name: {}\nstartup_policy: degraded\ndevices:\n{devices}simulation:\n  mode: non_interacting\n  tick_rate_hz: {:?}\n",
        p.provider, p.tick_rate
    );
    let mut files = BTreeMap::new();
    files.insert("machine-profile.yaml".to_string(), manifest.into_bytes());
    files.insert("config/anolis-runtime.manual.yaml".to_string(), runtime.into_bytes());
    files.insert(provider_file, provider.into_bytes());
    files
}

proptest! {
    #![proptest_config(config(48))]

    #[test]
    fn anpkg_export_then_validate_passes(p in project()) {
        let package = api::anpkg_export(project_files(&p), &AnpkgExportOptions::default())
            .map_err(|e| TestCaseError::fail(format!("export failed: {e:?}")))?;
        let opts = AnpkgValidateOptions { path: "generated.anpkg".into(), all: true, ..Default::default() };
        let v = api::anpkg_validate(&package, &opts);
        prop_assert_eq!(v.get("valid"), Some(&Value::Bool(true)), "{:?}", v);
        // Deterministic export.
        prop_assert_eq!(api::anpkg_export(project_files(&p), &AnpkgExportOptions::default()).unwrap(), package);
    }
}

// ---------------------------------------------------------------------------------
// Tree digest
// ---------------------------------------------------------------------------------

fn entries(list: &[(String, Vec<u8>)]) -> Vec<BundleEntry<'_>> {
    list.iter().map(|(p, b)| BundleEntry::file(p.clone(), b.as_slice())).collect()
}

fn tree() -> impl Strategy<Value = Vec<(String, Vec<u8>)>> {
    let seg = "[a-zA-Z0-9_.-]{1,6}".prop_filter("not . or ..", |s| s != "." && s != "..");
    prop::collection::btree_map(prop::collection::vec(seg, 1..4).prop_map(|v| v.join("/")), prop::collection::vec(any::<u8>(), 0..32), 1..12)
        .prop_map(|m| {
            // A path that is also a directory of another path cannot be a file too.
            let keys: Vec<String> = m.keys().cloned().collect();
            m.into_iter().filter(|(k, _)| !keys.iter().any(|o| o.starts_with(&format!("{k}/")))).collect::<Vec<_>>()
        })
        .prop_shuffle()
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn tree_digest_is_independent_of_entry_order(files in tree(), seed in any::<u64>()) {
        let opts = TreeDigestOptions { root: "bundle".into(), ..Default::default() };
        let a = api::anip_tree_digest(&entries(&files), &opts);
        let mut shuffled = files.clone();
        // Deterministic permutation from the seed (Fisher-Yates, xorshift).
        let mut s = seed | 1;
        for i in (1..shuffled.len()).rev() {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17;
            shuffled.swap(i, (s % (i as u64 + 1)) as usize);
        }
        let b = api::anip_tree_digest(&entries(&shuffled), &opts);
        match (a, b) {
            (Ok(a), Ok(b)) => prop_assert_eq!(a.get("digest"), b.get("digest")),
            (Err(a), Err(b)) => prop_assert_eq!(a.code(), b.code()),
            (a, b) => prop_assert!(false, "order changes the outcome: {:?} vs {:?}", a, b),
        }
    }
}
