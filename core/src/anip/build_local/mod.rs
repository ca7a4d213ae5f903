//! `anip package build-local`: upstream's command in memory. It derives manifest and
//! lock from the service definition ([`content`]), publishes them to an in-memory
//! Registry that applies the Registry's publish validation ([`publish`], [`limits`]),
//! and returns the files upstream writes, byte for byte: manifest, lock, bundle and
//! README (and the definition with `write_definition`). Signed with the deterministic
//! development key unless a key is given (a trustloop extension).
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::bundle::{Resolved, SourceKind};
use super::receipt::{self, Payload, PayloadDigests};
use super::execution_signature;
use crate::emulate::go::rfc3339;
use crate::diag::Error;
use crate::digest::{canonical_digest, canonical_digest_object};
use crate::json::{to_canonical_object, to_pretty, Map, Mode, Value};
use crate::sign::KeyPair;

mod content;
mod limits;
mod publish;

use content::{first_non_empty, string_value, Refs, SPEC_VERSION};

pub const DEFAULT_GENERATED_AT: &str = "2026-05-15T00:00:00Z";
pub const DEFAULT_PORT: i64 = 9100;
const SCHEMA_VERSION: &str = "anip-service-definition/v1";
const PUBLISHER_ID: &str = "local-dev-registry";
/// The package upstream's in-memory Registry is seeded with: publishing the same id
/// and version again fails there (`package version already exists`).
const SEEDED_PACKAGE: (&str, &str) = ("issue-tracker-native-and-mcp-fronting", "0.1.0");

/// Upstream's flags (empty strings mean "not given", as in Go) and trustloop's
/// signing-key extension.
#[derive(Clone, Debug)]
pub struct BuildLocalOptions {
    pub package_id: String,
    pub package_version: String,
    /// RFC 3339 as Go's `time.Parse` accepts it, copied verbatim; default
    /// `2026-05-15T00:00:00Z`.
    pub generated_at: Option<String>,
    /// `--name`: display name (default: the definition's `identity.system_name`).
    pub name: String,
    /// `--project-ref` (default `studio-source:<package-id>`).
    pub project_ref: String,
    /// `--product-revision-ref` (default `<package-id>:product:v1`).
    pub product_revision_ref: String,
    /// `--developer-revision-ref` (default `<package-id>:developer:v1`).
    pub developer_revision_ref: String,
    /// `--source-doc-url`: an http(s) URL listed as "Source documentation".
    pub source_doc_url: String,
    /// `--showcase-url`: an http(s) URL listed as "Showcase files".
    pub showcase_url: String,
    /// `--port` shown in the README and usage (default 9100).
    pub port: i64,
    /// `--write-definition`: also return `<id>-<version>-service-definition.json`.
    pub write_definition: bool,
    /// How decode errors name the definition (upstream: its path); default
    /// `service definition`.
    pub definition_path: Option<String>,
    /// base64 seed or private key; default: the deterministic development key.
    pub signing_key: Option<String>,
    pub signing_key_id: Option<String>,
}

impl Default for BuildLocalOptions {
    fn default() -> Self {
        BuildLocalOptions {
            package_id: String::new(),
            package_version: String::new(),
            generated_at: None,
            name: String::new(),
            project_ref: String::new(),
            product_revision_ref: String::new(),
            developer_revision_ref: String::new(),
            source_doc_url: String::new(),
            showcase_url: String::new(),
            port: DEFAULT_PORT,
            write_definition: false,
            definition_path: None,
            signing_key: None,
            signing_key_id: None,
        }
    }
}

