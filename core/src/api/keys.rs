//! Ed25519 key generation (the `keygen` feature: needs a platform random source).
use crate::diag::Error;
use crate::json::{Map, Value};

/// A fresh Ed25519 key pair in `anip-registry-keygen`'s output shape.
pub fn keygen(key_id: &str) -> Result<Value, Error> {
    let key_id = if key_id.trim().is_empty() { "trustloop-ed25519" } else { key_id.trim() };
    if key_id.contains(':') {
        // `ed25519:<key_id>:<sig>` is split on ':' (ANIP-SIG-2).
        return Err(Error::new("KEY_ID_INVALID", "key id must not contain ':'"));
    }
    let pair = crate::sign::KeyPair::generate(key_id)?;
    let public = pair.public_key_base64();
    Ok(Map::record()
        .with("key_id", key_id)
        .with("algorithm", "ed25519")
        .with("private_key_seed", pair.seed_base64())
        .with("private_key", pair.private_key_base64())
        .with("public_key", public.as_str())
        .with("extra_public_entry", alloc::format!("{key_id}={public}"))
        .into())
}
