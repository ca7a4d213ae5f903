//! `trustloop anip lint --package-bundle F`: the pre-publication checklist (exit 0
//! clean, 1 findings, 2 unreadable input).
use std::path::PathBuf;

use clap::Args as ClapArgs;
use trustloop_core::api::anip::{lint_bundle, lint_result, LintOptions};
use trustloop_core::api::json::to_pretty;

use crate::input::read;

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
    let bytes = match read(&a.package_bundle, "package bundle") {
        Ok(b) => b,
        Err(m) => {
            eprintln!("{m}");
            return 2;
        }
    };
    let file = a.package_bundle.display().to_string();
    let findings = match lint_bundle(&bytes, &LintOptions::default()) {
        Ok(f) => f.into_iter().map(|f| f.at_file(file.clone())).collect::<Vec<_>>(),
        Err(e) => {
            eprintln!("{e}");
            return 2;
        }
    };
    if a.json {
        out!("{}", to_pretty(&lint_result(&findings)));
    } else if findings.is_empty() {
        outln!("clean: {file}");
    } else {
        for f in &findings {
            outln!("{} {}: {}", f.code, f.path, f.message);
        }
        outln!("{} finding(s) in {file}", findings.len());
    }
    u8::from(!findings.is_empty())
}