impl BuildLocalOptions {
    /// From a binding's options object: the string options under their snake_case
    /// names, `port` (an integer) and `write_definition` (a boolean).
    pub fn from_value(v: &Value) -> Result<Self, Error> {
        let mut o = BuildLocalOptions::default();
        let Some(m) = v.as_object() else { return Ok(o) };
        for (k, val) in m.iter() {
            if matches!(val, Value::Null) {
                continue;
            }
            match (k.as_str(), val) {
                // An integer below 2^53 (no_std has no `f64::fract`: the cast round-trips).
                ("port", Value::Number(n))
                    if (*n as i64) as f64 == *n && *n > -9.0e15 && *n < 9.0e15 =>
                {
                    o.port = *n as i64
                }
                ("write_definition", Value::Bool(b)) => o.write_definition = *b,
                (_, Value::String(s)) => {
                    let s = s.clone();
                    match k.as_str() {
                        "package_id" => o.package_id = s,
                        "package_version" => o.package_version = s,
                        "generated_at" => o.generated_at = Some(s),
                        "name" => o.name = s,
                        "project_ref" => o.project_ref = s,
                        "product_revision_ref" => o.product_revision_ref = s,
                        "developer_revision_ref" => o.developer_revision_ref = s,
                        "source_doc_url" => o.source_doc_url = s,
                        "showcase_url" => o.showcase_url = s,
                        "definition_path" => o.definition_path = Some(s),
                        "signing_key" => o.signing_key = Some(s),
                        "signing_key_id" => o.signing_key_id = Some(s),
                        other => {
                            return Err(Error::new(
                                "INVALID_OPTION",
                                format!("unknown build-local option {other:?}"),
                            ))
                        }
                    }
                }
                (other, _) => {
                    return Err(Error::new(
                        "INVALID_OPTION",
                        format!("unknown or mistyped build-local option {other:?}"),
                    ))
                }
            }
        }
        Ok(o)
    }

    /// Upstream's flag checks for id and version (`--package-id is required`), which
    /// the CLI runs between its own `--definition` and `--output-dir` checks.
    pub fn check_required(&self) -> Result<(), Error> {
        if self.package_id.trim().is_empty() {
            return Err(Error::new("ANIP_BUILD_ARGS", "--package-id is required"));
        }
        if self.package_version.trim().is_empty() {
            return Err(Error::new(
                "ANIP_BUILD_ARGS",
                "--package-version is required",
            ));
        }
        Ok(())
    }
}

/// One file of build output: a file name and its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

fn strings(items: &[String]) -> Value {
    Value::Array(items.iter().map(Value::from).collect())
}

fn pretty_file(name: String, v: &Value) -> OutputFile {
    OutputFile {
        name,
        bytes: to_pretty(v).into_bytes(),
    }
}

fn publish_error(message: impl core::fmt::Display) -> Error {
    Error::new(
        "ANIP_BUILD_PUBLISH",
        format!("build local package: {message}"),
    )
}

/// `json.Unmarshal` into `map[string]any`: the map, and whether the document was
/// `null` (which leaves the map empty, and is what upstream digests).
fn decode_definition(bytes: &[u8], name: &str) -> Result<(Map, bool), Error> {
    let other = match crate::json::parse(bytes)
        .map_err(|e| Error::new(e.code(), format!("decode {name}: {e}")))?
        .into_object()
    {
        Ok(m) => return Ok((m, false)),
        Err(Value::Null) => return Ok((Map::new(), true)),
        Err(other) => other,
    };
    Err(Error::new(
            "ANIP_DEFINITION_DECODE",
            format!(
                "decode {name}: json: cannot unmarshal {} into Go value of type map[string]interface {{}}",
                crate::emulate::go::json_struct::json_kind(&other)
            ),
        ))
}

fn into_map(v: Value) -> Map {
    v.into_object().unwrap_or_default()
}

fn signer(options: &BuildLocalOptions) -> Result<KeyPair, Error> {
    match &options.signing_key {
        None => Ok(KeyPair::dev()),
        Some(k) => {
            let kid = options
                .signing_key_id
                .as_deref()
                .unwrap_or("trustloop-ed25519")
                .trim();
            if kid.is_empty() || kid.contains(':') {
                return Err(Error::new(
                    "ANIP_BUILD_ARGS",
                    "signing key id must be non-empty and must not contain ':'",
                ));
            }
            KeyPair::from_base64_private(kid, k)
        }
    }
}

