//! Custom-code-bundle tree digests over arbitrary entry lists (paths, files, symlinks,
//! special files), raw and applied for every target; the raw digest does not depend
//! on the order the host lists entries in.
#![no_main]
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use trustloop_core::api::{self, BundleEntry, TreeDigestOptions, TreeLimits};
use trustloop_core::api::json::Value;

#[derive(Arbitrary, Debug)]
enum Kind {
    File(Vec<u8>),
    Symlink,
    Special,
}

#[derive(Arbitrary, Debug)]
struct Input {
    entries: Vec<(String, Kind)>,
    target: u8,
    vars: Vec<(String, String)>,
    system_name: String,
    package_id: String,
    rotate: u8,
}

fn entries(list: &[(String, Kind)]) -> Vec<BundleEntry<'_>> {
    list.iter()
        .map(|(p, k)| match k {
            Kind::File(b) => BundleEntry::file(p.clone(), b.as_slice()),
            Kind::Symlink => BundleEntry::symlink(p.clone()),
            Kind::Special => BundleEntry::special(p.clone()),
        })
        .collect()
}

fuzz_target!(|input: Input| {
    let limits = TreeLimits { max_entries: 256, max_file_bytes: 1 << 16 };
    let raw = TreeDigestOptions { root: "bundle".into(), limits, ..Default::default() };
    let first = api::anip_tree_digest(&entries(&input.entries), &raw);
    if !input.entries.is_empty() {
        let mut rotated: Vec<(String, Kind)> = Vec::new();
        let k = input.rotate as usize % input.entries.len();
        for (p, kind) in input.entries[k..].iter().chain(&input.entries[..k]) {
            rotated.push((p.clone(), match kind {
                Kind::File(b) => Kind::File(b.clone()),
                Kind::Symlink => Kind::Symlink,
                Kind::Special => Kind::Special,
            }));
        }
        let second = api::anip_tree_digest(&entries(&rotated), &raw);
        if let (Ok(a), Ok(b)) = (&first, &second) {
            assert_eq!(a.get("digest"), b.get("digest"), "raw digest depends on entry order");
        }
    }
    let target = ["python", "typescript", "go", "java", "csharp"][input.target as usize % 5];
    let mut vars = serde_like_map(&input.vars);
    let opts = Value::Object({
        let mut m = trustloop_core::api::json::Map::new();
        m.insert("applied", Value::Bool(true));
        m.insert("target", Value::String(target.into()));
        m.insert("system_name", Value::String(input.system_name.clone()));
        m.insert("package_id", Value::String(input.package_id.clone()));
        m.insert("vars", Value::Object(std::mem::take(&mut vars)));
        m.insert("max_entries", Value::from(256u64));
        m.insert("max_file_bytes", Value::from(65536u64));
        m
    });
    if let Ok(applied) = TreeDigestOptions::from_value(&opts) {
        let _ = api::anip_tree_digest(&entries(&input.entries), &applied);
    }
});

fn serde_like_map(vars: &[(String, String)]) -> trustloop_core::api::json::Map {
    let mut m = trustloop_core::api::json::Map::new();
    for (k, v) in vars.iter().take(16) {
        m.insert(k.clone(), Value::String(v.clone()));
    }
    m
}
