//! `trustloop anip bundle …`: custom code bundle tree digests (spec §10), the
//! generate-equivalent report with digest enforcement (§11), and the declared
//! implementation materials of a package (§12).
use std::path::PathBuf;

use clap::{Args as ClapArgs, Subcommand};
use trustloop_core::api::anip::declares_capabilities;
use trustloop_core::api::anip::tree::{
    bundle_materials, bundle_report, check_generate_flags, tree_digest, validate_key, BundleReportOptions, GenerateBundleFlags,
    Target, TemplateValues, TreeDigestOptions,
};
use trustloop_core::api::json::{to_pretty, Value};

use crate::error::CliError;
use crate::exit;
use crate::input::read;
use trustloop_host::files::write_private;
use trustloop_host::walk::{list_files, symlinked_root_error, walk_bundle};

#[derive(Subcommand)]
pub enum Command {
    /// Print the normalized tree digest of a custom code bundle directory (sha256:<hex>).
    Digest(DigestArgs),
    /// Apply a bundle the way `anip generate` does and print custom-code-bundle-report.json.
    Report(ReportArgs),
    /// Print the implementation materials a package bundle declares (JSON).
    Materials(MaterialsArgs),
}

#[derive(ClapArgs)]
pub struct DigestArgs {
    /// The bundle directory (symlinks below it are never followed).
    dir: String,
    /// The applied digest (after template substitution and remapping) instead of the raw one.
    #[arg(long)]
    applied: bool,
    /// Target whose template values apply (required with --applied).
    #[arg(long, value_name = "TARGET", value_parser = ["python", "typescript", "go", "java", "csharp"])]
    target: Option<String>,
    /// Template value KEY=VALUE for {{ANIP_KEY}} (repeatable; overrides defaults).
    #[arg(long = "var", value_name = "KEY=VALUE")]
    vars: Vec<String>,
    /// Derive the target's default template values from this system name.
    #[arg(long, value_name = "NAME")]
    system_name: Option<String>,
    /// Derive the Python module and project name from this package id.
    #[arg(long, value_name = "ID")]
    package_id: Option<String>,
    /// Print {digest, files} as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(ClapArgs)]
pub struct ReportArgs {
    /// The package bundle (.anip-package.json) the bundle is applied for.
    #[arg(long, value_name = "FILE")]
    package_bundle: PathBuf,
    /// The reviewed local custom code bundle directory.
    #[arg(long, value_name = "DIR")]
    custom_code_bundle: Option<String>,
    /// Generate target.
    #[arg(long, value_name = "TARGET")]
    target: String,
    /// Expected applied tree digest (default: the first bundle_tree_sha256 the package declares).
    #[arg(long, value_name = "sha256:HEX")]
    verify_custom_code_bundle_digest: Option<String>,
    /// An immutable remote ref to record (validated, never fetched).
    #[arg(long, value_name = "REF")]
    custom_code_bundle_ref: Option<String>,
    /// Fetch the ref instead of using a local bundle (validated, then refused: fetching is disabled, as upstream).
    #[arg(long)]
    fetch_custom_code_bundle: bool,
    /// Template value KEY=VALUE (repeatable; overrides the target defaults).
    #[arg(long = "var", value_name = "KEY=VALUE")]
    vars: Vec<String>,
    /// A generated project (from `anip generate`) whose files decide overlays.
    #[arg(long, value_name = "DIR")]
    project_dir: Option<PathBuf>,
    /// A generated project file path (repeatable), instead of or besides --project-dir.
    #[arg(long, value_name = "PATH")]
    generated_file: Vec<String>,
    /// Write the report file here instead of printing it.
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Print {report, template_values, custom_code_bundle_refs, custom_code_bundle_warnings}.
    #[arg(long)]
    json: bool,
}

#[derive(ClapArgs)]
pub struct MaterialsArgs {
    /// The package bundle (.anip-package.json).
    #[arg(long, value_name = "FILE")]
    package_bundle: PathBuf,
    /// Print a hard error as the JSON error object (the output is JSON already).
    #[arg(long)]
    json: bool,
}

pub fn run(command: Command) -> u8 {
    // Digest and report print upstream's messages (`anip generate`'s); materials is trustloop's.
    let (json, upstream, result) = match command {
        Command::Digest(a) => (a.json, true, digest(a)),
        Command::Report(a) => (a.json, true, report(a)),
        Command::Materials(a) => (a.json, false, materials(a)),
    };
    match result {
        Ok(()) => 0,
        Err(failure) => {
            if upstream {
                failure.report_upstream(json)
            } else {
                failure.report(json)
            }
        }
    }
}

type Failure = CliError;

/// `--var KEY=VALUE`s; a malformed one is a usage error with exit code `usage`.
fn parse_vars(specs: &[String], usage: u8) -> Result<TemplateValues, Failure> {
    let mut out = TemplateValues::new();
    for spec in specs {
        let (k, v) = spec.split_once('=').ok_or_else(|| (format!("--var must be KEY=VALUE, got {spec:?}"), usage))?;
        let k = k.trim().trim_start_matches("ANIP_");
        validate_key(k).map_err(|e| CliError::from(e).with_exit(usage))?;
        out.insert(k.to_string(), v.to_string());
    }
    Ok(out)
}

fn digest(a: DigestArgs) -> Result<(), Failure> {
    let target = match &a.target {
        Some(t) => Some(Target::parse(t).map_err(|e| CliError::from(e).with_exit(exit::USAGE))?),
        None => None,
    };
    if a.applied && target.is_none() {
        return Err(("--applied requires --target".into(), exit::USAGE).into());
    }
    let vars = parse_vars(&a.vars, exit::USAGE)?;
    let prefix = if a.applied { "apply custom code bundle: " } else { "compute custom code bundle digest: " };
    let dir = walk_bundle(&a.dir, true, prefix).map_err(CliError::from)?;
    if a.applied {
        if let Some(m) = symlinked_root_error(&dir, false, "apply custom code bundle: ") {
            return Err((m, 1).into());
        }
    }
    let options = TreeDigestOptions {
        applied: a.applied,
        target,
        vars,
        system_name: a.system_name.unwrap_or_default(),
        package_id: a.package_id.unwrap_or_default(),
        root: dir.root.clone(),
        root_name: dir.root_name.clone(),
        ..TreeDigestOptions::default()
    };
    let v = tree_digest(&dir.entries, &options).map_err(CliError::from)?;
    if a.json {
        out!("{}", to_pretty(&v));
    } else {
        outln!("{}", v.str_at("digest"));
    }
    Ok(())
}

/// Relative paths of every file below `dir` (a generated project), bounded and
/// without following symlinks (`trustloop_host::walk::list_files`).
fn project_files(dir: &std::path::Path) -> Result<Vec<String>, Failure> {
    list_files(dir).map_err(|e| (format!("read generated project {}: {e}", dir.display()), 1).into())
}

fn report(a: ReportArgs) -> Result<(), Failure> {
    let local = a.custom_code_bundle.as_deref().filter(|s| !s.trim().is_empty());
    let verify = a.verify_custom_code_bundle_digest.clone().unwrap_or_default();
    let user_ref = a.custom_code_bundle_ref.clone().unwrap_or_default();
    // ANIP-GEN-2 first, exactly as `anip generate` orders its flag checks.
    check_generate_flags(&GenerateBundleFlags {
        custom_code_bundle_ref: &user_ref,
        fetch_custom_code_bundle: a.fetch_custom_code_bundle,
        has_local_bundle: local.is_some(),
        verify_custom_code_bundle_digest: &verify,
    })
    .map_err(CliError::from)?;
    let Some(local) = local else {
        return Err(("--custom-code-bundle is required".into(), 2).into());
    };
    let vars = parse_vars(&a.vars, exit::UPSTREAM_USAGE)?;
    let bundle = read(&a.package_bundle, "package bundle").map_err(CliError::from)?;
    let mut existing = a.generated_file.clone();
    if let Some(dir) = &a.project_dir {
        existing.extend(project_files(dir)?);
    }
    // Upstream resolves the package and checks the target before touching the bundle
    // directory; surface those errors first.
    bundle_materials(&bundle).map_err(CliError::from)?;
    let target = Target::parse(&a.target).map_err(CliError::from)?;
    // The capability scan reads ignored directories too, so walk everything.
    let dir = walk_bundle(local, false, "apply custom code bundle: ").map_err(CliError::from)?;
    if dir.root_is_symlink {
        let scan = symlinked_root_error(&dir, true, "validate custom code bundle capabilities: ");
        let apply = symlinked_root_error(&dir, false, "apply custom code bundle: ");
        // The capability scan runs first when it runs at all (see `declares_capabilities`).
        if let Some(m) = scan.filter(|_| declares_capabilities(&bundle, target)).or(apply) {
            return Err((m, 1).into());
        }
    }
    let options = BundleReportOptions {
        target: a.target.clone(),
        bundle_path: dir.root.clone(),
        root_name: dir.root_name.clone(),
        vars,
        existing_files: existing,
        verify_digest: verify,
        custom_code_bundle_ref: user_ref,
        fetch: false,
        ..BundleReportOptions::default()
    };
    let result = bundle_report(&bundle, &dir.entries, &options).map_err(CliError::from)?;
    for w in result.get("custom_code_bundle_warnings").and_then(Value::as_array).unwrap_or(&[]) {
        eprintln!("warning: {}", w.as_str().unwrap_or(""));
    }
    let report = result.get("report").cloned().unwrap_or(Value::Null);
    if let Some(path) = &a.output {
        write_private(path, to_pretty(&report).as_bytes()).map_err(|e| (format!("write {}: {e}", path.display()), 1))?;
    }
    if a.json {
        out!("{}", to_pretty(&result));
    } else if a.output.is_none() {
        out!("{}", to_pretty(&report));
    }
    Ok(())
}

fn materials(a: MaterialsArgs) -> Result<(), Failure> {
    let bundle = read(&a.package_bundle, "package bundle").map_err(CliError::from)?;
    let v = bundle_materials(&bundle).map_err(CliError::from)?;
    out!("{}", to_pretty(&v));
    Ok(())
}

