//! `trustloop anip …` (spec anip-trust-loop.md).
use clap::Subcommand;

mod attach;
mod build_local;
mod bundle;
mod go_flags;
mod lint;
mod lock;
mod refcheck;
mod report;
mod verify;

pub use go_flags::{double_dashed, go_parse_error};

#[derive(Subcommand)]
pub enum Command {
    /// Verify a package bundle or a service definition (`anip verify`).
    Verify(verify::Args),
    /// Consumer lock files (anip-package-lock/v1).
    #[command(subcommand)]
    Lock(lock::Command),
    /// Build and sign a local package from a service definition (`anip package build-local`).
    BuildLocal(build_local::Args),
    /// Custom code bundles: tree digests, the generate report, declared materials.
    #[command(subcommand)]
    Bundle(bundle::Command),
    /// Remote custom code bundle refs: `ref check REF`.
    #[command(subcommand)]
    Ref(refcheck::Command),
    /// Add immutable implementation material to a package's publish request (`anip package attach-implementation`).
    AttachImplementation(attach::Args),
    /// Pre-publication checklist for a package bundle.
    Lint(lint::Args),
}

pub fn run(command: Command) -> u8 {
    match command {
        Command::Verify(a) => verify::run(a),
        Command::Lock(c) => lock::run(c),
        Command::BuildLocal(a) => build_local::run(a),
        Command::Bundle(c) => bundle::run(c),
        Command::Ref(c) => refcheck::run(c),
        Command::AttachImplementation(a) => attach::run(a),
        Command::Lint(a) => lint::run(a),
    }
}
