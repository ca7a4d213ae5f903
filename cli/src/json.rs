//! `trustloop json …`: the canonical encodings behind every ANIP digest.
use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};
use trustloop_core::api;

use crate::input::read;

#[derive(Clone, Copy, ValueEnum)]
pub enum Mode {
    /// Go encoding/json, HTML escaping off (every ANIP digest).
    Digest,
    /// Go json.Marshal, HTML escaping on (Ed25519 receipt payloads).
    Signature,
    /// RFC 8785 JSON Canonicalization Scheme.
    Jcs,
}

#[derive(Subcommand)]
pub enum Command {
    /// Print the canonical bytes of a JSON file.
    Canonicalize {
        file: PathBuf,
        #[arg(long, value_enum, default_value = "digest")]
        mode: Mode,
    },
    /// Print `sha256:<hex>` of a JSON file's canonical bytes (the ANIP digest).
    Digest { file: PathBuf },
}

pub fn run(command: Command) -> u8 {
    let result = match command {
        Command::Canonicalize { file, mode } => {
            let mode = match mode {
                Mode::Digest => "digest",
                Mode::Signature => "signature",
                Mode::Jcs => "jcs",
            };
            read(&file, "JSON file").and_then(|b| api::canonical_json(&b, mode).map_err(|e| e.to_string()))
        }
        Command::Digest { file } => read(&file, "JSON file")
            .and_then(|b| api::json_digest(&b).map_err(|e| e.to_string()))
            .map(|d| format!("{d}\n").into_bytes()),
    };
    match result {
        Ok(bytes) => {
            crate::stdout::write_all(&bytes);
            0
        }
        Err(msg) => {
            eprintln!("{msg}");
            1
        }
    }
}
