//! `trustloop completions SHELL`: the completion script clap_complete derives from the
//! same definitions that parse the command line, so it cannot drift from the flags.
use clap::Args as ClapArgs;
use clap_complete::Shell;

#[derive(ClapArgs)]
pub struct Args {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: Shell,
}

pub fn run(args: Args, mut cli: clap::Command) -> u8 {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut cli, "trustloop", &mut script);
    crate::stdout::write_all(&script);
    0
}
