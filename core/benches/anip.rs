//! ANIP throughput: canonical JSON digests and whole-bundle verification.
//! Run: `cargo bench -p trustloop-core --bench anip`. Uses the largest upstream bundle
//! (gtm 0.4.5, 1.2 MB) when `$TRUSTLOOP_FIXTURES` (default `../shared/fixtures`) has it,
//! and the repo's own example bundle otherwise. Numbers: BENCHMARKS.md.
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use trustloop_core::api::{self, VerifyOptions};
use trustloop_core::api::digest::canonical_digest;
use trustloop_core::api::json::parse;

fn bundle() -> (String, Vec<u8>) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let fixtures = std::env::var_os("TRUSTLOOP_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/fixtures"));
    let big = fixtures.join("anip/gtm-pipeline-q2-review-0.4.5.anip-package.json");
    match std::fs::read(&big) {
        Ok(b) => ("gtm-0.4.5".into(), b),
        Err(_) => {
            let p = root.join("tests/examples/anip/order-desk-1.0.0.anip-package.json");
            ("order-desk-example".into(), std::fs::read(p).expect("example bundle"))
        }
    }
}

fn benches(c: &mut Criterion) {
    let (name, bytes) = bundle();
    let mut g = c.benchmark_group("anip");
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_function(format!("parse_{name}"), |b| b.iter(|| parse(&bytes).unwrap()));
    let value = parse(&bytes).unwrap();
    g.bench_function(format!("canonical_digest_{name}"), |b| b.iter(|| canonical_digest(&value)));
    g.bench_function(format!("verify_bundle_{name}"), |b| {
        b.iter(|| api::anip_verify_bundle(&bytes, None, &VerifyOptions::default()).unwrap())
    });
    g.finish();
}

criterion_group! {
    name = anip;
    config = Criterion::default().sample_size(20);
    targets = benches
}
criterion_main!(anip);
