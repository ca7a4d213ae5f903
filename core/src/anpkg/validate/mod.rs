//! The `.anpkg` validator (spec §12): an in-memory package tree → the first failure
//! with upstream's message (or, with `all`, every finding), each with a stable code.
//!
//! Steps run in upstream's order: structure (S), checksums (C), token scan (T),
//! manifest schema (P), references and runtime schema (R), static replay (RP1). The
//! replay itself (running `<bin> --check-config`) is the host's job; [`replay_failure`]
//! turns its outcome into upstream's message.
pub mod checksums;
pub mod codes;
pub mod documents;
pub mod manifest;
pub mod references;
pub mod schema;
pub mod schemas;
pub mod structure;
pub mod tokens;
pub mod tree;

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::emulate::python::yaml::Limits;
use crate::diag::Finding;
pub use tree::{Entry, Followed, Tree};

/// Validator options.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Report every finding instead of stopping at the first (upstream stops).
    pub all: bool,
    /// Limits for each YAML document.
    pub yaml_limits: Limits,
}

/// The outcome of static validation.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Findings in upstream's order; empty means the package passed. Without
    /// `Options::all` there is at most one.
    pub findings: Vec<Finding>,
    /// Package-relative path of the manual runtime profile, for the replay step
    /// (`<bin> --check-config <path>` with the package root as working directory).
    pub replay_config: Option<String>,
}

/// Signals "stop at the first finding".
pub struct Stop;

pub struct Ctx<'a> {
    pub tree: &'a Tree,
    pub opts: &'a Options,
    pub findings: Vec<Finding>,
    pub parsed: documents::Parsed,
}

impl Ctx<'_> {
    /// Records a finding; stops unless every finding was asked for.
    pub fn fail(&mut self, f: Finding) -> Result<(), Stop> {
        self.findings.push(f);
        if self.opts.all {
            Ok(())
        } else {
            Err(Stop)
        }
    }
}

/// Validates a package tree (archive contents or an extracted directory).
pub fn validate_tree(tree: &Tree, opts: &Options) -> Report {
    let mut ctx = Ctx { tree, opts, findings: Vec::new(), parsed: documents::Parsed::default() };
    let replay_config = run(&mut ctx).unwrap_or(None);
    Report { findings: ctx.findings, replay_config }
}

fn run(ctx: &mut Ctx<'_>) -> Result<Option<String>, Stop> {
    structure::check(ctx)?;
    checksums::check(ctx)?;
    tokens::check(ctx)?;
    let Some(manifest) = manifest::check(ctx)? else { return Ok(None) };
    if !ctx.findings.is_empty() {
        // --all: references assume a schema-valid manifest.
        return Ok(None);
    }
    references::check(ctx, &manifest)
}

/// RP4: the message for a replay that exited non-zero: trimmed stderr, else trimmed
/// stdout, else `exit <code>`.
pub fn replay_failure(config_rel: &str, exit_code: i32, stdout: &[u8], stderr: &[u8]) -> Finding {
    let err = String::from_utf8_lossy(stderr);
    let out = String::from_utf8_lossy(stdout);
    let detail = if !documents::py_strip(&err).is_empty() {
        String::from(documents::py_strip(&err))
    } else if !documents::py_strip(&out).is_empty() {
        String::from(documents::py_strip(&out))
    } else {
        format!("exit {exit_code}")
    };
    Finding::error(codes::REPLAY_FAILED, format!("Runtime replay check failed for {config_rel}: {detail}")).at_file(config_rel)
}
