//! `trustloop anip ref check REF`: validate a remote custom-code-bundle ref (§13).
use clap::{Args as ClapArgs, Subcommand};
use trustloop_core::api::anip::tree::{check_generate_flags, GenerateBundleFlags};
use trustloop_core::api::json::to_pretty;
use trustloop_core::api::anip::ref_check;

#[derive(Subcommand)]
pub enum Command {
    /// Validate an immutable custom code bundle ref; print kind, locator, immutable part and digest.
    Check(CheckArgs),
}

#[derive(ClapArgs)]
pub struct CheckArgs {
    /// The ref, e.g. git+https://host/repo.git@<commit>#sha256:<64 hex>.
    #[arg(value_name = "REF", allow_hyphen_values = true)]
    reference: String,
    /// Print the parsed ref (or the error) as JSON.
    #[arg(long)]
    json: bool,
    /// Fetch the ref: validated, then refused (remote fetching is disabled, as upstream).
    #[arg(long)]
    fetch_custom_code_bundle: bool,
}

pub fn run(command: Command) -> u8 {
    let Command::Check(a) = command;
    let result = if a.fetch_custom_code_bundle {
        check_generate_flags(&GenerateBundleFlags {
            custom_code_bundle_ref: &a.reference,
            fetch_custom_code_bundle: true,
            ..GenerateBundleFlags::default()
        })
        .and_then(|_| ref_check(&a.reference))
    } else {
        ref_check(&a.reference)
    };
    match result {
        Ok(v) => {
            if a.json {
                out!("{}", to_pretty(&v));
            } else {
                for key in ["kind", "locator", "immutable", "digest"] {
                    outln!("{key:<10} {}", v.str_at(key));
                }
            }
            0
        }
        Err(e) => {
            // Under --json the message stays on stderr too, as it always was (the replay reads it).
            if a.json {
                eprintln!("error: {e}");
            }
            crate::error::CliError::from(e).report(a.json)
        }
    }
}
