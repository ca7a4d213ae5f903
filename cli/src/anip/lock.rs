//! `trustloop anip lock write`: the consumer lock file upstream's `--write-lock` writes.
use std::path::PathBuf;

use clap::{Args as ClapArgs, Subcommand};
use trustloop_core::api::{self, RegistryPolicy};
use trustloop_core::api::json::{to_pretty, Map, Value};
use trustloop_core::api::anip::registry_urls::split_package_ref;

use crate::error::CliError;
use crate::input::read;
use trustloop_host::files::write_private;
use trustloop_host::registry::fetch::fetch;
use trustloop_host::registry::RegistryTarget;

#[derive(Subcommand)]
pub enum Command {
    /// Write an anip-package-lock/v1 file for a package bundle.
    Write(WriteArgs),
}

#[derive(ClapArgs)]
pub struct WriteArgs {
    /// Package bundle (.anip-package.json).
    #[arg(long, value_name = "FILE", required_unless_present = "registry_url")]
    package_bundle: Option<PathBuf>,
    /// Registry base URL (registry source; the lock then carries registry_url).
    #[arg(long, value_name = "URL", conflicts_with = "package_bundle", requires = "package")]
    registry_url: Option<String>,
    /// Registry package as ID@VERSION.
    #[arg(long, value_name = "ID@VERSION")]
    package: Option<String>,
    /// Registry signing mode the registry must report.
    #[arg(long)]
    require_registry_mode: Option<String>,
    /// Registry key id the receipt must use.
    #[arg(long)]
    trusted_registry_key_id: Option<String>,
    /// Allow a yanked registry package.
    #[arg(long)]
    allow_yanked_package: bool,
    /// Lock file to write (mode 0600); `-` for standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: PathBuf,
    /// Print {written_lock_file, written_lock_digest} as JSON.
    #[arg(long)]
    json: bool,
}

fn registry_lock(args: &WriteArgs, base: &str) -> Result<String, String> {
    let (id, version) = split_package_ref(args.package.as_deref().unwrap_or("")).map_err(|e| e.to_string())?;
    let target = RegistryTarget { base: base.to_string(), id, version };
    let fetched = fetch(&target, args.allow_yanked_package)?;
    let policy = RegistryPolicy {
        require_mode: args.require_registry_mode.clone(),
        trusted_key_id: args.trusted_registry_key_id.clone(),
        allow_yanked: args.allow_yanked_package,
    };
    api::anip_write_lock_registry(&fetched.responses(), &policy).map_err(|e| e.to_string())
}

pub fn run(command: Command) -> u8 {
    let Command::Write(args) = command;
    let result = match (&args.package_bundle, &args.registry_url) {
        (Some(path), _) => {
            read(path, "package bundle").and_then(|bytes| api::anip_write_lock(&bytes).map_err(|e| e.to_string()))
        }
        (None, Some(base)) => registry_lock(&args, base),
        (None, None) => Err("lock files can only be written for registry packages or package bundles".to_string()),
    };
    let text = match result {
        Ok(t) => t,
        Err(msg) => return CliError::from(msg).report_upstream(args.json),
    };
    if args.output.as_os_str() == "-" {
        out!("{text}");
        return 0;
    }
    if let Err(e) = write_private(&args.output, text.as_bytes()) {
        return CliError::from(format!("write lock file: {e}")).report_upstream(args.json);
    }
    // Upstream reports the bundle's lock digest, not a hash of the lock file.
    let digest = api::parse_json(text.as_bytes(), "lock file")
        .map(|v| v.str_at("lock_digest").to_string())
        .unwrap_or_default();
    if args.json {
        let out = Map::record()
            .with("written_lock_file", args.output.display().to_string())
            .with("written_lock_digest", digest);
        out!("{}", to_pretty(&Value::Object(out)));
    } else {
        outln!("wrote {} (lock_digest {digest})", args.output.display());
    }
    0
}
