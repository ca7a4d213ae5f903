//! Remote custom-code-bundle refs (spec §13, ANIP-REF).
//!
//! | module | concern |
//! |---|---|
//! | [`validate`] | the ref rules and their messages, first failure wins |
//! | (`emulate::go::url`) | the slice of Go `net/url.Parse` the rules depend on (ANIP-REF-11) |
//! | [`api`] | the host-facing `ref_check` |
//!
//! Refs are validated, never fetched: trustloop has no remote-fetch path, exactly as
//! upstream refuses `--fetch-custom-code-bundle`.
pub mod api;
pub mod validate;

pub use validate::{validate_ref, ParsedRef};
