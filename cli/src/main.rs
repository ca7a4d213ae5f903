//! `trustloop`: the native host. Flags and the terminal live here, files, processes
//! and the network in the `trustloop_host` crate (`cli/host/`); every decision is the core's.
#![forbid(unsafe_code)]
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use trustloop_core::api::budgets;

// First: the output macros are textually scoped.
#[macro_use]
mod stdout;
mod anip;
mod anpkg;
mod assets_pa;
mod color;
mod completions;
mod error;
mod exit;
mod input;
mod json;
mod keygen;
mod man;
mod many;

/// Verify ANIP packages, Anolis .anpkg handoff packages and Prometeu assets.pa archives.
#[derive(Parser)]
#[command(name = "trustloop", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Largest file read whole (bundle, definition, lock file, trust store, key, JSON), in bytes [default: 67108864]; the same as --limit input_bytes=BYTES.
    #[arg(long, global = true, value_name = "BYTES")]
    max_input_bytes: Option<usize>,
    /// Sets a resource budget for this run (repeatable; names and defaults in docs/limits.md, e.g. yaml_nodes=100000).
    #[arg(long = "limit", global = true, value_name = "NAME=N", value_parser = parse_limit)]
    limits: Vec<(String, usize)>,
    /// Colour the results: auto (only when stdout is a terminal and NO_COLOR is unset), always, never.
    #[arg(long, global = true, value_enum, default_value = "auto", value_name = "WHEN")]
    color: color::When,
}

#[derive(Subcommand)]
enum Command {
    /// ANIP package trust loop: verify, lock files, build-local, custom code bundles.
    #[command(subcommand)]
    Anip(Box<anip::Command>),
    /// Anolis commissioning handoff packages (.anpkg): validate and export.
    #[command(subcommand)]
    Anpkg(anpkg::Command),
    /// Prometeu runtime asset archives (assets.pa): pack, inspect, verify, extract.
    #[command(subcommand, name = "assets-pa")]
    AssetsPa(assets_pa::Command),
    /// Generate an Ed25519 key pair for signing packages.
    Keygen(keygen::Args),
    /// Canonical JSON and digests.
    #[command(subcommand)]
    Json(json::Command),
    /// Print a shell completion script (trustloop only; e.g. `trustloop completions bash > /etc/bash_completion.d/trustloop`).
    Completions(completions::Args),
    /// Print the trustloop(1) man page in roff (trustloop only; e.g. `trustloop man > trustloop.1`).
    Man,
}

fn main() -> ExitCode {
    // Upstream's commands take Go's flag syntax, one dash or two.
    let argv = anip::double_dashed(std::env::args_os().collect(), &<Cli as clap::CommandFactory>::command);
    let cli = match Cli::try_parse_from(&argv) {
        Ok(cli) => cli,
        Err(e) => {
            let argv: Vec<String> = argv.iter().map(|a| a.to_string_lossy().into_owned()).collect();
            // ... and answer a flag error as Go's `flag` package does.
            let cli = <Cli as clap::CommandFactory>::command();
            if let Some(text) = anip::go_parse_error(&e, &argv, &cli) {
                eprint!("{text}");
                return ExitCode::from(exit::UPSTREAM_USAGE);
            }
            return ExitCode::from(usage_error(&e, &argv, &cli));
        }
    };
    color::init(cli.color);
    let input_bytes = cli.max_input_bytes.map(|n| (String::from("input_bytes"), n));
    for (name, value) in cli.limits.iter().chain(input_bytes.iter()) {
        if let Err(e) = budgets::set(name, *value) {
            eprintln!("error: --limit {name}={value}: {}", e.0.message);
            return ExitCode::from(exit::USAGE);
        }
    }
    let code = match cli.command {
        Command::Anip(c) => anip::run(*c),
        Command::Anpkg(c) => anpkg::run(c),
        Command::AssetsPa(c) => assets_pa::run(c),
        Command::Keygen(a) => keygen::run(a),
        Command::Json(c) => json::run(c),
        Command::Completions(a) => completions::run(a, <Cli as clap::CommandFactory>::command()),
        Command::Man => man::run(<Cli as clap::CommandFactory>::command()),
    };
    ExitCode::from(code)
}

/// A clap parse error: `--help` and `--version` print and exit 0; a usage error exits
/// with its command's usage code (docs/exit-codes.md), and under `--json` is also the
/// JSON error object on stdout.
fn usage_error(e: &clap::Error, argv: &[String], cli: &clap::Command) -> u8 {
    if !e.use_stderr() {
        let _ = e.print();
        return exit::OK;
    }
    let code = exit::usage_for(&exit::command_path(argv, cli));
    let _ = e.print();
    if argv.iter().any(|a| a == "--json") {
        let text = e.render().to_string();
        let message = text.lines().next().unwrap_or_default().trim_start_matches("error: ");
        error::CliError::new(message, code).report(true);
    }
    code
}

/// `NAME=N` of `--limit`.
fn parse_limit(text: &str) -> Result<(String, usize), String> {
    let (name, value) = text.split_once('=').ok_or_else(|| format!("expected NAME=N, got {text:?}"))?;
    let value = value.parse().map_err(|_| format!("{name}: expected a non-negative integer, got {value:?}"))?;
    Ok((name.to_string(), value))
}
