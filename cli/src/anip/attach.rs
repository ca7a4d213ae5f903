//! `trustloop anip attach-implementation` (`anip package attach-implementation`,
//! ANIP-ATT-1): add immutable implementation-material metadata to a package's
//! publish request, and either print it, write it, or POST it to a Registry. Code is
//! never uploaded; a local bundle is only hashed. The bearer token is sent only over
//! `https://` or to a loopback host (upstream also sends it over plain `http://`).
use std::path::PathBuf;
use std::time::Duration;

use clap::Args as ClapArgs;
use trustloop_core::api::anip::{
    build_publish_request, check_attach_args, publish_response, publish_url, request_body, AttachOptions, MAX_RESPONSE_BYTES,
};
use trustloop_core::api::diag::Error;
use trustloop_core::api::json::{to_pretty, Map, Value};

use crate::error::CliError;

use crate::input::read;
use trustloop_host::files::write_private;
use trustloop_host::http::{request, Failure, Method};
use trustloop_host::walk::walk_bundle;

#[derive(ClapArgs)]
pub struct Args {
    /// Existing package bundle or Registry package record JSON.
    #[arg(long, value_name = "FILE", default_value = "")]
    package_bundle: String,
    /// New package version to publish.
    #[arg(long, value_name = "V", default_value = "")]
    package_version: String,
    /// Immutable custom bundle ref, e.g. git+https://repo.git@<commit>#sha256:<digest>.
    #[arg(long, value_name = "REF", default_value = "")]
    custom_code_bundle_ref: String,
    /// Alias for --custom-code-bundle-ref (takes precedence).
    #[arg(long, value_name = "REF", default_value = "")]
    implementation_material_ref: String,
    /// Reviewed local bundle directory, used only to compute bundle_tree_sha256 (never uploaded).
    #[arg(long, value_name = "DIR")]
    custom_code_bundle: Option<String>,
    /// Expected normalized local tree digest, sha256:<64 hex chars>.
    #[arg(long, value_name = "sha256:HEX", default_value = "")]
    bundle_tree_sha256: String,
    /// Human-readable implementation material title.
    #[arg(long, value_name = "T", default_value = "")]
    implementation_material_title: String,
    /// Write the publish request JSON here instead of stdout.
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Registry base URL: publish the new revision instead of writing the request.
    #[arg(long, value_name = "URL")]
    registry_url: Option<String>,
    /// Registry publish bearer token (default: $ANIP_REGISTRY_PUBLISH_TOKEN).
    #[arg(long, value_name = "T")]
    publish_token: Option<String>,
    /// Under a hard error print the JSON error object on stdout (trustloop only; the output is JSON already).
    #[arg(long)]
    json: bool,
}

/// Exit codes as upstream: 2 for flag problems, 1 for everything else.
fn exit_code(e: &Error) -> u8 {
    match e.code() {
        "ATT_VERSION_REQUIRED" | "ATT_REF_REQUIRED" | "ATT_TREE_DIGEST_INVALID" => 2,
        c if c.starts_with("REF_") => 2,
        _ => 1,
    }
}

/// Upstream's message on stderr, or under `--json` the JSON error object.
fn fail(json: bool, failure: impl Into<CliError>, code: u8) -> u8 {
    failure.into().with_exit(code).report_upstream(json)
}

