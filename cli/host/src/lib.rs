//! `trustloop_host`: the host side of trustloop, shared by every native host.
//!
//! The core is sans-IO; opening files, walking directories, spawning the `.anpkg`
//! replay, staging outputs and fetching registry documents happen here, once. The
//! `trustloop` binary (with feature `net`) and the Python and Node bindings (without
//! it: no HTTP stack) all call this crate, so the three hosts follow one set of rules,
//! limits and messages. It reaches the core only through `trustloop_core::api`.
//!
//! | module | what it does | used by |
//! |---|---|---|
//! | [`files`] | bounded reads with upstream's error texts, atomic writes (0600 when private) | CLI |
//! | [`go_errors`] | Go's `*PathError` texts (`open <path>: …`) | CLI, and the other modules here |
//! | [`http`] | the one HTTP client (feature `net`): registry GETs, the publish POST | CLI |
//! | [`open`] | non-blocking, no-follow opens checked on the handle; capped reads; directory handles | every module here |
//! | [`panics`] | the quiet panic hook and the message of a caught panic | bindings |
//! | [`paths`] | user paths spelled as the reference tools resolve them | CLI, bindings |
//! | [`walk`] | directory listing that never follows symlinks, walk limits, custom-code-bundle walk | CLI, and the other walks here |
//! | [`anpkg`] | `.anpkg` validate (package reading, replay with env scrubbing and timeout) and export (project reading, atomic write) | CLI, bindings |
//! | [`assets_project`] | `assets.pa` pack from a project directory: symlink-refusing reads, staging then promotion | CLI, bindings |
//! | [`batch`] | many inputs on every core, results in input order (the batch operations, streamed to the bindings; the CLI's multi-input commands) | CLI, bindings |
//! | [`call`] | the native bindings' one entry: the core's dispatcher plus the path operations | bindings |
//! | [`registry`] | lock-file gaps and the URLs to GET (built by the core); the HTTP fetch behind feature `net` | CLI (fetch), bindings (URLs; they fetch with urllib/fetch) |
//! | `sync` | a mutex's lock, poisoned or not | the other modules here |
//!
//! These modules used to exist twice (the CLI's and an adapted copy for the bindings).
//! Where the copies differed, the stricter or more correct behaviour was kept; each
//! module's doc names its choices.
#![forbid(unsafe_code)]

pub mod anpkg;
pub mod assets_project;
pub mod batch;
pub mod call;
pub mod files;
pub mod go_errors;
#[cfg(feature = "net")]
pub mod http;
pub mod open;
pub mod panics;
pub mod paths;
pub mod registry;
#[cfg(test)]
mod scratch;
mod sync;
pub mod walk;
