//! Independent second opinion on the `.anpkg` JSON Schemas (spec anpkg.md §6.2, §7.3):
//! the `jsonschema` crate against trustloop's own draft-07 evaluator
//! (`trustloop_core::api::anpkg::schema::errors`).
//!
//! trustloop's evaluator stays the primary one (it works on PyYAML values and prints
//! Python jsonschema's messages, see `docs/conformance/anpkg-validate.md`). This test
//! checks that (a) both schema files are standard draft-07 JSON Schema, and (b) on
//! every JSON-representable document — the fixture runtime configs and machine
//! profiles, plus mutations derived from the schemas' structure — the crate and
//! trustloop reach the same valid/invalid verdict; and (c, `micro.rs`) so do they on
//! one-keyword schemas over Python-vs-JSON equality edges, where no `type` keyword
//! masks a wrong rule. Any disagreement fails. With `TRUSTLOOP_ANPKG_XCHECK_DUMP=<dir>`
//! the documents are written out for `tests/anpkg/schema_xcheck/reference.py`, which
//! replays them through Python jsonschema 4.26 (the reference) to say who is right.
//!
//! Known semantic differences, handled explicitly:
//! * Python `re`'s `$` also matches before one final `\n`; ECMA-262's does not. No
//!   generated string ends with `\n`; a fixture document holding such a string is
//!   counted as excluded, and `trailing_newline_is_the_one_known_pattern_difference`
//!   pins the difference itself.
//! * `1 == 1.0` and `True != 1`, integral floats as `integer`: generated on purpose
//!   (categories `int-as-float`, `bool-for-number`, `const-*`) and must agree.
//! * `format`: the schemas use none; assertions are off in the crate as in Python.
mod convert;
mod draft07;
mod fixtures;
mod micro;
mod mutate;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::{json, Value as J};
use trustloop_conformance::{fixtures_dir, is_ci};
use trustloop_core::api::anpkg::schema;
use trustloop_core::api::anpkg::yaml::{self, Value as Y};

use convert::{has_string_ending_in_newline, to_json, to_yaml};
use draft07::{schema_keywords, DRAFT7_KEYWORDS};
use fixtures::{fixture_docs, NON_JSON_TAILS};
use mutate::{apply, mutations, sample};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    MachineProfile,
    RuntimeConfig,
}

impl Kind {
    const ALL: [Kind; 2] = [Kind::MachineProfile, Kind::RuntimeConfig];

    fn bundled(self) -> schema::Schema {
        match self {
            Kind::MachineProfile => schema::Schema::MachineProfile,
            Kind::RuntimeConfig => schema::Schema::RuntimeConfig,
        }
    }

    fn text(self) -> &'static str {
        self.bundled().text()
    }

    fn schema(self) -> J {
        serde_json::from_str(self.text()).expect("bundled schema is JSON")
    }

    fn validator(self) -> jsonschema::Validator {
        jsonschema::draft7::options()
            .should_validate_formats(false)
            .build(&self.schema())
            .expect("schema compiles as draft-07")
    }

    /// trustloop's verdict (and first message) on a PyYAML value.
    fn trustloop_first_error(self, doc: &Y) -> Option<String> {
        schema::errors(self.bundled(), doc).first().map(|e| format!("{}: {}", e.path_string(), e.message))
    }
}

#[test]
fn both_schemas_are_standard_draft07() {
    for kind in Kind::ALL {
        let schema = kind.schema();
        assert_eq!(schema["$schema"], json!("http://json-schema.org/draft-07/schema#"), "{kind:?} declares draft-07");
        if let Err(e) = jsonschema::draft7::meta::validate(&schema) {
            panic!("{kind:?} schema fails the draft-07 meta-schema: {e} at {}", e.instance_path());
        }
        jsonschema::draft7::new(&schema).unwrap_or_else(|e| panic!("{kind:?} does not compile: {e}"));
        let mut used = Vec::new();
        schema_keywords(&schema, "#", &mut used);
        assert!(used.len() > 50, "{kind:?}: keyword walk found too little ({})", used.len());
        for (at, k) in used {
            assert!(DRAFT7_KEYWORDS.contains(&k.as_str()), "{kind:?}: {at} uses {k:?}, not a draft-07 keyword");
        }
    }
    // The meta-schema check can fail: a broken schema is rejected.
    assert!(!jsonschema::draft7::meta::is_valid(&json!({"type": "objekt"})));
    assert!(!jsonschema::draft7::meta::is_valid(&json!({"properties": {"a": {"minLength": -1}}})));
}

