//! Golden bytes (spec §17), round trips, streaming equivalence and determinism.
use std::collections::BTreeMap;
use std::string::String;
use std::vec;
use std::vec::Vec;

use super::api::{self, WriteEntry};
use super::companions;
use super::glyph::builder::{build, GlyphBankInput, PaletteInput, TileInput};
use super::model::{BankType, Codec};
use super::reader;
use super::writer::{plan, write_to_vec, ArchiveWriter, AssetWithPayload, IoSink, WriteAsset};
use crate::diag::Severity;
use crate::digest::sha256_bytes;

const V1_SHA: &str = "sha256:877205722db8a517c2dcbf270563eec162f6f4954fa9daf373ffc87cadcb29b2";
const V2_SHA: &str = "sha256:833ed3f804dceb37acc76137ab31fa12654836ab6d8e3ffc7e8a5f0c674bc296";
const V3_SHA: &str = "sha256:14c8ad040280e19fff8d65b182ebf87b368d388819fe3035c69630abd0d14a75";

fn palette(colours: &[(usize, u16)]) -> Vec<u16> {
    let mut p = vec![0u16; 16];
    for &(c, v) in colours {
        p[c] = v;
    }
    p
}

fn glyph(asset_id: i64, name: &str, tile_size: u64, tiles: Vec<Vec<u8>>, palettes: Vec<(u64, Vec<u16>)>) -> WriteEntry {
    let bank = build(&GlyphBankInput {
        tile_size,
        tiles: tiles.into_iter().enumerate().map(|(i, pixels)| TileInput { index: i as u64, pixels }).collect(),
        palettes: palettes.into_iter().map(|(index, colors)| PaletteInput { index, colors }).collect(),
    })
    .unwrap();
    WriteEntry {
        asset_id,
        asset_name: name.into(),
        bank_type: "GLYPH".into(),
        codec: "NONE".into(),
        metadata: bank.metadata,
        payload: bank.payload,
    }
}

fn one_pixel(side: usize, at: usize, value: u8) -> Vec<u8> {
    let mut t = vec![0u8; side * side];
    t[at] = value;
    t
}

fn v2() -> Vec<u8> {
    let tile: Vec<u8> = (0..64).map(|i| (i % 8 + 1) as u8).collect();
    api::write(&[glyph(0, "ui", 8, vec![tile], vec![(0, palette(&[(1, 0xF800), (2, 0x07E0)]))])], &[0]).unwrap()
}

fn v3_entries() -> Vec<WriteEntry> {
    vec![
        glyph(9, "bg", 32, vec![one_pixel(32, 0, 1)], vec![(0, palette(&[(1, 0x8410)]))]),
        glyph(3, "font", 8, vec![one_pixel(8, 0, 3)], vec![(0, palette(&[(3, 0x001F)]))]),
        glyph(7, "hud", 16, vec![one_pixel(16, 0, 7), one_pixel(16, 255, 15)], vec![(63, palette(&[(15, 0xFFFF)]))]),
    ]
}

#[test]
fn golden_v1_v2_v3() {
    // PA-PRELUDE-3/5, PA-HDR-2/3, PA-SLICE-2, PA-PRELOAD-4, PA-GLYPH-1..4.
    assert_eq!(sha256_bytes(&api::write(&[], &[]).unwrap()), V1_SHA);
    let v2 = v2();
    assert_eq!(v2.len(), 35085);
    assert_eq!(sha256_bytes(&v2), V2_SHA);
    let v3 = api::write(&v3_entries(), &[7, 3]).unwrap();
    assert_eq!(v3.len(), 105122);
    assert_eq!(sha256_bytes(&v3), V3_SHA);
    // Identical input, identical bytes (PA-WRITE-1), whatever the input order.
    let mut reversed = v3_entries();
    reversed.reverse();
    assert_eq!(api::write(&reversed, &[3, 7]).unwrap(), v3);
}

