//! `trustloop anip build-local`: upstream's `anip package build-local`, with its flags,
//! checks, messages, exit codes and files; signed with the deterministic development
//! key unless `--signing-key` (a trustloop extension) is given.
use clap::Args as ClapArgs;
use trustloop_core::api::{self, BuildLocalOptions};
use trustloop_core::api::anip::{DEFAULT_GENERATED_AT, DEFAULT_PORT};

use trustloop_core::api::json::{to_pretty, Map, Value};

use crate::error::CliError;
use crate::input::read;

pub(super) mod go_flags;
mod go_fs;

/// Upstream's flags are plain strings checked after parsing (a blank `--package-id`
/// gets upstream's message, not clap's), so none is required here; as with Go's
/// `flag`, a repeated flag's last value wins.
#[derive(ClapArgs)]
#[command(args_override_self = true)]
pub struct Args {
    /// Path to an anip-service-definition.json.
    #[arg(long, value_name = "FILE")]
    definition: Option<String>,
    #[arg(long)]
    package_id: Option<String>,
    #[arg(long)]
    package_version: Option<String>,
    /// Directory for manifest, lock, bundle, and README artifacts.
    #[arg(long, value_name = "DIR")]
    output_dir: Option<String>,
    /// Package display name (default: the definition's identity.system_name).
    #[arg(long)]
    name: Option<String>,
    /// Project lineage reference (default studio-source:<package-id>).
    #[arg(long)]
    project_ref: Option<String>,
    /// Product revision reference (default <package-id>:product:v1).
    #[arg(long)]
    product_revision_ref: Option<String>,
    /// Developer revision reference (default <package-id>:developer:v1).
    #[arg(long)]
    developer_revision_ref: Option<String>,
    /// Optional HTTPS source documentation URL.
    #[arg(long)]
    source_doc_url: Option<String>,
    /// Optional HTTPS showcase files URL.
    #[arg(long)]
    showcase_url: Option<String>,
    /// Deterministic generated/published timestamp (RFC 3339, copied verbatim).
    #[arg(long, value_name = "T", default_value = DEFAULT_GENERATED_AT)]
    generated_at: String,
    /// Also write <package-id>-<version>-service-definition.json (`--write-definition=false` too).
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    write_definition: Option<String>,
    /// Example generated service port used in README commands (Go integer syntax).
    #[arg(long, value_name = "PORT", allow_hyphen_values = true)]
    port: Option<String>,
    /// Ed25519 signing key: `trustloop keygen` output (KEY=VALUE or --json) or a bare base64 seed.
    #[arg(long, value_name = "FILE")]
    signing_key: Option<std::path::PathBuf>,
    /// Key id for a bare base64 --signing-key (default: from the key file, else trustloop-ed25519).
    #[arg(long)]
    signing_key_id: Option<String>,
    /// Print {written_package_bundle} as JSON, and a hard error as the JSON error object (trustloop only).
    #[arg(long)]
    json: bool,
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

/// A failure: message for stderr and exit code.
type Failure = (String, u8);

fn usage_error(message: impl Into<String>) -> Failure {
    (message.into(), 2)
}

fn options(args: &Args) -> Result<BuildLocalOptions, Failure> {
    let port = match &args.port {
        Some(raw) => go_flags::parse_int("port", raw).map_err(usage_error)?,
        None => DEFAULT_PORT,
    };
    let write_definition = match &args.write_definition {
        Some(raw) => go_flags::parse_bool("write-definition", raw).map_err(usage_error)?,
        None => false,
    };
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    Ok(BuildLocalOptions {
        package_id: text(&args.package_id),
        package_version: text(&args.package_version),
        generated_at: Some(args.generated_at.clone()),
        name: text(&args.name),
        project_ref: text(&args.project_ref),
        product_revision_ref: text(&args.product_revision_ref),
        developer_revision_ref: text(&args.developer_revision_ref),
        source_doc_url: text(&args.source_doc_url),
        showcase_url: text(&args.showcase_url),
        port,
        write_definition,
        definition_path: args.definition.clone(),
        signing_key: None,
        signing_key_id: None,
    })
}

fn build(args: Args) -> Result<String, Failure> {
    let mut options = options(&args)?;
    // Upstream's order: --definition, --package-id, --package-version, --output-dir.
    let definition_path = args.definition.clone().unwrap_or_default();
    if definition_path.trim().is_empty() {
        return Err(usage_error("--definition is required"));
    }
    options.check_required().map_err(|e| usage_error(e.to_string()))?;
    let output_dir = args.output_dir.clone().unwrap_or_default();
    if output_dir.trim().is_empty() {
        return Err(usage_error("--output-dir is required"));
    }
    if let Some(path) = &args.signing_key {
        let (key, key_id) = load_key(path, args.signing_key_id.clone()).map_err(|m| (m, 1))?;
        options.signing_key = Some(key);
        options.signing_key_id = key_id;
    }
    let definition = read(std::path::Path::new(&definition_path), &definition_path).map_err(|m| (m, 1))?;
    let files = api::anip_build_local(&definition, &options).map_err(|e| {
        // Flag-shaped failures are usage errors upstream (exit 2); the table knows which.
        let code = api::call::find("build_local").ok().and_then(|op| op.error_exit_code(e.code())).unwrap_or(1);
        (e.to_string(), code)
    })?;
    go_fs::mkdir_all(&output_dir).map_err(|m| (format!("create output dir: {m}"), 1))?;
    // Upstream cleans `<output-dir>/<id>-<version>` once and appends each suffix to it.
    let stem = format!("{}-{}", options.package_id, options.package_version);
    let prefix = go_fs::join(&output_dir, &stem);
    for file in &files {
        let path = match file.name.strip_prefix(&stem) {
            Some(suffix) => format!("{prefix}{suffix}"),
            None => go_fs::join(&output_dir, &file.name),
        };
        go_fs::write_file(&path, &file.bytes).map_err(|m| (format!("write {path}: {m}"), 1))?;
    }
    Ok(format!("{prefix}.anip-package.json"))
}

pub fn run(args: Args) -> u8 {
    let json = args.json;
    match build(args) {
        Ok(bundle) if json => {
            let written = Map::record().with("written_package_bundle", bundle);
            out!("{}", to_pretty(&Value::Object(written)));
            0
        }
        Ok(bundle) => {
            outln!("wrote local package bundle: {bundle}");
            0
        }
        Err((message, code)) => CliError::from(message).with_exit(code).report_upstream(json),
    }
}