/// Runs the pipeline; returns (definition,) manifest, lock, bundle and README, in the
/// order upstream writes them.
pub fn build_local(
    definition_bytes: &[u8],
    options: &BuildLocalOptions,
) -> Result<Vec<OutputFile>, Error> {
    options.check_required()?;
    let signer = signer(options)?;
    // Upstream keeps id and version as given (only blank ones are refused).
    let (id, version) = (
        options.package_id.as_str(),
        options.package_version.as_str(),
    );
    let name = options
        .definition_path
        .as_deref()
        .unwrap_or("service definition");
    let (def, was_null) = decode_definition(definition_bytes, name)?;
    // A missing or blank version is defaulted; past this check it is always v1.
    if first_non_empty(&[
        string_value(def.get("contract_schema_version")),
        SCHEMA_VERSION,
    ]) != SCHEMA_VERSION
    {
        return Err(Error::new(
            "ANIP_BUILD_SCHEMA_VERSION",
            "service definition contract_schema_version must be anip-service-definition/v1",
        ));
    }
    let schema_version = SCHEMA_VERSION;
    let def = Value::Object(def);
    let null = Value::Null;
    let definition_digest = canonical_digest(if was_null { &null } else { &def });
    let def = into_map(def);
    let system = first_non_empty(&[&options.name, content::system_name(&def), id]).to_string();
    let services = content::service_ids(&def);
    let cap_ids = content::capability_ids(&def);
    let or = |given: &str, derived: String| {
        if given.is_empty() {
            derived
        } else {
            given.to_string()
        }
    };
    let refs = Refs {
        project: or(&options.project_ref, format!("studio-source:{id}")),
        product: or(&options.product_revision_ref, format!("{id}:product:v1")),
        developer: or(
            &options.developer_revision_ref,
            format!("{id}:developer:v1"),
        ),
    };
    let at = options
        .generated_at
        .as_deref()
        .unwrap_or(DEFAULT_GENERATED_AT);
    let published_at = rfc3339::parse_go_rfc3339(at)
        .map(rfc3339::format_utc)
        .ok_or_else(|| {
            Error::new(
                "ANIP_BUILD_ARGS",
                "--generated-at must be an RFC3339 timestamp",
            )
        })?;

    let readme_text = content::readme(&system, id, version, options.port, &cap_ids, services.len());
    // The Registry stores the README trimmed; the README file keeps upstream's text.
    let readme = readme_text.trim();
    let readiness = content::readiness(&def, &cap_ids);
    let consumability = content::consumability(&def);
    let lineage = content::lineage(&refs, at, &definition_digest);
    let links = content::source_links(&options.source_doc_url, &options.showcase_url);
    let manifest = Map::new()
        .with("package_kind", "anip_service_blueprint")
        .with("artifact_type", "anip_package_manifest")
        .with("blueprint_id", id)
        .with("package_id", id)
        .with("name", format!("{system} Service Blueprint"))
        .with("version", version)
        .with("package_version", version)
        .with("schema_version", schema_version)
        .with("anip_spec_version", SPEC_VERSION)
        .with(
            "publisher",
            Map::new()
                .with("id", PUBLISHER_ID)
                .with("display_name", "Local development registry"),
        )
        .with("service_definition", "anip-service-definition.json")
        .with("service_definition_digest", definition_digest.as_str())
        .with("service_definition_digest_algorithm", "sha256")
        .with(
            "build_packs",
            Map::new().with("recommended", strings(&["anip-build-pack@local".into()])),
        )
        .with(
            "verifier_packs",
            Map::new().with("recommended", strings(&["anip-verifier@local".into()])),
        )
        .with("readme", readme)
        .with("usage", content::usage(id, version, options.port))
        .with("source_links", content::source_links_value(&links))
        .with("capability_count", cap_ids.len() as f64)
        .with("service_count", services.len() as f64)
        .with("service_ids", strings(&services))
        .with("lineage", lineage.clone())
        .with("agent_consumption_readiness", readiness.clone())
        .with("agent_consumability", consumability.clone())
        .with("generated_at", at);
    let lock = Map::new()
        .with("lock_kind", "publisher_recommended_lock")
        .with("artifact_type", "anip_package_lock")
        .with("blueprint_id", id)
        .with("blueprint_version", version)
        .with("package_id", id)
        .with("package_version", version)
        .with("schema_version", schema_version)
        .with("anip_spec_version", SPEC_VERSION)
        .with("service_definition_digest", definition_digest.as_str())
        .with("build_packs", strings(&["anip-build-pack@local".into()]))
        .with("verifier_packs", strings(&["anip-verifier@local".into()]))
        .with("runtime_packages", Value::Array(Vec::new()))
        .with("extension_packs", Value::Array(Vec::new()))
        .with("regression_packs", Value::Array(Vec::new()))
        .with("selected_service_ids", strings(&services))
        .with("capability_ids", strings(&cap_ids))
        .with("contract_signature", definition_digest.as_str())
        .with("lineage", lineage.clone())
        .with("agent_consumption_readiness", readiness)
        .with("agent_consumability", consumability)
        .with("generated_at", at);

    if (id, version) == SEEDED_PACKAGE {
        return Err(publish_error("package version already exists"));
    }
    let request_fields = [
        ("package_id", id),
        ("package_version", version),
        ("project_ref", refs.project.as_str()),
        ("product_revision_ref", refs.product.as_str()),
        ("developer_revision_ref", refs.developer.as_str()),
        ("contract_signature", definition_digest.as_str()),
        ("publisher_id", PUBLISHER_ID),
        ("publisher_type", "local"),
        ("schema_version", schema_version),
    ];
    let (manifest, lock, def) = (
        Value::Object(manifest),
        Value::Object(lock),
        Value::Object(def),
    );
    let request = publish::Request {
        envelope: publish::envelope(&request_fields, &lineage, readme, &links),
        readme,
        source_links: &links,
        manifest: &manifest,
        definition: &def,
        lock: &lock,
    };
    publish::validate_request(&request).map_err(publish_error)?;
    publish::validate_execution_metadata(&def, &manifest).map_err(publish_error)?;
    let (mut manifest, mut lock, def) = (into_map(manifest), into_map(lock), into_map(def));

    let mut resolved = Resolved::from_definition(def.clone());
    resolved.source = SourceKind::PackageBundle;
    resolved.package_id = id.into();
    resolved.package_version = version.into();
    resolved.schema_version = schema_version.into();
    resolved.publisher_id = PUBLISHER_ID.into();
    resolved.publisher_type = "local".into();
    resolved.contract_signature = definition_digest.clone();
    resolved.manifest = manifest.clone();
    resolved.lock = lock.clone();
    resolved.lineage = lineage.clone();
    let pes = execution_signature::compute(&resolved, &to_canonical_object(&resolved.definition, Mode::Digest));
    manifest.insert("package_execution_signature", pes.as_str().into());
    lock.insert("package_execution_signature", pes.as_str().into());
    let manifest_digest = canonical_digest_object(&manifest);
    let lock_digest = canonical_digest_object(&lock);
    resolved.manifest = manifest.clone();
    resolved.lock = lock.clone();
    resolved.package_execution_signature = pes.clone();
    resolved.stored_definition_digest = definition_digest.clone();
    resolved.stored_manifest_digest = manifest_digest.clone();
    resolved.stored_lock_digest = lock_digest.clone();
    resolved.receipt_issued_at = published_at.clone();

    let digests = PayloadDigests {
        definition: &definition_digest,
        contract_signature: &definition_digest,
    };
    let signature = signer.sign_string(&receipt::ed25519_message(
        &resolved,
        &digests,
        Payload::Current,
    ));
    let receipt_id = canonical_digest(
        &Map::new()
            .with("package_id", id)
            .with("package_version", version)
            .with("issued_at", published_at.as_str())
            .into(),
    );
    let lifecycle = Map::record().with("status", "active");
    // Publication summary and package record are Go structs sharing their first fields.
    let identity = || {
        Map::record()
            .with("package_id", id)
            .with("package_version", version)
            .with("project_ref", refs.project.as_str())
            .with("product_revision_ref", refs.product.as_str())
            .with("developer_revision_ref", refs.developer.as_str())
            .with("contract_signature", definition_digest.as_str())
            .with("publisher_id", PUBLISHER_ID)
            .with("publisher_type", "local")
            .with("lineage", lineage.clone())
    };
    let publication = identity()
        .with("published_at", published_at.as_str())
        .with("download_count", 0usize)
        .with("lifecycle", lifecycle.clone());
    let mut package = identity()
        .with("schema_version", schema_version)
        .with("manifest_digest", manifest_digest.as_str())
        .with("definition_digest", definition_digest.as_str())
        .with("lock_digest", lock_digest.as_str())
        .with("package_execution_signature", pes.as_str())
        .with("published_at", published_at.as_str())
        .with("download_count", 0usize)
        .with("lifecycle", lifecycle)
        .with("manifest", manifest.clone())
        .with("service_definition", def.clone())
        .with("recommended_lock", lock.clone())
        .with("readme", readme);
    if !links.is_empty() {
        let records = links.iter().map(|l| {
            Map::record()
                .with("title", l.title.as_str())
                .with("url", l.url.as_str())
                .into()
        });
        package.insert("source_links", Value::Array(records.collect()));
    }
    let receipt = Map::record()
        .with("receipt_id", receipt_id.as_str())
        .with("package_id", id)
        .with("package_version", version)
        .with("registry_signature", signature.as_str())
        .with("signature_algorithm", "ed25519")
        .with("key_id", signer.key_id.as_str())
        .with("publisher_id", PUBLISHER_ID)
        .with("publisher_type", "local")
        .with("issued_at", published_at.as_str());
    let key = Map::new()
        .with("key_id", signer.key_id.as_str())
        .with("algorithm", "ed25519")
        .with("public_key", signer.public_key_base64());
    let bundle = Map::new()
        .with("bundle_schema_version", "anip-package-bundle/v1")
        .with("authority", "local-dev-registry")
        .with("publication", publication)
        .with("package", package)
        .with("receipt", receipt)
        .with("lineage", lineage)
        .with("manifest", manifest.clone())
        .with("service_definition", def.clone())
        .with("lock", lock.clone())
        .with("registry_keys", Value::Array(alloc::vec![key.into()]))
        .with(
            "digests",
            Map::new()
                .with("manifest", manifest_digest.as_str())
                .with("service_definition", definition_digest.as_str())
                .with("lock", lock_digest.as_str())
                .with("receipt", receipt_id.as_str()),
        );
    let stem = format!("{id}-{version}");
    let mut files = Vec::new();
    if options.write_definition {
        files.push(pretty_file(
            format!("{stem}-service-definition.json"),
            &Value::Object(def),
        ));
    }
    files.push(pretty_file(
        format!("{stem}-manifest.json"),
        &Value::Object(manifest),
    ));
    files.push(pretty_file(
        format!("{stem}-lock.json"),
        &Value::Object(lock),
    ));
    files.push(pretty_file(
        format!("{stem}.anip-package.json"),
        &Value::Object(bundle),
    ));
    files.push(OutputFile {
        name: "README.md".into(),
        bytes: readme_text.into_bytes(),
    });
    Ok(files)
}
