//! `trustloop assets-pa pack PROJECT [--out DIR]`: `trustloop_host::assets_project`
//! plans, streams `assets.pa` into a staging directory, re-reads it, adds the
//! companions and `packer-artifacts.json`, then promotes them into DIR together; this
//! file prints the outcome.
use std::path::Path;

use trustloop_host::assets_project::pack;
use trustloop_core::api::diag::Severity;
use trustloop_core::api::json::to_pretty;

use super::print_finding;

pub fn run(project: &Path, out: Option<&Path>, json: bool) -> u8 {
    let packed = match pack(project, out) {
        Ok(p) => p,
        Err(e) => return crate::error::CliError::from(e).report(json),
    };
    if json {
        outln!("{}", to_pretty(&packed.report()));
    } else {
        for d in &packed.diagnostics {
            print_finding(d);
        }
        if packed.ok {
            let (assets, preloaded) = packed.counts;
            outln!("packed {assets} assets ({preloaded} preloaded) into {}", packed.out_dir.display());
            for (path, sha, size) in &packed.artifacts {
                outln!("  {path}  {size} bytes  sha256 {sha}");
            }
        } else {
            let blocking = packed.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
            outln!("pack failed: {blocking} blocking diagnostic(s); {} left unchanged", packed.out_dir.display());
        }
    }
    u8::from(!packed.ok)
}
