//! Fetching a registry package's three documents over HTTP (feature `net`): the
//! download, the receipt and the registry's keys, each within [`MAX_BODY_BYTES`] and
//! the [`TIMEOUT_SECONDS`] budget.
use std::time::Duration;

use trustloop_core::api::RegistryResponses;

use super::{RegistryTarget, MAX_BODY_BYTES, TIMEOUT_SECONDS};

/// The three response bodies and the package URL the core checks them against.
pub struct Fetched {
    pub package_url: String,
    pub download: Vec<u8>,
    pub receipt: Vec<u8>,
    pub keys: Vec<u8>,
}

impl Fetched {
    /// The bodies as the core's registry source.
    pub fn responses(&self) -> RegistryResponses<'_> {
        RegistryResponses { package_url: &self.package_url, download: &self.download, receipt: &self.receipt, keys: &self.keys }
    }
}

fn get(agent: &ureq::Agent, url: &str) -> Result<Vec<u8>, String> {
    let mut response = agent.get(url).call().map_err(|e| format!("registry request failed: GET {url}: {e}"))?;
    let status = response.status();
    if !status.is_success() {
        return Err(format!(
            "registry request failed: GET {url}: {} {}",
            status.as_u16(),
            status.canonical_reason().unwrap_or("")
        ));
    }
    response
        .body_mut()
        .with_config()
        .limit(MAX_BODY_BYTES)
        .read_to_vec()
        .map_err(|e| format!("registry request failed: GET {url}: {e}"))
}

/// GETs the download, the receipt and the keys of `target`; errors are upstream's texts.
pub fn fetch(target: &RegistryTarget, allow_yanked: bool) -> Result<Fetched, String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(TIMEOUT_SECONDS)))
        .build()
        .into();
    let urls = target.urls(allow_yanked);
    Ok(Fetched {
        download: get(&agent, &urls.download)?,
        receipt: get(&agent, &urls.receipt)?,
        keys: get(&agent, &urls.keys)?,
        package_url: urls.package,
    })
}
