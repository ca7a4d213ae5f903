//! Consumer lock files `anip-package-lock/v1` (ANIP-LOCK).
use alloc::string::String;

use crate::diag::Error;

pub fn write_lock_for_bundle(_bundle: &[u8]) -> Result<String, Error> {
    Err(Error::new("NOT_IMPLEMENTED", "lock writing is not implemented yet"))
}
