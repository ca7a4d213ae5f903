//! Registry receipts: the payloads they sign (ANIP-SIG-6, -9), where the key comes
//! from (ANIP-SIG-11) and the receipt checks of verify (ANIP-VER-6 rows 9, 12a–12d).
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::bundle::Resolved;
use super::checks::Check;
use crate::digest::canonical_digest;
use crate::json::{to_canonical, Map, Mode, Value};
use crate::sign;

/// Which receipt payload a signature is checked against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Payload {
    /// Upstream at 832f709: `package_execution_signature` always present.
    Current,
    /// Receipts signed before the execution signature existed (ANIP-SIG-7, -10).
    Legacy,
}

/// Digests as the receipt payload carries them: stored values, with the
/// recomputed definition digest when none is stored.
pub struct PayloadDigests<'a> {
    pub definition: &'a str,
    pub contract_signature: &'a str,
}

/// Keys both receipt payloads always carry (ANIP-SIG-6, ANIP-SIG-9).
fn payload_base(r: &Resolved, d: &PayloadDigests) -> Map {
    Map::new()
        .with("package_id", r.package_id.as_str())
        .with("package_version", r.package_version.as_str())
        .with("contract_signature", d.contract_signature)
        .with("definition_digest", d.definition)
        .with("manifest_digest", r.stored_manifest_digest.as_str())
        .with("issued_at", r.receipt_issued_at.as_str())
}

/// Optional keys are absent, not empty (ANIP-COMPAT-3).
fn insert_non_empty(m: &mut Map, key: &str, value: &str) {
    if !value.is_empty() {
        m.insert(key, value.into());
    }
}

/// ANIP-SIG-6: the Ed25519-signed object (signature-mode canonical JSON).
pub fn ed25519_payload(r: &Resolved, d: &PayloadDigests, payload: Payload) -> Value {
    let mut m = payload_base(r, d).with("lock_digest", r.stored_lock_digest.as_str());
    if payload == Payload::Current {
        m.insert("package_execution_signature", r.package_execution_signature.as_str().into());
    }
    insert_non_empty(&mut m, "publisher_id", &r.publisher_id);
    insert_non_empty(&mut m, "publisher_type", &r.publisher_type);
    if !r.lineage.is_empty() {
        m.insert("lineage", r.lineage.clone().into());
    }
    m.into()
}

/// ANIP-SIG-9: the local (digest) receipt object; legacy omits lock digest and
/// execution signature (ANIP-SIG-10).
pub fn local_payload(r: &Resolved, d: &PayloadDigests, payload: Payload) -> Value {
    let mut m = payload_base(r, d);
    if payload == Payload::Current {
        insert_non_empty(&mut m, "lock_digest", &r.stored_lock_digest);
        insert_non_empty(&mut m, "package_execution_signature", &r.package_execution_signature);
    }
    insert_non_empty(&mut m, "authority", &r.receipt_authority);
    if !r.lineage.is_empty() {
        m.insert("lineage", r.lineage.clone().into());
    }
    m.into()
}

/// Bytes an Ed25519 receipt signs.
pub fn ed25519_message(r: &Resolved, d: &PayloadDigests, payload: Payload) -> Vec<u8> {
    to_canonical(&ed25519_payload(r, d, payload), Mode::Signature)
}

/// ANIP-SIG-11: the first bundled key with this id and algorithm `ed25519`; a
/// matching entry whose key is not 32 bytes of base64 ends the search.
pub fn find_bundled_key(r: &Resolved, key_id: &str) -> Option<[u8; 32]> {
    let entry = r.registry_keys.iter().find(|k| k.key_id == key_id && k.algorithm == "ed25519")?;
    let raw = crate::emulate::go::base64::std_decode(&entry.public_key)?;
    raw.as_slice().try_into().ok()
}

/// What the receipt checks found, for the result fields.
#[derive(Clone, Debug, Default)]
pub struct ReceiptFindings {
    pub key_id: String,
    pub algorithm: String,
    /// Public key bytes actually used for an Ed25519 verification.
    pub used_key: Option<[u8; 32]>,
    /// A check passed only under the legacy payload.
    pub legacy_payload_used: bool,
    /// The Ed25519 signature verified against `used_key`.
    pub signature_verified: bool,
}

