//! The ANIP package trust loop (spec `anip-trust-loop.md`).
//!
//! | module | rules |
//! |---|---|
//! | [`bundle`] | decoding a `.anip-package.json` and resolving its values (ANIP-BUN) |
//! | [`definition`] | service-definition validation, first error wins (Appendix A) |
//! | [`effects`] | the closed effect vocabulary and the manifest/lock walk (ANIP-DEF-3) |
//! | [`consumption`] | agent consumability and readiness rules (ANIP-CONS) |
//! | [`execution_signature`] | the package execution signature (ANIP-DIG-5) |
//! | [`receipt`] | receipt payloads and their checks (ANIP-SIG-6, -9, -11) |
//! | [`verify`] | the verify checks, result JSON and exit codes (ANIP-VER) |
//! | [`lock`] | consumer lock files (ANIP-LOCK) |
//! | [`build_local`] | the in-memory Registry publish pipeline (ANIP-REG) |
pub mod build_local;
pub mod bundle;
pub mod consumption;
pub mod definition;
pub mod effects;
pub mod execution_signature;
pub mod lock;
pub mod receipt;
pub mod verify;
