//! The fixture corpus: every machine profile and runtime config under
//! `$TRUSTLOOP_FIXTURES/anpkg/` (inputs, and inside the packages).
use std::path::Path;

use trustloop_core::api::anpkg::package::{read_archive, ArchiveLimits};

use crate::Kind;

pub struct FixtureDoc {
    pub label: String,
    pub kind: Kind,
    pub text: String,
}

pub fn kind_of(file_name: &str, rel: &str) -> Option<Kind> {
    if file_name == "machine-profile.yaml" {
        Some(Kind::MachineProfile)
    } else if file_name.ends_with(".yaml") && (file_name.starts_with("anolis-runtime") || rel.starts_with("runtime/")) {
        Some(Kind::RuntimeConfig)
    } else {
        None
    }
}

/// Every machine profile and runtime config under `anpkg/inputs/` and inside
/// `anpkg/packages/*.anpkg`, sorted by label.
pub fn fixture_docs(anpkg: &Path) -> Vec<FixtureDoc> {
    fn walk(dir: &Path, base: &Path, out: &mut Vec<FixtureDoc>) {
        let mut entries: Vec<_> =
            std::fs::read_dir(dir).expect("readable fixture dir").flatten().map(|e| e.path()).collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, base, out);
                continue;
            }
            let rel = p.strip_prefix(base).unwrap_or(&p).to_string_lossy().replace('\\', "/");
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            if let Some(kind) = kind_of(&name, &rel) {
                let text = String::from_utf8(std::fs::read(&p).expect("readable")).expect("UTF-8 fixture");
                out.push(FixtureDoc { label: rel, kind, text });
            }
        }
    }
    let mut out = Vec::new();
    walk(&anpkg.join("inputs"), anpkg, &mut out);
    let mut packages: Vec<_> =
        std::fs::read_dir(anpkg.join("packages")).expect("packages dir").flatten().map(|e| e.path()).collect();
    packages.sort();
    for pkg in packages.iter().filter(|p| p.extension().is_some_and(|x| x == "anpkg")) {
        let bytes = std::fs::read(pkg).expect("readable package");
        let tree = read_archive(&bytes, "pkg", &ArchiveLimits::default(), false).expect("fixture archive reads");
        for (rel, data) in tree.files() {
            let name = rel.rsplit('/').next().unwrap_or(rel);
            if let Some(kind) = kind_of(name, rel) {
                let label = format!("packages/{}!{rel}", pkg.file_name().unwrap().to_string_lossy());
                out.push(FixtureDoc { label, kind, text: String::from_utf8(data.to_vec()).expect("UTF-8 entry") });
            }
        }
    }
    out
}

/// YAML-level variants that PyYAML loads into values JSON cannot hold; each must be
/// recognised and skipped, never compared through a lossy conversion.
pub const NON_JSON_TAILS: &[&str] = &[
    "zz_date: 2026-04-03\n",
    "zz_datetime: 2026-04-03 10:00:00\n",
    "zz_nan: .nan\n",
    "zz_inf: -.inf\n",
    "zz_big: 123456789012345678901234567890\n",
    "zz_set: !!set {a, b}\n",
    "zz_pairs: !!pairs [{a: 1}]\n",
    "zz_bytes: !!binary aGVsbG8=\n",
    "12: integer key\n",
    "2026-04-03: date key\n",
];
