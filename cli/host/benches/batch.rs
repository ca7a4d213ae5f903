//! The batch operations on 1 and on every core: `verify_many` of 1,000 copies of the
//! repo's small example bundle (tests/examples/anip, 45 KB), in a rayon pool of 1 and
//! of 2 threads, and the core's sequential dispatcher (what WASM runs) for reference.
//! Run: `cargo bench -p trustloop-host --bench batch`. Numbers: BENCHMARKS.md.
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use trustloop_core::api;
use trustloop_core::api::call::{find, Arg, Args};

const BUNDLES: usize = 1000;

fn benches(c: &mut Criterion) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/examples/anip/order-desk-1.0.0.anip-package.json");
    let bundle = std::fs::read(path).expect("example bundle");
    let op = find("verify_many").unwrap();
    let args = || Args::new(op, vec![Arg::List((0..BUNDLES).map(|_| Arg::Bytes(&bundle)).collect())]).unwrap();
    let mut g = c.benchmark_group("batch");
    g.throughput(Throughput::Elements(BUNDLES as u64));
    g.bench_function("verify_many_1000_core_sequential", |b| b.iter(|| api::call::call(args()).unwrap()));
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        g.bench_function(format!("verify_many_1000_threads_{threads}"), |b| {
            b.iter(|| pool.install(|| trustloop_host::call::call(args()).unwrap()))
        });
    }
    g.finish();
}

criterion_group! {
    name = group;
    config = Criterion::default().sample_size(10);
    targets = benches
}
criterion_main!(group);
