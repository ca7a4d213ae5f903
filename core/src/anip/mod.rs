//! The ANIP package trust loop (spec `anip-trust-loop.md`).
//!
//! | module | rules |
//! |---|---|
//! | [`bundle`] | decoding a `.anip-package.json` and resolving its values (ANIP-BUN) |
//! | [`definition`] | service-definition validation, first error wins (Appendix A) |
//! | [`effects`] | the closed effect vocabulary and the manifest/lock walk (ANIP-DEF-3) |
//! | [`checks`] | one verify check `{name, status, detail}` |
//! | [`consumption`] | agent consumability and readiness rules (ANIP-CONS) |
//! | [`execution_signature`] | the package execution signature (ANIP-DIG-5) |
//! | [`receipt`] | receipt payloads and their checks (ANIP-SIG-6, -9, -11) |
//! | [`registry`] | registry sources: lifecycle, client trust checks (ANIP-SIG-12, ANIP-VER-5) |
//! | [`registry_urls`] | where a registry package lives: `ID@VERSION` and its URLs (ANIP-SIG-12, ANIP-VER-1) |
//! | [`verify`] | the verify checks, result JSON and exit codes (ANIP-VER) |
//! | [`lock`] | consumer lock files (ANIP-LOCK): load, compare, write |
//! | [`write_lock`] | `generate --write-lock`: resolve strictly, then write the lock |
//! | [`build_local`] | the in-memory Registry publish pipeline (ANIP-REG) |
//! | [`materials`] | implementation-material metadata in manifest and lock (ANIP-MAT) |
//! | [`attach`] | `attach-implementation` publish requests (ANIP-ATT, §5.6) |
//! | [`lint`] | the pre-publication checklist (trustloop) |
//! | [`bundle_tree`] | custom-code-bundle tree digests, apply rules, reports (§10–§12) |
//! | [`refs`] | remote custom-code-bundle refs (§13, ANIP-REF) |
//!
//! Go behaviour these rules depend on (struct decoding, `%q`, `net/url`, `path`,
//! RFC 3339, RE2) is in `crate::emulate::go`.
pub mod attach;
pub mod build_local;
pub mod bundle;
pub mod bundle_tree;
pub mod checks;
pub mod consumption;
pub mod definition;
pub mod effects;
pub mod execution_signature;
pub mod lint;
pub mod lock;
pub mod materials;
pub mod receipt;
pub mod refs;
pub mod registry;
pub mod registry_urls;
pub mod trust_store;
pub mod verify;
pub mod write_lock;

#[cfg(test)]
mod deep_input_tests;

pub(crate) use crate::emulate::go::quote::go_quote;
