//! Ed25519 as ANIP uses it (ANIP-SIG): the `ed25519:<key_id>:<base64>` signature
//! string, the deterministic development key, key generation.
use alloc::string::String;
use alloc::vec::Vec;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use sha2::{Digest, Sha256};

use crate::diag::Error;
use crate::emulate::go::base64 as go_base64;

/// Key id of the upstream development key (ANIP-SIG-8).
pub const DEV_KEY_ID: &str = "anip-registry-dev-ed25519-v1";

/// A parsed `ed25519:<key_id>:<base64>` string (ANIP-SIG-2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignatureString {
    pub algorithm: String,
    pub key_id: String,
    pub signature: Vec<u8>,
}

/// Splits on `:` into exactly three parts and decodes standard padded base64 as Go does.
/// `None` means "not parsed" (upstream gives no reason).
pub fn parse_signature_string(s: &str) -> Option<SignatureString> {
    let parts: Vec<&str> = s.split(':').collect();
    if parts.len() != 3 {
        return None;
    }
    let signature = go_base64::std_decode(parts[2])?;
    Some(SignatureString { algorithm: parts[0].into(), key_id: parts[1].into(), signature })
}

/// An Ed25519 key pair with its ANIP key id.
#[derive(Clone)]
pub struct KeyPair {
    pub key_id: String,
    signing: SigningKey,
}

impl KeyPair {
    /// From a 32-byte seed.
    pub fn from_seed(key_id: impl Into<String>, seed: &[u8; 32]) -> Self {
        KeyPair { key_id: key_id.into(), signing: SigningKey::from_bytes(seed) }
    }

    /// Upstream's `NewDevRegistrySigner()`: seed = SHA-256("anip-registry-dev-local-ed25519-v1").
    pub fn dev() -> Self {
        let seed: [u8; 32] = Sha256::digest(b"anip-registry-dev-local-ed25519-v1").into();
        KeyPair::from_seed(DEV_KEY_ID, &seed)
    }

    /// A fresh key from the operating system (or the browser's) random source.
    #[cfg(feature = "keygen")]
    pub fn generate(key_id: impl Into<String>) -> Result<Self, Error> {
        let mut seed = [0u8; 32];
        getrandom::getrandom(&mut seed)
            .map_err(|e| Error::new("KEYGEN_RANDOM_UNAVAILABLE", alloc::format!("random source unavailable: {e}")))?;
        Ok(KeyPair::from_seed(key_id, &seed))
    }

    /// `ANIP_REGISTRY_ED25519_PRIVATE_KEY` form: base64 of a 32-byte seed or a
    /// 64-byte private key (seed followed by the public key) (ANIP-SIG-5).
    pub fn from_base64_private(key_id: impl Into<String>, b64: &str) -> Result<Self, Error> {
        let raw = go_base64::std_decode(b64.trim())
            .ok_or_else(|| Error::new("SIGNING_KEY_NOT_BASE64", "signing key is not valid standard base64"))?;
        let seed: [u8; 32] = match raw.len() {
            32 | 64 => raw[..32].try_into().map_err(|_| Error::new("SIGNING_KEY_LENGTH", "bad key length"))?,
            n => {
                return Err(Error::new(
                    "SIGNING_KEY_LENGTH",
                    alloc::format!("signing key must decode to 32 or 64 bytes, got {n}"),
                ))
            }
        };
        let pair = KeyPair::from_seed(key_id, &seed);
        if raw.len() == 64 && raw[32..] != pair.public_key_bytes() {
            return Err(Error::new("SIGNING_KEY_MISMATCH", "64-byte signing key does not match its public half"));
        }
        Ok(pair)
    }

    #[cfg(feature = "keygen")]
    pub fn seed_base64(&self) -> String {
        STANDARD.encode(self.signing.to_bytes())
    }
    #[cfg(feature = "keygen")]
    pub fn private_key_base64(&self) -> String {
        STANDARD.encode(self.signing.to_keypair_bytes())
    }
    pub fn public_key_bytes(&self) -> [u8; 32] {
        self.signing.verifying_key().to_bytes()
    }
    pub fn public_key_base64(&self) -> String {
        STANDARD.encode(self.public_key_bytes())
    }

    /// `ed25519:<key_id>:<base64(signature)>` over `message`.
    pub fn sign_string(&self, message: &[u8]) -> String {
        let sig = self.signing.sign(message);
        alloc::format!("ed25519:{}:{}", self.key_id, STANDARD.encode(sig.to_bytes()))
    }
}

