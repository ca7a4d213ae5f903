//! `trustloop assets-pa …` (spec assets-pa.md): pack an asset project, inspect,
//! verify and extract from `assets.pa`. Files live here (the pack's project reading
//! and staging in `trustloop_host::assets_project`); every decision is the core's.
//! Archives are read as streams (prelude and header only), so memory stays bounded
//! by the header however large the archive is.
mod inspect;
mod pack;

use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use clap::Subcommand;
use trustloop_core::api::assets_pa::reader::{self, ArchiveInfo};
use trustloop_core::api::diag::Finding;
use trustloop_core::api::json::{to_pretty, Map, Value};

use crate::error::CliError;
use crate::exit;

#[derive(Subcommand)]
pub enum Command {
    /// Pack an asset project (assets/.prometeu/index.json + asset roots) into build/assets.pa and companions.
    Pack {
        /// The project directory (holds assets/).
        project: PathBuf,
        /// Output directory [default: PROJECT/build].
        #[arg(long)]
        out: Option<PathBuf>,
        /// Print the pack report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show an archive's prelude, asset table and preload list.
    Inspect {
        file: PathBuf,
        /// Print the read result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Validate archives; exit 0 when every one is valid, 2 when one is invalid, 1 when one cannot be read.
    Verify {
        /// One archive or several (then a summary line on stderr; the exit code is the worst).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print {ok, errors, warnings, codes, findings} as JSON.
        #[arg(long)]
        json: bool,
        /// Exit 1 on warnings too.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Write one asset's stored slice to a file.
    Extract {
        file: PathBuf,
        #[arg(long)]
        asset_id: u32,
        /// Output file.
        #[arg(short = 'o', long = "out")]
        out: PathBuf,
        /// Print {asset_id, bytes, out} as JSON.
        #[arg(long)]
        json: bool,
    },
}

pub fn run(command: Command) -> u8 {
    match command {
        Command::Pack { project, out, json } => pack::run(&project, out.as_deref(), json),
        Command::Inspect { file, json } => inspect_cmd(&file, json),
        Command::Verify { files, json, deny_warnings } => verify_many(&files, json, deny_warnings),
        Command::Extract { file, asset_id, out, json } => extract_cmd(&file, asset_id, &out, json),
    }
}

/// An open archive: a file, or standard input read into memory for `-`.
trait ArchiveSource: Read + Seek {}
impl<T: Read + Seek> ArchiveSource for T {}

/// Opens and validates an archive without loading its payload. `-` is standard input,
/// held in memory (at most `--max-input-bytes`), since the payload is read by seeking.
fn read_archive(path: &Path) -> Result<(Box<dyn ArchiveSource>, ArchiveInfo), Finding> {
    let io = |e: std::io::Error| {
        Finding::error(trustloop_core::api::assets_pa::codes::READ_IO, format!("{}: {e}", path.display()))
    };
    let (source, len): (Box<dyn ArchiveSource>, u64) = if crate::input::is_stdin(path) {
        let bytes = crate::input::read(path, "assets.pa archive")
            .map_err(|m| Finding::error(trustloop_core::api::assets_pa::codes::READ_IO, m))?;
        let len = bytes.len() as u64;
        (Box::new(std::io::Cursor::new(bytes)), len)
    } else {
        // Non-blocking open (a FIFO cannot hang it); only a regular file's size is trusted.
        let (file, st) = trustloop_host::open::open_path(path).map_err(|e| match e {
            trustloop_host::open::OpenError::Open(e) => io(e),
            other => io(std::io::Error::other(other.to_string())),
        })?;
        if st.kind != trustloop_host::open::Kind::File {
            return Err(io(std::io::Error::other("not a regular file")));
        }
        let len = file.metadata().map_err(io)?.len();
        (Box::new(std::io::BufReader::new(file)), len)
    };
    let mut source = source;
    let info = reader::read_from(&mut source, len)
        .map_err(|f| if f.file.is_empty() { f.at_file(path.display().to_string()) } else { f })?;
    Ok((source, info))
}

pub(crate) fn print_finding(f: &Finding) {
    // Messages often start with their file already.
    let file_shown = f.file.is_empty() || f.message.starts_with(&f.file);
    let at = match (file_shown, f.path.is_empty()) {
        (true, true) => String::new(),
        (false, true) => format!(" ({})", f.file),
        (true, false) => format!(" (at {})", f.path),
        (false, false) => format!(" ({} at {})", f.file, f.path),
    };
    eprintln!("{}: {} [{}]{at}", f.severity.as_str(), f.message, f.code);
}

fn inspect_cmd(path: &Path, json: bool) -> u8 {
    match read_archive(path) {
        Ok((_, info)) => {
            if json {
                outln!("{}", to_pretty(&info.to_value()));
            } else {
                out!("{}", inspect::render(&path.display().to_string(), &info));
            }
            0
        }
        Err(f) => fail(f, json),
    }
}

/// A hard error: the JSON error object under `--json`, else the finding on stderr.
fn fail(f: Finding, json: bool) -> u8 {
    if json {
        return CliError::from(trustloop_core::api::diag::Error(f)).report(true);
    }
    print_finding(&f);
    exit::ERROR
}

/// Every archive checked (on every core when there are several), then printed in order:
/// several give a JSON array (or one summary line) and the worst exit code.
fn verify_many(files: &[PathBuf], json: bool, deny_warnings: bool) -> u8 {
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    let checked = crate::many::each(&names, |name| check(Path::new(name), deny_warnings));
    let results: Vec<(Value, u8)> =
        files.iter().zip(&checked).map(|(file, checked)| report(file, checked, json)).collect();
    if let [(value, code)] = results.as_slice() {
        if json {
            outln!("{}", to_pretty(value));
        }
        return *code;
    }
    if json {
        outln!("{}", to_pretty(&Value::Array(results.iter().map(|(v, _)| v.clone()).collect())));
    }
    let bad = results.iter().filter(|(_, code)| *code != exit::OK).count();
    let summary = format!("{bad} of {} archives failed verification", files.len());
    eprintln!("{}", if bad > 0 { crate::color::bad(&summary) } else { crate::color::good(&summary) });
    exit::worst(results.into_iter().map(|(_, code)| code))
}

/// One archive read and checked; `ok` is false when it is invalid (or has warnings under
/// `--deny-warnings`).
struct Checked {
    result: Result<ArchiveInfo, Finding>,
    ok: bool,
}

fn check(path: &Path, deny_warnings: bool) -> Checked {
    let result = read_archive(path).map(|(_, info)| info);
    let ok = match &result {
        Ok(info) => !deny_warnings || info.warnings.is_empty(),
        Err(_) => false,
    };
    Checked { result, ok }
}

/// One archive's verify value (printed by the caller under `--json`; the text lines are
/// printed here) and exit code: 2 invalid (or warnings under --deny-warnings), 1 unreadable.
fn report(path: &Path, Checked { result, ok }: &Checked, json: bool) -> (Value, u8) {
    let ok = *ok;
    let value = reader::verify_value(result.as_ref());
    if !json {
        let findings: Vec<Finding> = match result {
            Ok(info) => info.warnings.clone(),
            Err(f) => vec![f.clone()],
        };
        for f in &findings {
            print_finding(f);
        }
        match result {
            Ok(info) => outln!(
                "{}: {} ({} assets, {} preload, {} warnings)",
                if ok { "OK" } else { "FAIL" },
                path.display(),
                info.header.asset_table.len(),
                info.header.preload.len(),
                info.warnings.len()
            ),
            Err(_) => outln!("FAIL: {}", path.display()),
        }
    }
    let code = match result {
        _ if ok => exit::OK,
        Err(f) if f.code == trustloop_core::api::assets_pa::codes::READ_IO => exit::ERROR,
        _ => exit::CHECK_FAILED,
    };
    (value, code)
}

fn extract_cmd(path: &Path, asset_id: u32, out: &Path, json: bool) -> u8 {
    let result = (|| -> Result<u64, Finding> {
        let (mut file, info) = read_archive(path)?;
        let entry = reader::entry_or_error(&info, asset_id)?;
        let range = info.slice_range(asset_id).unwrap_or(0..0);
        let io = |e: std::io::Error| Finding::error(trustloop_core::api::assets_pa::codes::WRITE_IO, format!("{}: {e}", out.display()));
        file.seek(SeekFrom::Start(range.start)).map_err(io)?;
        let dir = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let tmp = dir.join(format!(".{}.tmp-{}", out.file_name().and_then(|n| n.to_str()).unwrap_or("out"), std::process::id()));
        let mut dst = File::create(&tmp).map_err(io)?;
        let copied = std::io::copy(&mut (&mut file).take(entry.size), &mut dst).map_err(io)?;
        dst.flush().map_err(io)?;
        if copied != entry.size {
            let _ = std::fs::remove_file(&tmp);
            return Err(Finding::error(trustloop_core::api::assets_pa::codes::READ_IO, format!("{}: file changed while extracting", path.display())));
        }
        std::fs::rename(&tmp, out).map_err(io)?;
        Ok(copied)
    })();
    match result {
        Ok(n) if json => {
            let done = Map::record().with("asset_id", u64::from(asset_id)).with("bytes", n).with("out", out.display().to_string());
            outln!("{}", to_pretty(&Value::Object(done)));
            exit::OK
        }
        Ok(n) => {
            eprintln!("extracted asset {asset_id} ({n} bytes) to {}", out.display());
            exit::OK
        }
        Err(f) => fail(f, json),
    }
}