pub fn run(a: Args) -> u8 {
    if a.package_bundle.trim().is_empty() {
        return fail(a.json, "--package-bundle is required", 2);
    }
    let mut options = AttachOptions {
        package_version: a.package_version.clone(),
        implementation_material_ref: a.implementation_material_ref.clone(),
        custom_code_bundle_ref: a.custom_code_bundle_ref.clone(),
        bundle_tree_sha256: String::new(),
        title: a.implementation_material_title.clone(),
        ..AttachOptions::default()
    };
    // Steps 2–4 before the bundle directory is touched.
    if let Err(e) = check_attach_args(&options, None) {
        return fail(a.json, &e, exit_code(&e));
    }
    options.bundle_tree_sha256 = a.bundle_tree_sha256.clone();
    let local = a.custom_code_bundle.as_deref().filter(|s| !s.trim().is_empty());
    let material = match local {
        Some(dir) => {
            let walked = match walk_bundle(dir, true, "compute custom code bundle digest: ") {
                Ok(w) => w,
                Err(m) => return fail(a.json, m, 1),
            };
            options.bundle_root = walked.root.clone();
            check_attach_args(&options, Some(&walked.entries))
        }
        None => check_attach_args(&options, None),
    };
    let material = match material {
        Ok(m) => m,
        Err(e) => return fail(a.json, &e, exit_code(&e)),
    };
    let bundle = match read(std::path::Path::new(&a.package_bundle), "package bundle") {
        Ok(b) => b,
        Err(m) => return fail(a.json, m, 1),
    };
    let request = match build_publish_request(&bundle, Some((&options.package_version, &material))) {
        Ok(r) => r,
        Err(e) => return fail(a.json, &e, 1),
    };

    if let Some(url) = a.registry_url.as_deref().filter(|u| !u.trim().is_empty()) {
        if a.output.as_ref().is_some_and(|o| !o.as_os_str().is_empty()) {
            return fail(a.json, "--output cannot be combined with --registry-url", 2);
        }
        let env = std::env::var("ANIP_REGISTRY_PUBLISH_TOKEN").unwrap_or_default();
        let token = [a.publish_token.as_deref().unwrap_or(""), env.as_str()]
            .into_iter()
            .map(str::trim)
            .find(|t| !t.is_empty())
            .unwrap_or("");
        if token.is_empty() {
            return fail(a.json, "--registry-url requires --publish-token or ANIP_REGISTRY_PUBLISH_TOKEN", 2);
        }
        if !token_transport_is_private(url) {
            return fail(
                a.json,
                format!("--registry-url {url}: refusing to send the publish token over plain http to a non-loopback host; use https://"),
                2,
            );
        }
        return match post(url, token, &request_body(&request)) {
            Ok(result) => {
                out!("{}", to_pretty(&result));
                0
            }
            Err(msg) => fail(a.json, msg, 1),
        };
    }
    if let Some(path) = a.output.as_ref().filter(|o| !o.as_os_str().is_empty()) {
        if let Err(e) = write_private(path, to_pretty(&request).as_bytes()) {
            return fail(a.json, format!("write output: {e}"), 1);
        }
        if a.json {
            let written = Map::record().with("written_publish_request", path.display().to_string());
            out!("{}", to_pretty(&Value::Object(written)));
        } else {
            outln!("wrote publish request: {}", path.display());
        }
        return 0;
    }
    out!("{}", to_pretty(&request));
    0
}

/// May a bearer token go to `url`? Over `https://`, or over `http://` to `localhost`,
/// `127.0.0.0/8` or `::1` (a local Registry under development); nothing else.
fn token_transport_is_private(url: &str) -> bool {
    let url = url.trim();
    let Some((scheme, rest)) = url.split_once("://") else { return false };
    if scheme.eq_ignore_ascii_case("https") {
        return true;
    }
    if !scheme.eq_ignore_ascii_case("http") {
        return false;
    }
    let authority = rest.split(['/', '?', '#', '\\']).next().unwrap_or("");
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = match host_port.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host_port.split(':').next().unwrap_or(""),
    };
    host.eq_ignore_ascii_case("localhost") || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// POSTs the request; the response is interpreted by the core.
fn post(registry_url: &str, token: &str, body: &[u8]) -> Result<trustloop_core::api::json::Value, String> {
    let url = publish_url(registry_url);
    // Upstream reads at most MAX_RESPONSE_BYTES of the answer (the core truncates).
    let response = request(Method::PostJson { token, body }, &url, Duration::from_secs(120), MAX_RESPONSE_BYTES as u64)
        .map_err(|e| match e {
            Failure::Send(t) => format!("publish package revision: Post {url:?}: {t}"),
            Failure::Read(t) => format!("publish package revision: read response: {t}"),
        })?;
    publish_response(response.status, &response.status_line, &response.body).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::token_transport_is_private;

    #[test]
    fn f14_the_token_goes_only_over_https_or_to_loopback() {
        for ok in ["https://registry.example/", "HTTPS://r.example", "http://127.0.0.1:9/", "http://localhost/x", "http://[::1]:8080/", "http://u:p@127.0.0.2/"] {
            assert!(token_transport_is_private(ok), "{ok}");
        }
        for bad in ["http://registry.example/", "http://127.0.0.1.example/", "http://localhost.evil/", "http://evil@example.com", "ftp://127.0.0.1/", "registry.example", "http://[::2]/", "http://evil.example\\@127.0.0.1/"] {
            assert!(!token_transport_is_private(bad), "{bad}");
        }
    }
}
