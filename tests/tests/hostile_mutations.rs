//! "All input is hostile": thousands of deterministic mutations (bit flips, byte
//! overwrites, truncations, insertions, duplicated ranges) of valid inputs from every
//! family go through the public API. Each call must return a result or an error; a
//! panic fails the test and names the mutation. Seeds are fixed, so a failure
//! reproduces exactly.
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};

use trustloop_conformance::repo_root;
use trustloop_core::api::{self, AnpkgExportOptions, AnpkgValidateOptions, BuildLocalOptions, VerifyOptions};

/// xorshift64*: tiny, deterministic, good enough to spread mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(input: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut b = input.to_vec();
    for _ in 0..=rng.below(3) {
        let at = rng.below(b.len());
        match rng.below(6) {
            0 if !b.is_empty() => b[at] ^= 1 << rng.below(8),
            1 if !b.is_empty() => b[at] = [0, b'"', b'{', b'[', b'\\', 0xff, b'9', b'-'][rng.below(8)],
            2 => b.truncate(at),
            3 => b.insert(at.min(b.len()), rng.next() as u8),
            4 if b.len() > 8 => {
                let len = rng.below(64).min(b.len() - at);
                let chunk: Vec<u8> = b[at..at + len].to_vec();
                b.splice(at..at, chunk);
            }
            _ => b.reverse(),
        }
    }
    b
}

/// Runs `f` on `rounds` mutations of `input`; returns how many returned Ok.
fn survive(family: &str, input: &[u8], rounds: usize, seed: u64, f: impl Fn(&[u8]) -> bool) -> usize {
    let mut rng = Rng(seed);
    let mut ok = 0;
    for round in 0..rounds {
        let m = mutate(input, &mut rng);
        match catch_unwind(AssertUnwindSafe(|| f(&m))) {
            Ok(true) => ok += 1,
            Ok(false) => {}
            Err(_) => panic!("{family}: round {round} (seed {seed}) panicked on a {}-byte input", m.len()),
        }
    }
    ok
}

fn example_bundle() -> Vec<u8> {
    let def = std::fs::read(repo_root().join("examples/anip/order-desk-service-definition.json")).unwrap();
    let opts = BuildLocalOptions { package_id: "order-desk".into(), package_version: "1.0.0".into(), ..Default::default() };
    let files = api::anip_build_local(&def, &opts).unwrap();
    files.into_iter().find(|f| f.name.ends_with(".anip-package.json")).unwrap().bytes
}

#[test]
fn anip_verify_lock_and_json_never_panic() {
    let bundle = example_bundle();
    let lock = api::anip_write_lock(&bundle).unwrap().into_bytes();
    let ok = survive("verify_bundle", &bundle, 1500, 1, |b| api::anip_verify_bundle(b, None, &VerifyOptions::default()).is_ok());
    survive("verify_bundle+lock", &lock, 500, 2, |l| api::anip_verify_bundle(&bundle, Some(l), &VerifyOptions::default()).is_ok());
    survive("write_lock", &bundle, 300, 3, |b| api::anip_write_lock(b).is_ok());
    survive("canonical_json", &bundle, 500, 4, |b| api::canonical_json(b, "jcs").is_ok());
    // Mutations mostly break the bundle; some (whitespace, unread fields) must not.
    assert!(ok > 0, "no mutation of the bundle verified at all");
}

#[test]
fn anpkg_validate_never_panics() {
    let dir = repo_root().join("examples/anpkg/greenhouse-bench");
    let mut files = BTreeMap::new();
    for rel in ["machine-profile.yaml", "config/anolis-runtime.manual.yaml", "config/provider-sim.bench0.yaml"] {
        files.insert(rel.to_string(), std::fs::read(dir.join(rel)).unwrap());
    }
    let package = api::anpkg_export(files, &AnpkgExportOptions::default()).expect("example exports");
    let opts = AnpkgValidateOptions { path: "greenhouse-bench.anpkg".into(), ..Default::default() };
    assert_eq!(api::anpkg_validate(&package, &opts).str_at("message"), "Package validation passed: greenhouse-bench.anpkg");
    survive("anpkg_validate", &package, 1500, 5, |p| api::anpkg_validate(p, &opts).get("valid").and_then(|v| v.as_bool()) == Some(true));
}

#[test]
fn assets_pa_reader_never_panics() {
    let dir = repo_root().join("tests/vectors/assets-pa/files");
    let archive = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "pa"))
        .map(|p| std::fs::read(p).unwrap())
        .find(|b| api::assets_pa::read(b).is_ok())
        .expect("a valid archive among the vector files");
    survive("assets_pa_read", &archive, 1500, 6, |a| api::assets_pa::read(a).is_ok());
    survive("assets_pa_verify", &archive, 500, 7, |a| api::assets_pa::verify(a).get("ok").and_then(|v| v.as_bool()) == Some(true));
}
