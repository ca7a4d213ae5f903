//! Anolis commissioning handoff packages (`.anpkg`, spec anpkg.md): the validator
//! (archive or extracted directory → pass or the first failure, upstream messages,
//! stable finding codes) and the deterministic exporter.
//!
//! Requires the `zip` feature (which implies `std`): the whole module is gated on it.
//! The validator itself is sans-IO: it reads a zip archive from bytes, in memory,
//! without extracting, or a list of entries a host collected from a directory.
pub mod api_export;
pub mod api_validate;
pub mod archive;
pub mod export;
pub mod validate;

#[cfg(test)]
mod small_stack_tests;
