//! `trustloop anip lock write`: the consumer lock file upstream's `--write-lock` writes.
use std::path::PathBuf;

use clap::{Args as ClapArgs, Subcommand};
use trustloop_core::api;
use trustloop_core::json::{to_pretty, Map, Value};

use crate::io::{read, write_private};

#[derive(Subcommand)]
pub enum Command {
    /// Write an anip-package-lock/v1 file for a package bundle.
    Write(WriteArgs),
}

#[derive(ClapArgs)]
pub struct WriteArgs {
    /// Package bundle (.anip-package.json).
    #[arg(long, value_name = "FILE")]
    package_bundle: PathBuf,
    /// Lock file to write (mode 0600); `-` for standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: PathBuf,
    /// Print {written_lock_file, written_lock_digest} as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(command: Command) -> u8 {
    let Command::Write(args) = command;
    let result = read(&args.package_bundle, "package bundle")
        .and_then(|bytes| api::anip_write_lock(&bytes).map_err(|e| e.to_string()));
    let text = match result {
        Ok(t) => t,
        Err(msg) => {
            eprintln!("{msg}");
            return 1;
        }
    };
    if args.output.as_os_str() == "-" {
        print!("{text}");
        return 0;
    }
    if let Err(e) = write_private(&args.output, text.as_bytes()) {
        eprintln!("write lock file: {e}");
        return 1;
    }
    // Upstream reports the bundle's lock digest, not a hash of the lock file.
    let digest = api::parse_json(text.as_bytes(), "lock file")
        .map(|v| v.str_at("lock_digest").to_string())
        .unwrap_or_default();
    if args.json {
        let out = Map::record()
            .with("written_lock_file", args.output.display().to_string())
            .with("written_lock_digest", digest);
        print!("{}", to_pretty(&Value::Object(out)));
    } else {
        println!("wrote {} (lock_digest {digest})", args.output.display());
    }
    0
}