#[test]
fn round_trip_read_model_write() {
    // §19: read(V1/V2/V3) → same model → write → same bytes.
    for bytes in [api::write(&[], &[]).unwrap(), v2(), api::write(&v3_entries(), &[3, 7]).unwrap()] {
        let archive = reader::read(&bytes).unwrap();
        assert!(archive.info.warnings.is_empty());
        let entries: Vec<WriteEntry> = archive
            .info
            .header
            .asset_table
            .iter()
            .map(|e| WriteEntry {
                asset_id: e.asset_id.into(),
                asset_name: e.asset_name.clone(),
                bank_type: e.bank_type.as_str().into(),
                codec: e.codec.as_str().into(),
                metadata: e.metadata.clone(),
                payload: archive.slice(e.asset_id).unwrap().to_vec(),
            })
            .collect();
        let preload: Vec<i64> = archive.info.header.preload.iter().map(|p| p.asset_id.into()).collect();
        assert_eq!(api::write(&entries, &preload).unwrap(), bytes);
    }
}

#[test]
fn streaming_writer_and_reader_match_in_memory() {
    let v3 = api::write(&v3_entries(), &[3, 7]).unwrap();
    let archive = reader::read(&v3).unwrap();
    let assets: Vec<WriteAsset> = archive
        .info
        .header
        .asset_table
        .iter()
        .map(|e| WriteAsset {
            asset_id: e.asset_id,
            asset_name: e.asset_name.clone(),
            bank_type: e.bank_type,
            codec: e.codec,
            metadata: e.metadata.clone(),
            size: e.size,
            preload: e.asset_id != 9,
        })
        .collect();
    let p = plan(assets).unwrap();
    let mut out = Vec::new();
    let mut w = ArchiveWriter::start(&p, IoSink(&mut out)).unwrap();
    for e in &archive.info.header.asset_table {
        w.payload_from(std::io::Cursor::new(archive.slice(e.asset_id).unwrap())).unwrap();
    }
    w.finish().unwrap();
    assert_eq!(out, v3);
    let streamed = reader::read_from(std::io::Cursor::new(&v3), v3.len() as u64).unwrap();
    assert_eq!(streamed.header, archive.info.header);
    assert_eq!(streamed.prelude, archive.info.prelude);

    // A reader yielding the wrong number of bytes is caught, as is a missing payload.
    let mut w = ArchiveWriter::start(&p, Vec::new()).unwrap();
    let short = w.payload_from(std::io::Cursor::new(vec![0u8; 10])).unwrap_err();
    assert_eq!(short.code, super::codes::WRITE_PAYLOAD_SIZE);
    let w = ArchiveWriter::start(&p, Vec::new()).unwrap();
    assert_eq!(w.finish().unwrap_err().code, super::codes::WRITE_PAYLOAD_SIZE);
}

#[test]
fn streaming_reader_checks_padding_and_bounds() {
    let v2 = v2();
    let mut padded = v2[..269].to_vec();
    padded.extend_from_slice(&[0, 0, 1, 0]);
    padded.extend_from_slice(&v2[269..]);
    let mut p = super::prelude::Prelude::decode(padded[..32].try_into().unwrap());
    p.payload_offset += 4;
    padded[..32].copy_from_slice(&p.encode());
    let len = padded.len() as u64;
    assert_eq!(reader::read_from(std::io::Cursor::new(&padded), len).unwrap_err().code, super::codes::NON_ZERO_PADDING);
    assert_eq!(reader::read(&padded).unwrap_err().code, super::codes::NON_ZERO_PADDING);
    padded[271] = 0;
    assert!(reader::read_from(std::io::Cursor::new(&padded), len).unwrap().warnings.is_empty());
}

#[test]
fn writer_refuses_sounds_and_self_checks() {
    let sounds = AssetWithPayload {
        asset: WriteAsset {
            asset_id: 1,
            asset_name: "sfx".into(),
            bank_type: BankType::Sounds,
            codec: Codec::None,
            metadata: Default::default(),
            size: 1,
            preload: false,
        },
        payload: vec![0],
    };
    assert_eq!(write_to_vec(vec![sounds]).unwrap_err().code, super::codes::WRITE_SOUNDS_UNSUPPORTED);
    let mut e = v3_entries().remove(0);
    e.asset_name = String::new();
    assert_eq!(api::write(&[e], &[]).unwrap_err().code(), super::codes::HEADER_SHAPE);
}

