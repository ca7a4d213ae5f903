//! Host-facing ref operations.
use crate::diag::Error;
use crate::json::{Map, Value};

use super::validate::{validate_ref, ParsedRef, RefError};

impl ParsedRef {
    /// `{kind, locator, immutable, digest}` (every key always present).
    pub fn to_value(&self) -> Value {
        Map::record()
            .with("kind", self.kind)
            .with("locator", self.locator.as_str())
            .with("immutable", self.immutable.as_str())
            .with("digest", self.digest.as_str())
            .into()
    }
}

impl From<RefError> for Error {
    fn from(e: RefError) -> Self {
        Error::new(e.code, e.message)
    }
}

/// `trustloop anip ref check REF`: the parsed ref, or the upstream error.
pub fn ref_check(text: &str) -> Result<Value, Error> {
    Ok(validate_ref(text)?.to_value())
}
