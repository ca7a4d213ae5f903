//! Registry sources from bodies a host fetched itself (the Python and Node bindings
//! GET [`super::target`]'s URLs with their own HTTP clients). No IO and no decisions
//! here: the options are split and the core's `anip_verify_registry` /
//! `anip_write_lock_registry` decide.
use trustloop_core::api::anip::check_lock;
use trustloop_core::api;
use trustloop_core::api::diag::Error;
use trustloop_core::api::json::{Map, Value};

/// The verify options and the registry policy, split from one options object
/// (the policy's keys are `require_registry_mode`, `trusted_registry_key_id`,
/// `allow_yanked_package`; everything else is a verify option).
pub fn split_options(options: &Value) -> Result<(api::VerifyOptions, api::RegistryPolicy), Error> {
    const POLICY_KEYS: [&str; 3] = ["require_registry_mode", "trusted_registry_key_id", "allow_yanked_package"];
    let mut verify = Map::new();
    let mut policy = Map::new();
    if let Some(m) = options.as_object() {
        for (k, v) in m.iter() {
            let into = if POLICY_KEYS.contains(&k.as_str()) { &mut policy } else { &mut verify };
            into.insert(k.as_str(), v.clone());
        }
    }
    Ok((api::VerifyOptions::from_value(&Value::Object(verify))?, api::RegistryPolicy::from_value(&Value::Object(policy))?))
}

/// `anip verify` with a registry source, from the three fetched bodies. The lock is
/// loaded (and refused when invalid) first (ANIP-VER-4 step 1).
pub fn verify(
    package_url: &str,
    download: &[u8],
    receipt: &[u8],
    keys: &[u8],
    lock: Option<&[u8]>,
    options: &Value,
) -> Result<Value, Error> {
    let (verify_options, policy) = split_options(options)?;
    if let Some(bytes) = lock {
        check_lock(bytes)?;
    }
    let responses = api::RegistryResponses { package_url, download, receipt, keys };
    Ok(api::anip_verify_registry(&responses, lock, &verify_options, &policy)?.result)
}

/// The consumer lock file for a registry package, from the three fetched bodies.
pub fn write_lock(package_url: &str, download: &[u8], receipt: &[u8], keys: &[u8], options: &Value) -> Result<String, Error> {
    let policy = api::RegistryPolicy::from_value(options)?;
    let responses = api::RegistryResponses { package_url, download, receipt, keys };
    api::anip_write_lock_registry(&responses, &policy)
}
