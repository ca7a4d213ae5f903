//! `assets.pa` bytes through the reader, the verifier, extraction of every declared
//! asset id and the companion writer/checker: a result or an error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use trustloop_core::api::assets_pa;

fuzz_target!(|data: &[u8]| {
    let _ = assets_pa::verify(data);
    if let Ok(read) = assets_pa::read(data) {
        // Every asset the header lists can be asked for; unknown ids are errors.
        let ids: Vec<i64> = read
            .get("asset_table")
            .and_then(|t| t.as_array())
            .map(|t| t.iter().filter_map(|e| e.get("asset_id").and_then(|v| v.as_f64())).map(|f| f as i64).take(64).collect())
            .unwrap_or_default();
        for id in ids.into_iter().chain([-1, 0, i64::MAX]) {
            let _ = assets_pa::extract(data, id);
        }
        if let Ok(companions) = assets_pa::companions(data) {
            let table = companions.iter().find(|(n, _)| n.contains("asset_table")).map(|(_, b)| b.as_slice()).unwrap_or(b"[]");
            let preload = companions.iter().find(|(n, _)| n.contains("preload")).map(|(_, b)| b.as_slice()).unwrap_or(b"[]");
            let _ = assets_pa::verify_companions(data, table, preload);
        }
    }
});
