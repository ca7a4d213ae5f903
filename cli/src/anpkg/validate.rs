//! `trustloop anpkg validate PKG... [--runtime-bin BIN] [--timeout SECS] [--json] [--all]`
//! (spec §12, §13.2): prints `Package validation passed: <path>` (stdout, exit 0) or
//! `Validation failed: <message>` (stderr, exit 1), like `anolis-validate`.
//!
//! Several packages (a trustloop addition; `anolis-validate` takes one) are validated on
//! every core (a progress bar on a terminal) and reported in order, each as above, except that a failure line starts with `<path>: `;
//! then one summary line on stderr. Exit 1 when any failed. Under `--json`, an array of
//! the results, in order. One package keeps the single-package output exactly.
//! `-` is an archive read from standard input (at most `--max-input-bytes`).
//!
//! The host part (resolving the path, walking a directory into the core's tree, the
//! replay as a sandboxed child: allowlisted environment, own process group, timeout) is
//! `trustloop_host::anpkg::validate`, shared with the Python and Node bindings.
//! An archive is validated in memory; only a replay materialises it, into a fresh
//! temporary directory, after the archive passed every hardening check.
use std::time::Duration;

use clap::Parser;
use trustloop_host::anpkg::validate::{validate, Package, Replay, Validated};
use trustloop_core::api::anpkg::package::codes;
use trustloop_core::api::anpkg::{Outcome, ReplayStatus, ValidateOptions};
use trustloop_core::api::diag::Finding;
use trustloop_core::api::anpkg::package::ArchiveLimits;
use trustloop_core::api::json;

#[derive(Parser)]
pub struct Args {
    /// Package archives (.anpkg/.zip, or any zip) or extracted package directories; `-` is an archive on standard input.
    #[arg(required = true)]
    package_paths: Vec<String>,
    /// Runtime binary to replay `--check-config runtime/anolis-runtime.yaml` with.
    #[arg(long = "runtime-bin")]
    runtime_bin: Option<String>,
    /// Replay timeout in seconds (upstream has none); the runtime's whole process group is killed then.
    #[arg(long, default_value_t = 30)]
    timeout: u64,
    /// Pass this environment variable to the runtime too (repeatable). Only PATH, HOME, USER,
    /// LOGNAME, SHELL, LANG, LANGUAGE, LC_*, TZ, TMPDIR, TERM and PWD are passed otherwise.
    #[arg(long = "replay-env", value_name = "NAME")]
    replay_env: Vec<String>,
    /// Print the result as JSON (the shape every host returns).
    #[arg(long)]
    json: bool,
    /// Report every finding instead of the first.
    #[arg(long)]
    all: bool,
    /// Most archive entries [default: the zip_entries budget, 10000].
    #[arg(long)]
    max_entries: Option<usize>,
    /// Largest uncompressed entry, in bytes [default: zip_entry_bytes, 64 MiB].
    #[arg(long)]
    max_entry_size: Option<u64>,
    /// Largest uncompressed total, in bytes (also caps what a directory walk reads) [default: zip_total_bytes, 256 MiB].
    #[arg(long)]
    max_total_size: Option<u64>,
    /// Largest compression ratio of an entry, and of all entries summed, of at least --ratio-min-size bytes [default: zip_ratio, 100].
    #[arg(long)]
    max_ratio: Option<u64>,
    /// [default: zip_ratio_min_bytes, 1 MiB]
    #[arg(long)]
    ratio_min_size: Option<u64>,
}

pub fn run(args: Args) -> u8 {
    let results: Vec<Validated> = crate::many::each(&args.package_paths, |path| validate_one(&args, path));
    let failed = results.iter().filter(|v| !v.outcome.passed()).count();
    let several = results.len() > 1;
    if args.json {
        let values: Vec<_> = results.iter().map(Validated::to_value).collect();
        let shown = if several { json::Value::Array(values) } else { values.into_iter().next().unwrap_or_default() };
        outln!("{}", json::to_pretty(&shown));
    } else {
        for validated in &results {
            print_outcome(validated, several, args.all);
        }
        if several {
            eprintln!("{} of {} packages failed validation", failed, results.len());
        }
    }
    u8::from(failed > 0)
}

fn validate_one(args: &Args, path: &str) -> Validated {
    // Defaults are read now, after `--limit` has set the budgets.
    let budget = ArchiveLimits::default();
    let options = ValidateOptions {
        all: args.all,
        archive_limits: ArchiveLimits {
            max_entries: args.max_entries.unwrap_or(budget.max_entries),
            max_entry_size: args.max_entry_size.unwrap_or(budget.max_entry_size),
            max_total_size: args.max_total_size.unwrap_or(budget.max_total_size),
            max_ratio: args.max_ratio.unwrap_or(budget.max_ratio),
            ratio_min_size: args.ratio_min_size.unwrap_or(budget.ratio_min_size),
        },
        ..ValidateOptions::default()
    };
    let replay = args.runtime_bin.clone().map(|bin| Replay {
        bin,
        timeout: Duration::from_secs(args.timeout),
        pass_env: args.replay_env.clone(),
    });
    if path != crate::input::STDIN {
        return validate(Package::Path(path), options, replay.as_ref());
    }
    // An archive on standard input, within the budget of an archive file, with its messages.
    let cap = options.archive_limits.max_total_size;
    let refused = |finding: Finding| Validated {
        outcome: Outcome { path: path.to_string(), findings: vec![finding], tree: None, replay_config: None },
        replay: ReplayStatus::NotRequested,
    };
    match crate::input::read_stdin_within(cap, "package") {
        Ok(Some(bytes)) => validate(Package::Bytes(&bytes), ValidateOptions { path: path.to_string(), ..options }, replay.as_ref()),
        Ok(None) => refused(Finding::error(codes::ZIP_TOO_LARGE, format!("Package file is larger than {cap} bytes: {path}"))),
        Err(message) => refused(Finding::error(codes::PATH_NOT_FOUND, format!("Package path not readable: {message}"))),
    }
}

fn print_outcome(validated: &Validated, several: bool, all: bool) {
    let outcome = &validated.outcome;
    if outcome.passed() {
        outln!("{}", outcome.message());
        return;
    }
    let which = if several { format!("{}: ", outcome.path) } else { String::new() };
    eprintln!("{which}{}", outcome.message());
    if all {
        for f in &outcome.findings {
            eprintln!("- {}: {}", f.code, f.message);
        }
    }
}
