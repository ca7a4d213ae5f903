//! Pack on a real directory: staging and promotion (PA-WRITE-2 step 7), symlink
//! refusal (PA-MIG-4), determinism across runs, and the stream reader on the result.
use std::path::{Path, PathBuf};

use super::pack;

/// Packs into `<dir>/build`; `true` when it succeeded.
fn packs(dir: &Path) -> bool {
    pack(dir, None).expect("project directory").ok
}

const INDEX: &str = r#"{"schema_version":1,"next_asset_id":2,"assets":[
  {"asset_id":1,"asset_uuid":"u1","root":"ui","included_in_build":true}]}"#;
const ASSET: &str = r#"{"schema_version":1,"asset_uuid":"u1","name":"ui","type":"glyph_bank",
  "inputs":{"sprites":["0.png"],"palettes":["p.json"]},
  "output":{"format":"GLYPH/indexed_v1","codec":"NONE"},"preload":{"enabled":true}}"#;
const PALETTES: &str = r#"{"schema_version":1,"palettes":[{"index":0,"palette":[0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15]}]}"#;

/// A minimal 8x8 8-bit indexed PNG whose pixels are all `value`.
fn png(value: u8) -> Vec<u8> {
    fn crc(data: &[u8]) -> u32 {
        let mut c = 0xFFFF_FFFFu32;
        for &b in data {
            c ^= u32::from(b);
            for _ in 0..8 {
                c = if c & 1 == 1 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            }
        }
        !c
    }
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        out.extend_from_slice(&body);
        out.extend_from_slice(&crc(&body).to_be_bytes());
    }
    // Stored (uncompressed) deflate block inside a zlib stream.
    let mut raw = Vec::new();
    for _ in 0..8 {
        raw.push(0);
        raw.extend_from_slice(&[value; 8]);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &x in &raw {
        a = (a + u32::from(x)) % 65521;
        b = (b + a) % 65521;
    }
    let mut z = vec![0x78, 0x01, 0x01];
    z.extend_from_slice(&(raw.len() as u16).to_le_bytes());
    z.extend_from_slice(&(!(raw.len() as u16)).to_le_bytes());
    z.extend_from_slice(&raw);
    z.extend_from_slice(&((b << 16) | a).to_be_bytes());
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut out, b"IHDR", &[0, 0, 0, 8, 0, 0, 0, 8, 8, 3, 0, 0, 0]);
    chunk(&mut out, b"PLTE", &[0; 48]);
    chunk(&mut out, b"IDAT", &z);
    chunk(&mut out, b"IEND", &[]);
    out
}

fn project(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("trustloop-assets-pa-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("assets/.prometeu")).unwrap();
    std::fs::create_dir_all(dir.join("assets/ui")).unwrap();
    std::fs::write(dir.join("assets/.prometeu/index.json"), INDEX).unwrap();
    std::fs::write(dir.join("assets/ui/asset.json"), ASSET).unwrap();
    std::fs::write(dir.join("assets/ui/p.json"), PALETTES).unwrap();
    std::fs::write(dir.join("assets/ui/0.png"), png(1)).unwrap();
    dir
}

fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn failing_pack_leaves_build_untouched() {
    let dir = project("promote");
    assert!(packs(&dir));
    let build = dir.join("build");
    let before = snapshot(&build);
    let names: Vec<&str> = before.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["asset_table.json", "asset_table_metadata.json", "assets.pa", "packer-artifacts.json", "preload.json"]);
    // Same inputs, same bytes.
    assert!(packs(&dir));
    assert_eq!(snapshot(&build), before);
    // A changed but broken input: nothing in build/ changes, no staging left behind.
    std::fs::write(dir.join("assets/ui/0.png"), png(16)).unwrap();
    assert!(!packs(&dir));
    assert_eq!(snapshot(&build), before);
    let leftovers: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // A fixed input is promoted over the old build.
    std::fs::write(dir.join("assets/ui/0.png"), png(2)).unwrap();
    assert!(packs(&dir));
    assert_ne!(snapshot(&build), before);
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn symlinked_inputs_are_refused() {
    let dir = project("symlink");
    std::fs::remove_file(dir.join("assets/ui/p.json")).unwrap();
    let outside = dir.join("outside.json");
    std::fs::write(&outside, PALETTES).unwrap();
    std::os::unix::fs::symlink(&outside, dir.join("assets/ui/p.json")).unwrap();
    assert!(!packs(&dir));
    assert!(!dir.join("build").exists());
    let _ = std::fs::remove_dir_all(&dir);
}
