//! `trustloop anip verify`: upstream's flags, checks, result JSON and exit codes
//! (0 ok, 2 a check failed, 1 hard error on stderr), plus trust pinning and
//! legacy compatibility as explicit options.
//!
//! Several bundles in one call (`--package-bundle a b …`, a trustloop addition) go one
//! by one through [`verify_bundle`] (via `crate::many`), then one summary line on
//! stderr; the exit code is the worst. One bundle keeps upstream's output exactly.
use std::path::PathBuf;

use clap::{Args as ClapArgs, ValueEnum};
use trustloop_core::api::anip::check_lock;
use trustloop_core::api::{self, RegistryPolicy, VerifyOptions};
use trustloop_core::api::json::{to_pretty, Map, Value};
use trustloop_core::api::anip::registry_urls::split_package_ref;

use crate::error::CliError;
use crate::input::read;
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
    /// Package bundle (.anip-package.json); several may follow (trustloop only; upstream takes one).
    #[arg(long, value_name = "FILE", num_args = 1..)]
    package_bundle: Vec<String>,
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
    /// With --json: refuse (exit 1) when more than one source is given, instead of upstream's silent
    /// choice of the first of --definition, --package-bundle, registry (trustloop only; the summary
    /// and several bundles always refuse).
    #[arg(long)]
    refuse_ignored_sources: bool,
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
    let bundles: Vec<String> = args.package_bundle.iter().filter(|p| !p.trim().is_empty()).cloned().collect();
    if bundles.len() > 1 {
        return run_many(&args, &bundles);
    }
    match verify(&args, bundles.first().map(String::as_str)) {
        Ok((result, code)) => {
            print_result(&args, &result);
            code
        }
        // Upstream prints the message alone, also under its own output (`--json`).
        Err(failure) => failure.report_upstream(false),
    }
}

fn print_result(args: &Args, result: &Value) {
    if args.json {
        out!("{}", to_pretty(result));
    } else {
        super::report::print_verify(result);
    }
}

/// Several bundles: each verified on its own, then one summary line.
fn run_many(args: &Args, bundles: &[String]) -> u8 {
    let shared = match refuse_ignored_sources(args, true).and_then(|()| shared_inputs(args)) {
        Ok(shared) => shared,
        Err(failure) => return failure.report(args.json),
    };
    let outcomes = crate::many::each(bundles, |path| verify_bundle(&shared, path));
    let codes: Vec<u8> = outcomes.iter().map(|o| o.as_ref().map_or_else(|f| f.exit, |(_, code)| *code)).collect();
    if args.json {
        let items = bundles.iter().zip(&outcomes).zip(&codes).map(|((path, outcome), code)| {
            let item = Map::record().with("input", path.as_str()).with("exit_code", u64::from(*code));
            match outcome {
                Ok((result, _)) => item.with("result", result.clone()),
                Err(failure) => item.with("error", failure.to_value()),
            }
            .into()
        });
        out!("{}", to_pretty(&Value::Array(items.collect())));
    } else {
        for (i, (path, outcome)) in bundles.iter().zip(&outcomes).enumerate() {
            if i > 0 {
                outln!();
            }
            outln!("== {path}");
            match outcome {
                Ok((result, _)) => super::report::print_verify(result),
                Err(failure) => eprintln!("error: {path}: {}", failure.message()),
            }
        }
    }
    let count = |code: u8| codes.iter().filter(|&&c| c == code).count();
    let (failed, errors) = (count(crate::exit::CHECK_FAILED), count(crate::exit::ERROR));
    let mut summary = format!("{} of {} packages failed verification", failed, bundles.len());
    if errors > 0 {
        summary.push_str(&format!(", {errors} could not be verified"));
    }
    let bad = failed + errors > 0;
    eprintln!("{}", if bad { crate::color::bad(&summary) } else { crate::color::good(&summary) });
    crate::exit::worst(codes)
}

/// The sources given, in upstream's order of precedence (ANIP-VER-2): upstream verifies the
/// first and ignores the others without a word.
fn sources_given(args: &Args) -> Vec<&'static str> {
    let registry = non_blank(&args.registry_url).or(non_blank(&args.registry_base)).is_some();
    [
        (non_blank(&args.definition).is_some(), "--definition"),
        (args.package_bundle.iter().any(|p| !p.trim().is_empty()), "--package-bundle"),
        (registry, "the registry package"),
    ]
    .into_iter()
    .filter_map(|(given, name)| given.then_some(name))
    .collect()
}

/// Upstream's silent choice of one source is kept only where its bytes are the contract:
/// `--json` without `--refuse-ignored-sources`, one bundle.
fn refuse_ignored_sources(args: &Args, several: bool) -> Result<(), CliError> {
    let refuse = args.refuse_ignored_sources || !args.json || several;
    match sources_given(args).as_slice() {
        [used, ignored @ ..] if refuse && !ignored.is_empty() => Err(CliError::new(
            format!("only one source can be verified: upstream verifies {used} and ignores {}", ignored.join(" and ")),
            crate::exit::ERROR,
        )),
        _ => Ok(()),
    }
}

/// What every source of one call shares: the lock file and the options.
struct Shared {
    lock: Option<Vec<u8>>,
    options: VerifyOptions,
}

fn shared_inputs(args: &Args) -> Result<Shared, CliError> {
    // ANIP-VER-4 step 1: the lock file is loaded before any source.
    let lock = match non_blank(&args.lock_file) {
        Some(path) => {
            let bytes = read(path.as_ref(), "lock file")?;
            check_lock(&bytes)?;
            Some(bytes)
        }
        None => None,
    };
    let options = VerifyOptions {
        expected_contract_signature: args.expected_contract_signature.clone(),
        trusted_keys: trusted_keys(args)?,
        legacy: args.compat == Compat::Legacy,
        record_path: args.package_bundle.first().cloned().unwrap_or_default(),
        // The summary always says who signed and whether that key is trusted.
        extended_report: args.extended_report || !args.json,
    };
    Ok(Shared { lock, options })
}

/// One package bundle, verified: the result and upstream's exit code.
fn verify_bundle(shared: &Shared, path: &str) -> Result<(Value, u8), CliError> {
    let bytes = read(path.as_ref(), "package bundle")?;
    let options = VerifyOptions { record_path: path.to_string(), ..shared.options.clone() };
    let verdict = api::anip_verify_bundle(&bytes, shared.lock.as_deref(), &options)?;
    Ok((verdict.result, verdict.exit_code as u8))
}

/// One source, in upstream's order: `--definition`, the bundle, the registry.
fn verify(args: &Args, bundle: Option<&str>) -> Result<(Value, u8), CliError> {
    refuse_ignored_sources(args, false)?;
    let shared = shared_inputs(args)?;
    let verdict = if let Some(path) = non_blank(&args.definition) {
        let bytes = read(path.as_ref(), "definition file")?;
        api::anip_verify_definition(&bytes, shared.lock.as_deref(), &shared.options)
    } else if let Some(path) = bundle {
        return verify_bundle(&shared, path);
    } else if let Some(target) = registry_target(args, shared.lock.as_deref())? {
        let fetched = fetch(&target, args.allow_yanked_package)?;
        api::anip_verify_registry(&fetched.responses(), shared.lock.as_deref(), &shared.options, &policy(args))
    } else {
        return Err("definition path, package bundle, or registry package identity must be provided".into());
    };
    let verdict = verdict?;
    Ok((verdict.result, verdict.exit_code as u8))
}
