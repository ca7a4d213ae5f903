//! The shared wasm tests in Node (wasm-bindgen-test-runner's default).
mod common;
