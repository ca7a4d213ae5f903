//! Trust stores: a document of pinned Ed25519 keys in the shape of a registry's `/keys`
//! response (a `keys`, `items` or `registry_keys` array of `{key_id, algorithm,
//! public_key}`), as the `trusted_keys` a verify pins. The CLI reads it from
//! `--trust-store`; the bindings and the browser page take the bytes.
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::diag::Error;
use crate::json::Value;

/// The ed25519 keys of a trust store as `(key_id, base64 public key)`, in document order.
/// `ANIP_TRUST_STORE_INVALID` when it is not such a document, `ANIP_TRUST_STORE_EMPTY`
/// when it has no ed25519 key (an empty store would silently pin nothing).
pub fn parse(bytes: &[u8]) -> Result<Vec<(String, String)>, Error> {
    let doc = crate::json::parse(bytes).map_err(|e| Error::new(e.code(), alloc::format!("decode trust store: {e}")))?;
    let list = ["keys", "items", "registry_keys"]
        .iter()
        .find_map(|k| doc.get(k).and_then(Value::as_array))
        .ok_or_else(|| {
            Error::new("ANIP_TRUST_STORE_INVALID", r#"decode trust store: expected an object with a "keys", "items" or "registry_keys" array"#)
        })?;
    let keys: Vec<(String, String)> = list
        .iter()
        .filter(|k| matches!(k.str_at("algorithm"), "" | "ed25519"))
        .map(|k| (k.str_at("key_id").to_string(), k.str_at("public_key").to_string()))
        .collect();
    if keys.is_empty() {
        return Err(Error::new("ANIP_TRUST_STORE_EMPTY", "trust store has no ed25519 keys"));
    }
    Ok(keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_of_any_registry_shape_other_algorithms_skipped() {
        let store = br#"{"items":[{"key_id":"a","algorithm":"ed25519","public_key":"AAA"},{"key_id":"b","algorithm":"rsa","public_key":"B"},{"key_id":"c","public_key":"CCC"}]}"#;
        let keys = parse(store).unwrap();
        assert_eq!(keys, alloc::vec![("a".into(), "AAA".into()), ("c".into(), "CCC".into())]);
        assert_eq!(parse(br#"{"keys":[]}"#).unwrap_err().code(), "ANIP_TRUST_STORE_EMPTY");
        assert_eq!(parse(br#"{"other":[]}"#).unwrap_err().code(), "ANIP_TRUST_STORE_INVALID");
        assert_eq!(parse(b"{").unwrap_err().code(), "JSON_SYNTAX");
    }
}