struct Subject {
    label: String,
    kind: Kind,
    /// The value trustloop validates (the loader's own value for fixtures).
    yaml: Y,
    json: J,
}

/// Opt-in: a directory to write the compared documents to, as JSON lines
/// (`corpus.jsonl`: kind, label, doc, trustloop's first error; `micro.jsonl`: schema,
/// value, trustloop's first error), for `tests/anpkg/schema_xcheck/reference.py`,
/// which replays them through Python jsonschema (the reference).
const DUMP_ENV: &str = "TRUSTLOOP_ANPKG_XCHECK_DUMP";

fn write_dump(name: &str, mut lines: Vec<String>) {
    if let Some(dir) = std::env::var_os(DUMP_ENV) {
        let path = Path::new(&dir).join(name);
        lines.push(String::new());
        std::fs::create_dir_all(Path::new(&dir)).expect("dump directory");
        std::fs::write(&path, lines.join("\n")).expect("dump written");
        println!("{} documents written to {}", lines.len() - 1, path.display());
    }
}

#[derive(Default)]
struct Counts {
    fixtures_loaded: usize,
    fixtures_checked: usize,
    generated: usize,
    skipped_non_json: BTreeMap<&'static str, usize>,
    excluded_trailing_newline: usize,
    agree_valid: usize,
    agree_invalid: usize,
    by_category: BTreeMap<&'static str, usize>,
}

