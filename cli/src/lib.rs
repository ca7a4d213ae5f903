//! `trustloop_cli`: the host side of trustloop, shared by every native host.
//!
//! The core is sans-IO; opening files, walking directories, spawning the `.anpkg`
//! replay, staging outputs and fetching registry documents happen here, once. The
//! `trustloop` binary (feature `cli`) and the Python and Node bindings (which depend
//! on this crate with `default-features = false`: no clap, no HTTP stack) all call
//! [`host`], so the three hosts follow one set of rules, limits and messages.
#![forbid(unsafe_code)]

pub mod host;