#[test]
fn companions_mirror_the_header() {
    // D10: canonical JSON + "\n".
    let files = api::companions(&v2()).unwrap();
    assert_eq!(files[1].1, b"[{\"asset_id\":0,\"slot\":0}]\n");
    assert_eq!(
        sha256_bytes(&files[0].1),
        "sha256:6bc03c5671a1f18241b7018efb3e7d9da3db509dbd98bb6d20c4b5ecea1b953f"
    );
    let ok = api::verify_companions(&v2(), &files[0].1, &files[1].1);
    assert_eq!(ok.get("ok"), Some(&true.into()));
    let bad = api::verify_companions(&v2(), b"[]\n", &files[1].1);
    assert_eq!(bad.get("ok"), Some(&false.into()));
    // The publication manifest lists every artifact with role and authority.
    let manifest = companions::packer_artifacts_json(&[("assets.pa", "ab".into(), 1), ("preload.json", "cd".into(), 2)]);
    let text = String::from_utf8(manifest).unwrap();
    assert!(text.contains("\"authority\":\"authoritative\""));
    assert!(text.contains("\"derived_from\":\"assets.pa\""));
    assert!(text.ends_with("}\n"));
}

fn png(side: u32, pixels: &[u8]) -> Vec<u8> {
    super::glyph::png_tile::tests::indexed_png(side, png::BitDepth::Eight, pixels)
}

fn project() -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    files.insert(
        "assets/.prometeu/index.json".into(),
        br#"{"schema_version":1,"next_asset_id":2,"assets":[
            {"asset_id":1,"asset_uuid":"u1","root":"ui","included_in_build":true}]}"#
            .to_vec(),
    );
    files.insert(
        "assets/ui/asset.json".into(),
        br#"{"schema_version":1,"asset_uuid":"u1","name":"ui","type":"glyph_bank",
            "inputs":{"sprites":["0.png","1.png"],"palettes":["p.json"],"sources":["ui.aseprite"]},
            "output":{"format":"GLYPH/indexed_v1","codec":"NONE","metadata":{"layer":2},
                      "codec_configuration":{"level":0},"pipeline":{"tool":"aseprite","frames":[1,2]}},
            "preload":{"enabled":false}}"#
            .to_vec(),
    );
    files.insert("assets/ui/0.png".into(), png(8, &[1; 64]));
    files.insert("assets/ui/1.png".into(), png(8, &[2; 64]));
    files.insert("assets/ui/ui.aseprite".into(), b"opaque source".to_vec());
    files.insert("assets/ui/p.json".into(), br##"{"schema_version":1,"palettes":[{"index":0,"palette":["#ffffff",1,2,3,4,5,6,7,8,9,10,11,12,13,14,15]}]}"##.to_vec());
    files
}

