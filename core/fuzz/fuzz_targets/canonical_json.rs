//! Canonical JSON in every mode: no panic, and idempotence — when canonicalising `x`
//! succeeds, canonicalising the result succeeds and gives the same bytes. The digest
//! of the input equals the digest of its digest-mode canonical form.
#![no_main]
use libfuzzer_sys::fuzz_target;
use trustloop_core::api;

fuzz_target!(|data: &[u8]| {
    for mode in ["digest", "signature", "jcs"] {
        if let Ok(once) = api::canonical_json(data, mode) {
            let twice = api::canonical_json(&once, mode)
                .unwrap_or_else(|e| panic!("{mode}: canonical output does not parse again: {e:?}"));
            assert!(once == twice, "{mode}: not idempotent:\n once {:?}\ntwice {:?}", String::from_utf8_lossy(&once), String::from_utf8_lossy(&twice));
            if mode == "digest" {
                let d1 = api::json_digest(data).expect("digest of parsable input");
                let d2 = api::json_digest(&once).expect("digest of canonical form");
                assert_eq!(d1, d2, "digest changes under canonicalisation");
            }
        }
    }
});