/// Decodes a standard-base64 public key; `None` unless it is exactly 32 bytes
/// and a valid curve point.
#[cfg(test)]
pub fn decode_public_key(b64: &str) -> Option<VerifyingKey> {
    let raw = STANDARD.decode(b64).ok()?;
    let bytes: [u8; 32] = raw.as_slice().try_into().ok()?;
    VerifyingKey::from_bytes(&bytes).ok()
}

/// Why a public key is unfit for pinned trust (ANIP-COMPAT-2, strict mode).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WeakKey {
    /// Not a point on the curve.
    NotAPoint,
    /// A point encoded other than in its one canonical form (for example y ≥ p).
    NonCanonical,
    /// A point of order 1, 2, 4 or 8: it "verifies" forged signatures such as R = identity, S = 0.
    SmallOrder,
}

impl WeakKey {
    pub fn describe(self) -> &'static str {
        match self {
            WeakKey::NotAPoint => "is not a curve point",
            WeakKey::NonCanonical => "is not a canonical point encoding",
            WeakKey::SmallOrder => "is a small-order point",
        }
    }
}

/// A public key fit for strict verification: a canonical encoding of a point that
/// is not of small order. Go's `crypto/ed25519` (and the default verdicts) accept more.
pub fn strict_public_key(bytes: &[u8; 32]) -> Result<VerifyingKey, WeakKey> {
    let key = VerifyingKey::from_bytes(bytes).map_err(|_| WeakKey::NotAPoint)?;
    if key.to_edwards().compress().to_bytes() != *bytes {
        return Err(WeakKey::NonCanonical);
    }
    if key.is_weak() {
        return Err(WeakKey::SmallOrder);
    }
    Ok(key)
}

/// Strict Ed25519 verification (`verify_strict`: canonical S, no small-order R or key),
/// used when the user pins keys.
pub fn verify_strict(key: &VerifyingKey, message: &[u8], signature: &[u8]) -> bool {
    let Ok(bytes) = <[u8; 64]>::try_from(signature) else { return false };
    key.verify_strict(message, &Signature::from_bytes(&bytes)).is_ok()
}

/// Non-strict Ed25519 verification, as Go `crypto/ed25519` (ANIP-SIG-4).
pub fn verify(key: &VerifyingKey, message: &[u8], signature: &[u8]) -> bool {
    let Ok(bytes) = <[u8; 64]>::try_from(signature) else { return false };
    key.verify(message, &Signature::from_bytes(&bytes)).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dev_key_matches_upstream() {
        assert_eq!(KeyPair::dev().public_key_base64(), "NZ8bIweTW/SJ14NTpSOCV/ITzTL7TIJP/Sl0CPAQV14=");
    }

    #[test]
    fn signature_string_round_trip() {
        let k = KeyPair::dev();
        let s = k.sign_string(b"hello");
        let parsed = parse_signature_string(&s).unwrap();
        assert_eq!(parsed.algorithm, "ed25519");
        assert_eq!(parsed.key_id, DEV_KEY_ID);
        let pk = decode_public_key(&k.public_key_base64()).unwrap();
        assert!(verify(&pk, b"hello", &parsed.signature));
        assert!(!verify(&pk, b"hellO", &parsed.signature));
        assert!(parse_signature_string("ed25519:a:b:c").is_none());
        assert!(parse_signature_string("ed25519:k:not base64!").is_none());
        assert!(decode_public_key(&STANDARD.encode([1u8; 31])).is_none());
    }

    #[test]
    fn strict_keys_refuse_small_order_and_non_canonical_points() {
        assert!(strict_public_key(&KeyPair::dev().public_key_bytes()).is_ok());
        // The identity point (y = 1), and the same point as y = p + 1.
        let mut identity = [0u8; 32];
        identity[0] = 1;
        assert_eq!(strict_public_key(&identity).unwrap_err(), WeakKey::SmallOrder);
        let mut y_p_plus_1 = [0xffu8; 32];
        y_p_plus_1[0] = 0xee;
        y_p_plus_1[31] = 0x7f;
        assert_eq!(strict_public_key(&y_p_plus_1).unwrap_err(), WeakKey::NonCanonical);
    }

    #[test]
    fn the_universal_signature_passes_lax_and_fails_strict_verification() {
        let mut identity = [0u8; 32];
        identity[0] = 1;
        let key = VerifyingKey::from_bytes(&identity).unwrap();
        let mut sig = [0u8; 64];
        sig[0] = 1; // R = identity, S = 0
        assert!(verify(&key, b"any message", &sig));
        assert!(!verify_strict(&key, b"any message", &sig));
    }
}
