//! Registry packages (ANIP-SIG-12, ANIP-VER-1, ANIP-LOCK-3) on the host: where a
//! package lives and how its three documents are fetched. The core only ever sees the
//! response bodies and decides everything from them.
//!
//! - [`RegistryTarget`] (base URL, id and version after filling gaps from a lock file)
//!   and [`target`] (the URLs to GET, for the bindings) are the core's
//!   (`api::anip::registry_urls`), re-exported here.
//! - [`fetch`] (feature `net`, which the CLI turns on): its GETs with ureq. The Python and
//!   Node bindings build without it and GET the same URLs with `urllib`/`fetch`,
//!   within [`MAX_BODY_BYTES`] and [`TIMEOUT_SECONDS`].
//! - Verify and lock writing from bodies a host fetched itself are core operations
//!   (`verify_registry_responses`, `write_lock_registry_responses`).
//!
//! Errors carry codes (`PACKAGE_REF_INVALID`, `REGISTRY_URL_REQUIRED`) for every host;
//! the CLI prints their messages.
pub use trustloop_core::api::anip::registry_urls::{target, RegistryTarget};

#[cfg(feature = "net")]
pub mod fetch;

/// Largest response body a host accepts (the Registry's own request limit is 5 MiB).
pub const MAX_BODY_BYTES: u64 = 64 << 20;
/// Timeout of a host's registry requests, in seconds.
pub const TIMEOUT_SECONDS: u64 = 60;
