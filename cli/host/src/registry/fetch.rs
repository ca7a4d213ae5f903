//! Fetching a registry package's three documents over HTTP (feature `net`): the
//! download, the receipt and the registry's keys, each within [`MAX_BODY_BYTES`] and
//! the [`TIMEOUT_SECONDS`] budget.
use std::time::Duration;

use trustloop_core::api::RegistryResponses;

use crate::http::{request, Method};

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

fn get(url: &str) -> Result<Vec<u8>, String> {
    let failed = |detail: &str| format!("registry request failed: GET {url}: {detail}");
    let response = request(Method::Get, url, Duration::from_secs(TIMEOUT_SECONDS), MAX_BODY_BYTES).map_err(|e| failed(e.text()))?;
    if !(200..300).contains(&response.status) {
        return Err(failed(&response.status_line));
    }
    if response.body.len() as u64 > MAX_BODY_BYTES {
        return Err(failed(&format!("body larger than {MAX_BODY_BYTES} bytes")));
    }
    Ok(response.body)
}

/// GETs the download, the receipt and the keys of `target`; errors are upstream's texts.
pub fn fetch(target: &RegistryTarget, allow_yanked: bool) -> Result<Fetched, String> {
    let urls = target.urls(allow_yanked);
    Ok(Fetched {
        download: get(&urls.download)?,
        receipt: get(&urls.receipt)?,
        keys: get(&urls.keys)?,
        package_url: urls.package,
    })
}
