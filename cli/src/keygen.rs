//! `trustloop keygen`: an Ed25519 key pair, printed like `anip-registry-keygen`.
//!
//! The output holds the private key, so it never lands in a file readable by others:
//! `--out FILE` (alias `--output`) creates FILE with mode 0600 (refusing an existing file, so no key is
//! overwritten and no file's mode is changed), and when stdout is a regular file
//! (`keygen > key.env`, created by the shell at the umask) its group and other
//! permission bits are removed before the key is written. Modes are only tightened.
//! (Windows has no modes: the file gets its directory's inherited ACL.)
use std::fs::OpenOptions;
use std::io::Write;
use std::path::PathBuf;

use clap::Args as ClapArgs;
use trustloop_core::api::json::{to_pretty, Map, Value};

use crate::error::CliError;

#[derive(ClapArgs)]
pub struct Args {
    /// Key id to embed in signatures (`ed25519:<key_id>:…`). Must not contain ':'.
    #[arg(long, default_value = "trustloop-ed25519")]
    key_id: String,
    /// Print JSON instead of KEY=VALUE lines.
    #[arg(long)]
    json: bool,
    /// Write the key pair to this new file, created with mode 0600, instead of stdout (trustloop only).
    #[arg(long = "out", visible_alias = "output", short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
}

pub fn run(args: Args) -> u8 {
    let text = match trustloop_core::api::keygen(&args.key_id) {
        Ok(v) if args.json => to_pretty(&v),
        Ok(v) => v
            .as_object()
            .map(|m| m.iter().map(|(k, val)| format!("{}={}\n", k, val.as_str().unwrap_or_default())).collect())
            .unwrap_or_default(),
        Err(e) => return CliError::from(e).report(args.json),
    };
    match &args.output {
        Some(path) => match write_new_private(path, text.as_bytes()) {
            Ok(()) if args.json => {
                let written = Map::record().with("written_key_file", path.display().to_string());
                out!("{}", to_pretty(&Value::Object(written)));
                0
            }
            Ok(()) => {
                outln!("wrote key pair: {}", path.display());
                0
            }
            Err(e) => CliError::from(format!("write {}: {e}", path.display())).report(args.json),
        },
        None => match restrict_stdout_file() {
            Ok(()) => {
                out!("{text}");
                0
            }
            Err(e) => CliError::from(format!("keygen: cannot make the output file private (mode 0600): {e}")).report(args.json),
        },
    }
}

/// Creates `path` with mode 0600 (`O_EXCL`: an existing file is refused, not replaced).
fn write_new_private(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    if written.is_err() {
        let _ = std::fs::remove_file(path);
    }
    written
}

/// When stdout is a regular file, removes its group and other permissions (and the
/// owner's execute bit); anything else (a terminal, a pipe) is left alone.
#[cfg(unix)]
fn restrict_stdout_file() -> std::io::Result<()> {
    use rustix::fs::{fchmod, fstat, FileType, Mode};
    let stdout = std::io::stdout();
    let st = fstat(&stdout)?;
    if FileType::from_raw_mode(st.st_mode) != FileType::RegularFile {
        return Ok(());
    }
    let mode = Mode::from_raw_mode(st.st_mode);
    let private = mode & (Mode::RUSR | Mode::WUSR);
    if private != mode {
        fchmod(&stdout, private)?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn restrict_stdout_file() -> std::io::Result<()> {
    Ok(())
}
