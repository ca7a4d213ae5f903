//! assets.pa throughput: writer (plan + stream into a Vec), reader/validator, and the
//! GLYPH/indexed_v1 payload builder. Run: `cargo bench -p trustloop-core --bench assets_pa`.
//! Peak memory of packing a 2,000-bank project is measured per process by
//! `scripts/bench/assets-pa-pack-memory.sh` (numbers in BENCHMARKS.md).
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use trustloop_core::api::assets_pa::{self, GlyphBankInput, PaletteInput, TileInput, WriteEntry};

fn bank(seed: u8) -> GlyphBankInput {
    GlyphBankInput {
        tile_size: 8,
        tiles: (0..256u64)
            .map(|i| TileInput { index: i, pixels: (0..64).map(|p| ((p as u64 + i + u64::from(seed)) % 16) as u8).collect() })
            .collect(),
        palettes: (0..16).map(|i| PaletteInput { index: i, colors: (0..16).map(|c| c * 4096 + i as u16).collect() }).collect(),
    }
}

fn entries(n: usize) -> Vec<WriteEntry> {
    let b = assets_pa::glyph_bank(&bank(1)).unwrap();
    (0..n)
        .map(|i| WriteEntry {
            asset_id: i as i64,
            asset_name: format!("bank_{i}"),
            bank_type: "GLYPH".into(),
            codec: "NONE".into(),
            metadata: b.metadata.clone(),
            payload: b.payload.clone(),
        })
        .collect()
}

fn benches(c: &mut Criterion) {
    let n = 256;
    let input = entries(n);
    let preload: Vec<i64> = (0..16).collect();
    let archive = assets_pa::write(&input, &preload).unwrap();

    let mut g = c.benchmark_group("assets_pa");
    g.sample_size(20);
    g.throughput(Throughput::Bytes(archive.len() as u64));
    g.bench_function("write_256_glyph_banks", |b| {
        b.iter_batched(|| input.clone(), |e| assets_pa::write(&e, &preload).unwrap(), BatchSize::LargeInput)
    });
    g.bench_function("read_256_glyph_banks", |b| b.iter(|| assets_pa::read(&archive).unwrap()));
    g.bench_function("verify_256_glyph_banks", |b| b.iter(|| assets_pa::verify(&archive)));
    g.throughput(Throughput::Elements(1));
    let one = bank(7);
    g.bench_function("glyph_bank_256_tiles", |b| b.iter(|| assets_pa::glyph_bank(&one).unwrap()));
    g.finish();
}

criterion_group!(assets_pa_benches, benches);
criterion_main!(assets_pa_benches);
