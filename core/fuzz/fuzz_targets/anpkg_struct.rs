//! Structure-aware `.anpkg` validation: a valid package (a minimal one, or the
//! repository's greenhouse-bench example as exported) with fuzzed YAML/JSON members
//! replaced or added, `meta/checksums.sha256` recomputed so the checksum check passes,
//! and written as a real zip (stored or deflated). The fuzzed bytes thus reach the
//! YAML loader, the JSON parser and the schema and cross-reference checks.
#![no_main]
use std::collections::BTreeMap;
use std::io::{Cursor, Write};
use std::sync::OnceLock;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use sha2::{Digest, Sha256};
use trustloop_core::api::{self, AnpkgExportOptions, AnpkgValidateOptions};

const MANIFEST: &str = "schema_version: 1\nmachine_id: m\ndisplay_name: m\nruntime_profiles:\n  manual: runtime/anolis-runtime.yaml\nproviders:\n  sim0:\n    config: providers/sim0.yaml\ncompatibility:\n  runtime: {config_contract: a, http_contract: b}\n  providers:\n    sim0: {strategy: local-build, version: x}\n";
const RUNTIME: &str = "providers:\n- id: sim0\n  command: x\n  args: [--config, providers/sim0.yaml]\n";

fn minimal() -> BTreeMap<String, Vec<u8>> {
    let mut m = BTreeMap::new();
    m.insert("machine-profile.yaml".into(), MANIFEST.as_bytes().to_vec());
    m.insert("meta/provenance.json".into(), b"{}".to_vec());
    m.insert("providers/sim0.yaml".into(), b"provider: {name: sim0}\n".to_vec());
    m.insert("runtime/anolis-runtime.yaml".into(), RUNTIME.as_bytes().to_vec());
    m
}

/// The greenhouse-bench example, exported, as (name → bytes) without its checksums.
fn greenhouse() -> &'static BTreeMap<String, Vec<u8>> {
    static G: OnceLock<BTreeMap<String, Vec<u8>>> = OnceLock::new();
    G.get_or_init(|| {
        let mut files = BTreeMap::new();
        for (rel, bytes) in [
            ("machine-profile.yaml", &include_bytes!("../../../examples/anpkg/greenhouse-bench/machine-profile.yaml")[..]),
            ("config/anolis-runtime.manual.yaml", &include_bytes!("../../../examples/anpkg/greenhouse-bench/config/anolis-runtime.manual.yaml")[..]),
            ("config/provider-sim.bench0.yaml", &include_bytes!("../../../examples/anpkg/greenhouse-bench/config/provider-sim.bench0.yaml")[..]),
        ] {
            files.insert(rel.to_string(), bytes.to_vec());
        }
        let exported = api::anpkg_export_files(files, &AnpkgExportOptions::default()).expect("the example exports");
        let mut m = BTreeMap::new();
        for (n, b) in exported.entries {
            if n != "meta/checksums.sha256" {
                m.insert(n, b);
            }
        }
        m
    })
}

#[derive(Arbitrary, Debug)]
enum Member {
    /// Replace the n-th existing member (modulo the member count).
    Replace(u8),
    /// Add a member under this name.
    Add(String),
    /// Remove the n-th existing member.
    Remove(u8),
}

#[derive(Arbitrary, Debug)]
struct Input {
    greenhouse: bool,
    deflate: bool,
    all: bool,
    edits: Vec<(Member, Vec<u8>)>,
}

fn zip(files: &BTreeMap<String, Vec<u8>>, deflate: bool) -> Vec<u8> {
    let mut sums = String::new();
    for (n, d) in files {
        sums.push_str(&format!("{:x}  {n}\n", Sha256::digest(d)));
    }
    let method = if deflate { zip::CompressionMethod::Deflated } else { zip::CompressionMethod::Stored };
    let opts = zip::write::SimpleFileOptions::default().compression_method(method);
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (n, d) in files.iter().chain(std::iter::once((&"meta/checksums.sha256".to_string(), &sums.into_bytes()))) {
        if w.start_file(n.as_str(), opts).is_err() || w.write_all(d).is_err() {
            continue;
        }
    }
    w.finish().map(|c| c.into_inner()).unwrap_or_default()
}

fuzz_target!(|input: Input| {
    let mut files = if input.greenhouse { greenhouse().clone() } else { minimal() };
    for (member, bytes) in input.edits.into_iter().take(8) {
        let names: Vec<String> = files.keys().cloned().collect();
        match member {
            Member::Replace(i) if !names.is_empty() => {
                files.insert(names[i as usize % names.len()].clone(), bytes);
            }
            Member::Remove(i) if !names.is_empty() => {
                files.remove(&names[i as usize % names.len()]);
            }
            Member::Add(name) if !name.is_empty() && name != "meta/checksums.sha256" => {
                files.insert(name, bytes);
            }
            _ => {}
        }
    }
    let package = zip(&files, input.deflate);
    let opts = AnpkgValidateOptions { path: "fuzz.anpkg".into(), all: input.all, ..Default::default() };
    let _ = api::anpkg_validate(&package, &opts);
});
