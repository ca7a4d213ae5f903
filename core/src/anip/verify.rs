//! `anip verify` (ANIP-VER).
use alloc::string::String;
use alloc::vec::Vec;

use crate::diag::Error;
use crate::json::Value;

/// How much to trust, and what to expect.
#[derive(Clone, Debug, Default)]
pub struct VerifyOptions {
    /// `--expected-contract-signature`: exact, untrimmed comparison.
    pub expected_contract_signature: Option<String>,
    /// Pinned Ed25519 keys `(key_id, base64 public key)`; non-empty adds the check
    /// `bundle_registry_key_trusted` (ANIP-COMPAT-2).
    pub trusted_keys: Vec<(String, String)>,
    /// Accept receipts signed before `package_execution_signature` existed (ANIP-COMPAT-1).
    pub legacy: bool,
    /// Shown as `registry_record_path` (the bundle path as given).
    pub record_path: String,
}

impl VerifyOptions {
    /// From a binding's options object: `expected_contract_signature` (string),
    /// `trusted_keys` (object key id → base64 public key), `legacy` (bool),
    /// `record_path` (string). Unknown keys are refused so typos do not pass silently.
    pub fn from_value(v: &Value) -> Result<Self, Error> {
        let mut o = VerifyOptions::default();
        let Some(m) = v.as_object() else { return Ok(o) };
        for (k, val) in m.iter() {
            match (k.as_str(), val) {
                (_, Value::Null) => {}
                ("expected_contract_signature", Value::String(s)) => o.expected_contract_signature = Some(s.clone()),
                ("record_path", Value::String(s)) => o.record_path = s.clone(),
                ("legacy", Value::Bool(b)) => o.legacy = *b,
                ("trusted_keys", Value::Object(keys)) => {
                    for (kid, pk) in keys.iter() {
                        let pk = pk.as_str().ok_or_else(|| bad_option("trusted_keys values must be base64 strings"))?;
                        o.trusted_keys.push((kid.clone(), pk.into()));
                    }
                }
                (other, _) => return Err(bad_option(&alloc::format!("unknown or mistyped verify option {other:?}"))),
            }
        }
        Ok(o)
    }
}

fn bad_option(msg: &str) -> Error {
    Error::new("INVALID_OPTION", msg)
}

/// A verify result: the result JSON and the upstream exit code (0 ok, 2 a check failed).
#[derive(Clone, Debug)]
pub struct Verdict {
    pub result: Value,
    pub exit_code: i32,
}

pub fn verify_bundle(_bundle: &[u8], _lock: Option<&[u8]>, _options: &VerifyOptions) -> Result<Verdict, Error> {
    Err(Error::new("NOT_IMPLEMENTED", "verify_bundle is not implemented yet"))
}

pub fn verify_definition(_definition: &[u8], _lock: Option<&[u8]>, _options: &VerifyOptions) -> Result<Verdict, Error> {
    Err(Error::new("NOT_IMPLEMENTED", "verify_definition is not implemented yet"))
}
