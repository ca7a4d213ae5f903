//! `trustloop anip verify`: upstream's flags, checks, result JSON and exit codes
//! (0 ok, 2 a check failed, 1 hard error on stderr), plus trust pinning and
//! legacy compatibility as explicit options.
use std::path::PathBuf;

use clap::{Args as ClapArgs, ValueEnum};
use trustloop_core::api::anip::check_lock;
use trustloop_core::api::{self, RegistryPolicy, VerifyOptions};
use trustloop_core::api::json::{to_pretty, Value};
use trustloop_core::api::anip::registry_urls::split_package_ref;

use trustloop_host::files::read;
use trustloop_host::registry::{fetch::fetch, RegistryTarget};

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Compat {
    /// Upstream rules at 832f709 (default).
    Current,
    /// Also accept bundles signed before package_execution_signature existed; reported as `ok_legacy`.
    Legacy,
}

#[derive(ClapArgs)]
pub struct Args {
    /// Service definition file (plain definition source).
    #[arg(long, value_name = "FILE")]
    definition: Option<String>,
    /// Package bundle (.anip-package.json).
    #[arg(long, value_name = "FILE")]
    package_bundle: Option<String>,
    /// Consumer lock file (anip-package-lock/v1) the package must match.
    #[arg(long, value_name = "FILE")]
    lock_file: Option<String>,
    /// Exact contract signature the package must carry.
    #[arg(long, value_name = "S")]
    expected_contract_signature: Option<String>,
    /// Pin a registry key: KEY_ID=BASE64_PUBLIC_KEY (repeatable). Adds the check bundle_registry_key_trusted.
    #[arg(long, value_name = "KEY_ID=BASE64")]
    trusted_key: Vec<String>,
    /// Pin registry keys from a JSON file: {"keys"|"items"|"registry_keys": [{key_id, algorithm, public_key}]}.
    #[arg(long, value_name = "FILE")]
    trust_store: Option<PathBuf>,
    /// Rule set: current (upstream) or legacy (historical bundles, reported distinctly).
    #[arg(long, value_enum, default_value = "current")]
    compat: Compat,
    /// Registry base URL (registry source; overrides --registry-base).
    #[arg(long, value_name = "URL")]
    registry_url: Option<String>,
    /// Registry base URL (registry source).
    #[arg(long, value_name = "URL")]
    registry_base: Option<String>,
    /// Registry package as ID@VERSION.
    #[arg(long, value_name = "ID@VERSION")]
    package: Option<String>,
    /// Registry package id.
    #[arg(long)]
    package_id: Option<String>,
    /// Registry package version.
    #[arg(long)]
    package_version: Option<String>,
    /// Registry signing mode the registry must report (registry source).
    #[arg(long)]
    require_registry_mode: Option<String>,
    /// Registry key id the receipt must use (registry source).
    #[arg(long)]
    trusted_registry_key_id: Option<String>,
    /// Allow a yanked registry package (registry source).
    #[arg(long)]
    allow_yanked_package: bool,
    /// Print the upstream result JSON instead of a summary.
    #[arg(long)]
    json: bool,
    /// With --json: add trustloop's report fields (receipt_trust) to upstream's result.
    /// Implied by --trusted-key, --trust-store and --compat legacy.
    #[arg(long)]
    extended_report: bool,
}

pub fn policy(args: &Args) -> RegistryPolicy {
    RegistryPolicy {
        require_mode: args.require_registry_mode.clone(),
        trusted_key_id: args.trusted_registry_key_id.clone(),
        allow_yanked: args.allow_yanked_package,
    }
}

/// `None` when no registry identity is given anywhere; errors follow ANIP-VER-1.
/// `--registry-url` wins over `--registry-base`; `--package ID@VERSION` over
/// `--package-id`/`--package-version`; blanks are filled from the lock (ANIP-LOCK-3).
pub fn registry_target(args: &Args, lock: Option<&[u8]>) -> Result<Option<RegistryTarget>, String> {
    let lock = lock.and_then(|b| api::parse_json(b, "lock file").ok());
    let base = non_blank(&args.registry_url).or(non_blank(&args.registry_base)).unwrap_or("");
    let (id, version) = match non_blank(&args.package) {
        Some(p) => split_package_ref(p).map_err(|e| e.to_string())?,
        None => (
            non_blank(&args.package_id).unwrap_or("").to_string(),
            non_blank(&args.package_version).unwrap_or("").to_string(),
        ),
    };
    RegistryTarget::resolve(base, &id, &version, lock.as_ref()).map_err(|e| e.to_string())
}

fn non_blank(s: &Option<String>) -> Option<&str> {
    s.as_deref().filter(|v| !v.trim().is_empty())
}

/// `--trusted-key` and `--trust-store` as `(key_id, base64)` pairs.
fn trusted_keys(args: &Args) -> Result<Vec<(String, String)>, String> {
    let mut keys = Vec::new();
    for spec in &args.trusted_key {
        let (kid, b64) = spec.split_once('=').ok_or_else(|| format!("--trusted-key must be KEY_ID=BASE64, got {spec:?}"))?;
        keys.push((kid.trim().to_string(), b64.trim().to_string()));
    }
    if let Some(path) = &args.trust_store {
        let bytes = read(path, "trust store")?;
        match api::anip::trust_store(&bytes) {
            Ok(store) => keys.extend(store),
            Err(e) if e.code() == "ANIP_TRUST_STORE_EMPTY" => return Err(format!("trust store {} has no ed25519 keys", path.display())),
            Err(e) => return Err(e.to_string()),
        }
    }
    Ok(keys)
}

pub fn run(args: Args) -> u8 {
    match verify(&args) {
        Ok((result, code)) => {
            if args.json {
                print!("{}", to_pretty(&result));
            } else {
                super::report::print_verify(&result);
            }
            code
        }
        Err(msg) => {
            eprintln!("{msg}");
            1
        }
    }
}

fn verify(args: &Args) -> Result<(Value, u8), String> {
    // ANIP-VER-4 step 1: the lock file is loaded before any source.
    let lock = match non_blank(&args.lock_file) {
        Some(path) => {
            let bytes = read(path.as_ref(), "lock file")?;
            check_lock(&bytes).map_err(|e| e.to_string())?;
            Some(bytes)
        }
        None => None,
    };
    let options = VerifyOptions {
        expected_contract_signature: args.expected_contract_signature.clone(),
        trusted_keys: trusted_keys(args)?,
        legacy: args.compat == Compat::Legacy,
        record_path: args.package_bundle.clone().unwrap_or_default(),
        // The summary always says who signed and whether that key is trusted.
        extended_report: args.extended_report || !args.json,
    };
    let verdict = if let Some(path) = non_blank(&args.definition) {
        let bytes = read(path.as_ref(), "definition file")?;
        api::anip_verify_definition(&bytes, lock.as_deref(), &options)
    } else if let Some(path) = non_blank(&args.package_bundle) {
        let bytes = read(path.as_ref(), "package bundle")?;
        api::anip_verify_bundle(&bytes, lock.as_deref(), &options)
    } else if let Some(target) = registry_target(args, lock.as_deref())? {
        let fetched = fetch(&target, args.allow_yanked_package)?;
        api::anip_verify_registry(&fetched.responses(), lock.as_deref(), &options, &policy(args))
    } else {
        return Err("definition path, package bundle, or registry package identity must be provided".into());
    };
    let verdict = verdict.map_err(|e| e.to_string())?;
    Ok((verdict.result, verdict.exit_code as u8))
}
