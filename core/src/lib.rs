//! trustloop-core: one sans-IO verification core for every trustloop host.
//!
//! The core never opens a file, reads the clock, spawns a process or touches the
//! network: hosts hand it bytes (or, with `std`, readers) and receive values.
//! Every problem is a finding with a stable code.
//!
//! Hosts come in through [`api`] only: one file per family (`api/anip.rs`,
//! `api/anpkg.rs`, `api/assets_pa.rs`, `api/json.rs`, `api/diag.rs`, `api/digest.rs`,
//! `api/keys.rs`) and the operation list in `api/mod.rs`. Everything else is private
//! to the crate:
//!
//! | module | concern |
//! |---|---|
//! | `json` | Go-compatible canonical JSON, RFC 8785 JCS, Go-style pretty output |
//! | `digest` | `sha256:<hex>` digests |
//! | `sign` | Ed25519 signature strings, the development key, key generation |
//! | `diag` | findings, typed errors |
//! | `codes` | every finding and error code: section, severity, meaning (`docs/codes.md`) |
//! | `anip` | ANIP package trust loop: bundles, verify, lock files, build-local, bundle trees, refs, attach, lint |
//! | `anpkg` | Anolis `.anpkg` validation and export (`zip`) |
//! | `assets_pa` | Prometeu `assets.pa` writer, reader, GLYPH banks, packer |
//! | `emulate` | Go and Python library behaviour upstream output depends on (`go/`, `python/`) |
//! | `sort` | stable sorting through one copy of the standard sort (WASM size) |
//!
//! Features: `std` (streaming helpers), `zip` (`.anpkg`, needs `std`), `keygen` (fresh
//! keys from `getrandom`). Without them the crate is `no_std` + `alloc` and builds for
//! targets with no operating system (the rust suite builds `thumbv7em-none-eabihf`).
#![cfg_attr(not(feature = "std"), no_std)]
#![forbid(unsafe_code)]

extern crate alloc;
// Unit tests run without default features too (the no_std build on the host); the
// test harness itself needs std.
#[cfg(all(test, not(feature = "std")))]
extern crate std;

// The families are private: hosts come in through `api` only.
mod anip;
#[cfg(feature = "zip")]
mod anpkg;
pub mod api;
mod assets_pa;
mod budgets;
mod codes;
mod diag;
mod digest;
mod emulate;
mod json;
mod sign;
mod sort;

/// The crate version, reported by every host.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
