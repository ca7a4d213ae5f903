//! GLYPH tiles: fuzzed PNG bytes through the tile decoder, and as tile 0 of an
//! otherwise valid GLYPH asset project through the packer (`assets-pa pack`).
#![no_main]
use std::collections::BTreeMap;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use trustloop_core::api::assets_pa::{self, PackOptions};
use trustloop_core::api::assets_pa::png;

const INDEX: &str = r#"{"schema_version": 1, "next_asset_id": 2, "assets": [
  {"asset_id": 1, "asset_uuid": "6f1d2c3a-0000-4000-8000-000000000002", "root": "ui/icons", "included_in_build": true}]}"#;

/// The repository's example icon bank (`examples/assets-pa/assets/ui/icons`) as a
/// one-asset project.
fn project() -> &'static BTreeMap<String, Vec<u8>> {
    static P: OnceLock<BTreeMap<String, Vec<u8>>> = OnceLock::new();
    P.get_or_init(|| {
        let mut m = BTreeMap::new();
        m.insert("assets/.prometeu/index.json".into(), INDEX.as_bytes().to_vec());
        m.insert("assets/ui/icons/asset.json".into(), include_bytes!("../../../examples/assets-pa/assets/ui/icons/asset.json").to_vec());
        m.insert("assets/ui/icons/palettes.json".into(), include_bytes!("../../../examples/assets-pa/assets/ui/icons/palettes.json").to_vec());
        for (i, b) in [
            &include_bytes!("../../../examples/assets-pa/assets/ui/icons/0.png")[..],
            &include_bytes!("../../../examples/assets-pa/assets/ui/icons/1.png")[..],
            &include_bytes!("../../../examples/assets-pa/assets/ui/icons/2.png")[..],
            &include_bytes!("../../../examples/assets-pa/assets/ui/icons/3.png")[..],
        ]
        .into_iter()
        .enumerate()
        {
            m.insert(format!("assets/ui/icons/{i}.png"), b.to_vec());
        }
        m
    })
}

fuzz_target!(|data: &[u8]| {
    let _ = png::decode_tile(data, "fuzz.png");
    let mut files = project().clone();
    files.insert("assets/ui/icons/0.png".into(), data.to_vec());
    let _ = assets_pa::pack(&files, &PackOptions::default());
});
