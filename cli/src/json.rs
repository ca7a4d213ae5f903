//! `trustloop json …`: the canonical encodings behind every ANIP digest.
use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};
use trustloop_core::api;

use trustloop_core::api::json::{to_pretty, Map, Value};

use crate::error::CliError;
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
        /// Print {canonical} as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print `sha256:<hex>` of a JSON file's canonical bytes (the ANIP digest).
    Digest {
        file: PathBuf,
        /// Print {digest} as JSON.
        #[arg(long)]
        json: bool,
    },
}

pub fn run(command: Command) -> u8 {
    let (json, result) = match command {
        Command::Canonicalize { file, mode, json } => {
            let mode = match mode {
                Mode::Digest => "digest",
                Mode::Signature => "signature",
                Mode::Jcs => "jcs",
            };
            let canonical = read(&file, "JSON file").map_err(CliError::from).and_then(|b| Ok(api::canonical_json(&b, mode)?));
            (json, canonical.map(|bytes| ("canonical", bytes)))
        }
        Command::Digest { file, json } => {
            let digest = read(&file, "JSON file").map_err(CliError::from).and_then(|b| Ok(api::json_digest(&b)?));
            (json, digest.map(|d| ("digest", format!("{d}\n").into_bytes())))
        }
    };
    match result {
        Ok((key, bytes)) if json => {
            let text = String::from_utf8_lossy(&bytes);
            let value = Map::record().with(key, text.strip_suffix('\n').unwrap_or(&text));
            out!("{}", to_pretty(&Value::Object(value)));
            0
        }
        Ok((_, bytes)) => {
            crate::stdout::write_all(&bytes);
            0
        }
        Err(failure) => failure.report(json),
    }
}
