//! `anpkg validate` as every host calls it: bytes of an archive (or a tree a host
//! collected from a directory) plus options → the JSON-shaped result the CLI prints
//! with `--json`.
//!
//! Result shape:
//! ```text
//! {"valid": bool, "path": "<shown path>", "message": "Package validation passed: …" | "Validation failed: …",
//!  "code": null | "<first finding code>", "findings": [{code, severity, message, location}],
//!  "replay": {"status": "not_requested" | "unavailable" | "skipped" | "passed" | "failed", "config": "runtime/anolis-runtime.yaml" | null}}
//! ```
//! The replay itself runs in hosts that can spawn processes (CLI, Python, Node); the
//! core only reports the static part and turns the outcome into upstream's message.
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::anpkg::archive::{looks_like_zip, read_archive, ArchiveLimits};
use crate::anpkg::validate::{codes, validate_tree, Options, Report, Tree};
use crate::emulate::python::yaml::Limits;
use crate::diag::{findings_to_value, Error, Finding};
use crate::json::{Map, Value};

/// Options of `anpkg validate`.
#[derive(Clone, Debug)]
pub struct ValidateOptions {
    /// Path shown in messages (`Package validation passed: <path>`); hosts pass the
    /// absolute input path. Also decides `.anpkg`/`.zip` vs other suffixes (M3).
    pub path: String,
    /// Report every finding instead of the first.
    pub all: bool,
    pub archive_limits: ArchiveLimits,
    pub yaml_limits: Limits,
}

impl Default for ValidateOptions {
    fn default() -> Self {
        ValidateOptions {
            path: String::from("package.anpkg"),
            all: false,
            archive_limits: ArchiveLimits::default(),
            yaml_limits: Limits::default(),
        }
    }
}

impl ValidateOptions {
    /// From a binding's options object: `path`, `all`, `max_entries`,
    /// `max_entry_size`, `max_total_size`, `max_ratio`, `ratio_min_size`
    /// (unknown keys are an `INVALID_OPTION` error).
    pub fn from_value(v: &Value) -> Result<Self, Error> {
        let mut o = ValidateOptions::default();
        let Some(map) = v.as_object() else { return Ok(o) };
        let bad = |k: &str, what: &str| Error::new("INVALID_OPTION", format!("option {k:?} must be {what}"));
        for (k, val) in map.iter() {
            let count = || -> Result<u64, Error> {
                match val.as_f64() {
                    Some(n) if n >= 0.0 && n.fract() == 0.0 && n <= 9.0e15 => Ok(n as u64),
                    _ => Err(bad(k, "a non-negative integer")),
                }
            };
            match k.as_str() {
                "path" => o.path = String::from(val.as_str().ok_or_else(|| bad(k, "a string"))?),
                "all" => o.all = val.as_bool().ok_or_else(|| bad(k, "a boolean"))?,
                "max_entries" => o.archive_limits.max_entries = count()? as usize,
                "max_entry_size" => o.archive_limits.max_entry_size = count()?,
                "max_total_size" => o.archive_limits.max_total_size = count()?,
                "max_ratio" => o.archive_limits.max_ratio = count()?,
                "ratio_min_size" => o.archive_limits.ratio_min_size = count()?,
                "runtime_bin" | "timeout_seconds" | "replay_env" => {} // host-side replay options
                other => return Err(Error::new("INVALID_OPTION", format!("unknown option {other:?}"))),
            }
        }
        Ok(o)
    }

    fn validator(&self) -> Options {
        Options { all: self.all, yaml_limits: self.yaml_limits }
    }
}

/// The outcome before it becomes JSON, for hosts that run the replay.
#[derive(Clone, Debug)]
pub struct Outcome {
    pub path: String,
    pub findings: Vec<Finding>,
    /// The archive's tree (for a host that must materialise it for the replay).
    pub tree: Option<Tree>,
    /// Manual runtime profile (package-relative) when static validation passed.
    pub replay_config: Option<String>,
}

