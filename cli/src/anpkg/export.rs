//! `trustloop anpkg export PROJECT_DIR [OUT] [--data-root DIR] [--json]` (spec §11,
//! §13.1): builds the `.anpkg` byte-identical to `anolis-package`, prints the
//! absolute output path (stdout, exit 0) or `ERROR: <message>` (stderr, exit 1).
//! Upstream's warning about omitted variants goes to stderr as upstream logs it.
//!
//! The host part (resolving paths, answering the core's file requests from the disk
//! within the project and data roots and the size limits, writing the archive
//! atomically) is `trustloop_host::anpkg::export`, shared with the bindings.
use clap::Parser;
use trustloop_host::anpkg::export::{build, project_path, write, ExportRequest, DEFAULT_MAX_FILE, DEFAULT_MAX_TOTAL};
use trustloop_host::paths::resolve;
use trustloop_core::api::diag::Error;
use trustloop_core::api::json;

#[derive(Parser)]
pub struct Args {
    /// The canonical project folder (the one holding machine-profile.yaml).
    project_dir: String,
    /// Output archive (default: ./<project directory name>.anpkg).
    output: Option<String>,
    /// DATA_ROOT searched for the behavior tree after the project (default: the
    /// parent of the project's parent, as in `<DATA_ROOT>/<systems>/<project>`).
    #[arg(long = "data-root")]
    data_root: Option<String>,
    /// Print the result as JSON (the shape every host returns) instead of the path.
    #[arg(long)]
    json: bool,
    /// Largest project file read, in bytes.
    #[arg(long, default_value_t = DEFAULT_MAX_FILE)]
    max_file_size: u64,
    /// Largest total of project files read, in bytes.
    #[arg(long, default_value_t = DEFAULT_MAX_TOTAL)]
    max_total_size: u64,
}

/// Upstream's `ERROR: <message>` on stderr, or under `--json` the JSON error object.
fn fail(json_out: bool, e: &Error) -> u8 {
    if json_out {
        return crate::error::CliError::from(e).report(true);
    }
    eprintln!("ERROR: {}", e.message());
    1
}

pub fn run(args: Args) -> u8 {
    let (_, name) = project_path(&args.project_dir);
    let out = resolve(args.output.as_deref().unwrap_or(&format!("{name}.anpkg")));
    let request = ExportRequest { data_root: args.data_root.clone(), max_file_size: args.max_file_size, max_total_size: args.max_total_size };
    let built = match build(&args.project_dir, &request) {
        Ok(b) => b,
        Err(e) => return fail(args.json, &e),
    };
    if !args.json {
        for w in &built.exported.warnings {
            eprintln!("{}", w.message);
        }
    }
    if let Err(e) = write(&out, &built.exported.package) {
        return fail(args.json, &e);
    }
    if args.json {
        outln!("{}", json::to_pretty(&built.report(Some(&out))));
    } else {
        outln!("{}", out.to_string_lossy());
    }
    0
}
