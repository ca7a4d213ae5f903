//! `trustloop anpkg …` (spec anpkg.md). One file per subcommand.
use clap::Subcommand;

mod export;
mod validate;

#[derive(Subcommand)]
pub enum Command {
    /// Validate .anpkg archives or extracted package directories, like `anolis-validate` (which takes one).
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