/// Rows 9 and 12a–12d of ANIP-VER-6 for a bundle source. `strict` (the user pins
/// keys): the bundled key must be a canonical, non-small-order point and the
/// signature must pass `verify_strict`; otherwise Go's lax verification.
pub fn bundle_receipt_checks(
    r: &Resolved,
    d: &PayloadDigests,
    legacy_allowed: bool,
    strict: bool,
    checks: &mut Vec<Check>,
) -> ReceiptFindings {
    let mut found = ReceiptFindings::default();
    let sig = r.receipt_signature.as_str();
    checks.push(Check::new(
        "bundle_receipt_present",
        !sig.is_empty(),
        "package bundle receipt signature is present",
    ));
    if sig.is_empty() {
        return found;
    }
    if sig.starts_with("ed25519:") {
        let parsed = sign::parse_signature_string(sig);
        let (algorithm, key_id) =
            parsed.as_ref().map(|p| (p.algorithm.clone(), p.key_id.clone())).unwrap_or_default();
        found.algorithm = algorithm.clone();
        found.key_id = key_id.clone();
        checks.push(Check::new(
            "bundle_receipt_algorithm_supported",
            parsed.is_some() && algorithm == "ed25519",
            format!("algorithm={algorithm}"),
        ));
        let key = find_bundled_key(r, &key_id);
        checks.push(Check::new("bundle_registry_public_key_present", key.is_some(), format!("key_id={key_id}")));
        if let (Some(key), Some(parsed)) = (key, parsed.as_ref()) {
            found.used_key = Some(key);
            let weak = if strict { sign::strict_public_key(&key).err() } else { None };
            let verifies = |payload| {
                let message = ed25519_message(r, d, payload);
                match ed25519_dalek::VerifyingKey::from_bytes(&key) {
                    Ok(vk) if strict => weak.is_none() && sign::verify_strict(&vk, &message, &parsed.signature),
                    Ok(vk) => sign::verify(&vk, &message, &parsed.signature),
                    Err(_) => false,
                }
            };
            let mut ok = verifies(Payload::Current);
            if !ok && legacy_allowed && verifies(Payload::Legacy) {
                ok = true;
                found.legacy_payload_used = true;
            }
            let detail = match weak {
                Some(w) => format!("bundled Ed25519 public key {}; strict verification refuses it", w.describe()),
                None if found.legacy_payload_used => "package bundle Registry receipt signature validates against bundled Ed25519 public key (legacy payload without package_execution_signature)".into(),
                None => String::from("package bundle Registry receipt signature validates against bundled Ed25519 public key"),
            };
            found.signature_verified = ok;
            checks.push(Check::new("bundle_receipt_signature_valid", ok, detail));
        }
    } else {
        let computed = canonical_digest(&local_payload(r, d, Payload::Current));
        let mut ok = computed == sig;
        let mut shown = computed;
        if !ok && legacy_allowed {
            let legacy = canonical_digest(&local_payload(r, d, Payload::Legacy));
            if legacy == sig {
                ok = true;
                found.legacy_payload_used = true;
                shown = legacy;
            }
        }
        checks.push(Check::new("bundle_receipt_signature_matches", ok, format!("bundle={sig} computed={shown}")));
    }
    found
}

/// ANIP-VER-8.
pub fn receipt_status(signature: &str, checks: &[Check]) -> &'static str {
    if signature.is_empty() {
        return "none";
    }
    let decisive = ["registry_receipt_signature_valid", "bundle_receipt_signature_matches", "bundle_receipt_signature_valid"];
    let ran: Vec<&Check> = checks.iter().filter(|c| decisive.contains(&c.name)).collect();
    if ran.iter().any(|c| c.pass) {
        "verified"
    } else if ran.is_empty() {
        "present"
    } else {
        "failed"
    }
}

/// A pinned Ed25519 public key (ANIP-COMPAT-2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrustedKey {
    pub key_id: String,
    pub public_key: [u8; 32],
}

