//! The PyYAML-compatible loader (`safe_load`) on a generated ~1 MB document shaped like
//! Anolis runtime configs (benches/yaml_doc.rs). Run: `cargo bench -p trustloop-core
//! --bench yaml`. Instruction counts and peak heap (the numbers in BENCHMARKS.md) come
//! from `examples/yaml_measure.rs` under valgrind, not from this wall-time bench.
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use trustloop_core::api::anpkg::yaml::safe_load;

mod yaml_doc;

fn benches(c: &mut Criterion) {
    let doc = yaml_doc::document(1 << 20);
    let mut g = c.benchmark_group("yaml");
    g.throughput(Throughput::Bytes(doc.len() as u64));
    g.bench_function("safe_load_1MiB", |b| b.iter(|| safe_load(&doc).unwrap()));
    g.finish();
}

criterion_group! {
    name = yaml;
    config = Criterion::default().sample_size(10);
    targets = benches
}
criterion_main!(yaml);
