//! `trustloop assets-pa pack PROJECT [--out DIR]`: plan (validate everything, nothing
//! written), stream `assets.pa` into a staging directory, re-read it, add the
//! companions and `packer-artifacts.json`, then promote them into DIR together.
use std::io::{BufWriter, Write};
use std::path::Path;

use trustloop_core::assets_pa::codes;
use trustloop_core::assets_pa::companions::ASSETS_PA;
use trustloop_core::assets_pa::project::{emit, plan, report_value};
use trustloop_core::assets_pa::reader;
use trustloop_core::assets_pa::writer::IoSink;
use trustloop_core::diag::{Finding, Severity};
use trustloop_core::json::to_pretty;

use super::print_finding;
use super::project_dir::ProjectDir;
use super::staging::Staging;

pub fn run(project: &Path, out: Option<&Path>, json: bool) -> u8 {
    let out_dir = out.map(Path::to_path_buf).unwrap_or_else(|| project.join("build"));
    let src = match ProjectDir::open(project) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return 1;
        }
    };
    let outcome = plan::plan(&src);
    let mut diagnostics = outcome.diagnostics;
    let counts = outcome.plan.as_ref().map_or((0, 0), |p| (p.archive.header.asset_table.len(), p.archive.header.preload.len()));
    let artifacts = match outcome.plan {
        None => Err(()),
        Some(plan) => match emit_staged(&plan, &src, &out_dir) {
            Ok(a) => Ok(a),
            Err(f) => {
                diagnostics.push(f);
                Err(())
            }
        },
    };
    let ok = artifacts.is_ok() && !diagnostics.iter().any(|d| d.severity == Severity::Error);
    let artifacts = artifacts.unwrap_or_default();
    if json {
        println!("{}", to_pretty(&report_value(ok, if ok { counts } else { (0, 0) }, &diagnostics, &artifacts)));
    } else {
        for d in &diagnostics {
            print_finding(d);
        }
        if ok {
            println!("packed {} assets ({} preloaded) into {}", counts.0, counts.1, out_dir.display());
            for (path, sha, size) in &artifacts {
                println!("  {path}  {size} bytes  sha256 {sha}");
            }
        } else {
            let blocking = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
            println!("pack failed: {blocking} blocking diagnostic(s); {} left unchanged", out_dir.display());
        }
    }
    u8::from(!ok)
}

/// Pass 2 into a staging directory, self-check, promotion. Returns `(path, sha256, size)`.
fn emit_staged(
    plan: &plan::PackPlan,
    src: &ProjectDir,
    out_dir: &Path,
) -> Result<Vec<(String, String, u64)>, Finding> {
    let io = |what: &str, e: std::io::Error| Finding::error(codes::WRITE_IO, format!("{what}: {e}"));
    let mut staging = Staging::new(out_dir).map_err(|e| io(&out_dir.display().to_string(), e))?;
    let file = staging.create(ASSETS_PA).map_err(|e| io(ASSETS_PA, e))?;
    let (archive, sink) = emit::emit_archive(plan, src, IoSink(BufWriter::new(file)))?;
    let file = sink.0.into_inner().map_err(|e| io(ASSETS_PA, e.into_error()))?;
    file.sync_all().map_err(|e| io(ASSETS_PA, e))?;
    drop(file);
    // PA-WRITE-3: the reader over the bytes actually written, before promotion.
    let written = std::fs::File::open(staging.path(ASSETS_PA)).map_err(|e| io(ASSETS_PA, e))?;
    let info = reader::read_from(std::io::BufReader::new(written), archive.len)
        .map_err(|f| Finding { message: format!("self-check of the written assets.pa: {}", f.message), ..f })?;
    if !info.warnings.is_empty() {
        return Err(Finding::error(codes::WRITE_SELF_CHECK, format!("self-check of the written assets.pa: {}", info.warnings[0].message)));
    }
    let mut artifacts = vec![(ASSETS_PA.to_string(), archive.sha256.clone(), archive.len)];
    for (name, bytes) in emit::companion_files(plan, &archive) {
        staging.write(name, &bytes).map_err(|e| io(name, e))?;
        artifacts.push((name.to_string(), trustloop_core::assets_pa::companions::sha256_hex(&bytes), bytes.len() as u64));
    }
    staging.promote().map_err(|e| io(&out_dir.display().to_string(), e))?;
    let _ = std::io::stdout().flush();
    Ok(artifacts
        .into_iter()
        .map(|(name, sha, size)| (out_dir.join(name).display().to_string(), sha, size))
        .collect())
}
