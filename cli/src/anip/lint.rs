//! `trustloop anip lint --package-bundle F`: the pre-publication checklist, with
//! `anip verify`'s exit codes (0 clean, 2 findings: checks failed, 1 hard error).
use std::path::PathBuf;

use clap::Args as ClapArgs;
use trustloop_core::api::anip::{lint_bundle, lint_result, LintOptions};
use trustloop_core::api::json::to_pretty;

use crate::error::CliError;
use crate::input::read;
use crate::{color, exit};

#[derive(ClapArgs)]
pub struct Args {
    /// The package bundle (.anip-package.json) to check before publication.
    #[arg(long, value_name = "FILE")]
    package_bundle: PathBuf,
    /// Print {status, findings} as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(a: Args) -> u8 {
    let file = a.package_bundle.display().to_string();
    let linted = read(&a.package_bundle, "package bundle")
        .map_err(CliError::from)
        .and_then(|bytes| lint_bundle(&bytes, &LintOptions::default()).map_err(CliError::from));
    let findings = match linted {
        Ok(f) => f.into_iter().map(|f| f.at_file(file.clone())).collect::<Vec<_>>(),
        Err(failure) => return failure.report(a.json),
    };
    if a.json {
        out!("{}", to_pretty(&lint_result(&findings)));
    } else if findings.is_empty() {
        outln!("{}: {file}", color::good("clean"));
    } else {
        for f in &findings {
            outln!("{} {}: {}", color::bad(f.code), f.path, f.message);
        }
        outln!("{}", color::bad(&format!("{} finding(s) in {file}", findings.len())));
    }
    if findings.is_empty() {
        exit::OK
    } else {
        exit::CHECK_FAILED
    }
}
