//! trustloop-core: one sans-IO verification core for every trustloop host.
//!
//! The core never opens a file, reads the clock, spawns a process or touches the
//! network: hosts hand it bytes (or, with `std`, readers) and receive values.
//! Every problem is a [`diag::Finding`] with a stable code.
//!
//! | module | concern |
//! |---|---|
//! | [`json`] | Go-compatible canonical JSON, RFC 8785 JCS, Go-style pretty output |
//! | [`digest`] | `sha256:<hex>` digests |
//! | [`sign`] | Ed25519 signature strings, the development key, key generation |
//! | [`diag`] | findings, codes, typed errors |
//! | [`anip`] | ANIP package trust loop: bundles, verify, lock files, build-local |
//! | [`api`] | the operations every host exposes |
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
mod bundle_tree;
mod diag;
mod digest;
mod json;
mod refs;
mod sign;

/// The crate version, reported by every host.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
