//! Host-side IO of the native layers: files, directories, processes. Shared by the
//! Python and the Node native layer (`bindings-node/src/lib.rs` includes this folder
//! with `#[path]`), so the two hosts follow one set of rules; no pyo3 or napi in here.
//!
//! The core is sans-IO, so these parts are host work, exactly as the CLI does them
//! (same limits, same refusals, same messages, same result JSON):
//!
//! | here | the CLI's counterpart |
//! |---|---|
//! | [`anpkg_validate`] (directory walk, replay with env scrubbing and timeout) | `cli/src/anpkg/validate.rs` |
//! | [`anpkg_export`] (project reads with containment and size limits, atomic write) | `cli/src/anpkg/export.rs` |
//! | [`assets_pa_pack`] (symlink-refusing project reads, staging then promotion) | `cli/src/assets_pa/{pack,project_dir,staging}.rs` |
//! | [`registry`] (registry URLs, `ID@VERSION`, lock-file gaps; no fetching) | `cli/src/anip/{registry_fetch,verify}.rs` |
//!
//! Keep them in step with the CLI: when a rule changes there, it changes here. (A
//! shared std-only host crate would remove this duplication; the project chose not
//! to add crates for now.)
pub mod anpkg_export;
pub mod anpkg_validate;
pub mod assets_pa_pack;
pub mod paths;
pub mod registry;
