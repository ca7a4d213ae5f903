//! `trustloop anip …` (spec anip-trust-loop.md).
use clap::Subcommand;

mod build_local;
mod lock;
mod report;
mod verify;

#[derive(Subcommand)]
pub enum Command {
    /// Verify a package bundle or a service definition (`anip verify`).
    Verify(verify::Args),
    /// Consumer lock files (anip-package-lock/v1).
    #[command(subcommand)]
    Lock(lock::Command),
    /// Build and sign a local package from a service definition (`anip package build-local`).
    BuildLocal(build_local::Args),
}

pub fn run(command: Command) -> u8 {
    match command {
        Command::Verify(a) => verify::run(a),
        Command::Lock(c) => lock::run(c),
        Command::BuildLocal(a) => build_local::run(a),
    }
}