/// Decodes `(key_id, base64)` pairs; a key that is not 32 bytes of base64 is refused.
pub fn decode_trusted_keys(pairs: &[(String, String)]) -> Result<Vec<TrustedKey>, crate::diag::Error> {
    pairs
        .iter()
        .map(|(kid, b64)| {
            let raw = crate::emulate::go::base64::std_decode(b64.trim()).ok_or_else(|| {
                crate::diag::Error::new("ANIP_TRUSTED_KEY_INVALID", format!("trusted key {kid}: public key is not standard base64"))
            })?;
            let public_key: [u8; 32] = raw.as_slice().try_into().map_err(|_| {
                crate::diag::Error::new(
                    "ANIP_TRUSTED_KEY_INVALID",
                    format!("trusted key {kid}: public key must be 32 bytes, got {}", raw.len()),
                )
            })?;
            // A small-order key "verifies" forged signatures: pinning one would pin nothing.
            sign::strict_public_key(&public_key).map_err(|w| {
                crate::diag::Error::new("ANIP_TRUSTED_KEY_INVALID", format!("trusted key {kid}: public key {}", w.describe()))
            })?;
            Ok(TrustedKey { key_id: kid.to_string(), public_key })
        })
        .collect()
}

/// The pinning check and the `receipt_trust` value.
pub fn trust_check(found: &ReceiptFindings, signature: &str, store: &[TrustedKey]) -> (Check, &'static str) {
    let key_pinned = found
        .used_key
        .is_some_and(|k| store.iter().any(|t| t.key_id == found.key_id && t.public_key == k));
    // Signed by a pinned key means: the key is pinned and its signature verifies.
    let pinned = key_pinned && found.signature_verified;
    let detail = if signature.is_empty() {
        String::from("no receipt signature to trust")
    } else if !signature.starts_with("ed25519:") {
        String::from("local sha256 receipts prove integrity, not authenticity; no pinned key can sign them")
    } else if pinned {
        format!("key_id={} is pinned in the trust store", found.key_id)
    } else if key_pinned {
        format!("key_id={} is pinned in the trust store, but the receipt signature does not verify with it", found.key_id)
    } else {
        format!("key_id={} is not pinned in the trust store with the bundled public key", found.key_id)
    };
    (Check::new("bundle_registry_key_trusted", pinned, detail), if pinned { "pinned-key" } else { "untrusted" })
}

/// What a bundle's receipt object says about its own signature: `signature_algorithm`
/// and `key_id`. Upstream does not decode them; a consumer reading them must not be
/// told "ed25519" about an unkeyed sha256 receipt.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReceiptClaims {
    pub algorithm: String,
    pub key_id: String,
}

impl ReceiptClaims {
    /// From the bundle's top-level `receipt` object (exact key; absent claims claim nothing).
    pub fn of_bundle(root: &Value) -> Self {
        let receipt = root.get("receipt");
        let claim = |k: &str| receipt.and_then(|r| r.get(k)).and_then(Value::as_str).unwrap_or("").to_string();
        ReceiptClaims { algorithm: claim("signature_algorithm"), key_id: claim("key_id") }
    }
}

/// Strict mode: the receipt's claimed algorithm and key id must describe its signature
/// (`ed25519:<key_id>:…` → `ed25519` and that key id; anything else is an unkeyed
/// `sha256` receipt that names no key). Claims left out pass.
pub fn claims_check(claims: &ReceiptClaims, signature: &str) -> Check {
    let parsed = sign::parse_signature_string(signature).filter(|_| signature.starts_with("ed25519:"));
    let (algorithm, key_id) = match &parsed {
        Some(p) => ("ed25519", p.key_id.as_str()),
        None => ("sha256", ""),
    };
    let mut problems = Vec::new();
    if !claims.algorithm.is_empty() && claims.algorithm != algorithm {
        problems.push(format!("claims signature_algorithm={} but the signature is {algorithm}", claims.algorithm));
    }
    if !claims.key_id.is_empty() && claims.key_id != key_id {
        if key_id.is_empty() {
            problems.push(format!("claims key_id={} but an unkeyed {algorithm} receipt has no key", claims.key_id));
        } else {
            problems.push(format!("claims key_id={} but the signature names key_id={key_id}", claims.key_id));
        }
    }
    let detail = if problems.is_empty() {
        format!("receipt claims match its {algorithm} signature")
    } else {
        format!("receipt {}", problems.join("; "))
    };
    Check::new("bundle_receipt_claims_match", problems.is_empty(), detail)
}