/// Validates archive bytes (M3, M5, hardening, then the rules).
pub fn validate_archive(bytes: &[u8], options: &ValidateOptions) -> Outcome {
    let path = options.path.clone();
    let fail = |f: Finding| Outcome { path: path.clone(), findings: alloc::vec![f], tree: None, replay_config: None };
    if !looks_like_zip(bytes) {
        let lower = options.path.to_lowercase();
        if lower.ends_with(".anpkg") || lower.ends_with(".zip") {
            // Upstream: uncaught BadZipFile (ANPKG-VAL-M5/U1).
            return fail(Finding::error(codes::NOT_A_ZIP, "File is not a zip file").at_file(options.path.as_str()));
        }
        return fail(Finding::error(codes::UNSUPPORTED_FORMAT, format!("Unsupported package format: {}", options.path)));
    }
    match read_archive(bytes, &options.path, &options.archive_limits, options.all) {
        Err(findings) => Outcome { path, findings, tree: None, replay_config: None },
        Ok(tree) => {
            let Report { findings, replay_config } = validate_tree(&tree, &options.validator());
            Outcome { path, findings, tree: Some(tree), replay_config }
        }
    }
}

/// Validates a tree a host collected from an extracted directory (M1).
pub fn validate_directory(tree: &Tree, options: &ValidateOptions) -> Outcome {
    let Report { findings, replay_config } = validate_tree(tree, &options.validator());
    Outcome { path: options.path.clone(), findings, tree: None, replay_config }
}

/// Replay status reported in the result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReplayStatus {
    NotRequested,
    Unavailable,
    Skipped,
    Passed,
    Failed,
}

impl ReplayStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ReplayStatus::NotRequested => "not_requested",
            ReplayStatus::Unavailable => "unavailable",
            ReplayStatus::Skipped => "skipped",
            ReplayStatus::Passed => "passed",
            ReplayStatus::Failed => "failed",
        }
    }
}

impl Outcome {
    pub fn passed(&self) -> bool {
        self.findings.is_empty()
    }

    /// The line upstream prints: `Package validation passed: <path>` or
    /// `Validation failed: <message>`.
    pub fn message(&self) -> String {
        match self.findings.first() {
            None => format!("Package validation passed: {}", self.path),
            Some(f) => format!("Validation failed: {}", f.message),
        }
    }

    /// The result every host returns.
    pub fn to_value(&self, replay: ReplayStatus) -> Value {
        let code = self.findings.first().map_or(Value::Null, |f| Value::String(String::from(f.code)));
        let replay = Map::record()
            .with("status", replay.as_str())
            .with("config", self.replay_config.as_deref().map_or(Value::Null, |c| Value::String(String::from(c))));
        Map::record()
            .with("valid", self.passed())
            .with("path", self.path.as_str())
            .with("message", self.message())
            .with("code", code)
            .with("findings", findings_to_value(&self.findings))
            .with("replay", replay)
            .into()
    }
}