#[test]
fn crate_and_trustloop_agree_on_every_json_document() {
    let anpkg = fixtures_dir().join("anpkg");
    if !anpkg.is_dir() {
        assert!(!is_ci(), "CI=true but fixtures folder {} is missing", anpkg.display());
        eprintln!(
            "NOT RUN: crate_and_trustloop_agree_on_every_json_document, fixtures folder missing ({})",
            anpkg.display()
        );
        return;
    }
    let mut counts = Counts::default();
    let mut subjects: Vec<Subject> = Vec::new();
    let mut seen: BTreeSet<(Kind, String)> = BTreeSet::new();

    // Fixture documents, and their non-JSON variants (which must be skipped).
    let docs = fixture_docs(&anpkg);
    for kind in Kind::ALL {
        assert!(docs.iter().any(|d| d.kind == kind), "no {kind:?} fixture found under {}", anpkg.display());
    }
    let mut bases: Vec<(Kind, String, J)> = Vec::new();
    for doc in &docs {
        counts.fixtures_loaded += 1;
        let value = yaml::safe_load(&doc.text).unwrap_or_else(|e| panic!("{}: fixture YAML loads: {e:?}", doc.label));
        match to_json(&value) {
            Err(why) => *counts.skipped_non_json.entry(why).or_default() += 1,
            Ok(j) if has_string_ending_in_newline(&j) => counts.excluded_trailing_newline += 1,
            Ok(j) => {
                counts.fixtures_checked += 1;
                seen.insert((doc.kind, j.to_string()));
                bases.push((doc.kind, doc.label.clone(), j.clone()));
                subjects.push(Subject { label: doc.label.clone(), kind: doc.kind, yaml: value, json: j });
            }
        }
        let text = if doc.text.ends_with('\n') { doc.text.clone() } else { format!("{}\n", doc.text) };
        for tail in NON_JSON_TAILS {
            let variant =
                yaml::safe_load(&format!("{text}{tail}")).unwrap_or_else(|e| panic!("{} + {tail:?}: {e:?}", doc.label));
            match to_json(&variant) {
                Err(why) => *counts.skipped_non_json.entry(why).or_default() += 1,
                Ok(_) => panic!("{} + {tail:?} converted to JSON; it must be skipped", doc.label),
            }
        }
    }

    // One rich synthetic base per schema, then schema-derived mutations of every base.
    for kind in Kind::ALL {
        let schema = kind.schema();
        let rich = sample(&schema, &schema, true, 0).expect("schema has a sample");
        bases.push((kind, format!("synthetic-full-{kind:?}"), rich));
    }
    for (kind, label, base) in &bases {
        let schema = kind.schema();
        let mut muts = Vec::new();
        mutations(base, &schema, &schema, &[], 0, &mut muts);
        let mut generated = vec![(String::from("base"), "base", base.clone())];
        for (i, m) in muts.iter().enumerate() {
            if let Some(doc) = apply(base, m) {
                generated.push((format!("#{i} {} at {:?}", m.category, m.path), m.category, doc));
            }
        }
        for (what, category, doc) in generated {
            assert!(!has_string_ending_in_newline(&doc), "generator made a trailing-newline string: {label} {what}");
            if !seen.insert((*kind, doc.to_string())) {
                continue;
            }
            counts.generated += 1;
            *counts.by_category.entry(category).or_default() += 1;
            subjects.push(Subject { label: format!("{label} {what}"), kind: *kind, yaml: to_yaml(&doc), json: doc });
        }
    }

    // Both evaluators on every subject.
    let mut dump = Vec::new();
    let validators: BTreeMap<Kind, jsonschema::Validator> = Kind::ALL.iter().map(|k| (*k, k.validator())).collect();
    let mut disagreements = Vec::new();
    for s in &subjects {
        // The conversion is faithful: the JSON value maps back to what trustloop sees.
        assert_eq!(to_json(&to_yaml(&s.json)).as_ref(), Ok(&s.json), "{}: JSON ↔ YAML round trip", s.label);
        let ours = s.kind.trustloop_first_error(&s.yaml);
        let theirs = validators[&s.kind].validate(&s.json).err().map(|e| format!("{}: {e}", e.instance_path()));
        if std::env::var_os(DUMP_ENV).is_some() {
            let kind = match s.kind {
                Kind::MachineProfile => "machine-profile",
                Kind::RuntimeConfig => "runtime-config",
            };
            dump.push(json!({"kind": kind, "label": s.label, "doc": s.json, "trustloop": ours}).to_string());
        }
        match (&ours, &theirs) {
            (None, None) => counts.agree_valid += 1,
            (Some(_), Some(_)) => counts.agree_invalid += 1,
            _ => disagreements.push(format!(
                "{} [{:?}]\n  document: {}\n  trustloop: {}\n  jsonschema crate: {}",
                s.label,
                s.kind,
                s.json,
                ours.as_deref().unwrap_or("valid"),
                theirs.as_deref().unwrap_or("valid"),
            )),
        }
    }

    write_dump("corpus.jsonl", dump);
    println!("anpkg schema cross-check (jsonschema crate vs trustloop evaluator):");
    println!("  fixture documents loaded: {}", counts.fixtures_loaded);
    println!("  fixture documents checked: {}", counts.fixtures_checked);
    println!("  generated documents checked: {}", counts.generated);
    println!(
        "  skipped as non-JSON: {} {:?}",
        counts.skipped_non_json.values().sum::<usize>(),
        counts.skipped_non_json
    );
    println!("  excluded (string ending in \\n, Python `$`): {}", counts.excluded_trailing_newline);
    println!(
        "  verdict agreements: {} ({} valid, {} invalid)",
        counts.agree_valid + counts.agree_invalid,
        counts.agree_valid,
        counts.agree_invalid
    );
    println!("  disagreements: {}", disagreements.len());
    println!("  generated by category: {:?}", counts.by_category);

    assert!(disagreements.is_empty(), "{} verdict disagreements:\n{}", disagreements.len(), disagreements.join("\n"));
    // A cross-check that saw only one verdict, or few documents, proves nothing.
    assert!(counts.generated >= 200, "only {} generated documents", counts.generated);
    assert!(
        counts.agree_valid >= 20 && counts.agree_invalid >= 100,
        "verdicts too one-sided: {} valid, {} invalid",
        counts.agree_valid,
        counts.agree_invalid
    );
    for category in [
        "wrong-type",
        "missing-required",
        "range",
        "extra-property",
        "enum-miss",
        "pattern-miss",
        "const-bool-vs-int",
        "int-as-float",
    ] {
        assert!(counts.by_category.get(category).is_some_and(|n| *n > 0), "no {category} mutation generated");
    }
}

/// The one difference the corpus excludes, pinned: Python's `re.search('^…$', s)`
/// accepts one trailing `\n` (trustloop follows it, as upstream does); the crate's
/// ECMA-262 `$` does not. If either side changes, this fails and the exclusion above
/// must be revisited.
#[test]
fn trailing_newline_is_the_one_known_pattern_difference() {
    let schema = Kind::MachineProfile.schema();
    let mut doc = sample(&schema, &schema, false, 0).expect("sample");
    assert!(Kind::MachineProfile.trustloop_first_error(&to_yaml(&doc)).is_none(), "sample profile is valid: {doc}");
    assert!(Kind::MachineProfile.validator().is_valid(&doc));
    doc["machine_id"] = json!("abc\n");
    assert_eq!(
        Kind::MachineProfile.trustloop_first_error(&to_yaml(&doc)),
        None,
        "Python `$` matches before a final newline"
    );
    assert!(!Kind::MachineProfile.validator().is_valid(&doc), "ECMA-262 `$` does not");
}