#[test]
fn pack_metadata_companion_and_pipeline_boundary() {
    let out = api::pack(&project(), &api::PackOptions::default()).unwrap();
    assert_eq!(out.report.get("ok"), Some(&true.into()), "{:?}", out.report);
    let names: Vec<&str> = out.files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "build/assets.pa",
            "build/asset_table.json",
            "build/preload.json",
            "build/asset_table_metadata.json",
            "build/packer-artifacts.json"
        ]
    );
    let archive = reader::read(&out.files[0].1).unwrap();
    let entry = &archive.info.header.asset_table[0];
    assert_eq!(entry.metadata.get("layer"), Some(&2u64.into()));
    assert!(entry.metadata.get("codec").is_some());
    assert!(archive.info.header.preload.is_empty());
    // PA-ENTRY-5 / PA-COMP-3: pipeline only in the tooling companion, with input sha256s.
    let header_text = String::from_utf8_lossy(&out.files[0].1[..archive.info.prelude.payload_offset as usize]).into_owned();
    assert!(!header_text.contains("aseprite"));
    assert!(!String::from_utf8_lossy(&out.files[1].1).contains("aseprite"));
    let meta = String::from_utf8(out.files[3].1.clone()).unwrap();
    assert!(meta.contains("\"pipeline\":{\"frames\":[1,2],\"tool\":\"aseprite\"}"));
    let source_sha = companions::sha256_hex(b"opaque source");
    assert!(meta.contains(&format!("{{\"path\":\"ui.aseprite\",\"sha256\":\"{source_sha}\"}}")));
    // The publication manifest pins every other artifact's bytes.
    let manifest = String::from_utf8(out.files[4].1.clone()).unwrap();
    for (name, bytes) in &out.files[..4] {
        let short = name.trim_start_matches("build/");
        assert!(manifest.contains(&format!("\"path\":\"{short}\"")), "{short}");
        assert!(manifest.contains(&companions::sha256_hex(bytes)));
    }
    // Identical input, identical outputs.
    let again = api::pack(&project(), &api::PackOptions::default()).unwrap();
    assert_eq!(again.files, out.files);
}

#[test]
fn pack_collects_blocking_diagnostics_and_emits_nothing() {
    let mut files = project();
    files.insert("assets/ui/1.png".into(), png(16, &[0; 256]));
    files.insert("assets/other/asset.json".into(), b"{}".to_vec());
    let out = api::pack(&files, &api::PackOptions::default()).unwrap();
    assert_eq!(out.report.get("ok"), Some(&false.into()));
    assert!(out.files.is_empty());
    let findings = out.report.get("diagnostics").and_then(|d| d.as_array()).unwrap();
    let codes: Vec<&str> = findings.iter().map(|f| f.str_at("code")).collect();
    assert_eq!(codes, [super::codes::UNREGISTERED_ROOT, super::codes::GLYPH_TILE_MALFORMED]);
    assert_eq!(findings[0].str_at("severity"), Severity::Warning.as_str());
}

/// Counts the reads of a project held in memory.
struct CountingProject {
    inner: super::project::source::MemoryProject,
    reads: core::cell::Cell<usize>,
}

impl super::project::source::ProjectSource for CountingProject {
    fn read(&self, path: &str) -> Result<Option<Vec<u8>>, crate::diag::Finding> {
        self.reads.set(self.reads.get() + 1);
        self.inner.read(path)
    }

    fn asset_roots(&self) -> Result<Vec<String>, crate::diag::Finding> {
        self.inner.asset_roots()
    }
}

#[test]
fn a_kept_payload_is_emitted_without_reading_again_and_a_rebuilt_one_is_checked() {
    use super::project::{emit::emit_archive, plan::plan};
    let src = CountingProject { inner: super::project::source::MemoryProject::new(project()), reads: 0.into() };
    let planned = plan(&src).plan.expect("plan");
    assert!(planned.assets.iter().all(|a| a.payload.is_some()), "a small project keeps its payloads");
    let reads = src.reads.get();
    let (kept, kept_bytes) = emit_archive(&planned, &src, Vec::new()).expect("emit");
    assert_eq!(src.reads.get(), reads, "emission read no input again");

    // Past the kept budget an asset is rebuilt from its inputs: the same bytes...
    let mut rebuilt = planned.clone();
    rebuilt.assets.iter_mut().for_each(|a| a.payload = None);
    let (again, again_bytes) = emit_archive(&rebuilt, &src, Vec::new()).expect("emit");
    assert_eq!((again, again_bytes), (kept, kept_bytes));
    assert!(src.reads.get() > reads, "the rebuilt asset's inputs were read");
    // ...and inputs changed since the plan fail the pack.
    let mut changed = project();
    changed.insert("assets/ui/1.png".into(), png(8, &[3; 64]));
    let changed = super::project::source::MemoryProject::new(changed);
    let refused = emit_archive(&rebuilt, &changed, Vec::new()).expect_err("changed input");
    assert_eq!(refused.code, super::codes::INPUT_CHANGED);
}