/// One-call form for hosts without replay (WASM): archive bytes → result JSON.
pub fn anpkg_validate(bytes: &[u8], options: &ValidateOptions) -> Value {
    let outcome = validate_archive(bytes, options);
    outcome.to_value(ReplayStatus::NotRequested)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::{Digest, Sha256};
    use std::io::{Cursor, Write};

    const MANIFEST: &str = "schema_version: 1\nmachine_id: m\ndisplay_name: m\nruntime_profiles:\n  manual: runtime/anolis-runtime.yaml\nproviders:\n  sim0:\n    config: providers/sim0.yaml\ncompatibility:\n  runtime: {config_contract: a, http_contract: b}\n  providers:\n    sim0: {strategy: local-build, version: x}\n";
    const RUNTIME: &str = "providers:\n- id: sim0\n  command: x\n  args: [--config, providers/sim0.yaml]\n";

    fn package(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut all: Vec<(String, Vec<u8>)> = alloc::vec![
            ("machine-profile.yaml".into(), MANIFEST.as_bytes().to_vec()),
            ("meta/provenance.json".into(), b"{}".to_vec()),
            ("providers/sim0.yaml".into(), b"provider: {name: sim0}\n".to_vec()),
            ("runtime/anolis-runtime.yaml".into(), RUNTIME.as_bytes().to_vec()),
        ];
        for (name, data) in files {
            all.retain(|(n, _)| n != name);
            all.push(((*name).into(), data.to_vec()));
        }
        all.sort();
        let mut sums = String::new();
        for (n, d) in &all {
            sums.push_str(&format!("{}  {n}\n", crate::digest::hex(&Sha256::digest(d))));
        }
        all.push(("meta/checksums.sha256".into(), sums.into_bytes()));
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (n, d) in &all {
            w.start_file(n.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
            w.write_all(d).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    fn run(files: &[(&str, &[u8])]) -> Value {
        anpkg_validate(&package(files), &ValidateOptions { path: "/p/pkg.anpkg".into(), ..ValidateOptions::default() })
    }

    #[test]
    fn a_minimal_package_passes() {
        let v = run(&[]);
        assert_eq!(v.get("valid"), Some(&Value::Bool(true)), "{v:?}");
        assert_eq!(v.str_at("message"), "Package validation passed: /p/pkg.anpkg");
    }

    #[test]
    fn unreadable_documents_are_clean_failures() {
        for (file, data, code) in [
            ("providers/sim0.yaml", b"a: [\n".as_slice(), codes::YAML_SYNTAX),
            ("providers/sim0.yaml", b"a: \"\xe9\"\n".as_slice(), codes::FILE_NOT_UTF8),
            ("meta/provenance.json", b"{not json".as_slice(), codes::JSON_SYNTAX),
            ("providers/sim0.yaml", b"a: 1\n---\nb: 2\n".as_slice(), codes::YAML_MULTIPLE_DOCUMENTS),
        ] {
            let v = run(&[(file, data)]);
            assert_eq!(v.str_at("code"), code, "{v:?}");
            assert_eq!(v.get("valid"), Some(&Value::Bool(false)));
        }
        let opts = ValidateOptions { path: "/p/x.anpkg".into(), ..ValidateOptions::default() };
        assert_eq!(anpkg_validate(b"not a zip", &opts).str_at("code"), codes::NOT_A_ZIP);
        let opts = ValidateOptions { path: "/p/x.txt".into(), ..ValidateOptions::default() };
        assert_eq!(anpkg_validate(b"not a zip", &opts).str_at("message"), "Validation failed: Unsupported package format: /p/x.txt");
    }

    #[test]
    fn upstream_messages_and_all_mode() {
        let v = run(&[("providers/sim0.yaml", b"api_token: x\n")]);
        assert_eq!(v.str_at("message"), "Validation failed: Secret-like token value leaked at providers/sim0.yaml:$.api_token");
        let bad = RUNTIME.replace("args: [--config, providers/sim0.yaml]", "args: [--config, ../../outside.yaml]");
        let v = run(&[("runtime/anolis-runtime.yaml", bad.as_bytes())]);
        assert_eq!(v.str_at("message"), "Validation failed: runtime.providers[0].args(--config): path escapes package root: ../../outside.yaml");
        let opts = ValidateOptions { all: true, ..ValidateOptions::default() };
        let pkg = package(&[("providers/sim0.yaml", b"token: a\nx_token: b\n")]);
        let v = anpkg_validate(&pkg, &opts);
        let n = v.get("findings").and_then(Value::as_array).map_or(0, <[Value]>::len);
        assert_eq!(n, 2, "{v:?}");
        let opts = ValidateOptions::from_value(&crate::json::parse(br#"{"all": true, "max_entries": 3}"#).unwrap()).unwrap();
        assert!(opts.all);
        assert_eq!(anpkg_validate(&pkg, &opts).str_at("code"), codes::ZIP_TOO_MANY_ENTRIES);
        assert!(ValidateOptions::from_value(&crate::json::parse(br#"{"nope": 1}"#).unwrap()).is_err());
    }
}
