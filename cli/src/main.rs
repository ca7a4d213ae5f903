//! `trustloop`: the native host. Flags and the terminal live here, files, processes
//! and the network in the library's `trustloop_cli::host`; every decision is the core's.
#![forbid(unsafe_code)]
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod anip;
mod anpkg;
mod assets_pa;
mod json;
mod keygen;

/// Verify ANIP packages, Anolis .anpkg handoff packages and Prometeu assets.pa archives.
#[derive(Parser)]
#[command(name = "trustloop", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Largest file read whole (bundle, definition, lock file, trust store, key, JSON), in bytes.
    #[arg(long, global = true, value_name = "BYTES", default_value_t = trustloop_cli::host::files::DEFAULT_MAX_INPUT_BYTES)]
    max_input_bytes: u64,
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
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let argv: Vec<String> = std::env::args_os().map(|a| a.to_string_lossy().into_owned()).collect();
            // Upstream's commands answer an unknown flag as Go's `flag` package does.
            if let Some(text) = anip::unknown_flag_usage(&e, &argv, &<Cli as clap::CommandFactory>::command()) {
                eprint!("{text}");
                return ExitCode::from(2);
            }
            e.exit()
        }
    };
    trustloop_cli::host::files::set_max_input_bytes(cli.max_input_bytes);
    let code = match cli.command {
        Command::Anip(c) => anip::run(*c),
        Command::Anpkg(c) => anpkg::run(c),
        Command::AssetsPa(c) => assets_pa::run(c),
        Command::Keygen(a) => keygen::run(a),
        Command::Json(c) => json::run(c),
    };
    ExitCode::from(code)
}
