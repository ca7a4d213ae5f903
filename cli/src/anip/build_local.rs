//! `trustloop anip build-local`: upstream's `anip package build-local`, in memory,
//! signed with the deterministic development key unless `--signing-key` is given.
use std::path::PathBuf;

use clap::Args as ClapArgs;
use trustloop_core::api::{self, BuildLocalOptions};

use trustloop_cli::host::files::{read, write_private};

#[derive(ClapArgs)]
pub struct Args {
    /// Service definition (anip-service-definition/v1).
    #[arg(long, value_name = "FILE")]
    definition: PathBuf,
    #[arg(long)]
    package_id: String,
    #[arg(long)]
    package_version: String,
    /// Directory for the manifest, lock, bundle and README.
    #[arg(long, value_name = "DIR")]
    output_dir: PathBuf,
    /// RFC 3339 publication time (default 2026-05-15T00:00:00Z).
    #[arg(long, value_name = "T")]
    generated_at: Option<String>,
    /// Ed25519 signing key: `trustloop keygen` output (KEY=VALUE or --json) or a bare base64 seed.
    #[arg(long, value_name = "FILE")]
    signing_key: Option<PathBuf>,
    /// Key id for a bare base64 --signing-key (default: from the key file, else trustloop-ed25519).
    #[arg(long)]
    signing_key_id: Option<String>,
}

/// Reads a key file in any of the shapes `trustloop keygen` prints.
fn load_key(path: &std::path::Path, key_id: Option<String>) -> Result<(String, Option<String>), String> {
    let text = String::from_utf8(read(path, "signing key")?).map_err(|_| "signing key file is not UTF-8".to_string())?;
    let trimmed = text.trim();
    if trimmed.starts_with('{') {
        let v = api::parse_json(trimmed.as_bytes(), "signing key").map_err(|e| e.to_string())?;
        let kid = key_id.or_else(|| Some(v.str_at("key_id").to_string()).filter(|k| !k.is_empty()));
        return Ok((v.str_at("private_key_seed").to_string(), kid));
    }
    if trimmed.contains("private_key_seed=") {
        let field = |name: &str| {
            trimmed.lines().find_map(|l| l.strip_prefix(&format!("{name}="))).map(str::to_string)
        };
        return Ok((field("private_key_seed").unwrap_or_default(), key_id.or_else(|| field("key_id"))));
    }
    Ok((trimmed.to_string(), key_id))
}

pub fn run(args: Args) -> u8 {
    let key = match &args.signing_key {
        Some(path) => match load_key(path, args.signing_key_id.clone()) {
            Ok(k) => Some(k),
            Err(msg) => {
                eprintln!("{msg}");
                return 1;
            }
        },
        None => None,
    };
    let options = BuildLocalOptions {
        package_id: args.package_id.clone(),
        package_version: args.package_version.clone(),
        generated_at: args.generated_at.clone(),
        signing_key: key.as_ref().map(|k| k.0.clone()),
        signing_key_id: key.and_then(|k| k.1),
    };
    let definition = match read(&args.definition, "definition file") {
        Ok(b) => b,
        Err(msg) => {
            eprintln!("{msg}");
            return 1;
        }
    };
    let files = match api::anip_build_local(&definition, &options) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{e}");
            // Argument-shaped failures are usage errors upstream (exit 2).
            return if matches!(e.code(), "ANIP_BUILD_ARGS" | "ANIP_BUILD_SCHEMA_VERSION") { 2 } else { 1 };
        }
    };
    for file in &files {
        let path = args.output_dir.join(&file.name);
        if let Err(e) = write_private(&path, &file.bytes) {
            eprintln!("write {}: {e}", path.display());
            return 1;
        }
        println!("wrote {}", path.display());
    }
    0
}
