//! `trustloop anpkg …` (spec anpkg.md). One file per subcommand.
use clap::Subcommand;

mod export;
mod validate;

#[derive(Subcommand)]
pub enum Command {
    /// Validate a .anpkg archive or an extracted package directory, like `anolis-validate`.
    Validate(validate::Args),
    /// Export a canonical project folder to a .anpkg, byte-identical to `anolis-package`.
    Export(export::Args),
}

pub fn run(command: Command) -> u8 {
    match command {
        Command::Validate(args) => validate::run(args),
        Command::Export(args) => export::run(args),
    }
}
