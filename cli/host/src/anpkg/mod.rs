//! Anolis `.anpkg` on the host: what the core's validator and exporter need from the
//! disk and from processes (spec anpkg.md §11–§13).
//!
//! - [`validate`]: an archive's bytes or a path (a zip file, or an extracted package
//!   directory walked into the core's tree), then the optional replay.
//! - [`replay`]: `<bin> --check-config <config>` with the workbench's secrets removed
//!   from the environment and a timeout (RP2–RP5).
//! - [`export`]: the project directory answering the exporter's file requests, and the
//!   atomic write of the archive (ANPKG-ZIP-3).
pub mod export;
pub mod replay;
pub mod validate;
