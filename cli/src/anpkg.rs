//! `trustloop anpkg …` (spec anpkg.md).
use clap::Subcommand;

#[derive(Subcommand)]
pub enum Command {}

pub fn run(command: Command) -> u8 {
    match command {}
}
